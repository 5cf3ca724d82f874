"""Renderer: golden fragments, escaping (property-based), labels in both languages."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from lxml import html

from scripts import render
from scripts.i18n import LABELS, LANGUAGES
from scripts.model import Chars, Choice, Paragraph, Phrase

GOLDEN_PARAGRAPH = (
    '<p class="alb-p" id="X-p1" data-n="1"><span class="alb-pnum" aria-hidden="true">1</span>'
    'Гарнизон <span class="alb-choice alb-choice--correction"><span class="alb-reading alb-reading--source" '
    'data-view="diplomatic">Абалзина</span><span class="alb-reading alb-reading--edited" data-view="critical">'
    'Албазина</span></span> &lt;b&gt; &amp; <cite class="tei-title">Book</cite> '
    '<a class="alb-permalink" href="#X-p1" title="Permalink to paragraph X-p1" '
    'aria-label="Permalink to paragraph X-p1" lang="en">¶</a></p>'
)


def sample_paragraph() -> Paragraph:
    return Paragraph("X-p1", "1", (
        Chars("Гарнизон "),
        Choice("correction", (Chars("Абалзина"),), (Chars("Албазина"),)),
        Chars(" <b> & "),
        Phrase("title", (Chars("Book"),), (("level", "m"),)),
    ))


def test_paragraph_golden_fragment() -> None:
    assert render.serialize(render.paragraph(sample_paragraph(), render.Ctx("en"))) == GOLDEN_PARAGRAPH


def test_russian_labels_in_russian_pages() -> None:
    out = render.serialize(render.paragraph(sample_paragraph(), render.Ctx("ru")))
    assert 'aria-label="Постоянная ссылка: абзац X-p1" lang="ru"' in out


def test_only_safe_link_targets_become_links() -> None:
    for bad in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>", "vbscript:x"):
        assert render.safe_href(bad) is None
    assert render.safe_href("https://example.org/") == "https://example.org/"
    assert render.safe_href("../tei/A.xml") == "../tei/A.xml"
    out = render.serialize(render.h("p", None, *render.inline(
        [Phrase("ref", (Chars("x"),), (("target", "javascript:alert(1)"),))], render.Ctx("en"))))
    assert "javascript" not in out and "<a" not in out


def test_pointers_link_only_where_the_site_has_them() -> None:
    """A corpus pointer becomes a link only through Ctx.pointer_href (never as a relative URL as is);
    a <ptr> with several targets shows one link per target."""
    sites = {"A.xml#A-p1": "../texts/a/#A-p1", "A.xml#A-p7": "../texts/a/#A-p7"}
    ctx = render.Ctx("en", pointer_href=sites.get)

    def out(node: Phrase, ctx: render.Ctx = ctx) -> str:
        return render.serialize(render.h("p", None, *render.inline([node], ctx)))

    ptr = Phrase("ptr", (), (("target", "A.xml#A-p1 A.xml#A-p7"),))
    assert out(ptr) == ('<p><span class="tei-ptr"><a href="../texts/a/#A-p1">A.xml#A-p1</a> '
                        '<a href="../texts/a/#A-p7">A.xml#A-p7</a></span></p>')
    assert out(ptr, render.Ctx("en")) == '<p><span class="tei-ptr">A.xml#A-p1 A.xml#A-p7</span></p>'
    ref = Phrase("ref", (Chars("text A"),), (("target", "Z.xml#A-p1 A.xml#A-p7"),))
    assert out(ref) == '<p><a class="tei-ref" href="../texts/a/#A-p7">text A</a></p>'
    web = Phrase("ref", (Chars("web"),), (("target", "https://example.org/a?b=1&c=2"),))
    assert out(web) == '<p><a class="tei-ref" href="https://example.org/a?b=1&amp;c=2">web</a></p>'


def test_label_tables_have_the_same_keys_in_every_language() -> None:
    keys = {lang: set(LABELS[lang]) for lang in LANGUAGES}
    assert all(k == keys["en"] for k in keys.values())
    assert all(value.strip() for table in LABELS.values() for value in table.values())


xml_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=80) \
    .map(lambda s: "".join(c for c in s if c in "\t\n\r" or (ord(c) >= 0x20 and not 0x7F <= ord(c) <= 0x9F)))


@given(text=xml_text, attr=xml_text, tail=xml_text)
def test_any_text_and_attribute_is_escaped(text: str, attr: str, tail: str) -> None:
    para = Paragraph("X-p1", "1", (Chars(text), Phrase("persName", (Chars(tail),), (("ref", attr),), lang="ru")))
    out = render.serialize(render.paragraph(para, render.Ctx("en")))
    doc = html.fragment_fromstring(out)
    assert doc.tag == "p" and doc.get("id") == "X-p1"
    assert not doc.xpath("//script | //*[@onload or @onerror or @onclick]")
    # the text survives the round trip exactly: nothing was interpreted as markup
    assert doc.xpath("string(.)") == f"1{text}{tail} ¶"
