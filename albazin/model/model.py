"""The edition's domain model: immutable, independent of TEI and of HTML.

TEI → (transform) → model → (render, readings) → pages. Nothing downstream reads TEI again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, wraps
from typing import Literal, TypeVar

from albazin.core.externalids import ExternalId
from albazin.load.citetree import CitationTree

Lang = str  # BCP 47 tag, e.g. "en", "ru"
View = Literal["critical", "diplomatic"]


# --- inline (phrase-level) content -------------------------------------------------------------

@dataclass(frozen=True)
class Chars:
    """Text of the source, whitespace already normalised."""
    value: str


@dataclass(frozen=True)
class Choice:
    """Alternative readings: the source's (sic/orig) and the editors' (corr/reg)."""
    kind: Literal["correction", "regularisation"]
    source: tuple[Inline, ...]
    edited: tuple[Inline, ...]
    xml_id: str | None = None
    category: str | None = None  # the class of emendation (<corr ana="edition.xml#em-…">), by id


@dataclass(frozen=True)
class Phrase:
    """Any other phrase-level TEI element (title, author, date, idno, persName, …).

    `attrs` keeps the attributes a renderer may need (ref, when, level, type …) as sorted pairs.
    """
    tag: str
    children: tuple[Inline, ...]
    attrs: tuple[tuple[str, str], ...] = ()
    lang: Lang | None = None
    xml_id: str | None = None  # e.g. a <seg type="lemma"> that an apparatus note points at

    def attr(self, name: str) -> str | None:
        return dict(self.attrs).get(name)

    @cached_property  # asked ~30,000 times per build (rendering, indexes, checks)
    def entity(self) -> str | None:
        """The index entity this phrase names (the fragment of its @ref), if it is a name."""
        if self.tag in NAME_TAGS:
            ids = pointer_ids(self.attr("ref"))
            return ids[0] if ids else None
        return None


# Elements that name an entity of the index through @ref.
NAME_TAGS = frozenset({"persName", "placeName", "orgName", "rs", "author", "name"})


def pointer_ids(value: str | None) -> tuple[str, ...]:
    """The ids named by a pointer attribute: "#a #b" → ("a", "b"); "A.xml#a" → ("a",)."""
    return tuple(part.rsplit("#", 1)[1] for part in (value or "").split() if "#" in part)


@dataclass(frozen=True)
class Note:
    """An editorial note: not part of the source text; one version per language.

    An apparatus note (`type="apparatus"`) follows its lemma and `targets` names the lemma's
    element(s): a Choice, or a Phrase such as <seg type="lemma"> when nothing is emended.
    """
    xml_id: str
    type: str
    versions: tuple[tuple[Lang, tuple[Inline, ...]], ...]
    line: int = 0
    targets: tuple[str, ...] = ()
    cert: str | None = None
    corresp: str | None = None  # in a translation: the id of the original's note

    def text_for(self, lang: Lang) -> tuple[Inline, ...]:
        versions = dict(self.versions)
        return versions.get(lang) or next(iter(versions.values()), ())


Inline = Chars | Choice | Phrase | Note


def walk(nodes: Iterable[Inline]) -> Iterator[Inline]:
    """Depth first over inline nodes, including those inside choices, phrases and notes."""
    for node in nodes:
        yield node
        if isinstance(node, Choice):
            yield from walk(node.source)
            yield from walk(node.edited)
        elif isinstance(node, Phrase):
            yield from walk(node.children)


# --- blocks ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Paragraph:
    xml_id: str
    n: str | None
    content: tuple[Inline, ...]
    line: int = 0
    corresp: str | None = None  # in a translation: the id of the original's paragraph


@dataclass(frozen=True)
class Head:
    content: tuple[Inline, ...]
    rend: str | None = None


@dataclass(frozen=True)
class BiblItem:
    xml_id: str
    content: tuple[Inline, ...]
    line: int = 0
    corresp: str | None = None


@dataclass(frozen=True)
class BiblList:
    xml_id: str
    items: tuple[BiblItem, ...]
    corresp: str | None = None


Block = Paragraph | BiblList | Note


@dataclass(frozen=True)
class Division:
    xml_id: str
    type: str | None
    subtype: str | None
    head: Head | None
    blocks: tuple[Block, ...]
    line: int = 0
    corresp: str | None = None


@dataclass(frozen=True)
class Unit:
    """A citable unit's text, whatever block holds it."""
    xml_id: str
    n: str | None
    content: tuple[Inline, ...]
    line: int
    corresp: str | None = None  # in a translation: the id of the original's unit


