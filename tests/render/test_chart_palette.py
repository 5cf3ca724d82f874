"""The charts' colours follow a text's position among the texts, not its siglum: every position has
a colour in both schemes (≥ 3:1 on the page, WCAG 1.4.11), a seventh text is drawn like any other,
and with the shapes the pair (colour, shape) tells twelve texts apart."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from albazin.model.model import Edition
from albazin.render import charts
from tests.render.test_chart_scales import _row

CSS = Path(__file__).resolve().parents[2] / "docs" / "assets" / "css"
PAGE = {"light": "#ffffff", "dark": "#1e2129"}  # Material's default and slate page backgrounds


def _scheme_block(css: str, scheme: str) -> str:
    selector = ':root,\n[data-md-color-scheme="default"] {' if scheme == "light" else '[data-md-color-scheme="slate"] {'
    start = css.index(selector)
    return css[start:css.index("}", start)]


def _colours(scheme: str) -> dict[int, str]:
    block = _scheme_block((CSS / "base.css").read_text(encoding="utf-8"), scheme)
    return {int(n): value for n, value in re.findall(r"--alb-siglum-(\d+):\s*(#[0-9a-f]{6})", block)}


def _luminance(colour: str) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("scheme", PAGE)
def test_every_position_has_a_colour_that_stands_out(scheme: str) -> None:
    colours = _colours(scheme)
    assert sorted(colours) == list(range(1, charts.COLOURS + 1))
    assert len(set(colours.values())) == charts.COLOURS
    low = {n: round(_contrast(c, PAGE[scheme]), 2) for n, c in colours.items() if _contrast(c, PAGE[scheme]) < 3}
    assert low == {}, f"below 3:1 on the {scheme} page"


def test_every_mark_class_takes_its_colour() -> None:
    css = (CSS / "concordance.css").read_text(encoding="utf-8")
    for n in range(1, charts.COLOURS + 1):
        assert f".alb-chart__mark--{n} {{ fill: var(--alb-siglum-{n}); }}" in css
        assert f".alb-chart__range--{n} {{ stroke: var(--alb-siglum-{n}); }}" in css
    assert not re.search(r"alb-chart__(?:mark|range)--[a-z]", css), "a colour by siglum is left"


def _legend_marks(sigla: list[str]) -> list[tuple[str, str]]:
    """(colour class, shape) of each text in a chart legend."""
    out = []
    for item in charts.legend(sigla, "en"):
        if not isinstance(item, str):
            mark = item[0]
            colour = next(c for c in mark.get("class").split() if re.fullmatch(r"alb-chart__mark--\d+", c))
            out.append((colour, mark.tag.split("}")[-1]))
    return out


def test_a_seventh_text_has_a_colour_and_twelve_are_told_apart() -> None:
    sigla = [chr(ord("A") + i) for i in range(12)]
    marks = [(charts.mark_class(i).split()[-1], charts.SHAPES[i % len(charts.SHAPES)]) for i in range(12)]
    assert marks[6][0] == "alb-chart__mark--1" and marks[6][1] != marks[0][1]
    assert len(set(marks)) == 12
    legend = _legend_marks(sigla[:7])
    assert [colour for colour, _ in legend] == [f"alb-chart__mark--{i % charts.COLOURS + 1}" for i in range(7)]


def test_value_marks_name_their_text_and_take_its_position(edition: Edition) -> None:
    row = _row(edition, "q-1686-defenders")
    axis = charts.axis_for(charts.chart_values(row, "men"))
    chart = charts.dot_plot(row, "men", axis, "en")
    position = {cell.siglum: i for i, cell in enumerate(row.cells)}
    marks = chart.xpath(".//*[@data-siglum]")
    assert {m.get("data-siglum") for m in marks} == {"A", "B", "C"}
    for mark in marks:
        part = "range" if "alb-chart__range" in mark.get("class") else "mark"
        assert f"alb-chart__{part}--{position[mark.get('data-siglum')] + 1}" in mark.get("class").split()
