"""Load + validate + transform the corpus, once per content: the single entry to the model.

MkDocs re-imports hook modules on every rebuild and mkdocs-static-i18n runs the whole build once
per language, so the result is cached here (an ordinary module, imported once per process),
keyed by the hash of every corpus file.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from . import alignment, anchors, commentary, figures, names, rules, schema, teiload, transform
from .diagnostics import Diagnostic, TeiError
from .model import Edition
from .paths import SCHEMA_PATH, tei_dir

_cache: dict[str, Edition] = {}


def _corpus_key(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode())
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"<unreadable>")
    return digest.hexdigest()


def check(directory: Path | None = None, schema_path: Path = SCHEMA_PATH) -> tuple[Edition | None, list[Diagnostic]]:
    """Every diagnostic of the corpus; the edition only if there are none."""
    directory = directory or tei_dir()
    paths = teiload.corpus_files(directory)
    if not paths:
        return None, [Diagnostic.at(directory, 0, "empty-corpus", "no TEI files (*.xml) found")]
    diagnostics: list[Diagnostic] = []
    files = []
    for path in paths:
        loaded, problems = teiload.load(path)
        diagnostics += problems
        if loaded is not None:
            files.append(loaded)
    diagnostics += schema.validate(files, schema_path)
    # Pointers into a file that failed to load are not checked: its own error says what is wrong.
    diagnostics += rules.check(files, unloaded=frozenset(p.name for p in paths) - {f.path.name for f in files})
    if diagnostics:
        return None, sorted(set(diagnostics))
    edition, problems = transform.edition(files)
    problems += names.check(edition, directory)
    problems += figures.check(edition, directory)
    problems += alignment.check(edition, directory)
    if not problems:  # the commentary's checks compare figures, which must be sound first
        problems += commentary.check(edition, directory)
    if not problems:  # published anchors are computed from a sound model
        problems += anchors.check(edition, directory)
    return (None if problems else edition), sorted(set(problems))


def load_edition(directory: Path | None = None) -> Edition:
    """The validated edition, or TeiError listing every problem."""
    directory = directory or tei_dir()
    key = _corpus_key(teiload.corpus_files(directory))
    if key not in _cache:
        edition, diagnostics = check(directory)
        if diagnostics or edition is None:
            raise TeiError(diagnostics)
        _cache.clear()  # keep only the current corpus: serve sessions edit the same files
        _cache[key] = edition
    return _cache[key]
