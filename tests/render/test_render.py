"""Renderer: golden fragments, escaping (property-based), labels in both languages."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from lxml import etree, html

from albazin.model.model import Chars, Choice, Paragraph, Phrase
from albazin.render import render

GOLDEN_PARAGRAPH = (
    '<p class="alb-p" id="X-p1" data-n="1"><span class="alb-pnum" aria-hidden="true">1</span>'
    'Гарнизон <span class="alb-choice alb-choice--correction"><span class="alb-reading alb-reading--source" '
    'data-view="diplomatic">Абалзина</span><span class="alb-reading alb-reading--edited" data-view="critical">'
    'Албазина</span></span> &lt;b&gt; &amp; <cite class="tei-title">Book</cite> '
    '<a class="alb-permalink" href="#X-p1" title="Permalink to paragraph X-p1" '
    'aria-label="Permalink to paragraph X-p1" lang="en" data-unit="paragraph" data-locator="para. 1">¶</a></p>'
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
        assert render.external_href(bad) is None
    assert render.external_href("https://example.org/") == "https://example.org/"
    assert render.external_href("http://[::1") is None  # not a URL at all
    assert render.external_href("../tei/A.xml") is None  # a corpus pointer: only Ctx.pointer_href places it
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


# --- generated content through the whole inline renderer ------------------------------------------

# Characters XML allows, without the surrogates: tab, newline, carriage return, and everything from
# U+0020 on, including the C1 controls (U+007F–U+009F) that XML 1.0 permits.
xml_chars = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\ufffe\uffff") \
    .filter(lambda c: c in "\t\n\r" or ord(c) >= 0x20)
TRICKY = ("<script>alert(1)</script>", "&amp;", "&", "<", ">", '"', "'", "javascript:alert(1)",
          " JaVaScRiPt:alert(1)", "java\tscript:alert(1)", " \n\tjavascript:x", "data:text/html,<b>x</b>",
          "\u202eevil\u202c", "שָׁלוֹם", "مرحبا", "e\u0301\u0308", "]]>", "<!--", "-->", "\x85", "\U0001F600")
generated_text = st.lists(st.one_of(st.text(xml_chars, max_size=20), st.sampled_from(TRICKY)), max_size=4).map("".join)
SAFE_SCHEMES = ("http://", "https://")
ENTITY_HREFS = {"pers-x": "../index/persons/#pers-x"}
POINTER_HREFS = {"A.xml#A-p1": "../texts/a/#A-p1"}
pointer_values = st.lists(st.one_of(st.sampled_from((*TRICKY, "A.xml#A-p1", "https://example.org/x", "Z.xml#q")),
                                    generated_text), min_size=1, max_size=3).map(" ".join)


def phrases(children: st.SearchStrategy) -> st.SearchStrategy:
    kids = st.lists(children, min_size=1, max_size=3).map(tuple)
    return st.one_of(
        st.builds(lambda c, rend: Phrase("hi", c, (("rend", rend),)), kids, generated_text),
        st.builds(lambda c: Phrase("title", c, (("level", "m"),)), kids),
        st.builds(lambda c, ref: Phrase("persName", c, (("ref", ref),)), kids,
                  st.one_of(st.just("authority.xml#pers-x"), generated_text)),
        st.builds(lambda c, target: Phrase("ref", c, (("target", target),)), kids, pointer_values),
        st.builds(lambda c, when: Phrase("date", c, (("when", when),)), kids, generated_text),
        st.builds(lambda c, lang: Phrase("foreign", c, lang=lang), kids, st.sampled_from(("zh", "la", "ar"))),
        st.builds(lambda s, e: Choice("correction", s, e), kids, kids),
    )


inline_nodes = st.recursive(st.builds(Chars, generated_text), phrases, max_leaves=12)


def plain_text(nodes: tuple) -> str:
    """What a reader gets as text: the characters, and both readings of a choice (the views hide one)."""
    out = []
    for node in nodes:
        if isinstance(node, Chars):
            out.append(node.value)
        elif isinstance(node, Choice):
            out.append(plain_text(node.source) + plain_text(node.edited))
        else:
            out.append(plain_text(node.children))
    return "".join(out)


def script_url(value: str) -> bool:
    """Would a browser run this URL? It strips leading controls and spaces, and tabs and newlines anywhere."""
    cleaned = "".join(c for c in value.lstrip("".join(map(chr, range(0x21)))) if c not in "\t\n\r")
    return cleaned.lower().startswith(("javascript:", "vbscript:", "data:"))


# Attributes whose value a browser follows as a URL (text attributes such as data-n or title may hold
# any text: "javascript:" there is just text).
URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "xlink:href", "poster", "data", "cite",
                  "background", "ping"}


def assert_safe_markup(out: str) -> html.HtmlElement:
    """The fragment is well-formed (as XML and as HTML), and its attributes can run nothing."""
    etree.fromstring(out)  # raises if the serialisation is not well-formed
    doc = html.fragment_fromstring(out)
    assert {el.tag for el in doc.iter()} <= {"p", "span", "a", "cite", "time", "sup"}
    for el in doc.iter():
        for name, value in el.attrib.items():
            assert not name.lower().startswith("on"), (name, value)
            assert not (name in URL_ATTRIBUTES and script_url(value)), (el.tag, name, value)
        if el.tag == "a":
            href = el.get("href")
            assert href.startswith(("#", "../")) or href.startswith(SAFE_SCHEMES), href
    return doc


@given(content=st.lists(inline_nodes, max_size=4).map(tuple), n=generated_text)
def test_generated_content_renders_well_formed_safe_and_unchanged(content: tuple, n: str) -> None:
    para = Paragraph("X-p1", n, content)
    ctx = render.Ctx("en", entity_href=lambda e: ENTITY_HREFS.get(e), pointer_href=POINTER_HREFS.get)
    doc = assert_safe_markup(render.serialize(render.paragraph(para, ctx)))
    assert doc.xpath("string(.)") == f"{n}{plain_text(content)} ¶"
    assert doc.get("data-n") == n


@given(target=pointer_values)
def test_generated_pointers_link_only_to_the_site_or_the_web(target: str) -> None:
    ctx = render.Ctx("en", pointer_href=POINTER_HREFS.get)
    for tag in ("ptr", "ref"):
        node = Phrase(tag, (Chars("text"),) if tag == "ref" else (), (("target", target),))
        doc = assert_safe_markup(render.serialize(render.h("p", None, *render.inline([node], ctx))))
        hrefs = doc.xpath("//a/@href")
        assert set(hrefs) <= {*POINTER_HREFS.values(), *(t for t in target.split() if t.startswith(SAFE_SCHEMES))}
        if tag == "ptr":  # an empty pointer shows its targets, one link or text each
            assert " ".join(doc.xpath("string(.)").split()) == " ".join(target.split())
