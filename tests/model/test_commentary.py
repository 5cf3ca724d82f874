"""The commentary and the bibliography: model, checks, pages, links both ways."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urldefrag, urljoin

import pytest
from lxml import etree, html

from albazin.core.paths import tei_dir
from albazin.load.teiload import TEI_NS, XML_NS
from albazin.model import citing, commentary, concordance, figures, pipeline
from albazin.model.model import Edition
from tests.conftest import LANGUAGES, copy_corpus

NS = {"tei": TEI_NS, "xml": XML_NS}


def url(page: str, lang: str) -> str:
    return ("" if lang == "en" else f"{lang}/") + page


def parse(site: Path, page_url: str) -> html.HtmlElement:
    return html.parse(str(site / page_url / "index.html")).getroot()


@pytest.fixture(scope="module")
def resolver(edition: Edition) -> commentary.Resolver:
    assert edition.commentary, "the edition has a commentary"
    return commentary.Resolver(edition)


# --- the model and the checks --------------------------------------------------------------------

def test_every_entry_is_complete_in_both_languages(edition: Edition) -> None:
    assert len(edition.commentary) >= 20
    for entry in edition.commentary:
        assert set(dict(entry.label.by_lang)) >= {"en", "ru"}, entry.xml_id
        for lang in LANGUAGES:
            assert entry.body(lang) and all(entry.body(lang)), (entry.xml_id, lang)
        assert entry.targets, entry.xml_id


def test_every_target_resolves_and_has_its_translation(edition: Edition, resolver: commentary.Resolver) -> None:
    for entry in edition.commentary:
        for pointer in entry.targets:
            lemma = resolver.lemma(pointer)
            assert lemma is not None, (entry.xml_id, pointer)
            assert resolver.counterpart(lemma) is not None, (entry.xml_id, pointer, "no translation counterpart")


def test_every_disagreement_and_the_weighty_claims_are_discussed(edition: Edition) -> None:
    discussed = commentary.entries_by_question(edition)
    rows = concordance.rows(concordance.concordance(edition, figures.figures(edition)))
    disputed = [r.question.xml_id for r in rows if r.status == "disagree"]
    assert disputed and all(q in discussed for q in disputed)
    text = " ".join(entry.label.get("en") + " " + " ".join(str(c) for c in entry.body("en"))
                    for entry in edition.commentary)
    for topic in ("Tolbuzin", "Beiton", "Verbiest", "Nerchinsk", "Golovin", "Pengcun", "Veniukov", "Beijing"):
        assert topic in text, f"no commentary entry discusses {topic}"


def test_every_citation_is_a_bibliography_entry_and_every_work_is_cited(edition: Edition) -> None:
    works = {w.xml_id for w in edition.bibliography if w.subtype != commentary.SUPERSEDED}  # kept for their anchors
    cited = {w for e in edition.commentary for w in commentary.cited_works(e, edition.bibliography_file)}
    # the apparatus, the glossary and the introduction cite works too (albazin/model/citing.py)
    assert cited <= works and set(citing.citers(edition)) == works
    raw = etree.parse(str(tei_dir() / edition.commentary_file))
    for ref in raw.iterfind(f".//{{{TEI_NS}}}ref[@type='bibl']"):
        file_name, _, fragment = ref.get("target").rpartition("#")
        assert file_name == edition.bibliography_file and fragment in works, ref.get("target")


def _check_after(tmp_path: Path, file_name: str, old: str, new: str) -> list[str]:
    tei = copy_corpus(tmp_path)
    path = tei / file_name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    _, diagnostics = pipeline.check(tei)
    return [str(d) for d in diagnostics]


def _first_entry(edition: Edition) -> tuple[str, str]:
    raw = (tei_dir() / edition.commentary_file).read_text(encoding="utf-8")
    match = re.search(r'<note type="commentary" xml:id="([^"]+)"[^>]*?target="([^"]+)"', raw, re.S)
    assert match
    return match.group(1), match.group(2)


def test_a_target_that_is_no_lemma_fails_the_build(tmp_path: Path, edition: Edition) -> None:
    entry, targets = _first_entry(edition)
    problems = _check_after(tmp_path, edition.commentary_file, f'target="{targets}"',
                            f'target="{targets} edition.xml#q-1685-qing-troops"')
    assert any("[commentary-target]" in p and entry in p for p in problems), problems
    assert all(re.match(r"\S*tei/commentary\.xml:\d+: error: ", p) for p in problems), problems


def test_an_entry_without_russian_fails_the_build(tmp_path: Path, edition: Edition) -> None:
    problems = _check_after(tmp_path, edition.commentary_file, '<label xml:lang="ru">', '<label xml:lang="de">')
    assert any("[commentary-language]" in p and 'xml:lang="ru"' in p for p in problems), problems


def test_an_uncited_work_and_an_undiscussed_disagreement_fail_the_build(tmp_path: Path, edition: Edition) -> None:
    tei = copy_corpus(tmp_path)
    path = tei / edition.commentary_file
    raw = path.read_text(encoding="utf-8")
    path.write_text(raw.replace("edition.xml#q-1686-qing-guns", "edition.xml#q-1686-duration"), encoding="utf-8")
    bib = tei / edition.bibliography_file
    bib_text = bib.read_text(encoding="utf-8")
    first_work = re.search(r'<listBibl[^>]*>\s*<bibl xml:id="([^"]+)"', bib_text)
    assert first_work
    extra = '<bibl xml:id="bib-nobody-2000"><title>Nobody cites this</title></bibl>'
    bib.write_text(bib_text.replace(f'<bibl xml:id="{first_work.group(1)}"',
                                    f'{extra}<bibl xml:id="{first_work.group(1)}"', 1), encoding="utf-8")
    problems = [str(d) for d in pipeline.check(tei)[1]]
    assert any("[uncommented-disagreement]" in p and "q-1686-qing-guns" in p for p in problems), problems
    assert any("[uncited-work]" in p and "bib-nobody-2000" in p for p in problems), problems


# --- pages -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_commented_lemma_shows_a_marker_on_the_text_page(site: Path, lang: str, edition: Edition,
                                                               resolver: commentary.Resolver) -> None:
    pages = {t.siglum: parse(site, url(f"texts/{t.slug}/", lang)) for t in edition.texts}
    count = 0
    for entry in edition.commentary:
        for lemma in resolver.lemmata(entry):
            root = pages[lemma.doc.translation_of or lemma.doc.siglum]
            markers = root.xpath(f"//a[@class='alb-comref'][@data-note='{entry.xml_id}'][@data-lemma='{lemma.xml_id}']")
            assert len(markers) == 1, (lang, entry.xml_id, lemma.xml_id)
            marker = markers[0]
            assert marker.get("href") == f"#{entry.xml_id}"
            element = root.get_element_by_id(lemma.xml_id)
            # markers with nothing between them are grouped in one cluster (render.clustered)
            placed = marker.getparent() if marker.getparent().get("class") == "alb-markers" else marker
            if lemma.whole_unit:
                assert placed.getparent() is element
            else:  # right after the lemma, or after the name (a link) that contains it
                previous = placed.getprevious()  # (in a cluster, the markers before it are markers too)
                while previous is not None and "alb-comref" in previous.get("class", ""):
                    previous = previous.getprevious()
                assert previous is element or element in previous.iterdescendants(), (entry.xml_id, lemma.xml_id)
            local = root.get_element_by_id(entry.xml_id)  # the entry on this page, below the text
            assert f"#{marker.get('id')}" in {a.get("href") for a in local.iter("a")}
            count += 1
    assert count >= 2 * len(edition.commentary)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_commentary_page_links_back_to_every_lemma(site: Path, lang: str, edition: Edition,
                                                   resolver: commentary.Resolver) -> None:
    page_url = url("commentary/", lang)
    root = parse(site, page_url)
    targets: dict[str, html.HtmlElement] = {}
    for entry in edition.commentary:
        article = root.get_element_by_id(entry.xml_id)
        assert article.tag == "article"
        links = {urldefrag(urljoin(page_url, a.get("href"))) for a in article.iter("a") if a.get("href")}
        for lemma in resolver.lemmata(entry):
            slug = (lemma.doc.translation_of or lemma.doc.siglum).lower()
            assert (url(f"texts/{slug}/", lang), lemma.xml_id) in links, (entry.xml_id, lemma.xml_id)
        for question in entry.questions:
            assert (url("concordance/", lang), question) in links
        pages = ("texts/a/", "texts/b/", "texts/c/", "bibliography/", "concordance/")
        for link_target, fragment in links:
            if fragment and (link_target.endswith(pages) or "/index/" in f"/{link_target}"):
                if link_target not in targets:
                    targets[link_target] = parse(site, link_target)
                assert targets[link_target].get_element_by_id(fragment) is not None, (link_target, fragment)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_bibliography_page_anchors_every_work(site: Path, lang: str, edition: Edition) -> None:
    root = parse(site, url("bibliography/", lang))
    for work in edition.bibliography:
        item = root.get_element_by_id(work.xml_id)
        if work.subtype == commentary.SUPERSEDED:  # kept, uncited, for its anchor, and labelled as such
            assert not item.find_class("alb-bib__cited") and item.find_class("alb-bib__kind"), work.xml_id
        else:
            assert item.find_class("alb-bib__cited"), work.xml_id
    commentary_page = parse(site, url("commentary/", lang))
    body = commentary_page.find_class("alb-commentary")[0]
    cited = [a for a in body.iter("a") if "bibliography/" in (a.get("href") or "")]
    assert cited
    for a in cited:
        assert root.get_element_by_id(urldefrag(a.get("href"))[1]) is not None


@pytest.mark.parametrize("lang", LANGUAGES)
def test_concordance_rows_link_to_their_commentary(site: Path, lang: str, edition: Edition) -> None:
    root = parse(site, url("concordance/", lang))
    for question, entries in commentary.entries_by_question(edition).items():
        row = root.get_element_by_id(question)
        hrefs = {urldefrag(a.get("href"))[1] for a in row.find_class("alb-conc__commentary")}
        assert hrefs == {e.xml_id for e in entries}, question


# --- in the browser ----------------------------------------------------------------------------------

def test_text_to_commentary_and_back_to_the_same_lemma(page, server: str, edition: Edition,
                                                       resolver: commentary.Resolver) -> None:
    entry = next(e for e in edition.commentary if any(p.file == "A.xml" for p in e.targets))
    lemma = next(lem for lem in resolver.lemmata(entry) if lem.doc.siglum == "A")
    page.goto(server + "texts/a/")
    marker = page.locator(f"a.alb-comref[data-note='{entry.xml_id}'][data-lemma='{lemma.xml_id}']")
    marker.focus()
    page.keyboard.press("Enter")
    panel = page.locator("#alb-popup")
    assert panel.is_visible() and "alb-popup--column" in panel.get_attribute("class")  # within its column
    assert entry.label.get("en") in panel.inner_text()
    page.keyboard.press("Escape")
    assert page.locator("#alb-popup").count() == 0
    assert page.evaluate("document.activeElement.dataset.note") == entry.xml_id
    marker.click()
    page.locator("#alb-popup a.alb-com__full").click()
    page.wait_for_url(re.compile(rf"/commentary/#{entry.xml_id}$"))
    article = page.locator(f"article#{entry.xml_id}")
    assert article.evaluate("el => el.matches(':target')")
    article.locator(f"a[href$='#{lemma.xml_id}']").first.click()
    page.wait_for_url(re.compile(rf"/texts/a/#{lemma.xml_id}$"))
    assert page.locator(f"[id='{lemma.xml_id}']").evaluate("el => el.matches(':target')")


def test_on_a_narrow_screen_the_entry_opens_in_place(browser, server: str, edition: Edition) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(server + "ru/texts/b/")
    marker = page.locator("a.alb-comref").first
    marker.click()
    panel = page.locator("#alb-popup")
    assert "alb-popup--inline" in panel.get_attribute("class")
    block = marker.evaluate("el => el.closest('.alb-p, .alb-bibl, .alb-head, .alb-row').id || 'row'")
    assert panel.evaluate("el => (el.previousElementSibling.id || 'row')") == block
    assert panel.get_attribute("lang") == "ru"
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_local_entry_shows_its_markers_number_once(site: Path, lang: str, edition: Edition) -> None:
    """"7. The Kangxi Emperor's dates", as its markers show 7 — no list number before it (text.css)."""
    for text in edition.texts:
        root = parse(site, url(f"texts/{text.slug}/", lang))
        for item in root.cssselect(".alb-comlist > li"):
            assert item.get("value") is None
            n = item.cssselect(".alb-com__n")[0].text_content()
            markers = {a.text_content() for a in root.cssselect(f"a.alb-comref[data-note='{item.get('id')}']")}
            assert markers == {n.removesuffix(".")}, (text.siglum, item.get("id"), n, markers)
