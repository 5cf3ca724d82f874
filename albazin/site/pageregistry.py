"""The site's pages: the one list the navigation, the stubs, the hooks' page dispatch and the anchor
registry are made from.

Each kind of page says which pages of it the edition has (none when the edition lacks that matter:
no commentary, no glossary), its title key, where it stands in the navigation, the function that
renders its body (albazin/site/pagebodies.py; None for the hand-written Markdown pages), the ids it
publishes (the anchors albazin/site/anchors.py keeps citable) and, for a page that publishes a TEI file of
the corpus, which file and which units that cite the bibliography (where albazin/site/routes.py sends a
pointer into the file and a "cited in"). A page added here is in the navigation, gets its stubs, is
rendered, has its anchors registered and is linked to, all from this entry.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from albazin.model import citing, commentary
from albazin.publish import downloads
from albazin.render import commentarypage
from albazin.site import pagebodies
from albazin.core.i18n import DEFAULT_LANGUAGE, INDEX_TITLES, LANGUAGES, N_, label
from albazin.load.rules import EDITION_FILE
from albazin.model.model import Choice, Division, Edition, Note, Phrase, TextDoc, walk
from albazin.publish.pages import (
    ABOUT_URI,
    BIBLIOGRAPHY_URI,
    CHANGES_URI,
    COMMENTARY_URI,
    CONCORDANCE_URI,
    DOWNLOADS_URI,
    GENERATED_MARKER,
    GLOSSARY_URI,
    HOME_URI,
    INDEX_SLUGS,
    INTRODUCTION_URI,
    PAGE_ABOUT,
    PAGE_BIBLIOGRAPHY,
    PAGE_CHANGES,
    PAGE_COMMENTARY,
    PAGE_CONCORDANCE,
    PAGE_DOWNLOADS,
    PAGE_GLOSSARY,
    PAGE_HOME,
    PAGE_INDEX,
    PAGE_INTRODUCTION,
    PAGE_SEARCH,
    PAGE_TEXT,
    SEARCH_URI,
    PageStub,
    index_page_uri,
    site_path,
    text_page_uri,
)

_ATTR_ID = re.compile(r"\{#([A-Za-z][\w-]*)\}")  # a hand-written heading's {#id}


@dataclass(frozen=True)
class SitePage:
    """One page: its language-neutral URI ("texts/a.md"), its title in each language (generated
    pages: the stub's), and what more its stub's front matter says (which text, which index)."""
    uri: str
    kind: str
    titles: dict[str, str] = field(default_factory=dict)
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def english_path(self) -> str:
        """The English page's site path, as the anchor registry names pages ("" is the home page)."""
        return site_path(self.uri, DEFAULT_LANGUAGE)


Pages = Callable[[Edition], list[SitePage]]
Ids = Callable[[Edition, SitePage, Path], Iterable[str]]  # (edition, page, docs folder) → published ids
Nav = Callable[[list[str]], list]  # the pages' URIs → their entries in mkdocs.yml's `nav`


@dataclass(frozen=True)
class Publishes:
    """The TEI file that a kind of one page publishes: a pointer into it lands on the page, at the
    pointer's fragment; and the kind of citing unit (albazin/model/citing.py) the page holds, if any."""
    file: Callable[[Edition], str | None]  # None: the edition has no such file
    fragments: str = ""  # only the pointers whose fragment starts so ("q-": edition.xml's questions)
    citing: str | None = None


@dataclass(frozen=True)
class PageKind:
    kind: str  # the stub's `alb_page`
    pages: Pages
    nav: Nav
    anchors: Ids
    render: Callable[[pagebodies.Request], pagebodies.Body] | None = None  # None: hand-written Markdown
    publishes: Publishes | None = None

    @property
    def generated(self) -> bool:
        return self.render is not None


# --- which pages ------------------------------------------------------------------------------------

def _single(kind: str, uri: str, title_key: str, present: Callable[[Edition], object] = lambda e: True) -> Pages:
    def pages(edition: Edition) -> list[SitePage]:
        return [SitePage(uri, kind, {lang: label(lang, title_key) for lang in LANGUAGES})] if present(edition) else []
    return pages


def _hand_written(kind: str, uri: str) -> Pages:
    return lambda edition: [SitePage(uri, kind)]


def _text_pages(edition: Edition) -> list[SitePage]:
    return [SitePage(text_page_uri(t.slug), PAGE_TEXT, {lang: t.title.get(lang) for lang in LANGUAGES},
                     {"alb_text": t.siglum}) for t in edition.texts]


def _index_pages(edition: Edition) -> list[SitePage]:
    return [SitePage(index_page_uri(kind), PAGE_INDEX, {lang: label(lang, INDEX_TITLES[kind]) for lang in LANGUAGES},
                     {"alb_kind": kind}) for kind in INDEX_SLUGS]


# --- where they stand in the navigation ---------------------------------------------------------------

def _top(uris: list[str]) -> list:
    return list(uris)


# The navigation's titles are English: mkdocs-static-i18n translates them by mkdocs.yml's nav_translations
# (tests/core/test_labels.py checks that those are the catalogues' Russian labels).
def _titled(title_key: str) -> Nav:
    return lambda uris: [{label(DEFAULT_LANGUAGE, title_key): uri} for uri in uris]


def _group(title_key: str) -> Nav:
    return lambda uris: [{label(DEFAULT_LANGUAGE, title_key): list(uris)}]


def _hidden(uris: list[str]) -> list:
    return []


# --- the ids each publishes -----------------------------------------------------------------------------

def _division_ids(divisions: Iterable[Division]) -> Iterator[str]:
    for div in divisions:
        yield div.xml_id
        for block in div.blocks:
            if isinstance(block, Note):
                yield block.xml_id


def _doc_ids(doc: TextDoc) -> Iterator[str]:
    yield from _division_ids(doc.divisions)
    for unit in doc.units():
        yield unit.xml_id
        for node in walk(unit.content):
            if isinstance(node, Choice | Phrase | Note) and node.xml_id:
                yield node.xml_id


def _text_ids(edition: Edition, page: SitePage, docs_dir: Path) -> set[str]:
    text = edition.text(page.meta["alb_text"])
    docs = [text, edition.translation(text.siglum)]
    ids = {i for doc in docs if doc is not None for i in _doc_ids(doc)}
    if edition.commentary:  # the entries on this text, listed below it
        on_page = commentarypage.on_text_page(edition, commentary.resolver(edition), text, DEFAULT_LANGUAGE)
        ids |= {entry.xml_id for _, entry, _ in on_page.entries}
    return ids


def _index_ids(edition: Edition, page: SitePage, docs_dir: Path) -> list[str]:
    return [e.xml_id for e in edition.entities if e.kind == page.meta["alb_kind"]]


def _concordance_ids(edition: Edition, page: SitePage, docs_dir: Path) -> list[str]:
    return [e.xml_id for e in edition.episodes] + [q.xml_id for q in edition.questions()]


def _commentary_ids(edition: Edition, page: SitePage, docs_dir: Path) -> list[str]:
    return [f"com-{e.episode}" for e in edition.commentary] + [e.xml_id for e in edition.commentary]


def _bibliography_ids(edition: Edition, page: SitePage, docs_dir: Path) -> list[str]:
    return [w.xml_id for w in edition.bibliography]


def _downloads_ids(edition: Edition, page: SitePage, docs_dir: Path) -> list[str]:
    return [section for section, _ in downloads.SECTIONS]


def _glossary_ids(edition: Edition, page: SitePage, docs_dir: Path) -> list[str]:
    return [e.xml_id for e in edition.glossary]


def _introduction_ids(edition: Edition, page: SitePage, docs_dir: Path) -> list[str]:
    """The introduction's sections and their figures (a stemma's SVG)."""
    return [s.xml_id for s in edition.introduction] + [s.graph.xml_id for s in edition.introduction if s.graph]


def _hand_written_ids(edition: Edition, page: SitePage, docs_dir: Path) -> set[str]:
    """A hand-written page's section ids (`## Heading {#id}` in docs/<name>.<lang>.md)."""
    source = docs_dir / f"{page.uri.removesuffix('.md')}.{DEFAULT_LANGUAGE}.md"
    return set(_ATTR_ID.findall(source.read_text(encoding="utf-8"))) if source.exists() else set()


def _none(edition: Edition, page: SitePage, docs_dir: Path) -> list[str]:
    return []  # the page's ids are not registered anchors


# --- the list, in the navigation's order -----------------------------------------------------------------

REGISTRY: tuple[PageKind, ...] = (
    PageKind(PAGE_HOME, _hand_written(PAGE_HOME, HOME_URI), _titled(N_("nav_home")), _hand_written_ids),
    PageKind(PAGE_INTRODUCTION, _single(PAGE_INTRODUCTION, INTRODUCTION_URI, N_("introduction"),
                                        lambda e: e.introduction),
             _top, _introduction_ids, pagebodies.introduction_page,
             Publishes(lambda e: e.introduction_file, citing=citing.INTRODUCTION)),
    PageKind(PAGE_TEXT, _text_pages, _group(N_("texts")), _text_ids, pagebodies.text_page),
    PageKind(PAGE_INDEX, _index_pages, _group(N_("index")), _index_ids, pagebodies.index_page),
    PageKind(PAGE_GLOSSARY, _single(PAGE_GLOSSARY, GLOSSARY_URI, N_("glossary"), lambda e: e.glossary),
             _top, _glossary_ids, pagebodies.glossary_page,
             Publishes(lambda e: e.glossary_file, citing=citing.GLOSSARY)),
    PageKind(PAGE_CONCORDANCE, _single(PAGE_CONCORDANCE, CONCORDANCE_URI, N_("concordance")),
             _top, _concordance_ids, pagebodies.concordance_page, Publishes(lambda e: EDITION_FILE, fragments="q-")),
    PageKind(PAGE_COMMENTARY, _single(PAGE_COMMENTARY, COMMENTARY_URI, N_("commentary"), lambda e: e.commentary),
             _top, _commentary_ids, pagebodies.commentary_page,
             Publishes(lambda e: e.commentary_file, citing=citing.COMMENTARY)),
    PageKind(PAGE_BIBLIOGRAPHY, _single(PAGE_BIBLIOGRAPHY, BIBLIOGRAPHY_URI, N_("bibliography"),
                                        lambda e: e.commentary),
             _top, _bibliography_ids, pagebodies.bibliography_page, Publishes(lambda e: e.bibliography_file)),
    PageKind(PAGE_DOWNLOADS, _single(PAGE_DOWNLOADS, DOWNLOADS_URI, N_("downloads")),
             _top, _downloads_ids, pagebodies.downloads_page),
    PageKind(PAGE_CHANGES, _single(PAGE_CHANGES, CHANGES_URI, N_("changes")), _top, _none, pagebodies.changes_page),
    PageKind(PAGE_ABOUT, _hand_written(PAGE_ABOUT, ABOUT_URI), _titled(N_("nav_about")), _hand_written_ids),
    PageKind(PAGE_SEARCH, _single(PAGE_SEARCH, SEARCH_URI, N_("search")), _hidden, _none, pagebodies.search_page),
)
# Everything below reads REGISTRY when called (not when defined), so a test may extend the list.

def renderer(name: object) -> Callable[[pagebodies.Request], pagebodies.Body] | None:
    """What renders the kind of page a stub's `alb_page` names (None: a hand-written page)."""
    found = next((k for k in REGISTRY if k.kind == name), None) if isinstance(name, str) else None
    return found.render if found is not None else None


def site_nav(edition: Edition) -> list:
    """The site's navigation (mkdocs.yml `nav`), derived from the edition: which texts, which pages."""
    return [entry for k in REGISTRY for entry in k.nav([p.uri for p in k.pages(edition)])]


def stubs(edition: Edition) -> list[PageStub]:
    """The Markdown stubs of the generated pages, one per page and language (albazin/publish/pages.py)."""
    return [PageStub(f"{p.uri.removesuffix('.md')}.{lang}.md",
                     {"title": p.titles[lang], "alb_page": p.kind, **p.meta, GENERATED_MARKER: True})
            for k in REGISTRY if k.generated for p in k.pages(edition) for lang in LANGUAGES]


def published_ids(edition: Edition, docs_dir: Path) -> Iterator[tuple[str, Iterable[str]]]:
    """Each page's English site path and the ids it publishes."""
    for k in REGISTRY:
        for p in k.pages(edition):
            yield p.english_path, k.anchors(edition, p, docs_dir)


def hand_written_ids(edition: Edition, docs_dir: Path) -> dict[str, set[str]]:
    """The hand-written pages' published ids, by English site path."""
    return {p.english_path: set(k.anchors(edition, p, docs_dir))
            for k in REGISTRY if not k.generated for p in k.pages(edition)}


@dataclass(frozen=True)
class Landing:
    """Where the pointers into one TEI file land: on a page (its URI), if their fragment starts so."""
    file: str
    fragments: str
    uri: str


def landings(edition: Edition) -> list[Landing]:
    """The pages that publish a TEI file of the edition, with the file (the texts and the index, which
    publish their files by text and by entity, are not here: albazin/site/routes.py finds those)."""
    return [Landing(file, k.publishes.fragments, p.uri)
            for k in REGISTRY if k.publishes is not None and (file := k.publishes.file(edition))
            for p in k.pages(edition)]


def citing_pages(edition: Edition) -> dict[str, str]:
    """The page that holds each kind of citing unit (but the apparatus notes, each on its text's page)."""
    return {k.publishes.citing: p.uri for k in REGISTRY if k.publishes is not None and k.publishes.citing
            for p in k.pages(edition)}
