"""The apparatus: entries derived from the model, markers and notes rendered, the aligned text page.

Uses tests/fixtures/apparatus (a correction, a deleted and two supplied commas sharing one note,
a regularisation, a lemma without emendation, and a translation), then checks the real texts.
"""

from __future__ import annotations

import pytest
from lxml import etree, html

from albazin.model import apparatus, pipeline
from albazin.model.model import Chars, Edition, Note, Paragraph, TextDoc
from albazin.model.readings import plain_text
from albazin.render import render, textpage
from tests.conftest import FIXTURES

FIXTURE = FIXTURES / "apparatus"
LINKS = textpage.Links(tei="../tei/T.xml", copy_text="../tei/sources/T.txt")


@pytest.fixture(scope="module")
def fixture_edition() -> Edition:
    edition, diagnostics = pipeline.check(FIXTURE)
    assert diagnostics == [] and edition is not None
    return edition


@pytest.fixture(scope="module")
def text(fixture_edition: Edition) -> TextDoc:
    return fixture_edition.text("T")


def test_entries_are_numbered_in_document_order_with_their_lemmata(text: TextDoc) -> None:
    entries = apparatus.entries(text)
    assert [(e.number, e.note.xml_id, e.unit_id) for e in entries] == [
        (1, "T-app1", "T-p1"), (2, "T-app2", "T-p1"), (3, "T-app3", "T-p2"), (4, "T-app5", "T-p2"),
        (5, "T-app4", "T-p2")]
    by_id = {e.note.xml_id: e for e in entries}
    assert by_id["T-app1"].lemmata == (apparatus.Lemma("T-app1-lem", "Албазин", "Абалзин", "correction"),)
    lem = by_id["T-app2"].lemmata[0]
    assert (lem.critical, lem.diplomatic) == ("", ",")  # deleted: nothing printed
    assert by_id["T-app3"].kind == "regularisation"
    assert by_id["T-app5"].lemmata == (apparatus.Lemma("T-app5-lem", "в городке", "в городке", "lemma"),)
    assert [lem.xml_id for lem in by_id["T-app4"].lemmata] == ["T-app4-lem", "T-app4-lem2"]
    assert by_id["T-app4"].note.cert is None and by_id["T-app1"].note.cert == "high"


def test_readings_take_source_or_editors_forms(text: TextDoc) -> None:
    assert plain_text(text, "diplomatic") == (
        "Город Абалзин стоял, на Амуре.\nВоевода Байтон сказал что в городке тихо было.\n")
    assert plain_text(text, "critical") == (
        "Город Албазин стоял на Амуре.\nВоевода Бейтон сказал, что в городке тихо, было.\n")


# Apparatus markers are letters (the commentary's are numbers): one series of each, never mixed.
GOLDEN_MARKER = ('<a class="alb-noteref" href="#T-app1" id="T-app1-ref" data-note="T-app1" '
                 'aria-label="Apparatus note a" lang="en"><sup>a</sup></a>')


def test_marker_golden_fragment(text: TextDoc) -> None:
    ctx = render.Ctx("en", apparatus.numbering(apparatus.entries(text)))  # as textpage numbers them
    out = render.serialize(render.paragraph(text.paragraphs()[0], ctx))
    assert GOLDEN_MARKER in out
    assert "Metathesis" not in out  # the note's text is not in the paragraph, only its marker


GOLDEN_ENTRY = (
    '<li class="alb-app alb-app--correction" id="T-app1" data-targets="T-app1-lem" lang="en">'
    '<p class="alb-app__head"><a class="alb-app__back" href="#T-app1-ref" aria-label="a. para. 1: back to the text">'
    '<span class="alb-app__n">a.</span> para. 1</a> <span class="alb-app__readings">'
    '<span class="alb-app__label">Edition: </span><span class="alb-app__lem" lang="ru">Албазин</span> · '
    '<span class="alb-app__label">Source: </span><span class="alb-app__rdg" lang="ru">Абалзин</span></span></p>'
    '<div class="alb-app__body"><p>Metathesis; corrected.</p></div>'
    '<p class="alb-app__meta"><span class="alb-app__kind">Correction</span> · Certainty: high '
    '<a class="alb-permalink" href="#T-app1" title="Permalink to apparatus note T-app1" '
    'aria-label="Permalink to apparatus note T-app1" lang="en" data-unit="apparatus note" '
    'data-locator="note a">¶</a></p></li>'
)


