"""Where works are cited: the commentary, the apparatus, the glossary and the introduction all count
(albazin/model/citing.py); the bibliography page lists every citer with a link to it."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html

from albazin.model import citing, pipeline
from albazin.model.model import Edition
from tests.conftest import LANGUAGES, copy_corpus


def test_every_kind_of_editorial_text_cites_works(edition: Edition) -> None:
    found = citing.citers(edition)
    kinds = {c.kind for citers in found.values() for c in citers}
    assert kinds == {citing.COMMENTARY, citing.APPARATUS, citing.GLOSSARY, citing.INTRODUCTION}
    superseded = {w.xml_id for w in edition.bibliography if w.subtype == "superseded"}
    # every work is cited somewhere, but a superseded web page (kept for its published anchor) nowhere
    assert {w.xml_id for w in edition.bibliography} - superseded <= set(found) and not superseded & set(found)
    assert [c.xml_id for c in found["bib-chen-1966"]] == ["C-app13", "intro-c"]
    assert {c.xml_id for c in found["bib-esbe"]} == {"gl-verst", "gl-iasak"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_bibliography_page_links_to_every_citer(site: Path, edition: Edition, lang: str) -> None:
    prefix = "" if lang == "en" else "ru/"
    root = html.parse(str(site / f"{prefix}bibliography" / "index.html")).getroot()
    for work, citers in citing.citers(edition).items():
        links = [a.get("href") for a in root.get_element_by_id(work).cssselect(".alb-bib__cited a")]
        assert len(links) == len(citers), work
        for citer, href in zip(citers, links, strict=True):
            assert href.endswith(f"#{citer.xml_id}"), (work, href)
            page = {citing.APPARATUS: f"texts/{(citer.siglum or '').lower()}/", citing.GLOSSARY: "glossary/",
                    citing.INTRODUCTION: "introduction/", citing.COMMENTARY: "commentary/"}[citer.kind]
            assert page in href, (work, href)
    chen = root.get_element_by_id("bib-chen-1966").cssselect(".alb-bib__cited")[0].text_content()
    assert ("apparatus note C-app13 (text C)" if lang == "en" else "примечание аппарата C-app13 (текст C)") in chen


def test_a_work_the_introduction_no_longer_cites_is_uncited(tmp_path: Path) -> None:
    """bib-cmboat-a is cited only by the introduction (the header of A points to it, which does not count)."""
    corpus = copy_corpus(tmp_path)
    for name in ("A.xml", "introduction.xml"):
        f = corpus / name
        text = f.read_text(encoding="utf-8")
        other = text.replace("bibliography.xml#bib-cmboat-a", "bibliography.xml#bib-russkie-ukrainy")
        f.write_text(other, encoding="utf-8")
    _, diagnostics = pipeline.check(corpus)
    assert [(d.code, "bib-cmboat-a" in d.message) for d in diagnostics] == [("uncited-work", True)]
