"""What the scaling benchmark (make bench) relies on, checked on the model only (no site build):
a synthetic corpus of k copies of the real texts validates and has exactly k times their texts,
mentions and figures; the concordance compares many texts correctly and shows them compactly."""

from __future__ import annotations

from collections import Counter
from itertools import combinations
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import html

from albazin.model import apparatus, concordance, figures, names, pipeline, readings
from albazin.model.figures import Figure, Value
from albazin.model.model import Chars, Edition, Phrase
from albazin.publish import exports
from albazin.render import concordancepage
from bench import synthetic

COPIES = 3  # 9 texts: more than concordance.MANY_TEXTS, so the compact table is exercised too


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Edition, list[str]]:
    dest = tmp_path_factory.mktemp("synthetic") / "tei"
    sigla = synthetic.generate(dest, COPIES)
    built, problems = pipeline.check(dest)
    assert not problems, "\n".join(map(str, problems))
    assert built is not None
    return built, sigla


def test_every_text_is_copied_with_its_translation(edition: Edition, corpus: tuple[Edition, list[str]]) -> None:
    built, sigla = corpus
    assert len(built.texts) == COPIES * len(edition.texts)
    assert [t.siglum for t in built.texts] == sigla
    for text in built.texts:
        original = edition.text(text.siglum.rstrip("0123456789"))
        assert text.file_name == f"{text.siglum}.xml" and text.slug == text.siglum.lower()
        assert (built.translation(text.siglum) is None) == (edition.translation(original.siglum) is None)


def test_a_copy_has_the_text_and_density_of_its_original(edition: Edition,
                                                         corpus: tuple[Edition, list[str]]) -> None:
    built, _ = corpus
    for original in edition.texts:
        copy_siglum = synthetic.copy_siglum(original.siglum, COPIES, COPIES)
        copy = built.text(copy_siglum)
        for view in ("diplomatic", "critical"):
            assert readings.plain_text(copy, view) == readings.plain_text(original, view)
        assert len(apparatus.entries(copy)) == len(apparatus.entries(original))
        assert all(u.xml_id.startswith(f"{copy_siglum}-") for u in copy.units())
        mine = [(f.question, f.value) for f in figures.text_figures(copy, built.translation(copy_siglum))]
        theirs = [(f.question, f.value) for f in figures.text_figures(original, edition.translation(original.siglum))]
        assert mine == theirs


def test_mentions_and_figures_scale_by_the_number_of_copies(edition: Edition,
                                                            corpus: tuple[Edition, list[str]]) -> None:
    built, _ = corpus
    real_mentions = Counter({e: len(found) for e, found in names.by_entity(edition).items()})
    assert Counter({e: len(found) for e, found in names.by_entity(built).items()}) == \
        Counter({e: COPIES * n for e, n in real_mentions.items()})
    real_figures = Counter(f.question for f in figures.figures(edition))
    assert Counter(f.question for f in figures.figures(built)) == \
        Counter({q: COPIES * n for q, n in real_figures.items()})


def test_copies_agree_with_their_originals_and_keep_every_disagreement(
        edition: Edition, corpus: tuple[Edition, list[str]]) -> None:
    built, _ = corpus
    real = {r.question.xml_id: r for r in concordance.rows(concordance.of_edition(edition))}
    for row in concordance.rows(concordance.of_edition(built)):
        assert len(row.cells) == len(built.texts)
        if real[row.question.xml_id].status == "disagree":
            assert row.status == "disagree"
            assert set(real[row.question.xml_id].conflicts) <= set(row.conflicts)


def test_the_concordance_of_many_texts_is_one_column_of_figures(corpus: tuple[Edition, list[str]]) -> None:
    built, _ = corpus
    sections = concordance.of_edition(built)
    links = concordancepage.ConcordanceLinks(text_page=lambda siglum: f"../texts/{siglum.lower()}/",
                                             downloads={"csv": "c.csv", "json": "c.json"})
    fragment, _ = concordancepage.concordance_page(built, sections, "en", links, exports.COLUMNS)
    page = html.fragment_fromstring(fragment)
    for row in concordance.rows(sections):
        tr = page.get_element_by_id(row.question.xml_id)
        assert [c.tag for c in tr] == ["th", "td", "td"], "question, figures, silent texts"
        items = tr[1].find_class("alb-fig")
        assert [li.get("data-figure") for li in items] == [f.xml_id for f in row.figures()]
        assert all(li.find_class("alb-fig__where")[0].text_content().startswith(f.siglum + ",")
                   for li, f in zip(items, row.figures(), strict=True))
        silent = [c.siglum for c in row.cells if not c.stated]
        assert tr[2].text_content() == (", ".join(silent) or "—")


# --- the comparison of many texts is linear, and means what the pairwise definition says --------------

def _overlaps(a: Value, b: Value) -> bool:
    """Two values of one dimension share a point."""
    return a.dimension == b.dimension and a.low <= b.high and b.low <= a.high


def _pairwise(cells: tuple[concordance.Cell, ...]) -> tuple[str, tuple[str, ...]]:
    """The definition: every pair of texts, every shared dimension, every pair of values."""
    stating = [c for c in cells if c.stated]
    if len(stating) < 2:
        return "single", ()
    conflicts, compared = set(), False
    for first, second in combinations(stating, 2):
        for dimension in {f.value.dimension for f in first.figures} & {f.value.dimension for f in second.figures}:
            compared = True
            if not all(_overlaps(x.value, y.value) for x in first.figures for y in second.figures
                       if x.value.dimension == dimension == y.value.dimension):
                conflicts.add(dimension)
    if conflicts:
        return "disagree", tuple(sorted(conflicts))
    return ("agree" if compared else "unmatched"), ()


def _figure(siglum: str, value: Value) -> Figure:
    phrase = Phrase("measure", (Chars("x"),), (), None, f"{siglum}-fig")
    return Figure(f"{siglum}-fig", siglum, "q", "measure", f"{siglum}-p1", phrase, value, None, None, 0)


_values = st.builds(lambda dimension, low, width: Value(dimension, float(low), float(low + width)),
                    st.sampled_from(["men", "guns"]), st.integers(0, 20), st.integers(0, 5))


@given(st.lists(st.lists(_values, max_size=3), min_size=1, max_size=8))
def test_compare_is_the_pairwise_comparison(texts: list[list[Value]]) -> None:
    cells = tuple(concordance.Cell(f"T{i}", tuple(_figure(f"T{i}", v) for v in values))
                  for i, values in enumerate(texts))
    assert concordance.compare(cells) == _pairwise(cells)


def test_generator_refuses_a_text_whose_ids_it_cannot_rename(tmp_path: Path) -> None:
    source = tmp_path / "tei"
    source.mkdir()
    (source / "X.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="X" n="X"><teiHeader/>'
        '<text><body><div xml:id="intro"><p xml:id="X-p1">x</p></div></body></text></TEI>', encoding="utf-8")
    with pytest.raises(ValueError, match="intro"):
        synthetic.generate(tmp_path / "out", 2, source)
