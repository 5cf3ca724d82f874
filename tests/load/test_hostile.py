"""Hostile and broken input: each gives `file:line: error: message [kind]`, or safely escaped output.

Every case breaks a copy of the real corpus in one way. Broken input must never cause a traceback,
a request to any host, a read of a file outside the corpus (the external entities below point at
/etc/passwd and at a listener on 127.0.0.1 that counts connections), or a partly written site/.
Content that the schema allows (markup-like text) must come out escaped.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from lxml import etree, html

from albazin.core.paths import PROJECT_ROOT
from albazin.load import teiload
from albazin.model import pipeline
from tests.conftest import copy_corpus, id_line, tei_line

PASSWD = Path("/etc/passwd")
DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
A_P1 = '<p xml:id="A-p1" n="1">Правительство'  # the start of text A's first paragraph (A.xml line 121)
DIAGNOSTIC = re.compile(r"^(?P<file>[^:\s]+\.xml):(?P<line>[1-9]\d*): error: .+ \[[a-z-]+\]$")
MB = 1024 * 1024

Edit = tuple[str, Callable[[str], str]]  # (corpus file, text → broken text)


def in_a_p1(markup: str) -> Edit:
    """Insert markup at the start of A's first paragraph."""
    return "A.xml", lambda s: s.replace(A_P1, A_P1.replace("Правительство", markup + "Правительство"), 1)


def with_doctype(doctype: str, body_markup: str = "") -> Edit:
    def edit(s: str) -> str:
        s = s.replace(DECLARATION, DECLARATION + doctype + "\n", 1)
        return s.replace(A_P1, A_P1.replace("Правительство", body_markup + "Правительство"), 1)
    return "A.xml", edit


def replace_in(file: str, old: str, new: str) -> Edit:
    return file, lambda s: s.replace(old, new, 1)


def drop_paragraph(file: str, xml_id: str) -> Edit:
    return file, lambda s: re.sub(rf'\n\s*<p xml:id="{xml_id}"[^\n]*</p>', "", s, count=1)


LAUGHS = "".join(f'<!ENTITY l{i + 1} "{f"&l{i};" * 10}">' for i in range(9))
DOCTYPE_ERROR = "A.xml:2: error: a DOCTYPE/DTD is not allowed in TEI files of this edition [doctype]"
SCHEME_ERROR = ('A.xml:{line}: error: {where} uses the URL scheme "{scheme}:", which is not allowed '
                "(only http/https or corpus pointers) [dangling-pointer]")

