"""Lon/lat (WGS84) to Web Mercator (EPSG:3857) metres and back: the one implementation.

It lives in the model, the lowest layer that needs it: the renderer and the canvas draw in these
metres, and the raster sources (storage) place tiles and world files with them.

EPSG:3857 is defined by two closed-form spherical formulas, so arrays are projected with numpy
(PROJ's own: x = R·λ, y = R·asinh(tan φ)) rather than through a pyproj Transformer, whose import
and set-up cost a tenth of a second at start-up. x agrees with pyproj to the bit, y to a few
nanometres (numpy's vectorised tan and asinh round differently in the last bit; a test checks
both). Single points (cursor, picking, bounds) use the classic log-tan form in `math`.
"""
from __future__ import annotations

import math

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

R = 6378137.0  # the sphere's radius: WGS84's semi-major axis, as EPSG:3857 defines it
MAX_LAT = 85.05112878  # where the Mercator square ends (y = ±WORLD_HALF)
WORLD_HALF = math.pi * R  # half the width of the EPSG:3857 square


def to_merc(lon: float, lat: float) -> tuple[float, float]:
    lat = max(-MAX_LAT, min(MAX_LAT, lat))
    return R * math.radians(lon), R * math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def to_lonlat(x: float, y: float) -> tuple[float, float]:
    return math.degrees(x / R), math.degrees(2 * math.atan(math.exp(y / R)) - math.pi / 2)


def lat_to_merc_y(lat: float) -> float:
    return to_merc(0.0, lat)[1]


def project_xy(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Arrays of lon/lat degrees to EPSG:3857 metres (latitudes clamped to the Mercator square)."""
    lam = np.radians(np.asarray(lon, dtype=float))
    phi = np.radians(np.clip(np.asarray(lat, dtype=float), -MAX_LAT, MAX_LAT))
    return R * lam, R * np.arcsinh(np.tan(phi))


def merc_y_to_lat(y: np.ndarray) -> np.ndarray:
    """An array of EPSG:3857 y metres to latitude degrees (`to_lonlat`'s formula, vectorised)."""
    return np.degrees(2 * np.arctan(np.exp(np.asarray(y, dtype=float) / R)) - np.pi / 2)


def unproject_xy(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Arrays of EPSG:3857 metres to lon/lat degrees (`project_xy` inverted)."""
    return np.degrees(np.asarray(x, dtype=float) / R), merc_y_to_lat(y)


def project_geometry(geom: BaseGeometry) -> BaseGeometry:
    """The geometry in EPSG:3857 metres."""
    return shapely.transform(geom, lambda c: np.column_stack(project_xy(c[:, 0], c[:, 1])))


def bbox_to_merc(w: float, s: float, e: float, n: float) -> tuple[float, float, float, float]:
    x0, y0 = to_merc(w, s)
    x1, y1 = to_merc(e, n)
    return x0, y0, x1, y1


def bbox_to_lonlat(x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
    w, s = to_lonlat(x0, y0)
    e, n = to_lonlat(x1, y1)
    return w, s, e, n


__all__ = ["R", "MAX_LAT", "WORLD_HALF", "to_merc", "to_lonlat", "lat_to_merc_y", "project_xy", "merc_y_to_lat",
           "project_geometry", "bbox_to_merc", "bbox_to_lonlat"]
