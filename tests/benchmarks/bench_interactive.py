"""Interactive figures (issues 4 and 5): pan/zoom repaint, cursor scrub, first paint after open
and start-up, each beside its floor.

- Repaint: Frontline's `MapCanvas` (1920x1080, the full-front series) against a bare pyqtgraph
  view (GraphicsView + ViewBox + one QGraphicsPathItem of the week, full detail), both forced to
  paint synchronously (`viewport().repaint()`) after each pan or zoom step, at the whole-front
  view and zoomed in to Pokrovsk.
- Scrub: the canvas's date moved between random weeks; the floor swaps its one path for the
  week's (built from projected arrays, as the still-paint floor does).
- First paint after open: the whole `frontline PROJECT --screenshot out.png` process against a
  process that reads the week with GDAL and shows it in a bare pyqtgraph view (peers/bare_view.py),
  for the full-front series and for the stress project (2,000 zones, 202k vertices; saved to a
  project file by Frontline's writer, its floor reads the 2,000 zones the window opens on from a
  GeoJSON written beside it).
- Start-up with the bundled sample: `frontline --screenshot out.png` against importing
  PySide6.QtWidgets and showing an empty window.
"""
from __future__ import annotations

import os
import random
import subprocess
import tempfile
import time
from pathlib import Path

from . import bench_data as bd
from . import bench_paint as bp
from .bench_data import HEIGHT, WIDTH, Row

STEPS = 40
SCRUBS = 40
PROCESS_RUNS = 3
SHOT = (1600, 1000)  # --screenshot's default window size
POKROVSK = (37.05, 48.20, 37.35, 48.36)  # the town, lon/lat


def _repaint(view) -> None:
    view.viewport().repaint()


