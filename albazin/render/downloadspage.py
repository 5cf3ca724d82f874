"""The downloads page: one table per kind of file, each row a link, a one-line description with the
SHA-256 checksum below it, the format and the size (readable, and in bytes) — all taken from the very
`Download` objects whose bytes the build writes, so the page cannot disagree with the files.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from lxml import etree

from albazin.core.i18n import N_, label
from albazin.model import htmlids
from albazin.model.model import Edition, Lang
from albazin.publish.downloads import SECTIONS, SUMS_PATH, Download, exact_size, readable_size
from albazin.render.render import TocEntry, append, h, permalink, serialize

ENTITY_COLUMNS_ID = htmlids.ENTITY_COLUMNS_ID


@dataclass(frozen=True)
class DownloadsLinks:
    file: Callable[[str], str]  # URL of a site-relative file from the downloads page
    concordance_columns: str  # URL of the concordance page's description of its data columns


def _path(path: str) -> etree._Element:
    """The path in <code>, breakable only after a slash (not inside "A-en.critical.txt"): each
    segment is an inline-block (downloads.css), and a line may break between atomic inlines. Not
    <wbr>, which lxml's HTML serializer writes with an end tag."""
    parts = path.split("/")
    code = h("code")
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        append(code, h("span", {"class": "alb-dl__seg"}, part if last else f"{part}/"))
    return code


FORMAT_LABELS = {"tei": N_("fmt_tei"), "rng": N_("fmt_rng"), "md": N_("fmt_md"), "txt": N_("fmt_txt"),
                 "zip": N_("fmt_zip"), "csv": N_("fmt_csv"), "json": N_("fmt_json"), "jsonld": N_("fmt_jsonld"),
                 "bib": N_("fmt_bib"), "ris": N_("fmt_ris"), "sums": N_("fmt_sums"), "other": N_("fmt_other")}
COLUMN_LABELS = {"file": N_("dl_col_file"), "description": N_("dl_col_description"), "format": N_("dl_col_format"),
                 "size": N_("dl_col_size")}
SECTION_INTROS = {N_("dl_corpus"): N_("dl_corpus_intro"), N_("dl_tei"): N_("dl_tei_intro"),
                  N_("dl_plain"): N_("dl_plain_intro"), N_("dl_data"): N_("dl_data_intro"),
                  N_("dl_cite"): N_("dl_cite_intro"), N_("dl_sources"): N_("dl_sources_intro"),
                  N_("dl_checksums"): N_("dl_checksums_intro")}


def _row(d: Download, lang: Lang, links: DownloadsLinks) -> etree._Element:
    size, exact = readable_size(d.size, lang), exact_size(d.size, lang)

    def cell(column: str, *content: etree._Element | str | None) -> etree._Element:
        return h("td", {"class": f"alb-dl__{column}", "data-label": label(lang, COLUMN_LABELS[column])}, *content)
    return h("tr", {"data-path": d.path, "data-bytes": str(d.size), "data-sha256": d.sha256},
             cell("file", h("a", {"href": links.file(d.path), "download": d.name}, _path(d.path))),
             cell("description", d.description[lang], h("br"),
                  h("span", {"class": "alb-dl__sha256"}, label(lang, "dl_col_sha256"), ": ",
                    h("code", None, d.sha256))),
             cell("format", label(lang, FORMAT_LABELS[d.format])),
             cell("size", size, *((h("br"), f"({exact})") if size != exact else ())))


def _table(items: Sequence[Download], lang: Lang, links: DownloadsLinks, heading_id: str) -> etree._Element:
    head = h("tr", None, *(h("th", {"scope": "col"}, label(lang, COLUMN_LABELS[c]))
                           for c in ("file", "description", "format", "size")))
    return h("div", {"class": "alb-dl__scroll"},
             h("table", {"class": "alb-dl", "aria-labelledby": heading_id},
               h("thead", None, head), h("tbody", None, *(_row(d, lang, links) for d in items))))


def _heading(section_id: str, key: str, lang: Lang) -> etree._Element:
    return h("h2", {"id": section_id}, label(lang, key), " ", permalink(section_id, "unit_division", lang))


def _entity_columns(lang: Lang, columns: Sequence[tuple[str, str]]) -> list[etree._Element]:
    items = h("dl", {"class": "alb-dl__columns"})
    for name, key in columns:
        items.append(h("dt", None, h("code", None, name)))
        items.append(h("dd", None, label(lang, key)))
    return [h("h3", {"id": ENTITY_COLUMNS_ID}, label(lang, "dl_entity_columns")),
            h("p", None, label(lang, "dl_entity_columns_intro")), items]


def downloads_page(edition: Edition, items: Sequence[Download], lang: Lang, links: DownloadsLinks,
                   entity_columns: Sequence[tuple[str, str]]) -> tuple[str, list[TocEntry]]:
    root = h("div", {"class": "alb-downloads"},
             h("p", {"class": "alb-dl__intro"}, label(lang, "dl_intro", version=edition.version)),
             h("p", None, label(lang, "dl_verify")),
             h("pre", None, h("code", None, f"sha256sum -c --ignore-missing {SUMS_PATH}")))
    toc = []
    for section_id, key in SECTIONS:
        listed = [d for d in items if d.section == section_id]
        if not listed:
            continue
        wrapper = h("section", {"class": f"alb-dl__section alb-dl__section--{section_id}"},
                    _heading(section_id, key, lang), h("p", None, label(lang, SECTION_INTROS[key])),
                    _table(listed, lang, links, section_id))
        if section_id == "data":
            wrapper.append(h("p", None, label(lang, "dl_csv_formulas")))
            wrapper.append(h("p", None, h("a", {"href": links.concordance_columns},
                                          label(lang, "dl_concordance_columns"))))
            for el in _entity_columns(lang, entity_columns):
                wrapper.append(el)
        root.append(wrapper)
        toc.append(TocEntry(section_id, label(lang, key), 2))
    return serialize(root), toc
