"""How to cite the edition, a page of it, or one unit on a page: Chicago style on the English
site, ГОСТ Р 7.0.100–2018 on the Russian one; BibTeX and RIS records; the metadata tags that
reference managers read (Highwire `citation_*`, Dublin Core, OpenGraph).

Everything is plain data computed from the model; the hooks hand it to the templates
(`overrides/main.html`), which escape it, and docs/assets/js/edition/cite.js fills in a unit and the access date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from albazin.core.i18n import N_, label, month_names, template
from albazin.model import locators
from albazin.model.model import Edition, Lang, TextDoc

# Placeholders the cite dialog (cite.js) replaces: the cited unit ("paragraph A-p3"), its URL, the access date.
UNIT, URL, ACCESSED = "{unit}", "{url}", "{accessed}"
MONTHS_EN = month_names("en")  # Babel (CLDR)
LICENCE_URL = "https://creativecommons.org/licenses/by-sa/4.0/"
OG_LOCALES = {"en": "en_GB", "ru": "ru_RU"}
BIBLATEX_LANGUAGES = {"en": "english", "ru": "russian"}


@dataclass(frozen=True)
class Imprint:
    """The edition as a citable whole, in one site language."""
    lang: Lang
    title: str
    editors: str
    version: str
    published: str  # ISO date
    publisher: str
    url: str  # absolute URL of the edition's home page in this language

    @property
    def year(self) -> str:
        return self.published[:4]

    @property
    def edition_statement(self) -> str:
        """The version as an edition statement ("Version 0.3.0", «Версия 0.3.0»): what Zotero keeps in
        Edition and a style prints as it stands ("Version 0.3.0."), where a bare "0.3.0" would print "0.3.0."."""
        return label(self.lang, "edition_statement", version=self.version)


@dataclass(frozen=True)
class CitedPage:
    title: str | None  # None: the home page, which cites the edition itself
    url: str  # absolute URL
    text: TextDoc | None = None  # on a text page: the text (its original)
    tei_url: str | None = None  # absolute URL of the text's TEI file


def imprint(edition: Edition, lang: Lang, home_url: str) -> Imprint:
    """The edition names its editors and publisher in English; other languages use the labels."""
    editors = edition.editors if lang == "en" else label(lang, "cite_editors")
    publisher = edition.publisher if lang == "en" else label(lang, "cite_publisher")
    return Imprint(lang, edition.title.get(lang), editors, edition.version, edition.published, publisher, home_url)


def _in_running_text(name: str) -> str:
    """A corporate name inside a sentence: "edited by the editors of …"."""
    return name[:1].lower() + name[1:] if name.startswith("The ") else name


def format_date(iso: str, lang: Lang) -> str:
    """A date as each style writes it: "November 22, 2026" (Chicago), "22.11.2026" (ГОСТ)."""
    day = date.fromisoformat(iso)
    if lang == "ru":
        return day.strftime("%d.%m.%Y")
    return f"{MONTHS_EN[day.month - 1]} {day.day}, {day.year}"


# --- the two citation styles ----------------------------------------------------------------------

def chicago(imp: Imprint, part: str | None, unit: str | None, url: str, accessed: str) -> str:
    """Chicago (17th ed.), bibliography form for a part of a website or for the whole edition."""
    released = f"Version {imp.version}, {format_date(imp.published, 'en')}"
    editors = _in_running_text(imp.editors)
    if part is None:
        return f"{imp.title}. Edited by {editors}. {released}. {url}. Accessed {accessed}."
    lead = f"\u201c{part},\u201d {unit}." if unit else f"\u201c{part}.\u201d"
    return f"{lead} In {imp.title}, edited by {editors}. {released}. {url}. Accessed {accessed}."


def gost(imp: Imprint, part: str | None, unit: str | None, url: str, accessed: str) -> str:
    """ГОСТ Р 7.0.100–2018, an electronic resource or its component part (separator ". – ")."""
    tail = (f" / {imp.editors}. \u2013 Версия {imp.version}. \u2013 {imp.year}. \u2013 URL: {url} "
            f"(дата обращения: {accessed}). \u2013 Текст : электронный.")
    if part is None:
        return f"{imp.title} : [сайт]{tail}"
    lead = f"{part}. {unit[:1].upper() + unit[1:]}" if unit else part
    return f"{lead} // {imp.title}{tail}"


def cite(imp: Imprint, part: str | None, unit: str | None, url: str, accessed: str) -> str:
    style = gost if imp.lang == "ru" else chicago
    return style(imp, part, unit, url, accessed)


def templates(imp: Imprint, page: CitedPage) -> dict[str, str]:
    """The page's citations with placeholders for the cite dialog: a unit on the page, and the page."""
    return {"unit": cite(imp, page.title or imp.title, UNIT, URL, ACCESSED),
            "page": cite(imp, page.title, None, page.url, ACCESSED)}


