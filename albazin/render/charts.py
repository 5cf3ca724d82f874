"""Charts of the concordance, built at build time as static SVG (no script, no request).

- A dot plot per numeric question that has more than one value: one line per text, the texts'
  values on an axis of that question's own: linear from 0 with round ticks, logarithmic only
  where the values differ a hundredfold or more (a shared axis for all questions squeezed close
  values such as 526, 677 and 800 into a few pixels). Shapes as well as colours tell the texts
  apart.
- A timeline of the dated events: one line per question, each text's date as a mark (a day) or a
  bar (a month, a season, a year), on a Gregorian axis with the Julian (Old Style) months above.

Each chart is a <figure> with a title and a text description for assistive technology
(role="img", aria-labelledby) and the same data as a table beside it. Text is kept inside the
drawing: labels near an edge are anchored towards the inside (widths estimated per character).
Colours come from CSS (classes only), so a dark palette can override them.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from lxml import etree

from albazin.core.i18n import N_, label
from albazin.model.concordance import MANY_TEXTS, Cell, Row
from albazin.model.figures import Figure, julian_to_gregorian
from albazin.model.model import Lang
from albazin.model.valuefmt import amount, iso_date, normalised, unit_name
from albazin.render.render import Child, h

WIDTH = 680.0
LEFT = 118.0  # room for the text labels
RIGHT = 24.0
ROW = 26.0
TOP = 14.0
AXIS = 34.0
SHAPES = ("circle", "square", "triangle", "diamond")
# A text's marks take their colour from its position among the texts (base.css --alb-siglum-1 … -6,
# per scheme), not from its siglum: a seventh text still has a colour, and with the shapes, which
# repeat every four texts, the pair (colour, shape) is unique for twelve.
COLOURS = 6
TICK_SIZE = 11.0  # font sizes in user units, as concordance.css sets them (for the width estimates)
LABEL_SIZE = 12.0


def chart_id(question_id: str, dimension: str | None = None, dimensions: Sequence[str] = ()) -> str:
    """Anchor of a question's chart; a second chart of the same question adds its dimension."""
    first = not dimensions or dimension == dimensions[0]
    return f"chart-{question_id}" if first else f"chart-{question_id}-{dimension}"


def _shape(kind: str, x: float, y: float, cls: str, r: float = 5.5, siglum: str | None = None) -> etree._Element:
    """A mark; a value's mark names its text (data-siglum), a legend's or a row's key does not."""
    text = {"data-siglum": siglum} if siglum else {}
    if kind == "square":
        return h("rect", {"x": f"{x - r:.1f}", "y": f"{y - r:.1f}", "width": f"{2 * r:.1f}", "height": f"{2 * r:.1f}",
                          "class": cls, **text})
    if kind == "triangle":
        points = f"{x:.1f},{y - r - 1:.1f} {x + r + 1:.1f},{y + r:.1f} {x - r - 1:.1f},{y + r:.1f}"
        return h("polygon", {"points": points, "class": cls, **text})
    if kind == "diamond":
        points = f"{x:.1f},{y - r - 1:.1f} {x + r + 1:.1f},{y:.1f} {x:.1f},{y + r + 1:.1f} {x - r - 1:.1f},{y:.1f}"
        return h("polygon", {"points": points, "class": cls, **text})
    return h("circle", {"cx": f"{x:.1f}", "cy": f"{y:.1f}", "r": f"{r:.1f}", "class": cls, **text})


def _text(x: float, y: float, content: str, cls: str, anchor: str = "start") -> etree._Element:
    return h("text", {"x": f"{x:.1f}", "y": f"{y:.1f}", "class": cls, "text-anchor": anchor}, content)


# --- numeric axes ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Axis:
    low: float
    high: float
    log: bool
    ticks: tuple[float, ...]

    def x(self, value: float) -> float:
        span = WIDTH - LEFT - RIGHT
        value = min(max(value, self.low), self.high)
        if self.log:
            ratio = (math.log10(value) - math.log10(self.low)) / (math.log10(self.high) - math.log10(self.low))
        else:
            ratio = (value - self.low) / (self.high - self.low)
        return LEFT + ratio * span


def _nice_step(span: float) -> float:
    raw = span / 5
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


LOG_RATIO = 100  # values a hundredfold apart or more get a logarithmic axis


