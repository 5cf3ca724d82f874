"""The commentary and the bibliography as pages, and the commentary as it appears on a text page.

- The commentary page: entries by episode, each anchored by its xml:id, with links back to every
  lemma it discusses (in each text and translation), to the concordance rows it concerns and to
  the index entries it names.
- The bibliography page: every work cited, anchored by its xml:id, with the entries that cite it.
- On a text page: a marker after each commented lemma (render.comment_markers) and the entries
  themselves below the text, which docs/assets/js/edition/notes.js opens beside the text or in place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from albazin.core.i18n import N_, label, language_name
from albazin.model import commentary, locators
from albazin.model.citing import Citer, citers
from albazin.model.commentary import Lemma, Resolver, cited_works, named_entities
from albazin.model.model import CommentaryEntry, Edition, Lang, Phrase, TextDoc, walk
from albazin.model.readings import normalise_whitespace, reading
from albazin.render.render import CommentRef, Ctx, TocEntry, h, inline, permalink, serialize


@dataclass(frozen=True)
class CommentaryLinks:
    text_page: Callable[[str], str]  # URL of a text's page by the siglum of the original
    concordance: str  # URL of the concordance page
    commentary: str  # URL of the commentary page
    bibliography: str  # URL of the bibliography page
    entity: Callable[[str], str | None]

    def lemma(self, lemma: Lemma) -> str:
        return f"{self.text_page(lemma.doc.translation_of or lemma.doc.siglum)}#{lemma.xml_id}"


def _title(entry: CommentaryEntry, lang: Lang) -> str:
    return entry.label.get(lang)


def _doc_name(doc: TextDoc, lang: Lang) -> str:
    if doc.translation_of:
        return label(lang, "text_translation", siglum=doc.translation_of, language=language_name(lang, doc.lang))
    return label(lang, "text_original", siglum=doc.siglum, language=language_name(lang, doc.lang))


def _where(lemma: Lemma, lang: Lang) -> str:
    unit = label(lang, "para_short", n=lemma.unit.n) if lemma.unit.n else lemma.unit.xml_id
    return f"{lemma.doc.translation_of or lemma.doc.siglum}{'′' if lemma.doc.translation_of else ''}, {unit}"


def _lemma_item(lemma: Lemma, lang: Lang, href: str) -> etree._Element:
    quoted = f"«{lemma.text}»" if lemma.doc.lang == "ru" else f"“{lemma.text}”"
    words = h("span", {"class": "alb-com__lemma", "lang": lemma.doc.lang}, quoted) if lemma.text \
        else h("span", None, label(lang, "whole_paragraph"))
    return h("li", None, h("a", {"href": href}, _where(lemma, lang)), " ", words)


def _body(entry: CommentaryEntry, ctx: Ctx) -> list[etree._Element]:
    return [h("p", {"class": "alb-com__p"}, *inline(content, ctx)) for content in entry.body(ctx.lang)]


def _passages(lemmata: list[Lemma], lang: Lang, href: Callable[[Lemma], str]) -> etree._Element | None:
    if not lemmata:
        return None
    by_doc: dict[str, list[Lemma]] = {}
    for lemma in lemmata:
        by_doc.setdefault(lemma.doc.siglum, []).append(lemma)
    ordered = sorted(by_doc.values(), key=lambda f: (f[0].doc.translation_of or f[0].doc.siglum,
                                                     bool(f[0].doc.translation_of)))
    groups = [h("li", None, h("span", {"class": "alb-com__doc"}, _doc_name(found[0].doc, lang)),
                h("ul", None, *(_lemma_item(lemma, lang, href(lemma)) for lemma in found)))
              for found in ordered]
    return h("div", {"class": "alb-com__passages"}, h("h4", None, label(lang, "com_passages")),
             h("ul", None, *groups))


def _see_also(entry: CommentaryEntry, edition: Edition, lang: Lang, links: CommentaryLinks) -> etree._Element | None:
    questions = {q.xml_id: q for q in edition.questions()}
    parts: list[etree._Element] = []
    rows = [h("a", {"href": f"{links.concordance}#{q}"}, questions[q].description.get(lang))
            for q in entry.questions if q in questions]
    if rows:
        parts.append(h("p", None, h("span", {"class": "alb-com__label"}, label(lang, "com_concordance"), ": "),
                       *_joined(rows)))
    entities = {e.xml_id: e for e in edition.entities}
    named = [h("a", {"href": href}, entities[e].name(lang)) for e in named_entities(entry)
             if e in entities and (href := links.entity(e))]
    if named:
        parts.append(h("p", None, h("span", {"class": "alb-com__label"}, label(lang, "com_index"), ": "),
                       *_joined(named)))
    works = {w.xml_id for w in edition.bibliography}
    short = _citation_labels(entry, lang, edition.bibliography_file)
    cited = [h("a", {"href": f"{links.bibliography}#{w}"}, short.get(w, w))
             for w in cited_works(entry, edition.bibliography_file) if w in works]
    if cited:
        parts.append(h("p", None, h("span", {"class": "alb-com__label"}, label(lang, "com_works"), ": "),
                       *_joined(cited)))
    return h("div", {"class": "alb-com__see"}, *parts) if parts else None


def _citation_labels(entry: CommentaryEntry, lang: Lang, bibliography_file: str | None) -> dict[str, str]:
    """How the entry itself cites each work in this language ("BRE", "Hummel 1943")."""
    found: dict[str, str] = {}
    for content in entry.body(lang):
        for node in walk(content):
            if isinstance(node, Phrase) and node.tag == "ref":
                file_name, _, fragment = (node.attr("target") or "").rpartition("#")
                if file_name == bibliography_file and fragment not in found:
                    found[fragment] = normalise_whitespace(reading(node.children, "critical"))
    return found


def _joined(items: list[etree._Element]) -> list[etree._Element | str]:
    out: list[etree._Element | str] = []
    for i, item in enumerate(items):
        if i:
            out.append("; ")
        out.append(item)
    return out


def entry_article(entry: CommentaryEntry, edition: Edition, resolver: Resolver, ctx: Ctx,
                  links: CommentaryLinks) -> etree._Element:
    lang = ctx.lang
    return h("article", {"class": "alb-com", "id": entry.xml_id, "lang": lang},
             h("h3", {"class": "alb-com__title"}, _title(entry, lang), " ",
               permalink(entry.xml_id, "unit_commentary", lang, locators.commentary(_title(entry, lang), lang))),
             *_body(entry, ctx),
             _passages(resolver.lemmata(entry), lang, links.lemma),
             _see_also(entry, edition, lang, links))


def commentary_page(edition: Edition, ctx: Ctx, links: CommentaryLinks) -> tuple[str, list[TocEntry]]:
    found = commentary.resolver(edition)
    lang = ctx.lang
    root = h("div", {"class": "alb-commentary"}, h("p", {"class": "alb-com__intro"}, label(lang, "com_intro")))
    toc = []
    episodes = {e.xml_id: e for e in edition.episodes}
    for episode_id in dict.fromkeys(e.episode for e in edition.commentary):
        episode = episodes.get(episode_id)
        title = episode.description.get(lang) if episode else episode_id
        anchor = f"com-{episode_id}"
        section = h("section", {"class": "alb-com__episode"},
                    h("h2", {"id": anchor}, title, " ", permalink(anchor, "unit_division", lang)))
        for entry in edition.commentary:
            if entry.episode == episode_id:
                section.append(entry_article(entry, edition, found, ctx, links))
        root.append(section)
        toc.append(TocEntry(anchor, title, 2))
    return serialize(root), toc


_WEB_LABELS = {"only-source": N_("bib_web_only"), "superseded": N_("bib_superseded")}


def _web_kind(subtype: str | None, lang: Lang) -> str:
    return label(lang, _WEB_LABELS.get(subtype or "", _WEB_LABELS["only-source"]))


def bibliography_page(edition: Edition, ctx: Ctx, citer_href: Callable[[Citer], str]) -> tuple[str, list[TocEntry]]:
    """Every work, with every place that cites it (citing.citers); `citer_href` says where a citer is."""
    lang = ctx.lang
    found = citers(edition)
    items = h("ul", {"class": "alb-bib"})
    for work in edition.bibliography:
        cited_in = [h("a", {"href": citer_href(c)}, c.name(lang)) for c in found.get(work.xml_id, ())]
        consulted = work.consulted.get(lang) if work.consulted.by_lang else ""
        items.append(h("li", {"class": "alb-bib__item", "id": work.xml_id},
                       h("p", {"class": "alb-bib__ref"}, *inline(work.content, ctx), " ",
                         permalink(work.xml_id, "unit_work", lang)),
                       h("p", {"class": "alb-bib__kind"}, _web_kind(work.subtype, lang))
                       if work.web_page else None,
                       h("p", {"class": "alb-bib__consulted"}, consulted) if consulted else None,
                       h("p", {"class": "alb-bib__cited"},
                         h("span", {"class": "alb-com__label"}, label(lang, "bib_cited_in"), ": "),
                         *_joined(cited_in)) if cited_in else None))
    root = h("div", {"class": "alb-bibliography"}, h("p", None, label(lang, "bib_intro")), items)
    return serialize(root), []


# --- on a text page ------------------------------------------------------------------------------

@dataclass(frozen=True)
class OnPage:
    """The commentary as a text page shows it: markers by element id, and the entries, numbered."""
    refs: dict[str, tuple[CommentRef, ...]]
    entries: list[tuple[int, CommentaryEntry, list[Lemma]]]


def on_text_page(edition: Edition, resolver: Resolver, text: TextDoc, lang: Lang) -> OnPage:
    """Entries that discuss this text, numbered in the order of their first lemma in the text."""
    order = {u.xml_id: i for i, u in enumerate(text.units())}
    found = []
    for entry in edition.commentary:
        here = [lem for lem in resolver.lemmata(entry) if (lem.doc.translation_of or lem.doc.siglum) == text.siglum]
        if here:
            first = min((order[lem.unit.xml_id] for lem in here if not lem.derived), default=len(order))
            found.append((first, entry, here))
    found.sort(key=lambda item: item[0])
    refs: dict[str, list[CommentRef]] = {}
    numbered = []
    for n, (_, entry, here) in enumerate(found, start=1):
        numbered.append((n, entry, here))
        for lemma in here:
            refs.setdefault(lemma.xml_id, []).append(CommentRef(entry.xml_id, n, _title(entry, lang)))
    return OnPage({k: tuple(v) for k, v in refs.items()}, numbered)


def text_page_section(on_page: OnPage, ctx: Ctx, links: CommentaryLinks, siglum: str) -> etree._Element | None:
    """The entries on this text, below the apparatus: each links back to its markers and on to
    the commentary page (where the entry is cited from)."""
    if not on_page.entries:
        return None
    lang = ctx.lang
    heading = f"{siglum}-commentary"
    items = h("ol", {"class": "alb-comlist"})
    for n, entry, here in on_page.entries:
        back = [h("a", {"class": "alb-com__back", "href": f"#cref-{lem.xml_id}-{entry.xml_id}"}, _where(lem, lang))
                for lem in here]
        # The entry's number is its markers' number (the list's own numbers are not shown: text.css).
        items.append(h("li", {"class": "alb-com alb-com--local", "id": entry.xml_id, "lang": lang},
                       h("p", {"class": "alb-com__title"},
                         h("strong", None, h("span", {"class": "alb-com__n"}, f"{n}."), " ", _title(entry, lang)), " ",
                         h("a", {"class": "alb-com__full", "href": f"{links.commentary}#{entry.xml_id}"},
                           label(lang, "com_full"))),
                       *_body(entry, ctx),
                       h("p", {"class": "alb-com__backlinks"},
                         h("span", {"class": "alb-com__label"}, label(lang, "com_discussed_here"), ": "),
                         *_joined(back))))
    section = h("section", {"class": "alb-commentary-local", "aria-labelledby": heading},
                h("h2", {"id": heading}, label(lang, "commentary_on_text")),
                h("p", None, label(lang, "commentary_on_text_intro")), items)
    return section
