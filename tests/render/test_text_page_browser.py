"""The text page as a reader uses it (issue 19): a wide parallel text with headed columns, the
reading view in the address, the language switch keeping the place, note markers stepped through
and opened within their column, name cards on a tap, and a compact print (Playwright + Chromium)."""

from __future__ import annotations

import io
import re
from urllib.parse import urlsplit

import pytest

from albazin.model import apparatus
from albazin.model.model import Edition
from albazin.model.readings import reading
from tests.conftest import SETTLED, page_url

pytestmark = pytest.mark.browser

# The two columns of the first row with both, their widths, and the characters per full line of
# the first paragraphs of each column (the last line of a paragraph is left out: it is short).
COLUMNS = """() => {
  const row = [...document.querySelectorAll('.alb-row')].find(r =>
      r.querySelector(':scope > .alb-col--original') && r.querySelector(':scope > .alb-col--translation'));
  const widths = [...row.children].map(c => c.getBoundingClientRect().width);
  function perLine(p) {
    const lines = new Map();
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest('.alb-pnum, .alb-permalink, sup')) continue;
      for (let i = 0; i < node.length; i++) {
        range.setStart(node, i); range.setEnd(node, i + 1);
        const box = range.getClientRects()[0];
        if (!box || !box.width) continue;
        const top = Math.round(box.top / 4);
        lines.set(top, (lines.get(top) || 0) + 1);
      }
    }
    return [...lines.values()].slice(0, -1);
  }
  const counts = side => [...document.querySelectorAll('.alb-col--' + side + '.alb-p')].slice(0, 4).flatMap(perLine);
  const median = xs => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return {widths, original: median(counts('original')), translation: median(counts('translation')),
          scroll: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          panels: getComputedStyle(document.querySelector('.md-sidebar--primary')).display !== 'none'};
}"""


def open_text(page, server: str, path: str) -> None:
    page.goto(server + path)
    page.wait_for_function(SETTLED)


# --- 1. a wide parallel text ------------------------------------------------------------------------

