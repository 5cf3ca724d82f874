"""The body of each generated page, rendered from the model: one function per kind of page.

albazin/site/pageregistry.py names, for each kind, the function here that renders it; the hooks look the
renderer up by the stub's `alb_page` (on_page_content). Each takes a `Request` (the build's state,
the MkDocs page, its language and its links) and returns the HTML fragment and its table of
contents (None: the page keeps MkDocs' own).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from mkdocs.structure.pages import Page

from albazin.core import siteurl
from albazin.model import commentary, concordance
from albazin.publish import downloads, dts, dtslinks, entitydata, exports, pages, search
from albazin.render import (
    changelog,
    commentarypage,
    concordancepage,
    downloadspage,
    glossarypage,
    indexpage,
    intropage,
    searchpage,
    textpage,
)
from albazin.site import release
from albazin.core.i18n import label
from albazin.model.model import Edition, TextDoc
from albazin.core.paths import tei_dir
from albazin.render.render import TocEntry

if TYPE_CHECKING:  # both lead back here: the build state imports the site check, which imports the page
    from albazin.site.buildstate import BuildState  # registry, which imports this; the routes import the
    from albazin.site.routes import Routes  # page registry

Body = tuple[str, list[TocEntry] | None]


@dataclass(frozen=True)
class Request:
    state: BuildState
    page: Page
    lang: str
    routes: Routes  # the links from the page (made by the hooks: the routes read the page registry)

    @cached_property
    def edition(self) -> Edition:
        return self.state.edition()


def text_page(req: Request) -> Body:
    edition, lang, page, routes = req.edition, req.lang, req.page, req.routes
    text = edition.text(page.meta["alb_text"])
    links = textpage.Links(
        tei=routes.file(f"{downloads.TEI_DIR}/{text.file_name}"),
        copy_text=routes.file(f"{downloads.TEI_DIR}/{text.source.witness_file.removeprefix('tei/')}")
        if text.source.witness_file else None,
        downloads=routes.page(pages.DOWNLOADS_URI),
        page=req.state.site_url + page.url,
    )
    commented = None
    if edition.commentary:
        on_page = commentarypage.on_text_page(edition, commentary.resolver(edition), text, lang)
        comment_links = routes.commentary_links()
        commented = textpage.Commented(
            on_page.refs, lambda ctx: commentarypage.text_page_section(on_page, ctx, comment_links, text.siglum),
            tuple(e for _, entry, _ in on_page.entries for e in commentary.named_entities(entry)))
    glossed = textpage.Glossed({c.xml_id: c.label for c in edition.emendation_classes},
                               routes.term, glossarypage.term_label(edition, lang),
                               lambda docs: glossarypage.cards(edition, docs, lang))
    return textpage.text_page(text, edition.translation(text.siglum), lang, links,
                              {e.xml_id: e for e in edition.entities}, routes.entity,
                              commented, routes.pointer, _dts_links(edition, text, routes), glossed)


def _dts_links(edition: Edition, text: TextDoc, routes: Routes) -> dict[str, dtslinks.DtsLink]:
    """Each unit's DTS reference and its TEI in the DTS tree, for the permalinks and the cite dialog."""
    docs = [d for d in (text, edition.translation(text.siglum)) if d is not None]
    return dtslinks.links(edition, docs, lambda path: dts.url_of("", routes.file(path)))


def index_page(req: Request) -> Body:
    routes = req.routes
    links = indexpage.IndexLinks(text_page=lambda doc: routes.text(doc.translation_of or doc.siglum),
                                 entity=routes.entity, pointer=routes.pointer)
    return indexpage.index_page(req.edition, req.page.meta["alb_kind"], req.lang, links)


def concordance_page(req: Request) -> Body:
    edition, lang, routes = req.edition, req.lang, req.routes
    by_question = commentary.entries_by_question(edition)
    commentary_url = routes.page(pages.COMMENTARY_URI)

    def comments(question: str) -> list[tuple[str, str]]:
        return [(label(lang, "see_commentary", title=e.label.get(lang)), f"{commentary_url}#{e.xml_id}")
                for e in by_question.get(question, [])]

    links = concordancepage.ConcordanceLinks(
        text_page=routes.text,
        downloads={kind: routes.file(path) for kind, path in downloads.CONCORDANCE_DATA.items()},
        commentary=comments,
    )
    return concordancepage.concordance_page(edition, concordance.of_edition(edition), lang, links, exports.COLUMNS)


def commentary_page(req: Request) -> Body:
    return commentarypage.commentary_page(req.edition, req.routes.ctx(), req.routes.commentary_links())


def bibliography_page(req: Request) -> Body:
    return commentarypage.bibliography_page(req.edition, req.routes.ctx(), req.routes.citer)


def glossary_page(req: Request) -> Body:
    routes = req.routes
    links = glossarypage.GlossaryLinks(text_page=routes.text, entity=routes.entity)
    return glossarypage.glossary_page(req.edition, routes.ctx(), links)


def introduction_page(req: Request) -> Body:
    return intropage.introduction_page(req.edition, req.routes.ctx())


def changes_page(req: Request) -> Body:
    edition, lang, page, state = req.edition, req.lang, req.page, req.state
    published = None
    if state.release is not None:
        up = "../" * page.url.count("/")  # this version's root
        prefix = pages.site_path(pages.HOME_URI, lang)
        published = changelog.Published(state.release.published, lambda v: f"{up}../{v}/{prefix}",
                                        f"{up}../{release.LATEST}/{prefix}",
                                        f"{siteurl.from_environment()}{release.LATEST}/{prefix}")
    return changelog.page(changelog.history(changelog.read(tei_dir()), edition.version), edition.version,
                          lang, published)


def search_page(req: Request) -> Body:
    routes = req.routes
    links = searchpage.SearchLinks(
        bundle=routes.file(f"{search.BUNDLE_DIR}/pagefind.js"),
        root=routes.file("") or "./",
        text_page=routes.text,
        index_page=lambda kind: routes.page(pages.index_page_uri(kind)),
    )
    return searchpage.search_page(req.edition, req.lang, links), None


def downloads_page(req: Request) -> Body:
    routes = req.routes
    links = downloadspage.DownloadsLinks(
        file=routes.file,
        concordance_columns=routes.page(pages.CONCORDANCE_URI) + "#data-columns",
    )
    return downloadspage.downloads_page(req.edition, req.state.downloads(), req.lang, links, entitydata.COLUMNS)
