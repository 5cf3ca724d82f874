"""The index of persons, groups and places: authority data, tagging checks, pages, map."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urldefrag, urljoin

import pytest
from lxml import html

from albazin.model import names, pipeline
from albazin.model.model import Chars, Edition, Phrase
from albazin.model.transform import with_mention_ids
from albazin.publish.pages import INDEX_SLUGS
from albazin.render import mapsvg
from tests.conftest import LANGUAGES, copy_corpus

AUTHORITY = "authority.xml"


def index_url(kind: str, lang: str) -> str:
    return ("" if lang == "en" else f"{lang}/") + f"index/{INDEX_SLUGS[kind]}/"


def parse(site: Path, url: str) -> html.HtmlElement:
    return html.parse(str(site / url / "index.html")).getroot()


# --- model ---------------------------------------------------------------------------------------

def test_mention_ids_count_per_entity_within_the_unit() -> None:
    ref = (("ref", "authority.xml#pers-x"),)
    content = (Phrase("persName", (Chars("X"),), ref), Chars(" and "),
               Phrase("placeName", (Chars("Y"),), (("ref", "authority.xml#pl-y"),)), Chars(" and "),
               Phrase("persName", (Chars("X"),), ref))
    ids = [n.xml_id for n in with_mention_ids("T-p1", content) if isinstance(n, Phrase)]
    assert ids == ["T-p1-pers-x-1", "T-p1-pl-y-1", "T-p1-pers-x-2"]


def test_authority_entries_are_complete(edition: Edition) -> None:
    assert len(edition.entities) >= 60
    kinds = {e.kind for e in edition.entities}
    assert kinds == {"person", "org", "place"}
    for entity in edition.entities:
        standard = {n.lang for n in entity.names if n.type == "standard"}
        assert {"en", "ru"} <= standard, entity.xml_id
        assert entity.description.get("en") and entity.description.get("ru"), entity.xml_id
        assert dict(entity.description.by_lang).keys() >= {"en", "ru"}, entity.xml_id
        assert entity.sources, f"{entity.xml_id} cites no source"


def test_every_entity_is_mentioned_and_every_mention_resolves(edition: Edition) -> None:
    assert names.check(edition, Path("tei")) == []
    found = names.by_entity(edition)
    only_in_commentary = set(names.in_commentary(edition)) - set(found)  # commanders the texts leave out
    assert set(found) | only_in_commentary == {e.xml_id for e in edition.entities}
    assert only_in_commentary == {"pers-sabsu", "pers-pengcun", "pers-galdan", "pers-grabov", "pers-bogatyrev"}
    # originals and translations are both tagged
    tagged_docs = {m.doc.file_name for ms in found.values() for m in ms}
    assert tagged_docs == {d.file_name for d in edition.documents()}


# --- the build fails on bad tagging ----------------------------------------------------------------

def _check_after(tmp_path: Path, file_name: str, old: str, new: str) -> list[str]:
    tei = copy_corpus(tmp_path)
    path = tei / file_name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    _, diagnostics = pipeline.check(tei)
    return [str(d) for d in diagnostics]


def test_dangling_name_reference_is_an_error(tmp_path: Path) -> None:
    problems = _check_after(tmp_path, "B.xml", 'ref="authority.xml#pers-songgotu"', 'ref="authority.xml#pers-nobody"')
    assert any("[dangling-pointer]" in p or "[unknown-entity]" in p for p in problems), problems
    assert all(re.match(r"\S*tei/B\.xml:\d+: error: ", p) for p in problems), problems


def test_pointer_to_a_non_entity_is_an_error(tmp_path: Path) -> None:
    problems = _check_after(tmp_path, "B.xml", 'ref="authority.xml#pers-songgotu"', 'ref="B.xml#B-p1"')
    assert any(re.search(r"tei/B\.xml:\d+: error: .* points to \"B-p1\", which is not an entry of the index "
                         r"\(authority\.xml\) \[unknown-entity\]", p) for p in problems), problems


def test_entry_without_mention_is_an_error(tmp_path: Path) -> None:
    tei = copy_corpus(tmp_path)
    for name in ("B.xml", "B-en.xml", "commentary.xml"):  # Songgotu is named only in B, its translation and the notes
        path = tei / name
        path.write_text(re.sub(r'<persName ref="authority\.xml#pers-songgotu"[^>]*>(.*?)</persName>', r"\1",
                               path.read_text(encoding="utf-8")), encoding="utf-8")
    _, diagnostics = pipeline.check(tei)
    messages = [str(d) for d in diagnostics]
    assert any(re.match(r"\S*tei/authority\.xml:\d+: ", m) and '"pers-songgotu"' in m and "[unmentioned-entity]" in m
               for m in messages), messages


def test_untagged_known_form_is_reported(tmp_path: Path) -> None:
    tei = copy_corpus(tmp_path)
    path = tei / "B.xml"
    text = path.read_text(encoding="utf-8")
    # untag one «Албазина» of several: the form stays tagged elsewhere, so the bare one is reported
    pattern = r'<placeName ref="authority\.xml#pl-albazin"[^>]*>(Албазина)</placeName>'
    tagged = list(re.finditer(pattern, text))
    assert len(tagged) >= 2
    path.write_text(text.replace(tagged[1].group(0), tagged[1].group(1), 1), encoding="utf-8")
    _, diagnostics = pipeline.check(tei)
    messages = [str(d) for d in diagnostics if d.code == "untagged-name"]
    assert messages and all(re.match(r"\S*tei/B\.xml:\d+: ", m) for m in messages), messages
    assert '"Албазина"' in messages[0] and "pl-albazin" in messages[0]


# --- pages ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_entity_has_an_anchored_entry_in_both_languages(site: Path, edition: Edition, lang: str) -> None:
    for kind in INDEX_SLUGS:
        doc = parse(site, index_url(kind, lang))
        expected = [e.xml_id for e in edition.entities if e.kind == kind]
        found = [s.get("id") for s in doc.cssselect("section.alb-entity")]
        assert sorted(found) == sorted(expected)
        assert doc.get("lang") == lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_occurrence_link_resolves_to_the_tagged_name(site: Path, edition: Edition, lang: str) -> None:
    found = names.by_entity(edition)
    pages: dict[str, html.HtmlElement] = {}
    checked = 0
    for kind in INDEX_SLUGS:
        base = index_url(kind, lang)
        doc = parse(site, base)
        for entry in doc.cssselect("section.alb-entity"):
            links = entry.cssselect("a.alb-occ__link")
            assert len(links) == len(found.get(entry.get("id"), []))
            for a in links:
                url, fragment = urldefrag(urljoin("/" + base, a.get("href")))
                target = pages.setdefault(url, parse(site, url.strip("/")))
                hits = target.xpath(f'//*[@id="{fragment}"]')
                assert len(hits) == 1 and "alb-name" in hits[0].get("class"), (url, fragment)
                assert hits[0].get("data-entity") == entry.get("id")
                checked += 1
    assert checked == sum(len(v) for v in found.values())


def test_names_in_the_text_link_to_their_entry_and_have_a_card(site: Path, edition: Edition) -> None:
    for text in edition.texts:
        for lang in LANGUAGES:
            url = ("" if lang == "en" else f"{lang}/") + f"texts/{text.slug}/"
            doc = parse(site, url)
            cards = {c.get("id") for c in doc.cssselect(".alb-cards .alb-card")}
            for a in doc.cssselect("a.alb-name"):
                assert a.get("aria-describedby") in cards
                target, fragment = urldefrag(urljoin("/" + url, a.get("href")))
                assert fragment == a.get("data-entity")
                entry = parse(site, target.strip("/")).xpath(f'//section[@id="{fragment}"]')
                assert entry, (url, a.get("href"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_map_points_link_to_existing_entries(site: Path, edition: Edition, lang: str) -> None:
    doc = parse(site, index_url("place", lang))
    points = doc.cssselect("svg.alb-map__svg a.alb-map__point")
    located = [e for e in edition.entities
               if e.kind == "place" and e.geo and mapsvg.PROJECTION.contains(e.geo.lon, e.geo.lat)]
    assert len(points) == len(located) > 10
    entries = {s.get("id") for s in doc.cssselect("section.alb-entity")}
    for point in points:
        assert point.get("href").lstrip("#") in entries
        assert point.get("id") == "map-" + point.get("href").lstrip("#")
    for entity in located:  # and each entry links back to its point
        assert doc.cssselect(f'section#{entity.xml_id} a[href="#map-{entity.xml_id}"]')


def test_map_makes_no_external_reference(site: Path) -> None:
    doc = parse(site, index_url("place", "en"))
    svg = html.tostring(doc.cssselect("figure.alb-map")[0], encoding="unicode")
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