# --- documents ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Bilingual:
    """A short piece of editorial text available per language."""
    by_lang: tuple[tuple[Lang, str], ...]

    def get(self, lang: Lang) -> str:
        values = dict(self.by_lang)
        return values.get(lang) or values.get("en") or next(iter(values.values()), "")


@dataclass(frozen=True)
class SourceInfo:
    provenance: Bilingual
    witness_file: str
    original_filename: str
    sha256: str
    url: str | None = None


@dataclass(frozen=True)
class TextDoc:
    siglum: str
    xml_id: str
    file_name: str  # e.g. "A.xml": published under tei/ beside the site
    lang: Lang  # language of the text itself
    title: Bilingual
    short_title: Bilingual
    version: str
    licence: Bilingual
    source: SourceInfo
    divisions: tuple[Division, ...]
    translation_of: str | None = None  # siglum of the original, for a translation

    @property
    def slug(self) -> str:
        return self.siglum.lower()

    def paragraphs(self) -> list[Paragraph]:
        return [b for d in self.divisions for b in d.blocks if isinstance(b, Paragraph)]

    def units(self) -> Iterator[Unit]:
        """The citable units that hold text, in document order: headings (cited by their
        division's id), paragraphs, bibliography items."""
        for div in self.divisions:
            if div.head is not None:
                yield Unit(div.xml_id, None, div.head.content, div.line, div.corresp)
            for block in div.blocks:
                if isinstance(block, Paragraph):
                    yield Unit(block.xml_id, block.n, block.content, block.line, block.corresp)
                elif isinstance(block, BiblList):
                    for item in block.items:
                        yield Unit(item.xml_id, None, item.content, item.line, item.corresp)

    def inline_nodes(self) -> Iterator[Inline]:
        """Every inline node of the text, depth first, in document order."""
        for unit in self.units():
            yield from walk(unit.content)

    def apparatus(self) -> list[Note]:
        """The apparatus notes, in document order: their position gives their display number."""
        return [n for n in self.inline_nodes() if isinstance(n, Note) and n.type == "apparatus"]

    def lemmata(self) -> dict[str, Choice | Phrase]:
        """Elements an apparatus note can point at, by id."""
        return {n.xml_id: n for n in self.inline_nodes()
                if (isinstance(n, Choice) or (isinstance(n, Phrase) and n.tag == "seg" and n.attr("type") == "lemma"))
                and n.xml_id}


# --- the index: persons, groups, places -------------------------------------------------------

EntityKind = Literal["person", "org", "place"]


@dataclass(frozen=True)
class EntityDate:
    """A birth, death or floruit, with its normalised value and how certain it is."""
    kind: str  # "birth", "death", "floruit"
    when: str | None = None
    not_before: str | None = None
    not_after: str | None = None
    cert: str | None = None
    text: str = ""  # the entry's own wording (English)


@dataclass(frozen=True)
class Geo:
    lat: float
    lon: float
    cert: str | None = None


@dataclass(frozen=True)
class EntityName:
    type: str  # "standard", "full", "alt", "variant", "modern"
    lang: Lang | None
    text: str
    # The name's TEI parts in written order: ("surname", "Beiton"), ("forename", "Afanasii"), ("roleName", …);
    # "" for text outside any part. Empty when the name has no part markup (albazin/model/indexform.py).
    parts: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Entity:
    xml_id: str
    kind: EntityKind
    type: str | None
    names: tuple[EntityName, ...]
    dates: tuple[EntityDate, ...] = ()
    description: Bilingual = Bilingual(())
    sources: tuple[tuple[Inline, ...], ...] = ()
    geo: Geo | None = None
    role: str | None = None
    line: int = 0
    identifiers: tuple[ExternalId, ...] = ()  # Wikidata, GeoNames, VIAF (albazin/core/externalids.py)
    web_sources: tuple[int, ...] = ()  # indexes into `sources` of web pages (bibl type="webpage")

    def name(self, lang: Lang) -> str:
        """The standard name in a language (falling back to English, then to any name)."""
        standard = {n.lang: n.text for n in self.names if n.type == "standard"}
        return standard.get(lang) or standard.get("en") or (self.names[0].text if self.names else self.xml_id)

    def standard_name(self, lang: Lang) -> EntityName | None:
        """The standard name as `name` chooses it, with its parts."""
        standard = {n.lang: n for n in self.names if n.type == "standard"}
        return standard.get(lang) or standard.get("en") or (self.names[0] if self.names else None)

    def names_of_type(self, *types: str) -> list[EntityName]:
        return [n for n in self.names if n.type in types]


