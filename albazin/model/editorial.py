"""TEI → model for the edition's editorial matter, and its checks.

- the classes of emendation (edition.xml, taxonomy "emendations"), which every <corr> names;
- the glossary (a TEI file whose <text type="glossary"> holds one <entry> per term);
- the introduction (a TEI file whose <text type="introduction"> holds one <div> per citable
  section, with <head> and <p> in each language and perhaps a <figure> with a <graph>: the stemma).

`attach` adds them to the edition that `transform.edition` built (pipeline calls it).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from lxml import etree

from albazin.core.diagnostics import Diagnostic
from albazin.core.i18n import LANGUAGES
from albazin.load.rules import EDITION_FILE
from albazin.load.teiload import XML_NS, TeiFile, tei, xml_id
from albazin.model.model import (
    Bilingual,
    Choice,
    Edition,
    EmendationClass,
    GlossaryEntry,
    Graph,
    GraphArc,
    GraphNode,
    Inline,
    IntroSection,
    Lang,
    Phrase,
    TextDoc,
    per_edition,
    pointer_ids,
    walk,
)
from albazin.model.transform import Context, mixed_content, trimmed

GLOSSARY_TYPE = "glossary"
INTRODUCTION_TYPE = "introduction"
EMENDATIONS_TAXONOMY = "emendations"
_LANG = f"{{{XML_NS}}}lang"


def _text_type(f: TeiFile) -> str | None:
    text = f.root.find(tei("text"))
    return text.get("type") if text is not None else None


def _plain(el: etree._Element | None) -> str:
    return " ".join("".join(el.itertext()).split()) if el is not None else ""


def _bilingual(elements: Iterator[etree._Element] | list[etree._Element]) -> Bilingual:
    return Bilingual(tuple((e.get(_LANG, "en"), _plain(e)) for e in elements))


def _versions(elements, ctx: Context) -> tuple[tuple[Lang, tuple[Inline, ...]], ...]:
    return tuple((e.get(_LANG, "en"), trimmed(mixed_content(e, ctx))) for e in elements)


# --- classes of emendation ------------------------------------------------------------------------

def emendation_classes(meta: TeiFile) -> tuple[EmendationClass, ...]:
    found = []
    for taxonomy in meta.root.iter(tei("taxonomy")):
        if xml_id(taxonomy) == EMENDATIONS_TAXONOMY:
            found += [EmendationClass(xml_id(c) or "", _bilingual(list(c.iterchildren(tei("catDesc")))), c.sourceline)
                      for c in taxonomy.iterchildren(tei("category"))]
    return tuple(found)


# --- the glossary ---------------------------------------------------------------------------------

def _entry(el: etree._Element, ctx: Context) -> GlossaryEntry:
    form = el.find(tei("form"))
    orths = list(form.iterchildren(tei("orth"))) if form is not None else []
    headword = next((_plain(o) for o in orths if o.get("type") != "transliteration"), "")
    transliteration = next((_plain(o) for o in orths if o.get("type") == "transliteration"), "")
    equivalents = [(c.get(_LANG, "en"), _plain(c.find(f".//{tei('orth')}")))
                   for c in el.iterchildren(tei("cit")) if c.get("type") == "translationEquivalent"]
    sense = el.find(tei("sense"))
    definition = _versions(sense.iterchildren(tei("def")), ctx) if sense is not None else ()
    usage = _versions((u for u in sense.iterchildren(tei("usg")) if u.get("type") == "texts"), ctx) \
        if sense is not None else ()
    sources = tuple(trimmed(mixed_content(b, ctx)) for b in sense.iterchildren(tei("bibl"))) \
        if sense is not None else ()
    related = tuple(i for xr in el.iterchildren(tei("xr")) for ref in xr.iter(tei("ref"))
                    for i in pointer_ids(ref.get("target")))
    entity = (pointer_ids(el.get("corresp")) or (None,))[0]
    return GlossaryEntry(xml_id(el) or "", headword, transliteration,
                         Bilingual((("ru", headword), *equivalents)), definition, usage, sources, related,
                         entity, el.get("type") or "text", el.sourceline)


def glossary_entries(f: TeiFile, ctx: Context) -> list[GlossaryEntry]:
    return [_entry(el, ctx) for el in f.root.iter(tei("entry"))]


# --- the introduction -------------------------------------------------------------------------------

def _graph(el: etree._Element) -> Graph:
    nodes = tuple(GraphNode(xml_id(n) or "", _bilingual(list(n.iterchildren(tei("label")))), n.get("type"),
                            n.get("corresp"))
                  for n in el.iterchildren(tei("node")))
    arcs = tuple(GraphArc((pointer_ids(a.get("from")) or ("",))[0], (pointer_ids(a.get("to")) or ("",))[0],
                          _bilingual(list(a.iterchildren(tei("label")))), a.get("cert"))
                 for a in el.iterchildren(tei("arc")))
    figure = el.getparent()
    return Graph(xml_id(el) or "", _bilingual(list(figure.iterchildren(tei("head")))),
                 _bilingual(list(figure.iterchildren(tei("figDesc")))), nodes, arcs)


def intro_sections(f: TeiFile, ctx: Context) -> list[IntroSection]:
    found = []
    for div in f.root.iter(tei("div")):
        depth = sum(1 for a in div.iterancestors(tei("div")))
        graph = next((_graph(g) for fig in div.iterchildren(tei("figure")) for g in fig.iterchildren(tei("graph"))),
                     None)
        found.append(IntroSection(xml_id(div) or "", _bilingual(list(div.iterchildren(tei("head")))),
                                  _versions(div.iterchildren(tei("p")), ctx), graph, 2 + depth, div.sourceline))
    return found


# --- attach to the edition ----------------------------------------------------------------------------

def attach(edition: Edition, files: list[TeiFile]) -> tuple[Edition, list[Diagnostic]]:
    diagnostics: list[Diagnostic] = []
    changes: dict = {}
    meta = next((f for f in files if f.path.name == EDITION_FILE), None)
    if meta is not None:
        changes["emendation_classes"] = emendation_classes(meta)
    for f in files:
        kind = _text_type(f)
        ctx = Context(f.path)
        if kind == GLOSSARY_TYPE:
            changes["glossary"], changes["glossary_file"] = tuple(glossary_entries(f, ctx)), f.path.name
        elif kind == INTRODUCTION_TYPE:
            changes["introduction"], changes["introduction_file"] = tuple(intro_sections(f, ctx)), f.path.name
        diagnostics += ctx.diagnostics
    return replace(edition, **changes), diagnostics


# --- checks -------------------------------------------------------------------------------------------

TermUse = tuple[str, Phrase, str]  # (glossary entry id, the term, the id of its unit)


def term_uses(doc: TextDoc) -> Iterator[TermUse]:
    """Every <term> of a text or translation: (glossary entry id, the term, the id of its unit)."""
    for unit in doc.units():
        for node in walk(unit.content):
            if isinstance(node, Phrase) and node.tag == "term":
                for entry in pointer_ids(node.attr("ref"))[:1]:
                    yield entry, node, unit.xml_id


@per_edition
def _term_uses_by_file(edition: Edition) -> dict[str, tuple[TextDoc, tuple[TermUse, ...]]]:
    return {doc.file_name: (doc, tuple(term_uses(doc))) for doc in edition.documents()}


def edition_term_uses(edition: Edition, doc: TextDoc) -> tuple[TermUse, ...]:
    """`term_uses` of one of the edition's documents, walked once per edition: the glossary page
    asks for every entry's uses in every document, in both languages."""
    hit = _term_uses_by_file(edition).get(doc.file_name)
    return hit[1] if hit is not None and hit[0] is doc else tuple(term_uses(doc))