# name → (edits, the exact diagnostics). "{port}" stands for the listener's port.
CASES: dict[str, tuple[list[Edit], list[str]]] = {
    "malformed-xml": ([in_a_p1("<hi>")], [
        "A.xml:121: error: not well-formed XML: Opening and ending tag mismatch: hi line 121 and p, line 121, "
        "column {column} [malformed-xml]"]),
    "schema-invalid": ([in_a_p1("<bogus>x</bogus>")], [
        'A.xml:121: error: TEI All: element "bogus" not allowed anywhere; expected one of 207 other elements '
        "or attributes [schema]"]),
    "dangling-pointer": ([replace_in("A.xml", 'ref="authority.xml#pers-albaza"', 'ref="authority.xml#pers-nobody"')],
                         ['A.xml:122: error: @ref="authority.xml#pers-nobody" on <persName> points to "#pers-nobody", '
                          "which no xml:id defines [dangling-pointer]"]),
    "duplicate-id": ([in_a_p1('<seg xml:id="A-p2">x</seg>')],
                     ['A.xml:122: error: duplicate xml:id "A-p2" (first defined at A.xml:121) [duplicate-id]']),
    "xxe-file": ([with_doctype(f'<!DOCTYPE TEI [<!ENTITY x SYSTEM "file://{PASSWD}">]>', "&x;")], [DOCTYPE_ERROR]),
    "xxe-network": ([with_doctype('<!DOCTYPE TEI [<!ENTITY x SYSTEM "http://127.0.0.1:{port}/x">]>', "&x;")],
                    [DOCTYPE_ERROR]),
    "external-dtd": ([with_doctype('<!DOCTYPE TEI SYSTEM "http://127.0.0.1:{port}/tei.dtd">')], [DOCTYPE_ERROR]),
    "parameter-entity": ([with_doctype(f'<!DOCTYPE TEI [<!ENTITY % p SYSTEM "file://{PASSWD}"> %p;]>')],
                         [DOCTYPE_ERROR]),
    "billion-laughs": ([with_doctype(f'<!DOCTYPE TEI [<!ENTITY l0 "ha">{LAUGHS}]>', "&l9;")], [DOCTYPE_ERROR]),
    "xinclude": ([in_a_p1(f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file://{PASSWD}" '
                          'parse="text"/>')],
                 ['A.xml:121: error: TEI All: element "xi:include" not allowed here; expected one of 207 other '
                  "elements or attributes [schema]"]),
    "script-element": ([in_a_p1("<script>alert(1)</script>")],
                       ['A.xml:121: error: TEI All: element "script" not allowed anywhere; expected one of 207 other '
                        "elements or attributes [schema]"]),
    "xhtml-script-element": ([in_a_p1('<script xmlns="http://www.w3.org/1999/xhtml">alert(1)</script>')],
                             ['A.xml:121: error: TEI All: element "script" not allowed here; expected one of 207 '
                              "other elements or attributes [schema]"]),
    "script-element-in-note": ([replace_in("A.xml", '<p xml:lang="en">Not emended.',
                                           '<p xml:lang="en"><script>alert(1)</script>Not emended.')],
                               ['A.xml:121: error: TEI All: element "script" not allowed anywhere; expected one of 207 '
                                "other elements or attributes [schema]"]),
    "javascript-ref-in-note": ([replace_in("A.xml", '<p xml:lang="en">Not emended.',
                                           '<p xml:lang="en"><ref target="javascript:alert(1)">x</ref>Not emended.')],
                               [SCHEME_ERROR.format(line=121, where='@target="javascript:alert(1)" on <ref>',
                                                    scheme="javascript")]),
    "javascript-ref-target": ([in_a_p1('<ref target="JavaScript:alert(1)">x</ref>')], [
        SCHEME_ERROR.format(line=121, where='@target="JavaScript:alert(1)" on <ref>', scheme="javascript")]),
    "javascript-ptr-target": ([in_a_p1('<ptr target=" javascript:alert(document.cookie)"/>')], [
        SCHEME_ERROR.format(line=121, where='@target="javascript:alert(document.cookie)" on <ptr>',
                                                   scheme="javascript")]),
    "javascript-note-target": ([replace_in("A.xml", 'target="#A-app2-lem"', 'target="javascript:alert(1)"')], [
        SCHEME_ERROR.format(line=121, where='@target="javascript:alert(1)" on <note>', scheme="javascript")]),
    "javascript-name-ref": ([replace_in("A.xml", 'ref="authority.xml#pers-albaza"', 'ref="javascript:alert(1)"')], [
        SCHEME_ERROR.format(line=122, where='@ref="javascript:alert(1)" on <persName>', scheme="javascript")]),
    "data-url": ([in_a_p1('<ref target="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">x</ref>')], [
        SCHEME_ERROR.format(line=121,
            where='@target="data:text/html,<script>alert(1)</script>" on <ref>', scheme="data")]),
    "not-a-url": ([in_a_p1('<ref target="http://[::1">x</ref>')], [
        'A.xml:121: error: @target="http://[::1" on <ref> is not a valid URL (Invalid IPv6 URL) [dangling-pointer]',
        'A.xml:121: error: TEI All: value of attribute "target" is invalid; token "http://[::1" invalid; must be a '
        "URI [schema]"]),
    "translation-paragraph-missing": ([drop_paragraph("A-en.xml", "A-en-p2")], [
        'A.xml:122: error: A-p2 has no translation in A-en.xml (no unit there has corresp="A.xml#A-p2") '
        "[untranslated-unit]"]),
    "translation-paragraph-unaligned": ([replace_in("A-en.xml", ' corresp="A.xml#A-p2"', "")], [
        f"A-en.xml:{id_line('A-en.xml', 'A-en-p2')}: error: A-en-p2 has no @corresp naming the unit of A.xml it "
        "translates [unaligned-translation]",
        'A.xml:122: error: A-p2 has no translation in A-en.xml (no unit there has corresp="A.xml#A-p2") '
        "[untranslated-unit]"]),
    "translation-paragraph-misaligned": ([replace_in("A-en.xml", 'corresp="A.xml#A-p2"', 'corresp="A.xml#A-p1"')], [
        f"A-en.xml:{id_line('A-en.xml', 'A-en-p2')}: error: A-en-p2 translates A-p1, which A-en-p1 translates "
        "already [unaligned-translation]",
        'A.xml:122: error: A-p2 has no translation in A-en.xml (no unit there has corresp="A.xml#A-p2") '
        "[untranslated-unit]"]),
}
# The citation structure (refsDecl/citeStructure) that gives every unit its DTS reference (albazin/load/citetree.py).
PARAGRAPHS = '<citeStructure unit="paragraph" match="p|listBibl/bibl" use="@xml:id" delim=" "/>'
DIVISIONS = '<citeStructure unit="division" match="text/body/div" use="@xml:id" delim=" ">'
REFS_DECL = ('      <refsDecl>\n        <citeStructure unit="text" match="/TEI" use="@xml:id">\n'
             f"          {DIVISIONS}\n            {PARAGRAPHS}\n"
             "          </citeStructure>\n        </citeStructure>\n      </refsDecl>\n")