def pan_zoom_times(view, vb, bbox, app) -> list[float]:
    """Alternate small pans and zoom steps around `bbox`, timing each synchronous repaint."""
    x0, y0, x1, y1 = bbox
    w, h = x1 - x0, y1 - y0
    vb.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)
    app.processEvents()
    _repaint(view)
    times = []
    for i in range(STEPS):
        if i % 2 == 0:
            dx = (0.05 if (i // 2) % 2 == 0 else -0.05) * w
            r = vb.viewRect()
            vb.setRange(xRange=(r.left() + dx, r.right() + dx), yRange=(r.top(), r.bottom()), padding=0)
        else:
            vb.scaleBy((0.8, 0.8) if (i // 2) % 2 == 0 else (1.25, 1.25))
        t0 = time.perf_counter()
        _repaint(view)
        times.append(time.perf_counter() - t0)
        app.processEvents()
    return times


def bare_view(arrays):
    import pyqtgraph as pg
    from pyqtgraph.functions import arrayToQPath
    from PySide6.QtGui import QBrush, QColor, QPen
    from PySide6.QtWidgets import QGraphicsPathItem
    view = pg.GraphicsView(background="w")
    view.setAntialiasing(True)  # pyqtgraph's default is off; Frontline's map is antialiased
    vb = pg.ViewBox(lockAspect=1.0, enableMenu=False)
    view.setCentralItem(vb)
    item = QGraphicsPathItem(arrayToQPath(*arrays[:2], connect=arrays[2], finiteCheck=False))
    c = QColor(bd.FILL)
    c.setAlphaF(bd.FILL_ALPHA)
    item.setBrush(QBrush(c))
    pen = QPen(QColor(bd.FILL), 1.0)
    pen.setCosmetic(True)
    item.setPen(pen)
    vb.addItem(item)
    view.resize(WIDTH, HEIGHT)
    view.show()
    return view, vb, item


def canvas_for(project, when):
    from desktop.model.cursor import TimelineCursor
    from desktop.model.selection import Selection
    from desktop.ui.map.canvas import MapCanvas
    canvas = MapCanvas(TimelineCursor(), Selection())
    canvas.resize(WIDTH, HEIGHT)
    canvas.show()
    canvas.set_project(project)
    canvas.cursor.set_date(when)
    return canvas


def floor_arrays(project, when):
    """The floor paints the same geometry: every zone valid on `when`, projected, full detail."""
    import numpy as np
    geoms = np.array([v.geometry for v in project.state_at(when)], dtype=object)
    return bp.bare_arrays(bd.to_3857(geoms))


def repaint_rows(name: str, project, dates: list, town_bbox, app) -> list[Row]:
    """Pan/zoom at the data's whole extent and at a town, then scrubs between random dates."""
    from desktop.render.frame import default_bbox
    from desktop.model.mercator import bbox_to_merc
    from pyqtgraph.functions import arrayToQPath
    when = dates[len(dates) * 3 // 4]
    canvas = canvas_for(project, when)
    view, vb, item = bare_view(floor_arrays(project, when))
    rows = []
    whole = bd.view_bbox() if name == "full front" else default_bbox(project)
    for where, bbox in (("whole extent", whole), ("zoomed to Pokrovsk", bbox_to_merc(*town_bbox))):
        fl = pan_zoom_times(canvas, canvas.vb, bbox, app)
        floor = pan_zoom_times(view, vb, bbox, app)
        med, p95 = bd.median(fl), bd.p95(fl)
        rows.append(Row(f"pan/zoom repaint, {name}, {where}", med, "bare pyqtgraph path", bd.median(floor),
                        "<= 16 ms median, 33 ms p95", med <= 0.016 and p95 <= 0.033,
                        note=f"p95 {p95 * 1e3:.1f} ms (floor p95 {bd.p95(floor) * 1e3:.1f} ms), {STEPS} steps"))
    # Scrub between random dates at the whole extent; first visits of a date included.
    for v, box in ((canvas.vb, whole), (vb, whole)):
        v.setRange(xRange=(box[0], box[2]), yRange=(box[1], box[3]), padding=0)
    app.processEvents()
    rng = random.Random(8)
    order = [rng.randrange(len(dates)) for _ in range(SCRUBS)]
    arrays = {i: floor_arrays(project, dates[i]) for i in set(order)}
    fl, floor = [], []
    for i in order:
        t0 = time.perf_counter()
        canvas.cursor.set_date(dates[i])
        _repaint(canvas)
        fl.append(time.perf_counter() - t0)
        app.processEvents()
        t0 = time.perf_counter()
        a = arrays[i]
        item.setPath(arrayToQPath(a[0], a[1], connect=a[2], finiteCheck=False))
        _repaint(view)
        floor.append(time.perf_counter() - t0)
        app.processEvents()
    med = bd.median(fl)
    rows.append(Row(f"cursor scrub between random weeks, {name}", med, "bare pyqtgraph path",
                    bd.median(floor), "<= 50 ms median", med <= 0.050,
                    note=f"p95 {bd.p95(fl) * 1e3:.1f} ms over {SCRUBS} moves, first visits included"))
    canvas.close()
    view.close()
    app.processEvents()
    return rows


def _process(args: list[str], env: dict) -> tuple[float, str]:
    t0 = time.perf_counter()
    r = subprocess.run(args, capture_output=True, text=True, env=env, cwd=str(bd.ROOT), timeout=300)
    dt = time.perf_counter() - t0
    return dt, "" if r.returncode == 0 else ((r.stderr.strip().splitlines() or ["?"])[-1][:160])


def _median_process(args: list[str], env: dict) -> tuple[float | None, str]:
    times = []
    for _ in range(PROCESS_RUNS):
        dt, err = _process(args, env)
        if err:
            return None, err
        times.append(dt)
    return bd.median(times), ""


def first_paint_row(name: str, project_file: Path, floor_file: Path, floor_name: str, env: dict,
                    shot: str) -> Row:
    """The whole `frontline PROJECT --screenshot` process against the bare view of the same
    zones read with GDAL; issue 4's goal is on the absolute time."""
    py = str(bd.VENV_PY)
    fl, err = _median_process([py, "-m", "desktop", str(project_file), "--screenshot", shot], env)
    floor, ferr = _median_process([py, str(bd.PEERS / "bare_view.py"), "path", shot + ".floor.png",
                                   str(SHOT[0]), str(SHOT[1]), str(floor_file)], env)
    return Row(f"first paint after open (`frontline PROJECT --screenshot`, whole process), {name}", fl,
               floor_name, floor, "<= 1.5 s", None if fl is None else fl <= 1.5,
               note=err or ferr or f"median of {PROCESS_RUNS} processes")


def process_rows(project_file: Path, stress=None) -> list[Row]:
    rows = []
    py = str(bd.VENV_PY)
    w, h = str(SHOT[0]), str(SHOT[1])
    with tempfile.TemporaryDirectory(prefix="frontline-bench-") as tmp:
        env = bd.peer_env()
        env["FRONTLINE_DATA_DIR"] = os.path.join(tmp, "data")
        env["XDG_CONFIG_HOME"] = os.path.join(tmp, "config")
        shot = os.path.join(tmp, "shot.png")
        rows.append(first_paint_row("full-front series", project_file, bd.FULL_WEEK,
                                    "bare pyqtgraph view of the week", env, shot))
        if stress is not None:
            stress_file = bd.save_project(stress, Path(tmp) / "stress.gpkg")
            zones = bd.write_state_geojson(stress, bd.opening_date(stress), Path(tmp) / "stress_zones.geojson")
            rows.append(first_paint_row("stress (2,000 zones, 202k vertices)", stress_file, zones,
                                        "bare pyqtgraph view of its 2,000 zones", env, shot))
        # Start-up with the bundled sample: the first run copies it to the data folder.
        _process([py, "-m", "desktop", "--screenshot", shot], env)
        fl, err = _median_process([py, "-m", "desktop", "--screenshot", shot], env)
        floor, ferr = _median_process([py, str(bd.PEERS / "bare_view.py"), "empty", shot + ".empty.png", w, h], env)
        ok = None if fl is None or floor is None else fl <= 3 * floor
        rows.append(Row("start-up to the first painted window, sample project", fl,
                        "PySide6.QtWidgets + empty window", floor, "<= 3x floor", ok, note=err or ferr))
    return rows


def run(series: bd.SeriesProject, project_file: Path, app) -> list[Row]:
    stress, stress_dates = bd.stress_project()
    return (repaint_rows("full front", series.project, series.dates, POKROVSK, app)
            + repaint_rows("stress (2,000 zones, 202k vertices)", stress, stress_dates, POKROVSK, app)
            + process_rows(project_file, stress))
