"""The HTML ids the site generates, and the rule that no xml:id of the corpus may take one.

An xml:id is also its element's HTML id (the stable anchors). Every other id on a page is made by
the theme, by the edition's templates and scripts, or by the renderer from the model; an xml:id
equal to one of them would give a page two elements with one id (the theme's menu, a note's back
link or an index link would then lead to the wrong place). They are, by who makes them:

  the theme (Material)    every id begins with "__": __drawer, __search, __toc, __nav_1_2,
                          __palette_0, __code_0, __tooltip_…
  templates and scripts   every fixed id begins with "alb-": alb-cite-data, alb-howtocite,
                          alb-search-box-q (overrides/), alb-popup, alb-cite (docs/assets/js/edition/),
                          alb-view-critical (textpage), alb-map-title (mapsvg) …
  the renderer            {note}-ref            the marker of a numbered note (render.note_marker)
                          cref-{id}-{entry}     a commentary marker (render.comment_markers)
                          card-{entity}         a name card (textpage.card)
                          map-{place}           a point of the map (mapsvg)
                          chart-{question}…     a chart of the concordance (charts.chart_id)
                          {siglum}-apparatus, {siglum}-commentary  headings of a text page
                          com-{episode}         an episode's heading in the commentary (the
                                                commentary's division of that episode has this id)
                          {unit}-{entity}-{n}   the anchor of a name without an xml:id
                                                (transform.with_mention_ids: unit = paragraph,
                                                heading ("{division}-head") or item); a glossary
                                                term's likewise ({unit}-{term}-{n})
                          {graph}-title, {graph}-desc, {graph}-arrow  a stemma's SVG (stemma.py)
                          v{version}, versions, unreleased  the changes page (changelog.py)
  fixed section ids       of the downloads, concordance and index pages (FIXED below)

`reserved(value, generated)` says why a value is taken (None: free); `check` reports every xml:id
of the corpus that is taken. tests/model/test_hostile_ids.py checks against a built site that every id
on every page is an xml:id, a hand-written page's anchor or one of these.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from albazin.core.diagnostics import Diagnostic
from albazin.core.i18n import N_
from albazin.load.teiload import TeiFile, tei, xml_id
from albazin.model.model import Edition, pointer_ids

PREFIXES = (("__", "the theme's ids begin with \"__\""),
            ("alb-", "the edition's templates and scripts use ids beginning with \"alb-\""),
            ("card-", "name cards have the ids card-{entity}"),
            ("cref-", "commentary markers have the ids cref-{id}-{entry}"),
            ("map-", "points of the map have the ids map-{place}"),
            ("chart-", "the concordance's charts have the ids chart-{question}"))
SUFFIXES = (("-ref", "the marker of a note has the id {note}-ref"),
            ("-apparatus", "a text page's apparatus heading has the id {siglum}-apparatus"),
            ("-commentary", "a text page's commentary heading has the id {siglum}-commentary"))
# The downloads page's sections, in order: (id, label key); the ids are anchors of that page
# (albazin/publish/downloads.py, downloadspage.py). Defined here so that the corpus check, which needs the
# ids, does not import the publishing layer.
DOWNLOADS_SECTIONS = (("corpus", N_("dl_corpus")), ("tei", N_("dl_tei")), ("plain-text", N_("dl_plain")),
                      ("data", N_("dl_data")), ("cite", N_("dl_cite")), ("sources", N_("dl_sources")),
                      ("checksums", N_("dl_checksums")))
ENTITY_COLUMNS_ID = "index-columns"  # the downloads page's description of the index's columns
# The fixed ids of the pages' own elements (the concordance's filter, the search page's input) begin
# with "alb-": PREFIXES reserves them (tests/model/test_hostile_ids.py holds the renderers to that).
FIXED = frozenset({
    *(section for section, _ in DOWNLOADS_SECTIONS), ENTITY_COLUMNS_ID,
    "data-columns", "charts", "timeline", "map",
    *(f"timeline-{chart}{part}" for chart in ("sieges", "context") for part in ("", "-title", "-desc")),
    "versions", "unreleased",
})
_VERSION_ANCHOR = re.compile(r"v\d+\.\d+\.\d+.*")  # the changes page's heading of a version
GRAPH_PARTS = ("-title", "-desc", "-arrow")
_MENTION_TAIL = re.compile(r"(?P<entity>.+)-(?P<n>[1-9]\d*)")


@dataclass(frozen=True)
class Generated:
    """What the ids generated from the model are made of."""
    units: frozenset[str]  # ids whose names get anchors {unit}-{entity}-{n}
    entities: frozenset[str]  # index entries and glossary terms
    episodes: frozenset[str]
    graphs: frozenset[str] = frozenset()


def generated(edition: Edition, corpus_ids: frozenset[str]) -> Generated:
    units = corpus_ids | {f"{d.xml_id}-head" for doc in edition.documents() for d in doc.divisions}
    return Generated(frozenset(units),
                     frozenset(e.xml_id for e in edition.entities) | {g.xml_id for g in edition.glossary},
                     frozenset(e.xml_id for e in edition.episodes),
                     frozenset(s.graph.xml_id for s in edition.introduction if s.graph is not None))


def _mention(value: str, made: Generated) -> str | None:
    """The unit a value would be a name anchor of ("A-p3-pers-tolbuzin-2" → "A-p3"), if any."""
    for i, ch in enumerate(value):
        if ch == "-" and value[:i] in made.units:
            tail = _MENTION_TAIL.fullmatch(value[i + 1:])
            if tail and tail["entity"] in made.entities:
                return value[:i]
    return None


def reserved(value: str, made: Generated) -> str | None:
    """Why an id is taken by the theme or the edition, or None."""
    for prefix, reason in PREFIXES:
        if value.startswith(prefix):
            return reason
    for suffix, reason in SUFFIXES:
        if value.endswith(suffix):
            return reason
    if value in FIXED:
        return "a section of the edition's generated pages has this id"
    if _VERSION_ANCHOR.fullmatch(value):
        return "the changes page gives each version's heading the id v{version}"
    for graph in made.graphs:
        if value in {graph + part for part in GRAPH_PARTS}:
            return f"the SVG of the stemma {graph} has the ids {graph}-title, -desc and -arrow"
    if value.startswith("com-") and value[4:] in made.episodes:
        return f"the commentary's heading of episode {value[4:]} has this id"
    unit = _mention(value, made)
    if unit is not None:
        return f"it is the anchor the edition gives to a name in {unit} ({{unit}}-{{entity}}-{{n}})"
    return None


def _episode_division(el: etree._Element) -> bool:
    """The commentary's division of an episode, whose id is by design its heading's: com-{episode}."""
    episodes = pointer_ids(el.get("corresp"))
    return el.tag == tei("div") and bool(episodes) and xml_id(el) == f"com-{episodes[0]}"


def check(edition: Edition, files: list[TeiFile]) -> list[Diagnostic]:
    ids = [(f, el, xml_id(el)) for f in files for el in f.root.iter(etree.Element) if xml_id(el)]
    made = generated(edition, frozenset(i for _, _, i in ids))
    found = []
    for f, el, value in ids:
        reason = None if _episode_division(el) else reserved(value, made)
        if reason:
            found.append(Diagnostic.at(f.path, el.sourceline, "reserved-id",
                                       f'xml:id "{value}" is reserved: {reason}'))
    return found
