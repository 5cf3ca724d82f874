"""The commentary's links into the texts: which lemmata each entry discusses, in each text and
translation, and the checks that keep the commentary and the bibliography consistent.

An entry points (@target) at elements of the originals: figures, apparatus lemmata, <seg
type="commented">, or whole units. Their counterparts in the translations are derived: a figure's
translation is the figure that points back to it (@corresp); anything else is represented by the
translation unit of the unit that holds it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from albazin.core.diagnostics import Diagnostic
from albazin.core.i18n import LANGUAGES
from albazin.model import citing, concordance, figures
from albazin.model.model import (
    Choice,
    CommentaryEntry,
    Edition,
    Inline,
    Phrase,
    Pointer,
    TextDoc,
    Unit,
    Work,
    per_edition,
    walk,
)
from albazin.model.readings import normalise_whitespace, reading


@dataclass(frozen=True)
class Lemma:
    """A place in a text or translation that a commentary entry discusses."""
    doc: TextDoc
    xml_id: str  # its anchor on the text page
    unit: Unit  # the citable unit holding it
    text: str  # its critical reading ("" for a whole unit)
    whole_unit: bool = False
    derived: bool = False  # a translation's counterpart, found through @corresp


def _elements(doc: TextDoc) -> dict[str, tuple[Unit, Inline | None]]:
    """Every id of a text that a pointer can name: units and the elements inside them."""
    found: dict[str, tuple[Unit, Inline | None]] = {}
    for unit in doc.units():
        found[unit.xml_id] = (unit, None)
        for node in walk(unit.content):
            if isinstance(node, (Phrase, Choice)) and node.xml_id:
                found.setdefault(node.xml_id, (unit, node))
    return found


class Resolver:
    """Finds the lemmata of entries in the model (built once per edition)."""

    def __init__(self, edition: Edition):
        self.edition = edition
        self.docs = {d.file_name: d for d in edition.documents()}
        self.elements = {name: _elements(doc) for name, doc in self.docs.items()}
        # the translations' figures and units, by the id of what they translate
        self.translated_figures = {original: node.xml_id or "" for t in edition.translations
                                   for original, node in figures.translated_figures(t).items()}
        self.translated_units = {u.corresp: (t, u) for t in edition.translations for u in t.units() if u.corresp}

    def lemma(self, pointer: Pointer) -> Lemma | None:
        doc = self.docs.get(pointer.file)
        found = self.elements.get(pointer.file, {}).get(pointer.xml_id)
        if doc is None or found is None:
            return None
        unit, node = found
        if node is None:
            return Lemma(doc, pointer.xml_id, unit, "", whole_unit=True)
        content = node.edited if isinstance(node, Choice) else node.children  # type: ignore[union-attr]
        return Lemma(doc, pointer.xml_id, unit, normalise_whitespace(reading(content, "critical")))

    def counterpart(self, lemma: Lemma) -> Lemma | None:
        """The same place in the editors' translation."""
        figure_id = self.translated_figures.get(lemma.xml_id)
        translation = self.edition.translation(lemma.doc.siglum)
        if translation is None:
            return None
        if figure_id:
            found = self.lemma(Pointer(translation.file_name, figure_id))
            return Lemma(found.doc, found.xml_id, found.unit, found.text, derived=True) if found else None
        partner = self.translated_units.get(lemma.unit.xml_id)
        if partner is None:
            return None
        doc, unit = partner
        return Lemma(doc, unit.xml_id, unit, "", whole_unit=True, derived=True)

    def lemmata(self, entry: CommentaryEntry) -> list[Lemma]:
        """The entry's lemmata in the originals, each followed by its translation counterpart."""
        out: list[Lemma] = []
        for pointer in entry.targets:
            lemma = self.lemma(pointer)
            if lemma is None:
                continue
            out.append(lemma)
            other = self.counterpart(lemma)
            if other is not None and all((o.doc.siglum, o.xml_id) != (other.doc.siglum, other.xml_id) for o in out):
                out.append(other)
        return out


@per_edition
def resolver(edition: Edition) -> Resolver:
    """The edition's resolver, built once per edition (every text page and the check use it)."""
    return Resolver(edition)


def entries_by_question(edition: Edition) -> dict[str, list[CommentaryEntry]]:
    found: dict[str, list[CommentaryEntry]] = {}
    for entry in edition.commentary:
        for question in entry.questions:
            found.setdefault(question, []).append(entry)
    return found


def cited_works(entry: CommentaryEntry, bibliography_file: str | None) -> list[str]:
    """Ids of the works an entry cites (<ref target="bibliography.xml#…">), in order of citation."""
    return citing.works_in((content for _, content in entry.paragraphs), bibliography_file)


