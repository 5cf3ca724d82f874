"""TEI → model. One small handler per TEI element, registered by a decorator (after delb).

The input has passed schema and rule validation; what this module still reports are TEI
constructions the edition does not (yet) render, so nothing is silently dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from lxml import etree

from albazin.core import externalids
from albazin.core.diagnostics import Diagnostic
from albazin.core.externalids import ExternalId
from albazin.load.rules import EDITION_FILE, text_siglum
from albazin.load.teiload import TEI_NS, XML_NS, TeiFile, tei, xml_id
from albazin.model.model import (
    BiblItem,
    BiblList,
    Bilingual,
    Block,
    Chars,
    Choice,
    CommentaryEntry,
    Division,
    Edition,
    Entity,
    EntityDate,
    EntityName,
    Episode,
    Geo,
    Head,
    Inline,
    Note,
    Paragraph,
    Phrase,
    Pointer,
    Question,
    SourceInfo,
    TextDoc,
    Work,
    pointer_ids,
)

_WS = re.compile(r"\s+")
# Attributes kept on Phrase nodes (everything else is structural or editorial bookkeeping).
KEPT_ATTRIBUTES = ("ref", "target", "when", "notBefore", "notAfter", "level", "type", "unit", "rend", "cert",
                   # figures (num, measure, date) for the concordance
                   "ana", "value", "quantity", "atLeast", "atMost", "min", "max", "when-custom", "calendar",
                   "datingMethod", "from", "to", "notBefore-custom", "notAfter-custom", "commodity",
                   # a translation's figure points at the original's
                   "corresp")

InlineHandler = Callable[[etree._Element, "Context"], list[Inline]]
_INLINE: dict[str, InlineHandler] = {}


def inline_handler(*local_names: str) -> Callable[[InlineHandler], InlineHandler]:
    def register(fn: InlineHandler) -> InlineHandler:
        for name in local_names:
            _INLINE[tei(name)] = fn
        return fn
    return register


class Context:
    """What handlers need besides the element: where to report problems."""

    def __init__(self, path: Path):
        self.path = path
        self.diagnostics: list[Diagnostic] = []

    def problem(self, el: etree._Element, code: str, message: str) -> None:
        self.diagnostics.append(Diagnostic.at(self.path, el.sourceline, code, message))


# --- inline content ----------------------------------------------------------------------------

def _chars(text: str | None) -> list[Inline]:
    return [Chars(_WS.sub(" ", text))] if text else []


def mixed_content(el: etree._Element, ctx: Context) -> list[Inline]:
    """The element's text, children and their tails, as inline nodes."""
    out = _chars(el.text)
    for child in el:
        if isinstance(child.tag, str):  # skip comments and processing instructions
            out += _INLINE.get(child.tag, _phrase)(child, ctx)
        out += _chars(child.tail)
    return _merge(out)


def _merge(nodes: list[Inline]) -> list[Inline]:
    merged: list[Inline] = []
    for node in nodes:
        if isinstance(node, Chars) and merged and isinstance(merged[-1], Chars):
            merged[-1] = Chars(_WS.sub(" ", merged[-1].value + node.value))
        else:
            merged.append(node)
    return merged


def trimmed(nodes: list[Inline]) -> tuple[Inline, ...]:
    """Strip the whitespace that pretty-printing puts at the edges of a block."""
    nodes = list(nodes)
    if nodes and isinstance(nodes[0], Chars):
        nodes[0] = Chars(nodes[0].value.lstrip())
    if nodes and isinstance(nodes[-1], Chars):
        nodes[-1] = Chars(nodes[-1].value.rstrip())
    return tuple(n for n in nodes if not (isinstance(n, Chars) and not n.value))


def _phrase(el: etree._Element, ctx: Context) -> list[Inline]:
    attrs = tuple(sorted((k, v) for k, v in el.attrib.items() if k in KEPT_ATTRIBUTES))
    lang = el.get(f"{{{XML_NS}}}lang")
    return [Phrase(etree.QName(el).localname, tuple(mixed_content(el, ctx)), attrs, lang, xml_id(el))]


def corresp_id(el: etree._Element) -> str | None:
    ids = pointer_ids(el.get("corresp"))
    return ids[0] if ids else None


