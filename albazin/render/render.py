"""Model → HTML fragments, built as lxml element trees (lxml does all escaping).

Inline content and the citable blocks (paragraph, bibliography item, note, heading). Every unit
keeps its xml:id as HTML id, identical in both site languages; labels follow the site language.
`textpage` assembles these into a whole text page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

from lxml import etree

from albazin.core.i18n import label
from albazin.model import locators
from albazin.model.apparatus import letter
from albazin.model.model import BiblItem, Chars, Choice, Division, Inline, Lang, Note, Paragraph, Phrase, walk

Child = etree._Element | str | None


def h(tag: str, attrs: dict[str, str] | None = None, *children: Child) -> etree._Element:
    """Build one HTML element; None children and attributes are skipped."""
    # One call with the attributes (in their order) is cheaper than a set() each: ~36,000 elements a build.
    el = etree.Element(tag, {key: value for key, value in attrs.items() if value is not None} if attrs else None)
    if children:
        append(el, *children)
    return el


def append(parent: etree._Element, *children: Child) -> etree._Element:
    for child in children:
        if child is None:
            continue
        if isinstance(child, str):
            if len(parent):
                parent[-1].tail = (parent[-1].tail or "") + child
            else:
                parent.text = (parent.text or "") + child
        else:
            parent.append(child)
    return parent


def serialize(el: etree._Element) -> str:
    return etree.tostring(el, method="html", encoding="unicode")


def external_href(url: str | None) -> str | None:
    """An absolute http(s) URL, or None. A TEI pointer without a scheme ("A.xml#A-p1") is a corpus
    pointer: only Ctx.pointer_href knows where it lands, so it never becomes a relative link as is."""
    if not url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


# --- inline ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CommentRef:
    """A commentary entry that discusses an element of the page, as its marker shows it."""
    entry_id: str
    number: int
    title: str


@dataclass(frozen=True)
class Ctx:
    """What rendering needs besides the model: the site language, the apparatus numbers, where
    the index entries are (a name links to its entry), the commentary entries on each element, and
    where a TEI pointer ("A.xml#A-fig4", "bibliography.xml#bib-x") lands on the site."""
    lang: Lang
    note_numbers: Mapping[str, int] = field(default_factory=dict)
    entity_href: Callable[[str], str | None] | None = None
    in_link: bool = False  # inside an <a>: nested names become spans (HTML forbids nested links)
    comments: Mapping[str, tuple[CommentRef, ...]] = field(default_factory=dict)
    pointer_href: Callable[[str], str | None] | None = None
    # Extra attributes of a name naming this entity (search: the entity's other forms).
    entity_attrs: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    # Where a glossary entry is (a <term> links to it, with a card like a name's), by entry id.
    term_href: Callable[[str], str | None] | None = None
    term_label: Callable[[str], str] | None = None  # the accessible name of a term marker ("glossary: воевода")


def inline(nodes: Iterable[Inline], ctx: Ctx) -> list[Child]:
    out: list[Child] = []
    for node in nodes:
        if isinstance(node, Chars):
            out.append(node.value)
        elif isinstance(node, Choice):
            out.append(_choice(node, ctx))
            out += comment_markers(node.xml_id, ctx)
        elif isinstance(node, Phrase):
            out.append(_phrase(node, ctx))
            out += comment_markers(node.xml_id, ctx)
            if node.entity and not ctx.in_link and ctx.entity_href and ctx.entity_href(node.entity):
                # A name is a link: markers of what it contains (a corrected form, a term) follow it.
                for inner in walk(node.children):
                    if isinstance(inner, (Choice, Phrase)):
                        out += comment_markers(inner.xml_id, ctx)
                    if isinstance(inner, Phrase) and inner.tag == "term":
                        out.append(term_marker(inner, ctx))
        elif isinstance(node, Note):
            out.append(note_marker(node, ctx) if node.xml_id in ctx.note_numbers else _inline_note(node, ctx))
    return clustered(out)


def _choice(node: Choice, ctx: Ctx) -> etree._Element:
    source = h("span", {"class": "alb-reading alb-reading--source", "data-view": "diplomatic"},
               *inline(node.source, ctx))
    edited = h("span", {"class": "alb-reading alb-reading--edited", "data-view": "critical"},
               *inline(node.edited, ctx))
    return h("span", {"class": f"alb-choice alb-choice--{node.kind}", "id": node.xml_id}, source, edited)


def _name(node: Phrase, ctx: Ctx) -> etree._Element:
    """A tagged name: a link to its index entry, described by the entry's card (see textpage.cards)."""
    entity = node.entity or ""
    href = ctx.entity_href(entity) if ctx.entity_href and not ctx.in_link else None
    attrs = {"class": f"tei-{node.tag} alb-name", "id": node.xml_id, "lang": node.lang, "data-entity": entity,
             **ctx.entity_attrs.get(entity, {})}
    if href is None:
        return h("span", attrs, *inline(node.children, ctx))
    return h("a", {**attrs, "href": href, "aria-describedby": f"card-{entity}"},
             *inline(node.children, replace(ctx, in_link=True)))


