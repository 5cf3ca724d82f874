"""The editors' introduction as a page (tei/introduction.xml): citable sections, each anchored by
its xml:id (the same in both languages), the paragraphs in the page's language, the stemma as SVG
with its text version. Pointers in the text link to the texts, the apparatus, the commentary, the
bibliography, the glossary and the index (render.Ctx.pointer_href)."""

from __future__ import annotations

from lxml import etree

from albazin.model.model import Edition
from albazin.render import stemma
from albazin.render.render import Ctx, TocEntry, h, inline, permalink, serialize


def section(sec, ctx: Ctx) -> etree._Element:
    heading = f"h{min(sec.level, 4)}"
    return h("section", {"class": "alb-intro__section", "id": sec.xml_id, "lang": ctx.lang},
             h(heading, {"class": "alb-intro__head"}, sec.heading.get(ctx.lang), " ",
               permalink(sec.xml_id, "unit_section", ctx.lang)),
             *(h("p", {"class": "alb-intro__p"}, *inline(content, ctx)) for content in sec.body(ctx.lang)),
             stemma.figure(sec.graph, ctx.lang, ctx.pointer_href) if sec.graph else None)


def introduction_page(edition: Edition, ctx: Ctx) -> tuple[str, list[TocEntry]]:
    root = h("div", {"class": "alb-introduction"}, *(section(s, ctx) for s in edition.introduction))
    toc = [TocEntry(s.xml_id, s.heading.get(ctx.lang), s.level) for s in edition.introduction if s.level <= 3]
    return serialize(root), toc
