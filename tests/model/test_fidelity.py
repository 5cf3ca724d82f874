"""Fidelity: the diplomatic reading of each TEI text equals its copy-text (whitespace-normalised)."""

from __future__ import annotations

from pathlib import Path

import pytest

from albazin.core.paths import PROJECT_ROOT
from albazin.model import pipeline
from albazin.model.model import Edition, TextDoc
from albazin.model.readings import normalise_whitespace, plain_text
from tests.conftest import copy_corpus


def copy_text(text: TextDoc, root: Path = PROJECT_ROOT) -> str:
    return (root / text.source.witness_file).read_text(encoding="utf-8")


def assert_faithful(text: TextDoc, root: Path = PROJECT_ROOT) -> None:
    diplomatic = normalise_whitespace(plain_text(text, "diplomatic"))
    source = normalise_whitespace(copy_text(text, root))
    if diplomatic != source:
        at = next(i for i, (a, b) in enumerate(zip(diplomatic, source, strict=False)) if a != b) \
            if any(a != b for a, b in zip(diplomatic, source, strict=False)) else min(len(diplomatic), len(source))
        raise AssertionError(
            f"{text.siglum}: diplomatic reading differs from the copy-text at character {at}:\n"
            f"  TEI:  …{diplomatic[max(0, at - 30):at + 30]}…\n  copy: …{source[max(0, at - 30):at + 30]}…"
        )


@pytest.mark.parametrize("siglum", ["A", "B", "C"])
def test_diplomatic_reading_equals_copy_text(edition: Edition, siglum: str) -> None:
    assert_faithful(edition.text(siglum))


def test_line_structure_is_kept(edition: Edition) -> None:
    """Beyond whitespace: each copy-text line is one paragraph, head or bibliography item."""
    for text in edition.texts:
        source_lines = [line for line in copy_text(text).split("\n") if line.strip()]
        assert plain_text(text, "diplomatic").rstrip("\n").split("\n") == source_lines


@pytest.mark.parametrize(("siglum", "old", "new"), [
    # Cyrillic о → Latin o: invisible, still a change
    ("A", "стихийную русскую колонизацию", "стихийную русскую кoлонизацию"),
    ("B", "669 человек</measure>", "668 человек</measure>"),
    ("C", "approximately 450 men", "approximately 450  men,"),
])
def test_one_changed_character_in_the_tei_fails(tmp_path: Path, siglum: str, old: str, new: str) -> None:
    corpus = copy_corpus(tmp_path)
    tei_file = corpus / f"{siglum}.xml"
    source = tei_file.read_text(encoding="utf-8")
    assert source.count(old) == 1
    tei_file.write_text(source.replace(old, new), encoding="utf-8")
    edition, diagnostics = pipeline.check(corpus)
    assert diagnostics == [] and edition is not None
    with pytest.raises(AssertionError, match="differs from the copy-text"):
        assert_faithful(edition.text(siglum), tmp_path)


def test_one_changed_character_in_the_copy_text_fails(tmp_path: Path, edition: Edition) -> None:
    corpus = copy_corpus(tmp_path)
    witness = corpus / "sources" / "B.txt"
    witness.write_text(witness.read_text(encoding="utf-8").replace("56 орудий", "57 орудий"), encoding="utf-8")
    with pytest.raises(AssertionError, match="differs from the copy-text"):
        assert_faithful(edition.text("B"), tmp_path)