# --- BibTeX and RIS -----------------------------------------------------------------------------

_BIBTEX_SPECIAL = re.compile(r"[\\{}&%$#_~^]")
# Braces as commands, not \{ \}: BibTeX counts every brace, escaped or not, so an unbalanced "}" in a
# title would end the field early and let the rest of the value inject fields or entries.
_BIBTEX_ESCAPES = {"\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}",
                   "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def bibtex_escape(value: str) -> str:
    """A field value that BibTeX reads back literally (braces balanced, specials escaped)."""
    value = " ".join(value.split())
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_ESCAPES.get(m.group(), "\\" + m.group()), value)


def _bibtex(kind: str, key: str, fields: list[tuple[str, str]]) -> str:
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{{key},\n{body}\n}}\n"


def bibtex(imp: Imprint, text: TextDoc | None = None, url: str | None = None) -> str:
    """biblatex: @book for the edition (an edited book, as in RIS and the pages' metadata), @incollection
    for one text of it. The editors' corporate name is braced, which BibLaTeX and Zotero's BibTeX import
    keep as one name; the version is the edition statement in `edition` (read by both; `version` is not a
    field of these entry types); `language` is what Zotero reads, `langid` what BibLaTeX hyphenates by."""
    language = BIBLATEX_LANGUAGES.get(imp.lang, imp.lang)
    common = [("editor", "{" + bibtex_escape(imp.editors) + "}"), ("edition", bibtex_escape(imp.edition_statement)),
              ("date", imp.published), ("url", bibtex_escape(url or imp.url)),
              ("language", language), ("langid", language)]
    if text is None:
        return _bibtex("book", "albazin", [("title", bibtex_escape(imp.title)),
                                           ("publisher", bibtex_escape(imp.publisher)), *common])
    return _bibtex("incollection", f"albazin-{text.slug}",
                   [("title", bibtex_escape(text.title.get(imp.lang))), ("booktitle", bibtex_escape(imp.title)),
                    ("publisher", bibtex_escape(imp.publisher)), *common])


def _ris_value(value: str) -> str:
    return " ".join(value.split())


def ris(imp: Imprint, text: TextDoc | None = None, url: str | None = None) -> str:
    """RIS: an edited book (the edition) or a section of it (one text)."""
    lines = [("TY", "EDBOOK" if text is None else "CHAP")]
    if text is None:
        lines.append(("TI", imp.title))
    else:
        lines += [("TI", text.title.get(imp.lang)), ("T2", imp.title)]
    # A name without a comma is a corporate name to Zotero's RIS import (one field, not split).
    lines += [("ED", imp.editors), ("ET", imp.edition_statement), ("PY", imp.year),
              ("DA", imp.published.replace("-", "/")), ("PB", imp.publisher),
              ("UR", url or imp.url), ("LA", imp.lang), ("ER", "")]
    return "".join(f"{tag}  - {_ris_value(value)}\r\n" for tag, value in lines)


# --- metadata tags ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class MetaTag:
    attribute: str  # "name" or "property"
    key: str
    content: str