# --- the questions the figures answer (the concordance's rows) ----------------------------------

@dataclass(frozen=True)
class Question:
    """A question the accounts answer with a figure or date ("Qing troops at the siege of 1686")."""
    xml_id: str
    episode: str  # xml:id of its episode
    description: Bilingual
    line: int = 0


@dataclass(frozen=True)
class Episode:
    xml_id: str
    description: Bilingual
    questions: tuple[Question, ...]


# --- the editors' commentary and its bibliography -----------------------------------------------

@dataclass(frozen=True)
class Pointer:
    """A pointer to an element of another file of the corpus ("A.xml#A-fig4")."""
    file: str
    xml_id: str


@dataclass(frozen=True)
class CommentaryEntry:
    """One entry of the commentary: what it discusses (lemmata in the texts, questions of the
    concordance) and its text, in paragraphs per language."""
    xml_id: str
    episode: str
    label: Bilingual
    paragraphs: tuple[tuple[Lang, tuple[Inline, ...]], ...]
    targets: tuple[Pointer, ...]
    questions: tuple[str, ...] = ()
    line: int = 0

    def body(self, lang: Lang) -> list[tuple[Inline, ...]]:
        mine = [content for paragraph_lang, content in self.paragraphs if paragraph_lang == lang]
        return mine or [content for paragraph_lang, content in self.paragraphs if paragraph_lang == "en"]


@dataclass(frozen=True)
class Work:
    """An entry of the bibliography: a work the commentary cites."""
    xml_id: str
    content: tuple[Inline, ...]
    consulted: Bilingual = Bilingual(())
    sort_key: str = ""
    line: int = 0
    kind: str | None = None  # the <bibl>'s @type: book, article, document, webpage, …
    subtype: str | None = None  # for a web page: "only-source" (the only one found) or "superseded" (no longer cited)

    @property
    def web_page(self) -> bool:
        return self.kind == "webpage"


# --- the editorial matter: classes of emendation, glossary, introduction ---------------------------

@dataclass(frozen=True)
class EmendationClass:
    """A declared class of correction (edition.xml, taxonomy "emendations"): every <corr> names one."""
    xml_id: str
    label: Bilingual
    line: int = 0


@dataclass(frozen=True)
class GlossaryEntry:
    """A term of the glossary (tei/glossary.xml, one <entry>): headword, equivalents, definition, sources."""
    xml_id: str
    headword: str  # in the language of the texts (Russian)
    transliteration: str
    equivalent: Bilingual  # the English equivalent, the Russian headword
    definition: tuple[tuple[Lang, tuple[Inline, ...]], ...]
    usage: tuple[tuple[Lang, tuple[Inline, ...]], ...] = ()  # how the texts use it
    sources: tuple[tuple[Inline, ...], ...] = ()
    related: tuple[str, ...] = ()  # other entries (ids)
    entity: str | None = None  # the index entry of the same group, if there is one
    scope: str = "text"  # "text": linked from the texts; "context": needed to read the editorial matter
    line: int = 0

    def body(self, lang: Lang, part: str = "definition") -> tuple[Inline, ...]:
        versions = dict(getattr(self, part))
        return versions.get(lang) or versions.get("en") or ()


@dataclass(frozen=True)
class GraphNode:
    xml_id: str
    label: Bilingual
    type: str | None = None  # "text", "witness", "source", "lost"
    corresp: str | None = None  # what the node stands for (a text, a work of the bibliography), as a pointer


@dataclass(frozen=True)
class GraphArc:
    source: str  # node id (from)
    target: str  # node id (to)
    label: Bilingual
    cert: str | None = None


