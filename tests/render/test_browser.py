"""Browser tests: Playwright driving Debian's Chromium against the built site on 127.0.0.1."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from albazin.model.model import Edition
from tests.conftest import LANGUAGES, page_url

pytestmark = pytest.mark.browser

OTHER = {"en": "ru", "ru": "en"}


def open_page(page, server: str, path: str) -> list[str]:
    """Open a page, recording every request that leaves 127.0.0.1 and every console error."""
    problems: list[str] = []
    host = urlsplit(server).netloc
    page.on("request", lambda r: problems.append(f"request {r.url}")
            if urlsplit(r.url).netloc not in (host, "") and not r.url.startswith("data:") else None)
    page.on("console", lambda m: problems.append(f"console {m.text}") if m.type == "error" else None)
    page.on("requestfailed", lambda r: problems.append(f"failed {r.url}"))
    page.on("response", lambda r: problems.append(f"HTTP {r.status} {r.url}") if r.status >= 400 else None)
    page.goto(server + path)
    page.wait_for_load_state("networkidle")
    return problems


def switch_language(page, lang: str) -> None:
    # Material's language selector is a hover menu in the header.
    page.hover(".md-header__option .md-select")
    page.click(f'.md-select__link[hreflang="{lang}"]')
    page.wait_for_load_state("load")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("slug", ["a", "b", "c"])
def test_text_page_opens_and_language_switch_keeps_the_page(page, server: str, edition: Edition,
                                                             slug: str, lang: str) -> None:
    problems = open_page(page, server, page_url(slug, lang))
    text = next(t for t in edition.texts if t.slug == slug)
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator(".alb-text .alb-col--original").first.get_attribute("lang") == text.lang
    first = text.paragraphs()[0].xml_id
    assert page.locator(f"#{first}").is_visible()
    switch_language(page, OTHER[lang])
    assert urlsplit(page.url).path == "/" + page_url(slug, OTHER[lang])
    assert page.locator("html").get_attribute("lang") == OTHER[lang]
    assert problems == []


def test_language_switch_keeps_the_reader_at_the_same_paragraph(page, server: str) -> None:
    open_page(page, server, page_url("b", "en") + "#B-p5")
    switch_language(page, "ru")
    assert page.url.endswith("/ru/texts/b/#B-p5")
    assert page.evaluate("document.querySelector(':target').id") == "B-p5"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_permalink_appears_on_hover_and_leads_to_its_paragraph(page, server: str, lang: str) -> None:
    open_page(page, server, page_url("a", lang))
    paragraph = page.locator("#A-p3")
    link = paragraph.locator("a.alb-permalink")
    assert link.evaluate("el => getComputedStyle(el).opacity") == "0"
    paragraph.hover()
    page.wait_for_function("document.querySelector('#A-p3 .alb-permalink') && "
                           "getComputedStyle(document.querySelector('#A-p3 .alb-permalink')).opacity === '1'")
    link.click()
    assert page.url.endswith(f"/{page_url('a', lang)}#A-p3")
    assert page.evaluate("document.querySelector(':target').id") == "A-p3"
    background = paragraph.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")


def test_permalink_is_visible_on_keyboard_focus(page, server: str) -> None:
    open_page(page, server, page_url("c", "en"))
    link = page.locator("#C-p5 a.alb-permalink")
    link.focus()
    page.wait_for_function("getComputedStyle(document.activeElement).opacity === '1'")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#C-p5"
    page.keyboard.press("Enter")
    assert page.url.endswith("#C-p5")


def test_a_permalink_opened_directly_lands_on_its_target(page, server: str) -> None:
    open_page(page, server, page_url("c", "ru") + "#C-bibl4")
    assert page.evaluate("document.querySelector(':target').id") == "C-bibl4"
    assert page.locator("#C-bibl4").is_visible()
    box = page.locator("#C-bibl4").bounding_box()
    assert box is not None and 0 <= box["y"] < 900
