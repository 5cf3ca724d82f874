"""The files of a corpus folder that the build reads or publishes, and how they are read.

The build reads exactly: the TEI files (`*.xml` directly in the corpus folder) and, to publish
them beside the TEI, every file of `schema/` and `sources/` (the copy-texts). Each must be a
regular file in its folder, with a safe name (albazin/core/identifiers.py), of bounded size:

- a symbolic link is refused, wherever it points (a file outside the project, /dev/zero, a loop,
  another corpus file): nothing outside the corpus is ever opened through it; so are the folders
  `schema/` and `sources/` themselves if they are links;
- a directory named `X.xml`, a named pipe or a device is refused without being opened for reading
  (a pipe would block, a device never end);
- names that differ only in case (`A.xml`, `a.xml`) are refused: one file on a case-insensitive
  system, and one member of the zip unpacked there;
- `read_bounded` opens a file without following a link (O_NOFOLLOW), checks the opened file
  (fstat: regular, size) and reads at most its limit + 1 bytes, so a file that grows meanwhile
  cannot make the build read without end. The corpus cache key (albazin/model/pipeline.py) reads the
  same way.

Every problem is a diagnostic naming the file, reported before anything is written. Each text's
`<idno type="witness-file">` must name one of the copy-texts found here, as `tei/sources/NAME`
(`check_witnesses`): never a path outside the corpus, never a file that is not there.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from albazin.core import identifiers
from albazin.core.diagnostics import Diagnostic
from albazin.core.safeio import MAX_PUBLISHED_BYTES, entry_problem, read_bounded, too_large
from albazin.load.teiload import TEI_NS, TeiFile

PUBLISHED_FOLDERS = ("schema", "sources")
SOURCES = "sources"
WITNESS_PREFIX = "tei/sources/"  # how a text names its copy-text (the site publishes it at tei/sources/)
WITNESS = "witness-file"


def _named(directory: Path, name: str) -> Path:
    """A path for a diagnostic about an entry whose name may not be printable."""
    return directory / identifiers.shown(name)


@dataclass(frozen=True)
class Listing:
    files: list[Path]  # the entries the build may read, sorted by name
    diagnostics: list[Diagnostic]
    names: tuple[str, ...] = ()  # every entry considered, refused ones included


def _listing(directory: Path, names: Iterable[str], what: str, limit: int | None = None) -> Listing:
    names = list(names)
    files, diagnostics = [], []
    for name in sorted(names):
        path = directory / name
        problem = identifiers.segment_problem(name)
        if problem:
            diagnostics.append(Diagnostic.at(_named(directory, name), 0, "bad-file-name",
                                             f'the {what} name "{identifiers.shown(name)}" {problem}'))
            continue
        refused = entry_problem(path)
        if refused is None and limit is not None and os.lstat(path).st_size > limit:
            refused = too_large(os.lstat(path).st_size, limit)
        if refused is not None:
            diagnostics.append(Diagnostic.at(path, 0, refused.code, refused.message))
            continue
        files.append(path)
    collisions = identifiers.case_collisions(p.name for p in files)
    for first, later in collisions:
        diagnostics.append(Diagnostic.at(directory / later, 0, "name-collision",
                                         f'"{later}" differs from "{first}" only in case: on a case-insensitive '
                                         "system (and in the zip unpacked there) they are one file"))
    refused = {later for _, later in collisions}
    return Listing([p for p in files if p.name not in refused], diagnostics, tuple(sorted(names)))


def _names(directory: Path) -> list[str]:
    """The entries of a folder, hidden ones left out (as a shell glob does: editors' lock files)."""
    try:
        return [n for n in os.listdir(directory) if not n.startswith(".")]
    except OSError:
        return []


def _lmode(path: Path) -> int:
    try:
        return os.lstat(path).st_mode
    except OSError:
        return 0


def tei_files(directory: Path) -> Listing:
    """The TEI files of the corpus: the *.xml entries directly in the folder (their size is checked
    when they are read: albazin/load/teiload.py)."""
    return _listing(directory, [n for n in _names(directory) if n.endswith(".xml")], "TEI file")


def published_files(directory: Path) -> Listing:
    """Every file of schema/ and sources/ (published beside the TEI), in that order; sub-folders are
    not published."""
    files, diagnostics = [], []
    for folder in PUBLISHED_FOLDERS:
        path = directory / folder
        mode = _lmode(path)
        if stat.S_ISLNK(mode):
            diagnostics.append(Diagnostic.at(path, 0, "symlink", "is a symbolic link; the folders of the corpus "
                                                                 "must be real folders inside it"))
            continue
        if not stat.S_ISDIR(mode):
            continue  # a corpus without copy-texts or schema publishes none
        names = [n for n in _names(path) if not stat.S_ISDIR(_lmode(path / n))]
        listing = _listing(path, names, "file", MAX_PUBLISHED_BYTES)
        files += listing.files
        diagnostics += listing.diagnostics
    return Listing(files, diagnostics)


def fingerprint(directory: Path) -> tuple:
    """What the published folders hold (names, kinds, sizes, times), for cache keys: a copy-text
    edit or a new symbolic link must be seen by the next check of a serve session."""
    out = []
    for folder in PUBLISHED_FOLDERS:
        path = directory / folder
        out.append((folder, _lmode(path)))
        if stat.S_ISDIR(_lmode(path)):
            for name in sorted(_names(path)):
                try:
                    info = os.lstat(path / name)
                except OSError:
                    continue
                out.append((folder, name, info.st_mode, info.st_size, info.st_mtime_ns))
    return tuple(out)


# --- each text's copy-text --------------------------------------------------------------------------

def _witness_idnos(f: TeiFile) -> list[etree._Element]:
    return f.root.xpath("tei:teiHeader/tei:fileDesc/tei:sourceDesc//tei:idno[@type=$t]",
                        namespaces={"tei": TEI_NS}, t=WITNESS)


def _is_utf8(path: Path) -> bool:
    try:
        read_bounded(path, MAX_PUBLISHED_BYTES).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return True


def check_witnesses(files: list[TeiFile], sources: list[Path]) -> list[Diagnostic]:
    """A text's copy-text is named as tei/sources/NAME, and that file is a published copy-text (a text
    that names none, like a translation, is published without one)."""
    available = {p.name: p for p in sources if p.parent.name == SOURCES}
    found = []
    for f in files:
        idnos = _witness_idnos(f)
        for idno in idnos:
            value = (idno.text or "").strip()
            name = value.removeprefix(WITNESS_PREFIX)
            where = f'<idno type="{WITNESS}"> "{identifiers.shown(value)}"'
            if not value.startswith(WITNESS_PREFIX) or identifiers.segment_problem(name):
                found.append(Diagnostic.at(f.path, idno.sourceline, "bad-witness-file",
                                           f"{where} must name a file of the corpus's sources folder as "
                                           f"{WITNESS_PREFIX}NAME (one safe file name, no sub-folder)"))
            elif name not in available:
                found.append(Diagnostic.at(f.path, idno.sourceline, "missing-witness-file",
                                           f"{where} names a copy-text that is not in the corpus "
                                           f"({SOURCES}/{name} is missing or was refused)"))
            elif not _is_utf8(available[name]):
                found.append(Diagnostic.at(f.path, idno.sourceline, "bad-witness-file",
                                           f"{where} names a copy-text that is not UTF-8 text (the plain-text "
                                           "downloads are laid out from it)"))
    return found