BAD_REF = ("may hold only ASCII letters, digits, '_', '-', '.', ',', ':' and spaces, and must start and end with a "
           "letter, digit or '_' (it names a file of the DTS tree) [cite-bad-ref]")
NO_REF = ('C.xml:{line}: error: <{el}> selected by <citeStructure unit="paragraph"> '
          f'(line {tei_line("C.xml", PARAGRAPHS)}) has no reference: '
          '@use="{use}" gives nothing [cite-no-ref]')


def _body_heads(file_name: str) -> list[int]:
    """The lines of the <head>s of a text's body (after its <body>)."""
    body = tei_line(file_name, "<body>")
    lines = (PROJECT_ROOT / "tei" / file_name).read_text(encoding="utf-8").splitlines()
    return [n for n, line in enumerate(lines, 1) if n > body and "<head" in line]


CASES.update({
    "cite-unit-without-reference": ([replace_in("C.xml", PARAGRAPHS, PARAGRAPHS.replace('"@xml:id"', '"@n"'))], [
        NO_REF.format(line=id_line("C.xml", f"C-bibl{n}"), el=f'bibl xml:id="C-bibl{n}"', use="@n")
        for n in range(1, 6)]),
    "cite-selects-unidentified": ([replace_in("C.xml", PARAGRAPHS, PARAGRAPHS.replace('bibl"', 'bibl|head"'))], [
        NO_REF.format(line=line, el="head", use="@xml:id") for line in _body_heads("C.xml")]),
    "cite-duplicate-reference": ([replace_in("A.xml", PARAGRAPHS, PARAGRAPHS.replace('"@xml:id"', '"@n"')),
                                  replace_in("A.xml", '<p xml:id="A-p2" n="2">', '<p xml:id="A-p2" n="1">')], [
        'A.xml:122: error: the reference "A A-text 1" of <p xml:id="A-p2"> is not unique: <p xml:id="A-p1"> at '
        "line 121 has it too [cite-duplicate-ref]"]),
    "cite-unit-selected-twice": ([replace_in("A.xml", PARAGRAPHS, PARAGRAPHS + PARAGRAPHS.replace(
        'unit="paragraph" match="p|listBibl/bibl"', 'unit="first-paragraph" match="p[1]"'))], [
        'A.xml:121: error: <p xml:id="A-p1"> is selected twice: by <citeStructure unit="paragraph"> (line 101) and '
        'by <citeStructure unit="first-paragraph"> (line 101) [cite-duplicate-ref]']),
    "cite-match-selects-nothing": ([replace_in("B.xml", DIVISIONS, DIVISIONS.replace("body/div", "body/section"))], [
        f'B.xml:{tei_line("B.xml", DIVISIONS)}: error: <citeStructure unit="division"> @match="text/body/section" '
        'selects nothing in B.xml '
        "[cite-no-match]"]),
    "cite-structure-missing": ([replace_in("B-en.xml", REFS_DECL, "")], [
        "B-en.xml:3: error: no refsDecl/citeStructure in the TEI header: the text's units have no DTS references "
        "[cite-structure]"]),
    "cite-unsupported-xpath": ([replace_in("A-en.xml", PARAGRAPHS, PARAGRAPHS.replace("p|listBibl/bibl",
                                                                                     "p[position() = 1]"))], [
        'A-en.xml:48: error: <citeStructure unit="paragraph">: @match="p[position() = 1]" cannot be read at '
        "\"[position() = 1]\" (supported: element paths with / // | * and the predicates [@a], [@a='v'], [n]) "
        "[cite-structure]"]),
    "cite-inner-match-absolute": ([replace_in("A.xml", PARAGRAPHS, PARAGRAPHS.replace('match="p|', 'match="//p|'))], [
        'A.xml:101: error: <citeStructure unit="paragraph">: @match="//p|listBibl/bibl" on an inner citeStructure '
        "must be relative to its parent's match (not starting with /) [cite-structure]"]),
    "cite-structure-without-unit": ([replace_in("A.xml", PARAGRAPHS, PARAGRAPHS.replace('unit="paragraph" ', ""))], [
        "A.xml:101: error: <citeStructure> has no @unit: DTS needs a citeType for every level [cite-structure]"]),
    "cite-reference-not-a-file-name": ([replace_in("A-en.xml", DIVISIONS,
                                                   DIVISIONS.replace('"@xml:id"', '"@corresp"'))], [
        f'A-en.xml:{id_line("A-en.xml", "A-en-text")}: error: the reference "A-en A.xml#A-text" of '
        '<div xml:id="A-en-text"> ' + BAD_REF]),
    "cite-path-traversal-reference": ([replace_in("A.xml", '<p xml:id="A-p2" n="2">', '<p xml:id="A-p2" n="../../x">'),
                                       replace_in("A.xml", PARAGRAPHS, PARAGRAPHS.replace('"@xml:id"', '"@n"'))], [
        'A.xml:122: error: the reference "A A-text ../../x" of <p xml:id="A-p2"> ' + BAD_REF]),
})
# Cases that also run a whole build (the rest are checked in-process, which is what on_config runs).
BUILT = ("xxe-file", "javascript-ptr-target", "translation-paragraph-missing", "cite-duplicate-reference")


