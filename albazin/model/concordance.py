"""The concordance of figures: for every question, what each text says, and whether they agree.

Rows are questions grouped by episode (the taxonomy in edition.xml); cells are the texts. Texts
are compared dimension by dimension (a date with a date, men with men): two texts disagree on a
question when, in some dimension both state, a value of one does not overlap a value of the other.
The same records feed the page, the CSV/JSON downloads and the charts.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from typing import Literal

from albazin.model.figures import DATE, Bound, Figure, Value, figures
from albazin.model.model import Edition, Episode, Question, per_edition

# A corpus of more texts than this is shown compactly (a column per text, a line per text in each
# chart, stop being readable): one column lists the figures of the texts that state one, in text
# order, each labelled with its siglum; another names the texts that are silent.
MANY_TEXTS = 6

Status = Literal["disagree", "agree", "unmatched", "single"]
STATUSES: tuple[Status, ...] = ("disagree", "agree", "unmatched", "single")


@dataclass(frozen=True)
class Cell:
    siglum: str
    figures: tuple[Figure, ...]

    @property
    def stated(self) -> bool:
        return bool(self.figures)


@dataclass(frozen=True)
class Row:
    question: Question
    cells: tuple[Cell, ...]
    status: Status
    conflicts: tuple[str, ...] = ()  # the dimensions on which the texts disagree

    def figures(self) -> list[Figure]:
        return [f for cell in self.cells for f in cell.figures]

    def numeric_figures(self) -> list[Figure]:
        return [f for f in self.figures() if f.value.dimension != DATE]

    def dated_figures(self) -> list[Figure]:
        return [f for f in self.figures() if f.value.dimension == DATE]


@dataclass(frozen=True)
class Section:
    episode: Episode
    rows: tuple[Row, ...]


def _conflicting(bounds: list[tuple[Bound, Bound]]) -> bool:
    """Whether two of the texts disagree in one dimension, given each text's (highest lower bound,
    lowest upper bound): two values fail to overlap exactly when one lies wholly above the other,
    so some text's highest lower bound exceeds another text's lowest upper bound. Linear in the
    number of texts (comparing every pair of texts is quadratic: 45,000 pairs at 300 texts)."""
    top = heapq.nlargest(2, range(len(bounds)), key=lambda i: bounds[i][0])
    return any(bounds[top[0] if top[0] != j else top[1]][0] > high for j, (_, high) in enumerate(bounds))


def compare(cells: tuple[Cell, ...]) -> tuple[Status, tuple[str, ...]]:
    """Two texts disagree in a dimension when a value of one does not overlap a value of the other;
    texts agree when they share a dimension and no such pair exists."""
    stating = [c for c in cells if c.stated]
    if len(stating) < 2:
        return "single", ()
    bounds: dict[str, list[tuple[Bound, Bound]]] = {}
    for cell in stating:
        by_dimension: dict[str, list[Value]] = {}
        for f in cell.figures:
            by_dimension.setdefault(f.value.dimension, []).append(f.value)
        for dimension, values in by_dimension.items():
            bounds.setdefault(dimension, []).append((max(v.low for v in values), min(v.high for v in values)))
    shared = {d: b for d, b in bounds.items() if len(b) > 1}
    conflicts = tuple(sorted(d for d, b in shared.items() if _conflicting(b)))
    if conflicts:
        return "disagree", conflicts
    return ("agree" if shared else "unmatched"), ()


def concordance(edition: Edition, every_figure: list[Figure]) -> list[Section]:
    sigla = [t.siglum for t in edition.texts]
    by_question: dict[str, list[Figure]] = {}
    for figure in every_figure:
        by_question.setdefault(figure.question, []).append(figure)
    sections = []
    for episode in edition.episodes:
        rows = []
        for question in episode.questions:
            by_text: dict[str, list[Figure]] = {}
            for f in by_question.get(question.xml_id, []):
                by_text.setdefault(f.siglum, []).append(f)
            cells = tuple(Cell(s, tuple(by_text.get(s, ()))) for s in sigla)
            status, conflicts = compare(cells)
            rows.append(Row(question, cells, status, conflicts))
        sections.append(Section(episode, tuple(rows)))
    return sections


@per_edition
def of_edition(edition: Edition) -> list[Section]:
    """The edition's concordance, computed once per edition."""
    return concordance(edition, figures(edition))


def rows(sections: list[Section]) -> list[Row]:
    return [row for section in sections for row in section.rows]
