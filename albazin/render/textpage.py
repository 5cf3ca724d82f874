"""A whole text page: source note, reading controls, original aligned with its translation, apparatus.

Layout: each division is a <section> whose rows pair an original unit with its translation unit
(matched by the translation's @corresp), under a row of column heads (the original's names the view
shown). CSS shows the two columns side by side on wide screens and stacked on narrow ones; the
reading controls (critical/diplomatic, original/translation/both) only switch attributes on <html>,
which the page's address sets (?view=, ?layout=: partials/prefs.html), so with JavaScript off the
reader gets the critical text with the translation beside it, said so by the column head, and the
apparatus as lettered notes below (a, b, …; the commentary's entries are numbered).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from lxml import etree

from albazin.core.i18n import N_, label, language_name, template
from albazin.model import apparatus, locators
from albazin.model.entityinfo import dates_line, one_line
from albazin.model.model import (
    BiblList,
    Bilingual,
    Choice,
    Division,
    Entity,
    Head,
    Lang,
    Note,
    Paragraph,
    Phrase,
    TextDoc,
)
from albazin.model.readings import reading
from albazin.publish import dtslinks, search
from albazin.render.render import (
    CommentRef,
    Ctx,
    TocEntry,
    append,
    bibl_item,
    block_note,
    h,
    head,
    inline,
    paragraph,
    permalink,
    serialize,
)

ORIGINAL, TRANSLATION = "alb-col alb-col--original", "alb-col alb-col--translation"


@dataclass(frozen=True)
class Links:
    tei: str  # URL of the TEI download, relative to the page
    copy_text: str | None  # None: the text names no copy-text (a translation, a text without one)
    downloads: str | None = None  # URL of the downloads page
    page: str | None = None  # the page's own absolute URL (printed once, at the top)


def source_note(text: TextDoc, site_lang: Lang, links: Links) -> etree._Element:
    """Downloads in view; provenance and licence one click away (a <details>, no script needed)."""
    return h("section", {"class": "alb-source", "aria-label": label(site_lang, "source")},
             h("p", {"class": "alb-source__downloads"},
               h("a", {"href": links.tei, "download": text.file_name, "class": "md-button"},
                 label(site_lang, "download_tei", file=text.file_name)), " ",
               h("a", {"href": links.copy_text, "class": "md-button"},
                 label(site_lang, "copy_text", file=text.source.witness_file.rsplit("/", 1)[-1]))
               if links.copy_text else None,
               " " if links.downloads else None,
               h("a", {"href": links.downloads, "class": "md-button alb-source__all"},
                 label(site_lang, "all_downloads")) if links.downloads else None),
             h("details", {"class": "alb-source__details"},
               h("summary", None, label(site_lang, "about_text")),
               h("p", {"class": "alb-source__provenance"}, text.source.provenance.get(site_lang)),
               h("p", {"class": "alb-source__licence"},
                 h("strong", None, label(site_lang, "licence"), ": "), text.licence.get(site_lang)),
               h("p", {"class": "alb-source__version"}, label(site_lang, "edition_version", version=text.version))))


# --- reading controls --------------------------------------------------------------------------

def _radio_group(site_lang: Lang, name: str, legend: str, options: list[tuple[str, str]]) -> etree._Element:
    fieldset = h("fieldset", {"class": "alb-control"}, h("legend", None, label(site_lang, legend)))
    for i, (value, text) in enumerate(options):
        radio = h("input", {"type": "radio", "name": name, "value": value, "id": f"{name}-{value}"})
        if i == 0:
            radio.set("checked", "checked")
        append(fieldset, h("label", {"for": f"{name}-{value}"}, radio, " ", text))
    return fieldset


def controls(text: TextDoc, translation: TextDoc | None, site_lang: Lang) -> etree._Element:
    """Hidden until docs/assets/js/edition/controls.js runs (the controls need it); the defaults are
    what no-JS readers see."""
    form = h("form", {"class": "alb-controls", "aria-label": label(site_lang, "reading_options")},
             _radio_group(site_lang, "alb-view", N_("view_legend"), [
                 ("critical", label(site_lang, "view_critical")),
                 ("diplomatic", label(site_lang, "view_diplomatic"))]))
    if translation is not None:
        append(form, _radio_group(site_lang, "alb-layout", N_("layout_legend"), [
            ("parallel", label(site_lang, "layout_parallel")),
            ("original", label(site_lang, "layout_original") + f" ({language_name(site_lang, text.lang)})"),
            ("translation",
             label(site_lang, "layout_translation") + f" ({language_name(site_lang, translation.lang)})")]))
    # Wide screens: the site navigation and the contents beside the text, shown or folded away
    # (panels.js; the default depends on the width, text.css).
    append(form, h("button", {"type": "button", "class": "alb-panels-toggle md-button", "aria-expanded": "false"},
                    label(site_lang, "panels_toggle")))
    return form


def _choices(text: TextDoc) -> int:
    return sum(1 for node in text.inline_nodes() if isinstance(node, Choice))


def notices(text: TextDoc, translation: TextDoc | None, site_lang: Lang, links: Links) -> list[etree._Element]:
    """What a reader needs next to the text: in the diplomatic view, that it is the source's text and
    how its departures from the critical text are marked; the legend of the markers."""
    n = _choices(text)
    sample = h("span", {"class": "alb-differs-sample"}, label(site_lang, "view_sample"))
    words = label(site_lang, "view_now_diplomatic", n=str(n), sample="\0").split("\0") if n \
        else [label(site_lang, "view_now_diplomatic_none")]
    diplomatic = h("p", {"class": "alb-viewnote", "data-view": "diplomatic"},
                   words[0], *([sample, words[1]] if n else []))
    legend = h("p", {"class": "alb-legend"},
               h("span", {"class": "alb-legend__title"}, label(site_lang, "legend"), ": "),
               h("span", {"class": "alb-legend__item"},
                 h("sup", {"class": "alb-legend__app"}, "a, b, …"), " ", label(site_lang, "legend_apparatus")),
               " · ",
               h("span", {"class": "alb-legend__item"},
                 h("sup", {"class": "alb-legend__com"}, "1, 2, …"), " ", label(site_lang, "legend_commentary")),
               " · ",
               h("span", {"class": "alb-legend__item"}, label(site_lang, "legend_names")), ".")
    return [diplomatic, legend]


def print_address(site_lang: Lang, links: Links) -> etree._Element | None:
    """In print only, under the title: the page's address, once (each unit then prints its anchor)."""
    if not links.page:
        return None
    return h("p", {"class": "alb-print-only alb-print-url"}, label(site_lang, "print_page", url=links.page))


