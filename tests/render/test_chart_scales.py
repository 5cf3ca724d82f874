"""Each concordance chart on its own axis (issue 19 item 6): golden ticks, separation of close
values, ranges and single values; labels anchored inside the drawing; the map's river lines,
label boxes and legend (item 7)."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from albazin.core.i18n import label
from albazin.model import concordance, figures
from albazin.model.model import Edition
from albazin.render import charts, mapsvg

SPAN = charts.WIDTH - charts.LEFT - charts.RIGHT  # the plotting width of a dot plot, user units


def _sections(edition: Edition) -> list[concordance.Section]:
    return concordance.concordance(edition, figures.figures(edition))


def _row(edition: Edition, question: str) -> concordance.Row:
    return next(r for r in concordance.rows(_sections(edition)) if r.question.xml_id == question)


# --- golden axes ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("values", "high", "ticks"), [
    ([526, 677, 800], 1000, (0, 200, 400, 600, 800, 1000)),
    ([15000, 3000], 20000, (0, 5000, 10000, 15000, 20000)),
    ([8, 12], 15, (0, 5, 10, 15)),
    ([20, 24], 25, (0, 5, 10, 15, 20, 25)),
    ([400, 56], 500, (0, 100, 200, 300, 400, 500)),
    ([450], 500, (0, 100, 200, 300, 400, 500)),  # one value (or equal ones) still gets a scale
])
def test_linear_axes_from_zero_with_round_ticks(values: list[float], high: float, ticks: tuple[float, ...]) -> None:
    axis = charts.axis_for(values)
    assert (axis.log, axis.low, axis.high, axis.ticks) == (False, 0, high, ticks)


def test_close_values_are_far_apart() -> None:
    """526, 677 and 800 (the defenders of 1686 in B, A and C) were 11.8 and 7.8 user units apart on
    the shared log axis 1–100,000; on their own axis more than 60 (about 40 CSS px on a phone)."""
    axis = charts.axis_for([526, 677, 800])
    xs = [axis.x(v) for v in (526, 677, 800)]
    assert min(b - a for a, b in itertools.pairwise(xs)) > 60
    shared = charts.Axis(1, 100_000, True, ())
    old = [shared.x(v) for v in (526, 677, 800)]
    assert max(b - a for a, b in itertools.pairwise(old)) < 12


def test_log_only_for_a_hundredfold() -> None:
    assert not charts.axis_for([5, 450]).log
    axis = charts.axis_for([5, 5000])
    assert axis.log and axis.low <= 5 and axis.high >= 5000 and axis.ticks[0] == 1


@given(st.lists(st.floats(min_value=0.5, max_value=1e7, allow_nan=False), min_size=1, max_size=6))
def test_every_value_inside_the_plot_and_ticks_ascending(values: list[float]) -> None:
    axis = charts.axis_for(values)
    assert list(axis.ticks) == sorted(axis.ticks) and 2 <= len(axis.ticks) <= 12
    assert axis.ticks[0] == axis.low and axis.ticks[-1] == axis.high
    for v in values:
        assert axis.low <= v <= axis.high
        assert charts.LEFT <= axis.x(v) <= charts.LEFT + SPAN


def test_each_question_its_own_axis(edition: Edition) -> None:
    defenders = _row(edition, "q-1686-defenders")
    troops = _row(edition, "q-1686-qing-troops")
    a = charts.axis_for(charts.chart_values(defenders, "men"))
    b = charts.axis_for(charts.chart_values(troops, "men"))
    assert a.high == 1000 and b.high == 10000


def test_a_bound_and_an_approximate_value_are_drawn_as_ranges(edition: Edition) -> None:
    row = _row(edition, "q-1686-qing-troops-autumn")  # B: 10,000; C: no more than 1,500
    axis = charts.axis_for(charts.chart_values(row, "men"))
    chart = charts.dot_plot(row, "men", axis, "en")
    ranges = chart.xpath(".//*[local-name()='line'][@data-siglum='C']")
    assert len(ranges) == 1
    assert float(ranges[0].get("x1")) == pytest.approx(axis.x(0), abs=0.1)
    assert float(ranges[0].get("x2")) == pytest.approx(axis.x(1500), abs=0.1)
    approx = charts.chart_values(_row(edition, "q-1686-qing-troops"), "men")  # B: about 6,500 (±10 %)
    assert any(math.isclose(v, 7150) for v in approx) and any(math.isclose(v, 5850) for v in approx)


def test_labels_near_an_edge_are_anchored_from_inside() -> None:
    assert charts._inside(3, "1685", 11, "middle") == (3, "start")
    assert charts._inside(charts.WIDTH - 3, "1,000 men", 11, "middle") == (charts.WIDTH - 3, "end")
    assert charts._inside(300, "1685", 11, "middle") == (300, "middle")


def test_a_value_at_the_right_edge_is_labelled_on_its_left(edition: Edition) -> None:
    row = _row(edition, "q-1686-survivors")  # 20 and 24 on an axis to 25
    chart = charts.dot_plot(row, "men", charts.axis_for(charts.chart_values(row, "men")), "en")
    for text in chart.xpath(".//*[local-name()='text'][@class='alb-chart__value']"):
        x = float(text.get("x"))
        width = charts._text_width(text.text, charts.LABEL_SIZE)
        right = x if text.get("text-anchor") == "end" else x + width
        assert right <= charts.WIDTH, text.text


# --- the map -------------------------------------------------------------------------------------

def _places(edition: Edition) -> list:
    return [e for e in edition.entities if e.kind == "place" and e.geo
            and mapsvg.PROJECTION.contains(e.geo.lon, e.geo.lat)]


def test_rivers_are_lines_from_the_base_map_or_schematic(edition: Edition) -> None:
    places = _places(edition)
    lines = mapsvg.courses(places, mapsvg.basemap())
    assert {k for k, c in lines.items() if not c.schematic} == {"pl-amur", "pl-argun", "pl-angara"}
    assert {k for k, c in lines.items() if c.schematic} == {"pl-nonni", "pl-shilka"}
    by_id = {e.xml_id: e for e in places}
    nonni = [mapsvg.PROJECTION.xy(by_id[i].geo.lon, by_id[i].geo.lat) for i in ("pl-mergen", "pl-qiqihar", "pl-nonni")]
    assert list(lines["pl-nonni"].vertices) == nonni  # through the index's own points, in order
    assert "pl-zeya" not in lines  # one point only: a mark, not a line


def test_map_labels_and_targets_are_sized_for_the_minimum_width() -> None:
    scale = mapsvg.MIN_WIDTH_PX / mapsvg.WIDTH
    assert mapsvg.LABEL_SIZE * scale >= 11
    assert 2 * mapsvg.HIT_R * scale >= 24 and mapsvg.HIT_LINE * scale >= 24


def test_map_labels_stay_inside_the_drawing(edition: Edition) -> None:
    figure = mapsvg.map_figure(_places(edition), "en", lambda e: f"#{e.xml_id}", mapsvg.basemap())
    for text in figure.xpath(".//*[local-name()='a']/*[local-name()='text']"):
        x, y, anchor = float(text.get("x")), float(text.get("y")), text.get("text-anchor")
        w = len(text.text) * mapsvg.LABEL_SIZE * 0.6
        left = x if anchor == "start" else x - w if anchor == "end" else x - w / 2
        assert left >= 0 and left + w <= mapsvg.WIDTH and y - mapsvg.LABEL_SIZE >= 0 \
            and y <= mapsvg.PROJECTION.height, text.text


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_map_legend_explains_every_symbol_drawn(edition: Edition, lang: str) -> None:
    figure = mapsvg.map_figure(_places(edition), lang, lambda e: f"#{e.xml_id}", mapsvg.basemap())
    items = [li.xpath("string()").strip() for li in figure.iter("li")]
    assert items == [label(lang, f"map_key_{k}") for k in mapsvg.LEGEND_KEYS]
    assert label("en", "map_key_approx") != label("ru", "map_key_approx")
