"""The critical apparatus of a text, derived from the model: numbered entries with their lemmata.

An entry is an apparatus note plus what it comments on: the Choice (or <seg type="lemma">) it
points at through `@target`, and the citable unit (paragraph, bibliography item) it stands in.
Numbers follow document order and are for display only; the citation is the note's xml:id.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import BiblList, Choice, Inline, Note, Paragraph, Phrase, TextDoc, walk
from .readings import reading

APPARATUS = "apparatus"


@dataclass(frozen=True)
class Lemma:
    xml_id: str
    critical: str  # what the critical text prints ("" when the editors delete)
    diplomatic: str  # what the copy-text has ("" when the editors supply)
    kind: str  # "correction", "regularisation" or "lemma" (nothing emended)


@dataclass(frozen=True)
class Entry:
    number: int
    note: Note
    lemmata: tuple[Lemma, ...]
    unit_id: str  # the paragraph or bibliography item the lemma stands in
    unit_n: str | None

    @property
    def kind(self) -> str:
        kinds = {lemma.kind for lemma in self.lemmata}
        return kinds.pop() if len(kinds) == 1 else "lemma"


def lemma(node: Choice | Phrase) -> Lemma:
    if isinstance(node, Choice):
        return Lemma(node.xml_id or "", reading(node.edited, "critical"), reading(node.source, "diplomatic"),
                     node.kind)
    return Lemma(node.xml_id or "", reading(node.children, "critical"), reading(node.children, "diplomatic"),
                 "lemma")


def _units(text: TextDoc) -> list[tuple[str, str | None, tuple[Inline, ...]]]:
    units: list[tuple[str, str | None, tuple[Inline, ...]]] = []
    for div in text.divisions:
        if div.head is not None:
            units.append((div.xml_id, None, div.head.content))
        for block in div.blocks:
            if isinstance(block, Paragraph):
                units.append((block.xml_id, block.n, block.content))
            elif isinstance(block, BiblList):
                units += [(item.xml_id, None, item.content) for item in block.items]
    return units


def entries(text: TextDoc) -> list[Entry]:
    """Every apparatus note of the text, numbered from 1 in document order."""
    targets = text.lemmata()
    out: list[Entry] = []
    for unit_id, unit_n, content in _units(text):
        for node in walk(content):
            if isinstance(node, Note) and node.type == APPARATUS:
                lemmata = tuple(lemma(targets[t]) for t in node.targets if t in targets)
                out.append(Entry(len(out) + 1, node, lemmata, unit_id, unit_n))
    return out


def numbers(text: TextDoc) -> dict[str, int]:
    """Display number of each apparatus note, by note id."""
    return {e.note.xml_id: e.number for e in entries(text)}
