"""The anchor registry: published anchors never disappear; an alias keeps an old id working."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import html

from albazin.core.paths import PROJECT_ROOT
from albazin.model.model import Edition
from albazin.site import anchors, sitecheck
from tests.conftest import LANGUAGES, copy_corpus, run_build

REGISTRY = PROJECT_ROOT / anchors.REGISTRY_DIR


def page_ids(site: Path, page: str) -> set[str]:
    doc = html.parse(str(site / page / "index.html")).getroot()
    return {el.get("id") for el in doc.iter() if el.get("id")}


def corpus_with_registry(tmp_path: Path, extra_published: str = "", aliases: str = "") -> Path:
    corpus = copy_corpus(tmp_path)
    shutil.copytree(REGISTRY, tmp_path / anchors.REGISTRY_DIR)
    with (tmp_path / anchors.REGISTRY_DIR / anchors.PUBLISHED_FILE).open("a", encoding="utf-8") as f:
        f.write(extra_published)
    with (tmp_path / anchors.REGISTRY_DIR / anchors.ALIASES_FILE).open("a", encoding="utf-8") as f:
        f.write(aliases)
    return corpus


def test_registry_lists_every_published_anchor(edition: Edition) -> None:
    registered, problems = anchors.read_registry(REGISTRY)
    assert not problems
    missing = sorted(map(str, anchors.published(edition) - set(registered)))
    assert not missing, f"anchors published but not registered (run `make anchors`): {missing[:20]}"
    assert len(registered) >= 1200


def test_every_registered_anchor_is_an_id_on_its_page_in_both_languages(site: Path) -> None:
    registered, _ = anchors.read_registry(REGISTRY)
    aliases, _ = anchors.read_aliases(REGISTRY)
    aliased = {a.old for a in aliases}
    ids: dict[str, set[str]] = {}
    missing = []
    for anchor in registered:
        for lang in LANGUAGES:
            page = anchor.page_in(lang)
            if page not in ids:
                ids[page] = page_ids(site, page)
            if anchor.id not in ids[page] and anchor not in aliased:
                missing.append(f"{page}#{anchor.id}")
    assert not missing, missing[:20]
    assert {p for p in ids if p.startswith("ru/")} == {f"ru/{p}" for p in ids if not p.startswith("ru/")}


def test_a_registered_anchor_that_disappears_stops_the_check(tmp_path: Path) -> None:
    corpus = corpus_with_registry(tmp_path, "A-p99\ttexts/a/\tru/texts/a/\n")
    line = len((tmp_path / "anchors" / anchors.PUBLISHED_FILE).read_text(encoding="utf-8").splitlines())
    edition, problems = sitecheck.check(corpus)
    assert edition is None
    assert [str(p) for p in problems] == [
        f"{tmp_path / 'anchors' / 'published.tsv'}:{line}: error: published anchor A-p99 on texts/a/ and "
        f"ru/texts/a/ no longer exists; restore the id or declare where it went in "
        f"{tmp_path / 'anchors' / 'aliases.tsv'} [anchor-removed]"]


def test_aliases_are_checked(tmp_path: Path) -> None:
    corpus = corpus_with_registry(tmp_path, aliases="texts/a/\tA-old\ttexts/a/\tA-p404\n"
                                                    "texts/a/\tA-p1\ttexts/a/\tA-p2\n"
                                                    "texts/gone/\tX-1\ttexts/a/\tA-p1\n")
    _, problems = sitecheck.check(corpus)
    messages = [(p.line, p.code, p.message) for p in problems]
    before = len((REGISTRY / anchors.ALIASES_FILE).read_text(encoding="utf-8").splitlines())  # the registry's own
    assert [(line, code) for line, code, _ in messages] == [(before + 1, "anchor-alias"), (before + 2, "anchor-alias"),
                                                             (before + 3, "anchor-alias")]
    assert "does not publish" in messages[0][2]
    assert "still exists" in messages[1][2]
    assert "page no longer exists" in messages[2][2]


def test_the_registry_never_loses_a_line(edition: Edition) -> None:
    registered, _ = anchors.read_registry(REGISTRY)
    extra = anchors.Anchor("texts/a/", "A-retired")
    text = anchors.registry_text(set(registered) | {extra} | anchors.published(edition))
    assert "A-retired\ttexts/a/\tru/texts/a/\n" in text
    assert text.startswith(anchors.PUBLISHED_HEADER)


@pytest.fixture(scope="module")
def aliased_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build in which A-old-1 was an id of texts/a/ now called A-p1, and A-gone moved to text B."""
    root = tmp_path_factory.mktemp("aliased")
    corpus = corpus_with_registry(
        root, "A-old-1\ttexts/a/\tru/texts/a/\nA-gone\ttexts/a/\tru/texts/a/\n",
        "texts/a/\tA-old-1\ttexts/a/\tA-p1\ntexts/a/\tA-gone\ttexts/b/\tB-p1\n")
    site = root / "site"
    result = run_build(site, {"ALBAZIN_TEI_DIR": str(corpus)})
    assert result.returncode == 0, result.stderr[-3000:]
    return site


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.build
def test_an_alias_on_the_same_page_sits_inside_the_new_target(aliased_site: Path, lang: str) -> None:
    prefix = "" if lang == "en" else f"{lang}/"
    doc = html.parse(str(aliased_site / f"{prefix}texts/a/index.html")).getroot()
    (old,) = doc.xpath("//*[@id='A-old-1']")
    assert old.getparent().get("id") == "A-p1"
    assert old.text_content() == ""


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.build
def test_an_alias_to_another_page_links_there(aliased_site: Path, lang: str) -> None:
    prefix = "" if lang == "en" else f"{lang}/"
    doc = html.parse(str(aliased_site / f"{prefix}texts/a/index.html")).getroot()
    (note,) = doc.xpath("//*[@id='A-gone']")
    assert "alb-moved" in note.get("class")
    assert note.xpath(".//a/@href") == ["../b/#B-p1"]


def test_a_moved_anchor_leads_the_browser_to_its_new_place(aliased_site: Path, page: object) -> None:
    import functools
    import http.server
    import threading

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(aliased_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{httpd.server_address[1]}/"
        page.goto(f"{base}ru/texts/a/#A-gone")
        page.wait_for_url(f"{base}ru/texts/b/#B-p1")
        assert page.evaluate("document.querySelector(':target').id") == "B-p1"
    finally:
        httpd.shutdown()
        httpd.server_close()
