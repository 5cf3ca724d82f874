"""The anchor registry's history in git: every anchor that a commit ever registered.

`anchors/published.tsv` may only grow (a moved anchor is declared in aliases.tsv, and keeps its
line). A line deleted from the file, or the whole file deleted, must not switch the protection off,
so the build compares the file with its history: every line any commit added must still be there.

`registered(directory)` reads that history with one `git log -p` of the file (~20 ms for the
edition's history) and gives each anchor the first commit that registered it. It is None when there
is no history to read: git not installed, the project not in a git checkout (a tarball build), or
the file never committed. Without history the build can still tell that the project's own
registry is missing (albazin/site/anchors.py), but not that lines were deleted from it before the
tarball was made. A shallow clone knows only the commits it fetched.
"""

from __future__ import annotations

import subprocess
from functools import cache
from pathlib import Path

SHORT = 12


def _git(directory: Path, *args: str) -> str | None:
    try:
        # No timeout: a local, read-only query (and a timed wait fails under faketime).
        result = subprocess.run(["git", "-C", str(directory), *args], capture_output=True, text=True, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


@cache
def _history(directory: str, path: str, head: str) -> dict[tuple[str, str], str]:
    out = _git(Path(directory), "log", "-p", "--no-color", "--no-ext-diff", "--no-renames", "--format=commit %H",
               "--", path) or ""
    found: dict[tuple[str, str], str] = {}
    commit = ""
    for line in out.splitlines():
        if line.startswith("commit "):
            commit = line.removeprefix("commit ")[:SHORT]
        elif line.startswith("+") and not line.startswith("+++"):
            cells = line[1:].split("\t")
            if len(cells) >= 2 and cells[0] and not cells[0].startswith("#"):
                found[(cells[0], cells[1])] = commit  # newest first: the last one seen registered it
    return found


def registered(root: Path, path: str) -> dict[tuple[str, str], str] | None:
    """(id, English page) → the commit that first registered it, for every line the history of the
    file root/path ever added (root: the folder holding the registry's folder, which may itself be
    gone); None if there is no history."""
    if not root.is_dir():
        return None
    head = _git(root, "rev-parse", "HEAD")
    if head is None:
        return None
    found = _history(str(root.resolve()), path, head.strip())
    return found or None
