"""Geometry hygiene: repair, keep the polygonal part, snap, split."""
from __future__ import annotations

import shapely
from shapely.geometry import LineString, MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import split as shapely_split

# Below this area (square degrees, about 1 m² at 48°N) a piece left by clipping is a sliver.
SLIVER_DEG2 = 1e-10


class GeometryError(ValueError):
    pass


def polygonal(geom: BaseGeometry | None) -> BaseGeometry:
    """The polygons of `geom` as a Polygon or MultiPolygon (empty Polygon if none), no slivers."""
    if geom is None or geom.is_empty:
        return Polygon()
    parts = [p for p in shapely.get_parts(geom) if isinstance(p, (Polygon, MultiPolygon))]
    polys: list[Polygon] = []
    for p in parts:
        polys.extend(shapely.get_parts(p))
    polys = [p for p in polys if p.area > SLIVER_DEG2]
    if not polys:
        return Polygon()
    return polys[0] if len(polys) == 1 else MultiPolygon(polys)


def repair_polygonal(geom: BaseGeometry) -> tuple[BaseGeometry, list[str]]:
    """Make a zone geometry valid; say what was done. Never drops a valid area."""
    warnings: list[str] = []
    if geom.has_z:
        geom = shapely.force_2d(geom)
    if not geom.is_valid:
        reason = shapely.is_valid_reason(geom)
        geom = shapely.make_valid(geom, method="structure", keep_collapsed=False)
        warnings.append(f"invalid geometry repaired ({reason})")
    out = polygonal(geom)
    if out.is_empty:
        raise GeometryError("geometry has no area")
    return out, warnings


def snap(geom: BaseGeometry, reference: BaseGeometry | None, tolerance: float) -> BaseGeometry:
    """Snap vertices of `geom` to the vertices and edges of `reference` within `tolerance`."""
    if reference is None or reference.is_empty or tolerance <= 0:
        return geom
    return shapely.snap(geom, reference, tolerance)


def split_polygon(geom: BaseGeometry, line: LineString) -> list[BaseGeometry]:
    """Split a (Multi)Polygon by a line; parts largest first. One part if the line misses."""
    pieces: list[BaseGeometry] = []
    for part in shapely.get_parts(geom):
        pieces.extend(shapely.get_parts(shapely_split(part, line)))
    pieces = [p for p in pieces if p.area > SLIVER_DEG2]
    pieces.sort(key=lambda p: -p.area)
    return pieces


