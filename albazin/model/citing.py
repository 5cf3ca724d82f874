"""Where the works of the bibliography are cited: the commentary, the apparatus notes of the texts,
the glossary and the introduction (each a <ref target="bibliography.xml#…"> in editorial text).

The bibliography page lists every place that cites a work, and the build fails if a work is cited
nowhere (commentary.check).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from albazin.core.i18n import N_, label
from albazin.model.model import Bilingual, Edition, Inline, Lang, Phrase, per_edition, walk

COMMENTARY, APPARATUS, GLOSSARY, INTRODUCTION = "commentary", "apparatus", "glossary", "introduction"

_CITED_LABELS = {GLOSSARY: N_("cited_glossary"), INTRODUCTION: N_("cited_introduction")}


@dataclass(frozen=True)
class Citer:
    """A unit of editorial text that cites a work."""
    kind: str  # COMMENTARY, APPARATUS, GLOSSARY or INTRODUCTION
    xml_id: str  # its anchor on its page
    title: Bilingual  # how the bibliography names it
    siglum: str | None = None  # for an apparatus note: the text it belongs to

    def name(self, lang: Lang) -> str:
        if self.kind == APPARATUS:
            return label(lang, "cited_apparatus", siglum=self.siglum or "", id=self.xml_id)
        if self.kind in (GLOSSARY, INTRODUCTION):
            return label(lang, _CITED_LABELS[self.kind], title=self.title.get(lang))
        return self.title.get(lang)


def works_in(contents: Iterable[tuple[Inline, ...]], bibliography_file: str | None) -> list[str]:
    """Ids of the works cited in some inline content, in order of first citation."""
    found: list[str] = []
    for content in contents:
        for node in walk(content):
            if isinstance(node, Phrase) and node.tag == "ref":
                for part in (node.attr("target") or "").split():
                    file_name, _, fragment = part.rpartition("#")
                    if fragment and file_name == bibliography_file and fragment not in found:
                        found.append(fragment)
    return found


def _citers(edition: Edition) -> Iterable[tuple[Citer, list[str]]]:
    bib = edition.bibliography_file
    for entry in edition.commentary:
        yield Citer(COMMENTARY, entry.xml_id, entry.label), works_in((c for _, c in entry.paragraphs), bib)
    for text in edition.texts:
        for note in text.apparatus():
            yield (Citer(APPARATUS, note.xml_id, Bilingual(()), text.siglum),
                   works_in((c for _, c in note.versions), bib))
    for term in edition.glossary:
        contents = [c for _, c in term.definition] + [c for _, c in term.usage] + list(term.sources)
        title = Bilingual((("en", term.headword), ("ru", term.headword)))
        yield Citer(GLOSSARY, term.xml_id, title), works_in(contents, bib)
    for section in edition.introduction:
        yield Citer(INTRODUCTION, section.xml_id, section.heading), works_in((c for _, c in section.paragraphs), bib)


@per_edition
def citers(edition: Edition) -> dict[str, tuple[Citer, ...]]:
    """Every work's citers, by work id, in the order: commentary, apparatus, glossary, introduction."""
    found: dict[str, list[Citer]] = {}
    for citer, works in _citers(edition):
        for work in works:
            found.setdefault(work, []).append(citer)
    return {work: tuple(found_) for work, found_ in found.items()}
