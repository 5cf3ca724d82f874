"""Reading a file without following links, without blocking, without reading more than a limit.

`read_bounded` opens the file with O_NOFOLLOW and O_NONBLOCK (a symbolic link, a named pipe or a
device is never read), checks the opened file itself (fstat: a regular file, within the limit) and
reads at most limit + 1 bytes, so that a file growing meanwhile cannot make the build read without
end. albazin/load/teiload.py reads the TEI this way, albazin/model/pipeline.py its cache key, and
albazin/publish/downloads.py the files it publishes.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

MAX_TEI_BYTES = 5 * 1024 * 1024  # the real texts are ~20–100 KB; anything this large is a mistake
MAX_PUBLISHED_BYTES = 20 * 1024 * 1024  # copy-texts and the schema (tei_all.rng is ~1 MB)


class UnsafeFile(OSError):
    """A file the build refuses to read; `code` is the diagnostic's kind."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code, self.message = code, message


_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def not_regular(mode: int) -> UnsafeFile | None:
    if stat.S_ISLNK(mode):
        return UnsafeFile("symlink", "is a symbolic link; the build reads only regular files inside the corpus "
                                     "folder, never through a link")
    if stat.S_ISREG(mode):
        return None
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    return UnsafeFile("not-a-file", f"is {kind}, not a regular file")


def too_large(size: int, limit: int) -> UnsafeFile:
    what = "one TEI text" if limit == MAX_TEI_BYTES else "a published file"
    return UnsafeFile("too-large", f"file is {size} bytes, over the limit of {limit} bytes for {what}")


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; UnsafeFile (or OSError) otherwise."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        problem = entry_problem(path)  # ELOOP from O_NOFOLLOW: a symbolic link
        if problem is not None:
            raise problem from None
        raise UnsafeFile("unreadable", f"cannot read file: {exc.strerror}") from None
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(f.fileno())
        problem = not_regular(info.st_mode)
        if problem is not None:
            raise problem
        if info.st_size > limit:
            raise too_large(info.st_size, limit)
        data = f.read(limit + 1)
    if len(data) > limit:
        raise too_large(len(data), limit)
    return data


def entry_problem(path: Path) -> UnsafeFile | None:
    try:
        return not_regular(os.lstat(path).st_mode)
    except OSError as exc:
        return UnsafeFile("unreadable", f"cannot read file: {exc.strerror}")


def write_if_changed(target: Path, data: bytes) -> bool:
    """Write `data` to `target` (making its folder) unless the file already holds exactly those bytes;
    whether it wrote. The second language's build rewrites nothing the first wrote, so a file is
    never rewritten while the search indexer, started between the two, may be reading it."""
    try:
        if target.read_bytes() == data:
            return False
    except OSError:
        pass
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return True
