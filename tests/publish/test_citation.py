"""Citing the edition: citation styles, BibTeX/RIS records, metadata tags, CITATION.cff, footer,
the cite dialog (keyboard and clipboard) and the print stylesheet."""

from __future__ import annotations

import datetime
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from babel import dates as babel_dates
from hypothesis import given
from hypothesis import strategies as st
from lxml import html

from albazin.core import i18n, siteurl
from albazin.core.i18n import month_names
from albazin.core.paths import PROJECT_ROOT
from albazin.model.model import Edition
from albazin.publish import citation
from tests.conftest import LANGUAGES, SETTLED

SITE_URL = siteurl.DEFAULT
IMPRINT = citation.Imprint("en", "The Siege of Albazin: an edition", "The editors of this edition", "1.2.0",
                           "2026-11-22", "The editors", SITE_URL)
IMPRINT_RU = citation.Imprint("ru", "Осада Албазина: издание", "редакторы издания", "1.2.0", "2026-11-22",
                              "редакторы", SITE_URL + "ru/")


# --- the styles (golden strings) ----------------------------------------------------------------

def test_chicago_for_a_unit_a_page_and_the_edition() -> None:
    assert citation.cite(IMPRINT, "Text A", "paragraph A-p3", SITE_URL + "texts/a/#A-p3", "December 1, 2026") == (
        "\u201cText A,\u201d paragraph A-p3. In The Siege of Albazin: an edition, edited by the editors of this "
        "edition. Version 1.2.0, November 22, 2026. http://127.0.0.1:8000/texts/a/#A-p3. Accessed December 1, 2026.")
    assert citation.cite(IMPRINT, "Commentary", None, SITE_URL + "commentary/", "X").startswith(
        "\u201cCommentary.\u201d In The Siege of Albazin")
    assert citation.cite(IMPRINT, None, None, SITE_URL, "X") == (
        "The Siege of Albazin: an edition. Edited by the editors of this edition. Version 1.2.0, November 22, 2026. "
        "http://127.0.0.1:8000/. Accessed X.")


def test_gost_for_a_unit_and_the_edition() -> None:
    assert citation.cite(IMPRINT_RU, "Текст A", "абзац A-p3", SITE_URL + "ru/texts/a/#A-p3", "01.12.2026") == (
        "Текст A. Абзац A-p3 // Осада Албазина: издание / редакторы издания. \u2013 Версия 1.2.0. \u2013 2026. "
        "\u2013 URL: http://127.0.0.1:8000/ru/texts/a/#A-p3 (дата обращения: 01.12.2026). \u2013 Текст : электронный.")
    assert citation.cite(IMPRINT_RU, None, None, SITE_URL + "ru/", "X").startswith(
        "Осада Албазина: издание : [сайт] / редакторы издания. \u2013 Версия 1.2.0.")


def test_dates_in_each_style() -> None:
    assert citation.format_date("2026-03-05", "en") == "March 5, 2026"
    assert citation.format_date("2026-03-05", "ru") == "05.03.2026"
    assert citation.format_date("2026-11-22", "en") == "November 22, 2026"
    assert citation.format_date("2026-11-22", "ru") == "22.11.2026"
    assert citation.format_date("2026-11-22", "ru", citation.GOST.published) == "2026"


@given(st.dates(min_value=datetime.date(1000, 1, 1)))
def test_babel_writes_dates_as_the_hand_written_code_did(day: datetime.date) -> None:
    """Chicago's month names and ГОСТ's digits, as strftime and the English month list published them."""
    english = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December"][day.month - 1]
    assert citation.format_date(day.isoformat(), "en") == f"{english} {day.day}, {day.year}"
    assert citation.format_date(day.isoformat(), "ru") == day.strftime("%d.%m.%Y")


def test_every_language_has_a_style_and_its_sentences_the_placeholders_the_code_fills() -> None:
    assert citation.STYLES.keys() == set(LANGUAGES)
    for lang in LANGUAGES:
        for key, names in citation.SENTENCES.items():
            sentence = i18n.template(lang, key)
            fields = [name for _, name, _, _ in string.Formatter().parse(sentence) if name is not None]
            assert sorted(fields) == sorted(names), (lang, key, sentence)  # each once, none left unfilled


@pytest.mark.parametrize("imp", [IMPRINT, IMPRINT_RU], ids=LANGUAGES)
def test_a_citation_carries_everything_it_is_given(imp: citation.Imprint) -> None:
    for part, unit in ((None, None), ("PART", None), ("PART", "UNIT")):
        text = citation.cite(imp, part, unit, "URL", "ACCESSED")
        expected = [imp.title, imp.version, "2026", "URL", "ACCESSED"] + [part] * bool(part) + [unit] * bool(unit)
        assert all(value in text for value in expected), text
        assert "{" not in text and "}" not in text


