"""Search (Pagefind, one index per language): name forms, the index build and its failure, what is
indexed, and real queries in a browser on both language sites."""

from __future__ import annotations

import filecmp
import json
import os
import re
import shutil
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest
from lxml import html

from albazin.core.paths import PROJECT_ROOT
from albazin.model.model import Edition, Entity, EntityName
from albazin.publish import search
from tests.conftest import LANGUAGES

RU_PREFIX = "ru/"


def _entity(*names: tuple[str, str | None, str]) -> Entity:
    return Entity("pers-x", "person", None, tuple(EntityName(t, lang, text) for t, lang, text in names))


# --- name forms ----------------------------------------------------------------------------------

def test_forms_keep_one_word_names_whole_and_the_capitalised_words_of_longer_ones() -> None:
    entity = _entity(("standard", "en", "Afanasii von Beiton"), ("variant", "ru", "Байтон"),
                     ("variant", "ru", "А.И. Бейтон"), ("variant", "en", "one of the princes of the Manchu dynasty"),
                     ("variant", "ru", "богдыхан"), ("variant", "en", "BEITON"), ("alt", "zh-Hant", "康熙帝"))
    assert search.name_forms(entity) == ["Afanasii", "Beiton", "Байтон", "Бейтон", "Manchu", "богдыхан", "康熙帝"]


def test_every_entitys_forms_include_each_one_word_name_of_it(edition: Edition) -> None:
    for entity in edition.entities:
        forms = {f.casefold() for f in search.name_forms(entity)}
        for name in entity.names:
            words = name.text.split()
            if len(words) == 1:
                assert words[0].strip("«»\"'(),.").casefold() in forms, (entity.xml_id, name.text)


def test_beiton_and_albazin_are_findable_under_their_variant_forms(edition: Edition) -> None:
    entities = {e.xml_id: e for e in edition.entities}
    beiton = entities["pers-beiton"]
    variants = [n.text for n in beiton.names if n.type == "variant" and len(n.text.split()) == 1]
    assert variants and set(variants) <= set(search.name_forms(beiton))
    assert {"Бейтон", "Байтон", "Beiton"} <= set(search.name_forms(beiton))
    assert {"Албазин", "Абалзин", "Albazin", "Якса"} <= set(search.name_forms(entities["pl-albazin"]))


def test_name_attrs_bracket_the_forms_for_the_excerpts_and_name_the_indexed_attribute() -> None:
    attrs = search.name_attrs(_entity(("standard", "ru", "Бейтон"), ("variant", "ru", "Байтон")))
    assert attrs == {search.NAMES_ATTR: f"{search.FORMS_OPEN}Бейтон Байтон{search.FORMS_CLOSE}",
                     "data-pagefind-index-attrs": search.NAMES_ATTR}
    assert search.name_attrs(_entity(("standard", "ru", "неназванный голландский посол"))) == {}


# --- the index build ------------------------------------------------------------------------------

def _mini_site(root: Path, pages: dict[str, tuple[str, str]]) -> Path:
    for path, (lang, body) in pages.items():
        target = root / path / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f'<!doctype html><html lang="{lang}"><head><title>t</title></head><body>'
                          f'<nav>nav</nav><article data-pagefind-body><h1>{path}</h1>{body}</article></body></html>',
                          encoding="utf-8")
    return root


def test_index_site_builds_one_index_per_language(tmp_path: Path) -> None:
    site = _mini_site(tmp_path, {"a": ("en", "<p>The siege.</p>"), "ru/a": ("ru", "<p>Осада Албазина.</p>")})
    report = search.index_site(site, LANGUAGES)
    assert report.pages == {"en": 1, "ru": 1}
    assert all(report.sizes[lang] > 0 for lang in LANGUAGES)
    assert (site / search.BUNDLE_DIR / "pagefind.js").is_file()


def test_index_site_fails_when_a_language_has_no_page(tmp_path: Path) -> None:
    site = _mini_site(tmp_path, {"a": ("en", "<p>The siege.</p>")})
    with pytest.raises(search.SearchIndexError, match="no search index for ru"):
        search.index_site(site, LANGUAGES)


def _failing_indexer(tmp_path: Path) -> Path:
    script = tmp_path / "failing-indexer"
    script.write_text("#!/bin/sh\necho 'Error: simulated indexer failure' >&2\nexit 3\n", encoding="utf-8")
    script.chmod(0o755)
    return script


