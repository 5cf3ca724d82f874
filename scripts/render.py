"""Model → HTML fragments, built as lxml element trees (lxml does all escaping).

Every division, paragraph, bibliography item and note keeps its xml:id as HTML id, identical in
both site languages. The original text is marked with its own `lang`; the labels around it follow
the site language.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml import etree

from .i18n import label
from .model import (
    BiblItem,
    BiblList,
    Chars,
    Choice,
    Division,
    Inline,
    Lang,
    Note,
    Paragraph,
    Phrase,
    TextDoc,
)
from .readings import reading

Child = etree._Element | str | None


def h(tag: str, attrs: dict[str, str] | None = None, *children: Child) -> etree._Element:
    """Build one HTML element; None children and attributes are skipped."""
    el = etree.Element(tag)
    for key, value in (attrs or {}).items():
        if value is not None:
            el.set(key, value)
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


def safe_href(url: str | None) -> str | None:
    """Only http(s) and relative URLs become links (no javascript:, data: …)."""
    if not url:
        return None
    scheme = urlsplit(url).scheme.lower()
    return url if scheme in ("", "http", "https") else None


# --- inline ------------------------------------------------------------------------------------

def inline(nodes: Iterable[Inline], lang: Lang) -> list[Child]:
    out: list[Child] = []
    for node in nodes:
        if isinstance(node, Chars):
            out.append(node.value)
        elif isinstance(node, Choice):
            out.append(_choice(node, lang))
        elif isinstance(node, Phrase):
            out.append(_phrase(node, lang))
        elif isinstance(node, Note):
            out.append(_inline_note(node, lang))
    return out


def _choice(node: Choice, lang: Lang) -> etree._Element:
    source = h("span", {"class": "alb-reading alb-reading--source", "data-view": "diplomatic"},
               *inline(node.source, lang))
    edited = h("span", {"class": "alb-reading alb-reading--edited", "data-view": "critical"},
               *inline(node.edited, lang))
    return h("span", {"class": f"alb-choice alb-choice--{node.kind}", "id": node.xml_id}, source, edited)


def _phrase(node: Phrase, lang: Lang) -> etree._Element:
    attrs = {"class": f"tei-{node.tag}", "lang": node.lang}
    level = node.attr("level")
    if node.tag == "title" and level in ("m", "j", "s"):
        return h("cite", attrs, *inline(node.children, lang))
    if node.tag in ("ref", "ptr"):
        href = safe_href(node.attr("target"))
        children = inline(node.children, lang) or [node.attr("target") or ""]
        if href:
            return h("a", {**attrs, "href": href}, *children)
    if node.tag == "date" and node.attr("when"):
        return h("time", {**attrs, "datetime": node.attr("when")}, *inline(node.children, lang))
    return h("span", attrs, *inline(node.children, lang))


def _inline_note(node: Note, lang: Lang) -> etree._Element:
    return h("span", {"class": f"alb-note alb-note--{node.type}", "id": node.xml_id or None, "lang": lang},
             *inline(node.text_for(lang), lang))


# --- blocks ------------------------------------------------------------------------------------

def permalink(xml_id: str, unit: str, lang: Lang) -> etree._Element:
    text = label(lang, "permalink", unit=label(lang, unit), id=xml_id)
    return h("a", {"class": "alb-permalink", "href": f"#{xml_id}", "title": text,
                   "aria-label": text, "lang": lang}, "¶")


def paragraph(p: Paragraph, site_lang: Lang) -> etree._Element:
    return h("p", {"class": "alb-p", "id": p.xml_id, "data-n": p.n},
             h("span", {"class": "alb-pnum", "aria-hidden": "true"}, p.n) if p.n else None,
             *inline(p.content, site_lang), " ", permalink(p.xml_id, "unit_paragraph", site_lang))


def bibl_list(block: BiblList, site_lang: Lang) -> etree._Element:
    return h("ul", {"class": "alb-listbibl", "id": block.xml_id},
             *(bibl_item(item, site_lang) for item in block.items))


def bibl_item(item: BiblItem, site_lang: Lang) -> etree._Element:
    return h("li", {"class": "alb-bibl", "id": item.xml_id},
             *inline(item.content, site_lang), " ", permalink(item.xml_id, "unit_item", site_lang))


def block_note(note: Note, site_lang: Lang) -> etree._Element:
    return h("aside", {"class": f"alb-note alb-note--{note.type}", "id": note.xml_id, "lang": site_lang},
             h("p", {"class": "alb-note__label"}, label(site_lang, "editorial_note")),
             h("p", None, *inline(note.text_for(site_lang), site_lang), " ",
               permalink(note.xml_id, "unit_note", site_lang)))


def division(div: Division, site_lang: Lang) -> etree._Element:
    section = h("section", {"class": "alb-div", "id": div.xml_id, "data-type": div.type, "data-subtype": div.subtype})
    if div.head is not None:
        append(section, h("h2", {"class": "alb-head"}, *inline(div.head.content, site_lang), " ",
                          permalink(div.xml_id, "unit_division", site_lang)))
    for block in div.blocks:
        if isinstance(block, Paragraph):
            append(section, paragraph(block, site_lang))
        elif isinstance(block, BiblList):
            append(section, bibl_list(block, site_lang))
        elif isinstance(block, Note):
            append(section, block_note(block, site_lang))
    return section


# --- pages -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class TocEntry:
    id: str
    title: str
    level: int


@dataclass(frozen=True)
class Links:
    tei: str  # URL of the TEI download, relative to the page
    copy_text: str


def source_note(text: TextDoc, site_lang: Lang, links: Links) -> etree._Element:
    return h("section", {"class": "alb-source", "aria-label": label(site_lang, "source")},
             h("p", {"class": "alb-source__provenance"}, text.source.provenance.get(site_lang)),
             h("p", {"class": "alb-source__downloads"},
               h("a", {"href": links.tei, "download": text.file_name, "class": "md-button"},
                 label(site_lang, "download_tei", file=text.file_name)), " ",
               h("a", {"href": links.copy_text, "class": "md-button"},
                 label(site_lang, "copy_text", file=text.source.witness_file.rsplit("/", 1)[-1]))),
             h("p", {"class": "alb-source__licence"},
               h("strong", None, label(site_lang, "licence"), ": "), text.licence.get(site_lang)),
             h("p", {"class": "alb-source__version"}, label(site_lang, "edition_version", version=text.version)))


def text_body(text: TextDoc, site_lang: Lang) -> etree._Element:
    return h("div", {"class": "alb-text", "lang": text.lang, "data-siglum": text.siglum},
             *(division(d, site_lang) for d in text.divisions))


def text_page(text: TextDoc, site_lang: Lang, links: Links) -> tuple[str, list[TocEntry]]:
    article = h("div", {"class": "alb-edition", "data-siglum": text.siglum},
                source_note(text, site_lang, links), text_body(text, site_lang))
    toc = [TocEntry(d.xml_id, reading(d.head.content, "critical"), 2)
           for d in text.divisions if d.head is not None]
    return serialize(article), toc
