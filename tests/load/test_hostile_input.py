"""Hostile input, round two: identifiers that become paths, files outside the corpus, odd values,
ids the site generates. Each case breaks a copy of the real corpus in one way and must give exactly
the diagnostics listed (`file:line: error: message [kind]`), never a traceback, never a read of a
file outside the corpus, never a write outside docs/ and site/ (and none at all when it fails).

The first reproductions (on the code before this round) gave: a traversing siglum or version
accepted and written outside docs/ and site/; a symbolic link in sources/ published; /etc/passwd
opened as a copy-text; a directory named X.xml or a link loop a traceback; /dev/zero read without
end; INF, NaN and impossible Julian dates accepted (and crashing the pages); reserved ids accepted.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import html

from albazin.core.paths import GENERATED_DIRS, PROJECT_ROOT
from albazin.model import pipeline
from albazin.model.model import Edition
from tests.conftest import copy_corpus, id_line
from tests.load.test_hostile import A_P1, PASSWD, relative, secret

Change = Callable[[Path], None]  # applied to the corpus folder (tei/)
DIAGNOSTIC = re.compile(r"^(?P<file>[^:]+?)(?::(?P<line>[1-9]\d*))?: error: .+ \[[a-z-]+\]$")
MB = 1024 * 1024


def replace_in(file: str, old: str, new: str) -> Change:
    def change(corpus: Path) -> None:
        path = corpus / file
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {file}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return change


def every_file(old: str, new: str) -> Change:
    def change(corpus: Path) -> None:
        for path in corpus.glob("*.xml"):
            path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    return change


def seg_in_a_p1(xml_id: str) -> Change:
    return replace_in("A.xml", A_P1, A_P1.replace("Правительство", f'<seg xml:id="{xml_id}">x</seg>Правительство'))


def symlink(name: str, target: Path | str) -> Change:
    return lambda corpus: (corpus / name).symlink_to(target)


def sources_folder_as_link(corpus: Path) -> None:
    real = corpus.parent / "elsewhere"
    shutil.move(corpus / "sources", real)
    (corpus / "sources").symlink_to(real, target_is_directory=True)


def sparse_file(name: str, size: int) -> Change:
    def change(corpus: Path) -> None:
        with (corpus / name).open("wb") as f:
            f.truncate(size)  # no disk space used
    return change


def copy_file(source: str, target: str) -> Change:
    return lambda corpus: shutil.copyfile(corpus / source, corpus / target)


def outside_tei(corpus: Path) -> None:
    """A valid TEI file outside the corpus, linked into it."""
    outside = corpus.parent / "outside.xml"
    shutil.copyfile(corpus / "A.xml", outside)
    (corpus / "X.xml").symlink_to(outside)


SIGLUM_RULE = ('is not a safe identifier (a siglum is 1–32 ASCII letters, digits, "-" or "_", beginning with a '
               "letter; it names the text's page and files) [bad-identifier]")
SYMLINK = "is a symbolic link; the build reads only regular files inside the corpus folder, never through a link"
RESERVED = 'A.xml:121: error: xml:id "{id}" is reserved: {reason} [reserved-id]'
FIGURE = "{file}:{line}: error: figure {fig} (in {unit}): {problem} [figure-value]"


def missing_witness(siglum: str, line: int) -> str:
    return (f'{siglum}.xml:{line}: error: <idno type="witness-file"> "tei/sources/{siglum}.txt" names a copy-text '
            f"that is not in the corpus (sources/{siglum}.txt is missing or was refused) [missing-witness-file]")


# name → (changes, the exact diagnostics)
CASES: dict[str, tuple[list[Change], list[str]]] = {
    # --- identifiers that become paths and keys ---
    "siglum-traversal": ([replace_in("A.xml", 'n="A" xml:lang', 'n="../../../../X" xml:lang')],
                         [f'A.xml:3: error: siglum "../../../../X" (TEI/@n) {SIGLUM_RULE}']),
    "siglum-overwrites-docs-index": ([replace_in("A.xml", 'n="A" xml:lang', 'n="../index" xml:lang')],
                                     [f'A.xml:3: error: siglum "../index" (TEI/@n) {SIGLUM_RULE}']),
    "siglum-traversal-in-translation": ([replace_in("A-en.xml", 'n="A-en" xml:lang', 'n="../../../../X" xml:lang')],
                                        [f'A-en.xml:3: error: siglum "../../../../X" (TEI/@n) {SIGLUM_RULE}']),
    "siglum-bibtex-key-injection": ([replace_in("A.xml", 'n="A" xml:lang', 'n="A},title={x" xml:lang')],
                                    [f'A.xml:3: error: siglum "A}},title={{x" (TEI/@n) {SIGLUM_RULE}']),
    "siglum-of-the-editions-files": ([replace_in("A.xml", 'n="A" xml:lang', 'n="Edition" xml:lang')],
                                     ['A.xml:3: error: siglum "Edition" (TEI/@n) is reserved (the edition\'s own '
                                      "citation records are cite/edition.*) [bad-identifier]"]),
    "siglum-case-collision": ([replace_in("B.xml", 'n="B" xml:lang', 'n="a" xml:lang')],
                              ['B.xml:3: error: siglum "a" (TEI/@n) differs only in case from "A", the siglum of A.xml '
                               "(their pages and files would be one) [duplicate-siglum]"]),
    "version-traversal": ([every_file('edition n="0.4.0"', 'edition n="../../x"')],
                          ['edition.xml:12: error: edition version "../../x" (editionStmt/edition/@n) is not a safe '
                           'version (a version is MAJOR.MINOR.PATCH with an optional pre-release ("0.3.0", '
                           '"1.0.0-rc.1"), at most 32 characters; it names the corpus zip and its folder) '
                           "[bad-identifier]"]),
    # --- files outside the corpus ---
    "witness-file-outside": ([replace_in("A.xml", "tei/sources/A.txt", str(PASSWD))],
                             [f'A.xml:45: error: <idno type="witness-file"> "{PASSWD}" must name a file of the '
                              "corpus's sources folder as tei/sources/NAME (one safe file name, no sub-folder) "
                              "[bad-witness-file]"]),
    "witness-file-traversal": ([replace_in("A.xml", "tei/sources/A.txt", "tei/sources/../../../../etc/passwd")],
                               ['A.xml:45: error: <idno type="witness-file"> "tei/sources/../../../../etc/passwd" must '
                                "name a file of the corpus's sources folder as tei/sources/NAME (one safe file name, "
                                "no sub-folder) [bad-witness-file]"]),
    "witness-file-missing": ([lambda corpus: (corpus / "sources" / "A.txt").unlink()], [missing_witness("A", 45)]),
    "witness-file-not-utf8": ([lambda corpus: (corpus / "sources" / "A.txt").write_bytes("Албазин".encode("cp1251"))],
                              ['A.xml:45: error: <idno type="witness-file"> "tei/sources/A.txt" names a copy-text that '
                               "is not UTF-8 text (the plain-text downloads are laid out from it) [bad-witness-file]"]),
    "source-symlink-to-passwd": ([symlink("sources/passwd.txt", PASSWD)], [f"sources/passwd.txt: error: {SYMLINK} "
                                                                           "[symlink]"]),
    "source-replaced-by-link": ([lambda corpus: (corpus / "sources" / "A.txt").unlink(),
                                 symlink("sources/A.txt", PASSWD)],
                                [missing_witness("A", 45), f"sources/A.txt: error: {SYMLINK} [symlink]"]),
    "sources-folder-is-a-link": ([sources_folder_as_link],
                                 [missing_witness("A", 45), missing_witness("B", 45), missing_witness("C", 45),
                                  "sources: error: is a symbolic link; the folders of the corpus must be real folders "
                                  "inside it [symlink]"]),
    "source-too-large": ([sparse_file("sources/huge.txt", 21 * MB)],
                         ["sources/huge.txt: error: file is 22020096 bytes, over the limit of 20971520 bytes for a "
                          "published file [too-large]"]),
    "source-case-collision": ([copy_file("sources/A.txt", "sources/a.txt")],
                              ['sources/a.txt: error: "a.txt" differs from "A.txt" only in case: on a case-insensitive '
                               "system (and in the zip unpacked there) they are one file [name-collision]"]),
    "tei-file-case-collision": ([copy_file("A.xml", "a.xml")],
                                ['a.xml: error: "a.xml" differs from "A.xml" only in case: on a case-insensitive '
                                 "system (and in the zip unpacked there) they are one file [name-collision]"]),
    "tei-symlink-to-passwd": ([symlink("X.xml", PASSWD)], [f"X.xml: error: {SYMLINK} [symlink]"]),
    "tei-symlink-to-a-tei-file-outside": ([outside_tei], [f"X.xml: error: {SYMLINK} [symlink]"]),
    "tei-symlink-loop": ([lambda corpus: (corpus / "X.xml").symlink_to(corpus / "X.xml")],
                         [f"X.xml: error: {SYMLINK} [symlink]"]),
    "tei-symlink-to-dev-zero": ([symlink("X.xml", "/dev/zero")], [f"X.xml: error: {SYMLINK} [symlink]"]),
    "directory-named-xml": ([lambda corpus: (corpus / "X.xml").mkdir()],
                            ["X.xml: error: is a directory, not a regular file [not-a-file]"]),
    "named-pipe-named-xml": ([lambda corpus: os.mkfifo(corpus / "X.xml")],
                             ["X.xml: error: is a named pipe, not a regular file [not-a-file]"]),
    "tei-file-name-with-newline": ([copy_file("A.xml", "X\nY.xml")],
                                   ['X\\nY.xml: error: the TEI file name "X\\nY.xml" is not a safe file name (a file '
                                    'or folder name is 1–64 ASCII letters, digits, "_", "-" or ".", beginning with a '
                                    'letter or digit, without ".." or a final ".") [bad-file-name]']),
    "tei-file-name-device": ([copy_file("A.xml", "nul.xml")],
                             ['nul.xml: error: the TEI file name "nul.xml" is a device name on Windows (CON, PRN, AUX, '
                              "NUL, COM1–9, LPT1–9), which no file can have [bad-file-name]"]),
    # --- ids the theme and the renderer generate ---
    "id-of-the-theme-search": ([seg_in_a_p1("__search")],
                               [RESERVED.format(id="__search", reason="the theme's ids begin with \"__\"")]),
    "id-of-the-theme-drawer": ([seg_in_a_p1("__drawer")],
                               [RESERVED.format(id="__drawer", reason="the theme's ids begin with \"__\"")]),
    "id-of-a-note-marker": ([seg_in_a_p1("A-app2-ref")],
                            [RESERVED.format(id="A-app2-ref", reason="the marker of a note has the id {note}-ref")]),
    "id-of-a-name-card": ([seg_in_a_p1("card-pers-albaza")],
                          [RESERVED.format(id="card-pers-albaza", reason="name cards have the ids card-{entity}")]),
    "id-of-the-cite-dialog": ([seg_in_a_p1("alb-cite")],
                              [RESERVED.format(id="alb-cite", reason="the edition's templates and scripts use ids "
                                                                     "beginning with \"alb-\"")]),
    "id-of-a-generated-section": ([seg_in_a_p1("charts")],
                                  [RESERVED.format(id="charts", reason="a section of the edition's generated pages "
                                                                       "has this id")]),
    "id-of-a-name-anchor": ([seg_in_a_p1("A-p2-pers-kangxi-1")],
                            [RESERVED.format(id="A-p2-pers-kangxi-1", reason="it is the anchor the edition gives to a "
                                                                             "name in A-p2 ({unit}-{entity}-{n})")]),
    "id-of-a-text-heading": ([seg_in_a_p1("B-apparatus")],
                             [RESERVED.format(id="B-apparatus", reason="a text page's apparatus heading has the id "
                                                                       "{siglum}-apparatus")]),
    # --- odd values ---
    "value-inf": ([replace_in("A.xml", 'value="15000"', 'value="INF"')],
                  [FIGURE.format(file="A.xml", line=122, fig="A-fig4", unit="A-p2",
                                 problem='@value="INF" is not a finite number')]),
    "value-nan": ([replace_in("A.xml", 'value="15000"', 'value="NaN"')],
                  [FIGURE.format(file="A.xml", line=122, fig="A-fig4", unit="A-p2",
                                 problem='@value="NaN" is not a finite number')]),
    "quantity-minus-inf": ([replace_in("A.xml", 'quantity="150"', 'quantity="-INF"')],
                           [FIGURE.format(file="A.xml", line=122, fig="A-fig5", unit="A-p2",
                                          problem='@quantity="-INF" is not a finite number')]),
    "julian-month-13": ([replace_in("A.xml", 'when-custom="1685-06-04"', 'when-custom="1685-13-04"')],
                        [FIGURE.format(file="A.xml", line=122, fig="A-fig3", unit="A-p2",
                                       problem='@when-custom="1685-13-04" is not a Julian (Old Style) date: there is '
                                               "no month 13")]),
    "julian-30-february": ([replace_in("A.xml", 'when-custom="1685-06-04"', 'when-custom="1685-02-30"')],
                           [FIGURE.format(file="A.xml", line=122, fig="A-fig3", unit="A-p2",
                                          problem='@when-custom="1685-02-30" is not a Julian (Old Style) date: '
                                                  "February 1685 had 28 days")]),
    "julian-month-00": ([replace_in("A.xml", 'when-custom="1687-04"', 'when-custom="1687-00"')],
                        [FIGURE.format(file="A.xml", line=123, fig="A-fig14", unit="A-p3",
                                       problem='@when-custom="1687-00" is not a Julian (Old Style) date: there is '
                                               "no month 00")]),
    "gregorian-month-without-year": ([replace_in("C.xml", 'when="1685-06" cert="low">June', 'when="--06" cert="low">'
                                                 "June")],
                                     [FIGURE.format(file="C.xml", line=id_line("C.xml", "C-p5"), fig="C-fig9",
                                                    unit="C-p5",
                                                    problem='@when="--06" is not a date the edition can compare (YYYY, '
                                                            "YYYY-MM or YYYY-MM-DD)")]),
    "reversed-from-to": ([replace_in("A.xml", 'from="1661" to="1722"', 'from="1722" to="1661"')],
                         [FIGURE.format(file="A.xml", line=122, fig="A-fig2", unit="A-p2",
                                        problem='@from="1722" is after @to="1661"')]),
    "reversed-not-before-not-after": ([replace_in("A.xml", 'notBefore="1801" notAfter="1900"',
                                                  'notBefore="1900" notAfter="1801"')],
                                      [FIGURE.format(file="A.xml", line=126, fig="A-fig22", unit="A-p6",
                                                     problem='@notBefore="1900" is after @notAfter="1801"')]),
    "reversed-julian-range": ([replace_in("B.xml", 'notBefore-custom="1686-09" notAfter-custom="1686-11"',
                                          'notBefore-custom="1686-11" notAfter-custom="1686-09"')],
                              [FIGURE.format(file="B.xml", line=id_line("B.xml", "B-p3"), fig="B-fig11", unit="B-p3",
                                             problem='@notBefore-custom="1686-11" is after '
                                                     '@notAfter-custom="1686-09"')]),
    "at-least-above-at-most": ([replace_in("C.xml", 'value="150" atMost="150"', 'value="150" atLeast="200" '
                                                                                'atMost="150"')],
                               [FIGURE.format(file="C.xml", line=id_line("C.xml", "C-p7"), fig="C-fig22", unit="C-p7",
                                              problem='@atLeast="200" is more than @atMost="150"')]),
    "when-contradicts-when-custom": ([replace_in("A.xml", 'when-custom="1685-06-04" when="1685-06-14"',
                                                 'when-custom="1685-06-04" when="1690-01-01"')],
                                     [FIGURE.format(file="A.xml", line=122, fig="A-fig3", unit="A-p2",
                                                    problem='@when="1690-01-01" is not the Gregorian date of '
                                                            '@when-custom="1685-06-04" (Julian), which is '
                                                            "1685-06-14")]),
    "when-month-apart-from-when-custom": ([replace_in("A.xml", 'when-custom="1687-04" when="1687-04"',
                                                      'when-custom="1687-04" when="1687-09"')],
                                          [FIGURE.format(file="A.xml", line=123, fig="A-fig14", unit="A-p3",
                                                         problem='@when="1687-09" does not overlap @when-custom='
                                                                 '"1687-04" (Julian: 1687-04-11 to 1687-05-10 in the '
                                                                 "Gregorian calendar)")]),
    "when-custom-without-when": ([replace_in("A.xml", 'when-custom="1685-06-04" when="1685-06-14"',
                                             'when-custom="1685-06-04"')],
                                 [FIGURE.format(file="A.xml", line=122, fig="A-fig3", unit="A-p2",
                                                problem='@when-custom="1685-06-04" (Julian) has no @when; its '
                                                        "Gregorian date is 1685-06-14")]),
    "apparatus-cert-as-probability": ([replace_in("A.xml", 'target="#A-app3-lem" resp="edition.xml#editors" '
                                                  'cert="medium"', 'target="#A-app3-lem" resp="edition.xml#editors" '
                                                                   'cert="0.5"')],
                                      ['A.xml:122: error: @cert="0.5" on the apparatus note A-app3 must be high, '
                                       "medium or low (the apparatus states the editors' certainty in words) "
                                       "[bad-cert]"]),
    "apparatus-cert-unknown": ([replace_in("A.xml", 'target="#A-app3-lem" resp="edition.xml#editors" cert="medium"',
                                           'target="#A-app3-lem" resp="edition.xml#editors" cert="unknown"')],
                               ['A.xml:122: error: @cert="unknown" on the apparatus note A-app3 must be high, medium '
                                "or low (the apparatus states the editors' certainty in words) [bad-cert]"]),
}


def broken(tmp_path: Path, changes: list[Change]) -> Path:
    corpus = copy_corpus(tmp_path)
    for change in changes:
        change(corpus)
    return corpus


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_input_gives_exact_diagnostics(tmp_path: Path, case: str) -> None:
    changes, expected = CASES[case]
    corpus = broken(tmp_path, changes)
    edition, diagnostics = pipeline.check(corpus)
    found = relative([str(d) for d in diagnostics], corpus)
    assert edition is None
    assert found == expected
    assert all(DIAGNOSTIC.match(m) for m in found), found
    assert all("\n" not in m for m in found)
    assert secret() not in "\n".join(found)


def test_hidden_files_are_left_alone(tmp_path: Path) -> None:
    """An editor's lock file (Emacs makes `.#A.xml`, a symbolic link) is not part of the corpus."""
    corpus = copy_corpus(tmp_path)
    (corpus / ".#A.xml").symlink_to("editor@host.1234")
    (corpus / "sources" / ".A.txt.swp").write_bytes(b"\0" * 10)
    edition, diagnostics = pipeline.check(corpus)
    assert diagnostics == [] and edition is not None


