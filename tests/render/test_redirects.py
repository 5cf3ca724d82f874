"""Redirects for moved pages (anchors/redirects.tsv): a URL published in any release keeps resolving."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest
from lxml import html

from albazin.render import redirects
from albazin.site import anchors
from tests.conftest import LANGUAGES, _QuietHandler, run_build
from tests.site.test_anchor_registry import corpus_with_registry
from tests.site.test_links import broken_links


def with_redirects(corpus: Path, rows: str) -> Path:
    (corpus.parent / anchors.REGISTRY_DIR / redirects.REDIRECTS_FILE).write_text(rows, encoding="utf-8")
    return corpus


def test_redirect_rows_are_checked(tmp_path: Path) -> None:
    (tmp_path / redirects.REDIRECTS_FILE).write_text(
        "# old\tnew\ntexts/a-old/\ttexts/a/\n../x/\ttexts/a/\ntexts/a/\ttexts/a/\ntexts/b\ttexts/a/\nonly/\n",
        encoding="utf-8")
    found, problems = redirects.read(tmp_path)
    assert found == [redirects.Redirect("texts/a-old/", "texts/a/", 2)]
    assert [p.line for p in problems] == [3, 4, 5, 6] and all("[page-redirect]" in str(p) for p in problems)


def test_a_stub_leads_on_with_the_fragment() -> None:
    stub = redirects.stub("ru/texts/a-old/", "ru/texts/a/", "https://edition.example.org/", "ru")
    doc = html.fromstring(stub)
    assert doc.get("lang") == "ru"
    assert doc.xpath("//meta[@http-equiv='refresh']/@content") == ["0; url=../../../ru/texts/a/"]
    assert doc.xpath("//link[@rel='canonical']/@href") == ["https://edition.example.org/ru/texts/a/"]
    assert 'location.replace("../../../ru/texts/a/" + location.hash)' in stub


@pytest.fixture(scope="module")
def moved_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build in which the page texts/a-old/ (with A-p1 on it) moved to texts/a/."""
    root = tmp_path_factory.mktemp("moved")
    corpus = with_redirects(corpus_with_registry(root, "A-p1\ttexts/a-old/\tru/texts/a-old/\n"),
                            "texts/a-old/\ttexts/a/\n")
    site = root / "site"
    result = run_build(site, {"ALBAZIN_TEI_DIR": str(corpus)})
    assert result.returncode == 0, result.stderr[-3000:]
    return site


@pytest.mark.build
def test_a_moved_page_keeps_its_anchors_published_without_an_alias(tmp_path: Path) -> None:
    """The same registry line without the redirect: the build stops (anchor-removed)."""
    corpus = corpus_with_registry(tmp_path, "A-p1\ttexts/a-old/\tru/texts/a-old/\n")
    result = run_build(tmp_path / "site", {"ALBAZIN_TEI_DIR": str(corpus)})
    assert result.returncode != 0 and "published anchor A-p1 on texts/a-old/" in result.stderr


@pytest.mark.build
def test_a_redirect_from_a_page_that_still_exists_is_refused(tmp_path: Path) -> None:
    corpus = with_redirects(corpus_with_registry(tmp_path), "texts/b/\ttexts/a/\n")
    result = run_build(tmp_path / "site", {"ALBAZIN_TEI_DIR": str(corpus)})
    assert result.returncode != 0
    assert "redirects.tsv:1: /texts/b/ is still a page of the site" in result.stderr
    assert "[page-redirect]" in result.stderr


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.build
def test_the_old_address_has_a_stub_in_each_language(moved_site: Path, lang: str) -> None:
    prefix = "" if lang == "en" else f"{lang}/"
    doc = html.parse(str(moved_site / f"{prefix}texts/a-old/index.html")).getroot()
    up = "../" * (2 + prefix.count("/"))
    assert doc.xpath("//meta[@http-equiv='refresh']/@content") == [f"0; url={up}{prefix}texts/a/"]
    assert broken_links(moved_site) == []


@pytest.mark.browser
def test_the_browser_lands_on_the_cited_unit(moved_site: Path, page: object) -> None:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler,
                                                                                directory=str(moved_site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{httpd.server_address[1]}/"
        page.goto(f"{base}ru/texts/a-old/#A-p3")
        page.wait_for_url(f"{base}ru/texts/a/#A-p3")
        assert page.evaluate("document.querySelector(':target').id") == "A-p3"
    finally:
        httpd.shutdown()
        httpd.server_close()