def test_index_site_reports_the_indexers_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALBAZIN_PAGEFIND", str(_failing_indexer(tmp_path)))
    with pytest.raises(search.SearchIndexError, match=r"exit status 3\): Error: simulated indexer failure"):
        search.index_site(_mini_site(tmp_path / "site", {"a": ("en", "<p>x</p>")}), LANGUAGES)


@pytest.mark.build
def test_failed_indexing_fails_the_build_cleanly_and_keeps_the_previous_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous build", encoding="utf-8")
    env = {**os.environ, "ALBAZIN_PAGEFIND": str(_failing_indexer(tmp_path)), "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "albazin", "build", "--site-dir", str(site)],
                            cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, check=False)
    log = result.stdout + result.stderr
    assert result.returncode == 1
    assert "error: the search indexer failed (exit status 3): Error: simulated indexer failure [search]" in log
    assert "Traceback" not in log
    assert (site / "index.html").read_text(encoding="utf-8") == "previous build"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["failing-indexer", "site"]


def test_entry_file_lists_languages_in_a_fixed_order(tmp_path: Path) -> None:
    site = _mini_site(tmp_path, {"a": ("en", "<p>The siege.</p>"), "ru/a": ("ru", "<p>Осада.</p>")})
    search.index_site(site, LANGUAGES)
    entry = site / search.BUNDLE_DIR / "pagefind-entry.json"
    data = json.loads(entry.read_text(encoding="utf-8"))
    entry.write_text(json.dumps({**data, "languages": dict(reversed(data["languages"].items()))}), encoding="utf-8")
    assert list(search._sort_entry(entry)["languages"]) == ["en", "ru"]
    assert list(json.loads(entry.read_text(encoding="utf-8"))["languages"]) == ["en", "ru"]


def test_indexing_is_deterministic(site: Path, tmp_path: Path) -> None:
    copy = tmp_path / "site"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns(search.BUNDLE_DIR))
    search.index_site(copy, LANGUAGES)
    compared = filecmp.dircmp(site / search.BUNDLE_DIR, copy / search.BUNDLE_DIR)

    def differences(cmp: filecmp.dircmp) -> list[str]:
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        return (cmp.left_only + cmp.right_only + mismatch + errors
                + [d for sub in cmp.subdirs.values() for d in differences(sub)])
    assert differences(compared) == []


# --- what the built site gives the indexer ----------------------------------------------------------

def _html_pages(site: Path) -> list[Path]:
    return [p for p in sorted(site.rglob("*.html")) if search.BUNDLE_DIR not in p.relative_to(site).parts]


def test_only_the_article_of_content_pages_is_indexed(site: Path) -> None:
    for path in _html_pages(site):
        doc = html.parse(str(path)).getroot()
        bodies = doc.cssselect("[data-pagefind-body]")
        rel = path.relative_to(site).as_posix()
        if rel in ("404.html", "search/index.html", f"{RU_PREFIX}search/index.html"):
            assert bodies == [], rel
        else:
            assert [b.tag for b in bodies] == ["article"], rel


@pytest.mark.parametrize("lang", LANGUAGES)
def test_bundle_has_an_index_per_language(site: Path, lang: str) -> None:
    bundle = site / search.BUNDLE_DIR
    assert list(bundle.glob(f"pagefind.{lang}_*.pf_meta")) and list(bundle.glob(f"fragment/{lang}_*"))
    assert search.language_sizes(bundle, [lang])[lang] > 0


def test_name_links_carry_all_forms_without_changing_what_is_read(site: Path, edition: Edition) -> None:
    doc = html.parse(str(site / "texts/a/index.html")).getroot()
    names = doc.cssselect(".alb-text a.alb-name[data-entity='pers-beiton']")
    assert names
    entity = next(e for e in edition.entities if e.xml_id == "pers-beiton")
    for name in names:
        assert name.get(search.NAMES_ATTR) == search.name_attrs(entity)[search.NAMES_ATTR]
        assert name.get("data-pagefind-index-attrs") == search.NAMES_ATTR
        assert search.FORMS_OPEN not in name.text_content() and name.get("aria-label") is None
    entry = html.parse(str(site / "index/persons/index.html")).getroot().cssselect("#pers-beiton h2")[0]
    assert "Байтон" in entry.get(search.NAMES_ATTR) and "Байтон" not in entry.text_content()


def test_header_search_box_opens_the_search_page_of_the_language(site: Path) -> None:
    for lang, prefix in (("en", ""), ("ru", RU_PREFIX)):
        page = site / prefix / "texts/a/index.html"
        doc = html.parse(str(page)).getroot()
        form = doc.cssselect("header form.alb-search-box")[0]
        target = (page.parent / form.get("action")).resolve()
        assert target == (site / prefix / "search").resolve() and (target / "index.html").is_file()
        assert form.cssselect("input[name=q]") and form.cssselect("label[for=alb-search-box-q]")
        assert doc.get("lang") == lang
        assert not doc.cssselect("[data-md-component=search]")  # Material's search is gone


