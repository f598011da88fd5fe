"""Lon/lat (WGS84) to Web Mercator (EPSG:3857) and back, and the view: which part of the map in
which pixel rectangle.

The model stays in lon/lat; the display works in EPSG:3857 metres so raster tiles line up.
EPSG:3857 is defined by two closed-form spherical formulas, so arrays are projected with numpy
(PROJ's own: x = R·λ, y = R·asinh(tan φ)) rather than through a pyproj Transformer, whose import
and set-up cost a tenth of a second at start-up. x agrees with pyproj to the bit, y to a few
nanometres (numpy's vectorised tan and asinh round differently in the last bit; a test checks
both). Single points (cursor, picking) use the classic log-tan form in `math`.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import shapely
from PySide6.QtGui import QTransform
from shapely.geometry.base import BaseGeometry

R = 6378137.0
MAX_LAT = 85.05112878
# OGC's standard rendering pixel: 0.28 mm. Scale denominators follow it, as in QGIS and WMS.
PIXEL_METRES = 0.00028


def to_merc(lon: float, lat: float) -> tuple[float, float]:
    lat = max(-MAX_LAT, min(MAX_LAT, lat))
    return R * math.radians(lon), R * math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def to_lonlat(x: float, y: float) -> tuple[float, float]:
    return math.degrees(x / R), math.degrees(2 * math.atan(math.exp(y / R)) - math.pi / 2)


def project_xy(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Arrays of lon/lat degrees to EPSG:3857 metres (latitudes clamped to the Mercator square)."""
    lam = np.radians(np.asarray(lon, dtype=float))
    phi = np.radians(np.clip(np.asarray(lat, dtype=float), -MAX_LAT, MAX_LAT))
    return R * lam, R * np.arcsinh(np.tan(phi))


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


@dataclass(frozen=True)
class MapView:
    """`bbox` (EPSG:3857, x0 < x1, y0 < y1) shown in a `width` x `height` pixel rectangle.

    The bbox is centred and widened to the rectangle's aspect ratio, so one map metre is the
    same number of pixels across and down (the map is never stretched).
    """
    bbox: tuple[float, float, float, float]
    width: int
    height: int

    @property
    def resolution(self) -> float:
        """EPSG:3857 metres per pixel."""
        x0, y0, x1, y1 = self.bbox
        return max((x1 - x0) / max(self.width, 1), (y1 - y0) / max(self.height, 1), 1e-9)

    @property
    def fitted(self) -> tuple[float, float, float, float]:
        """The bbox actually shown (the requested one, widened to the aspect ratio)."""
        x0, y0, x1, y1 = self.bbox
        r = self.resolution
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        hw, hh = r * self.width / 2, r * self.height / 2
        return cx - hw, cy - hh, cx + hw, cy + hh

    def transform(self) -> QTransform:
        """Map metres to pixels (y down)."""
        x0, _, _, y1 = self.fitted
        s = 1.0 / self.resolution
        return QTransform(s, 0, 0, -s, -x0 * s, y1 * s)

    def to_px(self, x: float, y: float) -> tuple[float, float]:
        x0, _, _, y1 = self.fitted
        r = self.resolution
        return (x - x0) / r, (y1 - y) / r

    def center_lonlat(self) -> tuple[float, float]:
        x0, y0, x1, y1 = self.fitted
        return to_lonlat((x0 + x1) / 2, (y0 + y1) / 2)

    def ground_resolution(self) -> float:
        """Ground metres per pixel at the view's centre (Mercator stretches by 1/cos(lat))."""
        _, lat = self.center_lonlat()
        return self.resolution * math.cos(math.radians(lat))

    def scale_denominator(self) -> float:
        return self.ground_resolution() / PIXEL_METRES


def pad_bbox(bbox: tuple[float, float, float, float], fraction: float) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = bbox
    dx, dy = (x1 - x0) * fraction, (y1 - y0) * fraction
    return x0 - dx, y0 - dy, x1 + dx, y1 + dy