def check(edition: Edition, tei_dir: Path) -> list[Diagnostic]:
    """Every correction is classed by a declared class; every term points to an entry of the glossary;
    every entry has its definition in each language, and an entry for the texts is used in a text."""
    found: list[Diagnostic] = []
    classes = {c.xml_id for c in edition.emendation_classes}
    # A corpus that declares classes of emendation (edition.xml, taxonomy "emendations") must use them.
    for text in edition.texts if classes else ():
        for unit in text.units():
            for node in walk(unit.content):
                if isinstance(node, Choice) and node.kind == "correction" and node.category not in classes:
                    declared = ", ".join(sorted(classes))
                    found.append(Diagnostic.at(tei_dir / text.file_name, unit.line, "unclassed-correction",
                                               f'correction {node.xml_id} names no declared class of emendation '
                                               f'(<corr ana="edition.xml#em-…">; declared: {declared})'))
    entries = {e.xml_id: e for e in edition.glossary}
    used: set[str] = set()
    for doc in edition.documents():
        for entry, node, unit in term_uses(doc):
            used.add(entry)
            if entry not in entries:
                found.append(Diagnostic.at(tei_dir / doc.file_name, 0, "unknown-term",
                                           f'<term ref="{node.attr("ref")}"> in {unit} names no entry of the glossary'))
    if edition.glossary_file:
        path = tei_dir / edition.glossary_file
        for entry in edition.glossary:
            for lang in LANGUAGES:
                if lang not in dict(entry.definition):
                    found.append(Diagnostic.at(path, entry.line, "glossary-language",
                                               f'entry {entry.xml_id} has no <def xml:lang="{lang}">'))
            if entry.scope == "text" and entry.xml_id not in used:
                found.append(Diagnostic.at(path, entry.line, "unused-term",
                                           f'entry {entry.xml_id} (type="text") is named by no <term> of the texts'))
            for other in entry.related:
                if other not in entries:
                    found.append(Diagnostic.at(path, entry.line, "unknown-term",
                                               f'entry {entry.xml_id} refers to "{other}", which is not an entry'))
    return found
