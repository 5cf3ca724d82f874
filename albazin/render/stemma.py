"""A stemma (TEI <graph>) drawn as accessible SVG at build time, with the same content as a list.

Layout: a node's row is the length of the longest chain of arcs that leads to it (sources at the
top, the edited texts and their witnesses below); within a row, nodes keep their document order.
Arcs are solid when certain, dashed when probable, dotted when possible (@cert high/medium/low).
Colours come from CSS (currentColor and the theme's variables), so the drawing follows the theme.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from albazin.core.i18n import N_, label
from albazin.model.model import Graph, GraphNode, Lang
from albazin.render.render import h

ROW_HEIGHT = 96
BOX_HEIGHT = 46
GAP = 18
MARGIN = 8
CHAR_WIDTH = 6.4  # of the drawing's 11-unit font, roughly
LINE_CHARS = 30
DASH = {"medium": "6 4", "low": "2 3"}
_CERT_LABELS = {"high": N_("stemma_cert_high"), "medium": N_("stemma_cert_medium"), "low": N_("stemma_cert_low")}


def _certainty(cert: str | None, lang: Lang) -> str:
    key = _CERT_LABELS[cert] if cert else _CERT_LABELS["high"]
    return label(lang, key)


def _rows(graph: Graph) -> dict[str, int]:
    preds: dict[str, list[str]] = {n.xml_id: [] for n in graph.nodes}
    for arc in graph.arcs:
        if arc.target in preds and arc.source in preds:
            preds[arc.target].append(arc.source)
    rows: dict[str, int] = {}

    def row(node: str, seen: frozenset[str] = frozenset()) -> int:
        if node not in rows:
            rows[node] = 0 if node in seen else 1 + max((row(p, seen | {node}) for p in preds[node]), default=-1)
        return rows[node]
    for n in graph.nodes:
        row(n.xml_id)
    return rows


def _lines(text: str) -> list[str]:
    """The label in at most three lines of about LINE_CHARS characters, broken between words."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= LINE_CHARS:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines[:3] if len(lines) <= 3 else [*lines[:2], lines[2] + "…"]


def _width(lines: list[str]) -> float:
    return max(90.0, max(len(line) for line in lines) * CHAR_WIDTH + 16)


def svg(graph: Graph, lang: Lang) -> etree._Element:
    rows = _rows(graph)
    by_row: dict[int, list[GraphNode]] = {}
    for node in graph.nodes:
        by_row.setdefault(rows[node.xml_id], []).append(node)
    lines = {n.xml_id: _lines(n.label.get(lang)) for n in graph.nodes}
    widths = {n.xml_id: _width(lines[n.xml_id]) for n in graph.nodes}
    row_widths = {r: sum(widths[n.xml_id] for n in ns) + GAP * (len(ns) - 1) for r, ns in by_row.items()}
    total = max(row_widths.values(), default=100) + 2 * MARGIN
    boxes: dict[str, tuple[float, float, float]] = {}  # x, y, width
    for r, ns in sorted(by_row.items()):
        x = (total - row_widths[r]) / 2
        for n in ns:
            boxes[n.xml_id] = (x, MARGIN + r * ROW_HEIGHT, widths[n.xml_id])
            x += widths[n.xml_id] + GAP
    height = MARGIN * 2 + (max(by_row, default=0)) * ROW_HEIGHT + BOX_HEIGHT
    title_id, desc_id = f"{graph.xml_id}-title", f"{graph.xml_id}-desc"
    root = etree.Element("svg", {"class": "alb-stemma__svg", "role": "img",
                                 "viewBox": f"0 0 {total:.0f} {height:.0f}", "aria-labelledby": f"{title_id} {desc_id}",
                                 "lang": lang})
    etree.SubElement(root, "title", {"id": title_id}).text = graph.title.get(lang)
    etree.SubElement(root, "desc", {"id": desc_id}).text = graph.description.get(lang)
    defs = etree.SubElement(root, "defs")
    marker = etree.SubElement(defs, "marker", {"id": f"{graph.xml_id}-arrow", "viewBox": "0 0 10 10", "refX": "10",
                                               "refY": "5", "markerWidth": "7", "markerHeight": "7",
                                               "orient": "auto-start-reverse"})
    etree.SubElement(marker, "path", {"d": "M 0 0 L 10 5 L 0 10 z", "class": "alb-stemma__head"})
    for arc in graph.arcs:
        if arc.source not in boxes or arc.target not in boxes:
            continue
        (sx, sy, sw), (tx, ty, tw) = boxes[arc.source], boxes[arc.target]
        attrs = {"x1": f"{sx + sw / 2:.1f}", "y1": f"{sy + BOX_HEIGHT:.1f}", "x2": f"{tx + tw / 2:.1f}",
                 "y2": f"{ty - 2:.1f}", "class": f"alb-stemma__arc alb-stemma__arc--{arc.cert or 'high'}",
                 "marker-end": f"url(#{graph.xml_id}-arrow)"}
        if arc.cert in DASH:
            attrs["stroke-dasharray"] = DASH[arc.cert]
        etree.SubElement(root, "line", attrs)
    for node in graph.nodes:
        x, y, w = boxes[node.xml_id]
        group = etree.SubElement(root, "g", {"class": f"alb-stemma__node alb-stemma__node--{node.type or 'text'}"})
        etree.SubElement(group, "rect", {"x": f"{x:.1f}", "y": f"{y:.1f}", "width": f"{w:.1f}",
                                         "height": str(BOX_HEIGHT), "rx": "4"})
        text = etree.SubElement(group, "text", {"x": f"{x + w / 2:.1f}", "text-anchor": "middle"})
        node_lines = lines[node.xml_id]
        first = y + BOX_HEIGHT / 2 - (len(node_lines) - 1) * 6.5 + 4
        for i, line in enumerate(node_lines):
            etree.SubElement(text, "tspan", {"x": f"{x + w / 2:.1f}", "y": f"{first + i * 13:.1f}"}).text = line
    return root


def as_list(graph: Graph, lang: Lang, href: Callable[[str], str | None] | None = None) -> etree._Element:
    """The same graph as text: every node (linked to what it stands for), every arc with its certainty and label."""
    names = {n.xml_id: n.label.get(lang) for n in graph.nodes}
    links = {n.xml_id: href(n.corresp) if href and n.corresp else None for n in graph.nodes}
    nodes = [h("li", None, h("a", {"href": links[n.xml_id]}, names[n.xml_id]) if links[n.xml_id]
               else names[n.xml_id]) for n in graph.nodes]
    arcs = [h("li", None, f"{names.get(a.source, a.source)} → {names.get(a.target, a.target)}",
              " (" + _certainty(a.cert, lang) + ")",
              f": {a.label.get(lang)}" if a.label.by_lang else None) for a in graph.arcs]
    return h("div", {"class": "alb-stemma__list"},
             h("h3", None, label(lang, "stemma_list")),
             h("p", None, h("strong", None, label(lang, "stemma_nodes"))), h("ul", None, *nodes),
             h("p", None, h("strong", None, label(lang, "stemma_arcs"))), h("ul", None, *arcs))


def figure(graph: Graph, lang: Lang, href: Callable[[str], str | None] | None = None) -> etree._Element:
    return h("figure", {"class": "alb-stemma", "id": graph.xml_id},
             svg(graph, lang),
             as_list(graph, lang, href),
             h("figcaption", None, graph.title.get(lang), ". ", label(lang, "stemma_key")))
