"""Raster basemaps on the map: MBTiles tiles and georeferenced images, drawn above the land fill
and under the vector basemap's lines (see `raster_hook`, called by `paint_basemap`).

Everything here draws in the view's *pixel* coordinates: tiles are images, and mapping them
through the metres-to-pixels transform would flip them (y runs up in metres, down in pixels).

Decoded tiles are kept in an LRU keyed by file, zoom, column and row, so panning decodes only
the tiles that come into view. A tile zoom is chosen from the view's metres per pixel; a tile
missing at that zoom is drawn from its parent tile (up to four levels up), as web maps do.
A file that cannot be read is skipped here; the layers dock and the status bar say why
(`desktop.storage.raster_sources.raster_problem`).
"""
from __future__ import annotations

import math
import sqlite3
from pathlib import Path
from typing import Callable, Iterable

import numpy as np
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter, QTransform

from desktop.model.entities import RasterLayer
from desktop.model.lru import LRU
from desktop.model.mercator import R, WORLD_HALF, lat_to_merc_y, merc_y_to_lat
from desktop.storage.raster_sources import (MBTiles, RasterError, WorldFile, image_size, read_world_file, tile_bounds,
                                            world_file_for, zoom_for_resolution)

from desktop.render.projection import MapView

TILE_CACHE = LRU(512)  # (path, mtime, z, x, y) -> QImage, or False for "no tile there"
_SOURCES = LRU(16)  # (path, mtime) -> MBTiles
_IMAGES = LRU(4)  # (path, mtimes) -> (QImage, WorldFile) with degrees already warped to Mercator
MAX_TILES = 1024  # more tiles than this in view: the raster is far too small to see; skip it
PARENT_LEVELS = 4


def _mtime(path: str | Path) -> float:
    try:
        return Path(path).stat().st_mtime
    except OSError:
        return -1.0


def visible_rasters(project) -> list[RasterLayer]:
    """The project's shown raster layers, bottom to top."""
    layers = [r for r in project.rasters.values() if r.visible and r.opacity > 0]
    return sorted(layers, key=lambda r: (r.order, r.name.lower(), r.id))


def rasters_key(layers: Iterable[RasterLayer]) -> tuple:
    """What the rasters contribute to a cached basemap image's key (files can change on disk)."""
    return tuple((r.id, r.path, r.opacity, r.order, _mtime(r.path)) for r in layers)


def raster_hook(view: MapView, layers: list[RasterLayer], px: QTransform) -> Callable[[QPainter], None] | None:
    """A callback for `paint_basemap(after_land=...)`: draws `layers` with the painter's
    transform set to `px` (the transform under which (0, 0, width, height) is the view)."""
    if not layers:
        return None

    def hook(p: QPainter) -> None:
        p.save()
        p.setTransform(px)
        p.setRenderHint(QPainter.SmoothPixmapTransform)
        paint_rasters(p, view, layers)
        p.restore()
    return hook


def paint_rasters(p: QPainter, view: MapView, layers: Iterable[RasterLayer]) -> None:
    base = p.opacity()
    for layer in layers:
        p.setOpacity(base * layer.opacity)
        try:
            if layer.kind == "mbtiles":
                _paint_mbtiles(p, view, _source(layer.path))
            elif layer.kind == "image":
                _paint_image(p, view, layer.path)
        except (RasterError, OSError, sqlite3.Error):
            continue  # the layers dock flags it; a frame is never lost to a bad file
    p.setOpacity(base)


# -- MBTiles ---------------------------------------------------------------------------------------
def _source(path: str) -> MBTiles:
    key = (path, _mtime(path))
    src = _SOURCES.get(key)
    if src is None:
        src = _SOURCES.put(key, MBTiles(path))
    return src


