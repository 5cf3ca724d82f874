"""Index pages (persons, groups, places): one entry per entity, anchored by its xml:id, with its
names, the forms each text uses, dates, description, sources and every occurrence in context.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from albazin.core.i18n import INDEX_TITLES, N_, label, language_name
from albazin.model import indexform, locators, names
from albazin.model.entityinfo import dates_line, other_language
from albazin.model.model import Edition, Entity, EntityKind, Lang, TextDoc
from albazin.publish import search
from albazin.render import mapsvg
from albazin.render.render import Ctx, TocEntry, append, h, inline, permalink, serialize

KINDS: tuple[EntityKind, ...] = ("person", "org", "place")


@dataclass(frozen=True)
class IndexLinks:
    text_page: Callable[[TextDoc], str]  # URL of a text's page (original or translation) from this page
    entity: Callable[[str], str | None]  # URL of an entity's entry from this page
    pointer: Callable[[str], str | None] | None = None  # where a TEI pointer (A.xml#A-p1) lands, from this page


def _doc_heading(doc: TextDoc, lang: Lang) -> str:
    if doc.translation_of:
        return label(lang, "text_translation", siglum=doc.translation_of, language=language_name(lang, doc.lang))
    return label(lang, "text_original", siglum=doc.siglum, language=language_name(lang, doc.lang))


def _names(entity: Entity, lang: Lang) -> etree._Element | None:
    other = other_language(lang)
    parts: list[etree._Element | str] = []
    other_name = entity.name(other)
    if other_name and other_name != entity.name(lang):
        parts.append(h("span", {"lang": other}, label(lang, "other_name", name=other_name)))
    for kind, key in (("full", N_("full_name")), ("modern", N_("modern_name"))):
        for n in entity.names_of_type(kind):
            if n.lang in (None, lang, other):
                parts.append(h("span", {"lang": n.lang}, label(lang, key, name=n.text)))
    if not parts:
        return None
    paragraph = h("p", {"class": "alb-entity__names"})
    for i, part in enumerate(parts):
        append(paragraph, " · " if i else None, part)
    return paragraph


def _forms(found: list[names.Mention], docs: dict[str, TextDoc], lang: Lang) -> etree._Element | None:
    forms = names.forms_by_text(found)
    if not forms:
        return None
    items = [h("li", None, h("span", {"class": "alb-entity__siglum"}, f"{siglum}: "),
               h("span", {"lang": docs[siglum].lang}, ", ".join(values)))
             for siglum, values in forms.items()]
    return h("div", {"class": "alb-entity__forms"}, h("h3", None, label(lang, "forms_in_texts")),
             h("ul", None, *items))


def _occurrence(m: names.Mention, links: IndexLinks, lang: Lang) -> etree._Element:
    where = f"{m.unit_id}"
    shown = m.critical if m.critical == m.diplomatic or not m.diplomatic else f"{m.critical} [{m.diplomatic}]"
    return h("li", None,
             h("a", {"href": f"{links.text_page(m.doc)}#{m.xml_id}", "class": "alb-occ__link"}, where), " ",
             h("span", {"class": "alb-kwic", "lang": m.doc.lang},
               m.left, h("mark", None, shown), m.right))


def _occurrences(found: list[names.Mention], links: IndexLinks, lang: Lang) -> etree._Element | None:
    if not found:  # named only in the commentary (see _in_commentary)
        return None
    heading = h("h3", None, label(lang, "occurrences", n=str(len(found))))
    section = h("div", {"class": "alb-entity__occurrences"}, heading)
    by_doc: dict[str, list[names.Mention]] = {}
    for m in found:
        by_doc.setdefault(m.doc.file_name, []).append(m)
    for group in by_doc.values():
        append(section, h("h4", None, _doc_heading(group[0].doc, lang)),
               h("ol", {"class": "alb-occ"}, *(_occurrence(m, links, lang) for m in group)))
    return section


def _geo(entity: Entity, lang: Lang) -> etree._Element | None:
    if entity.geo is None:
        return None
    geo = entity.geo
    text = label(lang, "coordinates", lat=f"{geo.lat:.2f}", lon=f"{geo.lon:.2f}")
    on_map = mapsvg.PROJECTION.contains(geo.lon, geo.lat)
    return h("p", {"class": "alb-entity__geo"}, text,
             " (" + label(lang, "approximate") + ")" if geo.cert in ("low", "medium") else None,
             " · " if on_map else None,
             h("a", {"href": f"#map-{entity.xml_id}"}, label(lang, "show_on_map")) if on_map else None)


def _identifiers(entity: Entity, lang: Lang) -> etree._Element | None:
    """Plain links to the entry's records in Wikidata, GeoNames, VIAF: nothing is fetched from them."""
    if not entity.identifiers:
        return None
    paragraph = h("p", {"class": "alb-entity__ids"}, h("span", {"class": "alb-entity__ids-label"},
                                                        label(lang, "external_ids"), ": "))
    for i, ident in enumerate(entity.identifiers):
        append(paragraph, ", " if i else None,
               h("a", {"href": ident.uri, "rel": "external", "class": f"alb-id alb-id--{ident.scheme}",
                       "translate": "no"}, f"{ident.label} {ident.value}"))
    return paragraph


