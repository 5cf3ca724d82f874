"""The editorial policy, enforced where it can be mechanically (issue 18, edition.xml "correction"):

- the edition declares its classes of emendation, in both languages, and states them in every
  text's editorialDecl and on both About pages;
- nothing is regularised (no <orig>/<reg>): identity is carried by @ref, not by changing a name;
- every correction is classed (<corr ana="edition.xml#em-…">), and the build fails otherwise;
- a correction is small and of its class: a typographical error or an impossible form changes at
  most two characters, never only punctuation; a figure's digits change only for an internal slip;
- a note without emendation says so, in both languages;
- every apparatus entry published so far keeps its anchor (the registry proves the rest).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from albazin.core.paths import PROJECT_ROOT
from albazin.model import apparatus, pipeline
from albazin.model.model import Choice, Edition, Phrase, TextDoc, walk
from albazin.model.readings import reading
from tests.conftest import copy_corpus

TEI = "{http://www.tei-c.org/ns/1.0}"
CLASSES = ("em-typo", "em-grammar", "em-internal", "em-transmission")
SMALL = ("em-typo", "em-grammar")  # corrections of a few characters
FIGURE_TAGS = ("num", "measure", "date")


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions)."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def corrections(text: TextDoc) -> list[tuple[Choice, tuple[str, ...]]]:
    """Every choice of the text with the tags of the elements around it (names, figures)."""
    found: list[tuple[Choice, tuple[str, ...]]] = []

    def visit(nodes, around: tuple[str, ...]) -> None:
        for node in nodes:
            if isinstance(node, Choice):
                found.append((node, around))
            elif isinstance(node, Phrase):
                visit(node.children, (*around, node.tag))
    for unit in text.units():
        visit(unit.content, ())
    return found


def test_the_edition_declares_four_classes_in_both_languages(edition: Edition) -> None:
    assert tuple(c.xml_id for c in edition.emendation_classes) == CLASSES
    for cls in edition.emendation_classes:
        assert {lang for lang, value in cls.label.by_lang if value} == {"en", "ru"}, cls.xml_id


@pytest.mark.parametrize("siglum", ["A", "B", "C"])
def test_nothing_is_regularised(edition: Edition, siglum: str) -> None:
    """No <reg>: a name keeps the source's form, and its @ref says who or what it is."""
    text = edition.text(siglum)
    regularised = [c.xml_id for c, _ in corrections(text) if c.kind == "regularisation"]
    assert regularised == [], regularised
    tree = etree.parse(str(PROJECT_ROOT / "tei" / text.file_name))
    assert not tree.findall(f".//{TEI}text//{TEI}reg") and not tree.findall(f".//{TEI}text//{TEI}orig")


@pytest.mark.parametrize("siglum", ["A", "B", "C"])
def test_every_correction_is_classed_small_and_not_mere_punctuation(edition: Edition, siglum: str) -> None:
    declared = {c.xml_id for c in edition.emendation_classes}
    for choice, around in corrections(edition.text(siglum)):
        source, edited = reading(choice.source, "diplomatic"), reading(choice.edited, "critical")
        assert choice.category in declared, (choice.xml_id, choice.category)
        if choice.category in SMALL:
            assert edit_distance(source, edited) <= 2, (choice.xml_id, source, edited)
        letters = re.compile(r"[\W_]+")
        if letters.sub("", source) == letters.sub("", edited):
            # only punctuation or spacing differs: allowed only for a space that splits a word
            assert source.replace(" ", "") == edited.replace(" ", "") and choice.category == "em-typo", choice.xml_id
        if any(tag in FIGURE_TAGS for tag in around) and re.sub(r"\D", "", source) != re.sub(r"\D", "", edited):
            assert choice.category == "em-internal", choice.xml_id  # a figure changes only when the text proves it


def test_names_are_corrected_only_for_typographical_errors(edition: Edition) -> None:
    """A name whose @ref identifies it may be corrected only where the form is a misprint («Абалзин»)."""
    for text in edition.texts:
        for choice, around in corrections(text):
            if {"persName", "placeName", "orgName", "rs"} & set(around):
                assert choice.category == "em-typo", (choice.xml_id, choice.category)


def test_a_note_without_emendation_says_so_in_both_languages(edition: Edition) -> None:
    for text in edition.texts:
        for entry in apparatus.entries(text):
            if entry.kind == "lemma" and all(lem.kind == "lemma" for lem in entry.lemmata):
                versions = dict(entry.note.versions)
                en = reading(versions["en"], "critical")
                ru = reading(versions["ru"], "critical")
                assert en.startswith("Not emended"), entry.note.xml_id
                assert ru.startswith("Текст не исправляется"), entry.note.xml_id


