"""The TEI → model step on the real corpus."""

from __future__ import annotations

import hashlib

from albazin.core.paths import PROJECT_ROOT
from albazin.model.model import BiblList, Edition, Note, Paragraph


def test_three_texts_with_sigla_and_languages(edition: Edition) -> None:
    assert [(t.siglum, t.lang) for t in edition.texts] == [("A", "ru"), ("B", "ru"), ("C", "en")]
    assert edition.version == "0.4.0"
    assert all(t.version == edition.version for t in edition.texts)


def test_paragraph_structure_follows_the_copy_texts(edition: Edition) -> None:
    counts = {t.siglum: len(t.paragraphs()) for t in edition.texts}
    assert counts == {"A": 7, "B": 9, "C": 10}
    assert [p.xml_id for p in edition.text("A").paragraphs()] == [f"A-p{i}" for i in range(1, 8)]


def test_c_divisions_heads_bibliography_and_empty_references(edition: Edition) -> None:
    c = edition.text("C")
    assert [d.xml_id for d in c.divisions] == [
        "C-lead", "C-background", "C-siege-1685", "C-siege-1686", "C-aftermath", "C-references", "C-bibliography",
    ]
    heads = [d.head.content[0].value if d.head else None for d in c.divisions]
    assert heads == [None, "Background", "Siege of 1685", "Siege of 1686", "Aftermath", "References", "Bibliography"]
    references = c.divisions[5]
    assert not any(isinstance(b, Paragraph) for b in references.blocks)
    note = references.blocks[0]
    assert isinstance(note, Note) and note.type == "editorial"
    assert {lang for lang, _ in note.versions} == {"en", "ru"}
    bibliography = c.divisions[6].blocks[0]
    assert isinstance(bibliography, BiblList)
    assert [i.xml_id for i in bibliography.items] == [f"C-bibl{i}" for i in range(1, 6)]


def test_titles_and_source_notes_exist_in_both_languages(edition: Edition) -> None:
    for text in edition.texts:
        for field in (text.title, text.short_title, text.licence, text.source.provenance):
            assert {lang for lang, value in field.by_lang if value} >= {"en", "ru"}, (text.siglum, field)


def test_header_checksum_matches_the_copy_text(edition: Edition) -> None:
    for text in edition.texts:
        data = (PROJECT_ROOT / text.source.witness_file).read_bytes()
        assert hashlib.sha256(data).hexdigest() == text.source.sha256, text.siglum


def test_wikipedia_text_carries_licence_and_attribution(edition: Edition) -> None:
    c = edition.text("C")
    licence = c.licence.get("en")
    for required in ("Siege of Albazin", "Wikipedia contributors", "CC BY-SA 4.0",
                     "https://en.wikipedia.org/wiki/Siege_of_Albazin", "Changes:"):
        assert required in licence
    assert c.source.url == "https://en.wikipedia.org/wiki/Siege_of_Albazin"