def named_entities(entry: CommentaryEntry) -> list[str]:
    """The index entries an entry names, in order of first mention."""
    found: list[str] = []
    for _, content in entry.paragraphs:
        for node in walk(content):
            if isinstance(node, Phrase) and node.entity and node.entity not in found:
                found.append(node.entity)
    return found


# --- checks ----------------------------------------------------------------------------------------

def _problem(path: Path, line: int, code: str, message: str) -> Diagnostic:
    return Diagnostic.at(path, line, code, message)


def _entry_problems(entry: CommentaryEntry, edition: Edition, resolver: Resolver,
                    path: Path) -> Iterator[Diagnostic]:
    for lang in LANGUAGES:
        if lang not in dict(entry.label.by_lang):
            yield _problem(path, entry.line, "commentary-language",
                           f'entry {entry.xml_id} has no <label xml:lang="{lang}">')
        if not any(paragraph_lang == lang for paragraph_lang, _ in entry.paragraphs):
            yield _problem(path, entry.line, "commentary-language",
                           f'entry {entry.xml_id} has no <p xml:lang="{lang}">')
    if not entry.targets:
        yield _problem(path, entry.line, "commentary-target", f"entry {entry.xml_id} has no @target in the texts")
    for pointer in entry.targets:
        if pointer.file not in {t.file_name for t in edition.texts}:
            yield _problem(path, entry.line, "commentary-target",
                           f'entry {entry.xml_id}: target "{pointer.file}#{pointer.xml_id}" is not in an original '
                           "text (translations are linked through the originals)")
        elif resolver.lemma(pointer) is None:
            yield _problem(path, entry.line, "commentary-target",
                           f'entry {entry.xml_id}: target "{pointer.file}#{pointer.xml_id}" is not a unit or an '
                           "element of the text")
    questions = {q.xml_id for q in edition.questions()}
    for question in entry.questions:
        if question not in questions:
            yield _problem(path, entry.line, "unknown-question",
                           f'entry {entry.xml_id}: ana names "{question}", which is not a question of the taxonomy')
    works = {w.xml_id for w in edition.bibliography}
    for work in cited_works(entry, edition.bibliography_file):
        if work not in works:
            yield _problem(path, entry.line, "unknown-work",
                           f'entry {entry.xml_id} cites "{work}", which is not an entry of the bibliography')


ONLY_SOURCE, SUPERSEDED = "only-source", "superseded"


def _web_source_problems(work: Work, cited: bool, path: Path) -> list[Diagnostic]:
    """A web page is cited only as the only source found for what it supports (subtype "only-source"),
    or kept, uncited, for its published anchor once a scholarly work replaced it ("superseded")."""
    if work.subtype == SUPERSEDED and cited:
        return [_problem(path, work.line, "superseded-work-cited",
                         f'bibliography entry {work.xml_id} is marked subtype="superseded" but is still cited')]
    if work.web_page and work.subtype not in (ONLY_SOURCE, SUPERSEDED):
        return [_problem(path, work.line, "untyped-web-source",
                         f'bibliography entry {work.xml_id} is a web page: give it subtype="{ONLY_SOURCE}" '
                         f'(the only source found) or subtype="{SUPERSEDED}" (no longer cited), or cite a '
                         f'scholarly work instead')]
    return []


def check(edition: Edition, tei_dir: Path) -> list[Diagnostic]:
    """Entries in both languages, with resolvable targets and citations; every work cited; every
    question on which the texts disagree discussed by an entry."""
    if edition.commentary_file is None:
        return []
    path = tei_dir / edition.commentary_file
    found = resolver(edition)
    diagnostics = [d for entry in edition.commentary for d in _entry_problems(entry, edition, found, path)]
    cited = citing.citers(edition)  # the commentary, the apparatus, the glossary, the introduction
    bibliography = tei_dir / (edition.bibliography_file or "")
    for work in edition.bibliography:
        if work.xml_id not in cited and work.subtype != SUPERSEDED:
            diagnostics.append(_problem(bibliography, work.line, "uncited-work",
                                        f"bibliography entry {work.xml_id} is cited by no commentary entry "
                                        "(nor by the apparatus, the glossary or the introduction)"))
        diagnostics += _web_source_problems(work, work.xml_id in cited, bibliography)
    discussed = entries_by_question(edition)
    for row in concordance.rows(concordance.of_edition(edition)):
        if row.status == "disagree" and row.question.xml_id not in discussed:
            diagnostics.append(_problem(path, 0, "uncommented-disagreement",
                                        f'the texts disagree on "{row.question.xml_id}" '
                                        f'({row.question.description.get("en")}), but no commentary entry has it '
                                        "in @ana"))
    return diagnostics
