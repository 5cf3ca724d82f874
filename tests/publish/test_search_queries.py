"""Search quality on a fixed query set (tests/fixtures/search_queries.tsv): the real built index, queried
in Chromium on the search page of each language, must put one of the expected passages first. Also: hits
are passages with their anchors, in tier order (texts, editorial matter, bibliography), their excerpts
free of the index-only name forms, and the page accessible and quiet in every state."""

from __future__ import annotations

import json
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import html

from albazin.publish import search
from albazin.render import searchpage
from tests.conftest import FIXTURES, LANGUAGES
from tests.site.test_quality_browser import ALL_RULES, axe

QUERIES = FIXTURES / "search_queries.tsv"


@dataclass(frozen=True)
class Query:
    lang: str
    text: str
    expected: tuple[str, ...]  # acceptable first hits, page#anchor
    what: str


def load_queries() -> list[Query]:
    rows = [line.split("\t") for line in QUERIES.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    return [Query(lang, text, tuple(expected.split()), what) for lang, text, expected, what in rows]


def hits(page, server: str, lang: str, query: str) -> list[dict]:
    """Every hit of a search on the language's search page (all batches), in order."""
    prefix = "" if lang == "en" else "ru/"
    page.goto(f"{server}{prefix}search/?q={urllib.parse.quote(query)}")
    page.wait_for_selector(f".alb-search[data-searched={json.dumps(query, ensure_ascii=False)}]", timeout=15000)
    more = page.locator(".alb-search__more")
    while more.is_visible():
        shown = page.locator(".alb-hit").count()
        more.click()
        page.wait_for_function(f"document.querySelectorAll('.alb-hit').length > {shown}")
    return page.evaluate("""() => [...document.querySelectorAll('.alb-hit')].map(li => ({
        href: li.querySelector('a').getAttribute('href'),
        excerpt: li.querySelector('.alb-hit__excerpt').textContent,
        marks: [...li.querySelectorAll('.alb-hit__excerpt mark')].map(m => m.textContent)}))""")


def test_query_set_is_well_formed() -> None:
    queries = load_queries()
    assert len(queries) >= 18 and {q.lang for q in queries} == set(LANGUAGES)
    for q in queries:
        prefix = "/" if q.lang == "en" else "/ru/"
        assert q.expected and all(e.startswith(prefix) and "#" in e for e in q.expected), q


@pytest.mark.build
def test_expected_passages_exist_in_the_built_site(site: Path) -> None:
    for q in load_queries():
        for expected in q.expected:
            path, _, anchor = expected.partition("#")
            doc = html.parse(str(site / path.strip("/") / "index.html")).getroot()
            assert doc.get_element_by_id(anchor, None) is not None, expected


@pytest.mark.build
def test_the_search_page_hands_the_tiers_to_the_script(site: Path) -> None:
    doc = html.parse(str(site / "search/index.html")).getroot()
    tiers = json.loads(doc.cssselect(".alb-search")[0].get("data-tiers"))
    assert tiers == searchpage.script_tiers()
    assert tiers["kinds"]["text"] < tiers["kinds"]["commentary"] < tiers["other"] < tiers["kinds"]["bibliography"]
    article = html.parse(str(site / "ru/bibliography/index.html")).getroot().cssselect("article")[0]
    assert article.get("data-pagefind-meta") == f"{search.KIND_META}:bibliography"


@pytest.mark.build
@pytest.mark.browser
@pytest.mark.parametrize("query", load_queries(), ids=lambda q: f"{q.lang}-{q.text}")
def test_first_hit_is_an_expected_passage(page, server: str, query: Query) -> None:
    found = hits(page, server, query.lang, query.text)
    assert found, f"nothing found for {query.text!r}"
    assert found[0]["href"] in query.expected, (query.what, found[0])
    assert found[0]["marks"], found[0]  # the excerpt shows the word found


def _is_text_paragraph(site: Path, path: str, anchor: str) -> bool:
    element = html.parse(str(site / path.strip("/") / "index.html")).getroot().get_element_by_id(anchor, None)
    return element is not None and element.tag == "p" and "alb-p" in (element.get("class") or "").split()


@pytest.mark.build
@pytest.mark.browser
@pytest.mark.parametrize(("lang", "query"), [("en", "Beiton"), ("ru", "Бейтона"), ("ru", "Албазин")])
def test_hits_are_passages_in_tier_order(page, server: str, site: Path, lang: str, query: str) -> None:
    found = hits(page, server, lang, query)
    prefix = "/" if lang == "en" else "/ru/"
    kinds = []
    for hit in found:
        path, _, anchor = hit["href"].partition("#")
        kind = path.removeprefix(prefix).split("/")[0] or "home"
        if kind == "texts":
            kind = "text" if anchor and _is_text_paragraph(site, path, anchor) else "text matter"
        kinds.append(kind)
    # a passage, not a whole page: only a page's opening (its title and header) has no anchor
    assert len([h for h in found if "#" not in h["href"]]) <= len({h["href"].split("#")[0] for h in found})
    assert all("#" in h["href"] for h, k in zip(found, kinds, strict=True) if k == "text")
    texts = [i for i, k in enumerate(kinds) if k == "text"]
    bibliography = [i for i, k in enumerate(kinds) if k == "bibliography"]
    assert texts and texts == list(range(len(texts)))  # the texts' paragraphs first
    assert bibliography and all(i > j for i in bibliography for j, k in enumerate(kinds) if k != "bibliography")
    assert len({h["href"] for h in found}) == len(found)


@pytest.mark.build
@pytest.mark.browser
def test_a_name_found_by_another_form_is_marked_as_printed_without_the_form(page, server: str) -> None:
    found = {h["href"]: h for h in hits(page, server, "ru", "Beiton")}
    hit = found["/ru/texts/a/#A-p3"]  # the Russian original prints «Афанасия Байтона»
    assert "Beiton" not in hit["excerpt"] and search.FORMS_OPEN not in hit["excerpt"]
    assert {"Афанасия", "Байтона"} <= {m.strip(".,;:") for m in hit["marks"]}
    for hit in found.values():
        assert search.FORMS_OPEN not in hit["excerpt"] and search.FORMS_CLOSE not in hit["excerpt"]
        assert "(Beiton)" not in hit["excerpt"]


@pytest.mark.build
@pytest.mark.browser
def test_russian_instrumental_finds_the_other_forms(page, server: str) -> None:
    marks = {m.strip(".,;:«»()").casefold() for h in hits(page, server, "ru", "осадой") for m in h["marks"]}
    assert {"осада", "осады", "осаду"} <= marks and "осадой" in marks
    marks = {m.strip(".,;:«»()").casefold() for h in hits(page, server, "ru", "крепостью") for m in h["marks"]}
    assert {"крепость", "крепости"} <= marks


@pytest.mark.build
@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_page_states_pass_axe_without_console_errors(browser, server: str, lang: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale=lang)
    errors: list[str] = []
    try:
        pg = context.new_page()
        pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        pg.on("pageerror", lambda e: errors.append(str(e)))
        prefix = "" if lang == "en" else "ru/"
        for query in ("Albazin" if lang == "en" else "Албазин", "xylophonequartz"):
            pg.goto(f"{server}{prefix}search/?q={urllib.parse.quote(query)}")
            pg.wait_for_selector(f".alb-search[data-searched='{query}']", timeout=15000)
            state = "results" if pg.locator(".alb-hit").count() else "nothing found"
            assert axe(pg, f"{lang} search, {state}", ALL_RULES) == []
        assert errors == []
    finally:
        context.close()
