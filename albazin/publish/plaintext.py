"""Plain-text files of the texts, critical and diplomatic, as published on the downloads page.

The lines (one per heading, paragraph and bibliography item) come from the TEI through
`readings.plain_lines`. What the TEI does not record — the blank lines between them and whether
the file ends with a newline, declared not significant in the encoding description — is taken from
the copy-text when the text has one, so that the diplomatic file of an original is byte for byte
its copy-text (tests/publish/test_downloads.py proves it) and the critical file lines up with it line by
line (a line diff shows exactly the emended units). Translations have no copy-text: one line per
unit and a final newline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from albazin.model.model import TextDoc, View
from albazin.model.readings import plain_lines

_LINE = re.compile(r"[^\n]*\n|[^\n]+$")


@dataclass(frozen=True)
class Layout:
    """The whitespace around the text lines: before the first, between each two, after the last."""
    leading: str
    separators: tuple[str, ...]
    trailing: str


def default_layout(count: int) -> Layout:
    return Layout("", ("\n",) * max(count - 1, 0), "\n" if count else "")


def layout_of(copy_text: str) -> Layout:
    """The layout of a plain text: runs of blank (whitespace-only) lines become separators."""
    leading, separators, trailing = "", [], ""
    pending, seen_text = "", False
    for line in _LINE.findall(copy_text):
        content = line.rstrip("\n")
        if not content.strip():
            pending += line
            continue
        if seen_text:
            separators.append(trailing + pending)
        else:
            leading = pending
        seen_text, pending = True, ""
        trailing = line[len(content):]  # this line's own newline, if any
    return Layout(leading, tuple(separators), trailing + pending)


def join(lines: list[str], layout: Layout) -> str:
    """The lines in the layout; the default layout if the line counts differ (the TEI has gained or
    lost a unit: the fidelity tests then fail on the text, not on the whitespace)."""
    if len(layout.separators) != max(len(lines) - 1, 0) or not lines:
        layout = default_layout(len(lines))
    out = [layout.leading]
    for i, line in enumerate(lines):
        out.append(line)
        out.append(layout.separators[i] if i < len(layout.separators) else layout.trailing)
    return "".join(out)


def text_file(text: TextDoc, view: View, copy_text: str | None) -> str:
    """The text in one reading, laid out like its copy-text if it has one."""
    lines = plain_lines(text, view)
    return join(lines, layout_of(copy_text) if copy_text is not None else default_layout(len(lines)))
