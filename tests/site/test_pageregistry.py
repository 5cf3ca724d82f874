"""The page registry (albazin/site/pageregistry.py) is the one list of pages: the navigation, the stubs,
the hooks' page dispatch and the anchor registry are all derived from it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from albazin.core.i18n import LANGUAGES
from albazin.core.paths import PROJECT_ROOT
from albazin.load.rules import EDITION_FILE
from albazin.model import citing
from albazin.model.model import Edition
from albazin.publish import pages
from albazin.site import anchors, mkdocs_hooks, pageregistry
from albazin.site.routes import Routes

EXTRA_URI = "extra/index.md"


def _extra_body(req: object) -> tuple[str, None]:
    return "<p>extra</p>", None


EXTRA = pageregistry.PageKind(
    "extra",
    lambda edition: [pageregistry.SitePage(EXTRA_URI, "extra", {lang: f"Extra {lang}" for lang in LANGUAGES})],
    pageregistry._top, lambda edition, page, docs: ["extra-section"], _extra_body,
    pageregistry.Publishes(lambda edition: "extra.xml", citing="extra"))


@pytest.fixture
def with_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pageregistry, "REGISTRY", (*pageregistry.REGISTRY, EXTRA))


def test_a_page_added_to_the_registry_is_in_the_nav_the_stubs_the_dispatch_and_the_anchors(
        edition: Edition, with_extra: None) -> None:
    assert EXTRA_URI in pageregistry.site_nav(edition)
    stubs = {s.src_uri: s.meta for s in pageregistry.stubs(edition)}
    for lang in LANGUAGES:
        assert stubs[f"extra/index.{lang}.md"]["alb_page"] == "extra"
        assert stubs[f"extra/index.{lang}.md"]["title"] == f"Extra {lang}"
    assert pageregistry.renderer("extra") is _extra_body  # what on_page_content calls for the stub
    assert anchors.Anchor("extra/", "extra-section") in anchors.published(edition)
    routes = Routes(edition, "ru", "ru/texts/a/")  # a pointer into its file, and its citers, are linked to it
    assert routes.pointer("extra.xml#x") == "../../extra/#x" and routes.pointer("extra.xml") == "../../extra/"
    assert routes.citer(citing.Citer("extra", "x", edition.title)) == "../../extra/#x"


def test_without_it_none_of_them_has_the_page(edition: Edition) -> None:
    assert EXTRA_URI not in pageregistry.site_nav(edition)
    assert not [s for s in pageregistry.stubs(edition) if s.src_uri.startswith("extra/")]
    assert pageregistry.renderer("extra") is None
    assert not [a for a in anchors.published(edition) if a.page == "extra/"]
    assert Routes(edition, "en", "").pointer("extra.xml#x") is None


def test_the_navigation_of_the_edition(edition: Edition) -> None:
    """The order readers see, with the editorial matter and the commentary that this edition has."""
    assert pageregistry.site_nav(edition) == [
        {"Home": "index.md"},
        pages.INTRODUCTION_URI,
        {"Texts": [pages.text_page_uri(t.slug) for t in edition.texts]},
        {"Index": [pages.index_page_uri(kind) for kind in pages.INDEX_SLUGS]},
        pages.GLOSSARY_URI, pages.CONCORDANCE_URI, pages.COMMENTARY_URI, pages.BIBLIOGRAPHY_URI,
        pages.DOWNLOADS_URI, pages.CHANGES_URI,
        {"About this edition": "about.md"},
    ]


def test_the_pages_that_publish_a_tei_file(edition: Edition) -> None:
    """Where the routes send a pointer into a file and a unit that cites a work: the maps that
    albazin/site/routes.py wrote by hand before they were the registry's."""
    assert {(landing.file, landing.fragments): landing.uri for landing in pageregistry.landings(edition)} == {
        (edition.bibliography_file, ""): pages.BIBLIOGRAPHY_URI, (edition.commentary_file, ""): pages.COMMENTARY_URI,
        (edition.glossary_file, ""): pages.GLOSSARY_URI, (edition.introduction_file, ""): pages.INTRODUCTION_URI,
        (EDITION_FILE, "q-"): pages.CONCORDANCE_URI}
    assert pageregistry.citing_pages(edition) == {citing.COMMENTARY: pages.COMMENTARY_URI,
                                                  citing.GLOSSARY: pages.GLOSSARY_URI,
                                                  citing.INTRODUCTION: pages.INTRODUCTION_URI}
    kinds = {c.kind for found in citing.citers(edition).values() for c in found}
    assert kinds - {citing.APPARATUS} <= pageregistry.citing_pages(edition).keys()


def test_pointers_land_on_the_page_of_their_file(edition: Edition) -> None:
    routes = Routes(edition, "en", "texts/a/")
    question = edition.questions()[0].xml_id
    assert routes.pointer(f"{EDITION_FILE}#{question}") == f"../../concordance/#{question}"
    assert routes.pointer(f"{EDITION_FILE}#em-x") is None and routes.pointer(EDITION_FILE) is None
    assert routes.pointer(f"{edition.commentary_file}#c-1") == "../../commentary/#c-1"
    assert routes.pointer(edition.bibliography_file) == "../../bibliography/"
    assert routes.pointer("elsewhere.xml#x") is None
    assert Routes(edition, "ru", "ru/").pointer(f"{edition.glossary_file}#g") == "glossary/#g"


def test_every_stub_is_rendered_by_its_registry_entry(edition: Edition) -> None:
    stubs = pageregistry.stubs(edition)
    assert len(stubs) == len(LANGUAGES) * sum(len(k.pages(edition)) for k in pageregistry.REGISTRY if k.generated)
    for stub in stubs:
        assert pageregistry.renderer(stub.meta["alb_page"]) is not None, stub.src_uri
    assert pageregistry.renderer(None) is None  # a hand-written page keeps MkDocs' own body


def test_every_kind_of_page_is_in_the_registry() -> None:
    kinds = {value for name, value in vars(pages).items() if name.startswith("PAGE_")}
    assert kinds == {k.kind for k in pageregistry.REGISTRY}


def test_the_hooks_keep_no_list_of_pages() -> None:
    """No page kind or page address is named in the hooks: they look pages up in the registry."""
    tree = ast.parse(Path(mkdocs_hooks.__file__).read_text(encoding="utf-8"))
    named = {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
    listed = {name for name in named if name.startswith("PAGE_") or (name.endswith("_URI") and name != "SEARCH_URI")}
    assert not listed, listed  # (SEARCH_URI: the header's search box, a template global)


def test_every_page_of_the_registry_is_built_in_both_languages(site: Path, edition: Edition) -> None:
    for kind in pageregistry.REGISTRY:
        for page in kind.pages(edition):
            for lang in LANGUAGES:
                assert (site / pages.site_path(page.uri, lang) / "index.html").is_file(), (kind.kind, lang)


def test_the_project_has_no_other_page_list() -> None:
    """The lists that were parallel to the registry are gone."""
    assert not hasattr(pages, "stubs") and not hasattr(anchors, "HAND_WRITTEN")
    assert "changes_stubs" not in (PROJECT_ROOT / "albazin" / "site" / "publishing.py").read_text(encoding="utf-8")