@inline_handler("choice")
def _choice(el: etree._Element, ctx: Context) -> list[Inline]:
    parts = {etree.QName(c).localname: c for c in el if isinstance(c.tag, str)}
    for source, edited, kind in (("sic", "corr", "correction"), ("orig", "reg", "regularisation")):
        if source in parts and edited in parts:
            category = (pointer_ids(parts[edited].get("ana")) or (None,))[0]  # the class of emendation
            return [Choice(kind, tuple(mixed_content(parts[source], ctx)),
                           tuple(mixed_content(parts[edited], ctx)), xml_id(el), category)]
    ctx.problem(el, "unsupported", "<choice> needs sic+corr or orig+reg")
    return []


@inline_handler("note")
def _note(el: etree._Element, ctx: Context) -> list[Inline]:
    return [note(el, ctx)]


def note(el: etree._Element, ctx: Context) -> Note:
    versions = [(p.get(f"{{{XML_NS}}}lang", "en"), trimmed(mixed_content(p, ctx)))
                for p in el.iterchildren(tei("p"))]
    if not versions:
        versions = [(el.get(f"{{{XML_NS}}}lang", "en"), trimmed(mixed_content(el, ctx)))]
    return Note(xml_id(el) or "", el.get("type", "note"), tuple(versions), el.sourceline,
                targets=pointer_ids(el.get("target")), cert=el.get("cert"), corresp=corresp_id(el))


# --- blocks and divisions ----------------------------------------------------------------------

