"""Painting one week at 1920x1080 in memory: Frontline against a bare QPainter path, QGIS and
geopandas + matplotlib, with a pixel check that all four cover the same pixels.

The race is zones only (no basemap, no chrome), the same geometry (every polygon of the file,
one style), the same view. Frontline's figure is `render_image` of a week whose projected
shapes are cached but whose path is built afresh each run, which is exactly what the bare
figure does too (arrayToQPath of the projected arrays, one fill). The full styled frame
(basemap, zones, gains and losses, legend, captions) is reported on its own row.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
import shapely

from . import bench_data as bd
from .bench_data import HEIGHT, WIDTH, Row

RUNS = 15
PEER_RUNS = 7
# Disagreement allowed between two zones-only pictures (see `disagreement`).
PIXEL_TOLERANCE = 0.005
EDGE_PX = 2


# -- pictures as arrays -----------------------------------------------------------------------

def qimage_rgb(img) -> np.ndarray:
    from PySide6.QtGui import QImage
    img = img.convertToFormat(QImage.Format_RGB888)
    a = np.frombuffer(img.constBits(), np.uint8).reshape(img.height(), img.bytesPerLine())
    return a[:, : img.width() * 3].reshape(img.height(), img.width(), 3).copy()


def png_rgb(path: Path) -> np.ndarray:
    from PySide6.QtGui import QImage
    return qimage_rgb(QImage(str(path)))


def coverage(rgb: np.ndarray) -> np.ndarray:
    """Pixels painted by a zone: those that differ clearly from the background colour (the
    picture's most common one)."""
    flat = rgb.reshape(-1, 3)
    colours, counts = np.unique(flat[:: 97], axis=0, return_counts=True)
    bg = colours[np.argmax(counts)].astype(np.int16)
    return np.abs(rgb.astype(np.int16) - bg).max(axis=2) > 30


def dilate(mask: np.ndarray, r: int) -> np.ndarray:
    """The mask grown by `r` pixels (a square neighbourhood)."""
    out = mask.copy()
    for dy in range(-r, r + 1):
        for dx in range(-r, r + 1):
            if dx or dy:
                out |= np.roll(np.roll(mask, dy, axis=0), dx, axis=1)
    return out


def disagreement(a: np.ndarray, b: np.ndarray) -> float:
    """Covered pixels of one picture farther than EDGE_PX from any covered pixel of the other,
    over the pixels covered by either. Outlines (1 to 1.6 px, antialiased differently by each
    tool) move an edge by a pixel or two; a missing or misplaced zone is far more than that."""
    ma, mb = coverage(a), coverage(b)
    union = np.logical_or(ma, mb).sum()
    if not union:
        return 0.0
    off = np.logical_and(ma, ~dilate(mb, EDGE_PX)) | np.logical_and(mb, ~dilate(ma, EDGE_PX))
    return float(off.sum() / union)


def check_text(name: str, frontline_rgb: np.ndarray, peer_rgb: np.ndarray | None) -> tuple[str, bool]:
    if peer_rgb is None:
        return "no picture", False
    if peer_rgb.shape != frontline_rgb.shape:
        return f"{name} picture is {peer_rgb.shape}", False
    d = disagreement(frontline_rgb, peer_rgb)
    ok = d <= PIXEL_TOLERANCE
    return f"pixels {'agree' if ok else 'DIFFER'} ({d:.2%} of covered)", ok


# -- the bare QPainter floor ------------------------------------------------------------------

def bare_arrays(geoms_3857: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rings = shapely.get_rings(shapely.get_parts(geoms_3857))
    xy, idx = shapely.get_coordinates(rings, return_index=True)
    connect = np.empty(len(idx), np.int32)
    connect[:-1] = idx[1:] == idx[:-1]
    connect[-1] = 0
    return xy[:, 0].copy(), xy[:, 1].copy(), connect


def world_transform():
    from PySide6.QtGui import QTransform
    x0, y0, x1, y1 = bd.view_bbox()
    s = WIDTH / (x1 - x0)
    return QTransform(s, 0, 0, -s, -x0 * s, y1 * s)


def bare_paint(arrays, world, fill, fmt=None):
    """One QPainterPath of the week (arrayToQPath), filled once into a 1920x1080 QImage."""
    from pyqtgraph.functions import arrayToQPath
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    img = QImage(WIDTH, HEIGHT, fmt or QImage.Format_ARGB32_Premultiplied)
    img.fill(Qt.white)
    path = arrayToQPath(arrays[0], arrays[1], connect=arrays[2], finiteCheck=False)
    path.setFillRule(Qt.WindingFill)
    p = QPainter(img)
    p.setRenderHint(QPainter.Antialiasing)
    p.setTransform(world)
    p.fillPath(path, fill)
    p.end()
    return img


def bare_fill():
    from PySide6.QtGui import QBrush, QColor
    c = QColor(bd.FILL)
    c.setAlphaF(bd.FILL_ALPHA)
    return QBrush(c)


# -- Frontline --------------------------------------------------------------------------------

def zones_only_spec(project, when):
    from desktop.render.frame import Chrome, FrameSpec
    return FrameSpec(project=project, when=when, bbox=bd.view_bbox(), basemap=False,
                     chrome=Chrome(scale_bar=False, attribution=False))


def styled_spec(project, when, previous):
    from desktop.render.frame import Chrome, FrameSpec
    chrome = Chrome(title="DeepState full front", date_caption=True, legend=True, scale_bar=True,
                    north_arrow=True, attribution=True, captions=("Gains and losses since the week before",))
    return FrameSpec(project=project, when=when, bbox=bd.view_bbox(), previous=previous, chrome=chrome)


def frontline_paint(project, when):
    """Zones only, path rebuilt: the render caches of dates and paths are dropped first (the
    projected shapes stay cached, as they do in the app from the first paint on)."""
    from desktop.render.frame import render_image
    from desktop.render.zones import project_cache
    cache = project_cache(project)
    cache.states.clear()
    cache.paths.clear()
    return render_image(zones_only_spec(project, when), WIDTH, HEIGHT)


# -- the race ---------------------------------------------------------------------------------

def race_week(label: str, path: Path, tmp: Path, with_qgis: bool) -> list[Row]:
    from desktop.render.frame import ensure_app
    ensure_app()
    rows: list[Row] = []
    project, when = bd.week_project(path)
    fl_times = bd.measure(lambda: frontline_paint(project, when), RUNS, warmup=2)
    fl_rgb = qimage_rgb(frontline_paint(project, when))

    arrays = bare_arrays(bd.to_3857(bd.read_polygons(path)))
    world, fill = world_transform(), bare_fill()
    bare_times = bd.measure(lambda: bare_paint(arrays, world, fill), RUNS, warmup=2)
    bare_rgb = qimage_rgb(bare_paint(arrays, world, fill))
    fl = bd.median(fl_times)
    bare = bd.median(bare_times)
    text, ok = check_text("bare", fl_rgb, bare_rgb)
    rows.append(Row(f"paint {label}, zones only", fl, "bare QPainter path", bare, "<= 2x bare",
                    fl <= 2 * bare, text))

    job = {"file": str(path), "bbox": list(bd.view_bbox()), "width": WIDTH, "height": HEIGHT,
           "runs": PEER_RUNS, "fill": bd.FILL, "fill_alpha": bd.FILL_ALPHA}
    if with_qgis:
        out = tmp / f"qgis_{path.stem}.png"
        r = bd.run_peer(bd.SYSTEM_PY, "qgis_render.py", dict(job, out=str(out), png_level=1))
        if "error" in r:
            rows.append(Row(f"paint {label}, zones only", fl, "QGIS (load+render)", None, note=r["error"]))
        else:
            q = bd.median(r["total"])
            text, _ = check_text("QGIS", fl_rgb, png_rgb(out))
            rows.append(Row(f"paint {label}, zones only", fl, "QGIS 3.22 (load+render)", q,
                            ">= 5x faster", fl * 5 <= q, text,
                            note=f"QGIS render alone {bd.median(r['render']) * 1e3:.1f} ms"))
    else:
        rows.append(Row(f"paint {label}, zones only", fl, "QGIS", None, note="python3-qgis not installed"))
    npy = tmp / f"mpl_{path.stem}.npy"
    r = bd.run_peer(bd.VENV_PY, "mpl_render.py", dict(job, mode="paint", out=str(npy)))
    if "error" in r:
        rows.append(Row(f"paint {label}, zones only", fl, "matplotlib (draw)", None, note=r["error"]))
    else:
        text, _ = check_text("matplotlib", fl_rgb, np.load(npy))
        rows.append(Row(f"paint {label}, zones only", fl, "geopandas+matplotlib (draw)",
                        bd.median(r["total"]), check=text))
    return rows


def styled_frames(series: bd.SeriesProject) -> list[Row]:
    """The full styled frame at 1080p: every week once (first paint of each date: gains and
    losses computed), then every week again (caches warm, as when a replay loops)."""
    from desktop.render.frame import ensure_app, render_image
    ensure_app()
    project, dates = series.project, series.dates
    render_image(styled_spec(project, dates[0], None), WIDTH, HEIGHT)  # basemap raster, fonts
    passes = []
    for _ in range(2):
        times = []
        for i, d in enumerate(dates):
            prev = dates[i - 1] if i else None
            times.extend(bd.measure(lambda: render_image(styled_spec(project, d, prev), WIDTH, HEIGHT),
                                    1, warmup=0))
        passes.append(times)
    first, again = bd.median(passes[0]), bd.median(passes[1])
    return [
        Row("styled frame (basemap, zones, gains/losses, legend, captions), replay loop",
            again, "", None, "<= 16 ms", again <= 0.016,
            note=f"p95 {bd.p95(passes[1]) * 1e3:.1f} ms over {len(dates)} weeks"),
        Row("styled frame, first paint of each week", first, "", None,
            note=f"p95 {bd.p95(passes[0]) * 1e3:.1f} ms (gains/losses computed)"),
    ]


def run(series: bd.SeriesProject, with_qgis: bool) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="frontline-bench-") as tmp:
        rows = race_week("full-front week", bd.FULL_WEEK, Path(tmp), with_qgis)
        rows += race_week("heavy week (105 zones, 15.7k vertices)", bd.HEAVY_WEEK, Path(tmp), with_qgis)
    rows += styled_frames(series)
    return rows