def column_heads(text: TextDoc, translation: TextDoc | None, site_lang: Lang) -> etree._Element:
    """The heads of the two columns (original, translation); the original's names the view shown:
    critical by default (and without JavaScript), diplomatic when chosen. (Not .alb-col: they are
    the page's labels, in its language, not units of a text.)"""
    original = h("p", {"class": "alb-colhead alb-colhead--original"},
                 h("span", {"class": "alb-colhead__name"},
                   label(site_lang, "original_label", language=language_name(site_lang, text.lang))),
                 " · ",
                 h("span", {"class": "alb-colhead__view", "data-view": "critical"},
                   label(site_lang, "view_name_critical")),
                 h("span", {"class": "alb-colhead__view", "data-view": "diplomatic"},
                   label(site_lang, "view_name_diplomatic")))
    translated = h("p", {"class": "alb-colhead alb-colhead--translation"},
                   h("span", {"class": "alb-colhead__name"},
                     label(site_lang, "translation_label", language=language_name(site_lang, translation.lang)))
                   ) if translation is not None else None
    return _row(original, translated, kind="alb-row--columns")


# --- aligned body ------------------------------------------------------------------------------

def _by_corresp(division: Division | None) -> dict[str, object]:
    """The translation's units by the id of the original unit they translate."""
    found: dict[str, object] = {}
    if division is None:
        return found
    for block in division.blocks:
        if isinstance(block, BiblList):
            found.update({item.corresp: item for item in block.items if item.corresp})
        if getattr(block, "corresp", None):
            found[block.corresp] = block  # type: ignore[index]
    return found