def _term_entry(node: Phrase) -> str:
    return next((part.rsplit("#", 1)[1] for part in (node.attr("ref") or "").split() if "#" in part), "")


def _term(node: Phrase, ctx: Ctx) -> etree._Element:
    """A glossary term: a link to its entry, described by the entry's card (the name cards' script
    shows it, by data-entity). Inside a name's link it is a span; term_marker follows the name."""
    entry = _term_entry(node)
    href = ctx.term_href(entry) if ctx.term_href and not ctx.in_link else None
    attrs = {"class": "tei-term alb-term", "id": node.xml_id, "lang": node.lang, "data-term": entry}
    if href is None:
        return h("span", attrs, *inline(node.children, ctx))
    return h("a", {**attrs, "data-entity": entry, "href": href, "aria-describedby": f"card-{entry}"},
             *inline(node.children, replace(ctx, in_link=True)))


def term_marker(node: Phrase, ctx: Ctx) -> Child:
    """After a name that contains a term (the name links to the index): a small link to the glossary."""
    entry = _term_entry(node)
    href = ctx.term_href(entry) if ctx.term_href else None
    if href is None:
        return None
    name = ctx.term_label(entry) if ctx.term_label else entry
    return h("a", {"class": "alb-termref", "href": href, "data-entity": entry, "lang": ctx.lang,
                   "aria-label": name, "aria-describedby": f"card-{entry}"}, h("sup", None, "°"))


def _phrase(node: Phrase, ctx: Ctx) -> etree._Element:
    if node.entity:
        return _name(node, ctx)
    if node.tag == "term":
        return _term(node, ctx)
    attrs = {"class": f"tei-{node.tag}", "lang": node.lang, "id": node.xml_id}
    if node.tag == "seg" and node.attr("type") == "lemma":
        attrs["class"] = "tei-seg alb-lemma"
    level = node.attr("level")
    if node.tag == "title" and level in ("m", "j", "s"):
        return h("cite", attrs, *inline(node.children, ctx))
    if node.tag in ("ref", "ptr"):
        return _pointer(node, attrs, ctx)
    if node.tag == "date" and node.attr("when"):
        return h("time", {**attrs, "datetime": node.attr("when")}, *inline(node.children, ctx))
    return h("span", attrs, *inline(node.children, ctx))


def _link_target(pointer: str, ctx: Ctx) -> str | None:
    return (ctx.pointer_href(pointer) if ctx.pointer_href else None) or external_href(pointer)


def _pointer(node: Phrase, attrs: dict[str, str | None], ctx: Ctx) -> etree._Element:
    """<ref> links its content to its (first resolvable) target; an empty <ptr> shows each of its
    targets (@target holds one or more pointers, separated by spaces) as a link of its own."""
    pointers = (node.attr("target") or "").split()
    hrefs = [None if ctx.in_link else _link_target(p, ctx) for p in pointers]
    children = inline(node.children, ctx)
    if children or len(pointers) < 2:
        href = next((x for x in hrefs if x), None)
        content = children or [node.attr("target") or ""]
        return h("a", {**attrs, "href": href}, *content) if href else h("span", attrs, *content)
    parts: list[Child] = []
    for pointer, href in zip(pointers, hrefs, strict=True):
        parts += [" " if parts else None, h("a", {"href": href}, pointer) if href else pointer]
    return h("span", attrs, *parts)


def note_marker(node: Note, ctx: Ctx) -> etree._Element:
    """The in-text reference to an apparatus note, lettered (a, b, … : apparatus.letter): a plain
    link to the note below the text (readable without JavaScript); docs/assets/js/edition/notes.js turns it into a
    button opening the note in place."""
    n = letter(ctx.note_numbers[node.xml_id])
    return h("a", {"class": "alb-noteref", "href": f"#{node.xml_id}", "id": f"{node.xml_id}-ref",
                   "data-note": node.xml_id, "aria-label": label(ctx.lang, "note_marker", n=n), "lang": ctx.lang},
             h("sup", None, n))


MARKER_CLASSES = ("alb-noteref", "alb-comref")


def _is_marker(child: Child) -> bool:
    return isinstance(child, etree._Element) and child.get("class") in MARKER_CLASSES