@dataclass(frozen=True)
class Graph:
    """A small directed graph (a stemma), from TEI <graph>/<node>/<arc>."""
    xml_id: str
    title: Bilingual
    description: Bilingual
    nodes: tuple[GraphNode, ...]
    arcs: tuple[GraphArc, ...]


@dataclass(frozen=True)
class IntroSection:
    """A citable section of the introduction: a heading and paragraphs per language, perhaps a figure."""
    xml_id: str
    heading: Bilingual
    paragraphs: tuple[tuple[Lang, tuple[Inline, ...]], ...]
    graph: Graph | None = None
    level: int = 2
    line: int = 0

    def body(self, lang: Lang) -> list[tuple[Inline, ...]]:
        mine = [content for paragraph_lang, content in self.paragraphs if paragraph_lang == lang]
        return mine or [content for paragraph_lang, content in self.paragraphs if paragraph_lang == "en"]


@dataclass(frozen=True)
class Edition:
    version: str
    title: Bilingual
    texts: tuple[TextDoc, ...] = field(default_factory=tuple)  # the originals
    translations: tuple[TextDoc, ...] = field(default_factory=tuple)
    entities: tuple[Entity, ...] = field(default_factory=tuple)
    authority_file: str | None = None  # file name of the authority file, for diagnostics
    episodes: tuple[Episode, ...] = field(default_factory=tuple)  # the questions, in reading order
    commentary: tuple[CommentaryEntry, ...] = field(default_factory=tuple)  # in episode order
    bibliography: tuple[Work, ...] = field(default_factory=tuple)  # sorted for display
    commentary_file: str | None = None
    bibliography_file: str | None = None
    published: str = ""  # ISO date of this version's publication (edition.xml publicationStmt/date/@when)
    editors: str = ""  # the responsible editors, as the edition names them
    publisher: str = ""
    licence: Bilingual = Bilingual(())  # the edition's licence statement, per language
    licence_url: str | None = None
    # Each text's and translation's refsDecl/citeStructure, evaluated (albazin/load/citetree.py): the DTS references.
    citation_trees: tuple[CitationTree, ...] = field(default_factory=tuple)

    def citation_tree(self, doc: TextDoc) -> CitationTree | None:
        return next((t for t in self.citation_trees if t.file_name == doc.file_name), None)
    # The editorial matter of albazin/model/editorial.py: the classes of emendation, the glossary, the introduction.
    emendation_classes: tuple[EmendationClass, ...] = field(default_factory=tuple)
    glossary: tuple[GlossaryEntry, ...] = field(default_factory=tuple)
    glossary_file: str | None = None
    introduction: tuple[IntroSection, ...] = field(default_factory=tuple)
    introduction_file: str | None = None

    def documents(self) -> list[TextDoc]:
        """Originals and translations, each original followed by its translation."""
        out: list[TextDoc] = []
        for text in self.texts:
            out.append(text)
            translation = self.translation(text.siglum)
            if translation is not None:
                out.append(translation)
        return out

    def questions(self) -> list[Question]:
        return [q for episode in self.episodes for q in episode.questions]

    def text(self, siglum: str) -> TextDoc:
        for t in self.texts:
            if t.siglum == siglum:
                return t
        raise KeyError(siglum)

    def translation(self, siglum: str) -> TextDoc | None:
        """The editors' translation of the text with this siglum, if there is one."""
        return next((t for t in self.translations if t.translation_of == siglum), None)


T = TypeVar("T")
A = TypeVar("A")


def last_by_identity(build: Callable[[A], T]) -> Callable[[A], T]:
    """Compute something derived from a large immutable object once per object, recognised by
    identity (hashing a whole frozen model would cost more than the computation): every page of a
    build, in every language, asks for the same derived data."""
    cache: dict[int, tuple[A, T]] = {}

    @wraps(build)
    def derived(source: A) -> T:
        hit = cache.get(id(source))
        if hit is None or hit[0] is not source:
            cache.clear()  # one object at a time: a serve session replaces the edition on each edit
            hit = cache[id(source)] = (source, build(source))
        return hit[1]
    return derived


# Derived once per edition object: the concordance, the commentary's links, the search name forms …
per_edition = last_by_identity