def axis_for(values: Iterable[float]) -> Axis:
    """An axis covering one chart's values: linear from 0 with 1-2-5 steps (the top tick the first
    above the largest value), or logarithmic (1-2-5 ticks by decade) if they span ≥ LOG_RATIO×.
    A single value, or several equal ones, still gets a readable axis from 0."""
    finite = [v for v in values if math.isfinite(v) and v >= 0]
    positive = [v for v in finite if v > 0]
    if not positive:
        return Axis(0, 1, False, (0, 1))
    small, large = min(positive), max(positive)
    if large / small >= LOG_RATIO:
        low = 10 ** math.floor(math.log10(small))
        high = 10 ** math.ceil(math.log10(large))
        decades = round(math.log10(high / low))
        steps = (1, 2, 5) if decades <= 2 else (1, 3) if decades <= 4 else (1,)  # labels that do not collide
        ticks = tuple(m * 10 ** k for k in range(round(math.log10(low)), round(math.log10(high)) + 1)
                      for m in steps if low <= m * 10 ** k <= high)
        return Axis(low, high, True, ticks)
    step = _nice_step(large)
    count = math.floor(large / step) + 1  # the first tick above the largest value: room for its mark
    return Axis(0, count * step, False, tuple(i * step for i in range(count + 1)))


def _text_width(content: str, size: float) -> float:
    """A generous estimate of a label's width (no font metrics at build time)."""
    return len(content) * size * 0.62


def _inside(x: float, content: str, size: float, anchor: str, left: float = 2.0,
            right: float = WIDTH - 2) -> tuple[float, str]:
    """Position and anchor that keep a label between left and right: a label that would run over
    an edge is anchored at its tick from the inside instead of centred on it."""
    width = _text_width(content, size)
    start = x if anchor == "start" else x - width if anchor == "end" else x - width / 2
    if start < left:
        return max(x, left), "start"
    if start + width > right:
        return min(x, right), "end"
    return x, anchor


def _axis_group(axis: Axis, y: float, lang: Lang) -> etree._Element:
    group = h("g", {"class": "alb-chart__axis", "aria-hidden": "true"},
              h("line", {"x1": f"{LEFT:.1f}", "x2": f"{WIDTH - RIGHT:.1f}", "y1": f"{y:.1f}", "y2": f"{y:.1f}"}))
    for tick in axis.ticks:
        x = axis.x(tick)
        group.append(h("line", {"x1": f"{x:.1f}", "x2": f"{x:.1f}", "y1": f"{TOP - 4:.1f}", "y2": f"{y + 4:.1f}",
                                "class": "alb-chart__grid"}))
        text = amount(tick, lang)
        tx, ty, where = _placed(x, y + 18, text, TICK_SIZE, "middle")
        group.append(_text(tx, ty, text, "alb-chart__tick", where))
    return group


def _placed(x: float, y: float, content: str, size: float, anchor: str) -> tuple[float, float, str]:
    tx, where = _inside(x, content, size, anchor)
    return tx, y, where


# --- dot plots -----------------------------------------------------------------------------------

def mark_class(position: int, part: str = "mark") -> str:
    """The classes of a text's mark (or range) by its position among the texts (0 for the first)."""
    return f"alb-chart__{part} alb-chart__{part}--{position % COLOURS + 1}"


def _shape_of(position: int) -> str:
    return SHAPES[position % len(SHAPES)]


def _value_mark(figure: Figure, position: int, axis: Axis, y: float, lang: Lang) -> list[etree._Element]:
    value = figure.value
    cls = mark_class(position)
    marks: list[etree._Element] = []
    if not value.exact:
        low = value.low if value.low > 0 else axis.low
        high = value.high if math.isfinite(value.high) else axis.high
        marks.append(h("line", {"x1": f"{axis.x(low):.1f}", "x2": f"{axis.x(high):.1f}", "y1": f"{y:.1f}",
                                "y2": f"{y:.1f}", "class": mark_class(position, "range"),
                                "data-siglum": figure.siglum}))
    stated = figure.amount or value.high
    x = axis.x(stated)
    marks.append(_shape(_shape_of(position), x, y, cls, siglum=figure.siglum))
    text = normalised(figure, lang)
    if x + 9 + _text_width(text, LABEL_SIZE) > WIDTH - 2:  # no room on the right: the value on the left
        marks.append(_text(x - 9, y - 7, text, "alb-chart__value", "end"))
    else:
        marks.append(_text(x + 9, y - 7, text, "alb-chart__value"))
    return marks


