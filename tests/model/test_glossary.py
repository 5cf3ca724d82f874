"""The glossary: the model (tei/glossary.xml), the checks, the terms in the texts and translations,
their rendering (golden fragments), the glossary page in both languages, the cards in the browser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import html

from albazin.model import editorial, pipeline
from albazin.model.model import Edition, Phrase
from albazin.render import glossarypage
from albazin.render.render import Ctx, inline, serialize
from tests.conftest import LANGUAGES, SETTLED, copy_corpus, page_url

ISSUE_TERMS = {"воевода", "стрельцы", "служилые люди", "промышленники", "ясак", "острог", "десятина", "верста",
               "богдыхан", "дьяк", "окольничий", "казачий голова"}


def url(path: str, lang: str) -> str:
    return path if lang == "en" else f"ru/{path}"


def parse(site: Path, path: str) -> html.HtmlElement:
    return html.parse(str(site / path / "index.html")).getroot()


# --- model and checks ----------------------------------------------------------------------------------

def test_the_glossary_has_the_terms_the_issue_asks_for_each_defined_in_both_languages(edition: Edition) -> None:
    headwords = {e.headword for e in edition.glossary}
    assert headwords >= ISSUE_TERMS, ISSUE_TERMS - headwords
    for entry in edition.glossary:
        assert entry.transliteration and dict(entry.equivalent.by_lang).get("en"), entry.xml_id
        for lang in LANGUAGES:
            assert glossarypage.first_sentence(entry, lang), (entry.xml_id, lang)
            if entry.usage:
                assert dict(entry.usage).get(lang), (entry.xml_id, lang)
        assert entry.sources, f"{entry.xml_id} cites no source"
        assert entry.scope in ("text", "context")


def test_every_definition_cites_the_bibliography(edition: Edition) -> None:
    works = {w.xml_id for w in edition.bibliography}
    for entry in edition.glossary:
        for lang, content in entry.definition:
            cited = [n.attr("target") for n in _phrases(content) if n.tag == "ref"]
            assert any(t.startswith("bibliography.xml#") and t.split("#")[1] in works for t in cited), \
                (entry.xml_id, lang)


def _phrases(nodes):
    for node in nodes:
        if isinstance(node, Phrase):
            yield node
            yield from _phrases(node.children)


def test_every_term_of_the_texts_names_an_entry_and_every_text_entry_is_used(edition: Edition) -> None:
    entries = {e.xml_id: e for e in edition.glossary}
    used: dict[str, set[str]] = {}
    for doc in edition.documents():
        for entry, node, _ in editorial.term_uses(doc):
            assert entry in entries, (doc.siglum, node.xml_id)
            assert node.xml_id == f"{node.xml_id.rsplit('-gl-', 1)[0]}-{entry}-{node.xml_id.rsplit('-', 1)[1]}"
            used.setdefault(entry, set()).add(doc.translation_of or doc.siglum)
    for entry in edition.glossary:
        assert (entry.xml_id in used) == (entry.scope == "text"), entry.xml_id


def test_each_term_in_an_original_is_also_tagged_in_its_translation(edition: Edition) -> None:
    """Both languages complete: the same entries are linked from a text and from its translation."""
    for text in edition.texts:
        translation = edition.translation(text.siglum)
        corresp = {u.xml_id: u.corresp for u in translation.units()}
        ours = {(unit, entry) for entry, _, unit in editorial.term_uses(text)}
        theirs = {(corresp[unit], entry) for entry, _, unit in editorial.term_uses(translation)}
        assert ours and ours == theirs, (text.siglum, ours ^ theirs)  # paragraph by paragraph


def test_the_service_people_keep_their_index_link(edition: Edition) -> None:
    """«служилых людей» is a term of the glossary inside the name, which keeps its link to the index
    (to the servicemen, since the servicemen and the promyshlenniki are two entries)."""
    b = edition.text("B")
    name = next(n for n in b.inline_nodes() if isinstance(n, Phrase) and n.entity
                and any(isinstance(c, Phrase) and c.tag == "term" and "sluzhilye" in (c.attr("ref") or "")
                        for c in n.children))
    assert name.attr("ref") == "authority.xml#org-servicemen"


@pytest.mark.parametrize(("old", "new", "code"), [
    ('glossary.xml#gl-verst"', 'glossary.xml#gl-nowhere"', "dangling-pointer"),
    ('glossary.xml#gl-verst"', 'glossary.xml#glossary-entries"', "unknown-term"),
])
def test_a_term_that_names_no_entry_fails_the_check(tmp_path: Path, old: str, new: str, code: str) -> None:
    corpus = copy_corpus(tmp_path)
    b = corpus / "B.xml"
    b.write_text(b.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    _, diagnostics = pipeline.check(corpus)
    assert diagnostics and {d.code for d in diagnostics} >= {code}, diagnostics
    assert all(d.file.endswith(("B.xml", "glossary.xml")) for d in diagnostics)


def test_an_entry_for_the_texts_that_no_text_uses_fails_the_check(tmp_path: Path) -> None:
    corpus = copy_corpus(tmp_path)
    glossary = corpus / "glossary.xml"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace(
        '<entry xml:id="gl-ostrog" type="context">', '<entry xml:id="gl-ostrog" type="text">'), encoding="utf-8")
    _, diagnostics = pipeline.check(corpus)
    assert [(d.code, "gl-ostrog" in d.message) for d in diagnostics] == [("unused-term", True)]


def test_a_definition_missing_in_one_language_fails_the_check(tmp_path: Path) -> None:
    corpus = copy_corpus(tmp_path)
    glossary = corpus / "glossary.xml"
    source = glossary.read_text(encoding="utf-8")
    start = source.index('<def xml:lang="ru">Русская мера расстояния')
    end = source.index("</def>", start) + len("</def>")
    glossary.write_text(source[:start] + source[end:], encoding="utf-8")
    _, diagnostics = pipeline.check(corpus)
    assert [d.code for d in diagnostics] == ["glossary-language"] and "gl-verst" in diagnostics[0].message


# --- rendering (golden fragments) --------------------------------------------------------------------

GOLDEN_TERM = ('<a class="tei-term alb-term" id="B-p5-gl-verst-1" data-term="gl-verst" '
               'data-entity="gl-verst" href="../../glossary/#gl-verst" aria-describedby="card-gl-verst">версты</a>')
GOLDEN_CARD = ('<span class="alb-card alb-card--term" id="card-gl-verst" role="tooltip" lang="en">'
               '<strong class="alb-card__name" lang="ru">верста</strong><span class="alb-card__dates"> '
               '(versta, verst)</span><span class="alb-card__line"> A Russian measure of distance, in the eighteenth '
               'and nineteenth centuries 500 sazhens (1.0668 km).</span></span>')


def _term(edition: Edition, siglum: str, term_id: str) -> Phrase:
    doc = next(d for d in edition.documents() if d.siglum == siglum)
    return next(n for n in doc.inline_nodes() if isinstance(n, Phrase) and n.xml_id == term_id)


def test_term_golden_fragment(edition: Edition) -> None:
    ctx = Ctx("en", term_href=lambda e: f"../../glossary/#{e}")
    out = serialize(inline([_term(edition, "B", "B-p5-gl-verst-1")], ctx)[0])
    assert out == GOLDEN_TERM
    assert serialize(inline([_term(edition, "B", "B-p5-gl-verst-1")], Ctx("en"))[0]) == (
        '<span class="tei-term alb-term" id="B-p5-gl-verst-1" data-term="gl-verst">версты</span>')


def test_card_golden_fragment(edition: Edition) -> None:
    entry = next(e for e in edition.glossary if e.xml_id == "gl-verst")
    assert serialize(glossarypage.card(entry, "en")) == GOLDEN_CARD


def test_a_term_inside_a_name_is_followed_by_a_marker_to_the_glossary(edition: Edition) -> None:
    b = edition.text("B")
    paragraph = next(p for p in b.paragraphs() if p.xml_id == "B-p7")
    ctx = Ctx("ru", entity_href=lambda e: f"../../index/groups/#{e}", term_href=lambda e: f"../../glossary/#{e}",
              term_label=glossarypage.term_label(edition, "ru"))
    doc = html.fragment_fromstring("".join(x if isinstance(x, str) else serialize(x)
                                           for x in inline(paragraph.content, ctx) if x is not None),
                                   create_parent="div")
    name = doc.cssselect("a[data-entity='org-streltsy']")[0]
    assert name.cssselect("span.alb-term[data-term='gl-streltsy']")  # no link inside the name's link
    marker = name.getnext()
    assert marker.get("class") == "alb-termref" and marker.get("href") == "../../glossary/#gl-streltsy"
    assert marker.get("aria-label") == "Глоссарий: стрельцы" and marker.text_content() == "°"


# --- the pages -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_glossary_page_anchors_every_entry_in_both_languages(site: Path, edition: Edition, lang: str) -> None:
    root = parse(site, url("glossary", lang))
    for entry in edition.glossary:
        article = root.get_element_by_id(entry.xml_id)
        assert article.get("lang") == lang
        assert article.cssselect(".alb-permalink")[0].get("href") == f"#{entry.xml_id}"
        definition = article.cssselect(".alb-gloss__def")[0].text_content()
        assert glossarypage.first_sentence(entry, lang)[:40] in definition  # the card's line, from the definition
        assert article.cssselect(".alb-gloss__sources a[href*='bibliography/']")
        if entry.scope == "text":
            assert article.cssselect(".alb-gloss__occurrences a")
        else:
            assert article.cssselect(".alb-gloss__context")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_occurrence_link_leads_to_the_term_on_its_text_page(site: Path, edition: Edition, lang: str) -> None:
    root = parse(site, url("glossary", lang))
    pages: dict[str, html.HtmlElement] = {}
    links = [a.get("href") for a in root.cssselect(".alb-gloss__occurrences a")]
    assert len(links) == sum(1 for d in edition.documents() for _ in editorial.term_uses(d))
    for href in links:
        path, fragment = re.match(r"\.\./(?:\.\./)?(texts/[abc]/)#(.+)$", href).groups()
        if path not in pages:
            pages[path] = parse(site, url(path.rstrip("/"), lang))
        assert pages[path].get_element_by_id(fragment).get("data-term"), href


@pytest.mark.parametrize("lang", LANGUAGES)
def test_text_pages_link_terms_and_carry_their_cards(site: Path, edition: Edition, lang: str) -> None:
    for text in edition.texts:
        root = parse(site, page_url(text.slug, lang).rstrip("/"))
        expected = {e for d in (text, edition.translation(text.siglum)) for e, _, _ in editorial.term_uses(d)}
        cards = {c.get("id")[len("card-"):] for c in root.cssselect(".alb-cards--terms .alb-card")}
        assert cards == expected, text.siglum
        for term in root.cssselect(".alb-text .alb-term"):
            entry = term.get("data-term")
            link = term if term.tag == "a" else term.getparent().getnext()
            assert link.get("href", "").endswith(f"glossary/#{entry}"), term.get("id")
            assert link.get("aria-describedby") == f"card-{entry}"


@pytest.mark.browser
def test_a_term_shows_its_card_on_focus_and_hover(page, server: str) -> None:
    page.goto(server + page_url("b", "en"))
    page.wait_for_function(SETTLED)
    term = page.locator("a.alb-term[data-term='gl-verst']").first
    term.focus()
    card = page.locator(".alb-card-popup")
    assert card.count() == 1 and "1.0668 km" in card.inner_text()
    page.keyboard.press("Escape")
    assert page.locator(".alb-card-popup").count() == 0
    page.locator(".alb-termref[data-entity='gl-streltsy']").first.hover()
    assert "infantry" in page.locator(".alb-card-popup").inner_text()


@pytest.mark.browser
def test_the_glossary_reads_without_javascript(browser, server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    pg.goto(server + "ru/glossary/")
    assert pg.locator("#gl-voevoda .alb-gloss__def").inner_text().startswith("В Московском государстве")
    pg.goto(server + "ru/" + page_url("a", "en"))
    pg.locator("a.alb-term[data-term='gl-voevoda']").first.click()
    assert pg.url.endswith("/ru/glossary/#gl-voevoda")
    context.close()


def test_the_term_uses_walked_once_per_edition_are_those_of_each_document(edition) -> None:
    from dataclasses import replace as _replace

    from albazin.model import editorial
    for doc in edition.documents():
        assert editorial.edition_term_uses(edition, doc) == tuple(editorial.term_uses(doc))
    doc = edition.documents()[0]
    other = _replace(doc, divisions=())  # same file name, another object: not answered from the cache
    assert editorial.edition_term_uses(edition, other) == tuple(editorial.term_uses(other)) == ()
