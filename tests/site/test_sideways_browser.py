"""No page scrolls sideways, at a phone's, a tablet's and a small laptop's width, in both languages;
the header's language list, opened, stays inside the window (it did not on the search pages, where
the language button is the header's last item: 20 px past the edge from 600 px up)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.build]

WIDTHS = (375, 768, 1024)


def _pages(site: Path) -> list[str]:
    return sorted(str(p.relative_to(site)).removesuffix("index.html") for p in site.rglob("index.html")
                  if p.parts[len(site.parts)] not in ("dts", "data", "tei", "downloads", "pagefind", "assets"))


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_scrolls_sideways(browser: object, site: Path, server: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    wide = {}
    try:
        for path in _pages(site):
            page.goto(server + path)
            extra = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if extra > 0:
                wide[path or "/"] = extra
    finally:
        context.close()
    assert len(_pages(site)) >= 30
    assert wide == {}, f"pages wider than the window at {width} px (px too wide)"


@pytest.mark.parametrize("path", ["search/", "ru/search/", "", "ru/texts/a/"])
def test_the_open_language_list_is_inside_the_window(browser: object, server: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 1024, "height": 800})
    page = context.new_page()
    try:
        page.goto(server + path)
        page.hover(".md-header .md-select")
        page.wait_for_function("getComputedStyle(document.querySelector('.md-select__inner')).opacity === '1'")
        box = page.evaluate("""() => { const r = document.querySelector('.md-select__inner').getBoundingClientRect();
          return [r.left, r.right, document.documentElement.clientWidth]; }""")
    finally:
        context.close()
    assert box[0] >= 0 and box[1] <= box[2], box