def _charted(row: Row, dimension: str) -> list[tuple[int, Cell]]:
    """The texts drawn on a question's chart, with their position among all texts (which gives
    their shape): every text, or only those stating a value when there are many texts."""
    many = len(row.cells) > MANY_TEXTS
    return [(i, cell) for i, cell in enumerate(row.cells)
            if not many or any(f.value.dimension == dimension for f in cell.figures)]


def _description(row: Row, dimension: str, lang: Lang) -> str:
    parts = []
    for _, cell in _charted(row, dimension):
        values = [normalised(f, lang) for f in cell.figures if f.value.dimension == dimension]
        parts.append(f"{cell.siglum}: " + ("; ".join(values) if values else label(lang, "not_stated")))
    return ". ".join(parts) + "."


def chartable(row: Row) -> list[str]:
    """The numeric dimensions of a question with more than one value stated (a chart each)."""
    counts: dict[str, int] = {}
    for figure in row.numeric_figures():
        counts[figure.value.dimension] = counts.get(figure.value.dimension, 0) + 1
    return [d for d, n in sorted(counts.items()) if n > 1]


def dot_plot(row: Row, dimension: str, axis: Axis, lang: Lang) -> etree._Element:
    base = chart_id(row.question.xml_id, dimension, chartable(row))
    charted = _charted(row, dimension)
    height = TOP + ROW * len(charted) + AXIS
    axis_y = TOP + ROW * len(charted)
    title = label(lang, "chart_title", question=row.question.description.get(lang), unit=unit_name(dimension, lang))
    svg = h("svg", {"class": "alb-chart__svg", "viewBox": f"0 0 {WIDTH:.0f} {height:.0f}", "role": "img",
                    "aria-labelledby": f"{base}-title {base}-desc", "width": f"{WIDTH:.0f}",
                    "height": f"{height:.0f}"},
            h("title", {"id": f"{base}-title"}, title),
            h("desc", {"id": f"{base}-desc"}, _description(row, dimension, lang)),
            _axis_group(axis, axis_y, lang))
    for line, (i, cell) in enumerate(charted):
        y = TOP + ROW * line + ROW / 2
        svg.append(_shape(_shape_of(i), 12, y, mark_class(i), 4.5))
        svg.append(_text(24, y + 4, label(lang, "chart_text", siglum=cell.siglum), "alb-chart__label"))
        figures = [f for f in cell.figures if f.value.dimension == dimension]
        if not figures:
            svg.append(_text(LEFT + 4, y + 4, label(lang, "not_stated"), "alb-chart__none"))
        for figure in figures:
            svg.extend(_value_mark(figure, i, axis, y, lang))
    scale = label(lang, "chart_log") if axis.log else label(lang, "chart_linear")
    return h("figure", {"class": "alb-chart", "id": base},
             svg, h("figcaption", None, title, " ", h("span", {"class": "alb-chart__scale"}, scale)))


def chart_values(row: Row, dimension: str) -> list[float]:
    """What one chart's axis must show: each figure's stated amount and the finite ends of its
    interval (an approximate value's ±10 %, a bound's limit)."""
    found: list[float] = []
    for figure in row.numeric_figures():
        if figure.value.dimension == dimension:
            found += [v for v in (figure.value.low, figure.value.high, figure.amount or 0) if isinstance(v, float)]
    return found


# --- the timeline ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Window:
    start: date
    end: date

    def x(self, day: date) -> float:
        span = WIDTH - TIMELINE_LEFT - RIGHT
        ratio = (day.toordinal() - self.start.toordinal()) / (self.end.toordinal() - self.start.toordinal())
        return TIMELINE_LEFT + ratio * span

    def contains(self, low: date, high: date) -> bool:
        return self.start <= low and high <= self.end


TIMELINE_LEFT = 56.0  # half the widest Julian year label: the first one centred on its tick
QUESTION_X = 14.0  # the questions' names start further left than the axis
TIMELINE_ROW = 38.0  # a line for the question's name, a line for the marks
SIEGE_YEARS = Window(date(1685, 1, 1), date(1690, 1, 1))
CONTEXT_YEARS = Window(date(1655, 1, 1), date(1735, 1, 1))


