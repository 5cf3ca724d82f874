"""Load + validate + transform the corpus, once per content: the single entry to the model.

MkDocs re-imports hook modules on every rebuild and mkdocs-static-i18n runs the whole build once
per language, so the result is cached here (an ordinary module, imported once per process),
keyed by the hash of every corpus file.

The schema validator (a JVM) runs in its own process while Python builds and checks the model:
`start_check` returns as soon as the model is built, with the model as `provisional`;
`PendingCheck.result()` waits for the validator's verdict. `check` and `load_edition` do both.

This is the TEI layer: it imports no page renderer and nothing of the publishing layer (downloads,
citations, exports). The one check that needs to know what the pages publish, the anchor registry,
is handed in by the caller as a `LateCheck` (albazin/site/sitecheck.py: `albazin check`, the
build and `make anchors` check the corpus with it).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from albazin.core.diagnostics import Diagnostic, TeiError
from albazin.core.paths import SCHEMA_PATH, tei_dir
from albazin.core.safeio import UnsafeFile, read_bounded
from albazin.load import citetree, corpusfiles, rules, schema, teiload
from albazin.model import alignment, commentary, editorial, figures, htmlids, names, transform
from albazin.model.model import Edition

_cache: dict[str, PendingCheck] = {}


@dataclass(frozen=True)
class LateCheck:
    """A check that needs more than the TEI (the anchor registry: what the pages publish), run last
    on a sound model; its diagnostics are the model's own (reported only for schema-valid TEI)."""
    name: str
    fingerprint: Callable[[Path], object]  # what its own files are now (part of the cache key)
    check: Callable[[Edition, Path], list[Diagnostic]]


