"""The colour scheme switch (overrides/partials/palette.html): a named radio group in the header that
the keyboard reaches and that shows its focus; it overrides the system setting and is remembered from
page to page; the pages it leads to pass axe in the scheme it chose. Without JavaScript the site is
light (the theme's default) whatever the system says, and the switch, which could do nothing, is not
shown. Print is light."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from albazin.core.i18n import label
from tests.conftest import LANGUAGES, SETTLED
from tests.site.test_quality_browser import ALL_RULES, BACKGROUND, DESKTOP, axe, contrast, tab_to

pytestmark = pytest.mark.browser

SCHEME = "document.body.getAttribute('data-md-color-scheme')"
# The colours of the page as painted: the body's background and text.
PAINTED = """() => { const s = getComputedStyle(document.body);
    return {bg: s.backgroundColor, fg: getComputedStyle(document.querySelector('.md-typeset')).color}; }"""


def url(server: str, lang: str, path: str) -> str:
    return server + ("" if lang == "en" else f"{lang}/") + path


@pytest.fixture
def context_for(browser: object) -> Iterator[object]:
    contexts = []

    def make(**options: object) -> object:
        context = browser.new_context(viewport=DESKTOP, **options)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_switch_is_a_named_radio_group_in_the_page_language(context_for, server: str, lang: str) -> None:
    page = context_for(locale=lang, color_scheme="light")
    page.goto(url(server, lang, ""))
    group = page.get_by_role("radiogroup", name=label(lang, "palette_group"))
    assert group.count() == 1
    light = group.get_by_role("radio", name=label(lang, "palette_default"))
    dark = group.get_by_role("radio", name=label(lang, "palette_slate"))
    assert light.is_checked() and not dark.is_checked()  # the scheme in use is the checked one
    button = page.locator(".alb-palette label:not([hidden])")
    assert button.count() == 1 and button.get_attribute("title") == label(lang, "palette_to_slate")
    assert page.locator(".alb-palette [aria-hidden]").count() == 0


@pytest.mark.parametrize("lang", LANGUAGES)
def test_keyboard_switches_scheme_shows_focus_and_the_choice_is_kept(context_for, server: str, lang: str) -> None:
    page = context_for(locale=lang, color_scheme="light")
    page.goto(url(server, lang, "texts/a/"))
    page.wait_for_function(SETTLED)
    assert page.evaluate(SCHEME) == "default"
    tab_to(page, ".alb-palette input:checked")
    shown = page.locator(".alb-palette label:not([hidden])")
    ring = shown.evaluate("el => { const s = getComputedStyle(el); return [s.outlineStyle, s.outlineColor]; }")
    assert ring[0] == "solid", ring  # the focused radio's button shows the focus ...
    header = page.locator(".md-header").evaluate("el => getComputedStyle(el).backgroundColor")
    assert contrast(ring[1], header) >= 3, (ring, header)  # ... and it stands out from the header
    page.keyboard.press("ArrowRight")  # a radio group: an arrow selects the next scheme
    page.wait_for_function(f"{SCHEME} === 'slate'")
    assert page.locator(".alb-palette input:checked").get_attribute("aria-label") == label(lang, "palette_slate")
    painted = page.evaluate(PAINTED)
    assert contrast(painted["fg"], painted["bg"]) >= 7, painted  # dark page, light text
    page.keyboard.press("Enter")  # the theme's key: back to the other scheme
    page.wait_for_function(f"{SCHEME} === 'default'")
    page.keyboard.press("Enter")
    page.wait_for_function(f"{SCHEME} === 'slate'")
    # Remembered on the next page, applied before the page is shown (no repaint from light to dark).
    page.goto(url(server, lang, "concordance/"), wait_until="commit")
    page.wait_for_selector("article")
    assert page.evaluate(SCHEME) == "slate"
    page.wait_for_function(SETTLED)
    assert axe(page, f"{lang} concordance, switched to dark", ALL_RULES) == []


def test_the_switch_overrides_the_system_setting(context_for, server: str) -> None:
    page = context_for(color_scheme="dark")
    page.goto(url(server, "en", "index/persons/"))
    assert page.evaluate(SCHEME) == "slate"  # nothing chosen: the system's dark
    page.locator(".alb-palette label:not([hidden])").click()
    page.wait_for_function(f"{SCHEME} === 'default'")
    page.goto(url(server, "ru", "index/persons/"))
    assert page.evaluate(SCHEME) == "default"  # chosen light, on a dark system, in both languages
    page.wait_for_function(SETTLED)
    assert axe(page, "ru persons, switched to light on a dark system", ALL_RULES) == []


@pytest.mark.parametrize("kind", ["", "texts/b/", "index/places/", "concordance/", "introduction/"])
def test_without_javascript_the_light_scheme_reads_well_and_no_switch_shows(context_for, server: str,
                                                                           kind: str) -> None:
    page = context_for(color_scheme="dark", java_script_enabled=False)
    page.goto(url(server, "en", kind))
    assert page.locator("body").get_attribute("data-md-color-scheme") == "default"
    assert page.locator(".alb-palette").is_hidden()
    # (axe-core cannot run in a page without JavaScript: the colours are read as painted instead)
    colours = page.locator("article").evaluate("""el => [...el.querySelectorAll('p, li, a, h1, h2, td, th')]
        .filter(e => e.textContent.trim()).slice(0, 400).map(e => getComputedStyle(e).color)""")
    body = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert body == "rgb(255, 255, 255)", body
    assert colours and min(contrast(c, body) for c in set(colours)) >= 4.5, set(colours)


def test_print_is_light_in_the_dark_scheme(context_for, server: str) -> None:
    page = context_for(color_scheme="dark")
    page.goto(url(server, "en", "texts/a/"))
    page.wait_for_function(SETTLED)
    assert page.evaluate(SCHEME) == "slate"
    page.emulate_media(media="print")
    text = page.locator(".alb-p").first
    colours = text.evaluate(f"el => [getComputedStyle(el).color, ({BACKGROUND})(el)]")
    body = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert body in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"), body
    assert contrast(colours[0], "rgb(255, 255, 255)") >= 7, colours
