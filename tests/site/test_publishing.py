"""Publishing (issue 16): the public address, the metadata reference managers read (Zotero's
translators, BibLaTeX), schema.org JSON-LD, human locators, the changes page, CITATION.cff and
.zenodo.json. Versioned releases and their deployment are in tests/site/test_release.py."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from lxml import html

from albazin.core import siteurl
from albazin.core.i18n import label
from albazin.core.paths import PROJECT_ROOT
from albazin.model.model import Edition
from albazin.publish import citation
from albazin.render import changelog
from albazin.site.release import ReleaseError, metadata_problems, still_resolving, version_id
from tests.conftest import LANGUAGES, SETTLED, run_build

PUBLIC = "https://edition.example.org/albazin/"


# --- SITE_URL -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "expected"), [
    ("https://edition.example.org/albazin", "https://edition.example.org/albazin/"),
    ("HTTPS://Edition.Example.org/", "https://edition.example.org/"),
    ("http://127.0.0.1:8000/", "http://127.0.0.1:8000/"),
    ("https://[2001:db8::1]:8443/ed/", "https://[2001:db8::1]:8443/ed/"),
])
def test_a_site_url_is_normalised_to_end_in_a_slash(value: str, expected: str) -> None:
    assert siteurl.check(value) == expected


@pytest.mark.parametrize(("value", "problem"), [
    ("edition.example.org/albazin/", "has no scheme"),
    ("//edition.example.org/", "has no scheme"),
    ("ftp://edition.example.org/", 'has the scheme "ftp"'),
    ("javascript:alert(1)", "has no scheme"),
    ("https://edition.example.org/?page=1", "has a query string"),
    ("https://edition.example.org/?", "has a query string"),
    ("https://edition.example.org/#top", "has a fragment"),
    ("https://user:secret@edition.example.org/", "contains a user name or password"),
    ("https:///albazin/", "has no valid host name"),
    ("https://bad_host!/", "has no valid host name"),
    ("https://edition.example.org:port/", "is not a URL"),
    ("https://edition.example.org/a b/", "contains spaces or control characters"),
    (" https://edition.example.org/", "contains spaces or control characters"),
    ("https://edition.example.org/../x/", "has an unusable path"),
    ("https://edition.example.org/<script>/", "has an unusable path"),
])
def test_a_malformed_site_url_is_named_with_its_problem(value: str, problem: str) -> None:
    with pytest.raises(siteurl.SiteUrlError) as caught:
        siteurl.check(value)
    message = str(caught.value)
    assert message.startswith(f'error: SITE_URL="{value}"') and problem in message and message.endswith("[site-url]")


def test_a_release_needs_a_public_site_url() -> None:
    assert siteurl.from_environment({}) == siteurl.DEFAULT
    for environ, problem in (({}, "SITE_URL is not set"), ({"SITE_URL": ""}, "SITE_URL is not set"),
                             ({"SITE_URL": "http://localhost:8000/"}, "is a loopback address"),
                             ({"SITE_URL": "http://127.0.0.2/"}, "is a loopback address")):
        with pytest.raises(siteurl.SiteUrlError, match=problem):
            siteurl.from_environment(environ, required=True)
    assert siteurl.from_environment({"SITE_URL": PUBLIC}, required=True) == PUBLIC


@pytest.mark.parametrize("value", ["ftp://edition.example.org/", "https://edition.example.org/?a=1"])
@pytest.mark.build
def test_mkdocs_build_stops_on_a_bad_site_url_before_writing(tmp_path: Path, value: str) -> None:
    result = run_build(tmp_path / "site", {"SITE_URL": value})
    assert result.returncode != 0
    assert f'error: SITE_URL="{value}"' in result.stderr and "[site-url]" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "site").exists()


@pytest.mark.build
def test_make_build_names_a_site_url_without_scheme(tmp_path: Path) -> None:
    """MkDocs' own check would stop first, in its own words: `albazin build` checks SITE_URL before it."""
    env = {"SITE_URL": "edition.example.org/albazin/", "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-m", "albazin", "build", "--site-dir", str(tmp_path / "site")],
                            cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert 'error: SITE_URL="edition.example.org/albazin/" has no scheme' in result.stderr
    assert not (tmp_path / "site").exists()


@pytest.fixture(scope="module")
def public_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("public") / "site"
    result = run_build(site, {"SITE_URL": PUBLIC})
    assert result.returncode == 0, result.stderr[-3000:]
    return site


