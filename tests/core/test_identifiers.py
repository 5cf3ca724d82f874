"""albazin/core/identifiers.py: the one pattern for values that become paths, and the safe join.

Property tests: whatever string a siglum, a version, a file name or an id is, a path the build
makes from it either is refused or lies inside its output folder.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from albazin.core import identifiers
from albazin.core.i18n import LANGUAGES
from albazin.core.identifiers import UnsafePath
from albazin.model.model import Bilingual, Edition, SourceInfo, TextDoc
from albazin.publish import downloads, pages

# Strings with what makes paths escape: separators, dots, NUL, drive letters, look-alikes, long runs.
PIECES = [*"aZ09._-/\\:~ \0\n\t", "..", "%2e", "\u2024", "\uff0e", "\u0410", "CON", "nul", "\u202e", "0.3.0"]
TRICKY = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)
ANY = st.one_of(st.text(max_size=80), TRICKY)


NO_TEXT = Bilingual(())
TEXT = TextDoc("A", "A", "A.xml", "ru", NO_TEXT, NO_TEXT, "0.3.0", NO_TEXT, SourceInfo(NO_TEXT, "", "", ""), ())


def inside(base: Path, path: Path) -> bool:
    real_base, real = os.path.realpath(base), os.path.realpath(path)
    return real == real_base or real.startswith(real_base + os.sep)


@pytest.mark.parametrize("value", ["A", "B-en", "A7", "tei_all.rng", "A.xml", "0.3.0", "README.md", "x" * 64])
def test_safe_segments(value: str) -> None:
    assert identifiers.segment_problem(value) is None


@pytest.mark.parametrize("value", ["", ".", "..", "../x", "a/b", "a\\b", ".hidden", "a.", "a..b", "C:", "a b",
                                   "Аbc", "x" * 65, "CON", "nul.xml", "com1.txt", "a\0b", "a\nb"])
def test_unsafe_segments(value: str) -> None:
    assert identifiers.segment_problem(value) is not None


@pytest.mark.parametrize(("value", "ok"), [("A", True), ("A-en", True), ("a7_b", True), ("7A", False),
                                            ("A.1", False), ("edition", False), ("INDEX", False), ("", False),
                                            ("A" * 33, False)])
def test_sigla(value: str, ok: bool) -> None:
    assert (identifiers.siglum_problem(value) is None) is ok


@pytest.mark.parametrize(("value", "ok"), [("0.3.0", True), ("1.0.0-rc.1", True), ("10.20.30", True),
                                            ("0.3", False), ("v1.0.0", False), ("1.0.0+build", False),
                                            ("../1.0.0", False), ("1.0.0/..", False), ("01.0.0", False),
                                            ("1.0.0-" + "a" * 26, True), ("1.0.0-" + "a" * 27, False)])
def test_versions(value: str, ok: bool) -> None:
    assert (identifiers.version_problem(value) is None) is ok


def test_safe_join_refuses_a_link_out_of_the_folder(tmp_path: Path) -> None:
    base = tmp_path / "site"
    base.mkdir()
    (base / "out").symlink_to(tmp_path)
    with pytest.raises(UnsafePath, match="leads outside"):
        identifiers.safe_join(base, "out", "x.txt")
    assert identifiers.safe_join(base, "in", "x.txt") == base / "in" / "x.txt"


def test_case_collisions() -> None:
    assert identifiers.case_collisions(["A", "B", "a", "b", "c", "A"]) == [("A", "a"), ("B", "b"), ("A", "A")]


def test_shown_keeps_a_diagnostic_on_one_line() -> None:
    assert identifiers.shown("a\nb\x1b[31m\u202e") == "a\\nb\\x1b[31m\\u202e"


@settings(deadline=None)  # not timed: the machine may be busy
@given(st.lists(ANY, min_size=1, max_size=4))
@example(["..", "x"])
@example(["a", "..", "..", "etc"])
@example(["/etc/passwd"])
def test_safe_join_never_leaves_the_base(tmp_path_factory: pytest.TempPathFactory, segments: list[str]) -> None:
    base = tmp_path_factory.getbasetemp() / "out"
    try:
        path = identifiers.safe_join(base, *segments)
    except UnsafePath:
        return
    assert inside(base, path) and path != base
    assert all(identifiers.is_segment(s) for s in segments)


@settings(deadline=None)  # not timed: the machine may be busy
@given(st.one_of(ANY, st.from_regex(identifiers.SIGLUM, fullmatch=True)))
@example("../../../../X")
@example("../index")
def test_a_siglum_that_passes_never_makes_a_path_outside_the_output(tmp_path_factory: pytest.TempPathFactory,
                                                                     siglum: str) -> None:
    """Every file the build names after a text (stub, plain texts, citation records) stays in its folder."""
    if identifiers.siglum_problem(siglum) is not None:
        return  # refused by the corpus rules (albazin/load/rules.py), before anything is written
    text = replace(TEXT, siglum=siglum)
    base = tmp_path_factory.getbasetemp() / "site"
    paths = [pages.text_page_uri(text.slug), *(f"texts/{text.slug}.{lang}.md" for lang in LANGUAGES),
             *(downloads.plain_text_path(text, view) for view in ("critical", "diplomatic")),
             *(f"{downloads.citation_stem(text, lang)}.{ext}" for lang in LANGUAGES
               for _, ext in downloads.CITE_FORMATS)]
    for relative in paths:
        target = identifiers.safe_relative(base, relative)
        assert inside(base, target), relative
        assert target.name.lower().startswith(siglum.lower()) or target.parent.name in ("texts", "text", "cite")


@settings(deadline=None)  # not timed: the machine may be busy
@given(st.one_of(ANY, st.from_regex(identifiers.VERSION, fullmatch=True)))
@example("../../x")
@example("0.3.0/../../../x")
def test_a_version_that_passes_never_makes_a_path_outside_the_output(tmp_path_factory: pytest.TempPathFactory,
                                                                      version: str) -> None:
    """The corpus zip is named after the version, and so is the folder inside it (zip slip)."""
    if identifiers.version_problem(version) is not None:
        return  # refused by the corpus rules
    edition = Edition(version, title=None)  # type: ignore[arg-type]
    base = tmp_path_factory.getbasetemp() / "site"
    name = downloads.corpus_name(edition)
    assert inside(base, identifiers.safe_relative(base, f"downloads/{name}.zip"))
    assert inside(base, identifiers.safe_relative(base, f"{name}/tei/A.xml"))


@settings(deadline=None)  # not timed: the machine may be busy
@given(ANY)
def test_the_zip_refuses_a_member_name_that_leaves_its_folder(name: str) -> None:
    try:
        data = downloads.deterministic_zip([(name, b"x")], downloads.EARLIEST_ZIP_TIME)
    except UnsafePath:
        return
    import io
    import zipfile

    member = zipfile.ZipFile(io.BytesIO(data)).namelist()[0]
    assert not member.startswith("/") and ".." not in member.split("/")
