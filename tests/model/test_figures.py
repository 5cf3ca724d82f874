"""Figures marked up for the concordance (issue 5, markup stage): every figure answers one defined
question, every question has a figure, and Old Style dates carry their Gregorian equivalent."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from lxml import etree

from albazin.core.paths import PROJECT_ROOT
from albazin.load.teiload import TEI_NS, XML_NS

NS = {"tei": TEI_NS, "xml": XML_NS}
FIGURES = "//tei:body//*[(self::tei:num or self::tei:measure or self::tei:date) and @xml:id]"


def parse(name: str) -> etree._ElementTree:
    return etree.parse(str(PROJECT_ROOT / "tei" / name))


def questions() -> set[str]:
    taxonomy = parse("edition.xml").xpath("//tei:taxonomy[@xml:id='questions']", namespaces=NS)[0]
    return {c.get(f"{{{XML_NS}}}id") for c in taxonomy.iter(f"{{{TEI_NS}}}category")
            if c.get(f"{{{XML_NS}}}id", "").startswith("q-")}


def figures(siglum: str) -> list[etree._Element]:
    return parse(f"{siglum}.xml").xpath(FIGURES, namespaces=NS)


def test_questions_have_descriptions_in_both_languages() -> None:
    taxonomy = parse("edition.xml").xpath("//tei:taxonomy[@xml:id='questions']", namespaces=NS)[0]
    for category in taxonomy.iter(f"{{{TEI_NS}}}category"):
        langs = {d.get(f"{{{XML_NS}}}lang") for d in category.findall(f"{{{TEI_NS}}}catDesc")}
        assert langs == {"en", "ru"}, category.get(f"{{{XML_NS}}}id")


@pytest.mark.parametrize("siglum", ["A", "B", "C"])
def test_every_figure_answers_one_defined_question(siglum: str) -> None:
    defined = questions()
    found = figures(siglum)
    assert len(found) >= 15
    for n, el in enumerate(found, start=1):
        assert el.get(f"{{{XML_NS}}}id") == f"{siglum}-fig{n}"
        targets = el.get("ana", "").split()
        assert len(targets) == 1 and targets[0].startswith("edition.xml#"), el.get(f"{{{XML_NS}}}id")
        assert targets[0].split("#")[1] in defined


def test_every_question_has_a_figure() -> None:
    used = {el.get("ana").split("#")[1] for s in "ABC" for el in figures(s)}
    assert used == questions()


@pytest.mark.parametrize("siglum", ["A", "B", "C"])
def test_julian_day_dates_carry_the_gregorian_equivalent(siglum: str) -> None:
    for el in figures(siglum):
        if el.get("calendar", "").endswith("#julian") and len(el.get("when-custom", "")) == 10:
            julian = date.fromisoformat(el.get("when-custom"))
            assert date.fromisoformat(el.get("when")) == julian + timedelta(days=10), el.get(f"{{{XML_NS}}}id")
