"""The anchor contract: every citable unit's xml:id is an HTML id, identical in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree, html

from albazin.core.paths import PROJECT_ROOT
from albazin.load.teiload import TEI_NS, XML_NS
from albazin.model import commentary
from albazin.model.model import Edition, Phrase
from albazin.render import commentarypage
from albazin.site import anchors
from tests.conftest import LANGUAGES, page_url

CITABLE_XPATH = "//tei:body//*[self::tei:div or self::tei:p[not(ancestor::tei:note)] or self::tei:note " \
                "or self::tei:listBibl or self::tei:bibl[parent::tei:listBibl]]/@xml:id"


def tei_ids(file_name: str) -> set[str]:
    tree = etree.parse(str(PROJECT_ROOT / "tei" / file_name))
    return set(tree.xpath(CITABLE_XPATH, namespaces={"tei": TEI_NS, "xml": XML_NS}))


def lemma_ids(file_name: str) -> set[str]:
    """Elements an apparatus note or commentary entry points at (choice, seg), and the figures of
    the concordance (num, measure, date, also in translations): anchors too, so a note or a
    concordance cell can point at them."""
    tree = etree.parse(str(PROJECT_ROOT / "tei" / file_name))
    return set(tree.xpath("//tei:body//*[self::tei:choice or self::tei:seg or self::tei:num or self::tei:measure"
                          " or self::tei:date]/@xml:id", namespaces={"tei": TEI_NS, "xml": XML_NS}))


def html_ids(site: Path, slug: str, lang: str) -> list[str]:
    doc = html.parse(str(site / page_url(slug, lang) / "index.html")).getroot()
    return [el.get("id") for el in doc.cssselect(".alb-edition [id]")]


@pytest.mark.parametrize("siglum", ["A", "B", "C"])
def test_every_citable_unit_is_an_html_anchor_in_both_languages(site: Path, edition: Edition, siglum: str) -> None:
    """The original's and the translation's units, and the apparatus notes, all on the text page."""
    text, translation = edition.text(siglum), edition.translation(siglum)
    expected = tei_ids(text.file_name) | tei_ids(translation.file_name) | lemma_ids(text.file_name) \
        | lemma_ids(translation.file_name)
    assert expected, "the text has citable units"
    markers = {f"{n.xml_id}-ref" for n in text.apparatus()}
    # every tagged name is an anchor too (index occurrences land on it), and has a card
    name_ids = {n.xml_id for doc in (text, translation) for n in doc.inline_nodes()
                if isinstance(n, Phrase) and n.entity}
    cards = {f"card-{n.entity}" for doc in (text, translation) for n in doc.inline_nodes()
             if isinstance(n, Phrase) and n.entity}
    # every glossary term too (the glossary's occurrences land on it), with its entry's card
    terms = [n for doc in (text, translation) for n in doc.inline_nodes() if isinstance(n, Phrase) and n.tag == "term"]
    name_ids |= {n.xml_id for n in terms}
    cards |= {f"card-{n.attr('ref').rsplit('#', 1)[1]}" for n in terms}
    page_parts = {f"{siglum}-apparatus"} if markers else set()
    controls = {f"alb-{name}" for name in ("view-critical", "view-diplomatic", "layout-parallel",
                                            "layout-original", "layout-translation")}
    # the commentary on this text: its entries below the text, and a marker after each lemma
    on_page = commentarypage.on_text_page(edition, commentary.Resolver(edition), text, "en")
    entries = {entry.xml_id for _, entry, _ in on_page.entries}
    comment_markers = {f"cref-{lemma}-{ref.entry_id}" for lemma, refs in on_page.refs.items() for ref in refs}
    if entries:
        page_parts.add(f"{siglum}-commentary")
    cards |= {f"card-{e}" for _, entry, _ in on_page.entries for e in commentary.named_entities(entry)}
    # ids that moved within the page keep working (anchors/aliases.tsv), e.g. a retagged name
    here, _ = anchors.aliases_for(anchors.read_aliases(anchors.registry_dir())[0], f"texts/{text.slug}/")
    aliased = {a.old.id for a in here}
    per_language = {lang: html_ids(site, text.slug, lang) for lang in LANGUAGES}
    for lang, ids in per_language.items():
        assert set(ids) == expected | markers | page_parts | controls | name_ids | cards | entries \
            | comment_markers | aliased, lang
        assert len(ids) == len(set(ids)), f"duplicate HTML ids on the {lang} page"
    assert per_language["en"] == per_language["ru"]


def test_each_paragraph_has_a_permalink_to_itself(site: Path, edition: Edition) -> None:
    for text in edition.texts:
        for lang in LANGUAGES:
            doc = html.parse(str(site / page_url(text.slug, lang) / "index.html")).getroot()
            for p in doc.cssselect(".alb-p"):
                links = p.cssselect("a.alb-permalink")
                assert [a.get("href") for a in links] == [f"#{p.get('id')}"]
                assert links[0].get("aria-label")
