"""Browser tests of the index: name cards, occurrence links landing on the name, map points."""

from __future__ import annotations

import pytest

from tests.conftest import page_url

pytestmark = pytest.mark.browser


def test_name_card_opens_on_hover_and_on_keyboard_focus(page, server: str) -> None:
    page.goto(server + page_url("b", "en"))
    name = page.locator("a.alb-name[data-entity='pers-tolbuzin']").first
    card = page.locator(".alb-card-popup")
    name.hover()
    assert card.is_visible() and "Tolbuzin" in card.inner_text()
    page.mouse.move(0, 0)
    assert card.count() == 0
    name.focus()
    assert card.is_visible() and "Tolbuzin" in card.inner_text()
    described = page.evaluate("id => document.getElementById(id).textContent",
                              name.get_attribute("aria-describedby"))
    assert "Tolbuzin" in described  # screen readers hear the same card
    page.keyboard.press("Escape")
    assert card.count() == 0


def test_card_is_in_the_page_language(page, server: str) -> None:
    page.goto(server + page_url("c", "ru"))
    page.locator("a.alb-name[data-entity='pers-langtan']").first.hover()
    assert "Лантань" in page.locator(".alb-card-popup").inner_text()


def test_occurrence_link_lands_on_the_highlighted_name(page, server: str) -> None:
    page.goto(server + "ru/index/persons/")
    link = page.locator("section#pers-beiton a.alb-occ__link").first
    link.click()
    page.wait_for_load_state("load")
    target = page.evaluate("""() => { const t = document.querySelector(':target');
        return t && [t.dataset.entity, getComputedStyle(t).outlineStyle, t.getBoundingClientRect().top]; }""")
    assert target is not None and target[0] == "pers-beiton"
    assert target[1] != "none"  # visibly highlighted
    assert 0 <= target[2] < 900  # and scrolled into view


def test_map_point_leads_to_its_entry(page, server: str) -> None:
    page.goto(server + "index/places/")
    point = page.locator("#map-pl-nerchinsk")
    assert point.count() == 1
    point.click()
    assert page.evaluate("document.querySelector(':target').id") == "pl-nerchinsk"
    page.click("section#pl-nerchinsk a[href='#map-pl-nerchinsk']")
    assert page.evaluate("document.querySelector(':target').id") == "map-pl-nerchinsk"
