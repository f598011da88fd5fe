"""The bundled basemap's lines in lon/lat, for tracing and snapping (Qt-free).

The renderer reads `resources/basemap/basemap.npz` as Qt paths; tools may not import the
renderer, so this small reader turns the same arrays (EPSG:3857, float32, one `_xy` array and
the part `_starts` per layer and level) into shapely lines in lon/lat, with an STRtree, and the
window hands `BasemapLines().near` to the tools as `ToolContext.trace_lines`. Level 0 is the
unsimplified data: a traced border must follow the line the analyst sees at full zoom.
"""
from __future__ import annotations

import io
import threading
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import LineString, box

from desktop.model.mercator import unproject_xy
from desktop.resources import resource

# The lines worth following: railways, streets, rivers, lake shores, town outlines, borders.
# Town and lake rings are stored closed, so they read as closed lines (outlines).
TRACE_LAYERS = ("rail_main", "rail_service", "streets_major", "streets_minor", "rivers", "lakes",
                "towns", "hromada_borders", "raion_borders", "oblast_borders", "country_borders")


class BasemapLines:
    """Every part of the traced layers as a lon/lat LineString, indexed on first use."""

    def __init__(self, path: Path | None = None, layers: tuple[str, ...] = TRACE_LAYERS) -> None:
        self._path = path or resource("basemap") / "basemap.npz"
        self._layers = layers
        self._lines: np.ndarray | None = None
        self._tree: shapely.STRtree | None = None
        self._lock = threading.Lock()

    def _load(self) -> None:
        npz = np.load(io.BytesIO(self._path.read_bytes()))
        parts: list[np.ndarray] = []
        for key in self._layers:
            if f"{key}@0_xy" not in npz.files:
                continue
            xy = npz[f"{key}@0_xy"].astype(np.float64)
            starts = np.append(npz[f"{key}@0_starts"].astype(np.int64), len(xy))
            lonlat = np.column_stack(unproject_xy(xy[:, 0], xy[:, 1]))
            for a, b in zip(starts[:-1], starts[1:]):
                if b - a >= 2:
                    parts.append(lonlat[a:b])
        self._lines = np.array([LineString(p) for p in parts], dtype=object)
        self._tree = shapely.STRtree(self._lines)

    def near(self, bbox: tuple[float, float, float, float]) -> list[LineString]:
        """The lines that meet the lon/lat box (west, south, east, north)."""
        if self._tree is None:
            with self._lock:
                if self._tree is None:
                    self._load()
        assert self._tree is not None and self._lines is not None
        hits = self._tree.query(box(*bbox), predicate="intersects")
        return list(self._lines[np.sort(hits)])