def _row(*cells: etree._Element | None, kind: str = "") -> etree._Element:
    return h("div", {"class": f"alb-row {kind}".strip()}, *cells)


def _anchor(xml_id: str | None, css: str) -> etree._Element | None:
    """An id of the translation's structure (division, list) that has no element of its own here."""
    return h("span", {"class": f"alb-anchor {css}", "id": xml_id}) if xml_id else None


def _block_rows(block: object, partner: dict[str, object], ctx: Ctx, original_lang: Lang,
                translated_lang: Lang | None) -> list[etree._Element]:
    if isinstance(block, Paragraph):
        other = partner.get(block.xml_id)
        return [_row(paragraph(block, ctx, ORIGINAL, original_lang),
                     paragraph(other, ctx, TRANSLATION, translated_lang) if isinstance(other, Paragraph) else None)]
    if isinstance(block, BiblList):
        other_list = partner.get(block.xml_id)
        rows = [h("div", {"class": "alb-listbibl", "id": block.xml_id},
                  _anchor(getattr(other_list, "xml_id", None), TRANSLATION))]
        for item in block.items:
            other = partner.get(item.xml_id)
            append(rows[0], _row(bibl_item(item, ctx, ORIGINAL, original_lang),
                                 bibl_item(other, ctx, TRANSLATION, translated_lang) if other is not None else None))
        return rows
    if isinstance(block, Note):
        other = partner.get(block.xml_id)
        return [_row(block_note(block, ctx, ORIGINAL),
                     block_note(other, ctx, TRANSLATION) if isinstance(other, Note) else None)]
    return []


def division(div: Division, translated: Division | None, ctx: Ctx, text: TextDoc,
             translation: TextDoc | None) -> etree._Element:
    t_lang = translation.lang if translation else None
    section = h("section", {"class": "alb-div", "id": div.xml_id, "data-type": div.type})
    t_head = head(translated, ctx, TRANSLATION, t_lang, anchor=translated.xml_id) if translated else None
    if div.head is not None or t_head is not None:
        append(section, _row(head(div, ctx, ORIGINAL, text.lang), t_head, kind="alb-row--head"))
    if translated is not None and translated.head is None:
        append(section, _anchor(translated.xml_id, TRANSLATION))
    partner = _by_corresp(translated)
    for block in div.blocks:
        append(section, *_block_rows(block, partner, ctx, text.lang, t_lang))
    return section


def text_body(text: TextDoc, translation: TextDoc | None, ctx: Ctx) -> etree._Element:
    translated = {d.corresp: d for d in translation.divisions} if translation else {}
    return h("div", {"class": "alb-text", "data-siglum": text.siglum},
             column_heads(text, translation, ctx.lang),
             *(division(d, translated.get(d.xml_id), ctx, text, translation) for d in text.divisions))


# --- apparatus ---------------------------------------------------------------------------------

def _reading(value: str, lang: Lang, site_lang: Lang, css: str) -> etree._Element:
    if not value.strip():
        return h("span", {"class": f"{css} alb-app__empty", "lang": site_lang}, label(site_lang, "empty_reading"))
    return h("span", {"class": css, "lang": lang}, value)


def _readings(entry: apparatus.Entry, text: TextDoc, site_lang: Lang) -> etree._Element:
    line = h("span", {"class": "alb-app__readings"})
    for i, lem in enumerate(entry.lemmata):
        if i:
            append(line, "; ")
        if lem.kind == "lemma":
            append(line, h("span", {"class": "alb-app__label"}, label(site_lang, "app_lemma"), ": "),
                   _reading(lem.critical, text.lang, site_lang, "alb-app__lem"),
                   " (" + label(site_lang, "app_not_emended") + ")")
        else:
            append(line, h("span", {"class": "alb-app__label"}, label(site_lang, "app_edition"), ": "),
                   _reading(lem.critical, text.lang, site_lang, "alb-app__lem"), " · ",
                   h("span", {"class": "alb-app__label"}, label(site_lang, "app_source"), ": "),
                   _reading(lem.diplomatic, text.lang, site_lang, "alb-app__rdg"))
    return line