def clustered(children: list[Child]) -> list[Child]:
    """Markers that follow one another with nothing between them (an apparatus letter and a
    commentary number on one word, the markers at a paragraph's end) grouped in one
    span.alb-markers, which text.css separates with commas: "ᵈ,⁷", not "*7 4"."""
    out: list[Child] = []
    run: list[etree._Element] = []

    def flush() -> None:
        if len(run) > 1:
            out.append(h("span", {"class": "alb-markers"}, *run))
        else:
            out.extend(run)
        run.clear()

    for child in children:
        if child is None:
            continue
        if _is_marker(child):
            run.append(child)  # type: ignore[arg-type]
            continue
        flush()
        out.append(child)
    flush()
    return out


def comment_markers(xml_id: str | None, ctx: Ctx) -> list[Child]:
    """Markers of the commentary entries on an element: links to the entry (on this page, below
    the text); notes.js opens the entry beside the text or in place."""
    if not xml_id or ctx.in_link or xml_id not in ctx.comments:
        return []
    return [h("a", {"class": "alb-comref", "href": f"#{ref.entry_id}", "id": f"cref-{xml_id}-{ref.entry_id}",
                    "data-note": ref.entry_id, "data-lemma": xml_id, "lang": ctx.lang,
                    "aria-label": label(ctx.lang, "comment_marker", n=str(ref.number), title=ref.title)},
              h("sup", None, str(ref.number)))
            for ref in ctx.comments[xml_id]]


def _inline_note(node: Note, ctx: Ctx) -> etree._Element:
    return h("span", {"class": f"alb-note alb-note--{node.type}", "id": node.xml_id or None, "lang": ctx.lang},
             *inline(node.text_for(ctx.lang), ctx))


@dataclass(frozen=True)
class TocEntry:
    """An entry of a generated page's table of contents."""
    id: str
    title: str
    level: int


# --- blocks ------------------------------------------------------------------------------------

def permalink(xml_id: str, unit: str, lang: Lang, locator: str | None = None) -> etree._Element:
    text = label(lang, "permalink", unit=label(lang, unit), id=xml_id)
    # data-unit names the unit in the cite dialog (cite.js): "paragraph A-p3"; data-locator is how
    # a citation points to it for a reader ("para. 3", «абз. 3»; albazin/model/locators.py).
    return h("a", {"class": "alb-permalink", "href": f"#{xml_id}", "title": text,
                   "aria-label": text, "lang": lang, "data-unit": label(lang, unit), "data-locator": locator}, "¶")


def paragraph(p: Paragraph, ctx: Ctx, extra_class: str = "", lang: Lang | None = None) -> etree._Element:
    return h("p", {"class": f"alb-p {extra_class}".strip(), "id": p.xml_id, "data-n": p.n, "lang": lang},
             h("span", {"class": "alb-pnum", "aria-hidden": "true"}, p.n) if p.n else None,
             *clustered([*inline(p.content, ctx), *comment_markers(p.xml_id, ctx)]), " ",
             permalink(p.xml_id, "unit_paragraph", ctx.lang, locators.paragraph(p, ctx.lang)))


def bibl_item(item: BiblItem, ctx: Ctx, extra_class: str = "", lang: Lang | None = None) -> etree._Element:
    return h("p", {"class": f"alb-bibl {extra_class}".strip(), "id": item.xml_id, "lang": lang},
             *clustered([*inline(item.content, ctx), *comment_markers(item.xml_id, ctx)]), " ",
             permalink(item.xml_id, "unit_item", ctx.lang))


def block_note(note: Note, ctx: Ctx, extra_class: str = "") -> etree._Element:
    return h("aside", {"class": f"alb-note alb-note--{note.type} {extra_class}".strip(), "id": note.xml_id,
                       "lang": ctx.lang},
             h("p", {"class": "alb-note__label"}, label(ctx.lang, "editorial_note")),
             h("p", None, *inline(note.text_for(ctx.lang), ctx), " ",
               permalink(note.xml_id, "unit_note", ctx.lang)))


def head(div: Division, ctx: Ctx, extra_class: str = "", lang: Lang | None = None,
         anchor: str | None = None) -> etree._Element | None:
    """A division's heading; `anchor` is the id it carries when the division itself has none on the page."""
    if div.head is None:
        return None
    return h("h2", {"class": f"alb-head {extra_class}".strip(), "lang": lang, "id": anchor},
             *inline(div.head.content, ctx), " ",
             permalink(anchor or div.xml_id, "unit_division", ctx.lang, locators.heading(div.head.content, ctx.lang)))
