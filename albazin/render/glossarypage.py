"""The glossary as a page, and as it appears on a text page (the terms' cards).

- The glossary page: one entry per term, anchored by its xml:id (the same in both languages):
  headword, transliteration and English equivalent, the definition in the page's language, how the
  texts use the term, its sources (links into the bibliography), every occurrence in the texts and
  translations (links to the place), related entries and the index entry of the same group.
- On a text page: one hidden card per term used on the page (id "card-<entry>"), which the name
  cards' script shows on hover and focus (render.term_marker, render._term).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from albazin.core.i18n import label, language_name
from albazin.model import editorial
from albazin.model.model import Edition, GlossaryEntry, Lang, Phrase, TextDoc
from albazin.model.readings import normalise_whitespace, reading
from albazin.render.render import Ctx, TocEntry, h, inline, permalink, serialize

_SENTENCE = re.compile(r"(?<=[.!?])(?<!s\.v\.)\s+(?=[A-ZА-ЯЁ«“\"(])")
_CITED = "\x00"  # stands for a citation while the card's line is made
_CITATION = re.compile(rf"\s*\([^()]*{_CITED}[^()]*\)")


@dataclass(frozen=True)
class GlossaryLinks:
    text_page: Callable[[str], str]  # URL of a text's page, by the siglum of the original
    entity: Callable[[str], str | None]  # URL of an index entry, if the entity exists


def sort_key(entry: GlossaryEntry) -> str:
    return entry.headword.casefold().replace("ё", "е")


def _uncited(nodes) -> str:
    """The definition's text with its parenthesised citations left out (a card has no room for them)."""
    out = []
    for node in nodes:
        if isinstance(node, Phrase) and node.tag == "ref":
            out.append(_CITED)
        elif isinstance(node, Phrase):
            out.append(_uncited(node.children))
        else:
            out.append(reading([node], "critical"))
    return "".join(out)


def first_sentence(entry: GlossaryEntry, lang: Lang) -> str:
    text = normalise_whitespace(_CITATION.sub("", _uncited(entry.body(lang))).replace(_CITED, ""))
    return _SENTENCE.split(text, maxsplit=1)[0] if text else ""


def _equivalent(entry: GlossaryEntry, lang: Lang) -> str:
    return dict(entry.equivalent.by_lang).get("en", "")


def card(entry: GlossaryEntry, lang: Lang) -> etree._Element:
    """What a reader sees on hovering or focusing a term: headword, English, one sentence."""
    gloss = ", ".join(p for p in (entry.transliteration, _equivalent(entry, lang)) if p)
    return h("span", {"class": "alb-card alb-card--term", "id": f"card-{entry.xml_id}", "role": "tooltip",
                      "lang": lang},
             h("strong", {"class": "alb-card__name", "lang": "ru"}, entry.headword),
             h("span", {"class": "alb-card__dates"}, f" ({gloss})") if gloss else None,
             h("span", {"class": "alb-card__line"}, f" {first_sentence(entry, lang)}"))


def cards(edition: Edition, docs: list[TextDoc], lang: Lang) -> etree._Element | None:
    """One card per glossary entry named on the page, hidden (shown by docs/assets/js/edition/cards.js)."""
    entries = {e.xml_id: e for e in edition.glossary}
    named = dict.fromkeys(entry for doc in docs for entry, _, _ in editorial.edition_term_uses(edition, doc))
    found = [entries[e] for e in named if e in entries]
    if not found:
        return None
    return h("div", {"class": "alb-cards alb-cards--terms", "hidden": "hidden"}, *(card(e, lang) for e in found))


def term_label(edition: Edition, lang: Lang) -> Callable[[str], str]:
    headwords = {e.xml_id: e.headword for e in edition.glossary}
    return lambda entry: label(lang, "term_marker", term=headwords.get(entry, entry))


# --- the page ----------------------------------------------------------------------------------------

def _doc_name(doc: TextDoc, lang: Lang) -> str:
    if doc.translation_of:
        return label(lang, "text_translation", siglum=doc.translation_of, language=language_name(lang, doc.lang))
    return label(lang, "text_original", siglum=doc.siglum, language=language_name(lang, doc.lang))


