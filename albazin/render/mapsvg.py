"""The map of places: a static SVG built at build time from the index's coordinates.

No tiles and no request to any other host: the base layer (coast, lakes, rivers) comes from a
small GeoJSON extract committed under data/geo/ (see its README for provenance). Projection:
equirectangular, scaled by cos(49°) so that the Amur region keeps its proportions; a 5° graticule.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree

from albazin.core.i18n import N_, label
from albazin.core.paths import BASEMAP_PATH
from albazin.model.model import Entity, Lang, last_by_identity
from albazin.render.render import append, h

EXTENT = (100.0, 142.0, 38.0, 60.0)  # lon min, lon max, lat min, lat max
WIDTH = 900.0
GRATICULE_STEP = 5
LABEL_CHAR_WIDTH = 6.6  # px per character at the label font size, for collision avoidance
LABEL_HEIGHT = 13.0


@dataclass(frozen=True)
class Projection:
    lon_min: float
    lon_max: float
    lat_min: float
    lat_max: float
    width: float

    @property
    def scale(self) -> float:
        return self.width / ((self.lon_max - self.lon_min) * math.cos(math.radians(49)))

    @property
    def height(self) -> float:
        return (self.lat_max - self.lat_min) * self.scale

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        x = (lon - self.lon_min) * math.cos(math.radians(49)) * self.scale
        return round(x, 1), round((self.lat_max - lat) * self.scale, 1)

    def contains(self, lon: float, lat: float) -> bool:
        return self.lon_min <= lon <= self.lon_max and self.lat_min <= lat <= self.lat_max


PROJECTION = Projection(*EXTENT, WIDTH)


@lru_cache(maxsize=2)
def _load_basemap(path: Path, mtime: float) -> dict | None:
    return json.loads(path.read_text(encoding="utf-8"))


def basemap(path: Path = BASEMAP_PATH) -> dict | None:
    """The committed base-map extract, or None when the project has none."""
    if not path.is_file():
        return None
    return _load_basemap(path, path.stat().st_mtime)


def _path_data(rings: Iterable[list[list[float]]], closed: bool) -> str:
    parts = []
    for ring in rings:
        points = [PROJECTION.xy(lon, lat) for lon, lat, *_ in ring]
        if len(points) < 2:
            continue
        parts.append("M" + " L".join(f"{x},{y}" for x, y in points) + ("Z" if closed else ""))
    return " ".join(parts)


def _geometry_rings(geometry: dict) -> tuple[list[list[list[float]]], bool]:
    kind, coords = geometry.get("type"), geometry.get("coordinates", [])
    if kind == "LineString":
        return [coords], False
    if kind == "MultiLineString":
        return coords, False
    if kind == "Polygon":
        return coords, True
    if kind == "MultiPolygon":
        return [ring for polygon in coords for ring in polygon], True
    return [], False


@last_by_identity  # the same for every page and language of a build
def _base_paths(data: dict) -> list[tuple[str, str, dict]]:
    """(kind, path data, properties) of each drawable feature of the basemap, bottom layer first."""
    order = {"land": 0, "border": 1, "lake": 2, "coastline": 3, "river": 4}
    features = sorted(data.get("features", []), key=lambda f: order.get(f["properties"].get("kind"), 9))
    paths = []
    for feature in features:
        props = feature.get("properties", {})
        d = _path_data(*_geometry_rings(feature.get("geometry") or {}))
        if d:
            paths.append((props.get("kind", "other"), d, props))
    return paths


def _base_layer(data: dict, lang: Lang) -> etree._Element:
    group = h("g", {"class": "alb-map__base", "clip-path": "url(#alb-map-clip)"})
    for kind, d, props in _base_paths(data):
        path = h("path", {"d": d, "class": f"alb-map__{kind}"})
        name = props.get(f"name_{lang}") or props.get("name_en")
        if name:
            append(path, h("title", None, name))
        append(group, path)
    return group


def _graticule(lang: Lang) -> etree._Element:
    group = h("g", {"class": "alb-map__graticule", "aria-hidden": "true"})
    p = PROJECTION
    for lon in range(math.ceil(p.lon_min / GRATICULE_STEP) * GRATICULE_STEP, int(p.lon_max) + 1, GRATICULE_STEP):
        x, _ = p.xy(lon, p.lat_min)
        append(group, h("line", {"x1": str(x), "y1": "0", "x2": str(x), "y2": str(round(p.height, 1))}),
               h("text", {"x": str(x + 4), "y": str(round(p.height - 5, 1))}, f"{lon}°"))
    for lat in range(math.ceil(p.lat_min / GRATICULE_STEP) * GRATICULE_STEP, int(p.lat_max) + 1, GRATICULE_STEP):
        _, y = p.xy(p.lon_min, lat)
        append(group, h("line", {"x1": "0", "y1": str(y), "x2": str(p.width), "y2": str(y)}),
               # below its line: the top parallel is the drawing's edge
               h("text", {"x": "4", "y": str(round(y + LABEL_SIZE + 2, 1))}, f"{lat}°"))
    return group


# Sizes in user units of the 900-wide drawing. index.css keeps the drawing at least MIN_WIDTH_PX
# wide (a narrower screen scrolls the map sideways inside its figure), so that a label stays at
# least 11 CSS px (16 × 640 / 900) and a tap target at least 24 px (36 × 640 / 900 = 25.6).
MIN_WIDTH_PX = 640
LABEL_SIZE = 16.0
POINT_R = 6.0
HIT_R = 18.0
HIT_LINE = 36.0
EDGE = 3.0  # no label closer than this to the drawing's edge

# Rivers of the index that the base map lacks, drawn as a schematic line through places of the
# index that stand on them (their coordinates, in this order, from tei/authority.xml): the Nen
# (Nonni) through Mergen and Qiqihar to its mouth on the Sungari, as its entry says they stand on
# it; the Shilka from Nerchinsk (on the Nercha, just above its mouth on the Shilka) to the
# Shilka–Argun confluence. Straight segments: the line says which places the river links, not
# its real course. A river with one located point only (the Zeya: its mouth) keeps a mark.
SCHEMATIC_COURSES: dict[str, tuple[str, ...]] = {
    "pl-nonni": ("pl-mergen", "pl-qiqihar", "pl-nonni"),
    "pl-shilka": ("pl-nerchinsk", "pl-shilka"),
}

Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class Course:
    """How a river of the index is drawn: the base map's line for it, or a schematic one."""
    d: str
    schematic: bool
    vertices: tuple[tuple[float, float], ...]