def test_templates_leave_exactly_the_placeholders_the_script_fills() -> None:
    page = citation.CitedPage("Text A", SITE_URL + "texts/a/")
    for imp in (IMPRINT, IMPRINT_RU):
        found = citation.templates(imp, page)
        assert re.findall(r"\{\w+\}", found["unit"]) == ["{unit}", "{url}", "{accessed}"]
        assert re.findall(r"\{\w+\}", found["page"]) == ["{accessed}"]


# --- BibTeX and RIS -------------------------------------------------------------------------------

def bibtex_unescape(value: str) -> str:
    value = value.replace(r"\textbackslash{}", "\\").replace(r"\textasciitilde{}", "~")
    value = value.replace(r"\textasciicircum{}", "^").replace(r"\textbraceleft{}", "{")
    value = value.replace(r"\textbraceright{}", "}")
    return re.sub(r"\\([&%$#_])", r"\1", value)


def braces_balanced(value: str) -> bool:
    """As BibTeX counts braces: every one, escaped or not (so "\\}" closes a field too)."""
    depth = 0
    for char in value:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


@given(st.text())
def test_bibtex_values_read_back_literally(value: str) -> None:
    escaped = citation.bibtex_escape(value)
    assert bibtex_unescape(escaped) == " ".join(value.split())
    assert braces_balanced(escaped)
    assert not re.search(r"(?<!\\)[&%$#_]", escaped.replace(r"\textbackslash{}", ""))


@given(st.text(), st.text())
def test_a_ris_record_keeps_one_field_per_line(title: str, editors: str) -> None:
    imp = citation.Imprint("en", title, editors, "1", "2026-01-01", "P", SITE_URL)
    lines = citation.ris(imp).split("\r\n")
    assert lines[-1] == ""
    assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line) for line in lines[:-1]), lines
    assert lines[0] == "TY  - EDBOOK" and lines[-2] == "ER  - "


@pytest.mark.parametrize("lang", LANGUAGES)
def test_records_are_published_for_the_edition_and_each_text(site: Path, edition: Edition, lang: str) -> None:
    for stem in ["edition", *(t.slug for t in edition.texts)]:
        bib = (site / "cite" / f"{stem}.{lang}.bib").read_text(encoding="utf-8")
        assert re.match(r"@(book|incollection)\{albazin(-[a-z]+)?,\n", bib)
        assert braces_balanced(bib)
        statement = "Version" if lang == "en" else "Версия"
        # what BibLaTeX and Zotero both read: the edition statement, the language, the corporate name braced
        assert f"edition = {{{statement} {edition.version}}}" in bib and f"date = {{{edition.published}}}" in bib
        language = {"en": "english", "ru": "russian"}[lang]
        assert f"language = {{{language}}}" in bib and f"langid = {{{language}}}" in bib
        assert "version = " not in bib  # not a field of @book/@incollection: Zotero drops it
        assert re.search(r"editor = \{\{[^{}]+\}\}", bib)
        ris = (site / "cite" / f"{stem}.{lang}.ris").read_bytes().decode("utf-8")
        assert f"ET  - {statement} {edition.version}\r\n" in ris and ris.endswith("ER  - \r\n")
        assert f"LA  - {lang}\r\n" in ris
        (editors,) = re.findall(r"^ED  - (.*)\r$", ris, re.M)
        assert "," not in editors  # Zotero's RIS import keeps a name without a comma as one (corporate) name
        text = None if stem == "edition" else edition.text(stem.upper())
        if text:
            assert f"TI  - {text.title.get(lang)}\r\n" in ris
            assert f"UR  - {SITE_URL}{'' if lang == 'en' else 'ru/'}texts/{stem}/\r\n" in ris


# --- metadata tags, CITATION.cff, footer ------------------------------------------------------------

def meta(doc: html.HtmlElement) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for tag in doc.iter("meta"):
        key = tag.get("name") or tag.get("property")
        if key:
            found.setdefault(key, []).append(tag.get("content"))
    return found


def html_pages(site: Path) -> list[Path]:
    return [p for p in site.rglob("*.html") if p.name != "404.html" and not p.is_relative_to(site / "tei")]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_text_pages_carry_highwire_tags(site: Path, edition: Edition, lang: str) -> None:
    prefix = "" if lang == "en" else f"{lang}/"
    for text in edition.texts:
        tags = meta(html.parse(str(site / prefix / "texts" / text.slug / "index.html")).getroot())
        url = f"{SITE_URL}{prefix}texts/{text.slug}/"
        assert tags["citation_title"] == [text.title.get(lang)]
        assert tags["citation_inbook_title"] == [edition.title.get(lang)]
        assert "citation_author" not in tags and tags["citation_publisher"]
        assert tags["citation_editor"] == [citation.corporate_creator(citation.imprint(edition, lang, "").editors)]
        assert tags["prism.edition"] == [("Version " if lang == "en" else "Версия ") + edition.version]
        assert tags["citation_publication_date"] == [edition.published.replace("-", "/")]
        assert tags["citation_language"] == [lang]
        assert tags["citation_public_url"] == [url]
        assert tags["citation_xml_url"] == [f"{SITE_URL}tei/{text.file_name}"]
        assert (site / "tei" / text.file_name).read_bytes() == (PROJECT_ROOT / "tei" / text.file_name).read_bytes()


