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

from .i18n import label
from .model import Entity, Lang, last_by_identity
from .paths import BASEMAP_PATH
from .render import append, h

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
               h("text", {"x": str(x + 3), "y": str(round(p.height - 4, 1))}, f"{lon}°"))
    for lat in range(math.ceil(p.lat_min / GRATICULE_STEP) * GRATICULE_STEP, int(p.lat_max) + 1, GRATICULE_STEP):
        _, y = p.xy(p.lon_min, lat)
        append(group, h("line", {"x1": "0", "y1": str(y), "x2": str(p.width), "y2": str(y)}),
               h("text", {"x": "3", "y": str(y - 3)}, f"{lat}°"))
    return group


def _label_box(x: float, y: float, text: str, position: str) -> tuple[float, float, float, float, str, float, float]:
    w = len(text) * LABEL_CHAR_WIDTH
    offsets = {"right": (7, 4, "start"), "left": (-7, 4, "end"), "above": (0, -8, "middle"),
               "below": (0, 16, "middle")}
    dx, dy, anchor = offsets[position]
    tx, ty = x + dx, y + dy
    left = tx if anchor == "start" else tx - w if anchor == "end" else tx - w / 2
    return left, ty - LABEL_HEIGHT + 3, left + w, ty + 3, anchor, tx, ty


def _overlaps(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return not (a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1])


def _points(places: list[Entity], lang: Lang, href: Callable[[Entity], str]) -> etree._Element:
    group = h("g", {"class": "alb-map__points"})
    placed: list[tuple[float, ...]] = []
    dots = [(e, *PROJECTION.xy(e.geo.lon, e.geo.lat)) for e in places if e.geo]
    placed += [(x - 4, y - 4, x + 4, y + 4) for _, x, y in dots]
    for entity, x, y in sorted(dots, key=lambda d: (d[2], d[1])):
        name = entity.name(lang)
        box = None
        for position in ("right", "left", "above", "below"):
            candidate = _label_box(x, y, name, position)
            if not any(_overlaps(candidate, other) for other in placed if other != (x - 4, y - 4, x + 4, y + 4)):
                box = candidate
                break
        box = box or _label_box(x, y, name, "right")
        placed.append(box[:4])
        _, _, _, _, anchor, tx, ty = box
        link = h("a", {"href": href(entity), "id": f"map-{entity.xml_id}", "class": "alb-map__point",
                         "data-cert": entity.geo.cert if entity.geo else None},
                   h("title", None, name),
                   h("circle", {"cx": str(x), "cy": str(y), "r": "4"}),
                   h("text", {"x": str(round(tx, 1)), "y": str(round(ty, 1)), "text-anchor": anchor}, name))
        append(group, link)
    return group


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
    if data:
        append(drawing, _base_layer(data, lang))
    append(drawing, _graticule(lang), _points(located, lang, href))
    caption = h("figcaption", None, h("strong", None, label(lang, "map_title")), ". ",
                label(lang, "map_desc", n=str(len(located))), " ")
    if outside:
        append(caption, label(lang, "map_outside", places=", ".join(e.name(lang) for e in outside)), " ")
    if unlocated:
        append(caption, label(lang, "map_unlocated", places=", ".join(e.name(lang) for e in unlocated)), " ")
    append(caption, label(lang, "map_basemap") if data else label(lang, "map_no_basemap"))
    return h("figure", {"class": "alb-map", "id": "map"}, drawing, caption)
