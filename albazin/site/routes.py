"""Where things are on the site, as relative URLs from one page in one language.

The renderers get these as callables (a text page by siglum, an index entry by id, where a TEI
pointer lands), so they never compute site paths themselves.
"""

from __future__ import annotations

from functools import cached_property

from markupsafe import escape
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

from albazin.model import citing
from albazin.publish import pages, search
from albazin.render import commentarypage
from albazin.site import pageregistry
from albazin.model.model import Edition
from albazin.render.render import Ctx, TocEntry


def toc(entries: list[TocEntry]) -> object:
    """A renderer's table of contents as MkDocs' (titles escaped: the theme prints them as HTML)."""
    return get_toc([{"level": e.level, "id": e.id, "name": str(escape(e.title)), "children": []} for e in entries])


class Routes:
    """Links from the page at `page_url` (its site path) in language `lang`."""

    def __init__(self, edition: Edition, lang: str, page_url: str) -> None:
        self.edition, self.lang, self.page_url = edition, lang, page_url

    def file(self, path: str) -> str:
        """A site-relative file (or page path) from this page."""
        return get_relative_url(path, self.page_url)

    def page(self, uri: str) -> str:
        """A page by its URI ("concordance/index.md") in this page's language."""
        return get_relative_url(pages.site_path(uri, self.lang), self.page_url)

    def text(self, siglum: str) -> str:
        """URL of a text's page (by the siglum of the original)."""
        return self.page(pages.text_page_uri(siglum.lower()))

    @cached_property
    def _entity_kinds(self) -> dict[str, str]:
        return {e.xml_id: e.kind for e in self.edition.entities}

    def entity(self, entity_id: str) -> str | None:
        """An index entry (None: no such entity)."""
        kind = self._entity_kinds.get(entity_id)
        if kind is None:
            return None
        return f"{self.file(pages.site_path(pages.index_page_uri(kind), self.lang))}#{entity_id}"

    @cached_property
    def _originals(self) -> dict[str, str]:
        return {d.file_name: (d.translation_of or d.siglum) for d in self.edition.documents()}

    @cached_property
    def _landings(self) -> list[pageregistry.Landing]:
        return pageregistry.landings(self.edition)

    def pointer(self, pointer: str) -> str | None:
        """Where a TEI pointer of the corpus lands on the site (None: not ours): a text's file on the
        text's page, the authority file's entities in the index, the other files on the pages that the
        page registry says publish them."""
        file_name, _, fragment = pointer.partition("#")
        if file_name in self._originals:
            return self.text(self._originals[file_name]) + (f"#{fragment}" if fragment else "")
        if file_name == self.edition.authority_file and fragment:
            return self.entity(fragment)
        for landing in self._landings:
            if file_name == landing.file and fragment.startswith(landing.fragments):
                return self.page(landing.uri) + (f"#{fragment}" if fragment else "")
        return None

    def term(self, entry: str) -> str | None:
        """A glossary entry (None: not in the glossary)."""
        if entry not in {e.xml_id for e in self.edition.glossary}:
            return None
        return f"{self.page(pages.GLOSSARY_URI)}#{entry}"

    @cached_property
    def _citing_pages(self) -> dict[str, str]:
        return pageregistry.citing_pages(self.edition)

    def citer(self, citer: citing.Citer) -> str:
        """Where a place that cites a work is (the bibliography page's "cited in"): an apparatus note on
        its text's page, the others on the page the page registry says holds their kind."""
        uri = pages.text_page_uri(citer.siglum.lower()) if citer.kind == citing.APPARATUS and citer.siglum \
            else self._citing_pages[citer.kind]
        return f"{self.page(uri)}#{citer.xml_id}"

    def commentary_links(self) -> commentarypage.CommentaryLinks:
        return commentarypage.CommentaryLinks(
            text_page=self.text,
            concordance=self.page(pages.CONCORDANCE_URI),
            commentary=self.page(pages.COMMENTARY_URI),
            bibliography=self.page(pages.BIBLIOGRAPHY_URI),
            entity=self.entity,
        )

    def ctx(self) -> Ctx:
        return Ctx(self.lang, entity_href=self.entity, pointer_href=self.pointer,
                   entity_attrs=search.entity_attrs(self.edition))