def test_every_page_carries_dublin_core_opengraph_and_the_build_in_its_footer(site: Path, edition: Edition) -> None:
    pages = html_pages(site)
    assert len(pages) >= 22  # 11 pages in each language
    for path in pages:
        doc = html.parse(str(path)).getroot()
        tags = meta(doc)
        url = SITE_URL + str(path.parent.relative_to(site)).removeprefix(".") + "/"
        url = url.replace("8000//", "8000/")
        for key in ("DC.title", "DC.contributor", "DC.date", "DC.language", "DC.identifier", "og:title", "og:url",
                    "og:locale", "og:site_name", "citation_title", "citation_editor", "citation_language",
                    "citation_public_url", "prism.edition"):
            assert len(tags.get(key, [])) == 1, (path, key)
        assert "DC.type" not in tags and "DC.creator" not in tags, path
        assert tags["DC.identifier"] == tags["og:url"] == [url], path
        assert tags["DC.date"] == [edition.published]
        (footer,) = doc.cssselect(".md-footer .alb-build")
        assert edition.version in footer.text_content(), path


def test_citation_cff_is_valid_and_carries_the_edition_version(edition: Edition) -> None:
    data = yaml.safe_load((PROJECT_ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert data["cff-version"] == "1.2.0"
    assert data["version"] == edition.version
    assert str(data["date-released"]) == edition.published
    assert data["title"] == edition.title.get("en")
    result = subprocess.run([str(Path(sys.executable).parent / "cffconvert"), "--validate", "-i",
                             str(PROJECT_ROOT / "CITATION.cff")], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_page_says_how_to_cite_it_without_javascript(site: Path, lang: str) -> None:
    prefix = "" if lang == "en" else f"{lang}/"
    doc = html.parse(str(site / prefix / "texts" / "b" / "index.html")).getroot()
    (block,) = doc.cssselect(".alb-howtocite")
    text = block.cssselect(".alb-howtocite__text")[0].text_content()
    assert f"{SITE_URL}{prefix}texts/b/" in text
    assert ("Accessed [date of access]" if lang == "en" else "(дата обращения: [дата обращения])") in text
    hrefs = [a.get("href") for a in block.cssselect(".alb-howtocite__records a")]
    assert [h.rsplit("/", 1)[-1] for h in hrefs] == [f"b.{lang}.bib", f"b.{lang}.ris", f"edition.{lang}.bib",
                                                      f"edition.{lang}.ris"]
    for href in hrefs:
        assert (site / prefix / "texts" / "b" / href).resolve().is_file()


# --- the cite dialog in a browser ---------------------------------------------------------------

@pytest.fixture
def clipboard_page(browser: object, server: str) -> object:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server,
                                  permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    yield page
    context.close()


def today(lang: str) -> str:
    return citation.format_date(datetime.date.today().isoformat(), lang)


def test_cite_a_paragraph_with_the_keyboard_and_copy_link_and_citation(clipboard_page: object, server: str) -> None:
    page = clipboard_page
    page.goto("texts/a/")
    button = page.locator('button.alb-cite-btn[data-cite="A-p2"]')
    button.focus()
    # shown when focused (after its 125 ms fade-in)
    page.wait_for_function("b => getComputedStyle(b).opacity === '1'", arg=button.element_handle())
    page.keyboard.press("Enter")
    dialog = page.locator("#alb-cite")
    dialog.wait_for()
    assert dialog.get_attribute("role") == "dialog"
    assert page.evaluate("document.activeElement.classList.contains('alb-cite__copy--link')")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('.alb-cite__status').textContent !== ''")
    assert page.evaluate("navigator.clipboard.readText()") == f"{server}texts/a/#A-p2".replace(
        server, SITE_URL)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('.alb-cite__status').textContent !== ''")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("\u201cText A: an anonymous Russian account")
    assert ",\u201d para. 2. In The Siege of Albazin" in copied  # a human locator, not the id
    assert f"{SITE_URL}texts/a/#A-p2. Accessed {today('en')}." in copied
    page.keyboard.press("Escape")
    assert dialog.count() == 0
    assert page.evaluate("document.activeElement.getAttribute('data-cite')") == "A-p2"


def test_cite_a_figure_from_its_paragraph_on_the_russian_site(clipboard_page: object) -> None:
    page = clipboard_page
    page.goto("ru/texts/a/")
    paragraph = page.evaluate("document.getElementById('A-fig4').closest('.alb-p').id")
    page.locator(f'button.alb-cite-btn[data-cite="{paragraph}"]').click()
    page.locator("#alb-cite .alb-cite__sub", has_text="A-fig4").click()
    assert page.locator("#alb-cite .alb-cite__url").input_value().endswith("/ru/texts/a/#A-fig4")
    page.locator("#alb-cite .alb-cite__copy--citation").click()
    page.wait_for_function("document.querySelector('.alb-cite__status').textContent !== ''")
    copied = page.evaluate("navigator.clipboard.readText()")
    n = page.evaluate(f"document.getElementById('{paragraph}').dataset.n")
    words = " ".join(page.evaluate("document.getElementById('A-fig4').innerText").split())
    # the paragraph's locator and the figure's own words, quoted
    assert f". Абз. {n}, «{words}» // Осада Албазина" in copied
    assert f"URL: {SITE_URL}ru/texts/a/#A-fig4 (дата обращения: {today('ru')})." in copied
    assert copied.endswith("Текст : электронный.")


def test_index_entries_and_commentary_entries_can_be_cited(clipboard_page: object) -> None:
    page = clipboard_page
    for path, anchor in (("index/persons/", "pers-beiton"), ("commentary/", "com-1686-garrison")):
        page.goto(path)
        page.locator(f'button.alb-cite-btn[data-cite="{anchor}"]').click()
        assert page.locator("#alb-cite .alb-cite__url").input_value() == f"{SITE_URL}{path}#{anchor}"
        assert f"{SITE_URL}{path}#{anchor}" in page.locator("#alb-cite .alb-cite__text").inner_text()


def test_the_page_citation_gets_todays_date_with_javascript(page: object, server: str) -> None:
    page.goto(f"{server}texts/c/")
    assert f"Accessed {today('en')}." in page.locator(".alb-howtocite__text").inner_text()


def test_printing_a_text_page(page: object, server: str) -> None:
    page.goto(f"{server}texts/a/")
    page.wait_for_function(SETTLED)  # cite buttons are added in the frames after load
    page.evaluate("document.querySelector('input[name=\"alb-view\"][value=\"diplomatic\"]').click()")
    page.emulate_media(media="print")
    hidden = page.evaluate("""['.md-header', '.md-sidebar--primary', '.md-footer', '.alb-controls',
        '.alb-cite-btn'].map(s => getComputedStyle(document.querySelector(s)).display)""")
    assert hidden == ["none"] * 5
    # each paragraph prints its anchor; the page's address is printed once, at the top
    after = page.evaluate("getComputedStyle(document.querySelector('#A-p2 .alb-permalink'), '::after').content")
    assert after == '"#A-p2"'
    assert f"{SITE_URL}texts/a/" in page.locator(".alb-print-url").inner_text()
    shown = page.evaluate("""['.alb-apparatus', '.alb-commentary-local', '.alb-noteref', '.alb-comref']
        .map(s => getComputedStyle(document.querySelector(s)).display)""")
    assert "none" not in shown
    # the reader's diplomatic view is what prints
    assert page.evaluate("getComputedStyle(document.querySelector('.alb-reading--source')).display") != "none"
    assert page.evaluate("getComputedStyle(document.querySelector('.alb-reading--edited')).display") == "none"
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


# Dates across months, day widths and years; both styles' patterns and a few CLDR fields besides.
DATES = [datetime.date(year, month, day) for year in (1686, 2026, 2099) for month in range(1, 13)
         for day in (1, 9, 10, 28)]
PATTERNS = sorted({s.date for s in citation.STYLES.values()} | {s.published for s in citation.STYLES.values()}
                  | {"d MMMM y", "M/d/yy", "'Day' d"})


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_dialog_writes_a_date_as_babel_does(page: object, server: str, lang: str) -> None:
    """cite.js fills the style's CLDR pattern in the browser (the access date is the reader's today):
    for 144 dates and each pattern, what it writes is what Babel writes on the server."""
    page.goto(server)
    months = list(month_names(lang))
    written = page.evaluate("""async ([url, dates, patterns, months]) => {
      const { formatDate } = await import(url);
      return patterns.map(p => dates.map(([y, m, d]) => formatDate(new Date(y, m - 1, d), p, months)));
    }""", [server + "assets/js/edition/cite.js", [[d.year, d.month, d.day] for d in DATES], PATTERNS, months])
    for pattern, row in zip(PATTERNS, written, strict=True):
        assert row == [babel_dates.format_date(d, pattern, locale=lang) for d in DATES], pattern