# --- browser: real queries --------------------------------------------------------------------------

def _search(page: object, server: str, lang: str, query: str) -> list[dict]:
    prefix = "" if lang == "en" else RU_PREFIX
    page.goto(f"{server}{prefix}search/?q={urllib.parse.quote(query)}")
    page.wait_for_selector(f".alb-search[data-searched='{query}']", timeout=15000)
    more = page.locator(".alb-search__more")
    for _ in range(100):  # hits are passages: fewer than a thousand per query on this site
        if not more.is_visible():
            break
        shown = page.locator(".alb-hit").count()
        more.click()
        page.wait_for_function(f"document.querySelectorAll('.alb-hit').length > {shown}")
    return page.evaluate("""() => [...document.querySelectorAll('.alb-hit')].map(li => ({
        href: li.querySelector('a').getAttribute('href'),
        excerpt: li.querySelector('.alb-hit__excerpt').textContent,
        marks: [...li.querySelectorAll('.alb-hit__excerpt mark')].map(m => m.textContent),
        where: (li.querySelector('.alb-hit__where') || {}).textContent || ''}))""")


def _word(mark: str) -> str:
    return re.sub(r"[^\w-]", "", mark).casefold()


def _pages_naming(site: Path, prefix: str, entity: str) -> set[str]:
    found = set()
    for path in (site / prefix / "texts").glob("*/index.html"):
        if html.parse(str(path)).getroot().cssselect(f".alb-text .alb-name[data-entity='{entity}']"):
            found.add("/" + path.parent.relative_to(site).as_posix() + "/")
    return found



@pytest.mark.browser
def test_russian_search_stems_albazina_to_albazin(page, server: str) -> None:
    hits = _search(page, server, "ru", "Албазина")
    marks = {_word(m) for hit in hits for m in hit["marks"]}
    assert "албазин" in marks and "албазина" in marks  # other inflections are found too
    assert any(hit["href"].startswith("/ru/index/places/#pl-albazin") for hit in hits)


@pytest.mark.browser
def test_russian_search_stems_osady_to_osada(page, server: str) -> None:
    marks = {_word(m) for hit in _search(page, server, "ru", "осады") for m in hit["marks"]}
    assert "осады" in marks and marks & {"осада", "осаду", "осаде", "осадой"}


@pytest.mark.browser
def test_english_search_stems_besieging_to_besieged(page, server: str) -> None:
    marks = {_word(m) for hit in _search(page, server, "en", "besieging") for m in hit["marks"]}
    assert "besieging" in marks and "besieged" in marks
    marks = {_word(m) for hit in _search(page, server, "en", "sieges") for m in hit["marks"]}
    assert "siege" in marks


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("query", ["Байтон", "Бейтон", "Beiton"])
def test_beiton_is_found_under_every_form_in_both_languages(page, server: str, site: Path, lang: str,
                                                             query: str) -> None:
    prefix = "" if lang == "en" else RU_PREFIX
    hits = _search(page, server, lang, query)
    hrefs = {hit["href"] for hit in hits}
    assert f"/{prefix}index/persons/#pers-beiton" in hrefs
    texts = _pages_naming(site, prefix, "pers-beiton")
    assert texts and texts <= {h.split("#")[0] for h in hrefs}
    for hit in hits:
        assert search.FORMS_OPEN not in hit["excerpt"] and search.FORMS_CLOSE not in hit["excerpt"]


@pytest.mark.browser
def test_a_form_found_only_among_the_names_forms_marks_the_name_as_printed(page, server: str) -> None:
    # Text C (English) prints "Afanasii Ivanovich Beiton"; «Байтон» is only among the index's forms of
    # him, which are not shown (they were, in brackets, before passages were the hits).
    hits = _search(page, server, "en", "Байтон")
    hit = next(hit for hit in hits if hit["href"] == "/texts/c/#C-p6")
    assert "Байтон" not in hit["excerpt"] and "beiton" in {_word(m) for m in hit["marks"]}
    assert hit["where"].endswith("#C-p6")


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_results_are_in_the_pages_language_only(page, server: str, lang: str) -> None:
    for query in ("Albazin", "Албазин", "1686"):
        hits = _search(page, server, lang, query)
        assert hits, query
        for hit in hits:
            assert hit["href"].startswith(f"/{RU_PREFIX}") == (lang == "ru"), hit["href"]


