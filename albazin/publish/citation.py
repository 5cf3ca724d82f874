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

from babel.dates import format_date as babel_format_date

from albazin.core.i18n import DEFAULT_LANGUAGE, LANGUAGES, N_, label, month_names, template
from albazin.model import locators
from albazin.model.model import Edition, Lang, TextDoc

# Placeholders the cite dialog (cite.js) replaces: the cited unit ("paragraph A-p3"), its URL, the access date.
UNIT, URL, ACCESSED = "{unit}", "{url}", "{accessed}"
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


# --- the citation styles --------------------------------------------------------------------------
# A style's wording is the site language's catalogue (albazin/core/locales): three whole sentences with
# named placeholders, one for the edition, one for a part of it (a page), one for a unit in a part. What
# else a style sets, and which style each language cites in, is the data below.

@dataclass(frozen=True)
class Style:
    """What a citation style sets besides its sentences."""
    date: str  # how it writes a date (the access date; the changes page's), a CLDR pattern Babel fills in
    published: str  # how it writes the edition's date of publication (CLDR pattern)
    unit_starts_sentence: bool  # the unit follows a full stop ("Текст A. Абзац A-p3 // …"): capitalised


CHICAGO = Style(date="MMMM d, y", published="MMMM d, y", unit_starts_sentence=False)  # 17th ed., bibliography
GOST = Style(date="dd.MM.y", published="y", unit_starts_sentence=True)  # ГОСТ Р 7.0.100–2018, separator ". – "
STYLES: dict[Lang, Style] = {"en": CHICAGO, "ru": GOST}

# The sentences and the placeholders the code fills in each; {unit}, {url} and {accessed} may be
# filled with themselves (UNIT, URL, ACCESSED), for the cite dialog (cite.js).
SENTENCES: dict[str, tuple[str, ...]] = {
    N_("citation_edition"): ("title", "editors", "version", "published", "url", "accessed"),
    N_("citation_part"): ("part", "title", "editors", "version", "published", "url", "accessed"),
    N_("citation_part_unit"): ("part", "unit", "title", "editors", "version", "published", "url", "accessed"),
}


def style(lang: Lang) -> Style:
    """The style a language cites in (a language without one: the default language's, as its labels)."""
    return STYLES.get(lang, STYLES[DEFAULT_LANGUAGE])


def format_date(iso: str, lang: Lang, pattern: str | None = None) -> str:
    """A date as the language's citation style writes it (Babel): "November 22, 2026" (Chicago),
    "22.11.2026" (ГОСТ); or by another CLDR pattern."""
    locale = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    return babel_format_date(date.fromisoformat(iso), pattern or style(lang).date, locale=locale)


def cite(imp: Imprint, part: str | None, unit: str | None, url: str, accessed: str) -> str:
    """The citation of the whole edition (part None), of a part of it, or of a unit in a part, in the
    style of the imprint's language."""
    how = style(imp.lang)
    if part is None:
        key = N_("citation_edition")
    elif unit:
        key = N_("citation_part_unit")
    else:
        key = N_("citation_part")
    if unit and how.unit_starts_sentence:
        unit = unit[:1].upper() + unit[1:]
    values = {"part": part or "", "unit": unit or "", "title": imp.title, "editors": _in_running_text(imp.editors),
              "version": imp.version, "published": format_date(imp.published, imp.lang, how.published),
              "url": url, "accessed": accessed}
    return label(imp.lang, key, **{name: values[name] for name in SENTENCES[key]})


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
        "unitStartsSentence": style(imp.lang).unit_starts_sentence,
        # The access date is today's, in the reader's browser: the style's pattern and the month names it
        # may need (cite.js fills in the pattern's fields as Babel would: MMMM, MM, M, dd, d, y).
        "date": {"pattern": style(imp.lang).date, "months": list(month_names(imp.lang))},
        "labels": {key: template(imp.lang, key) for key in CITE_LABELS + locators.SCRIPT_LABELS},
        "records": [{"label": name, "href": href} for name, href in records],
    }