@pytest.mark.parametrize(("width", "panels"), [(1366, False), (1920, True)])
@pytest.mark.parametrize("slug", ["a", "c"])
def test_columns_use_the_width_of_the_screen(browser, server: str, width: int, panels: bool, slug: str) -> None:
    """Before: two columns of ~320–350 px (~40 characters) at 1366–1920 px. Now at least ~55."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        open_text(page, server, page_url(slug, "en"))
        found = page.evaluate(COLUMNS)
        print(f"\n{slug} at {width} px: columns {[round(w) for w in found['widths']]} px, "
              f"{found['original']} / {found['translation']} characters a line, panels shown: {found['panels']}")
        assert found["panels"] is panels  # folded away below 1600 px, shown from there
        assert all(w >= 500 for w in found["widths"]), found
        assert abs(found["widths"][0] - found["widths"][1]) <= 2
        assert 55 <= found["original"] <= 90 and 55 <= found["translation"] <= 90, found
        assert found["scroll"] == 0
    finally:
        context.close()


def test_panels_button_shows_and_folds_the_navigation_and_contents(browser, server: str) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    try:
        open_text(page, server, page_url("b", "en"))
        button = page.locator(".alb-panels-toggle")
        nav, toc = page.locator(".md-sidebar--primary"), page.locator(".md-sidebar--secondary")
        assert nav.is_hidden() and toc.is_hidden() and button.get_attribute("aria-expanded") == "false"
        narrow = page.evaluate(COLUMNS)["widths"][0]
        button.click()
        assert nav.is_visible() and toc.is_visible() and button.get_attribute("aria-expanded") == "true"
        assert page.evaluate(COLUMNS)["widths"][0] < narrow
        open_text(page, server, page_url("c", "ru"))  # the reader's choice of panels is kept
        assert page.locator(".md-sidebar--primary").is_visible()
        page.locator(".alb-panels-toggle").click()
        assert page.locator(".md-sidebar--primary").is_hidden()
        assert page.evaluate("localStorage.getItem('alb-panels')") == "closed"
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_columns_are_headed_and_both_in_full_strength_text(page, server: str, lang: str) -> None:
    open_text(page, server, page_url("a", lang))
    heads = page.locator(".alb-row--columns .alb-colhead")
    assert heads.count() == 2
    original, translation = (heads.nth(i).inner_text() for i in range(2))
    if lang == "en":
        assert original.startswith("Original (Russian)") and "critical text" in original
        assert translation == "Translation by the editors (English)"
    else:
        assert original.startswith("Оригинал (русский)") and "критический текст" in original
    colours = page.evaluate("""['#A-p1', '#A-en-p1'].map(s => getComputedStyle(document.querySelector(s)).color)""")
    assert colours[0] == colours[1]  # the translation is not greyed
    box = [heads.nth(i).bounding_box() for i in range(2)]
    assert box[1]["x"] > box[0]["x"] + box[0]["width"]  # one head above each column


# --- 2. the reading view in the address ---------------------------------------------------------------

def test_view_in_the_address_round_trip(browser, server: str, edition: Edition) -> None:
    """Chosen with the controls → in the address → the same view for anyone who opens that address."""
    lem = next(lem for e in apparatus.entries(edition.text("A")) for lem in e.lemmata
               if lem.kind == "correction" and lem.critical.strip() and lem.diplomatic.strip())
    first = browser.new_context(viewport={"width": 1366, "height": 900})
    page = first.new_page()
    try:
        open_text(page, server, page_url("a", "en"))
        assert page.locator(".alb-viewnote").is_hidden()
        page.check("#alb-view-diplomatic")
        page.check("#alb-layout-original")
        shared = page.url
        assert urlsplit(shared).query == "view=diplomatic&layout=original"
        # said clearly: the column head and the notice; the departures from the critical text marked
        assert "diplomatic text" in page.locator(".alb-colhead--original").inner_text()
        assert page.locator(".alb-viewnote").is_visible()
        marks = page.evaluate("""[...document.querySelectorAll('.alb-text .alb-choice')].map(c =>
            getComputedStyle(c).borderBottomStyle + ' ' + getComputedStyle(c).backgroundColor)""")
        assert marks and all(m.startswith("solid ") and not m.endswith("rgba(0, 0, 0, 0)") for m in marks)
        # a ¶ link keeps the view: the cited address shows what the reader saw
        page.locator("#A-p3 a.alb-permalink").focus()
        page.keyboard.press("Enter")
        assert page.url == shared + "#A-p3"
    finally:
        first.close()
    other = browser.new_context(viewport={"width": 1366, "height": 900})  # another reader, nothing stored
    page = other.new_page()
    try:
        open_text(page, server, urlsplit(shared).path + "?" + urlsplit(shared).query)
        assert page.locator("html").get_attribute("data-alb-view") == "diplomatic"
        assert page.locator("#alb-view-diplomatic").is_checked() and page.locator("#alb-layout-original").is_checked()
        assert page.locator(f"#{lem.xml_id}").inner_text() == lem.diplomatic
        assert page.locator("#A-en-p1").is_hidden()
        open_text(page, server, page_url("a", "en"))  # without it: the default, whatever was seen before
        assert page.locator(f"#{lem.xml_id}").inner_text() == lem.critical
        assert "critical text" in page.locator(".alb-colhead--original").inner_text()
    finally:
        other.close()


def test_without_javascript_the_default_view_is_named(browser, server: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1366, "height": 900})
    page = context.new_page()
    try:
        page.goto(server + page_url("b", "ru") + "?view=diplomatic")  # needs the script: the default shows
        head = page.locator(".alb-colhead--original").inner_text()
        assert "критический текст" in head and "дипломатический" not in head
        assert page.locator(".alb-viewnote").is_hidden()
        assert page.locator(".md-sidebar--primary").is_visible()  # the panels' button needs JavaScript
        assert page.locator("#B-p1").is_visible() and page.locator("#B-en-p1").is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("query", ["", "?view=diplomatic", "?layout=translation"])
@pytest.mark.parametrize("slug", ["a", "b", "c"])
def test_phone_has_no_horizontal_scroll_in_any_view(browser, server: str, slug: str, query: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        for lang in ("en", "ru"):
            open_text(page, server, page_url(slug, lang) + query)
            assert page.evaluate("document.documentElement.scrollWidth") <= 390, (slug, lang, query)
            assert page.locator(".alb-panels-toggle").is_hidden()
    finally:
        context.close()


# --- 3. the language switch keeps the place -------------------------------------------------------------

def switch_language(page, lang: str) -> None:
    """Material's language menu, used as a reader does; clicked from a script, for Playwright's own
    click would first scroll the page to bring the link in the (sticky) header into view."""
    page.hover(".md-header__option .md-select")
    with page.expect_navigation():
        page.locator(f'.md-select__link[hreflang="{lang}"]').evaluate("a => a.click()")
    page.wait_for_function(SETTLED)


def offset_from_header(page, element_id: str) -> float:
    return page.evaluate("""id => document.getElementById(id).getBoundingClientRect().top
        - document.querySelector('.md-header').getBoundingClientRect().bottom""", element_id)


@pytest.mark.parametrize(("unit", "first"), [("B-p5", "en"), ("B-p8", "ru"), ("B-app7", "en")])
def test_language_switch_keeps_the_paragraph_in_view_without_a_fragment(page, server: str, unit: str,
                                                                        first: str) -> None:
    second = "ru" if first == "en" else "en"
    open_text(page, server, page_url("b", first))
    page.evaluate("""id => { const el = document.getElementById(id); el.scrollIntoView();
        window.scrollBy(0, -180); }""", unit)
    page.hover(".md-header__option .md-select")
    before = offset_from_header(page, unit)
    assert 100 < before < 260
    for lang in (second, first):  # there and back
        switch_language(page, lang)
        assert urlsplit(page.url).path == "/" + page_url("b", lang) and urlsplit(page.url).fragment == ""
        # The unit at the top of the window is restored; one 180 px below it may move by a line where the
        # other language's text between them wraps differently (the apparatus entries are in the page's language).
        assert abs(offset_from_header(page, unit) - before) <= 36, (lang, unit)


def test_language_switch_carries_the_view(page, server: str) -> None:
    open_text(page, server, page_url("c", "en") + "?view=diplomatic#C-p4")
    switch_language(page, "ru")
    assert page.url.endswith("/ru/texts/c/?view=diplomatic#C-p4")
    assert page.locator("html").get_attribute("data-alb-view") == "diplomatic"


def test_contents_of_text_c_are_russian_on_the_russian_site(page, server: str, edition: Edition) -> None:
    open_text(page, server, page_url("c", "ru"))
    toc = page.evaluate("""[...document.querySelectorAll('nav.md-nav--secondary a.md-nav__link')]
        .map(a => [a.getAttribute('href'), a.textContent.trim()])""")
    translation = edition.translation("C")
    heads = {d.corresp: d for d in translation.divisions if d.head is not None}
    assert len(heads) >= 4
    for division_id, division in heads.items():
        title = next(t for href, t in toc if href == f"#{division_id}")  # the anchor stays the original's
        assert title == " ".join(reading(division.head.content, "critical").split()), division_id
        assert re.search("[а-яё]", title, re.IGNORECASE), (division_id, title)


# --- 4. note markers: one scheme, a legend, steps, within the column; name cards ----------------------

def test_markers_are_letters_and_numbers_with_a_legend(page, server: str) -> None:
    open_text(page, server, page_url("a", "en"))
    letters = page.evaluate("[...document.querySelectorAll('.alb-noteref sup')].map(s => s.textContent)")
    numbers = page.evaluate("[...document.querySelectorAll('.alb-comref sup')].map(s => s.textContent)")
    assert letters[:3] == ["a", "b", "c"] and all(re.fullmatch("[a-z]+", x) for x in letters)
    assert all(re.fullmatch("[0-9]+", x) for x in numbers)
    legend = page.locator(".alb-legend").inner_text()
    assert "a, b, …" in legend and "1, 2, …" in legend and "apparatus" in legend and "commentary" in legend
    # the list of notes prints each letter once, with its locator: "a. para. 1", not "1. 1. para. 1"
    first = page.locator(".alb-apparatus__list > li").first
    assert first.locator(".alb-app__head").inner_text().startswith("a. para. 1")
    assert page.evaluate("getComputedStyle(document.querySelector('.alb-apparatus__list')).listStyleType") == "none"
    assert page.evaluate("getComputedStyle(document.querySelector('.alb-comlist')).listStyleType") == "none"
    # a cluster is separated: "d,7" not "*7 4"
    assert page.locator(".alb-markers").count() > 0


INSIDE_COLUMN = """marker => { const col = marker.closest('.alb-col').getBoundingClientRect();
    const box = document.getElementById('alb-popup').getBoundingClientRect();
    return box.left >= col.left - 1 && box.right <= col.right + 1; }"""


@pytest.mark.parametrize("width", [1366, 1920])
def test_notes_open_within_their_column(browser, server: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        open_text(page, server, page_url("a", "en"))
        for selector in (".alb-col--original .alb-noteref", ".alb-col--original .alb-comref",
                         ".alb-col--translation .alb-comref"):
            for i in (0, 5):
                marker = page.locator(selector).nth(i)
                marker.click()
                assert page.locator("#alb-popup").is_visible()
                assert marker.evaluate(INSIDE_COLUMN), (selector, i)  # the other column stays in view
                page.keyboard.press("Escape")
    finally:
        context.close()


def test_next_and_previous_note(page, server: str, edition: Edition) -> None:
    entries = apparatus.entries(edition.text("A"))
    open_text(page, server, page_url("a", "en"))
    page.locator(f"#{entries[0].note.xml_id}-ref").click()
    popup = page.locator("#alb-popup")
    assert popup.get_attribute("aria-label") == "Apparatus note a"
    assert page.locator(".alb-popup__step--previous").is_disabled()
    for entry in entries[1:4]:
        page.locator(".alb-popup__step--next").click()
        assert popup.get_attribute("aria-label") == f"Apparatus note {apparatus.letter(entry.number)}"
        assert page.locator(f"#{entry.note.xml_id}-ref").get_attribute("aria-expanded") == "true"
        assert page.locator("[aria-expanded=true].alb-noteref").count() == 1
        assert page.evaluate("document.activeElement.id") == "alb-popup"
    page.locator(".alb-popup__step--previous").click()
    assert popup.get_attribute("aria-label") == f"Apparatus note {apparatus.letter(entries[2].number)}"
    # the commentary's entries are stepped through too, in their own column, never the same entry twice
    page.keyboard.press("Escape")
    page.locator(".alb-col--translation .alb-comref").first.click()
    seen = [popup.locator(".alb-com__title").inner_text()]
    for _ in range(3):
        page.locator(".alb-popup__step--next").click()
        seen.append(popup.locator(".alb-com__title").inner_text())
        assert page.evaluate("document.querySelector('.alb-comref[aria-expanded=true]').closest('.alb-col')"
                             ".classList.contains('alb-col--translation')")
    assert len(set(seen)) == 4
    page.locator(".alb-col--translation .alb-comref").last.click()
    assert page.locator(".alb-popup__step--next").is_disabled()


def test_name_card_on_focus_and_on_tap(browser, server: str) -> None:
    desktop = browser.new_context(viewport={"width": 1366, "height": 900})
    page = desktop.new_page()
    try:
        open_text(page, server, page_url("b", "en"))
        name = page.locator("a.alb-name[data-entity='pers-tolbuzin']").first
        name.focus()  # the keyboard: the card shows while the name has the focus
        card = page.locator(".alb-card-popup")
        assert card.is_visible() and "Tolbuzin" in card.inner_text()
        assert card.get_attribute("aria-hidden") == "true"  # read through aria-describedby
        page.keyboard.press("Tab")
        assert card.count() == 0 or "Tolbuzin" not in card.inner_text()
    finally:
        desktop.close()
    phone = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = phone.new_page()
    try:
        open_text(page, server, page_url("b", "ru"))
        name = page.locator("a.alb-name[data-entity='pers-tolbuzin']").first
        before = page.url
        name.tap()  # the first tap shows the card, and stays on the page
        card = page.locator(".alb-card-popup")
        assert card.is_visible() and "Толбузин" in card.inner_text()
        assert page.url == before
        go = card.locator("a.alb-card__go")
        assert go.evaluate("a => a.href") == name.evaluate("a => a.href")  # the name's index entry
        box, viewport = card.bounding_box(), 390
        assert box["x"] >= 0 and box["x"] + box["width"] <= viewport
        page.locator(".alb-legend").tap()  # a tap elsewhere closes it
        assert card.count() == 0
        name.tap()
        name.tap()  # the second tap on the name follows it to the index
        page.wait_for_url(re.compile(r"/ru/index/persons/#pers-tolbuzin$"))
    finally:
        phone.close()


# --- 8. print ------------------------------------------------------------------------------------------

PAGES_BEFORE = {"a": 20, "b": 17, "c": 22}  # A4 pages printed from the same texts before issue 19


def pdf_pages(pdf: bytes) -> list[str]:
    from pypdf import PdfReader

    return [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]


@pytest.mark.parametrize("slug", ["a", "b", "c"])
def test_print_is_compact(page, server: str, slug: str, edition: Edition) -> None:
    open_text(page, server, page_url(slug, "en"))
    page.emulate_media(media="print")
    pages = pdf_pages(page.pdf(format="A4"))
    print(f"\n{slug}: {len(pages)} A4 pages (before: {PAGES_BEFORE[slug]})")
    assert len(pages) <= PAGES_BEFORE[slug] // 2
    text = edition.text(slug.upper())
    first_words = " ".join(reading(text.paragraphs()[0].content, "critical").split()[:2])
    assert first_words in " ".join(pages[0].split())  # the text begins on the first page
    whole = "".join(pages)
    page_address = f"127.0.0.1:8000/{page_url(slug, 'en')}"
    # the address once under the title (and in the citation at the end), not after every paragraph
    assert 1 <= whole.count(page_address) <= 3
    assert f"#{text.paragraphs()[2].xml_id}" in whole  # each paragraph's anchor
    # the apparatus entries keep their locator
    assert re.search(r"a\.\s*para\.\s*\d", whole)
