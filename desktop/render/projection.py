"""The view: which part of the Web Mercator (EPSG:3857) map in which pixel rectangle.

The model stays in lon/lat; the display works in EPSG:3857 metres so raster tiles line up. The
projection itself is `desktop.model.mercator` (the one implementation, which storage's raster
sources use too); this module holds only the view.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtGui import QTransform

from desktop.model.mercator import to_lonlat

# OGC's standard rendering pixel: 0.28 mm. Scale denominators follow it, as in QGIS and WMS.
PIXEL_METRES = 0.00028


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
