"""The build's identity, computed once: edition version, git commit and build date.

The build date is what makes two builds of the same commit byte-identical: it is
SOURCE_DATE_EPOCH if set (the reproducible-builds convention, which MkDocs honours for the sitemap),
else the date of the commit being built, else a fixed fallback (outside a git checkout, e.g. from a
tarball). Never the clock.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from albazin.core.paths import PROJECT_ROOT

UNKNOWN = "unknown"
# 1970-01-01: the same on every machine, and plainly not a real date of the edition.
FALLBACK_EPOCH = 0
SHORT_HASH = 12  # fixed: git's own --short length grows with the repository, so differs between clones


class BuildInfoError(ValueError):
    """The environment names an impossible build date."""


@dataclass(frozen=True)
class BuildInfo:
    version: str  # the edition's version (editionStmt/edition/@n)
    commit: str  # full hash, or "unknown"
    commit_short: str
    epoch: int  # seconds since 1970, UTC

    @property
    def date(self) -> str:
        return datetime.fromtimestamp(self.epoch, UTC).strftime("%Y-%m-%d")

    def extra(self) -> dict[str, str]:
        """What templates see as config.extra.build."""
        return {"version": self.version, "commit": self.commit, "commit_short": self.commit_short,
                "date": self.date}


def _git(root: Path, *args: str) -> str | None:
    """Output of a read-only git command in the project, or None (no git, not a checkout, error)."""
    try:
        # No timeout: these are local, read-only queries (and a timed wait fails under faketime).
        result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() if result.returncode == 0 and result.stdout.strip() else None


@cache
def _commit(root: Path) -> tuple[str, int] | None:
    """(full hash, commit time) of HEAD, if root is the top of a git checkout (not just inside one:
    a tarball unpacked in some other repository must not take that repository's commit)."""
    top = _git(root, "rev-parse", "--show-toplevel")
    if top is None or Path(top).resolve() != root.resolve():
        return None
    found = _git(root, "log", "-1", "--format=%H %ct")
    if found is None:
        return None
    full, _, seconds = found.partition(" ")
    return (full, int(seconds)) if seconds.isdigit() else None


# The last second a zip file can record (its year field ends at 2107): the corpus zip is dated by it.
MAX_EPOCH = 4354819199
_EPOCH = re.compile(r"[0-9]{1,12}")  # ASCII digits only: str.isdigit() accepts "²" and "１２"


def parse_epoch(value: str) -> int:
    """SOURCE_DATE_EPOCH as a number of seconds; BuildInfoError for anything else."""
    if not _EPOCH.fullmatch(value.strip()):
        raise BuildInfoError(f'SOURCE_DATE_EPOCH="{value}" is not a whole number of seconds since 1970')
    epoch = int(value.strip())
    if epoch > MAX_EPOCH:
        raise BuildInfoError(f'SOURCE_DATE_EPOCH="{value}" is after 2107-12-31, the last date a zip file can record')
    return epoch


def _source_date_epoch(environ: Mapping[str, str]) -> int | None:
    value = environ.get("SOURCE_DATE_EPOCH")
    if value is None or value.strip() == "":
        return None
    return parse_epoch(value)


def of(version: str, root: Path = PROJECT_ROOT, environ: Mapping[str, str] | None = None) -> BuildInfo:
    """The identity of a build of the project at root (BuildInfoError for a bad SOURCE_DATE_EPOCH)."""
    environ = os.environ if environ is None else environ
    commit = _commit(root)
    epoch = _source_date_epoch(environ)
    if epoch is None:
        epoch = commit[1] if commit else FALLBACK_EPOCH
    full = commit[0] if commit else UNKNOWN
    return BuildInfo(version, full, full[:SHORT_HASH] if commit else UNKNOWN, epoch)
