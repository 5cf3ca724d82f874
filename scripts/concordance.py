"""The concordance of figures: for every question, what each text says, and whether they agree.

Rows are questions grouped by episode (the taxonomy in edition.xml); cells are the texts. Texts
are compared dimension by dimension (a date with a date, men with men): two texts disagree on a
question when, in some dimension both state, a value of one does not overlap a value of the other.
The same records feed the page, the CSV/JSON downloads and the charts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations
from typing import Literal

from .figures import DATE, Figure, figures
from .model import Edition, Episode, Question, per_edition

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


def _agree(a: Iterable[Figure], b: Iterable[Figure]) -> bool:
    b = list(b)
    return all(x.value.overlaps(y.value) for x in a for y in b)


def compare(cells: tuple[Cell, ...]) -> tuple[Status, tuple[str, ...]]:
    stating = [c for c in cells if c.stated]
    if len(stating) < 2:
        return "single", ()
    conflicts: set[str] = set()
    compared = False
    for first, second in combinations(stating, 2):
        shared = {f.value.dimension for f in first.figures} & {f.value.dimension for f in second.figures}
        for dimension in shared:
            compared = True
            mine = [f for f in first.figures if f.value.dimension == dimension]
            theirs = [f for f in second.figures if f.value.dimension == dimension]
            if not _agree(mine, theirs):
                conflicts.add(dimension)
    if conflicts:
        return "disagree", tuple(sorted(conflicts))
    return ("agree" if compared else "unmatched"), ()


def concordance(edition: Edition, every_figure: list[Figure]) -> list[Section]:
    sigla = [t.siglum for t in edition.texts]
    by_question: dict[str, list[Figure]] = {}
    for figure in every_figure:
        by_question.setdefault(figure.question, []).append(figure)
    sections = []
    for episode in edition.episodes:
        rows = []
        for question in episode.questions:
            found = by_question.get(question.xml_id, [])
            cells = tuple(Cell(s, tuple(f for f in found if f.siglum == s)) for s in sigla)
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
