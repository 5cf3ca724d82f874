"""Plain-text readings of the model.

The diplomatic reading is the text exactly as the copy-text has it (source readings, no
editorial additions); the critical reading takes the editors' corrections and regularisations.
`plain_text(text, "diplomatic")` reproduces the copy-text's own plain-text conventions
(a line per paragraph, wikitext `== Heading ==` lines), which is what the fidelity test compares.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from albazin.model.model import BiblList, Chars, Choice, Inline, Note, Paragraph, Phrase, TextDoc, View

_WS = re.compile(r"\s+")


def reading(nodes: Iterable[Inline], view: View) -> str:
    out = []
    for node in nodes:
        if isinstance(node, Chars):
            out.append(node.value)
        elif isinstance(node, Choice):
            out.append(reading(node.source if view == "diplomatic" else node.edited, view))
        elif isinstance(node, Phrase):
            out.append(reading(node.children, view))
        elif isinstance(node, Note):
            continue  # editorial addition, never part of the text
    return "".join(out)


def _head_line(text: str, rend: str | None) -> str:
    return f"== {text} ==" if rend == "wiki-h2" else text


def plain_lines(text: TextDoc, view: View) -> list[str]:
    """One line per head, paragraph and bibliography item, in document order."""
    lines = []
    for div in text.divisions:
        if div.head is not None:
            lines.append(_head_line(reading(div.head.content, view), div.head.rend))
        for block in div.blocks:
            if isinstance(block, Paragraph):
                lines.append(reading(block.content, view))
            elif isinstance(block, BiblList):
                lines += [reading(item.content, view) for item in block.items]
    return lines


def plain_text(text: TextDoc, view: View) -> str:
    return "\n".join(plain_lines(text, view)) + "\n"


def normalise_whitespace(s: str) -> str:
    return _WS.sub(" ", s).strip()