def test_apparatus_entry_golden_fragment(text: TextDoc) -> None:
    entry = apparatus.entries(text)[0]
    out = render.serialize(textpage.apparatus_entry(entry, text, render.Ctx("en")))
    assert out == GOLDEN_ENTRY
    assert 'value="' not in out  # the letter is printed once ("a. para. 1"), not "1. a. para. 1"


def test_apparatus_letters_run_a_to_z_then_aa() -> None:
    assert [apparatus.letter(n) for n in (1, 2, 26, 27, 28, 52, 53, 702, 703)] == [
        "a", "b", "z", "aa", "ab", "az", "ba", "zz", "aaa"]
    with pytest.raises(ValueError):
        apparatus.letter(0)


# Two markers with nothing between them are one cluster ("b,3"): a note on a word that the
# commentary discusses too; a marker followed by text stays on its own.
GOLDEN_CLUSTER = (
    '<span class="alb-markers"><a class="alb-noteref" href="#T-app1" id="T-app1-ref" data-note="T-app1" '
    'aria-label="Apparatus note a" lang="en"><sup>a</sup></a><a class="alb-comref" href="#com-x" '
    'id="cref-T-p1-com-x" data-note="com-x" data-lemma="T-p1" lang="en" aria-label="Commentary 3: On x">'
    '<sup>3</sup></a></span>')


def test_adjacent_markers_are_one_cluster() -> None:
    note = Note("T-app1", "apparatus", (("en", (Chars("n"),)),), targets=("T-app1-lem",))
    ctx = render.Ctx("en", {"T-app1": 1}, comments={"T-p1": (render.CommentRef("com-x", 3, "On x"),)})
    out = render.serialize(render.paragraph(Paragraph("T-p1", None, (Chars("word"), note)), ctx))
    assert GOLDEN_CLUSTER in out
    alone = render.serialize(render.paragraph(Paragraph("T-p1", None, (note, Chars(" word"))), render.Ctx(
        "en", {"T-app1": 1})))
    assert "alb-markers" not in alone


def test_entry_in_russian_says_source_and_edition_in_russian(text: TextDoc) -> None:
    entries = apparatus.entries(text)
    out = render.serialize(textpage.apparatus_entry(entries[1], text, render.Ctx("ru")))
    doc = html.fragment_fromstring(out)
    assert doc.get("lang") == "ru"
    assert "Издание: " in doc.text_content() and "Источник: " in doc.text_content()
    assert doc.cssselect(".alb-app__empty")[0].text_content() == "(ничего)"  # the deleted comma
    assert "Запятая снята." in doc.text_content() and "Степень уверенности: низкая" in doc.text_content()


def page(fixture_edition: Edition, lang: str) -> etree._Element:
    out, _ = textpage.text_page(fixture_edition.text("T"), fixture_edition.translation("T"), lang, LINKS)
    return html.fragment_fromstring(out)


def test_text_page_pairs_each_paragraph_with_its_translation_in_a_row(fixture_edition: Edition) -> None:
    doc = page(fixture_edition, "en")
    heads, *rows = doc.cssselect(".alb-row")
    assert [[cell.get("id") for cell in row] for row in rows] == [["T-p1", "T-en-p1"], ["T-p2", "T-en-p2"]]
    # headed columns: the original's head names the view (critical unless the reader chose otherwise)
    assert "alb-row--columns" in heads.get("class")
    assert [" ".join(cell.text_content().split()) for cell in heads] == [
        "Original (Russian) · critical textdiplomatic text, as in the source",
        "Translation by the editors (English)"]
    assert [v.get("data-view") for v in heads.cssselect(".alb-colhead__view")] == ["critical", "diplomatic"]
    assert [cell.get("lang") for cell in rows[0]] == ["ru", "en"]
    assert doc.cssselect("#T-en-text.alb-anchor")  # the translation's division keeps its anchor


def test_text_page_has_controls_markers_and_numbered_notes(fixture_edition: Edition) -> None:
    doc = page(fixture_edition, "ru")
    assert [r.get("value") for r in doc.cssselect('input[name="alb-view"]')] == ["critical", "diplomatic"]
    assert [r.get("value") for r in doc.cssselect('input[name="alb-layout"]')] == [
        "parallel", "original", "translation"]
    assert doc.cssselect('input[value="critical"]')[0].get("checked") is not None
    markers = [a.get("href") for a in doc.cssselect(".alb-noteref")]
    notes = [li.get("id") for li in doc.cssselect(".alb-apparatus li")]
    assert markers == [f"#{n}" for n in notes] == ["#T-app1", "#T-app2", "#T-app3", "#T-app5", "#T-app4"]
    assert doc.cssselect(".alb-noteref")[0].get("aria-label") == "Примечание аппарата a"
    # the note's text is escaped, not interpreted
    assert "Not emended <b>." not in etree.tostring(doc, encoding="unicode")