def _month_ticks(window: Window, lang: Lang, y_greg: float, y_jul: float) -> etree._Element:
    """January and July of each year: Gregorian on the axis below, Julian (O.S.) on the axis above."""
    group = h("g", {"class": "alb-chart__axis", "aria-hidden": "true"})
    for year in range(window.start.year, window.end.year + 1):
        for month in (1, 4, 7, 10):
            greg = date(year, month, 1)
            if window.start <= greg < window.end:
                x = window.x(greg)
                group.append(h("line", {"x1": f"{x:.1f}", "x2": f"{x:.1f}", "y1": f"{y_jul:.1f}", "y2": f"{y_greg:.1f}",
                                        "class": "alb-chart__grid" + (" alb-chart__grid--year" if month == 1 else "")}))
                text = str(year) if month == 1 else iso_date(f"{year}-{month:02d}", lang, with_year=False)[:3]
                tx, ty, where = _placed(x, y_greg + 16, text, TICK_SIZE, "middle")
                group.append(_text(tx, ty, text, "alb-chart__tick", where))
            jul = julian_to_gregorian(year, month, 1)
            if month == 1 and window.start <= jul < window.end:
                xj = window.x(jul)
                group.append(h("line", {"x1": f"{xj:.1f}", "x2": f"{xj:.1f}", "y1": f"{y_jul - 6:.1f}",
                                        "y2": f"{y_jul:.1f}", "class": "alb-chart__julian"}))
                text = label(lang, "chart_os_year", year=str(year))
                tx, ty, where = _placed(xj, y_jul - 9, text, TICK_SIZE, "middle")
                group.append(_text(tx, ty, text, "alb-chart__tick alb-chart__tick--julian", where))
    return group


def _year_ticks(window: Window, y: float) -> etree._Element:
    group = h("g", {"class": "alb-chart__axis", "aria-hidden": "true"})
    for year in range(window.start.year, window.end.year + 1, 5):
        day = date(year, 1, 1)
        if window.start <= day <= window.end:
            x = window.x(day)
            group.append(h("line", {"x1": f"{x:.1f}", "x2": f"{x:.1f}", "y1": f"{TOP:.1f}", "y2": f"{y:.1f}",
                                    "class": "alb-chart__grid" + (" alb-chart__grid--year" if year % 10 == 0 else "")}))
            if year % 10 == 5 or year % 10 == 0:
                tx, ty, where = _placed(x, y + 16, str(year), TICK_SIZE, "middle")
                group.append(_text(tx, ty, str(year), "alb-chart__tick", where))
    return group


def dated_rows(rows: Sequence[Row], window: Window, exclude: Window | None = None) -> list[Row]:
    """Questions with a date inside the window (and, for the overview, one outside the detail)."""
    def inside(r: Row, w: Window) -> list[bool]:
        return [w.contains(f.value.low, f.value.high) for f in r.dated_figures()]
    return [r for r in rows if any(inside(r, window)) and (exclude is None or not all(inside(r, exclude)))]


LANE = 6.0  # vertical distance between the texts' marks on a timeline row
LANES_HEIGHT = 12.0  # the band the marks of all texts share (rows are TIMELINE_ROW apart)


def _lane(index: int, texts: int) -> float:
    """Vertical offset of a text's marks on a timeline row: three texts at -6, 0, +6; more texts
    packed closer so that every mark stays inside its row's band."""
    if texts < 2:
        return 0.0
    step = min(LANE, LANES_HEIGHT / (texts - 1))
    return (index - (texts - 1) / 2) * step


def _timeline_marks(figures: list[Figure], window: Window, y: float, sigla: list[str],
                    lang: Lang) -> list[etree._Element]:
    marks: list[etree._Element] = []
    position = {siglum: i for i, siglum in enumerate(sigla)}
    for figure in figures:
        low, high = figure.value.low, figure.value.high
        if not (isinstance(low, date) and isinstance(high, date) and window.contains(low, high)):
            continue
        offset = _lane(position[figure.siglum], len(sigla))
        x1, x2 = window.x(low), window.x(high)
        cls = mark_class(position[figure.siglum])
        if x2 - x1 >= 4:
            marks.append(h("rect", {"x": f"{x1:.1f}", "y": f"{y + offset - 2.5:.1f}", "width": f"{x2 - x1:.1f}",
                                    "height": "5", "class": f"alb-chart__bar {cls}", "data-siglum": figure.siglum}))
        marks.append(_shape(_shape_of(position[figure.siglum]), (x1 + x2) / 2, y + offset, cls, 4,
                            siglum=figure.siglum))
    return marks


