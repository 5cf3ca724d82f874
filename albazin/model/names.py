"""Names in the texts: every tagged mention of an index entity, with its context, and the checks
that keep tagging complete (no dangling @ref, no entity without a mention, no known name form
left untagged).

Works on the model only. A mention's anchor is the id `transform.with_mention_ids` gave it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from albazin.core.diagnostics import Diagnostic
from albazin.model.model import Chars, Choice, Edition, Inline, Note, Phrase, TextDoc, Unit, View, walk

CONTEXT_CHARS = 60  # keyword-in-context: characters of context on each side
_OPEN, _MID, _CLOSE, _MASK = "\x01", "\x02", "\x03", "\x00"
_MARKED = re.compile(f"{_OPEN}([^{_MID}]*){_MID}|{_CLOSE}")
_WS = re.compile(r"\s+")


@dataclass(frozen=True)
class Mention:
    entity: str
    xml_id: str  # anchor of the name on the text page
    doc: TextDoc  # the original or translation it occurs in
    unit_id: str
    unit_n: str | None
    critical: str  # the name as the critical text prints it
    diplomatic: str  # the name as the source has it
    left: str  # context before, critical text
    right: str  # context after
    tag: str
    line: int  # source line of the unit, for diagnostics


def _flat(nodes: Iterable[Inline], view: View, mask_titles: bool = False, mask_names: bool = False) -> str:
    """The unit's reading with each name bracketed by control characters carrying its id (or, with
    mask_names, blanked out like the titles of mask_titles)."""
    out: list[str] = []
    for node in nodes:
        if isinstance(node, Chars):
            out.append(node.value)
        elif isinstance(node, Choice):
            out.append(_flat(node.source if view == "diplomatic" else node.edited, view, mask_titles, mask_names))
        elif isinstance(node, Phrase):
            inner = _flat(node.children, view, mask_titles, mask_names)
            if mask_titles and node.tag == "title":
                out.append(_MASK * len(_strip(inner)))
            elif node.entity and node.xml_id:
                out.append(_MASK * len(inner) if mask_names else f"{_OPEN}{node.xml_id}{_MID}{inner}{_CLOSE}")
            else:
                out.append(inner)
        elif isinstance(node, Note):
            continue
    return "".join(out)


def _strip(marked: str) -> str:
    return _MARKED.sub("", marked)


def _spans(marked: str) -> dict[str, tuple[int, int]]:
    """Start and end, in the stripped text, of every name (nested ones included)."""
    spans: dict[str, tuple[int, int]] = {}
    stack: list[tuple[str, int]] = []
    position = 0
    i = 0
    while i < len(marked):
        ch = marked[i]
        if ch == _OPEN:
            end = marked.index(_MID, i)
            stack.append((marked[i + 1:end], position))
            i = end + 1
            continue
        if ch == _CLOSE:
            name_id, start = stack.pop()
            spans[name_id] = (start, position)
        else:
            position += 1
        i += 1
    return spans


def _context(text: str, start: int, end: int) -> tuple[str, str]:
    left = text[max(0, start - CONTEXT_CHARS):start]
    right = text[end:end + CONTEXT_CHARS]
    if start > CONTEXT_CHARS and " " in left:
        left = "…" + left.split(" ", 1)[1]
    if end + CONTEXT_CHARS < len(text) and " " in right:
        right = right.rsplit(" ", 1)[0] + "…"
    return _WS.sub(" ", left), _WS.sub(" ", right)


def _named_phrases(nodes: Iterable[Inline]) -> Iterator[Phrase]:
    for node in nodes:
        if isinstance(node, Phrase):
            if node.entity and node.xml_id:
                yield node
            yield from _named_phrases(node.children)
        elif isinstance(node, Choice):
            yield from _named_phrases(node.edited)


def unit_mentions(doc: TextDoc, unit: Unit) -> list[Mention]:
    critical = _flat(unit.content, "critical")
    diplomatic = _flat(unit.content, "diplomatic")
    text, crit_spans = _strip(critical), _spans(critical)
    dip_text, dip_spans = _strip(diplomatic), _spans(diplomatic)
    out = []
    for phrase in _named_phrases(unit.content):
        start, end = crit_spans[phrase.xml_id]
        d_start, d_end = dip_spans.get(phrase.xml_id, (start, end))
        left, right = _context(text, start, end)
        out.append(Mention(phrase.entity or "", phrase.xml_id or "", doc, unit.xml_id, unit.n,
                           text[start:end], dip_text[d_start:d_end], left, right, phrase.tag, unit.line))
    return out


_computed: dict[int, tuple[Edition, list[Mention]]] = {}


def mentions(edition: Edition) -> list[Mention]:
    """Every tagged name in the originals and translations, in reading order.

    Computed once per edition object (index pages, cards and checks all ask for it); keyed by
    identity because hashing the whole frozen model would cost more than the computation."""
    cached = _computed.get(id(edition))
    if cached is None or cached[0] is not edition:
        _computed.clear()
        cached = _computed[id(edition)] = (edition, [m for doc in edition.documents() for unit in doc.units()
                                                     for m in unit_mentions(doc, unit)])
    return cached[1]


def by_entity(edition: Edition) -> dict[str, list[Mention]]:
    grouped: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions(edition):
        grouped[m.entity].append(m)
    return dict(grouped)


def in_commentary(edition: Edition) -> dict[str, list[str]]:
    """The commentary entries (xml:ids, in order) that tag each entity: an entity may be named only
    there (a commander the texts leave out), and its index entry then links to those entries."""
    found: dict[str, list[str]] = defaultdict(list)
    for entry in edition.commentary:
        for _, content in entry.paragraphs:
            for node in walk(content):
                entity = node.entity if isinstance(node, Phrase) else None
                if entity and entry.xml_id not in found[entity]:
                    found[entity].append(entry.xml_id)
    return dict(found)


def forms_by_text(found: list[Mention]) -> dict[str, list[str]]:
    """The distinct forms of a name in each text (diplomatic, as the source spells them)."""
    forms: dict[str, list[str]] = defaultdict(list)
    for m in found:
        key = m.doc.siglum
        if m.diplomatic and m.diplomatic not in forms[key]:
            forms[key].append(m.diplomatic)
    return dict(forms)


# --- checks ----------------------------------------------------------------------------------------

def _masked(unit: Unit, view: View) -> str:
    """The unit's text with every tagged name and every title blanked out."""
    return _flat(unit.content, view, mask_titles=True, mask_names=True)


