"""Browser tests of the reading views: critical/diplomatic, the apparatus popups, and the
original/translation/parallel layouts (Playwright driving Debian's Chromium)."""

from __future__ import annotations

import pytest

from albazin.model import apparatus
from albazin.model.model import Edition
from tests.conftest import SETTLED, page_url

pytestmark = pytest.mark.browser


def first_correction(edition: Edition, siglum: str) -> apparatus.Lemma:
    """A corrected word of the text: both readings non-empty and different."""
    for entry in apparatus.entries(edition.text(siglum)):
        for lem in entry.lemmata:
            if lem.kind == "correction" and lem.critical.strip() and lem.diplomatic.strip() \
                    and lem.critical != lem.diplomatic:
                return lem
    raise AssertionError(f"{siglum} has no correction to test")


def visible_text(page, selector: str) -> str:
    return page.locator(selector).evaluate("el => el.innerText")


def test_diplomatic_toggle_swaps_readings_and_goes_into_the_address(page, server: str, edition: Edition) -> None:
    lem = first_correction(edition, "A")
    page.goto(server + page_url("a", "en"))
    assert visible_text(page, f"#{lem.xml_id}") == lem.critical  # critical is the default
    page.check("#alb-view-diplomatic")
    assert visible_text(page, f"#{lem.xml_id}") == lem.diplomatic
    assert page.locator(f"#{lem.xml_id} .alb-reading--edited").is_hidden()
    assert page.url.endswith("/texts/a/?view=diplomatic")  # shareable: the view is in the address
    page.reload()
    assert page.locator("#alb-view-diplomatic").is_checked()
    assert visible_text(page, f"#{lem.xml_id}") == lem.diplomatic
    # nothing persists behind the reader's back: another text opened without it is critical
    other = first_correction(edition, "B")
    page.goto(server + page_url("b", "ru"))
    assert page.locator("#alb-view-critical").is_checked()
    assert visible_text(page, f"#{other.xml_id}") == other.critical
    page.goto(server + page_url("b", "ru") + "?view=diplomatic")
    assert visible_text(page, f"#{other.xml_id}") == other.diplomatic
    page.check("#alb-view-critical")
    assert page.url.endswith("/ru/texts/b/")  # the default leaves the address plain
    page.reload()
    assert visible_text(page, f"#{other.xml_id}") == other.critical


def test_note_marker_opens_by_click_and_keyboard_and_closes_with_escape(page, server: str,
                                                                        edition: Edition) -> None:
    entry = apparatus.entries(edition.text("A"))[0]
    page.goto(server + page_url("a", "ru"))
    page.wait_for_function(SETTLED)  # markers become buttons in the frames after load
    marker = page.locator(f"#{entry.note.xml_id}-ref")
    assert marker.get_attribute("role") == "button" and marker.get_attribute("aria-expanded") == "false"
    assert marker.get_attribute("aria-label") == f"Примечание аппарата {apparatus.letter(entry.number)}"
    marker.click()
    popup = page.locator(".alb-popup[role=dialog]")
    assert popup.is_visible() and marker.get_attribute("aria-expanded") == "true"
    note_ru = "".join(str(getattr(c, "value", "")) for c in entry.note.text_for("ru"))[:20]
    assert note_ru and note_ru in popup.inner_text()  # the note in the page's language
    assert page.url.endswith("/ru/texts/a/")  # opened in place, no jump
    page.keyboard.press("Escape")
    assert popup.count() == 0 and marker.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.id") == f"{entry.note.xml_id}-ref"
    # keyboard only: focus the marker, Enter opens, Escape closes
    marker.focus()
    page.keyboard.press("Enter")
    assert popup.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('alb-popup')")
    page.keyboard.press("Escape")
    assert popup.count() == 0
    assert page.evaluate("document.activeElement.id") == f"{entry.note.xml_id}-ref"