def test_every_emendation_has_its_class_named_in_the_apparatus(edition: Edition) -> None:
    from albazin.render import textpage
    from albazin.render.render import Ctx, serialize
    classes = {c.xml_id: c.label for c in edition.emendation_classes}
    text = edition.text("A")
    entry = next(e for e in apparatus.entries(text) if e.note.xml_id == "A-app22")
    for lang, shown in (("en", "Correction (impossible form)"), ("ru", "Исправление (невозможная форма)")):
        out = serialize(textpage.apparatus_entry(entry, text, Ctx(lang), classes))
        assert f'<span class="alb-app__kind">{shown}</span>' in out


@pytest.mark.parametrize("siglum", ["A", "B", "C"])
def test_every_text_states_the_policy_and_names_the_classes(siglum: str) -> None:
    tree = etree.parse(str(PROJECT_ROOT / "tei" / f"{siglum}.xml"))
    correction = tree.find(f".//{TEI}editorialDecl/{TEI}correction")
    targets = {ref.get("target") for ref in correction.iter(f"{TEI}ref")}
    assert {f"edition.xml#{c}" for c in CLASSES} <= targets
    assert {p.get("{http://www.w3.org/XML/1998/namespace}lang") for p in correction.iter(f"{TEI}p")} == {"en", "ru"}
    normalization = tree.find(f".//{TEI}editorialDecl/{TEI}normalization")
    assert "Nothing is normalised" in "".join(normalization.itertext())


def test_both_about_pages_state_the_policy_with_every_class(edition: Edition) -> None:
    for lang in ("en", "ru"):
        about = " ".join((PROJECT_ROOT / "docs" / f"about.{lang}.md").read_text(encoding="utf-8").split())
        for cls in edition.emendation_classes:
            assert cls.label.get(lang) in about, (lang, cls.xml_id)
        assert {"en": "Nothing is regularised", "ru": "Ничто не нормализуется"}[lang] in about


def test_the_withdrawn_emendations_keep_their_anchors(edition: Edition) -> None:
    """Every apparatus entry and lemma published in 0.3.0 is still there (now perhaps a note)."""
    registry = (PROJECT_ROOT / "anchors" / "published.tsv").read_text(encoding="utf-8")
    published = set(re.findall(r"^([ABC]-app\d+(?:-lem)?)\t", registry, re.M))
    present = {n.xml_id for t in edition.texts for n in t.apparatus()} | {i for t in edition.texts for i in t.lemmata()}
    assert len(published) >= 106 and published <= present


def test_the_doubtful_figures_are_noted_with_their_conjectures(edition: Edition) -> None:
    notes = {n.xml_id: n for t in edition.texts for n in t.apparatus()}
    for note_id, figure, conjecture in (("A-app24", "A-fig11", "40"), ("B-app17", "B-fig8", "826")):
        note = notes[note_id]
        assert note.cert == "medium" and conjecture in reading(note.text_for("en"), "critical")
        assert conjecture in reading(note.text_for("ru"), "critical")
        text = edition.text(note_id[0])
        fig = next(n for n in text.inline_nodes() if isinstance(n, Phrase) and n.xml_id == figure)
        assert not any(isinstance(n, Choice) for n in walk(fig.children)), "a doubtful figure is not emended"


def test_an_unclassed_correction_fails_the_check_with_file_and_line(tmp_path: Path) -> None:
    corpus = copy_corpus(tmp_path)
    tei_file = corpus / "A.xml"
    source = tei_file.read_text(encoding="utf-8")
    assert source.count('<corr ana="edition.xml#em-grammar">считалось</corr>') == 1
    tei_file.write_text(source.replace('<corr ana="edition.xml#em-grammar">считалось</corr>', "<corr>считалось</corr>"),
                        encoding="utf-8")
    _, diagnostics = pipeline.check(corpus)
    found = [d for d in diagnostics if d.code == "unclassed-correction"]
    assert len(found) == 1 and "A-app22-lem" in found[0].message and found[0].line > 0
    assert found[0].file.endswith("A.xml")


def test_a_class_that_is_not_declared_fails_the_check(tmp_path: Path) -> None:
    corpus = copy_corpus(tmp_path)
    tei_file = corpus / "C.xml"
    source = tei_file.read_text(encoding="utf-8")
    tei_file.write_text(source.replace('ana="edition.xml#em-internal"', 'ana="edition.xml#ep-1685"'), encoding="utf-8")
    _, diagnostics = pipeline.check(corpus)
    assert [d.code for d in diagnostics] == ["unclassed-correction"], diagnostics