def _label_box(x: float, y: float, text: str, position: str,
               gap: float = POINT_R + 4) -> tuple[float, float, float, float, str, float, float]:
    w = len(text) * LABEL_SIZE * 0.6
    offsets = {"right": (gap, 5.5, "start"), "left": (-gap, 5.5, "end"), "above": (0, -gap - 2, "middle"),
               "below": (0, gap + LABEL_SIZE, "middle")}
    dx, dy, anchor = offsets[position]
    tx, ty = x + dx, y + dy
    left = tx if anchor == "start" else tx - w if anchor == "end" else tx - w / 2
    return left, ty - LABEL_SIZE, left + w, ty + 4, anchor, tx, ty


def _overlaps(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return not (a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1])


def _fits(box: tuple[float, ...]) -> bool:
    return (box[0] >= EDGE and box[1] >= EDGE and box[2] <= PROJECTION.width - EDGE
            and box[3] <= PROJECTION.height - EDGE)


def _place_label(anchors: list[tuple[float, float]], name: str, placed: list[Box], own: Box | None,
                 gap: float = POINT_R + 4) -> tuple[float, float, float, float, str, float, float]:
    """The first candidate (by anchor point, then right, left, above, below) inside the drawing
    that overlaps nothing placed; failing that, the first inside the drawing (a label may touch
    another, never leave the map)."""
    candidates = [_label_box(x, y, name, position, gap) for x, y in anchors
                  for position in ("right", "left", "above", "below")]
    inside = [c for c in candidates if _fits(c)] or candidates
    for candidate in inside:
        if not any(_overlaps(candidate, other) for other in placed if other != own):
            return candidate
    return inside[0]


def _text_attrs(box: tuple[float, float, float, float, str, float, float]) -> dict[str, str]:
    _, _, _, _, anchor, tx, ty = box
    return {"x": str(round(tx, 1)), "y": str(round(ty, 1)), "text-anchor": anchor}


def _base_course(entity: Entity, data: dict | None) -> Course | None:
    """The base map's line of a river of the index, matched by its English name."""
    name = entity.name("en")
    for feature in (data or {}).get("features", []):
        props = feature.get("properties") or {}
        if props.get("kind") == "river" and props.get("name_en") == name:
            rings, _ = _geometry_rings(feature.get("geometry") or {})
            inside = [[pt for pt in ring if PROJECTION.contains(pt[0], pt[1])] for ring in rings]
            vertices = tuple(PROJECTION.xy(pt[0], pt[1]) for ring in inside for pt in ring)
            d = _path_data(inside, closed=False)
            if d and vertices:
                return Course(d, False, vertices)
    return None