@pytest.mark.browser
def test_a_hit_leads_to_the_passage_it_quotes(page, server: str) -> None:
    hits = _search(page, server, "ru", "Байтон")
    entry = next(h for h in hits if h["href"].startswith("/ru/index/persons/"))
    page.click(f".alb-hit a[href='{entry['href']}']")
    page.wait_for_load_state("load")
    assert page.url == f"{server}ru/index/persons/#pers-beiton"
    assert page.evaluate("document.querySelector(':target').id") == "pers-beiton"
    for hit in hits:  # every hit is a page of the site, and its fragment an element of that page
        path, _, fragment = hit["href"].partition("#")
        response = page.goto(server + path.lstrip("/"))
        assert response.ok, path
        if fragment:
            assert page.locator(f"[id='{fragment}']").count() == 1, hit["href"]


@pytest.mark.browser
def test_header_box_searches_in_the_pages_language_and_the_switch_keeps_the_query(page, server: str) -> None:
    page.goto(server + "ru/texts/b/")
    page.fill("#alb-search-box-q", "Бейтон")
    page.press("#alb-search-box-q", "Enter")
    page.wait_for_selector(".alb-search[data-searched='Бейтон']")
    assert page.url.startswith(f"{server}ru/search/?q=")
    assert page.locator("#alb-search-input").input_value() == "Бейтон"
    english = page.locator("a[hreflang='en']").first.get_attribute("href")
    assert urllib.parse.parse_qs(urllib.parse.urlsplit(english).query)["q"] == ["Бейтон"]
    page.goto(urllib.parse.urljoin(page.url, english))
    page.wait_for_selector(".alb-search[data-searched='Бейтон']")
    assert page.locator(".alb-hit").count() > 0 and page.url.startswith(f"{server}search/?q=")


@pytest.mark.browser
def test_nothing_found_is_said(page, server: str) -> None:
    assert _search(page, server, "en", "xylophonequartz") == []
    assert "Nothing found" in page.locator(".alb-search__status").inner_text()


@pytest.mark.browser
def test_without_javascript_no_dead_control_and_the_search_page_says_why(browser, server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        pg = context.new_page()
        pg.goto(server + "texts/a/")
        assert not pg.locator(".alb-search-box").is_visible() and not pg.locator(".alb-search-link").is_visible()
        pg.goto(server + "ru/search/?q=Албазин")
        assert not pg.locator(".alb-search__form").is_visible()
        message = pg.locator(".alb-search__nojs")
        assert message.is_visible() and "JavaScript" in message.inner_text()
        links = message.locator("a")
        assert links.count() >= 4
        for i in range(links.count()):
            href = links.nth(i).get_attribute("href")
            assert pg.request.get(urllib.parse.urljoin(pg.url, href)).ok, href
    finally:
        context.close()


# --- the indexer started early, waited for at the end (albazin/site/searchindexing.py) -------------

def test_a_started_index_reports_what_index_site_reports(tmp_path: Path) -> None:
    site = _mini_site(tmp_path, {"a": ("en", "<p>The siege.</p>"), "ru/a": ("ru", "<p>Осада Албазина.</p>")})
    running = search.start_index(site)
    report = search.finish_index(site, LANGUAGES, running)
    assert report.pages == {"en": 1, "ru": 1}
    assert (site / search.BUNDLE_DIR / "pagefind-entry.json").is_file()


def test_a_failing_started_index_is_reported_when_waited_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALBAZIN_PAGEFIND", str(_failing_indexer(tmp_path)))
    running = search.start_index(_mini_site(tmp_path / "site", {"a": ("en", "<p>x</p>")}))
    with pytest.raises(search.SearchIndexError, match=r"exit status 3\): Error: simulated indexer failure"):
        search.finish_index(tmp_path / "site", LANGUAGES, running)


def test_cancel_kills_an_indexer_that_is_still_running(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    slow = tmp_path / "slow-indexer"
    slow.write_text("#!/bin/sh\nexec sleep 600\n", encoding="utf-8")
    slow.chmod(0o755)
    monkeypatch.setenv("ALBAZIN_PAGEFIND", str(slow))
    running = search.start_index(tmp_path)
    assert running.process.poll() is None
    search.cancel_index(running)
    assert running.process.returncode == -9  # killed, not waited out


def test_an_indexer_that_cannot_start_is_a_search_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALBAZIN_PAGEFIND", str(tmp_path / "no-such-indexer"))
    with pytest.raises(search.SearchIndexError, match="the search indexer could not be run"):
        search.start_index(tmp_path)
