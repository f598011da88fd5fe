"""Geodesic measures on the WGS84 ellipsoid."""
from __future__ import annotations

import shapely
from pyproj import Geod
from shapely.geometry.base import BaseGeometry

GEOD = Geod(ellps="WGS84")


def area_km2(geom: BaseGeometry) -> float:
    """Geodesic area in km² of a (Multi)Polygon in lon/lat; orientation does not matter."""
    if geom is None or geom.is_empty:
        return 0.0
    # pyproj signs each ring by its winding; orient them so parts never cancel each other.
    area, _ = GEOD.geometry_area_perimeter(shapely.orient_polygons(geom))
    return abs(area) / 1e6


def length_km(geom: BaseGeometry) -> float:
    if geom is None or geom.is_empty:
        return 0.0
    return GEOD.geometry_length(geom) / 1e3
