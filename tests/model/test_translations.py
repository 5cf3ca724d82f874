"""Translations: one per text, aligned paragraph by paragraph, every figure carried over."""

from __future__ import annotations

import re

import pytest

from albazin.model.model import BiblList, Edition, Paragraph, TextDoc
from albazin.model.readings import reading

# "15-тыс." / "8- тысячной" / "15 тыс." : a figure in thousands written with an abbreviation
THOUSANDS = re.compile(r"(\d+)\s*-?\s*тыс", re.IGNORECASE)
# 1,000 / 1 000 (also with a no-break space) / 1000; the separators are typographic, not part of the value
FIGURE = re.compile(r"\d{1,3}(?:[,\u00a0\u202f ]\d{3})+(?!\d)|\d+")
ROMAN_CENTURY = re.compile(r"\b(X{0,3}(?:IX|IV|V?I{0,3}))\s+(?:столети|век)", re.IGNORECASE)
ROMAN = {"I": 1, "V": 5, "X": 10}


def roman(numeral: str) -> int:
    values = [ROMAN[c] for c in numeral.upper()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def figures(text: str) -> list[int]:
    """The numbers written in figures in a text, normalised to integers."""
    found = [int(m.group(1)) * 1000 for m in THOUSANDS.finditer(text)]
    rest = THOUSANDS.sub(" ", text)
    found += [int(re.sub(r"\D", "", m.group(0))) for m in FIGURE.finditer(rest)]
    found += [roman(m.group(1)) for m in ROMAN_CENTURY.finditer(text) if m.group(1)]
    return sorted(found)


def units(text: TextDoc) -> list[tuple[str, str]]:
    """(xml:id, critical text) of each paragraph and bibliography item, in order."""
    out = []
    for div in text.divisions:
        for block in div.blocks:
            if isinstance(block, Paragraph):
                out.append((block.xml_id, reading(block.content, "critical")))
            elif isinstance(block, BiblList):
                out += [(item.xml_id, reading(item.content, "critical")) for item in block.items]
    return out


def test_every_text_has_exactly_one_translation(edition: Edition) -> None:
    pairs = {t.translation_of: t.lang for t in edition.translations}
    assert pairs == {"A": "en", "B": "en", "C": "ru"}
    assert len(edition.translations) == len(pairs)


def test_translation_units_correspond_one_to_one_and_in_order(edition: Edition) -> None:
    from lxml import etree

    from albazin.core.paths import PROJECT_ROOT
    from albazin.load.teiload import TEI_NS, XML_NS

    for original in edition.texts:
        translation = edition.translation(original.siglum)
        tree = etree.parse(str(PROJECT_ROOT / "tei" / translation.file_name))
        corresp = tree.xpath("//tei:body//*[self::tei:p[not(ancestor::tei:note)] or self::tei:bibl]",
                             namespaces={"tei": TEI_NS})
        targets = [el.get("corresp") for el in corresp]
        expected = [f"{original.file_name}#{xml_id}" for xml_id, _ in units(original)]
        assert targets == expected, original.siglum
        ids = [el.get(f"{{{XML_NS}}}id") for el in corresp]
        assert all(i and i.startswith(f"{translation.siglum}-") for i in ids)
        divs = tree.xpath("//tei:body/tei:div/@corresp", namespaces={"tei": TEI_NS})
        assert divs == [f"{original.file_name}#{d.xml_id}" for d in original.divisions]


@pytest.mark.parametrize("siglum", ["A", "B", "C"])
def test_every_figure_of_a_paragraph_appears_in_its_translation(edition: Edition, siglum: str) -> None:
    original = edition.text(siglum)
    translated = dict(units(edition.translation(siglum)))
    by_original = {corresp: text for corresp, text in zip(
        [xml_id for xml_id, _ in units(original)], translated.values(), strict=True)}
    missing = {}
    for xml_id, text in units(original):
        wanted, got = figures(text), figures(by_original[xml_id])
        lost = [n for n in wanted if wanted.count(n) > got.count(n)]
        if lost:
            missing[xml_id] = sorted(set(lost))
    assert missing == {}


def test_figure_extraction_normalises_the_forms_the_texts_use() -> None:
    assert figures("15-тыс. китайская армия с 150 орудиями") == [150, 15000]
    assert figures("с 8- тысячной армией") == [8000]
    assert figures("a force of 3,000 Qing soldiers") == [3000]
    assert figures("силы в 3000 и 3 000 человек") == [3000, 3000]
    assert figures("в конце XIX столетия") == [19]
    assert figures("ISBN 978-0-691-13597-7") == [0, 7, 691, 978, 13597]