@pytest.fixture
def listener() -> Iterator[tuple[int, list[bytes]]]:
    """A TCP listener on 127.0.0.1 that records every connection (none may arrive)."""
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.1)
    received: list[bytes] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(1)
                received.append(conn.recv(1024) or b"(connected)")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1], received
    stop.set()
    thread.join()
    server.close()


def broken_corpus(tmp_path: Path, edits: list[Edit], port: int) -> Path:
    corpus = copy_corpus(tmp_path)
    for file, edit in edits:
        path = corpus / file
        text = path.read_text(encoding="utf-8")
        broken = edit(text).replace("{port}", str(port))
        assert broken != text, f"the edit of {file} must change it"
        path.write_text(broken, encoding="utf-8")
    return corpus


def relative(messages: list[str], corpus: Path) -> list[str]:
    return [m.replace(f"{corpus}/", "") for m in messages]


def secret() -> str:
    """A line of /etc/passwd: it must never appear in any output."""
    lines = PASSWD.read_text(encoding="utf-8").splitlines() if PASSWD.is_file() else []
    return lines[0] if lines else "root:x:0:0:"


def expected_messages(case: str, found: list[str]) -> list[str]:
    expected = CASES[case][1]
    if case == "malformed-xml":  # libxml2 names the column of the mismatch; take it from the message
        column = re.search(r"column (\d+)", found[0]).group(1) if found else "?"
        return [m.replace("{column}", column) for m in expected]
    return expected


