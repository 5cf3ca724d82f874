"""Browser tests of issue 19 items 6 and 7: no chart or map text clipped by its SVG, close values
apart on screen, the concordance's headings sticky, map labels legible and points big enough to
tap, at a desktop and a phone width, in both languages."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.conftest import LANGUAGES

pytestmark = [pytest.mark.browser, pytest.mark.build]

WIDTHS = (1366, 375)

CLIPPED_TEXT = """sel => [...document.querySelectorAll(sel)].flatMap(svg => {
  const box = svg.getBoundingClientRect();
  return [...svg.querySelectorAll('text')].map(t => [t, t.getBoundingClientRect()])
    .filter(([t, r]) => r.left < box.left - 0.5 || r.right > box.right + 0.5
                       || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5)
    .map(([t, r]) => `${svg.closest('figure').id}: ${t.textContent}`); })"""


@pytest.fixture
def sized(browser: object) -> Iterator[object]:
    """A page factory at a given viewport width (closed at the end of the test)."""
    contexts = []

    def make(width: int) -> object:
        context = browser.new_context(viewport={"width": width, "height": 900})
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def _url(server: str, lang: str, path: str) -> str:
    return server + ("" if lang == "en" else f"{lang}/") + path


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_chart_text_is_clipped(sized, server: str, lang: str, width: int) -> None:
    page = sized(width)
    page.goto(_url(server, lang, "concordance/"))
    assert page.locator("svg.alb-chart__svg").count() >= 10
    assert page.evaluate(CLIPPED_TEXT, "svg.alb-chart__svg") == []


@pytest.mark.parametrize("width", WIDTHS)
def test_close_values_are_apart_on_screen(sized, server: str, width: int) -> None:
    """526 (B), 677 (A) and 800 (C): 11.8 and 7.8 px apart at 1366 px on the old shared log axis
    (6.0 and 3.9 px on a phone); now each gap is at least 30 px at either width."""
    page = sized(width)
    page.goto(server + "concordance/")
    xs = page.evaluate("""() => {
      const svg = document.querySelector('#chart-q-1686-defenders svg'), left = svg.getBoundingClientRect().left;
      const at = {};
      for (const sig of ['A', 'B', 'C']) {  // the value marks, not the row keys at the left edge
        const marks = [...svg.querySelectorAll('.alb-chart__mark[data-siglum="' + sig + '"]')]
          .map(m => m.getBoundingClientRect()).filter(r => r.left - left > 40);
        at[sig] = marks[0].left + marks[0].width / 2;
      }
      return at; }""")
    assert xs["B"] < xs["A"] < xs["C"]
    assert min(xs["A"] - xs["B"], xs["C"] - xs["A"]) >= 30, xs


@pytest.mark.parametrize("lang", LANGUAGES)
def test_concordance_headings_stay_in_view(sized, server: str, lang: str) -> None:
    page = sized(1366)
    page.goto(_url(server, lang, "concordance/"))
    found = page.evaluate("""() => {
      const tables = [...document.querySelectorAll('table.alb-conc')];
      const table = tables.reduce((a, b) => b.rows.length > a.rows.length ? b : a);
      const top = table.getBoundingClientRect().top + scrollY;
      window.scrollTo(0, top + table.offsetHeight / 2);
      const th = table.querySelector('thead th').getBoundingClientRect();
      const t = table.getBoundingClientRect();
      const header = document.querySelector('.md-header').getBoundingClientRect();
      return {th: th.top, thBottom: th.bottom, tableTop: t.top, tableBottom: t.bottom, header: header.bottom,
              rows: table.rows.length, height: innerHeight}; }""")
    assert found["rows"] > 5 and found["tableTop"] < 0 < found["tableBottom"], "scrolled into the table"
    assert found["header"] - 1 <= found["th"] < found["height"], found  # below the theme's header, on screen
    assert found["thBottom"] < found["tableBottom"], found


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_map_is_legible_and_tappable(sized, server: str, lang: str, width: int) -> None:
    page = sized(width)
    page.goto(_url(server, lang, "index/places/"))
    found = page.evaluate("""() => {
      const svg = document.querySelector('svg.alb-map__svg');
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      const fonts = [...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
      const points = [...svg.querySelectorAll('a.alb-map__point')];
      const targets = points.map(a => a.querySelector('.alb-map__hit').getBoundingClientRect())
        .map(r => Math.min(r.width, r.height));
      const hit = [...svg.querySelectorAll('a.alb-map__point:not(.alb-map__point--river) circle.alb-map__hit')]
        .map(c => { c.scrollIntoView({block: 'center', inline: 'center'}); const r = c.getBoundingClientRect();
                    // near the top of the target, outside the visible mark: still the point's link
                    const el = document.elementFromPoint(r.left + r.width / 2, r.top + 0.1 * r.height);
                    return el && el.closest('a') === c.closest('a') ? true : c.closest('a').id; });
      return {fonts, targets, hit, points: points.length, rivers: svg.querySelectorAll('.alb-map__course').length,
              hscroll: document.documentElement.scrollWidth - innerWidth}; }""")
    assert found["points"] > 10 and found["rivers"] >= 5
    assert min(found["fonts"]) >= 11, found["fonts"]
    assert min(found["targets"]) >= 24, found["targets"]
    assert found["hscroll"] <= 0, "the page does not scroll sideways (the map pans inside its figure)"
    assert page.evaluate(CLIPPED_TEXT, "svg.alb-map__svg") == []
    assert [h for h in found["hit"] if h is not True] == [], "a tap near the top of a point's target reaches its link"
