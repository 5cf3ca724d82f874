"""A long text page renders its first screen first (benchmark part e): the scripts are deferred, the
reading view is applied inline in <head>, and the edition's scripts (docs/assets/js/edition/) leave some work for the frames after load
(the list entries below the text, the note markers' button semantics, the cite buttons). That work
is all done shortly after load, and a reader who acts before it is done is served at once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import html

from tests.conftest import SETTLED, page_url

# No animation frame callback ever runs: the frame queues (docs/assets/js/edition/frames.js) never start, so what a reader
# does acts on elements that no queue has reached yet.
NO_FRAMES = "window.requestAnimationFrame = () => 0;"
LIST_ENTRIES = ".alb-apparatus__list > li, .alb-comlist > li"


@pytest.fixture
def early_page(browser: object, server: str) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server)
    context.add_init_script(NO_FRAMES)
    page = context.new_page()
    yield page
    context.close()


def test_text_page_scripts_are_deferred_and_the_view_is_set_inline(site: Path) -> None:
    doc = html.parse(str(site / page_url("c", "en") / "index.html")).getroot()
    scripts = doc.xpath("//script[@src]")
    # deferred, or a module (which a browser defers: it runs after parsing, in order with the deferred)
    assert scripts and all(s.get("defer") is not None or s.get("type") == "module" for s in scripts), \
        [s.get("src") for s in scripts]
    page_dir = site / page_url("c", "en")
    assert all((page_dir / s.get("src")).resolve().is_file() for s in scripts)  # the bundle's name is right
    # the modules the entry imports are preloaded, each a file of the site, none missing
    entry = next(s.get("src") for s in scripts if s.get("type") == "module")
    preloaded = [link.get("href") for link in doc.head.xpath("link[@rel='modulepreload']")]
    assert all((page_dir / href).resolve().is_file() for href in preloaded)
    modules = sorted(p.name for p in (page_dir / entry).resolve().parent.glob("*.js"))
    assert sorted([Path(entry).name] + [Path(href).name for href in preloaded]) == modules
    inline = [s.text or "" for s in doc.head.xpath("script[not(@src)]")]
    assert any('classList.add("alb-js")' in text and "data-" in text for text in inline)


@pytest.mark.browser
def test_the_frames_after_load_finish_the_page(page: object, server: str) -> None:
    page.goto(server + page_url("c", "en"))
    page.wait_for_function(SETTLED, timeout=10_000)
    states = page.evaluate(f"[...document.querySelectorAll('{LIST_ENTRIES}')]"
                           ".map(li => getComputedStyle(li).contentVisibility)")
    assert states and set(states) == {"visible"}
    assert page.locator(".alb-cite-btn").count() == page.locator("a.alb-permalink[data-unit]").count() > 0
    assert page.locator(".alb-noteref[role=button][aria-haspopup=dialog][aria-expanded=false]").count() > 0


@pytest.mark.browser
def test_without_javascript_the_lists_are_laid_out_at_once(browser: object, server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(server + page_url("c", "ru"))
        states = page.evaluate(f"[...document.querySelectorAll('{LIST_ENTRIES}')]"
                               ".map(li => getComputedStyle(li).contentVisibility)")
        assert states and set(states) == {"visible"}
    finally:
        context.close()


@pytest.mark.browser
def test_a_permalink_gets_its_cite_button_when_focused(early_page: object) -> None:
    page = early_page
    page.goto(page_url("c", "en"))
    assert page.locator(".alb-cite-btn").count() == 0  # no frame queue has run
    page.locator("#C-p5 a.alb-permalink").focus()
    assert page.locator("#C-p5 .alb-cite-btn").count() == 1
    page.keyboard.press("Tab")  # the next stop is the new button, as when it was made at load
    assert page.evaluate("document.activeElement.getAttribute('data-cite')") == "C-p5"
    page.keyboard.press("Enter")
    page.locator("#alb-cite").wait_for()
    page.keyboard.press("Escape")
    assert page.locator("#alb-cite").count() == 0
    assert page.evaluate("document.activeElement.getAttribute('data-cite')") == "C-p5"


@pytest.mark.browser
def test_pointing_at_a_unit_gives_it_its_cite_button(early_page: object) -> None:
    page = early_page
    page.goto(page_url("c", "ru"))
    page.locator("#C-p3").hover()
    button = page.locator("#C-p3 .alb-cite-btn")
    assert button.count() == 1
    button.click()
    assert page.locator("#alb-cite .alb-cite__url").input_value().endswith("/ru/texts/c/#C-p3")


@pytest.mark.browser
def test_a_note_marker_is_a_button_when_focused_or_used(early_page: object) -> None:
    page = early_page
    page.goto(page_url("a", "en"))
    assert page.locator(".alb-noteref[role], .alb-comref[role]").count() == 0  # no frame queue has run
    marker = page.locator(".alb-noteref").first
    marker.focus()
    assert (marker.get_attribute("role"), marker.get_attribute("aria-haspopup"),
            marker.get_attribute("aria-expanded")) == ("button", "dialog", "false")
    page.keyboard.press("Enter")
    assert page.locator("#alb-popup").is_visible() and marker.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Escape")
    commentary = page.locator(".alb-comref").first
    commentary.click()  # by pointer, never focused first
    assert commentary.get_attribute("role") == "button" and commentary.get_attribute("aria-expanded") == "true"
    assert page.locator("#alb-popup .alb-com__title").count() == 1
    assert page.url.endswith(page_url("a", "en"))  # opened in place, no jump to the entry


@pytest.mark.browser
def test_name_cards_follow_the_pointer_and_the_focus(page: object, server: str) -> None:
    page.goto(server + page_url("b", "en"))
    names = page.locator("a.alb-name")
    names.first.hover()
    card = page.locator(".alb-card-popup")
    assert card.count() == 1 and card.is_visible()
    page.locator("h1").hover()
    assert card.count() == 0
    names.nth(1).focus()
    assert card.count() == 1
    page.keyboard.press("Escape")
    assert card.count() == 0


@pytest.mark.browser
def test_a_link_into_a_list_lands_on_its_entry(page: object, server: str) -> None:
    """An entry below the text, opened by its anchor before the frames lay it out, is where the reader
    looks, and stays there while the entries around it are laid out."""
    doc = page.goto(server + page_url("c", "en"))
    assert doc is not None
    entry = page.evaluate("document.querySelector('.alb-comlist > li:nth-child(3)').id")
    page.goto(server + page_url("c", "en") + f"#{entry}")
    first = page.locator(f"#{entry}").bounding_box()
    page.wait_for_function(SETTLED)
    settled = page.locator(f"#{entry}").bounding_box()
    assert first is not None and settled is not None
    assert 0 <= settled["y"] < 200 and abs(settled["y"] - first["y"]) <= 2
    assert page.evaluate("document.querySelector(':target').id") == entry


@pytest.mark.browser
def test_copies_in_a_popup_get_no_card_or_cite_button(page: object, server: str) -> None:
    """The handlers are on the document; the copy of a note or entry shown in a popup is not the page."""
    page.goto(server + page_url("c", "en"))
    page.wait_for_function(SETTLED)
    page.locator(".alb-comref").first.click()
    popup = page.locator("#alb-popup")
    name = popup.locator("a.alb-name").first
    name.hover()
    name.focus()
    assert page.locator(".alb-card-popup").count() == 0
    page.keyboard.press("Escape")
    page.locator(".alb-noteref").first.click()
    permalink = popup.locator("a.alb-permalink").first
    permalink.hover()
    permalink.focus()
    assert popup.locator(".alb-cite-btn").count() == 0
