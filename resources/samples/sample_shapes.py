"""The sample's geometry, drawn by us from the OpenStreetMap basemap layers.

Nothing here comes from another mapping project: zones inside the towns are cut from the OSM
town outlines along the OSM railway line; zones outside the towns are hand-placed key-frame
polygons (a few vertices each, interpolated week by week), clipped against the towns and
against each other so the assessed zones of one week form a partition by construction. The
DeepState series was looked at only to keep the rough extent plausible; no coordinate of it
was used.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry import LineString, Point, Polygon, box, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import split

REPO = Path(__file__).resolve().parents[2]
BASEMAP_DIRS = (REPO / "resources" / "basemap", REPO.parent / "shared" / "data" / "basemap")
TOWNS = "osm_donbas_towns.geojson"
RAILWAYS = "osm_pokrovsk_area_railways.geojson"
STREETS = "osm_pokrovsk_area_streets.geojson"

# The area of interest (west, south, east, north), what views show by default. The hand-placed
# zones reach a few km beyond it on every side, so no usual window shape shows their cut edges.
AOI = (37.08, 48.22, 37.36, 48.37)
WEEKS = 16  # Mondays 2025-09-01 .. 2025-12-15
_TO_M = Transformer.from_crs("EPSG:4326", "EPSG:32637", always_xy=True)  # UTM 37N, metres
_TO_LL = Transformer.from_crs("EPSG:32637", "EPSG:4326", always_xy=True)


def basemap_dir() -> Path:
    for d in BASEMAP_DIRS:
        if (d / TOWNS).is_file():
            return d
    raise FileNotFoundError(f"no {TOWNS} in {' or '.join(str(d) for d in BASEMAP_DIRS)}")


def _features(name: str) -> list[dict]:
    with open(basemap_dir() / name, encoding="utf-8") as f:
        return json.load(f)["features"]


def to_m(g: BaseGeometry) -> BaseGeometry:
    return shapely.transform(g, lambda xy: np.column_stack(_TO_M.transform(xy[:, 0], xy[:, 1])))


def to_ll(g: BaseGeometry) -> BaseGeometry:
    return shapely.transform(g, lambda xy: np.column_stack(_TO_LL.transform(xy[:, 0], xy[:, 1])))


def buffer_m(g: BaseGeometry, metres: float, **kw) -> BaseGeometry:
    """Buffer in metres (a buffer in degrees would be 1.5 times wider north-south than east-west)."""
    return to_ll(to_m(g).buffer(metres, **kw))


def tidy(g: BaseGeometry) -> BaseGeometry:
    """Round to 1e-6 degrees (about 10 cm) and drop slivers under 2 ha (drawing artefacts, not positions)."""
    g = shapely.set_precision(shapely.make_valid(g), 1e-6)
    parts = [p for p in shapely.get_parts(g) if p.geom_type == "Polygon" and to_m(p).area > 20000]
    return shapely.union_all(parts) if parts else Polygon()


# -- the towns, cut along the railway ---------------------------------------------------------
@lru_cache(maxsize=None)
def town(name_en: str) -> BaseGeometry:
    for f in _features(TOWNS):
        if f["properties"].get("name:en") == name_en:
            return shapely.make_valid(shape(f["geometry"]))
    raise KeyError(name_en)


@lru_cache(maxsize=None)
def railway_line() -> LineString:
    """The southern edge of the main line and yards through Pokrovsk, from the OSM rails.

    Sampled every 250 m of longitude (the southernmost track is the edge of the built-up area
    "south of the main railway line"); beyond the last tracks it is extended by hand: west out
    of the town, and east along the line's bearing past the eastern quarter, where the real
    line turns north.
    """
    rails = shapely.union_all([shape(f["geometry"]) for f in _features(RAILWAYS)
                               if f["properties"].get("settlement") == "Pokrovsk"])
    pts = [(37.095, 48.2896)]
    for x in np.arange(37.1200, 37.2051, 0.0025):
        cut = LineString([(x, 48.25), (x, 48.30)]).intersection(rails)
        ys = [p.y for p in shapely.get_parts(cut)]
        if ys:
            pts.append((round(float(x), 4), round(min(ys), 5)))
    pts += [(37.2150, 48.2826), (37.2520, 48.2885)]
    return LineString(pts).simplify(0.0001)


@lru_cache(maxsize=None)
def pokrovsk_halves() -> tuple[BaseGeometry, BaseGeometry]:
    """(south of the railway, north of it) parts of the Pokrovsk outline."""
    outline = town("Pokrovsk")
    line = railway_line()
    south, north = [], []
    for part in split(outline, line).geoms:
        p = part.representative_point()
        # Which side: compare with the line's latitude at the same longitude.
        y_line = line.interpolate(line.project(Point(p.x, 48.29))).y
        (south if p.y < y_line else north).append(part)
    return shapely.union_all(south), shapely.union_all(north)


def below(polyline: list[tuple[float, float]], area: BaseGeometry, bottom: float = 48.15) -> BaseGeometry:
    """The part of `area` south of a west-to-east polyline (hand-placed cut lines)."""
    ring = list(polyline) + [(polyline[-1][0], bottom), (polyline[0][0], bottom)]
    return area.intersection(Polygon(ring))


# -- points taken from the street layer -------------------------------------------------------
@lru_cache(maxsize=None)
def shybankova_square() -> Point:
    """Shybankova Square: OSM maps it as Nezalezhnosti Square with old_name "площа Шибанкова"."""
    ways = [shape(f["geometry"]) for f in _features(STREETS)
            if f["properties"].get("settlement") == "Pokrovsk"
            and f["properties"].get("old_name") == "площа Шибанкова"]
    c = shapely.union_all(ways).centroid
    return Point(round(c.x, 6), round(c.y, 6))


@lru_cache(maxsize=None)
def railway_bridge() -> Point:
    """A road bridge over the railway in Pokrovsk that OSM marks as under construction
    (Zakhysnykiv Ukrainy Street). The caption does not name the bridge: the place is ours."""
    for f in _features(STREETS):
        p = f["properties"]
        if (p.get("settlement") == "Pokrovsk" and p.get("bridge") == "yes"
                and p.get("highway") == "construction" and p.get("name:en", "").startswith("Zakhisnykiv")):
            c = shape(f["geometry"]).centroid
            return Point(round(c.x, 6), round(c.y, 6))
    raise KeyError("bridge")


# -- key frames -------------------------------------------------------------------------------
def interpolate(keys: dict[int, list[tuple[float, float]]], week: int) -> list[tuple[float, float]]:
    """Vertex-wise linear interpolation between key-frame polygons of equal vertex count."""
    ks = sorted(keys)
    if week <= ks[0]:
        return keys[ks[0]]
    if week >= ks[-1]:
        return keys[ks[-1]]
    k0 = max(k for k in ks if k <= week)
    k1 = min(k for k in ks if k >= week)
    if k0 == k1:
        return keys[k0]
    t = (week - k0) / (k1 - k0)
    return [(round(x0 + (x1 - x0) * t, 5), round(y0 + (y1 - y0) * t, 5))
            for (x0, y0), (x1, y1) in zip(keys[k0], keys[k1])]


def aoi_box() -> Polygon:
    return box(*AOI)