_KIND_LABELS = {"correction": N_("kind_correction"), "regularisation": N_("kind_regularisation"),
                "lemma": N_("kind_lemma")}
_CERT_LABELS = {"high": N_("cert_high"), "medium": N_("cert_medium"), "low": N_("cert_low")}


def _where(entry: apparatus.Entry, site_lang: Lang) -> str:
    return label(site_lang, "para_short", n=entry.unit_n) if entry.unit_n else entry.unit_id


def _kind(entry: apparatus.Entry, lang: Lang, classes: Mapping[str, Bilingual]) -> str:
    """"Correction", or with its class of emendation: "Correction (typographical error)"."""
    kind = label(lang, _KIND_LABELS[entry.kind])
    named = [classes[c].get(lang) for c in entry.categories if c in classes]
    return label(lang, "app_class", kind=kind, cls="; ".join(named)) if named and entry.kind == "correction" else kind


def apparatus_entry(entry: apparatus.Entry, text: TextDoc, ctx: Ctx,
                    classes: Mapping[str, Bilingual] | None = None) -> etree._Element:
    note, lang = entry.note, ctx.lang
    n = apparatus.letter(entry.number)
    meta = h("p", {"class": "alb-app__meta"},
             h("span", {"class": "alb-app__kind"}, _kind(entry, lang, classes or {})),
             " · " + label(lang, "certainty", cert=label(lang, _CERT_LABELS[note.cert])) if note.cert else None,
             " ", permalink(note.xml_id, "unit_apparatus", lang, locators.note(n, lang)))
    # The list's own numbers are not shown (text.css): the entry's letter, as its marker in the
    # text shows it, and its locator begin the entry, on screen, in print and in a popup.
    return h("li", {"class": f"alb-app alb-app--{entry.kind}", "id": note.xml_id,
                    "data-targets": " ".join(note.targets) or None, "lang": lang},
             h("p", {"class": "alb-app__head"},
               h("a", {"class": "alb-app__back", "href": f"#{note.xml_id}-ref",
                       # the visible "c. para. 3" begins the name (WCAG 2.5.3, label in name)
                       "aria-label": label(lang, "back_to_text_from", n=n, where=_where(entry, lang))},
                 h("span", {"class": "alb-app__n"}, f"{n}."), " ", _where(entry, lang)), " ",
               _readings(entry, text, lang)),
             h("div", {"class": "alb-app__body"}, h("p", None, *inline(note.text_for(lang), ctx))),
             meta)


def apparatus_section(text: TextDoc, entries: list[apparatus.Entry], ctx: Ctx,
                      classes: Mapping[str, Bilingual] | None = None) -> etree._Element | None:
    if not entries:
        return None
    heading_id = f"{text.siglum}-apparatus"
    return h("section", {"class": "alb-apparatus", "aria-labelledby": heading_id},
             h("h2", {"id": heading_id}, label(ctx.lang, "apparatus")),
             h("p", {"class": "alb-apparatus__intro"}, label(ctx.lang, "apparatus_intro")),
             h("ol", {"class": "alb-apparatus__list"}, *(apparatus_entry(e, text, ctx, classes) for e in entries)))


# --- name cards ----------------------------------------------------------------------------------

def card(entity: Entity, lang: Lang) -> etree._Element:
    """What a reader sees on hovering or focusing a name: name, dates, one line."""
    dates = dates_line(entity, lang)
    return h("span", {"class": "alb-card", "id": f"card-{entity.xml_id}", "role": "tooltip", "lang": lang},
             h("strong", {"class": "alb-card__name"}, entity.name(lang)),
             h("span", {"class": "alb-card__dates"}, f" ({dates})") if dates else None,
             h("span", {"class": "alb-card__line"}, f" {one_line(entity, lang)}") if one_line(entity, lang) else None)