def test_a_corpus_that_is_not_a_folder(tmp_path: Path) -> None:
    """ALBAZIN_TEI_DIR naming a file, or nothing."""
    (tmp_path / "file").write_text("x", encoding="utf-8")
    for path in (tmp_path / "file", tmp_path / "missing"):
        edition, diagnostics = pipeline.check(path)
        assert edition is None
        assert [str(d) for d in diagnostics] == [f"{path}: error: is not a folder (the corpus: tei/ or "
                                                 "ALBAZIN_TEI_DIR) [empty-corpus]"]


def test_a_file_growing_while_it_is_read_is_cut_at_the_limit(tmp_path: Path) -> None:
    """The limit is enforced on what is read, not only on the size stat reported."""
    from albazin.core import safeio

    path = tmp_path / "f.xml"
    path.write_bytes(b"x" * 100)
    assert safeio.read_bounded(path, 100) == b"x" * 100
    with pytest.raises(safeio.UnsafeFile, match="file is 100 bytes, over the limit of 99 bytes"):
        safeio.read_bounded(path, 99)


BOUNDED = """
import resource, sys
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, (1024 ** 3, 1024 ** 3))  # a runaway read fails, not the machine
from albazin.model import pipeline
from albazin.model.model import Edition
pipeline._cache.clear()
edition, diagnostics = pipeline.check(Path(sys.argv[1]))
pipeline.start_edition(Path(sys.argv[1]))  # the cache key reads the corpus too
print("\\n".join(str(d) for d in diagnostics))
"""