def _tile(src: MBTiles, z: int, x: int, y: int) -> QImage | None:
    key = (str(src.path), _mtime(src.path), z, x, y)
    img = TILE_CACHE.get(key)
    if img is None:
        data = src.tile(z, x, y)
        img = QImage.fromData(data) if data else QImage()
        if img.isNull():
            img = False
        else:
            img = img.convertToFormat(QImage.Format_ARGB32_Premultiplied)  # the fast format to draw
            if not src.tile_px:
                src.tile_px = img.width()
        TILE_CACHE.put(key, img)
    return img or None


def tile_zoom(src: MBTiles, resolution: float) -> int:
    if not src.tile_px:  # decode one tile to learn the tile size (256 or 512)
        z = src.zooms[0]
        x0, x1, y0, y1 = _tile_range(src.bounds(), z)
        for x, y in sorted(src.present(z, x0, x1, y0, y1))[:1]:
            _tile(src, z, x, y)
    z = zoom_for_resolution(resolution, src.tile_px or 256)
    return max(src.minzoom, min(src.maxzoom, z))


def _tile_range(bbox: tuple[float, float, float, float], z: int) -> tuple[int, int, int, int]:
    """Inclusive XYZ column and row ranges of the tiles meeting `bbox` at zoom z."""
    n = 1 << z
    size = 2 * WORLD_HALF / n
    x0, y0, x1, y1 = bbox
    eps = size * 1e-9

    def clamp(v: float) -> int:
        return max(0, min(n - 1, int(math.floor(v))))
    return (clamp((x0 + WORLD_HALF) / size), clamp((x1 - eps + WORLD_HALF) / size),
            clamp((WORLD_HALF - y1) / size), clamp((WORLD_HALF - y0 - eps) / size))


def _px_rect(view: MapView, b: tuple[float, float, float, float]) -> QRectF:
    # Edges rounded to whole pixels the same way for neighbours: no hairline seams between tiles.
    ax, ay = view.to_px(b[0], b[3])
    bx, by = view.to_px(b[2], b[1])
    ax, ay, bx, by = round(ax), round(ay), round(bx), round(by)
    return QRectF(ax, ay, max(1, bx - ax), max(1, by - ay))


def _paint_mbtiles(p: QPainter, view: MapView, src: MBTiles) -> None:
    fx0, fy0, fx1, fy1 = view.fitted
    bx0, by0, bx1, by1 = src.bounds()
    bbox = (max(fx0, bx0), max(fy0, by0), min(fx1, bx1), min(fy1, by1))
    if bbox[0] >= bbox[2] or bbox[1] >= bbox[3]:
        return
    z = tile_zoom(src, view.resolution)
    x0, x1, y0, y1 = _tile_range(bbox, z)
    if (x1 - x0 + 1) * (y1 - y0 + 1) > MAX_TILES:
        return
    present = src.present(z, x0, x1, y0, y1)
    for x in range(x0, x1 + 1):
        for y in range(y0, y1 + 1):
            img = _tile(src, z, x, y) if (x, y) in present else None
            target = _px_rect(view, tile_bounds(z, x, y))
            if img is not None:
                p.drawImage(target, img, QRectF(img.rect()))
                continue
            for dz in range(1, PARENT_LEVELS + 1):  # overzoom the nearest ancestor we have
                pz = z - dz
                if pz < src.zooms[0]:
                    break
                parent = _tile(src, pz, x >> dz, y >> dz)
                if parent is not None:
                    sub = parent.width() / (1 << dz)
                    sx, sy = (x - ((x >> dz) << dz)) * sub, (y - ((y >> dz) << dz)) * sub
                    p.drawImage(target, parent, QRectF(sx, sy, sub, sub))
                    break


# -- georeferenced images --------------------------------------------------------------------------
def _qimage_rows(img: QImage, rows: np.ndarray) -> QImage:
    """A new image made of the given source rows (each output row i is source row rows[i])."""
    img = img.convertToFormat(QImage.Format_ARGB32)
    w, h, bpl = img.width(), img.height(), img.bytesPerLine()
    src = np.frombuffer(img.constBits(), np.uint8, count=h * bpl).reshape(h, bpl)
    out = np.ascontiguousarray(src[rows])
    res = QImage(out.data, w, len(rows), bpl, QImage.Format_ARGB32)
    return res.copy()  # own the pixels: `out` dies with this function