def _schematic_course(entity: Entity, by_id: dict[str, Entity]) -> Course | None:
    stops = [by_id.get(xml_id) for xml_id in SCHEMATIC_COURSES.get(entity.xml_id, ())]
    points = [PROJECTION.xy(e.geo.lon, e.geo.lat) for e in stops if e is not None and e.geo]
    if len(points) < 2:
        return None
    return Course("M" + " L".join(f"{x},{y}" for x, y in points), True, tuple(points))


def courses(places: list[Entity], data: dict | None) -> dict[str, Course]:
    """Rivers of the index drawn as lines (by id): the base map's own line, else a schematic one."""
    by_id = {e.xml_id: e for e in places}
    found = {}
    for entity in places:
        if entity.type == "river":
            course = _base_course(entity, data) or _schematic_course(entity, by_id)
            if course:
                found[entity.xml_id] = course
    return found


def _label_anchors(course: Course) -> list[tuple[float, float]]:
    """Points along a course to try for its label: the middle vertex first, then outwards."""
    n = len(course.vertices)
    order = sorted(range(n), key=lambda i: abs(i - (n - 1) / 2))
    step = max(1, n // 8)
    return [course.vertices[i] for i in order[::step]]


def _river_link(entity: Entity, course: Course, lang: Lang, href: Callable[[Entity], str],
                placed: list[Box]) -> etree._Element:
    name = entity.name(lang)
    box = _place_label(_label_anchors(course), name, placed, None, gap=6)
    placed.append(box[:4])
    kind = "alb-map__course alb-map__course--schematic" if course.schematic else "alb-map__course"
    return h("a", {"href": href(entity), "id": f"map-{entity.xml_id}",
                   "class": "alb-map__point alb-map__point--river"},
             h("title", None, name),
             h("path", {"d": course.d, "class": "alb-map__hit alb-map__hit--line", "stroke-width": f"{HIT_LINE:g}"}),
             h("path", {"d": course.d, "class": kind}),
             h("text", _text_attrs(box), name))


def _mark(entity: Entity, x: float, y: float) -> etree._Element:
    if entity.type == "river":  # a river of which only one point (mouth, confluence) is located
        r = POINT_R + 1
        return h("path", {"d": f"M{x},{y - r} L{x + r},{y} L{x},{y + r} L{x - r},{y}Z",
                          "class": "alb-map__mark alb-map__mark--river"})
    return h("circle", {"cx": str(x), "cy": str(y), "r": f"{POINT_R:g}", "class": "alb-map__mark"})


def _points(places: list[Entity], lang: Lang, href: Callable[[Entity], str],
            lines: dict[str, Course]) -> etree._Element:
    group = h("g", {"class": "alb-map__points"})
    dots = [(e, *PROJECTION.xy(e.geo.lon, e.geo.lat)) for e in places if e.geo and e.xml_id not in lines]
    placed: list[Box] = [(x - POINT_R, y - POINT_R, x + POINT_R, y + POINT_R) for _, x, y in dots]
    rivers = [e for e in places if e.xml_id in lines]
    for entity, x, y in sorted(dots, key=lambda d: (d[2], d[1])):
        own = (x - POINT_R, y - POINT_R, x + POINT_R, y + POINT_R)
        box = _place_label([(x, y)], entity.name(lang), placed, own)
        placed.append(box[:4])
        append(group, h("a", {"href": href(entity), "id": f"map-{entity.xml_id}", "class": "alb-map__point",
                              "data-cert": entity.geo.cert if entity.geo else None},
                        h("title", None, entity.name(lang)),
                        # a transparent disc under the mark: a target of at least 24 CSS px to tap
                        h("circle", {"cx": str(x), "cy": str(y), "r": f"{HIT_R:g}", "class": "alb-map__hit"}),
                        _mark(entity, x, y),
                        h("text", _text_attrs(box), entity.name(lang))))
    # the rivers' lines under the points (a point's target wins where they cross); labels placed last
    river_group = h("g", {"class": "alb-map__rivers"},
                    *(_river_link(e, lines[e.xml_id], lang, href, placed) for e in rivers))
    return h("g", None, river_group, group)


# Each symbol of the legend and its label, in the legend's order.
LEGEND_KEYS = {"point": N_("map_key_point"), "approx": N_("map_key_approx"), "mouth": N_("map_key_mouth"),
               "river": N_("map_key_river"), "schematic": N_("map_key_schematic"), "base": N_("map_key_base"),
               "border": N_("map_key_border")}


def _legend_key(kind: str) -> etree._Element:
    """A 28 × 16 sample of a map symbol (decorative: the text beside it says what it is)."""
    shapes = {
        "point": h("circle", {"cx": "14", "cy": "8", "r": "5", "class": "alb-map__mark"}),
        "approx": h("circle", {"cx": "14", "cy": "8", "r": "5", "class": "alb-map__mark alb-map__mark--open"}),
        "mouth": h("path", {"d": "M14,2 L20,8 L14,14 L8,8Z", "class": "alb-map__mark alb-map__mark--river"}),
        "river": h("path", {"d": "M2,11 C9,3 17,13 26,5", "class": "alb-map__course"}),
        "schematic": h("path", {"d": "M2,12 L14,5 L26,9", "class": "alb-map__course alb-map__course--schematic"}),
        "base": h("path", {"d": "M2,11 C9,3 17,13 26,5", "class": "alb-map__river"}),
        "border": h("path", {"d": "M2,8 L26,8", "class": "alb-map__border"}),
    }
    return h("svg", {"class": "alb-map__key", "viewBox": "0 0 28 16", "width": "28", "height": "16",
                     "aria-hidden": "true"}, shapes[kind])


def _legend(kinds: Iterable[str], lang: Lang) -> etree._Element:
    shown = set(kinds)
    return h("ul", {"class": "alb-map__legend"},
             *(h("li", None, _legend_key(k), " ", label(lang, LEGEND_KEYS[k])) for k in LEGEND_KEYS if k in shown))


def _drawn_kinds(located: list[Entity], lines: dict[str, Course], data: dict | None) -> list[str]:
    kinds = []
    for e in located:
        if e.xml_id in lines:
            kinds.append("schematic" if lines[e.xml_id].schematic else "river")
        elif e.type == "river":
            kinds.append("mouth")
        else:
            kinds.append("approx" if e.geo and e.geo.cert in ("low", "medium") else "point")
    features = {f.get("properties", {}).get("kind") for f in (data or {}).get("features", [])}
    kinds += [k for k, kind in (("base", "river"), ("border", "border")) if kind in features]
    return kinds


def map_figure(places: list[Entity], lang: Lang, href: Callable[[Entity], str],
               data: dict | None = None) -> etree._Element:
    """The map with a caption that says what is plotted, what is not, and where the base layer is from."""
    located = [e for e in places if e.geo and PROJECTION.contains(e.geo.lon, e.geo.lat)]
    outside = [e for e in places if e.geo and not PROJECTION.contains(e.geo.lon, e.geo.lat)]
    unlocated = [e for e in places if not e.geo]
    p = PROJECTION
    title_id, desc_id = "alb-map-title", "alb-map-desc"
    drawing = h("svg", {"class": "alb-map__svg", "viewBox": f"0 0 {p.width:g} {round(p.height, 1):g}",
                          "role": "group", "aria-labelledby": title_id, "aria-describedby": desc_id,
                          "lang": lang},
                  h("title", {"id": title_id}, label(lang, "map_title")),
                  h("desc", {"id": desc_id}, label(lang, "map_desc", n=str(len(located)))),
                  h("defs", None, h("clipPath", {"id": "alb-map-clip"},
                                        h("rect", {"width": f"{p.width:g}", "height": f"{round(p.height, 1):g}"}))),
                  h("rect", {"class": "alb-map__sea", "width": f"{p.width:g}", "height": f"{round(p.height, 1):g}"}))
    lines = courses(located, data)
    if data:
        append(drawing, _base_layer(data, lang))
    append(drawing, _graticule(lang), _points(located, lang, href, lines))
    caption = h("figcaption", None, h("strong", None, label(lang, "map_title")), ". ",
                label(lang, "map_desc", n=str(len(located))), " ")
    if outside:
        append(caption, label(lang, "map_outside", places=", ".join(e.name(lang) for e in outside)), " ")
    if unlocated:
        append(caption, label(lang, "map_unlocated", places=", ".join(e.name(lang) for e in unlocated)), " ")
    append(caption, label(lang, "map_basemap") if data else label(lang, "map_no_basemap"))
    if any(c.schematic for c in lines.values()):
        append(caption, " ", label(lang, "map_schematic"))
    append(caption, _legend(_drawn_kinds(located, lines, data), lang))
    # the scroller lets a narrow screen pan a map kept legible (MIN_WIDTH_PX), not shrink it
    return h("figure", {"class": "alb-map", "id": "map"},
             h("div", {"class": "alb-map__scroll"}, drawing), caption)