@pytest.mark.parametrize("target", ["/dev/zero", "/dev/urandom"])
def test_an_endless_file_is_never_read(tmp_path: Path, target: str) -> None:
    """In a child process with 1 GB of memory and a time limit: before this round the cache key
    read /dev/zero through the link until memory ran out."""
    corpus = broken(tmp_path, [symlink("X.xml", target), symlink("sources/zero.txt", target)])
    result = subprocess.run([sys.executable, "-c", BOUNDED, str(corpus)], cwd=PROJECT_ROOT, capture_output=True,
                            text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert relative(result.stdout.splitlines(), corpus) == [f"X.xml: error: {SYMLINK} [symlink]",
                                                            f"sources/zero.txt: error: {SYMLINK} [symlink]"]


# --- whole builds: nothing written outside the project, nothing at all on failure -------------------

PROJECT_FILES = ("mkdocs.yml", "docs", "overrides", "albazin", "tei", "data", "anchors")


def project_copy(tmp_path: Path) -> Path:
    """The project, copied: a build that wrote through a traversing identifier would write here."""
    project = tmp_path / "a" / "b" / "project"
    project.mkdir(parents=True)
    for name in PROJECT_FILES:
        source = PROJECT_ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, project / name)
    for sub in GENERATED_DIRS:
        shutil.rmtree(project / "docs" / sub, ignore_errors=True)
    return project


