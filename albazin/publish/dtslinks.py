"""What a text page says of the DTS API: each unit's DTS reference and the URL of its TEI there.

`links` maps the xml:id of every unit of a text and its translation to its DTS reference and the
Document endpoint's file for it; `annotate` gives that to the unit's permalink (data attributes,
and the reference in its title), and to the page the labels of the cite dialog's DTS line
(the cite dialog, docs/assets/js/edition/cite.js, reads both). One place, after the page is built:
the renderer stays as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from lxml import etree

from albazin.core.i18n import label
from albazin.model.model import Edition, Lang, TextDoc
from albazin.publish import dts


@dataclass(frozen=True)
class DtsLink:
    resource: str
    ref: str
    document: str  # URL of the unit's TEI (Document endpoint), relative to the page

    @property
    def download_name(self) -> str:
        """The file name a browser saves the unit's TEI as: its reference, spaces as "_" (C_C-lead_C-p1.xml)."""
        return f"{self.ref}.xml".replace(" ", "_")


def links(edition: Edition, docs: list[TextDoc], href: Callable[[str], str]) -> dict[str, DtsLink]:
    """The DTS reference of every unit with an xml:id in these documents; `href` makes a site path
    relative to the page (and percent-encodes it)."""
    out: dict[str, DtsLink] = {}
    for doc in docs:
        tree = edition.citation_tree(doc)
        if tree is None:
            continue
        for unit in tree.units:
            if unit.xml_id:
                out[unit.xml_id] = DtsLink(tree.resource, unit.ref, href(dts.document_path(tree.resource, unit.ref)))
    return out


def annotate(article: etree._Element, found: Mapping[str, DtsLink], lang: Lang) -> None:
    """Name each unit's DTS reference on its permalink; the labels of the cite dialog's DTS line."""
    if not found:
        return
    for a in article.iter("a"):
        if a.get("class") != "alb-permalink" or not (a.get("href") or "").startswith("#"):
            continue
        link = found.get(a.get("href")[1:])
        if link is None:
            continue
        a.set("data-dts-ref", link.ref)
        a.set("data-dts-document", link.document)
        a.set("data-dts-download", link.download_name)
        a.set("title", label(lang, "permalink_dts", permalink=a.get("title") or "", ref=link.ref))
    article.set("data-label-dts", label(lang, "cite_dts"))
    article.set("data-label-dts-tei", label(lang, "cite_dts_tei"))
