"""Geodesic measures on the WGS84 ellipsoid.

pyproj is imported on the first measure, not with this module: importing it costs ~0.07 s, and
a project whose areas are stored in its file opens and paints without measuring anything.
`GEOD` is still a module attribute (made on first access).
"""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

if TYPE_CHECKING:
    from pyproj import Geod


@lru_cache(maxsize=1)
def geod() -> "Geod":
    """The WGS84 ellipsoid's geodesic calculator."""
    from pyproj import Geod
    return Geod(ellps="WGS84")


def __getattr__(name: str):
    if name == "GEOD":  # the module's old constant, made when first asked for
        return geod()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def area_km2(geom: BaseGeometry) -> float:
    """Geodesic area in km² of a (Multi)Polygon in lon/lat; orientation does not matter.

    The same sums as `GEOD.geometry_area_perimeter(orient_polygons(geom))` to the last bit (a test
    checks it), but pyproj's own walk converts every ring through `.xy`, a Python loop per vertex;
    here all rings' coordinates come out in one call and go to the same geodesic routine in the
    same order. Rings are oriented first so the parts of a shape never cancel each other."""
    if geom is None or geom.is_empty:
        return 0.0
    parts = shapely.get_parts(shapely.orient_polygons(geom))
    rings, part_of = shapely.get_rings(parts, return_index=True)
    if len(rings) == 0:
        return 0.0
    xy, ring_of = shapely.get_coordinates(rings, return_index=True)
    x, y = np.ascontiguousarray(xy[:, 0]), np.ascontiguousarray(xy[:, 1])
    cuts = np.r_[0, np.flatnonzero(np.diff(ring_of)) + 1, len(ring_of)].tolist()
    area = geod()._polygon_area_perimeter
    # pyproj: a polygon is its exterior plus its holes, a multipolygon 0.0 plus its polygons.
    total, polygon, current = 0.0, 0.0, -1
    for i, part in enumerate(part_of.tolist()):
        a, _ = area(x[cuts[i]:cuts[i + 1]], y[cuts[i]:cuts[i + 1]], False)
        if part != current:
            if current >= 0:
                total += polygon
            current, polygon = part, a
        else:
            polygon += a
    total = polygon if len(parts) == 1 else total + polygon
    return abs(total) / 1e6



def areas_km2(geoms) -> np.ndarray:
    """`area_km2` of many shapes at once (the same figures to the last bit): one pass over all
    their rings, so opening a project of thousands of zones does not pay Python per shape."""
    geoms = np.asarray(geoms, dtype=object)
    out = np.zeros(len(geoms))
    if len(geoms) == 0:
        return out
    parts, shape_of = shapely.get_parts(shapely.orient_polygons(geoms), return_index=True)
    rings, part_of = shapely.get_rings(parts, return_index=True)
    if len(rings) == 0:
        return out
    xy, ring_of = shapely.get_coordinates(rings, return_index=True)
    x, y = np.ascontiguousarray(xy[:, 0]), np.ascontiguousarray(xy[:, 1])
    cuts = np.r_[0, np.flatnonzero(np.diff(ring_of)) + 1, len(ring_of)].tolist()
    area = geod()._polygon_area_perimeter
    ring_area = np.array([area(x[cuts[i]:cuts[i + 1]], y[cuts[i]:cuts[i + 1]], False)[0]
                          for i in range(len(rings))])
    # Sum rings into parts and parts into shapes in the order `area_km2` adds them.
    part_area = np.zeros(len(parts))
    for i, p in enumerate(part_of.tolist()):
        part_area[p] += ring_area[i]
    totals = np.zeros(len(geoms))
    for p, s in enumerate(shape_of.tolist()):
        totals[s] += part_area[p]
    return np.abs(totals) / 1e6


def length_km(geom: BaseGeometry) -> float:
    if geom is None or geom.is_empty:
        return 0.0
    return geod().geometry_length(geom) / 1e3