def timeline(rows: Sequence[Row], window: Window, sigla: list[str], lang: Lang, chart: str,
             monthly: bool, exclude: Window | None = None) -> etree._Element | None:
    shown = dated_rows(rows, window, exclude)
    if not shown:
        return None
    top = TOP + (22 if monthly else 0)
    height = top + TIMELINE_ROW * len(shown) + AXIS
    axis_y = top + TIMELINE_ROW * len(shown)
    title = label(lang, TIMELINE_LABELS[chart][0])
    svg = h("svg", {"class": "alb-chart__svg alb-chart__svg--timeline", "viewBox": f"0 0 {WIDTH:.0f} {height:.0f}",
                    "role": "img", "aria-labelledby": f"{chart}-title {chart}-desc", "width": f"{WIDTH:.0f}",
                    "height": f"{height:.0f}"},
            h("title", {"id": f"{chart}-title"}, title),
            h("desc", {"id": f"{chart}-desc"}, " ".join(_timeline_description(r, lang) for r in shown)))
    svg.append(_month_ticks(window, lang, axis_y, top - 2) if monthly else _year_ticks(window, axis_y))
    for i, row in enumerate(shown):
        y = top + TIMELINE_ROW * i
        svg.append(_text(QUESTION_X, y + 12, row.question.description.get(lang),
                         "alb-chart__label alb-chart__label--q"))
        svg.extend(_timeline_marks(row.dated_figures(), window, y + 26, sigla, lang))
    return h("figure", {"class": "alb-chart alb-chart--timeline", "id": chart},
             svg, h("figcaption", None, title, " ", label(lang, TIMELINE_LABELS[chart][1]),
                    # inside the caption: HTML allows a figcaption only as a figure's first or last child
                    h("p", {"class": "alb-chart__legend"}, *legend(sigla, lang))))


# Each timeline's title and caption, by its id.
TIMELINE_LABELS = {"timeline-sieges": (N_("timeline_title_timeline-sieges"), N_("timeline_caption_timeline-sieges")),
                   "timeline-context": (N_("timeline_title_timeline-context"), N_("timeline_caption_timeline-context"))}


def legend(sigla: list[str], lang: Lang) -> list[Child]:
    out: list[Child] = []
    for i, siglum in enumerate(sigla):
        mark = h("svg", {"class": "alb-chart__key", "viewBox": "0 0 14 14", "width": "14", "height": "14",
                         "aria-hidden": "true"},
                 _shape(_shape_of(i), 7, 7, mark_class(i), 4.5))
        out += [mark, " " + label(lang, "chart_text", siglum=siglum) + "  "]
    return out


def _timeline_description(row: Row, lang: Lang) -> str:
    parts = [f"{f.siglum}: {normalised(f, lang)}" for f in row.dated_figures()]
    return f"{row.question.description.get(lang)} — {'; '.join(parts)}."


def numeric_charts(rows: Sequence[Row], lang: Lang) -> list[etree._Element]:
    """A dot plot per question and dimension, each on its own axis."""
    return [dot_plot(row, dimension, axis_for(chart_values(row, dimension)), lang)
            for row in rows for dimension in chartable(row)]


def data_table(rows: Sequence[Row], lang: Lang, caption: str, pick: Callable[[Row], list[Figure]],
               href: Callable[[Figure], str]) -> etree._Element:
    """The charts' data as a table (the fallback for readers who cannot see the SVG)."""
    body = h("tbody")
    for row in rows:
        for figure in pick(row):
            body.append(h("tr", None,
                          h("th", {"scope": "row"}, row.question.description.get(lang)),
                          h("td", None, figure.siglum),
                          h("td", None, h("a", {"href": href(figure)}, normalised(figure, lang)))))
    return h("table", {"class": "alb-chart__table"},
             h("caption", None, caption),
             h("thead", None, h("tr", None, *(h("th", {"scope": "col"}, label(lang, key))
                                              for key in (N_("col_question"), N_("col_text"), N_("col_value"))))),
             body)

