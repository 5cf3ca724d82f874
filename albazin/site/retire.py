"""The previous build's site, deleted in the background instead of by MkDocs before the pages.

`mkdocs build` empties site_dir right after on_pre_build (`mkdocs.utils.clean_directory`: every
entry but the hidden ones, one unlink or rmdir at a time). The edition's site has ~735 folders, 680
of them the static DTS tree, and emptying it held up the build by about 0.12 s here (ext4), while
the second core had nothing to do. So the main build's on_pre_build moves the old entries into a
hidden folder beside site_dir (`.<site>-retired-XXXX`, one rename per top-level entry; a folder
inside site/ would be published) and an `rm -rf` process deletes it while the pages are rendered;
MkDocs then finds nothing to clean. The build waits for it before it ends (`finish`, from the last
on_post_build and from on_build_error), so the command leaves nothing behind; a folder left by a
build that was killed is deleted by the next one.

Only for `mkdocs build` without `--dirty` (on_startup says which), and only in the main build:
mkdocs-static-i18n builds the other languages with cleaning switched off, and their on_pre_build must
not touch the pages already written. Where anything cannot be moved (another file system, no
permission), the rest is left to MkDocs' own cleaning, as before.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

_cleaning_build = False  # set once per process from on_startup: `mkdocs build`, not --dirty


def started(command: str, dirty: bool) -> None:
    global _cleaning_build
    _cleaning_build = command == "build" and not dirty


@dataclass
class Retired:
    """A deletion under way; both None when there was nothing to delete."""
    process: subprocess.Popen | None = None
    thread: threading.Thread | None = None


def _prefix(site_dir: Path) -> str:
    return f".{site_dir.name}-retired-"


def retire(site_dir: Path) -> Retired:
    """Move what MkDocs would delete out of site_dir and start deleting it; return the deletion."""
    if not _cleaning_build or site_dir.is_symlink() or not site_dir.is_dir():
        return Retired()
    leftovers = [p for p in site_dir.parent.glob(_prefix(site_dir) + "*") if p.is_dir() and not p.is_symlink()]
    try:
        trash = Path(tempfile.mkdtemp(prefix=_prefix(site_dir), dir=site_dir.parent))
    except OSError:
        return Retired()
    try:
        for name in os.listdir(site_dir):
            if not name.startswith("."):  # what clean_directory skips stays, as it would
                os.rename(site_dir / name, trash / name)
    except OSError:
        pass  # what is left, MkDocs cleans
    return _delete([trash, *leftovers])


def _delete(folders: list[Path]) -> Retired:
    rm = shutil.which("rm")
    if rm is not None:  # its own process: deleting takes no time from the build's Python thread
        try:
            return Retired(process=subprocess.Popen([rm, "-rf", "--", *map(str, folders)],
                                                    stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                                    stderr=subprocess.DEVNULL))
        except OSError:
            pass
    thread = threading.Thread(target=_remove, args=(folders,), name="albazin-retire")
    thread.start()
    return Retired(thread=thread)


def _remove(folders: list[Path]) -> None:
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


def finish(retired: Retired | None) -> None:
    """Wait until the deletion is done (no timeout: a timed wait fails under faketime)."""
    if retired is None:
        return
    if retired.process is not None:
        retired.process.wait()
    if retired.thread is not None:
        retired.thread.join()