def tree(directory: Path) -> dict[str, bytes]:
    return {p.relative_to(directory).as_posix(): (b"" if p.is_dir() else p.read_bytes())
            for p in directory.rglob("*") if ".cache" not in p.parts and "__pycache__" not in p.parts}


def build_in(project: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "ALBAZIN_TEI_DIR"}
    return subprocess.run([sys.executable, "-m", "albazin", "build", "--site-dir", str(project / "site")],
                          cwd=project, env={**env, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True,
                          check=False)


@pytest.mark.build
def test_a_traversing_siglum_in_a_translation_stops_the_build_and_writes_nothing(tmp_path: Path) -> None:
    """Before this round this build exited 0, having written the translation's plain texts outside site/."""
    project = project_copy(tmp_path)
    replace_in("A-en.xml", 'n="A-en" xml:lang', 'n="../../../../X" xml:lang')(project / "tei")
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("the previous build", encoding="utf-8")
    before = tree(tmp_path)
    result = build_in(project)
    log = result.stdout + result.stderr
    assert result.returncode == 1, log
    assert f'tei/A-en.xml:3: error: siglum "../../../../X" (TEI/@n) {SIGLUM_RULE}' in log
    assert "Traceback" not in log
    assert tree(tmp_path) == before, "the failed build wrote or removed files"


# The characters of the title as the TEI has them (and as a reader must see them): markup, an entity
# written out (double-escaping would show "&amp;lt;"; un-escaping twice would make it a tag), quotes.
HOSTILE_TITLE = "</title><script>alert(1)</script> &lt;b&gt; \"quoted\" 'single' A & B"


@pytest.mark.build
def test_a_title_with_markup_is_escaped_everywhere(tmp_path: Path) -> None:
    """The text's title reaches <title>, <h1>, the header and the nav through the page stub: before
    this round it was rendered raw (a stored script on every page)."""
    project = project_copy(tmp_path)
    xml_title = HOSTILE_TITLE.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    replace_in("A.xml", "Text A: an anonymous Russian account of the sieges of Albazin (a compilation)",
               xml_title)(project / "tei")
    result = build_in(project)
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site"
    title = HOSTILE_TITLE
    page = html.parse(str(site / "texts" / "a" / "index.html")).getroot()
    assert page.findtext(".//title").startswith(title)
    assert page.find(".//h1").text_content().strip() == title
    assert title in page.find(".//header").text_content()
    for path in site.rglob("*.html"):
        doc = html.parse(str(path)).getroot()
        for script in doc.iter("script"):
            # data, not code: the cite dialog's data and the page's JSON-LD carry the title as a JSON string
            if script.get("type") in ("application/json", "application/ld+json"):
                assert "</" not in script.text, path
                json.loads(script.text)
            else:
                assert "alert(" not in (script.text or ""), path
        assert not list(doc.iter("b")), path
    cite_data = json.loads(page.get_element_by_id("alb-cite-data").text)
    assert cite_data["templates"]["page"].startswith(f"\u201c{title}.\u201d")
    nav_titles = [a.text_content().strip() for a in html.parse(str(site / "index.html")).getroot()
                  .cssselect("nav.md-nav--primary a")]
    assert title in nav_titles


# --- environment variables ------------------------------------------------------------------------

NOT_A_NUMBER = "is not a whole number of seconds since 1970"


@pytest.mark.parametrize(("value", "problem"), [
    ("\u00b2", NOT_A_NUMBER),  # "²".isdigit() is true, int("²") a traceback
    ("\uff11\uff12\uff13", NOT_A_NUMBER),  # full-width digits: isdigit() and int() accept them
    ("-1", NOT_A_NUMBER),
    ("1e9", NOT_A_NUMBER),
    ("99999999999", "is after 2107-12-31, the last date a zip file can record"),  # struct.error in the zip
])
def test_source_date_epoch_must_be_plain_seconds_a_zip_can_hold(value: str, problem: str) -> None:
    from albazin.core import buildinfo
    from albazin.publish import downloads

    with pytest.raises(buildinfo.BuildInfoError) as raised:
        buildinfo.of("0.3.0", environ={"SOURCE_DATE_EPOCH": value})
    assert str(raised.value) == f'SOURCE_DATE_EPOCH="{value}" {problem}'
    with pytest.raises(ValueError, match=re.escape(problem)):
        downloads.zip_timestamp("2026-11-22", value)


def test_the_last_second_a_zip_can_record() -> None:
    from albazin.core import buildinfo
    from albazin.publish import downloads

    assert buildinfo.of("0.3.0", environ={"SOURCE_DATE_EPOCH": " 4354819199 "}).date == "2107-12-31"
    assert downloads.zip_timestamp("2026-11-22", "4354819199") == (2107, 12, 31, 23, 59, 58)


def test_a_text_without_a_copy_text_has_no_dead_link(edition: Edition) -> None:
    """A text that names no copy-text gets no copy-text button (before: a link to the tei/ folder)."""
    from dataclasses import replace as with_field

    from albazin.render import textpage

    text = edition.text("A")
    bare = with_field(text, source=with_field(text.source, witness_file=""))
    fragment, _ = textpage.text_page(bare, edition.translation("A"), "en", textpage.Links("../A.xml", None))
    buttons = html.fragment_fromstring(fragment).cssselect(".alb-source__downloads a")
    assert [a.get("href") for a in buttons] == ["../A.xml"]