@pytest.mark.parametrize("case", sorted(CASES))
def test_broken_input_gives_exact_diagnostics(tmp_path: Path, listener: tuple[int, list[bytes]], case: str) -> None:
    port, received = listener
    corpus = broken_corpus(tmp_path, CASES[case][0], port)
    edition, diagnostics = pipeline.check(corpus)
    found = relative([str(d) for d in diagnostics], corpus)
    assert edition is None
    expected = expected_messages(case, found)
    if case.startswith("translation-"):  # figures of the missing paragraph are reported too
        assert [m for m in found if "untranslated-figure" not in m] == expected
    else:
        assert found == expected
    assert all(DIAGNOSTIC.match(m) for m in found if "untranslated-figure" not in m), found
    assert received == [], "the parser or validator made a network request"
    assert secret() not in "\n".join(found)


def test_an_oversized_file_is_refused_unread(tmp_path: Path) -> None:
    """A 50 MB TEI file (well-formed: the bulk is a comment) is refused by its size, before parsing."""
    corpus = copy_corpus(tmp_path)
    a = corpus / "A.xml"
    text = a.read_text(encoding="utf-8")
    a.write_text(text.replace(DECLARATION, DECLARATION + "<!--" + "x" * (50 * MB) + "-->\n", 1), encoding="utf-8")
    size = a.stat().st_size
    edition, diagnostics = pipeline.check(corpus)
    assert edition is None
    assert relative([str(d) for d in diagnostics], corpus) == [
        f"A.xml: error: file is {size} bytes, over the limit of {teiload.MAX_FILE_BYTES} bytes for one TEI text "
        "[too-large]"]


def test_the_parser_itself_never_fetches_or_reads_entities(tmp_path: Path, listener: tuple[int, list[bytes]]) -> None:
    """Below the DOCTYPE refusal: the parser options alone resolve no entity, local or remote."""
    port, received = listener
    entities = f'<!ENTITY f SYSTEM "file://{PASSWD}"><!ENTITY n SYSTEM "http://127.0.0.1:{port}/n">'
    root = etree.fromstring(f"<!DOCTYPE r [{entities}]><r>&f;&n;</r>".encode(),
                            etree.XMLParser(**teiload._PARSER_OPTIONS))
    assert [type(child) for child in root] == [etree._Entity, etree._Entity]  # left as references
    assert secret() not in etree.tostring(root, encoding="unicode")
    # An external DTD would have to be fetched to parse the entities: the parser refuses instead.
    with pytest.raises(etree.XMLSyntaxError, match="Attempt to load network entity"):
        etree.fromstring(f'<!DOCTYPE r SYSTEM "http://127.0.0.1:{port}/r.dtd" [{entities}]><r>&f;&n;</r>'.encode(),
                         etree.XMLParser(**teiload._PARSER_OPTIONS))
    assert received == []


def run_build(corpus: Path, site: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "ALBAZIN_TEI_DIR": str(corpus), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "albazin", "build", "--site-dir", str(site)], cwd=PROJECT_ROOT,
                          env=env, capture_output=True, text=True, check=False)


def snapshot(directory: Path) -> dict[str, bytes]:
    return {p.relative_to(directory).as_posix(): p.read_bytes() for p in directory.rglob("*") if p.is_file()}