def _untagged(edition: Edition, found: list[Mention], tei_dir: Path) -> list[Diagnostic]:
    diagnostics = []
    for doc in edition.documents():
        forms: dict[str, str] = {}
        for m in found:
            if m.doc is doc:
                for form in (m.critical, m.diplomatic):
                    if form.strip() and len(form.strip()) > 1:
                        forms.setdefault(form.strip(), m.entity)
        if not forms:
            continue
        pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
                             + r")(?!\w)")
        for unit in doc.units():
            hits = {h.group(1) for view in ("critical", "diplomatic") for h in pattern.finditer(_masked(unit, view))}
            for form in sorted(hits):
                diagnostics.append(Diagnostic.at(
                    tei_dir / doc.file_name, unit.line, "untagged-name",
                    f'"{form}" in {unit.xml_id} is not tagged, but is tagged elsewhere in the text as {forms[form]}'))
    return diagnostics


def check(edition: Edition, tei_dir: Path) -> list[Diagnostic]:
    """Dangling name references, entities nobody mentions, and untagged known name forms."""
    known = {e.xml_id for e in edition.entities}
    diagnostics: list[Diagnostic] = []
    found = mentions(edition)
    for m in found:
        if m.entity not in known:
            diagnostics.append(Diagnostic.at(
                tei_dir / m.doc.file_name, m.line, "unknown-entity",
                f'<{m.tag}> "{m.critical}" in {m.unit_id} points to "{m.entity}", which is not an entry of the index'
                + (f" ({edition.authority_file})" if edition.authority_file else "")))
    mentioned = {m.entity for m in found} | set(in_commentary(edition))
    for entity in edition.entities:
        if entity.xml_id not in mentioned:
            diagnostics.append(Diagnostic.at(
                tei_dir / (edition.authority_file or "authority.xml"), entity.line, "unmentioned-entity",
                f'index entry "{entity.xml_id}" ({entity.name("en")}) is not mentioned in any text, translation '
                f'or commentary entry'))
    diagnostics += _untagged(edition, found, tei_dir)
    return diagnostics