def _corpus_key(directory: Path, late: Sequence[LateCheck] = ()) -> str:
    """The corpus as the check sees it: every TEI file's name and bytes (read as the loader reads
    them: bounded, never through a link), what the published folders and the anchor registry hold."""
    digest = hashlib.sha256(str(directory).encode())
    for name in corpusfiles.tei_files(directory).names:
        digest.update(b"\0" + name.encode("utf-8", "surrogateescape") + b"\0")
        try:
            digest.update(read_bounded(directory / name, teiload.MAX_FILE_BYTES))
        except UnsafeFile as exc:
            digest.update(f"<{exc.code}: {exc.message}>".encode())
    digest.update(repr(corpusfiles.fingerprint(directory)).encode("utf-8", "surrogateescape"))
    for late_check in late:
        digest.update(f"\0{late_check.name}\0{late_check.fingerprint(directory)!r}".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


@dataclass
class PendingCheck:
    """A check of the corpus whose schema validation may still be running."""
    provisional: Edition | None  # the model, built before the validator's verdict (None: not built)
    early: list[Diagnostic]  # what the loader and the project's rules found (no model is built then)
    validation: schema.Validation | None
    model_problems: list[Diagnostic] = field(default_factory=list)  # the model's own checks
    _result: tuple[Edition | None, list[Diagnostic]] | None = field(default=None, repr=False)

    def result(self) -> tuple[Edition | None, list[Diagnostic]]:
        """Every diagnostic of the corpus; the edition only if there are none (waits for the validator)."""
        if self._result is None:
            found = self.early + (self.validation.diagnostics() if self.validation else [])
            if found or self.provisional is None:
                # The model's own checks are reported only for schema-valid, rule-abiding TEI: they assume it.
                self._result = None, sorted(set(found))
            else:
                self._result = (None if self.model_problems else self.provisional), sorted(set(self.model_problems))
        return self._result


def check(directory: Path | None = None, schema_path: Path = SCHEMA_PATH,
          late: Sequence[LateCheck] = ()) -> tuple[Edition | None, list[Diagnostic]]:
    """Every diagnostic of the corpus; the edition only if there are none."""
    return start_check(directory, schema_path, late).result()


def start_check(directory: Path | None = None, schema_path: Path = SCHEMA_PATH,
                late: Sequence[LateCheck] = ()) -> PendingCheck:
    """Load the corpus, start the schema validator, check the rules and build the model."""
    directory = directory or tei_dir()
    if not directory.is_dir():
        return PendingCheck(None, [Diagnostic.at(directory, 0, "empty-corpus",
                                                 "is not a folder (the corpus: tei/ or ALBAZIN_TEI_DIR)")], None)
    listing, published = corpusfiles.tei_files(directory), corpusfiles.published_files(directory)
    paths = listing.files
    if not listing.names:
        return PendingCheck(None, [Diagnostic.at(directory, 0, "empty-corpus", "no TEI files (*.xml) found")], None)
    diagnostics: list[Diagnostic] = listing.diagnostics + published.diagnostics
    files = []
    for path in paths:
        loaded, problems = teiload.load(path)
        diagnostics += problems
        if loaded is not None:
            files.append(loaded)
    validation = schema.start(files, schema_path)  # the validator runs in its own process meanwhile
    # Pointers into a file that failed to load are not checked: its own error says what is wrong.
    diagnostics += rules.check(files, unloaded=frozenset(listing.names) - {f.path.name for f in files})
    diagnostics += corpusfiles.check_witnesses(files, published.files)
    modelled = None if diagnostics else _model_while_validating(files, directory, validation, late)
    if modelled is None:
        return PendingCheck(None, diagnostics, validation)
    edition, problems = modelled
    return PendingCheck(edition, [], validation, problems)


def _model_while_validating(files: list[teiload.TeiFile], directory: Path, validation: schema.Validation,
                            late: Sequence[LateCheck]) -> tuple[Edition, list[Diagnostic]] | None:
    """Build and check the model while the schema validator runs. The model assumes schema-valid
    TEI: if it fails on this input and the schema explains why, the schema's diagnostics are what
    the reader gets (None here); a failure on valid TEI is a bug and propagates."""
    try:
        return _model(files, directory, late)
    except Exception:
        if validation.diagnostics():
            return None
        raise


def _model(files: list[teiload.TeiFile], directory: Path,
           late: Sequence[LateCheck] = ()) -> tuple[Edition, list[Diagnostic]]:
    edition, problems = transform.edition(files)
    trees, cite_problems = citetree.of_corpus(files, {d.file_name for d in edition.documents()})
    edition = replace(edition, citation_trees=trees)
    problems += cite_problems
    edition, more = editorial.attach(edition, files)
    problems += more
    problems += names.check(edition, directory)
    problems += editorial.check(edition, directory)
    problems += figures.check(edition, directory)
    problems += alignment.check(edition, directory)
    problems += htmlids.check(edition, files)
    if not problems:  # the commentary's checks compare figures, which must be sound first
        problems += commentary.check(edition, directory)
    for late_check in late:
        if not problems:  # e.g. published anchors: computed from a sound model
            problems += late_check.check(edition, directory)
    return edition, problems


def start_edition(directory: Path | None = None, late: Sequence[LateCheck] = ()) -> PendingCheck:
    """The check of the current corpus: the cached one if the files are unchanged and it passed."""
    directory = directory or tei_dir()
    key = _corpus_key(directory, late)
    if key not in _cache:
        _cache.clear()  # keep only the current corpus: serve sessions edit the same files
        _cache[key] = start_check(directory, late=late)
    return _cache[key]


def confirmed(pending: PendingCheck) -> Edition:
    """The validated edition, or TeiError listing every problem (then forgotten, so a repaired
    registry or schema is seen by the next call)."""
    edition, diagnostics = pending.result()
    if diagnostics or edition is None:
        _cache.clear()
        raise TeiError(diagnostics)
    return edition


def load_edition(directory: Path | None = None, late: Sequence[LateCheck] = ()) -> Edition:
    """The validated edition, or TeiError listing every problem."""
    return confirmed(start_edition(directory, late))