@pytest.mark.build
@pytest.mark.parametrize("case", BUILT)
def test_a_failing_build_reports_and_leaves_the_site_untouched(tmp_path: Path, listener: tuple[int, list[bytes]],
                                                               case: str) -> None:
    port, received = listener
    corpus = broken_corpus(tmp_path / "corpus", CASES[case][0], port)
    site = tmp_path / "site"
    (site / "texts").mkdir(parents=True)
    (site / "index.html").write_text("the previous build", encoding="utf-8")
    (site / "texts" / "a.html").write_text("a page of the previous build", encoding="utf-8")
    before = snapshot(site)
    result = run_build(corpus, site)
    log = result.stdout + result.stderr
    assert result.returncode == 1
    for message in CASES[case][1]:
        assert f"{corpus}/{message}" in log
    assert "Traceback" not in log and secret() not in log
    assert snapshot(site) == before, "a failed build changed site/"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "site"], "staging left behind"
    assert received == []


# Markup-like content the schema allows: it must reach the page as text.
ESCAPED_TEXT = '<script>alert("p1")</script> javascript:alert(2) <img src=x onerror=alert(3)>'
ESCAPED_NOTE = "</aside><script>alert(4)</script>"
ESCAPED_TRANSLATION = "</p><script>alert(5)</script>"
HOSTILE_LINK = 'https://example.org/a?b="><script>alert(6)</script>'


def escape_xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


@pytest.mark.build
def test_markup_in_allowed_content_is_escaped_in_the_built_site(tmp_path: Path) -> None:
    edits = [
        in_a_p1(f'{escape_xml(ESCAPED_TEXT)} <ref target="{escape_xml(HOSTILE_LINK)}">link</ref> '),
        replace_in("A.xml", '<p xml:lang="en">Not emended. «В городке»',
                   f'<p xml:lang="en">{escape_xml(ESCAPED_NOTE)} Not emended. «В городке»'),
        replace_in("A-en.xml", 'corresp="A.xml#A-p2">', f'corresp="A.xml#A-p2">{escape_xml(ESCAPED_TRANSLATION)} '),
    ]
    corpus = broken_corpus(tmp_path / "corpus", edits, 0)
    site = tmp_path / "site"
    result = run_build(corpus, site)
    assert result.returncode == 0, result.stdout + result.stderr
    pages = {lang: html.parse(str(site / prefix / "texts" / "a" / "index.html")).getroot()
             for lang, prefix in (("en", ""), ("ru", "ru"))}
    for doc in pages.values():
        assert ESCAPED_TEXT in doc.get_element_by_id("A-p1").text_content()
        assert ESCAPED_TRANSLATION in doc.get_element_by_id("A-en-p2").text_content()
        assert [a.get("href") for a in doc.cssselect("#A-p1 a.tei-ref")] == [HOSTILE_LINK]
    # the note's English version (the Russian page shows its Russian one)
    assert ESCAPED_NOTE in pages["en"].get_element_by_id("A-app2").text_content()
    for path in site.rglob("*.html"):
        doc = html.parse(str(path)).getroot()
        scripts = [s.text or "" for s in doc.iter("script")]
        assert not [s for s in scripts if "alert(" in s], path
        assert not doc.xpath("//*[@onerror or @onload or @onclick]"), path
        urls = doc.xpath("//@href | //@src")
        assert not [u for u in urls if u.strip().lower().startswith(("javascript:", "data:"))], path


@pytest.mark.parametrize(("prolog", "line"), [
    (b'<?xml version="1.0"?>\n<!DOCTYPE TEI>\n<TEI/>', 2),
    (b'\xef\xbb\xbf<?xml version="1.0"?><?xml-model href="x.rng"?>\n<!-- a\n comment -->\n\n<!DOCTYPE TEI><TEI/>', 5),
    (b'<?xml version="1.0"?>\n<TEI/>\n<!DOCTYPE TEI>', None),  # after the root: not a prolog DOCTYPE
    (b'<?xml version="1.0"?>\n<?pi ?> text ?><!DOCTYPE TEI><TEI/>', None),  # a PI ends at its first ?>
    (b'<!-- unclosed <!DOCTYPE TEI>', None),
])
def test_the_prolog_scan_finds_the_doctype_line(prolog: bytes, line: int | None) -> None:
    assert teiload._doctype_line(prolog) == line