def corporate_creator(name: str) -> str:
    """A corporate name as a Highwire creator that Zotero keeps whole: its Embedded Metadata translator
    splits a name without a comma at the last space ("The editors of this edition" → last name
    "edition", first name "The editors of this"); a name with a comma is read as "last, first", and
    with nothing after the comma the whole name becomes the last name, the first name empty."""
    return f"{name},"


def meta_tags(imp: Imprint, page: CitedPage, description: str, alternate_locales: list[str]) -> list[MetaTag]:
    """Highwire `citation_*` (every page: the home page is the edition, every other page a part of it),
    PRISM's edition statement, Dublin Core and OpenGraph. No DC.type: Zotero turns it into a "type"
    that styles print ("[Text]")."""
    title = page.title or imp.title
    tags = [MetaTag("name", "citation_title", title)]
    if page.title is not None:
        tags.append(MetaTag("name", "citation_inbook_title", imp.title))
    tags += [MetaTag("name", "citation_editor", corporate_creator(imp.editors)),
             MetaTag("name", "citation_publication_date", imp.published.replace("-", "/")),
             MetaTag("name", "citation_publisher", imp.publisher),
             MetaTag("name", "citation_language", imp.lang),
             MetaTag("name", "citation_public_url", page.url),
             MetaTag("name", "citation_fulltext_html_url", page.url)]
    if page.tei_url:
        tags.append(MetaTag("name", "citation_xml_url", page.tei_url))
    tags += [MetaTag("name", "prism.edition", imp.edition_statement)]
    tags += [MetaTag("name", "DC.title", title), MetaTag("name", "DC.contributor", imp.editors),
             MetaTag("name", "DC.publisher", imp.publisher), MetaTag("name", "DC.date", imp.published),
             MetaTag("name", "DC.language", imp.lang),
             MetaTag("name", "DC.format", "text/html"), MetaTag("name", "DC.identifier", page.url),
             MetaTag("name", "DC.rights", LICENCE_URL)]
    if page.title is not None:
        tags.append(MetaTag("name", "DC.isPartOf", imp.title))
    if page.tei_url:
        tags.append(MetaTag("name", "DC.relation", page.tei_url))
    # og:type "book" makes Zotero save the home page as a book (not a web page); the other pages are
    # book sections through citation_inbook_title.
    tags += [MetaTag("property", "og:title", title), MetaTag("property", "og:type", "book" if page.title is None
                                                                 else "article"),
             MetaTag("property", "og:url", page.url), MetaTag("property", "og:site_name", imp.title),
             MetaTag("property", "og:description", description),
             MetaTag("property", "og:locale", OG_LOCALES.get(imp.lang, imp.lang))]
    tags += [MetaTag("property", "og:locale:alternate", OG_LOCALES.get(other, other)) for other in alternate_locales]
    return tags


# --- what the cite dialog needs -----------------------------------------------------------------

CITE_LABELS = (N_("cite"), N_("cite_unit"), N_("cite_title"), N_("cite_permalink"), N_("cite_citation"),
               N_("cite_style"), N_("cite_copy_link"), N_("cite_copy_citation"), N_("cite_copied"),
               N_("cite_copy_failed"), N_("cite_within"), N_("unit_figure"), N_("close"), N_("cite_records"))


def script_config(imp: Imprint, page: CitedPage, records: list[tuple[str, str]]) -> dict[str, object]:
    """The JSON docs/assets/js/edition/cite.js reads to build the cite dialog (labels in the page's language)."""
    return {
        "lang": imp.lang,
        "pageUrl": page.url,
        "templates": templates(imp, page),
        # ГОСТ puts the unit after a full stop ("… (компиляция). Абзац A-p3 // …"): capitalised there.
        "unitStartsSentence": imp.lang == "ru",
        "months": list(MONTHS_EN),
        "labels": {key: template(imp.lang, key) for key in CITE_LABELS + locators.SCRIPT_LABELS},
        "records": [{"label": name, "href": href} for name, href in records],
    }
