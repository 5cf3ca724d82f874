"""Identifiers that become file names, URL paths or keys: one strict pattern, checked in one place.

A value from the TEI or from the file system that names a file or folder of the site, of docs/ or of
the corpus zip (a siglum, the edition version, a corpus file name, an xml:id used in a generated file
name) is a *path segment*, and every path segment must match SEGMENT:

    1–64 ASCII letters, digits, "_", "-" and ".", beginning with a letter or digit, with no two dots
    together and no dot at the end; not a name Windows reserves for a device (CON, NUL, COM1 …).

So no "/" or "\\", no "..", no hidden file, no absolute path, no drive letter, no space, no control
character, no look-alike non-ASCII letter: a valid segment names one file inside its folder on every
system that unpacks the zip. Two kinds of segment are narrower still:

    siglum   a letter, then letters, digits, "-" or "_" (at most 32): "A", "B-en", "A7"; not a name
             the edition uses for its own files ("edition": cite/edition.*; "index": texts/index)
    version  SemVer 2.0 without build metadata, at most 32 characters: "0.3.0", "1.0.0-rc.1"
             (release folders, the zip "albazin-edition-{version}.zip")

API (import this module wherever a value becomes a path or key):

    segment_problem(value) / siglum_problem(value) / version_problem(value)
        -> None if the value is valid, else why not (a phrase for a diagnostic:
           f'siglum "{value}" {problem}')
    is_segment(value) -> bool
    safe_join(base, *segments) -> Path
        base/segment/…, after checking every segment and that the result, symbolic links included,
        lies inside base; UnsafePath otherwise. For paths made of values (release folders named by
        version, an API tree named by ids).
    safe_relative(base, relative) -> Path
        the same for a "/"-separated relative path the build composed ("downloads/text/A.critical.txt")
    case_collisions(values) -> [(earlier, later), …]
        values equal but for case: distinct on Linux, one file on macOS and Windows, in a zip unpacked
        there, and one URL on a case-insensitive server.

Validation belongs before anything is written: the corpus rules (albazin/load/rules.py) report a bad
siglum or version as a diagnostic naming file and line; safe_join/safe_relative are the last guard
where the bytes are written (albazin/publish/downloads.py, albazin/publish/pages.py).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

MAX_SEGMENT = 64
MAX_VERSION = 32  # "albazin-edition-{version}.zip" must still be one segment, with room for others' names
SEGMENT = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9_-]|\.(?=[A-Za-z0-9_-]))*")
SIGLUM = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,31}")
VERSION = re.compile(r"(?:0|[1-9]\d{0,5})\.(?:0|[1-9]\d{0,5})\.(?:0|[1-9]\d{0,5})"
                     r"(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?")
# Device names Windows will not create as files, with any extension ("CON.txt", "nul.xml").
WINDOWS_DEVICES = re.compile(r"(?:CON|PRN|AUX|NUL|COM[1-9]|LPT[1-9])(?:\..*)?", re.IGNORECASE)
# Sigla the edition's own files use: a text with one would overwrite them (checked case-insensitively).
RESERVED_SIGLA = {"edition": "the edition's own citation records are cite/edition.*",
                  "index": "texts/index would be the section page of the texts"}

SEGMENT_RULE = ('a file or folder name is 1–64 ASCII letters, digits, "_", "-" or ".", beginning with a letter '
                'or digit, without ".." or a final "."')
SIGLUM_RULE = 'a siglum is 1–32 ASCII letters, digits, "-" or "_", beginning with a letter'
VERSION_RULE = ('a version is MAJOR.MINOR.PATCH with an optional pre-release ("0.3.0", "1.0.0-rc.1"), '
                'at most 32 characters')


class UnsafePath(ValueError):
    """A value that would name a path outside its folder, or not a single file in it."""


def shown(value: str) -> str:
    """The value as a diagnostic can print it on one line (control characters escaped)."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in value)


def segment_problem(value: str) -> str | None:
    if not value:
        return f"is empty ({SEGMENT_RULE})"
    if len(value) > MAX_SEGMENT:
        return f"is {len(value)} characters long ({SEGMENT_RULE})"
    if not SEGMENT.fullmatch(value):
        return f"is not a safe file name ({SEGMENT_RULE})"
    if WINDOWS_DEVICES.fullmatch(value):
        return "is a device name on Windows (CON, PRN, AUX, NUL, COM1–9, LPT1–9), which no file can have"
    return None


def is_segment(value: str) -> bool:
    return segment_problem(value) is None


def siglum_problem(value: str) -> str | None:
    if not SIGLUM.fullmatch(value):
        return f"is not a safe identifier ({SIGLUM_RULE}; it names the text's page and files)"
    reserved = RESERVED_SIGLA.get(value.lower())
    if reserved:
        return f"is reserved ({reserved})"
    return segment_problem(value)


def version_problem(value: str) -> str | None:
    if len(value) > MAX_VERSION or not VERSION.fullmatch(value):
        return f"is not a safe version ({VERSION_RULE}; it names the corpus zip and its folder)"
    return segment_problem(value)


def _inside(base: Path, target: Path) -> bool:
    try:
        target.relative_to(base)
    except ValueError:
        return False
    return True


def safe_join(base: Path, *segments: str) -> Path:
    """base/segments…, or UnsafePath: a segment is not a valid SEGMENT, or the path, with every
    symbolic link on the way resolved, is not inside base."""
    for segment in segments:
        problem = segment_problem(segment)
        if problem:
            raise UnsafePath(f'"{shown(segment)}" {problem}')
    target = base.joinpath(*segments)
    real_base = Path(os.path.realpath(base))
    if not _inside(real_base, Path(os.path.realpath(target))):
        raise UnsafePath(f'"{shown("/".join(segments))}" leads outside {base}')
    return target


def safe_relative(base: Path, relative: str) -> Path:
    """base/relative for a "/"-separated relative path; UnsafePath as for safe_join."""
    if not relative or relative.startswith("/"):
        raise UnsafePath(f'"{shown(relative)}" is not a relative path')
    return safe_join(base, *relative.split("/"))


def case_collisions(values: Iterable[str]) -> list[tuple[str, str]]:
    """(first, later) pairs of values equal but for case, in the order given; exact repeats too."""
    first: dict[str, str] = {}
    found = []
    for value in values:
        key = value.casefold()
        if key in first:
            found.append((first[key], value))
        else:
            first[key] = value
    return found