def test_parallel_rows_align_at_1280px(page, server: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    for slug in ("a", "b", "c"):
        page.goto(server + page_url(slug, "en"))
        tops = page.evaluate("""() => [...document.querySelectorAll('.alb-row')]
            .filter(r => r.children.length === 2)
            .map(r => [...r.children].map(c => c.getBoundingClientRect().top))""")
        assert tops, slug
        assert all(abs(a - b) <= 4 for a, b in tops), (slug, tops)
        lefts = page.evaluate("""() => { const r = document.querySelector('.alb-row');
            return [...r.children].map(c => c.getBoundingClientRect().left); }""")
        assert lefts[1] > lefts[0] + 100  # really side by side


def test_parallel_rows_stack_at_390px(page, server: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(server + page_url("a", "ru"))
    boxes = page.evaluate("""() => [...document.querySelectorAll('.alb-row')]
        .filter(r => r.children.length === 2)
        .map(r => [...r.children].map(c => { const b = c.getBoundingClientRect(); return [b.top, b.bottom]; }))""")
    assert boxes
    assert all(translation[0] >= original[1] - 1 for original, translation in boxes)


@pytest.mark.parametrize("layout", ["parallel", "original", "translation"])
def test_paragraph_anchors_work_in_every_layout(page, server: str, layout: str) -> None:
    page.goto(server + page_url("c", "en"))
    page.check(f"#alb-layout-{layout}")
    query = "" if layout == "parallel" else f"?layout={layout}"
    assert page.url.endswith(f"/texts/c/{query}")
    for anchor in ("C-p7", "C-ru-p7"):
        page.goto(server + page_url("c", "en") + f"{query}#{anchor}")
        target = page.locator(f"#{anchor}")
        assert target.is_visible(), (layout, anchor)
        assert page.evaluate("document.querySelector(':target').id") == anchor
        box = target.bounding_box()
        assert 0 <= box["y"] < 900, (layout, anchor, box)
        # a link into the hidden column shows both columns, and the address says so
        hidden = (layout, anchor) in (("original", "C-ru-p7"), ("translation", "C-p7"))
        assert page.url.endswith(f"/texts/c/{'' if hidden else query}#{anchor}"), (layout, anchor, page.url)


def test_layout_choice_hides_a_column_and_goes_into_the_address(page, server: str) -> None:
    page.goto(server + page_url("b", "en"))
    page.check("#alb-layout-translation")
    assert page.locator("#B-p1").is_hidden() and page.locator("#B-en-p1").is_visible()
    assert page.url.endswith("/texts/b/?layout=translation")
    page.goto(server + page_url("a", "en"))  # not carried to another text behind the reader's back
    assert page.locator("#alb-layout-parallel").is_checked()
    page.goto(server + page_url("a", "en") + "?layout=translation")
    assert page.locator("#alb-layout-translation").is_checked()
    assert page.locator("#A-p1").is_hidden() and page.locator("#A-en-p1").is_visible()
    page.check("#alb-layout-original")
    assert page.locator("#A-p1").is_visible() and page.locator("#A-en-p1").is_hidden()
    assert page.url.endswith("/texts/a/?layout=original")
    page.check("#alb-view-diplomatic")  # both choices, in the order they were made
    assert page.url.endswith("/texts/a/?layout=original&view=diplomatic")


def test_without_javascript_critical_text_both_columns_and_notes(browser, server: str, edition: Edition) -> None:
    lem = first_correction(edition, "A")
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(server + page_url("a", "en"))
        assert page.locator(".alb-controls").is_hidden()  # they would do nothing
        assert visible_text(page, f"#{lem.xml_id}") == lem.critical
        assert page.locator("#A-p1").is_visible() and page.locator("#A-en-p1").is_visible()
        notes = page.locator(".alb-apparatus li")
        assert notes.count() == len(edition.text("A").apparatus())
        assert lem.diplomatic in page.locator(".alb-apparatus").inner_text()  # source readings in the notes
        first = apparatus.entries(edition.text("A"))[0].note.xml_id
        page.click(f"#{first}-ref")  # a plain link to the note
        assert page.url.endswith(f"#{first}")
    finally:
        context.close()