def theme_copies(path: Path) -> bool:
    """A file copied unchanged from Material's package (its source maps quote "127.0.0.1" in comments)."""
    import material

    relative = path.as_posix().split("/assets/", 1)[-1]
    original = Path(material.__file__).parent / "templates" / "assets" / relative
    return original.is_file() and original.read_bytes() == path.read_bytes()


def loopback_mentions(site: Path) -> list[str]:
    found = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                found += [f"{path.name}:{name}" for name in archive.namelist() if b"127.0.0.1" in archive.read(name)]
        elif b"127.0.0.1" in data and not (path.suffix == ".map" and theme_copies(path)):
            found.append(path.relative_to(site).as_posix())
    return found


@pytest.mark.build
def test_a_public_build_hands_out_only_its_public_address(public_site: Path) -> None:
    assert loopback_mentions(public_site) == []
    page = html.parse(str(public_site / "ru" / "texts" / "a" / "index.html")).getroot()
    assert page.cssselect('link[rel="canonical"]')[0].get("href") == f"{PUBLIC}ru/texts/a/"
    assert page.cssselect('meta[name="citation_public_url"]')[0].get("content") == f"{PUBLIC}ru/texts/a/"
    assert f"URL: {PUBLIC}ru/texts/a/" in page.cssselect(".alb-howtocite__text")[0].text_content()
    assert f'--alb-page-url: "{PUBLIC}ru/texts/a/"' in html.tostring(page, encoding="unicode")  # printed permalinks
    sitemap = (public_site / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count(f"<loc>{PUBLIC}") == sitemap.count("<loc>") > 20
    zips = list(public_site.rglob("*.zip"))
    with zipfile.ZipFile(zips[0]) as archive:
        readme = next(n for n in archive.namelist() if n.endswith("README.md"))
        assert PUBLIC in archive.read(readme).decode("utf-8")
    bib = (public_site / "cite" / "a.ru.bib").read_text(encoding="utf-8")
    assert f"url = {{{PUBLIC}ru/texts/a/}}" in bib
    about = html.parse(str(public_site / "about" / "index.html")).getroot().text_content()
    assert f"Version 0.4.0, December 3, 2026. {PUBLIC}. Accessed date." in about.replace("*", "")


def test_the_scan_finds_a_loopback_address(tmp_path: Path) -> None:
    (tmp_path / "x.html").write_text("see http://127.0.0.1:8000/", encoding="utf-8")
    with zipfile.ZipFile(tmp_path / "c.zip", "w") as archive:
        archive.writestr("c/README.md", "http://127.0.0.1:8000/")
    assert loopback_mentions(tmp_path) == ["c.zip:c/README.md", "x.html"]


# --- what Zotero makes of the pages ------------------------------------------------------------------
# A model, written from the source of Zotero's translators (zotero/translators: "Embedded Metadata.js",
# which hands DC/PRISM/OpenGraph tags to "RDF.js"; zotero/utilities: Utilities.cleanAuthor), of the
# steps that decide an item's type, creators, edition and language for pages like ours. It is not Zotero:
# it shows what the tags are chosen for, and that the plain corporate name would be split.

def zotero_clean_author(name: str, creator_type: str, use_comma: bool) -> dict[str, str]:
    """Utilities.cleanAuthor, for names without initials: trim punctuation; "last, first" with a
    comma, else split at the last space."""
    name = re.sub(r"[\s\u00a0.,/\[\]:]+$", "", re.sub(r"^[\s\u00a0.,/\[\]:]+", "", name))
    if use_comma:
        parts = re.split(r"[,،] ?", name)
        last, first = (parts[0], parts[1]) if len(parts) > 1 else (name, "")
    else:
        first, _, last = name.rpartition(" ")
    return {"lastName": last, "firstName": first, "creatorType": creator_type}


def zotero_highwire_creators(values: list[str], creator_type: str) -> list[dict[str, str]]:
    """processHighwireCreators: split on ";", then (one tag only) on "," if both sides have a space."""
    out = []
    for value in values:
        names = re.split(r"\s*;\s*", value)
        if len(names) == 1 and len(values) == 1:
            by_comma = re.split(r"\s*,\s*", names[0])
            if len(by_comma) > 1 and " " in by_comma[0] and " " in by_comma[1]:
                names = by_comma
        for name in (n.strip() for n in names):
            if re.search(r"[^\s,\-.;]", name):
                out.append(zotero_clean_author(name, creator_type, "," in name))
    return out


def zotero_item(tags: dict[str, list[str]]) -> dict[str, object]:
    hw_type = "bookSection" if "citation_inbook_title" in tags or "citation_book_title" in tags else None
    og_type = {"book": "book", "website": "webpage"}.get((tags.get("og:type") or [""])[0])
    item: dict[str, object] = {
        "itemType": og_type or hw_type or "journalArticle",
        "creators": (zotero_highwire_creators(tags.get("citation_author", []), "author")
                     + zotero_highwire_creators(tags.get("citation_editor", []), "editor")),
        "title": tags["citation_title"][0],
        "edition": (tags.get("prism.edition") or [None])[0],
        "language": (tags.get("citation_language") or [None])[0],
        "url": (tags.get("citation_public_url") or [None])[0],
    }
    if "DC.type" in tags:
        item["websiteType"] = tags["DC.type"][0]  # RDF.js copies dc:type into the item's "type" fields
    return item


def meta(doc: html.HtmlElement) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for tag in doc.iter("meta"):
        key = tag.get("name") or tag.get("property")
        if key:
            found.setdefault(key, []).append(tag.get("content"))
    return found


def test_the_model_reproduces_the_split_corporate_name() -> None:
    assert zotero_highwire_creators(["The editors of this edition"], "author") == [
        {"lastName": "edition", "firstName": "The editors of this", "creatorType": "author"}]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_zotero_saves_a_text_page_as_a_book_section_edited_by_the_editors(site: Path, edition: Edition,
                                                                          lang: str) -> None:
    prefix = "" if lang == "en" else "ru/"
    imp = citation.imprint(edition, lang, "")
    item = zotero_item(meta(html.parse(str(site / prefix / "texts" / "b" / "index.html")).getroot()))
    assert item == {"itemType": "bookSection",
                    "creators": [{"lastName": imp.editors, "firstName": "", "creatorType": "editor"}],
                    "title": edition.text("B").title.get(lang), "edition": label(lang, "edition_statement",
                                                                                  version=edition.version),
                    "language": lang, "url": f"{siteurl.DEFAULT}{prefix}texts/b/"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_zotero_saves_each_home_page_as_the_edited_book(site: Path, edition: Edition, lang: str) -> None:
    prefix = "" if lang == "en" else "ru/"
    tags = meta(html.parse(str(site / prefix / "index.html")).getroot())
    item = zotero_item(tags)
    assert item["itemType"] == "book" and item["title"] == edition.title.get(lang)
    assert item["creators"] == [{"lastName": citation.imprint(edition, lang, "").editors, "firstName": "",
                                 "creatorType": "editor"}]
    assert item["edition"] and item["language"] == lang and item["url"] == f"{siteurl.DEFAULT}{prefix}"
    english = meta(html.parse(str(site / "index.html")).getroot())
    assert set(tags) == set(english)  # the Russian home page carries the same metadata as the English


def test_every_page_is_part_of_the_edition_for_zotero(site: Path) -> None:
    pages = [p for p in site.rglob("index.html") if not p.is_relative_to(site / "tei")]
    assert len(pages) >= 28
    for path in pages:
        item = zotero_item(meta(html.parse(str(path)).getroot()))
        home = path.parent in (site, site / "ru")
        assert item["itemType"] == ("book" if home else "bookSection"), path
        assert [c["creatorType"] for c in item["creators"]] == ["editor"] and item["creators"][0]["firstName"] == ""
        assert "websiteType" not in item, path  # no DC.type leaking into citations


# --- schema.org JSON-LD -------------------------------------------------------------------------------

def jsonld(path: Path) -> dict:
    (script,) = html.parse(str(path)).getroot().xpath('//script[@type="application/ld+json"]')
    return json.loads(script.text)


def test_every_page_in_both_languages_carries_json_ld(site: Path, edition: Edition) -> None:
    pages = [p for p in site.rglob("index.html") if not p.is_relative_to(site / "tei")]
    for path in pages:
        data = jsonld(path)
        page = path.parent.relative_to(site).as_posix().removeprefix(".")
        lang = "ru" if page == "ru" or page.startswith("ru/") else "en"
        url = siteurl.DEFAULT + (f"{page}/" if page else "")
        assert data["@context"] == "https://schema.org" and data["@type"] in ("Book", "CreativeWork"), path
        assert data["url"] == url and data["inLanguage"] == lang and data["version"] == edition.version, path
        assert data["editor"] == {"@type": "Organization", "name": citation.imprint(edition, lang, "").editors}
        book = data if data["@type"] == "Book" else data["isPartOf"]
        assert book["@type"] == "Book" and book["version"] == edition.version and book["inLanguage"] == lang
        assert [w["inLanguage"] for w in book["isBasedOn"]] == [t.lang for t in edition.texts]
        assert book["bookEdition"] == label(lang, "edition_statement", version=edition.version)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_text_page_names_its_copy_text_and_its_translation(site: Path, edition: Edition, lang: str) -> None:
    prefix = "" if lang == "en" else "ru/"
    for text in edition.texts:
        data = jsonld(site / prefix / "texts" / text.slug / "index.html")
        translation = edition.translation(text.siglum)
        original, translated = data["hasPart"]
        assert original["inLanguage"] == text.lang and original["isBasedOn"] == data["isBasedOn"]
        assert translated["inLanguage"] == translation.lang
        assert translated["translationOfWork"] == {"@id": original["@id"]}
        assert data["encoding"]["contentUrl"] == f"{siteurl.DEFAULT}tei/{text.file_name}"
        if text.source.url:
            assert data["isBasedOn"]["url"] == text.source.url


# --- human locators -------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_permalinks_carry_the_locator_a_reader_cites(site: Path, edition: Edition, lang: str) -> None:
    prefix = "" if lang == "en" else "ru/"
    doc = html.parse(str(site / prefix / "texts" / "a" / "index.html")).getroot()
    para = "para." if lang == "en" else "абз."
    for p in edition.text("A").paragraphs():
        (link,) = doc.xpath(f'//*[@id="{p.xml_id}"]/a[contains(@class, "alb-permalink")]')
        assert link.get("data-locator") == f"{para} {p.n}"
    notes = doc.cssselect(".alb-app .alb-permalink")
    assert notes and [n.get("data-locator") for n in notes[:2]] == (
        ["note a", "note b"] if lang == "en" else ["примеч. a", "примеч. b"])  # the letters the markers show
    persons = html.parse(str(site / prefix / "index" / "persons" / "index.html")).getroot()
    beiton = persons.xpath('//*[@id="pers-beiton"]//a[contains(@class, "alb-permalink")]')[0]
    name = beiton.getparent().text.strip()
    assert beiton.get("data-locator") == (f"s.v. \u201c{name}\u201d" if lang == "en" else f"статья «{name}»")
    concordance = html.parse(str(site / prefix / "concordance" / "index.html")).getroot()
    question = concordance.cssselect(".alb-conc__question .alb-permalink")[0].get("data-locator")
    assert question.startswith("question \u201c" if lang == "en" else "вопрос «")


# --- the changes page --------------------------------------------------------------------------------

def change(file: str, when: str, n: str | None = None, text: str = "x") -> changelog.Change:
    return changelog.Change(file, when, n, {"": text})


def test_changes_are_assigned_to_versions() -> None:
    changes = [change("edition.xml", "2026-11-22", "0.3.0", "third"), change("edition.xml", "2026-10-01", "0.2.0"),
               change("A.xml", "2026-09-30"), change("A.xml", "2026-10-01"), change("B.xml", "2026-10-02"),
               change("B.xml", "2026-12-03"), change("C.xml", "2026-01-01", "0.3.0")]
    history = changelog.history(changes, "0.4.0")
    assert [(v.version, [c.when for c in v.files]) for v in history] == [
        ("0.4.0", ["2026-12-03"]),  # newer than every version: the next release's
        ("0.3.0", ["2026-10-02", "2026-01-01"]),  # the first version dated on or after it; or its @n
        ("0.2.0", ["2026-09-30", "2026-10-01"]),
    ]
    assert changelog.history(changes[:2], "0.3.0")[0].version == "0.3.0"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_changes_page_lists_each_version_from_the_tei(site: Path, edition: Edition, lang: str) -> None:
    prefix = "" if lang == "en" else "ru/"
    doc = html.parse(str(site / prefix / "changes" / "index.html")).getroot()
    headings = [h.text_content() for h in doc.cssselect(".alb-changes__version h2")]
    assert headings[0] == f"{label(lang, 'changes_version', version=edition.version)} ({label(lang, 'changes_this')})"
    assert label(lang, "changes_version", version="0.2.0") in headings
    assert "Apparatus, translations, index" in doc.text_content()
    assert doc.cssselect(".alb-versions")[0].text_content().count(label(lang, "versions_none")) == 1
    footer = doc.cssselect(".alb-build a")[0]
    assert footer.text == label(lang, "footer_versions") and footer.get("href") == "./"


# --- CITATION.cff and .zenodo.json -------------------------------------------------------------------

def test_citation_files_agree_with_the_tei(edition: Edition) -> None:
    assert metadata_problems(PROJECT_ROOT, edition.version, edition.published) == []
    zenodo = json.loads((PROJECT_ROOT / ".zenodo.json").read_text(encoding="utf-8"))
    cff = yaml.safe_load((PROJECT_ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert zenodo["title"] == cff["title"] == edition.title.get("en")
    assert [c["name"] for c in zenodo["creators"]] == [a["name"] for a in cff["authors"]]
    assert zenodo["license"].upper() == cff["license"].upper() == "CC-BY-SA-4.0"
    assert {"name": edition.editors, "type": "Editor"} in zenodo["contributors"]


def test_citation_files_out_of_step_are_named(tmp_path: Path) -> None:
    (tmp_path / "CITATION.cff").write_text('version: "0.2.0"\ndate-released: "2026-11-22"\n', encoding="utf-8")
    assert metadata_problems(tmp_path, "0.3.0", "2026-11-22") == [
        'CITATION.cff: version is "0.2.0", the TEI says "0.3.0"', ".zenodo.json is missing"]


# --- release identifiers and the cross-release check ---------------------------------------------------

@pytest.mark.parametrize("value", ["0.3.0", "1.0.0", "12.345.6"])
def test_a_version_names_a_folder(value: str) -> None:
    assert version_id(value) == value


@pytest.mark.parametrize("value", ["", "0.3", "v1.0.0", "01.2.3", "0.3.0/", "../0.3.0", "0.3.0\n", "0.3.0-rc1",
                                   "latest", "1.2.3.4", "１.２.３"])
def test_anything_else_is_refused_as_a_version(value: str) -> None:
    with pytest.raises(ReleaseError, match=r"release-version"):
        version_id(value)


def test_an_address_of_an_earlier_release_must_still_resolve() -> None:
    earlier = {"pages": ["", "texts/a/", "ru/texts/a/"], "anchors": ["texts/a/#A-p1", "ru/texts/a/#A-p1"]}
    assert still_resolving(earlier, {**earlier}) == []
    new = {"pages": ["", "ru/texts/a/"], "anchors": ["ru/texts/a/#A-p1"], "aliases": ["texts/a/#A-p1"],
           "redirects": []}
    assert still_resolving(earlier, new) == ["page /texts/a/"]


# --- cite and permalink controls without hover ---------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_cite_controls_show_on_a_touch_screen_and_pass_axe(browser: object, server: str, lang: str) -> None:
    from tests.site.test_quality_browser import ALL_RULES, axe

    prefix = "" if lang == "en" else "ru/"
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True,
                                  base_url=server)
    page = context.new_page()
    page.goto(f"{prefix}texts/a/")
    page.wait_for_function(SETTLED)
    assert page.evaluate("matchMedia('(hover: none)').matches")
    shown = page.evaluate("""['#A-p2 > .alb-permalink', '#A-p2 > .alb-cite-btn', '.alb-app .alb-permalink']
        .map(s => getComputedStyle(document.querySelector(s)).opacity)""")
    assert shown == ["1", "1", "1"]  # no hover needed
    size = page.evaluate("(b => [b.width, b.height])(document.querySelector('#A-p2 > .alb-cite-btn')"
                         ".getBoundingClientRect())")
    assert min(size) >= 24  # WCAG 2.5.8 target size
    assert axe(page, f"{lang} text A, touch", ALL_RULES) == []
    page.locator("#A-p2 > .alb-cite-btn").tap()
    citation = page.locator("#alb-cite .alb-cite__text").inner_text()
    assert ("para. 2" if lang == "en" else "Абз. 2") in citation and "A-p2" not in citation.split("#")[0]
    context.close()


@pytest.mark.browser
def test_the_keyboard_reaches_permalink_then_cite_button(page: object, server: str) -> None:
    page.goto(f"{server}texts/a/")
    page.wait_for_function(SETTLED)
    page.focus("#A-p2 > .alb-permalink")
    page.wait_for_function("getComputedStyle(document.activeElement).opacity === '1'")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('#A-p2 > .alb-cite-btn')")
    page.wait_for_function("getComputedStyle(document.activeElement).opacity === '1'")
    assert page.evaluate("document.activeElement.dataset.locator") == "para. 2"