def _in_commentary(entries: list[tuple[str, str]], links: IndexLinks, lang: Lang) -> etree._Element | None:
    """Links to the commentary entries that name the entity (it may be named nowhere else)."""
    if not entries or links.pointer is None:
        return None
    items = []
    for xml_id, title in entries:
        href = links.pointer(f"commentary.xml#{xml_id}")
        items.append(h("a", {"href": href}, title) if href else title)
    paragraph = h("p", {"class": "alb-entity__commentary"},
                  h("span", {"class": "alb-entity__ids-label"}, label(lang, "named_in_commentary"), ": "))
    for i, item in enumerate(items):
        append(paragraph, "; " if i else None, item)
    return paragraph


def _sources(entity: Entity, ctx: Ctx, lang: Lang) -> etree._Element | None:
    if not entity.sources:
        return None
    items = []
    for i, source in enumerate(entity.sources):
        web = (h("span", {"class": "alb-source-kind"}, label(lang, "web_only_source")), ": ") \
            if i in entity.web_sources else ()
        items.append(h("li", None, *web, *inline(source, ctx)))
    return h("div", {"class": "alb-entity__sources"}, h("h3", None, label(lang, "sources")), h("ul", None, *items))


def entry(entity: Entity, found: list[names.Mention], docs: dict[str, TextDoc], links: IndexLinks,
          lang: Lang, commentary: list[tuple[str, str]] | None = None) -> etree._Element:
    ctx = Ctx(lang, entity_href=links.entity, pointer_href=links.pointer)
    dates = dates_line(entity, lang)
    description = entity.description.get(lang)
    headword = indexform.entity_heading(entity, lang)  # cited s.v. as the index prints it
    return h("section", {"class": f"alb-entity alb-entity--{entity.kind}", "id": entity.xml_id,
                         "data-type": entity.type},
             h("h2", {"class": "alb-entity__name", **search.name_attrs(entity)},
               headword, " ",
               permalink(entity.xml_id, "unit_entry", lang, locators.entry(headword, lang))),
             _names(entity, lang),
             h("p", {"class": "alb-entity__dates"}, dates) if dates else None,
             h("p", {"class": "alb-entity__desc"}, description) if description else None,
             _geo(entity, lang),
             _identifiers(entity, lang),
             _forms(found, docs, lang),
             _occurrences(found, links, lang),
             _in_commentary(commentary or [], links, lang),
             _sources(entity, ctx, lang))


def sort_key(entity: Entity, lang: Lang) -> tuple:
    """Alphabetical in the page's language (albazin/model/collation.py); persons by surname
    (albazin/model/indexform.py)."""
    return indexform.sort_key(entity, lang)


_INTROS = {"person": N_("index_intro_person"), "org": N_("index_intro_org"), "place": N_("index_intro_place")}


def index_page(edition: Edition, kind: EntityKind, lang: Lang, links: IndexLinks) -> tuple[str, list[TocEntry]]:
    entities = sorted((e for e in edition.entities if e.kind == kind), key=lambda e: sort_key(e, lang))
    occurrences = names.by_entity(edition)
    docs = {d.siglum: d for d in edition.documents()}
    page = h("div", {"class": f"alb-index alb-index--{kind}"},
             h("p", {"class": "alb-index__intro"}, label(lang, _INTROS[kind])))
    if kind == "place":
        append(page, mapsvg.map_figure(entities, lang, lambda e: f"#{e.xml_id}", mapsvg.basemap()))
    append(page, h("nav", {"class": "alb-index__letters", "aria-label": label(lang, INDEX_TITLES[kind])},
                   h("ul", None, *(h("li", None, h("a", {"href": f"#{e.xml_id}"}, indexform.entity_heading(e, lang)))
                                      for e in entities))))
    titles = {c.xml_id: c.label.get(lang) for c in edition.commentary}
    commentary = {entity: [(c, titles[c]) for c in entries] for entity, entries in names.in_commentary(edition).items()}
    for entity in entities:
        append(page, entry(entity, occurrences.get(entity.xml_id, []), docs, links, lang,
                           commentary.get(entity.xml_id)))
    toc = [TocEntry(e.xml_id, indexform.entity_heading(e, lang), 2) for e in entities]
    return serialize(page), toc