def _occurrences(edition: Edition, entry: GlossaryEntry, lang: Lang, links: GlossaryLinks) -> etree._Element | None:
    groups = []
    for doc in edition.documents():
        numbers = {u.xml_id: u.n for u in doc.units()}
        here = [(node, unit) for term, node, unit in editorial.edition_term_uses(edition, doc) if term == entry.xml_id]
        if not here:
            continue
        page = links.text_page(doc.translation_of or doc.siglum)
        items = []
        for node, unit in here:
            where = label(lang, "para_short", n=numbers[unit]) if numbers.get(unit) else unit
            words = normalise_whitespace(reading(node.children, "critical"))
            quoted = f"«{words}»" if doc.lang == "ru" else f"“{words}”"
            items.append(h("li", None, h("a", {"href": f"{page}#{node.xml_id}"}, where), " ",
                           h("span", {"lang": doc.lang}, quoted)))
        groups.append(h("li", None, h("span", {"class": "alb-gloss__doc"}, _doc_name(doc, lang)),
                        h("ul", None, *items)))
    if not groups:
        return h("p", {"class": "alb-gloss__context"}, label(lang, "gl_context"))
    return h("div", {"class": "alb-gloss__occurrences"}, h("h3", None, label(lang, "gl_in_texts")),
             h("ul", None, *groups))


def _joined(items: list) -> list:
    out: list = []
    for i, item in enumerate(items):
        out += ["; " if i else None, item]
    return out


def entry_article(edition: Edition, entry: GlossaryEntry, ctx: Ctx, links: GlossaryLinks) -> etree._Element:
    lang = ctx.lang
    entries = {e.xml_id: e for e in edition.glossary}
    related = [h("a", {"href": f"#{other}", "lang": "ru"}, entries[other].headword)
               for other in entry.related if other in entries]
    entity = {e.xml_id: e for e in edition.entities}.get(entry.entity or "")
    entity_href = links.entity(entity.xml_id) if entity else None
    see = [*related, *([h("a", {"href": entity_href}, label(lang, "gl_index_entry") + f": {entity.name(lang)}")]
                       if entity and entity_href else [])]
    equivalent = _equivalent(entry, lang)
    return h("article", {"class": "alb-gloss", "id": entry.xml_id, "lang": lang},
             h("h2", {"class": "alb-gloss__head"}, h("span", {"lang": "ru"}, entry.headword),
               " ", h("span", {"class": "alb-gloss__translit", "lang": "ru-Latn"}, entry.transliteration)
               if entry.transliteration else None,
               " ", permalink(entry.xml_id, "unit_term", lang)),
             h("p", {"class": "alb-gloss__equiv"}, h("span", {"class": "alb-com__label"},
                                                     label(lang, "gl_equivalent"), ": "),
               h("span", {"lang": "en"}, equivalent)) if equivalent else None,
             h("p", {"class": "alb-gloss__def"}, *inline(entry.body(lang), ctx)),
             h("p", {"class": "alb-gloss__usage"}, h("span", {"class": "alb-com__label"}, label(lang, "gl_usage"),
                                                     ": "), *inline(entry.body(lang, "usage"), ctx))
             if entry.usage else None,
             h("p", {"class": "alb-gloss__sources"}, h("span", {"class": "alb-com__label"},
                                                       label(lang, "gl_sources"), ": "),
               *_joined([h("span", None, *inline(source, ctx)) for source in entry.sources]))
             if entry.sources else None,
             _occurrences(edition, entry, lang, links),
             h("p", {"class": "alb-gloss__see"}, h("span", {"class": "alb-com__label"}, label(lang, "gl_see_also"),
                                                   ": "), *_joined(see)) if see else None)


def glossary_page(edition: Edition, ctx: Ctx, links: GlossaryLinks) -> tuple[str, list[TocEntry]]:
    ordered = sorted(edition.glossary, key=sort_key)
    root = h("div", {"class": "alb-glossary"}, h("p", {"class": "alb-gloss__intro"}, label(ctx.lang, "gl_intro")),
             *(entry_article(edition, e, ctx, links) for e in ordered))
    return serialize(root), [TocEntry(e.xml_id, e.headword, 2) for e in ordered]