def cards(docs: list[TextDoc], entities: Mapping[str, Entity], lang: Lang,
          also: tuple[str, ...] = ()) -> etree._Element | None:
    """One card per entity named on the page (in the texts, and in `also`: the commentary shown
    below them); hidden, referenced by aria-describedby, shown by docs/assets/js/edition/cards.js."""
    named = dict.fromkeys([n.entity for doc in docs for n in doc.inline_nodes() if isinstance(n, Phrase) and n.entity]
                          + list(also))
    found = [entities[e] for e in named if e in entities]
    if not found:
        return None
    return h("div", {"class": "alb-cards", "hidden": "hidden"}, *(card(e, lang) for e in found))


# --- page --------------------------------------------------------------------------------------

def head_in(site_lang: Lang, div: Division, translation: TextDoc | None) -> Head:
    """A division's heading in the site's language where the translation is in it (text C's
    contents on /ru/ are the Russian translation's headings), else the original's."""
    if translation is not None and translation.lang == site_lang:
        for other in translation.divisions:
            if other.corresp == div.xml_id and other.head is not None:
                return other.head
    assert div.head is not None
    return div.head


@dataclass(frozen=True)
class Commented:
    """The commentary on this page: markers by element id, and the section that holds the entries
    (its heading goes into the table of contents)."""
    refs: Mapping[str, tuple[CommentRef, ...]]
    section: Callable[[Ctx], etree._Element | None]
    entities: tuple[str, ...] = ()  # named in the entries shown on the page (they need cards too)


@dataclass(frozen=True)
class Glossed:
    """The editorial matter a text page uses: the classes of emendation (named in the apparatus) and the
    glossary (terms link to their entries, whose cards the page carries)."""
    classes: Mapping[str, Bilingual]
    term_href: Callable[[str], str | None] | None = None
    term_label: Callable[[str], str] | None = None
    cards: Callable[[list[TextDoc]], etree._Element | None] | None = None


def text_page(text: TextDoc, translation: TextDoc | None, site_lang: Lang, links: Links,
              entities: Mapping[str, Entity] | None = None,
              entity_href: Callable[[str], str | None] | None = None,
              commented: Commented | None = None,
              pointer_href: Callable[[str], str | None] | None = None,
              dts_links: Mapping[str, dtslinks.DtsLink] | None = None,
              glossed: Glossed | None = None) -> tuple[str, list[TocEntry]]:
    entries = apparatus.entries(text)
    entities = entities or {}
    ctx = Ctx(site_lang, apparatus.numbering(entries),
              entity_href=(lambda e: entity_href(e) if e in entities else None) if entity_href else None,
              comments=commented.refs if commented else {}, pointer_href=pointer_href,
              entity_attrs=search.attrs_by_entity(entities.values()),
              term_href=glossed.term_href if glossed else None, term_label=glossed.term_label if glossed else None)
    docs = [d for d in (text, translation) if d is not None]
    # The local commentary is left out of the search index (search.EXCLUDE_SELECTORS): no name forms.
    local_commentary = commented.section(replace(ctx, entity_attrs={})) if commented else None
    article = h("div", {"class": "alb-edition", "data-siglum": text.siglum,
                        "data-label-close": label(site_lang, "close"),
                        "data-label-previous": label(site_lang, "note_previous"),
                        "data-label-next": label(site_lang, "note_next"),
                        "data-label-card": template(site_lang, "name_card_link"),
                        "data-has-translation": "true" if translation else None},
                print_address(site_lang, links),
                source_note(text, site_lang, links),
                controls(text, translation, site_lang),
                *notices(text, translation, site_lang, links),
                text_body(text, translation, ctx),
                apparatus_section(text, entries, ctx, glossed.classes if glossed else None),
                local_commentary,
                cards(docs, entities, site_lang, commented.entities if commented else ()),
                glossed.cards(docs) if glossed and glossed.cards else None)
    dtslinks.annotate(article, dts_links or {}, site_lang)
    toc = [TocEntry(d.xml_id, reading(head_in(site_lang, d, translation).content, "critical"), 2)
           for d in text.divisions if d.head is not None]
    if entries:
        toc.append(TocEntry(f"{text.siglum}-apparatus", label(site_lang, "apparatus"), 2))
    if local_commentary is not None:
        heading = local_commentary.find("h2")
        toc.append(TocEntry(heading.get("id"), "".join(heading.itertext()), 2))
    return serialize(article), toc
