"""The full site build: strict, complete in both languages, atomic on failure."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import html

from albazin.core.paths import PROJECT_ROOT
from albazin.model.model import Edition
from tests.conftest import LANGUAGES, copy_corpus, page_url


def test_strict_build_succeeds_without_warnings(build_result: tuple[subprocess.CompletedProcess, Path]) -> None:
    result, _ = build_result
    assert result.returncode == 0, result.stderr
    log = result.stdout + result.stderr
    assert "WARNING" not in log and "Traceback" not in log


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_exists_in_both_languages(site: Path, edition: Edition, lang: str) -> None:
    prefix = "" if lang == "en" else f"{lang}/"
    pages = ["", "about/"] + [f"texts/{t.slug}/" for t in edition.texts]
    for path in pages:
        doc = html.parse(str(site / f"{prefix}{path}index.html")).getroot()
        assert doc.get("lang") == lang, path


def test_text_page_shows_text_source_note_and_tei_download(site: Path, edition: Edition) -> None:
    for text in edition.texts:
        for lang in LANGUAGES:
            page = site / page_url(text.slug, lang) / "index.html"
            doc = html.parse(str(page)).getroot()
            translation = edition.translation(text.siglum)
            # editorial notes (asides) are the editors' words, in the page's language
            originals = doc.cssselect(".alb-text .alb-col--original:not(.alb-note)")
            translated = doc.cssselect(".alb-text .alb-col--translation:not(.alb-anchor):not(.alb-note)")
            assert originals and translated
            assert {el.get("lang") for el in originals} == {text.lang}
            assert {el.get("lang") for el in translated} == {translation.lang}
            assert doc.cssselect(".alb-source__provenance")[0].text_content().strip()
            link = doc.cssselect(f'a[download="{text.file_name}"]')[0]
            target = (page.parent / link.get("href")).resolve()
            assert target.is_file() and target.read_bytes() == (PROJECT_ROOT / "tei" / text.file_name).read_bytes()


def test_russian_interface_on_russian_pages(site: Path) -> None:
    doc = html.parse(str(site / "ru/texts/c/index.html")).getroot()
    assert doc.cssselect(".alb-source")[0].get("aria-label") == "Источник"
    assert "Скачать TEI" in doc.cssselect("a[download]")[0].text_content()
    # the English original keeps its language; the Russian chrome around it is marked Russian
    assert doc.cssselect(".alb-text .alb-col--original")[0].get("lang") == "en"
    assert doc.get("lang") == "ru"
    assert doc.cssselect(".alb-permalink")[0].get("lang") == "ru"


def test_table_of_contents_lists_the_sections_of_c(site: Path) -> None:
    doc = html.parse(str(site / "texts/c/index.html")).getroot()
    # Material renders the page's TOC twice (sidebar and, for small screens, inside the main nav).
    toc = list(dict.fromkeys(a.get("href") for a in doc.cssselect("nav.md-nav--secondary a.md-nav__link")))
    assert toc == ["#C-background", "#C-siege-1685", "#C-siege-1686", "#C-aftermath", "#C-references",
                   "#C-bibliography", "#C-apparatus", "#C-commentary"]


@pytest.mark.build
def test_failed_build_leaves_previous_site_intact(tmp_path: Path) -> None:
    corpus = copy_corpus(tmp_path)
    a = corpus / "A.xml"
    a.write_text(a.read_text(encoding="utf-8").replace('xml:id="A-p2"', 'xml:id="A-p1"'), encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous build", encoding="utf-8")
    env = {**os.environ, "ALBAZIN_TEI_DIR": str(corpus), "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "albazin", "build", "--site-dir", str(site)],
                            cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, check=False)
    log = result.stdout + result.stderr
    assert result.returncode == 1
    assert f'{corpus}/A.xml:' in log and 'duplicate xml:id "A-p1" (first defined at A.xml:' in log
    assert "Traceback" not in log
    assert (site / "index.html").read_text(encoding="utf-8") == "previous build"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "tei"]  # no staging left behind


def test_about_page_sections_have_the_same_anchors_in_both_languages(site: Path) -> None:
    ids = {lang: [h.get("id") for h in html.parse(str(site / prefix / "about/index.html")).getroot()
                  .cssselect("article h2[id]")] for lang, prefix in (("en", ""), ("ru", "ru"))}
    assert ids["en"] == ids["ru"] and "reading" in ids["en"]
