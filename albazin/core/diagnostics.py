"""Diagnostics: every problem names its file, line and what is wrong.

Like mkdocs' own validation, problems are collected and the build aborts once with all of them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from albazin.core.paths import display_path


@dataclass(frozen=True, order=True)
class Diagnostic:
    file: str
    line: int
    code: str  # short stable identifier, e.g. "duplicate-id"; counted in the build report
    message: str

    def __str__(self) -> str:
        location = f"{self.file}:{self.line}" if self.line else self.file
        # One line per problem whatever the input holds (a newline in a value or a file name, a
        # terminal escape in a file name): control characters are shown escaped.
        return _one_line(f"{location}: error: {self.message} [{self.code}]")

    @classmethod
    def at(cls, path: Path, line: int | None, code: str, message: str) -> Diagnostic:
        return cls(display_path(path), line or 0, code, message)


def _one_line(text: str) -> str:
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


class TeiError(Exception):
    """Raised once, after collecting, when the corpus has problems."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = sorted(set(diagnostics))
        super().__init__(report(self.diagnostics))


def report(diagnostics: list[Diagnostic]) -> str:
    """A build report: every diagnostic, then the counts per kind."""
    if not diagnostics:
        return "TEI corpus valid: 0 errors."
    lines = [f"TEI validation failed with {len(diagnostics)} error(s):"]
    lines += [f"  {d}" for d in diagnostics]
    counts = Counter(d.code for d in diagnostics)
    lines.append("By kind: " + ", ".join(f"{code} {n}" for code, n in sorted(counts.items())))
    return "\n".join(lines)