def warp_degrees_to_mercator(img: QImage, wf: WorldFile) -> tuple[QImage, tuple[float, float, float, float]]:
    """An image in plate carrée (lon/lat axes) resampled row by row to Web Mercator.

    Columns map linearly in both CRSs, rows do not: output row i (evenly spaced in Mercator y)
    takes the source row at the same latitude (nearest). Returns the image and its EPSG:3857
    bounds (x0, y0, x1, y1)."""
    w, h = img.width(), img.height()
    lon0, lat0, lon1, lat1 = wf.corner_bounds(w, h)
    top_lat, bottom_lat = (lat1, lat0) if wf.e < 0 else (lat0, lat1)
    y_top, y_bottom = lat_to_merc_y(top_lat), lat_to_merc_y(bottom_lat)
    ys = y_top + (np.arange(h) + 0.5) * (y_bottom - y_top) / h
    lats = merc_y_to_lat(ys)
    rows = np.clip(np.floor((lats - top_lat) / wf.e), 0, h - 1).astype(np.int64)
    x0, x1 = math.radians(lon0) * R, math.radians(lon1) * R
    return _qimage_rows(img, rows), (x0, min(y_top, y_bottom), x1, max(y_top, y_bottom))


def _image(path: str) -> tuple[QImage, WorldFile, tuple[float, float, float, float] | None]:
    wfp = world_file_for(path)
    key = (path, _mtime(path), _mtime(wfp) if wfp else -1.0)
    got = _IMAGES.get(key)
    if got is None:
        wf = read_world_file(path)
        image_size(path)  # a clear error for a file that is not a PNG or JPEG
        img = QImage(str(path))
        if img.isNull():
            raise RasterError(f"{Path(path).name}: the image cannot be decoded")
        bounds = None
        if wf.crs == "EPSG:4326":
            img, bounds = warp_degrees_to_mercator(img, wf)
        elif not wf.rotated:
            bounds = wf.merc_bounds(img.width(), img.height())
        img = img.convertToFormat(QImage.Format_ARGB32_Premultiplied)
        got = _IMAGES.put(key, (img, wf, bounds))
    return got


def _paint_image(p: QPainter, view: MapView, path: str) -> None:
    img, wf, bounds = _image(path)
    if bounds is None:  # rotated, in metres: draw through the world file's full affine transform
        a, d, b, e, c, f = wf.a, wf.d, wf.b, wf.e, wf.c, wf.f
        to_merc = QTransform(a, d, b, e, c - (a + b) / 2, f - (d + e) / 2)  # pixel edges, not centres
        p.save()
        p.setTransform(to_merc * view.transform() * p.transform())
        p.drawImage(0, 0, img)
        p.restore()
        return
    fx0, fy0, fx1, fy1 = view.fitted
    x0, y0, x1, y1 = bounds
    vx0, vy0, vx1, vy1 = max(fx0, x0), max(fy0, y0), min(fx1, x1), min(fy1, y1)
    if vx0 >= vx1 or vy0 >= vy1:
        return
    # Only the visible part of the image is scaled: a large scan zoomed in costs little.
    sx, sy = img.width() / (x1 - x0), img.height() / (y1 - y0)
    source = QRectF((vx0 - x0) * sx, (y1 - vy1) * sy, (vx1 - vx0) * sx, (vy1 - vy0) * sy)
    ax, ay = view.to_px(vx0, vy1)
    bx, by = view.to_px(vx1, vy0)
    p.drawImage(QRectF(ax, ay, bx - ax, by - ay), img, source)


__all__ = ["paint_rasters", "raster_hook", "rasters_key", "visible_rasters", "tile_zoom",
           "warp_degrees_to_mercator", "TILE_CACHE"]