def with_mention_ids(unit_id: str, content: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """Give each name without an xml:id a stable anchor: unit id + entity + its ordinal among
    that entity's names in the unit ("A-p3-pers-tolbuzin-2"). Index occurrences link to it; it
    only changes if a name of the same entity is inserted before it in the same paragraph."""
    seen: dict[str, int] = {}

    def visit(nodes: tuple[Inline, ...]) -> tuple[Inline, ...]:
        out: list[Inline] = []
        for node in nodes:
            if isinstance(node, Phrase):
                # names, and glossary terms (the glossary lists their occurrences): "A-p1-gl-voevoda-1"
                entity = node.entity or (term_id(node) if node.tag == "term" else None)
                if entity and not node.xml_id:
                    seen[entity] = seen.get(entity, 0) + 1
                    node = replace(node, xml_id=f"{unit_id}-{entity}-{seen[entity]}")
                node = replace(node, children=visit(node.children))
            elif isinstance(node, Choice):
                node = replace(node, source=visit(node.source), edited=visit(node.edited))
            out.append(node)
        return tuple(out)

    return visit(content)


def term_id(node: Phrase) -> str | None:
    """The glossary entry a <term ref="glossary.xml#gl-…"> points at."""
    ids = pointer_ids(node.attr("ref"))
    return ids[0] if ids else None


def _paragraph(el: etree._Element, ctx: Context) -> Paragraph:
    pid = xml_id(el) or ""
    return Paragraph(pid, el.get("n"), with_mention_ids(pid, trimmed(mixed_content(el, ctx))), el.sourceline,
                     corresp_id(el))


def _bibl_list(el: etree._Element, ctx: Context) -> BiblList:
    items = tuple(BiblItem(xml_id(b) or "", with_mention_ids(xml_id(b) or "", trimmed(mixed_content(b, ctx))),
                           b.sourceline, corresp_id(b))
                  for b in el.iterchildren(tei("bibl")))
    return BiblList(xml_id(el) or "", items, corresp_id(el))


_BLOCKS: dict[str, Callable[[etree._Element, Context], Block]] = {
    tei("p"): _paragraph,
    tei("listBibl"): _bibl_list,
    tei("note"): note,
}


def division(el: etree._Element, ctx: Context) -> Division:
    head, blocks = None, []
    for child in el.iterchildren(etree.Element):
        if child.tag == tei("head"):
            head = Head(with_mention_ids(f"{xml_id(el)}-head", trimmed(mixed_content(child, ctx))), child.get("rend"))
        elif child.tag in _BLOCKS:
            blocks.append(_BLOCKS[child.tag](child, ctx))
        else:
            name = etree.QName(child).localname
            ctx.problem(child, "unsupported", f"<{name}> inside <div> is not rendered by the edition")
    return Division(xml_id(el) or "", el.get("type"), el.get("subtype"), head, tuple(blocks), el.sourceline,
                    corresp_id(el))


# --- header ------------------------------------------------------------------------------------

def _ns(path: str) -> str:
    return "/".join(f"tei:{step}" if step and step[0].isalpha() else step for step in path.split("/"))


def _xpath(el: etree._Element, path: str) -> list:
    return el.xpath(_ns(path), namespaces={"tei": TEI_NS})


def _text(el: etree._Element) -> str:
    return _WS.sub(" ", "".join(el.itertext())).strip()


def _bilingual(elements: list) -> Bilingual:
    return Bilingual(tuple((e.get(f"{{{XML_NS}}}lang", "en"), _text(e)) for e in elements))


def _first(el: etree._Element, path: str, default: str = "") -> str:
    found = _xpath(el, path)
    if not found:
        return default
    return found[0] if isinstance(found[0], str) else _text(found[0])


def text_doc(f: TeiFile, ctx: Context) -> TextDoc:
    root = f.root
    header = _xpath(root, "teiHeader")[0]
    source_bibl = _xpath(header, "fileDesc/sourceDesc/bibl")
    sb = source_bibl[0] if source_bibl else header
    source = SourceInfo(
        provenance=_bilingual(_xpath(sb, "note[@type='provenance']")),
        witness_file=_first(sb, "idno[@type='witness-file']"),
        original_filename=_first(sb, "idno[@type='original-filename']"),
        sha256=_first(sb, "idno[@type='sha256']"),
        url=_first(sb, "ptr/@target") or None,
    )
    text_el = _xpath(root, "text")[0]
    divisions = tuple(division(d, ctx) for d in _xpath(text_el, "body/div"))
    return TextDoc(
        siglum=text_siglum(f)[0],
        xml_id=xml_id(root) or f.path.stem,
        file_name=f.path.name,
        lang=text_el.get(f"{{{XML_NS}}}lang", "und"),
        title=_bilingual(_xpath(header, "fileDesc/titleStmt/title[@type='main']")),
        short_title=_bilingual(_xpath(header, "fileDesc/titleStmt/title[@type='short']")),
        version=_first(header, "fileDesc/editionStmt/edition/@n"),
        licence=_bilingual(_xpath(header, "fileDesc/publicationStmt/availability/licence/p")),
        source=source,
        divisions=divisions,
        translation_of=_translated_file(text_el),
    )


def _translated_file(text_el: etree._Element) -> str | None:
    """A translation's <text type="translation" corresp="A.xml"> names its original's file;
    `edition()` replaces the file name with the original's siglum."""
    if text_el.get("type") != "translation":
        return None
    return text_el.get("corresp") or ""


# --- the authority file (persons, groups, places) -------------------------------------------------

ENTITY_ELEMENTS = {tei("person"): ("person", "persName"), tei("org"): ("org", "orgName"),
                   tei("place"): ("place", "placeName")}


def _name_parts(name: etree._Element) -> tuple[tuple[str, str], ...]:
    """The name's child elements (forename, surname, roleName, …) and the text between them, in order."""
    if not len(name):
        return ()
    parts = [("", name.text or "")]
    for child in name:
        if isinstance(child.tag, str):
            parts.append((etree.QName(child).localname, _text(child)))
        parts.append(("", child.tail or ""))
    return tuple((kind, _WS.sub(" ", value).strip()) for kind, value in parts if value.strip())


def _entity_names(el: etree._Element, name_tag: str) -> tuple[EntityName, ...]:
    return tuple(EntityName(n.get("type", "standard"), n.get(f"{{{XML_NS}}}lang"), _text(n), _name_parts(n))
                 for n in el.iterchildren(tei(name_tag)))


def _entity_dates(el: etree._Element) -> tuple[EntityDate, ...]:
    return tuple(EntityDate(etree.QName(d).localname, d.get("when"), d.get("notBefore"), d.get("notAfter"),
                            d.get("cert"), _text(d))
                 for d in el.iterchildren(tei("birth"), tei("death"), tei("floruit")))


def _geo(el: etree._Element, ctx: Context) -> Geo | None:
    for location in el.iterchildren(tei("location")):
        geo = location.find(tei("geo"))
        if geo is None or not (geo.text or "").strip():
            continue
        try:
            lat, lon = (float(v) for v in geo.text.split())
        except ValueError:
            ctx.problem(geo, "bad-geo", f'<geo> must be "latitude longitude" in decimal degrees, not "{geo.text}"')
            return None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            ctx.problem(geo, "bad-geo", f'<geo> "{geo.text}" is outside the range of latitude/longitude')
            return None
        return Geo(lat, lon, location.get("cert") or geo.get("cert"))
    return None


def _identifiers(el: etree._Element, ctx: Context) -> tuple[ExternalId, ...]:
    """The entry's own external identifiers (<idno> children; the edition's other idnos are not these)."""
    found = []
    for idno in el.iterchildren(tei("idno")):
        scheme, value = idno.get("type") or "", (idno.text or "").strip()
        problem = externalids.problem(scheme, value)
        if problem:
            ctx.problem(idno, "bad-idno", problem)
        else:
            found.append(ExternalId(scheme, value))
    return tuple(found)


def entity(el: etree._Element, ctx: Context) -> Entity:
    kind, name_tag = ENTITY_ELEMENTS[el.tag]
    description = _xpath(el, "note[@type='description']/p")
    bibls = _xpath(el, "note[@type='sources']//bibl")
    sources = tuple(trimmed(mixed_content(b, ctx)) for b in bibls)
    web = tuple(i for i, b in enumerate(bibls) if b.get("type") == "webpage")
    return Entity(xml_id(el) or "", kind, el.get("type"), _entity_names(el, name_tag), _entity_dates(el),
                  _bilingual(description), sources, _geo(el, ctx) if kind == "place" else None,
                  el.get("role"), el.sourceline, _identifiers(el, ctx), web)


def is_authority(f: TeiFile) -> bool:
    lists = f.root.iter(tei("listPerson"), tei("listPlace"), tei("listOrg"))
    return f.root.find(tei("standOff")) is not None and next(lists, None) is not None


def entities(f: TeiFile, ctx: Context) -> list[Entity]:
    return [entity(el, ctx) for el in f.root.iter(*ENTITY_ELEMENTS) if xml_id(el)]


# --- the questions (edition.xml: taxonomy "questions", episodes containing questions) ---------------

QUESTIONS_TAXONOMY = "questions"


def episodes(meta: TeiFile) -> tuple[Episode, ...]:
    """The episodes of the taxonomy, each with its questions, in document order."""
    found = []
    for taxonomy in _xpath(meta.root, "teiHeader//taxonomy"):
        if xml_id(taxonomy) != QUESTIONS_TAXONOMY:
            continue
        for ep in taxonomy.iterchildren(tei("category")):
            questions = tuple(Question(xml_id(q) or "", xml_id(ep) or "", _bilingual(_xpath(q, "catDesc")),
                                       q.sourceline)
                              for q in ep.iterchildren(tei("category")))
            found.append(Episode(xml_id(ep) or "", _bilingual(_xpath(ep, "catDesc")), questions))
    return tuple(found)


COMMENTARY_TYPE = "commentary"
# <text> types that hold editorial matter, not an original or a translation (albazin/model/editorial.py)
EDITORIAL_TYPES = frozenset({COMMENTARY_TYPE, "glossary", "introduction"})


def is_text(f: TeiFile) -> bool:
    """An original or a translation (the commentary, glossary and introduction are <text>s too, typed)."""
    text = f.root.find(tei("text"))
    return text is not None and text.get("type") not in EDITORIAL_TYPES


def is_commentary(f: TeiFile) -> bool:
    text = f.root.find(tei("text"))
    return text is not None and text.get("type") == COMMENTARY_TYPE


def is_bibliography(f: TeiFile) -> bool:
    stand_off = f.root.find(tei("standOff"))
    return stand_off is not None and stand_off.find(tei("listBibl")) is not None and not is_authority(f)


# --- the commentary and the bibliography ---------------------------------------------------------

def pointers(value: str | None) -> tuple[Pointer, ...]:
    """ "A.xml#A-fig4 B.xml#B-p2" → the (file, id) pairs."""
    out = []
    for part in (value or "").split():
        file_name, _, fragment = part.rpartition("#")
        if fragment:
            out.append(Pointer(file_name, fragment))
    return tuple(out)


def commentary_entries(f: TeiFile, ctx: Context) -> list[CommentaryEntry]:
    found = []
    for div in _xpath(f.root, "text/body/div"):
        episode = (pointer_ids(div.get("corresp")) or ("",))[0]
        for el in div.iterchildren(tei("note")):
            paragraphs = tuple((p.get(f"{{{XML_NS}}}lang", "en"), trimmed(mixed_content(p, ctx)))
                               for p in el.iterchildren(tei("p")))
            found.append(CommentaryEntry(
                xml_id(el) or "", episode, _bilingual(list(el.iterchildren(tei("label")))), paragraphs,
                pointers(el.get("target")), pointer_ids(el.get("ana")), el.sourceline))
    return found


def _work(el: etree._Element, ctx: Context) -> Work:
    consulted = list(el.iterchildren(tei("note")))
    # the notes are about the work, not part of its description
    content = trimmed(_merge([n for n in mixed_content(el, ctx) if not isinstance(n, Note)]))
    first = el.find(f".//{{{TEI_NS}}}surname")
    if first is None:
        first = next(el.iterchildren(tei("author"), tei("editor"), tei("title")), None)
    key = _text(first) if first is not None else _text(el)
    return Work(xml_id(el) or "", content, _bilingual(consulted), key.casefold(), el.sourceline,
                el.get("type"), el.get("subtype"))


def works(f: TeiFile, ctx: Context) -> list[Work]:
    found = [_work(el, ctx) for el in f.root.iter(tei("bibl"), tei("biblStruct"))
             if el.getparent() is not None and el.getparent().tag == tei("listBibl")]
    return sorted(found, key=lambda w: (w.sort_key, w.xml_id))


def edition(files: list[TeiFile]) -> tuple[Edition, list[Diagnostic]]:
    diagnostics: list[Diagnostic] = []
    texts = []
    for f in files:
        if is_text(f):
            ctx = Context(f.path)
            texts.append(text_doc(f, ctx))
            diagnostics += ctx.diagnostics
    meta = next((f for f in files if f.path.name == EDITION_FILE), None)
    if meta is not None:
        header = _xpath(meta.root, "teiHeader")[0]
        version = _first(header, "fileDesc/editionStmt/edition/@n")
        title = _bilingual(_xpath(header, "fileDesc/titleStmt/title[@type='main']"))
        found_episodes = episodes(meta)
        imprint = {"published": _first(header, "fileDesc/publicationStmt/date/@when"),
                   "editors": _first(header, "fileDesc/titleStmt/editor"),
                   "publisher": _first(header, "fileDesc/publicationStmt/publisher"),
                   "licence": _bilingual(_xpath(header, "fileDesc/publicationStmt/availability/licence/p")),
                   "licence_url": _first(header, "fileDesc/publicationStmt/availability/licence/@target") or None}
    else:
        version, title = (texts[0].version if texts else ""), Bilingual((("en", "Edition"),))
        found_episodes, imprint = (), {}
    found_entities: list[Entity] = []
    authority = next((f for f in files if is_authority(f)), None)
    if authority is not None:
        ctx = Context(authority.path)
        found_entities = entities(authority, ctx)
        diagnostics += ctx.diagnostics
    originals = sorted((t for t in texts if t.translation_of is None), key=lambda t: t.siglum)
    siglum_of_file = {t.file_name: t.siglum for t in originals}
    path_of_file = {f.path.name: f.path for f in files}
    translations = []
    for t in sorted((t for t in texts if t.translation_of is not None), key=lambda t: t.siglum):
        if t.translation_of in siglum_of_file:
            translations.append(replace(t, translation_of=siglum_of_file[t.translation_of]))
        else:
            diagnostics.append(Diagnostic.at(path_of_file[t.file_name], 0, "orphan-translation",
                                             f'<text type="translation"> has corresp="{t.translation_of}", '
                                             "which is not an original text of the corpus"))
    commentary, works_cited = None, None
    entries: list[CommentaryEntry] = []
    found_works: list[Work] = []
    for f in files:
        ctx = Context(f.path)
        if is_commentary(f):
            commentary, entries = f.path.name, commentary_entries(f, ctx)
        elif is_bibliography(f):
            works_cited, found_works = f.path.name, works(f, ctx)
        diagnostics += ctx.diagnostics
    return Edition(version, title, tuple(originals), tuple(translations), tuple(found_entities),
                   authority.path.name if authority is not None else None, found_episodes,
                   tuple(entries), tuple(found_works), commentary, works_cited, **imprint), diagnostics