def test_text_without_translation_or_apparatus_renders_plainly(fixture_edition: Edition) -> None:
    text = fixture_edition.text("T")
    out, toc = textpage.text_page(text, None, "en", LINKS)
    doc = html.fragment_fromstring(out)
    assert not doc.cssselect(".alb-col--translation") and not doc.cssselect('input[name="alb-layout"]')
    assert toc[-1].id == "T-apparatus"


# --- the edition's own texts ----------------------------------------------------------------------

def test_every_apparatus_note_has_a_resolving_target_and_both_languages(edition: Edition) -> None:
    for text in edition.texts:
        lemmata = text.lemmata()
        for entry in apparatus.entries(text):
            note = entry.note
            assert note.targets and all(t in lemmata for t in note.targets), note.xml_id
            assert {lang for lang, _ in note.versions} == {"en", "ru"}, note.xml_id
            assert note.xml_id == f"{text.siglum}-app" + note.xml_id.split("-app")[1], note.xml_id


def test_every_choice_and_lemma_has_an_apparatus_note(edition: Edition) -> None:
    for text in edition.texts:
        noted = {t for n in text.apparatus() for t in n.targets}
        assert set(text.lemmata()) <= noted, text.siglum


def test_the_apparatus_records_well_over_a_dozen_problems(edition: Edition) -> None:
    counts = {t.siglum: len(t.apparatus()) for t in edition.texts}
    assert sum(counts.values()) > 20 and all(n > 5 for n in counts.values()), counts


GOLDEN_COLUMN_HEADS = (
    '<div class="alb-row alb-row--columns"><p class="alb-colhead alb-colhead--original">'
    '<span class="alb-colhead__name">Оригинал (русский)</span> · '
    '<span class="alb-colhead__view" data-view="critical">критический текст</span>'
    '<span class="alb-colhead__view" data-view="diplomatic">дипломатический текст, как в источнике</span></p>'
    '<p class="alb-colhead alb-colhead--translation"><span class="alb-colhead__name">'
    'Перевод редакторов издания (английский)</span></p></div>')

GOLDEN_NOTICES = (
    '<p class="alb-viewnote" data-view="diplomatic">Diplomatic view: the text as the source has it, with its '
    'errors. Places where the critical text reads otherwise (5 in all) are marked like this: '
    '<span class="alb-differs-sample">reading</span>; their apparatus notes give both readings.</p>'
    '<p class="alb-legend"><span class="alb-legend__title">In the text: </span><span class="alb-legend__item">'
    '<sup class="alb-legend__app">a, b, …</sup> a note of the critical apparatus (the source\'s reading, the '
    "editors' reasons)</span> · <span class=\"alb-legend__item\"><sup class=\"alb-legend__com\">1, 2, …</sup> an "
    'entry of the commentary</span> · <span class="alb-legend__item">names link to the index, with a card on '
    'pointing, focus or a first tap</span>.</p>')


def test_column_heads_and_notices_golden_fragments(fixture_edition: Edition) -> None:
    text, translation = fixture_edition.text("T"), fixture_edition.translation("T")
    assert render.serialize(textpage.column_heads(text, translation, "ru")) == GOLDEN_COLUMN_HEADS
    assert "".join(render.serialize(n) for n in textpage.notices(text, translation, "en", LINKS)) == GOLDEN_NOTICES
    assert textpage.print_address("en", LINKS) is None  # no address known: nothing printed
    printed = textpage.print_address("en", textpage.Links(tei="t", copy_text="c", page="https://x.org/texts/t/"))
    assert printed.get("class") == "alb-print-only alb-print-url" and "https://x.org/texts/t/ —" in printed.text


def test_page_controls_offer_the_side_panels_button(fixture_edition: Edition) -> None:
    doc = page(fixture_edition, "en")
    button = doc.cssselect(".alb-controls button.alb-panels-toggle")[0]
    assert button.get("type") == "button" and button.get("aria-expanded") == "false"
    assert button.text_content() == "Navigation and contents"
