"""The introduction (tei/introduction.xml): sections in both languages, every claim sourced, the
stemma as a graph, its SVG and its text version, the page in both languages, and the texts'
headers that summarise it (creation, dating notes)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree, html

from albazin.core.paths import PROJECT_ROOT
from albazin.model.model import Edition, Phrase
from albazin.render import stemma
from albazin.render.render import serialize
from tests.conftest import LANGUAGES

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SOURCED = ("intro-a", "intro-a-date", "intro-b", "intro-b-date", "intro-c", "intro-dating")
POINTS = ("bibliography.xml#", "commentary.xml#", "A.xml#", "B.xml#", "C.xml#")


def _refs(content) -> list[str]:
    out = []
    for node in content:
        if isinstance(node, Phrase):
            if node.tag == "ref":
                out.append(node.attr("target") or "")
            out += _refs(node.children)
    return out


def test_every_section_is_in_both_languages_with_as_many_paragraphs(edition: Edition) -> None:
    ids = [s.xml_id for s in edition.introduction]
    assert ids == ["intro-texts", "intro-a", "intro-a-date", "intro-b", "intro-b-date", "intro-c",
                   "intro-relations", "intro-dating"]
    for section in edition.introduction:
        assert {lang for lang, value in section.heading.by_lang if value} == set(LANGUAGES)
        counts = {lang: sum(1 for pl, _ in section.paragraphs if pl == lang) for lang in LANGUAGES}
        assert counts["en"] == counts["ru"] > 0, (section.xml_id, counts)


@pytest.mark.parametrize("section_id", SOURCED)
def test_every_paragraph_on_dates_and_sources_cites_its_evidence(edition: Edition, section_id: str) -> None:
    section = next(s for s in edition.introduction if s.xml_id == section_id)
    for lang, content in section.paragraphs:
        refs = _refs(content)
        assert any(r.startswith(POINTS) for r in refs), (section_id, lang)


def test_the_stemma_is_a_graph_without_cycles_whose_arcs_join_its_nodes(edition: Edition) -> None:
    graph = next(s.graph for s in edition.introduction if s.graph)
    nodes = {n.xml_id for n in graph.nodes}
    assert len(nodes) == 12 and len(graph.arcs) == 10
    for arc in graph.arcs:
        assert arc.source in nodes and arc.target in nodes and arc.cert in ("high", "medium", "low")
        assert {lang for lang, value in arc.label.by_lang if value} == set(LANGUAGES)
    rows = stemma._rows(graph)  # a cycle would give an arc that does not go down
    assert all(rows[a.target] > rows[a.source] for a in graph.arcs)
    # the three texts are independent: no path joins any two of them
    texts = {"st-a", "st-b", "st-c"}
    assert not [a for a in graph.arcs if a.source in texts and a.target in texts]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_stemma_svg_is_labelled_and_draws_every_node_and_arc(edition: Edition, lang: str) -> None:
    graph = next(s.graph for s in edition.introduction if s.graph)
    svg = stemma.svg(graph, lang)
    assert svg.get("role") == "img" and svg.get("lang") == lang
    labelled = svg.get("aria-labelledby").split()
    assert [el.get("id") for el in svg if el.tag in ("title", "desc")] == labelled
    assert svg.find("title").text == graph.title.get(lang) and svg.find("desc").text == graph.description.get(lang)
    assert len(svg.findall("g/rect")) == len(graph.nodes) and len(svg.findall("line")) == len(graph.arcs)
    dashed = [line for line in svg.findall("line") if line.get("stroke-dasharray")]
    assert len(dashed) == sum(1 for a in graph.arcs if a.cert != "high")
    text = "".join(svg.itertext())
    assert "Text A" in text if lang == "en" else "Текст A" in text
    listed = stemma.as_list(graph, lang)
    assert len(listed.findall(".//ul")[1]) == len(graph.arcs)
    assert "fill=" not in serialize(svg)  # colours come from CSS (the theme's variables)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_introduction_page_anchors_every_section_and_links_its_sources(site: Path, edition: Edition,
                                                                        lang: str) -> None:
    prefix = "" if lang == "en" else "ru/"
    root = html.parse(str(site / f"{prefix}introduction" / "index.html")).getroot()
    for section in edition.introduction:
        element = root.get_element_by_id(section.xml_id)
        assert element.get("lang") == lang
        assert element.cssselect(".alb-intro__head")[0].text_content().startswith(section.heading.get(lang))
    figure = root.get_element_by_id("intro-stemma-graph")
    assert figure.cssselect("svg[role=img]") and figure.cssselect(".alb-stemma__list li")
    hrefs = [a.get("href") for a in root.cssselect(".alb-introduction a[href]")]
    assert any("bibliography/#bib-" in h for h in hrefs) and any("texts/a/#A-app" in h for h in hrefs)


@pytest.mark.parametrize("siglum", ["A", "B", "C"])
def test_each_text_header_dates_the_text_and_points_to_the_introduction(siglum: str) -> None:
    tree = etree.parse(str(PROJECT_ROOT / "tei" / f"{siglum}.xml"))
    creation = tree.find(f".//{TEI}profileDesc/{TEI}creation")
    dates = creation.findall(f"{TEI}date")
    assert any(d.get("notBefore") for d in dates) and any(d.get("notAfter") for d in dates)
    assert any(r.get("target", "").startswith("introduction.xml#") for r in creation.iter(f"{TEI}ref"))
    notes = tree.findall(f".//{TEI}sourceDesc//{TEI}note[@type='dating']")
    assert {n.get(XML_LANG) for n in notes} == set(LANGUAGES)
    assert all(r.get("target").startswith(("bibliography.xml#", "introduction.xml#"))
               for n in notes for r in n.iter(f"{TEI}ref"))


def test_the_dating_policy_is_stated_in_both_languages_with_its_sources(edition: Edition) -> None:
    section = next(s for s in edition.introduction if s.xml_id == "intro-dating")
    for lang in LANGUAGES:
        text = " ".join("".join(n.value if hasattr(n, "value") else "" for n in c) for c in section.body(lang))
        assert "5508" in text and "5509" in text and "7194" in text
    cited = {r for _, c in section.paragraphs for r in _refs(c)}
    assert {"bibliography.xml#bib-dates-letoschislenie", "bibliography.xml#bib-otpiska-tolbuzin-1685"} <= cited
