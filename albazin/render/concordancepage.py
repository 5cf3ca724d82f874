"""The concordance page: questions by episode × texts, each cell the text's own wording of the
figure (with the editors' translation beside it when the text is in the other language), the
normalised value, and a link to the figure's anchor on the text page; charts and a timeline below.

The "disagreements only" filter is a checkbox styled with :has(): it works without JavaScript.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from lxml import etree

from albazin.core.i18n import N_, label, language_name
from albazin.model import locators
from albazin.model.concordance import MANY_TEXTS, STATUSES, Cell, Row, Section, rows
from albazin.model.figures import Figure
from albazin.model.model import Edition, Lang
from albazin.model.valuefmt import normalised
from albazin.render import charts
from albazin.render.render import Ctx, TocEntry, h, inline, permalink, serialize

FILTER_ID = "alb-filter-disagree"


@dataclass(frozen=True)
class ConcordanceLinks:
    text_page: Callable[[str], str]  # URL of a text's page, by siglum, from the concordance page
    downloads: dict[str, str]  # format ("csv", "json") → URL
    commentary: Callable[[str], list[tuple[str, str]]] = field(default=lambda q: [])  # question → (label, URL)

    def figure(self, figure: Figure) -> str:
        return f"{self.text_page(figure.siglum)}#{figure.xml_id}"

    def translation(self, figure: Figure) -> str | None:
        if figure.translation is None or not figure.translation.xml_id:
            return None
        return f"{self.text_page(figure.siglum)}#{figure.translation.xml_id}"


def _unit_label(figure: Figure, lang: Lang) -> str:
    where = label(lang, "para_short", n=figure.unit_n) if figure.unit_n else figure.unit_id
    return f"{figure.siglum}, {where}"


def _figure_item(figure: Figure, edition: Edition, lang: Lang, links: ConcordanceLinks) -> etree._Element:
    text_lang = edition.text(figure.siglum).lang
    ctx = Ctx(lang, in_link=True)
    wording = h("a", {"class": "alb-fig__wording", "href": links.figure(figure), "lang": text_lang},
                *inline(figure.phrase.children, ctx))
    translated = None
    if figure.translation is not None and text_lang != lang:
        translated = h("span", {"class": "alb-fig__translation", "lang": lang},
                       "‘", *inline(figure.translation.children, ctx), "’")
    return h("li", {"class": "alb-fig", "data-figure": figure.xml_id, "data-value": normalised(figure, lang)},
             wording, " ", translated, " ",
             h("span", {"class": "alb-fig__value"}, normalised(figure, lang)), " ",
             h("a", {"class": "alb-fig__where", "href": links.figure(figure)}, _unit_label(figure, lang)))


STATUS_LABELS = {"disagree": N_("status_disagree"), "agree": N_("status_agree"), "unmatched": N_("status_unmatched"),
                 "single": N_("status_single")}


def _cell(cell: Cell, edition: Edition, lang: Lang, links: ConcordanceLinks) -> etree._Element:
    attrs = {"data-siglum": cell.siglum, "data-label": cell.siglum}
    if not cell.stated:
        return h("td", {**attrs, "class": "alb-conc__none"}, label(lang, "not_stated"))
    return h("td", attrs, h("ul", {"class": "alb-conc__figures"},
                            *(_figure_item(f, edition, lang, links) for f in cell.figures)))


def _status(row: Row, lang: Lang) -> etree._Element:
    return h("span", {"class": f"alb-status alb-status--{row.status}"}, label(lang, STATUS_LABELS[row.status]))


def _question_cell(row: Row, lang: Lang, links: ConcordanceLinks) -> etree._Element:
    extra: list[etree._Element | str] = []
    dimensions = charts.chartable(row)
    for dimension in dimensions:
        target = charts.chart_id(row.question.xml_id, dimension, dimensions)
        extra += [" ", h("a", {"class": "alb-conc__chart", "href": f"#{target}"}, label(lang, "see_chart"))]
    for text, href in links.commentary(row.question.xml_id):
        extra += [" ", h("a", {"class": "alb-conc__commentary", "href": href}, text)]
    return h("th", {"scope": "row", "class": "alb-conc__question"},
             h("span", {"class": "alb-conc__qtext"}, row.question.description.get(lang)), " ",
             permalink(row.question.xml_id, "unit_question", lang,
                       locators.question(row.question.description.get(lang), lang)),
             h("br"), _status(row, lang), *extra)


def _compact_cells(row: Row, edition: Edition, lang: Lang, links: ConcordanceLinks) -> list[etree._Element]:
    """A row of a concordance of many texts: the figures of the texts that state one (each says its
    siglum), then the sigla of the silent texts."""
    stated = [f for cell in row.cells for f in cell.figures]
    silent = ", ".join(cell.siglum for cell in row.cells if not cell.stated)
    return [h("td", {"data-label": label(lang, "col_figures")},
              h("ul", {"class": "alb-conc__figures"}, *(_figure_item(f, edition, lang, links) for f in stated))),
            h("td", {"class": "alb-conc__none", "data-label": label(lang, "col_not_stated")}, silent or "—")]


def _compact_table(section: Section, edition: Edition, lang: Lang, links: ConcordanceLinks) -> etree._Element:
    head = h("tr", None, *(h("th", {"scope": "col"}, label(lang, key))
                           for key in (N_("col_question"), N_("col_figures"), N_("col_not_stated"))))
    body = h("tbody")
    for row in section.rows:
        body.append(h("tr", {"id": row.question.xml_id, "data-status": row.status, "class": "alb-conc__row"},
                      _question_cell(row, lang, links), *_compact_cells(row, edition, lang, links)))
    return h("table", {"class": "alb-conc alb-conc--compact"},
             h("caption", None, section.episode.description.get(lang)), h("thead", None, head), body)


def _table(section: Section, edition: Edition, lang: Lang, links: ConcordanceLinks) -> etree._Element:
    if len(edition.texts) > MANY_TEXTS:
        return _compact_table(section, edition, lang, links)
    head = h("tr", None, h("th", {"scope": "col"}, label(lang, "col_question")),
             *(h("th", {"scope": "col"}, label(lang, "text_original", siglum=t.siglum,
                                                 language=language_name(lang, t.lang)))
               for t in edition.texts))
    body = h("tbody")
    for row in section.rows:
        body.append(h("tr", {"id": row.question.xml_id, "data-status": row.status, "class": "alb-conc__row"},
                      _question_cell(row, lang, links),
                      *(_cell(c, edition, lang, links) for c in row.cells)))
    return h("table", {"class": "alb-conc"},
             h("caption", None, section.episode.description.get(lang)), h("thead", None, head), body)


def _counts(all_rows: Sequence[Row], lang: Lang) -> etree._Element:
    counts = {s: sum(1 for r in all_rows if r.status == s) for s in STATUSES}
    items = [h("li", None, h("span", {"class": f"alb-status alb-status--{s}"}, label(lang, STATUS_LABELS[s])),
               f" {counts[s]}") for s in STATUSES]
    return h("ul", {"class": "alb-conc__counts"}, *items)


def _downloads(links: ConcordanceLinks, lang: Lang) -> etree._Element:
    return h("p", {"class": "alb-conc__downloads"}, label(lang, "conc_download"), " ",
             h("a", {"href": links.downloads["csv"], "download": ""}, "CSV"), " · ",
             h("a", {"href": links.downloads["json"], "download": ""}, "JSON"), " ",
             h("a", {"href": "#data-columns"}, label(lang, "conc_columns_link")))


def _columns_doc(lang: Lang, columns: Sequence[tuple[str, str]]) -> etree._Element:
    items = h("dl", {"class": "alb-conc__columns"})
    for name, key in columns:
        items.append(h("dt", None, h("code", None, name)))
        items.append(h("dd", None, label(lang, key)))
    return h("section", {"class": "alb-conc__data"},
             h("h2", {"id": "data-columns"}, label(lang, "conc_columns"), " ",
               permalink("data-columns", "unit_division", lang)),
             h("p", None, label(lang, "conc_columns_intro")), items)


def concordance_page(edition: Edition, sections: list[Section], lang: Lang, links: ConcordanceLinks,
                     columns: Sequence[tuple[str, str]]) -> tuple[str, list[TocEntry]]:
    all_rows = rows(sections)
    disagreements = sum(1 for r in all_rows if r.status == "disagree")
    root = h("div", {"class": "alb-concordance"})
    root.append(h("p", {"class": "alb-conc__intro"}, label(lang, "conc_intro")))
    root.append(h("p", None, label(lang, "conc_method")))
    root.append(_counts(all_rows, lang))
    root.append(_downloads(links, lang))
    root.append(h("p", {"class": "alb-conc__filter"},
                  h("input", {"type": "checkbox", "id": FILTER_ID, "class": "alb-conc__toggle"}), " ",
                  h("label", {"for": FILTER_ID}, label(lang, "filter_disagree", n=str(disagreements)))))
    toc = []
    for section in sections:
        episode = section.episode
        wrapper = h("section", {"class": "alb-conc__episode",
                                "data-disagreements": str(sum(r.status == "disagree" for r in section.rows))},
                    h("h2", {"id": episode.xml_id}, episode.description.get(lang), " ",
                      permalink(episode.xml_id, "unit_division", lang)),
                    h("div", {"class": "alb-conc__scroll"}, _table(section, edition, lang, links)))
        root.append(wrapper)
        toc.append(TocEntry(episode.xml_id, episode.description.get(lang), 2))
    root.append(_charts_section(edition, all_rows, lang, links))
    toc.append(TocEntry("charts", label(lang, "charts"), 2))
    toc.append(TocEntry("timeline", label(lang, "timeline"), 2))
    root.append(_columns_doc(lang, columns))
    toc.append(TocEntry("data-columns", label(lang, "conc_columns"), 2))
    return serialize(root), toc


def _charts_section(edition: Edition, all_rows: list[Row], lang: Lang, links: ConcordanceLinks) -> etree._Element:
    sigla = [t.siglum for t in edition.texts]
    numeric = charts.numeric_charts(all_rows, lang)
    section = h("section", {"class": "alb-conc__charts"},
                h("h2", {"id": "charts"}, label(lang, "charts"), " ", permalink("charts", "unit_division", lang)),
                h("p", None, label(lang, "charts_intro")),
                h("p", {"class": "alb-chart__legend"}, *charts.legend(sigla, lang)),
                h("div", {"class": "alb-charts"}, *numeric),
                charts.data_table([r for r in all_rows if charts.chartable(r)], lang, label(lang, "charts_table"),
                                  lambda r: [f for f in r.numeric_figures()
                                             if f.value.dimension in charts.chartable(r)],
                                  links.figure),
                h("h2", {"id": "timeline"}, label(lang, "timeline"), " ", permalink("timeline", "unit_division", lang)),
                h("p", None, label(lang, "timeline_intro")))
    for window, name, monthly, exclude in ((charts.SIEGE_YEARS, "timeline-sieges", True, None),
                                           (charts.CONTEXT_YEARS, "timeline-context", False, charts.SIEGE_YEARS)):
        figure = charts.timeline(all_rows, window, sigla, lang, name, monthly, exclude)
        if figure is not None:
            section.append(figure)
    section.append(charts.data_table([r for r in all_rows if r.dated_figures()], lang, label(lang, "timeline_table"),
                                     lambda r: r.dated_figures(), links.figure))
    return section
