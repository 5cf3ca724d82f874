"""The critical apparatus of a text, derived from the model: numbered entries with their lemmata.

An entry is an apparatus note plus what it comments on: the Choice (or <seg type="lemma">) it
points at through `@target`, and the citable unit (paragraph, bibliography item) it stands in.
Numbers follow document order and are for display only; the citation is the note's xml:id.
On the page an entry's number shows as a letter (1 → a, 27 → aa: `letter`), so that the apparatus
(letters) and the commentary (numbers) never look like one series.
"""

from __future__ import annotations

from dataclasses import dataclass

from albazin.model.model import Choice, Note, Phrase, TextDoc, walk
from albazin.model.readings import reading

APPARATUS = "apparatus"


@dataclass(frozen=True)
class Lemma:
    xml_id: str
    critical: str  # what the critical text prints ("" when the editors delete)
    diplomatic: str  # what the copy-text has ("" when the editors supply)
    kind: str  # "correction", "regularisation" or "lemma" (nothing emended)
    category: str | None = None  # a correction's class of emendation (edition.xml, taxonomy "emendations")


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

    @property
    def categories(self) -> tuple[str, ...]:
        """The classes of the entry's corrections, in order, each once."""
        return tuple(dict.fromkeys(lem.category for lem in self.lemmata if lem.category))


def lemma(node: Choice | Phrase) -> Lemma:
    if isinstance(node, Choice):
        return Lemma(node.xml_id or "", reading(node.edited, "critical"), reading(node.source, "diplomatic"),
                     node.kind, node.category)
    return Lemma(node.xml_id or "", reading(node.children, "critical"), reading(node.children, "diplomatic"),
                 "lemma")


def entries(text: TextDoc) -> list[Entry]:
    """Every apparatus note of the text, numbered from 1 in document order."""
    targets = text.lemmata()
    out: list[Entry] = []
    for unit in text.units():
        for node in walk(unit.content):
            if isinstance(node, Note) and node.type == APPARATUS:
                lemmata = tuple(lemma(targets[t]) for t in node.targets if t in targets)
                out.append(Entry(len(out) + 1, node, lemmata, unit.xml_id, unit.n))
    return out


def letter(number: int) -> str:
    """The display label of an apparatus entry: a … z, aa … az, ba … (bijective base 26)."""
    if number < 1:
        raise ValueError(f"apparatus numbers start at 1, not {number}")
    out = ""
    while number:
        number, rest = divmod(number - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


def numbering(found: list[Entry]) -> dict[str, int]:
    """Display number of each apparatus note, by note id."""
    return {e.note.xml_id: e.number for e in found}
