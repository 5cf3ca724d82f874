"""Citation trees from refsDecl/citeStructure (albazin/load/citetree.py): the TEI Guidelines' semantics.

References are built as the Guidelines describe (§16.2.5.4, SACRCS): the parent's reference, the
inner @delim, the unit's @use value; unprefixed names in @match are TEI names.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from albazin.load import citetree
from albazin.load.teiload import TeiFile

TEI_NS = "http://www.tei-c.org/ns/1.0"


def tei_file(refs_decl: str, body: str) -> TeiFile:
    xml = (f'<TEI xmlns="{TEI_NS}" xml:id="M"><teiHeader><fileDesc/><encodingDesc><refsDecl>{refs_decl}</refsDecl>'
           f"</encodingDesc></teiHeader><text><body>{body}</body></text></TEI>")
    return TeiFile(Path("M.xml"), "", etree.fromstring(xml))


# The Guidelines' example (citeStructure spec; SACRCS): book by @n, chapter and verse by position.
BIBLE = ('<citeStructure unit="book" match="//body/div" use="@n">'
         '<citeStructure unit="chapter" match="div" use="position()" delim=" ">'
         '<citeStructure unit="verse" match="div" use="position()" delim=":"/>'
         "</citeStructure></citeStructure>")
BODY = ('<div n="Matt"><div><div>a</div><div>b</div></div><div><div>c</div></div></div>'
        '<div n="Mark"><div><div>d</div></div></div>')


def test_references_join_the_parent_the_delimiter_and_the_value() -> None:
    tree, pairs, problems = citetree.evaluate(tei_file(BIBLE, BODY))
    assert problems == []
    assert [(u.ref, u.level, u.parent, u.cite_type) for u in tree.units] == [
        ("Matt", 1, None, "book"), ("Matt 1", 2, "Matt", "chapter"), ("Matt 1:1", 3, "Matt 1", "verse"),
        ("Matt 1:2", 3, "Matt 1", "verse"), ("Matt 2", 2, "Matt", "chapter"), ("Matt 2:1", 3, "Matt 2", "verse"),
        ("Mark", 1, None, "book"), ("Mark 1", 2, "Mark", "chapter"), ("Mark 1:1", 3, "Mark 1", "verse")]
    assert [el.text for u, el in pairs if u.level == 3] == ["a", "b", "c", "d"]
    assert tree.units[3].xpath == "/TEI/text[1]/body[1]/div[1]/div[1]/div[2]"
    assert [c.cite_type for c in tree.structure[0].children] == ["chapter"]
    assert tree.depth == 3
    assert [u.ref for u in tree.subtree("Matt", 1)] == ["Matt 1", "Matt 2"]
    assert [u.ref for u in tree.subtree(None, 1)] == ["Matt", "Mark"]


def test_sibling_structures_interleave_in_document_order() -> None:
    decl = ('<citeStructure unit="section" match="/TEI/text/body/div" use="@xml:id">'
            '<citeStructure unit="paragraph" match="p" use="@xml:id" delim="."/>'
            '<citeStructure unit="list" match="list" use="@xml:id" delim=","/></citeStructure>')
    body = '<div xml:id="s"><p xml:id="p1">x</p><list xml:id="l1"><item>i</item></list><p xml:id="p2">y</p></div>'
    tree, _, problems = citetree.evaluate(tei_file(decl, body))
    assert problems == []
    assert [u.ref for u in tree.units] == ["s", "s.p1", "s,l1", "s.p2"]
    assert [u.xml_id for u in tree.units] == ["s", "p1", "l1", "p2"]


@pytest.mark.parametrize(("pattern", "xpath"), [
    ("/TEI", "/tei:TEI"), ("text/body/div", "tei:text/tei:body/tei:div"),
    ("p|listBibl/bibl", "tei:p|tei:listBibl/tei:bibl"),
    ("//body/div[@type='section'][2]", "//tei:body/tei:div[@type='section'][2]"), ("div/*", "tei:div/*"),
    ("p[@xml:id]", "tei:p[@xml:id]"),
])
def test_the_supported_xpath_is_rewritten_with_the_tei_namespace(pattern: str, xpath: str) -> None:
    assert citetree.match_xpath(pattern) == xpath


@pytest.mark.parametrize("pattern", ["", "count(//p)", "p[position()=1]", "a///b", "a|", "|a", "tei:p", "p[@n=1]",
                                     "document('x')", "p/text()", "../p", "p[last()]"])
def test_anything_else_is_refused(pattern: str) -> None:
    with pytest.raises(citetree.UnsupportedXPath):
        citetree.match_xpath(pattern)


def test_use_is_an_attribute_or_the_position() -> None:
    assert citetree.use_attribute("@n") == "n"
    assert citetree.use_attribute("@xml:id") == "{http://www.w3.org/XML/1998/namespace}id"
    assert citetree.use_attribute(" position() ") is None
    with pytest.raises(citetree.UnsupportedXPath):
        citetree.use_attribute("string(.)")


@pytest.mark.parametrize("value", ["A A-text A-p1", "C-bibl5", "x.1", "_a", "Matt 5:7", "C1.E1,P1"])
def test_path_segments_that_are_safe(value: str) -> None:
    assert citetree.path_segment(value) == value


@pytest.mark.parametrize("value", ["", ".", "..", "a/b", "a\\b", "../x", "a..b", " a", "a ", "a\x00", "é",
                                   "index.json", "children", "x" * 201, "a%2Fb", "a?b", "a#b", "a;b"])
def test_path_segments_that_are_refused(value: str) -> None:
    with pytest.raises(ValueError):
        citetree.path_segment(value)


@given(st.text(max_size=40))
def test_no_accepted_segment_can_leave_its_directory(value: str) -> None:
    try:
        citetree.path_segment(value)
    except ValueError:
        return
    assert "/" not in value and "\\" not in value and value not in (".", "..") and ".." not in value
    assert Path("/base", value).resolve().parent == Path("/base")


def test_deep_nesting_is_refused_not_recursed_into() -> None:
    inner = '<citeStructure unit="u" match="div" use="position()" delim="."/>'
    for _ in range(citetree.MAX_DEPTH + 1):
        inner = f'<citeStructure unit="u" match="div" use="position()" delim=".">{inner}</citeStructure>'
    decl = inner.replace('match="div" use="position()" delim="."', 'match="/TEI/text/body/div" use="position()"', 1)
    tree, _, problems = citetree.evaluate(tei_file(decl, "<div/>"))
    assert tree is None and [p.code for p in problems] == ["cite-structure"]
    assert f"nested more than {citetree.MAX_DEPTH} levels deep" in problems[0].message
