"""The benchmark's data and small shared helpers: where the DeepState series live, which weeks
are raced, one fixed view, the Frontline projects built from them, and timing.

The data stays in `../shared/data/frontline` (never copied into the repo). Every race uses the
same files, the same view (the full front, EPSG:3857, already widened to the image's aspect so
no tool has to guess how to fit it) and the same zones-only style: DeepState red fill at 35%
with a 1 px outline, antialiased, on white.
"""
from __future__ import annotations

import gc
import os
import re
import statistics
import time
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Callable

import numpy as np
import shapely

ROOT = Path(__file__).resolve().parents[2]
FRONT = ROOT.parent / "shared" / "data" / "frontline"
WEEKLY = FRONT / "deepstate_cyterat_weekly"
HEAVY = FRONT / "deepstate_raw_weekly_polygons"
VENV_PY = ROOT / ".venv" / "bin" / "python"
SYSTEM_PY = Path("/usr/bin/python3")
PEERS = Path(__file__).resolve().parent / "peers"

WIDTH, HEIGHT = 1920, 1080
FILL = "#a52714"  # ru_control's colour in the default legend
FILL_ALPHA = 0.35
# The full-front week raced (the Pokrovsk week of the seed article) and the heaviest raw week
# (105 features, 15,684 vertices).
FULL_WEEK = WEEKLY / "deepstatemap_data_20251201.geojson"
HEAVY_WEEK = HEAVY / "deepstate_20240909.geojson.gz"
# The whole front, lon/lat: Crimea to Kharkiv, Kherson to Luhansk, with a margin.
FRONT_LONLAT = (29.5, 44.2, 40.5, 52.5)


def data_present() -> bool:
    return WEEKLY.is_dir() and HEAVY.is_dir()


def weekly_files() -> list[Path]:
    return sorted(WEEKLY.glob("*.geojson"))


def heavy_files() -> list[Path]:
    return sorted(HEAVY.glob("*.geojson.gz"))


def gdal_path(path: Path) -> str:
    """GDAL reads gzip through its virtual file system."""
    return f"/vsigzip/{path}" if path.suffix == ".gz" else str(path)


def file_date(path: Path) -> date:
    m = re.search(r"(\d{4})(\d{2})(\d{2})", path.name)
    if not m:
        raise ValueError(f"no date in {path.name}")
    return date(int(m[1]), int(m[2]), int(m[3]))


def read_polygons(path: Path) -> np.ndarray:
    """The polygonal geometries of one file (lon/lat), read with GDAL."""
    from pyogrio.raw import read
    _meta, _fids, wkb, _fields = read(gdal_path(path))
    geoms = shapely.from_wkb(wkb)
    return geoms[np.isin(shapely.get_type_id(geoms), (3, 6))]


def count_vertices(path: Path) -> int:
    return int(shapely.get_num_coordinates(read_polygons(path)).sum())


def to_3857(geoms: np.ndarray) -> np.ndarray:
    from pyproj import Transformer
    tr = Transformer.from_crs("EPSG:4326", "EPSG:3857", always_xy=True)
    return shapely.transform(geoms, lambda c: np.column_stack(tr.transform(c[:, 0], c[:, 1])))


@lru_cache(maxsize=1)
def view_bbox() -> tuple[float, float, float, float]:
    """The front in EPSG:3857, widened to 16:9 around its centre (exactly what every tool shows)."""
    from pyproj import Transformer
    tr = Transformer.from_crs("EPSG:4326", "EPSG:3857", always_xy=True)
    w, s, e, n = FRONT_LONLAT
    x0, y0 = tr.transform(w, s)
    x1, y1 = tr.transform(e, n)
    res = max((x1 - x0) / WIDTH, (y1 - y0) / HEIGHT)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    return cx - res * WIDTH / 2, cy - res * HEIGHT / 2, cx + res * WIDTH / 2, cy + res * HEIGHT / 2


# -- Frontline projects -----------------------------------------------------------------------

@dataclass
class SeriesProject:
    project: object  # desktop.model.project.Project
    dates: list[date]
    files: list[Path]
    import_seconds: float = 0.0
    notes: list[str] = field(default_factory=list)


def import_series(files: list[Path], status: str | None) -> SeriesProject:
    """The files imported as a dated series by Frontline's own importer (in memory)."""
    from desktop.model.project import Project
    from desktop.storage.imports.importer import import_files
    project = Project()
    t0 = time.perf_counter()
    import_files(project, files, series=True, status=status)
    return SeriesProject(project, [file_date(f) for f in files], files, time.perf_counter() - t0)


def week_project(path: Path, status: str = "ru_control"):
    """One week as a project: every polygon of the file one zone of `status` (no overlap
    resolution, so Frontline paints exactly the geometry the peers paint)."""
    from desktop.model.entities import Assessment, Zone, ZoneVersion
    from desktop.model.project import Project
    from desktop.model.changes import ChangeBuilder
    project = Project()
    b = ChangeBuilder(project)
    b.put("assessments", "a", Assessment("a", "bench"))
    d = file_date(path)
    for i, g in enumerate(read_polygons(path)):
        b.put("zones", f"z{i}", Zone(f"z{i}", f"zone {i}", "a"))
        b.put("versions", f"v{i}", ZoneVersion(f"v{i}", f"z{i}", g, status, d))
    project.apply(b.build())
    return project, d


# -- timing -----------------------------------------------------------------------------------

def measure(fn: Callable[[], object], runs: int, warmup: int = 1) -> list[float]:
    """Wall seconds of `runs` calls after `warmup` untimed ones; the GC is collected between
    runs and kept off during them so one run does not pay for another's garbage."""
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(runs):
        gc.collect()
        gc.disable()
        try:
            t0 = time.perf_counter()
            fn()
            out.append(time.perf_counter() - t0)
        finally:
            gc.enable()
    return out


def median(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def p95(xs: list[float]) -> float:
    if not xs:
        return float("nan")
    s = sorted(xs)
    return s[min(len(s) - 1, int(round(0.95 * (len(s) - 1))))]


def peer_env() -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.setdefault("XDG_RUNTIME_DIR", "/tmp")
    return env


def run_peer(python: Path, script: str, job: dict, timeout: float = 300) -> dict:
    """Run a peer script (tests/benchmarks/peers/<script>) with one JSON job; its JSON answer,
    or {"error": why} (a missing peer is reported, never a crash)."""
    import json
    import subprocess
    if not python.exists():
        return {"error": f"{python} is absent"}
    try:
        r = subprocess.run([str(python), str(PEERS / script), json.dumps(job)], capture_output=True,
                           text=True, timeout=timeout, env=peer_env(), cwd=str(ROOT))
    except subprocess.TimeoutExpired:
        return {"error": f"{script} timed out after {timeout:.0f} s"}
    for line in reversed(r.stdout.splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    tail = (r.stderr.strip().splitlines() or ["no output"])[-1]
    return {"error": f"{script} exited {r.returncode}: {tail[:200]}"}


def qgis_available() -> bool:
    import subprocess
    if not SYSTEM_PY.exists():
        return False
    r = subprocess.run([str(SYSTEM_PY), "-c", "import qgis.core"], capture_output=True, env=peer_env())
    return r.returncode == 0


# -- the report's rows ------------------------------------------------------------------------

@dataclass
class Row:
    """One line of the table: Frontline's median against one peer's median on the same data."""
    task: str
    frontline: float | None  # seconds, median
    peer_name: str = ""
    peer: float | None = None  # seconds, median
    goal: str = ""  # in words, e.g. "<= 2x bare"
    met: bool | None = None  # None: no goal on this row (context only)
    check: str = ""  # does Frontline's output agree with the peer's?
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.frontline is None or not self.peer:
            return None
        return self.frontline / self.peer

    @property
    def verdict(self) -> str:
        if self.met is not None:
            return "ok" if self.met else "MISSED"
        if self.goal and self.frontline is None:
            return "NOT MEASURED"  # Frontline's side failed; the note says why
        return "" if self.frontline is not None or self.peer is not None else "SKIPPED"


def stress_project(n_zones: int = 2000, vertices: int = 100, weeks: int = 111, changes: int = 3):
    """Issue 4's stress project: 2,000 assessed zones, 200,000 vertices in all, near Pokrovsk.

    A 40x50 grid of cells, each a ring of `vertices` points (the square's edges densified and
    wobbled, so simplification has work to do), each changing status on `changes` random weeks.
    Returns (project, the weekly dates)."""
    import math
    import random
    from datetime import timedelta
    from shapely.geometry import Polygon
    from desktop.model.changes import ChangeBuilder
    from desktop.model.entities import Assessment, Zone, ZoneVersion
    from desktop.model.project import Project
    rng = random.Random(5)
    first = date(2024, 7, 8)
    ds = [first + timedelta(weeks=i) for i in range(weeks)]
    statuses = ("ru_control", "contested", "ru_advance", "ua_liberated")
    p = Project()
    b = ChangeBuilder(p)
    b.put("assessments", "a", Assessment("a", "Stress"))
    cols, dx, dy = 50, 0.018, 0.0125
    n = vertices // 4
    t = np.linspace(0.0, 1.0, n, endpoint=False)
    wob = 0.04 * np.sin(t * 6 * math.pi)  # inward wobble, a fraction of the cell
    for z in range(n_zones):
        r, c = divmod(z, cols)
        x0, y0 = 36.8 + c * dx, 48.05 + r * dy
        xs = np.concatenate([x0 + t * dx, x0 + dx - wob * dx, x0 + dx - t * dx, x0 + wob * dx])
        ys = np.concatenate([y0 + wob * dy, y0 + t * dy, y0 + dy - wob * dy, y0 + dy - t * dy])
        g = Polygon(np.column_stack([xs, ys]))
        b.put("zones", f"z{z}", Zone(f"z{z}", f"cell {r}-{c}", "a"))
        cuts = sorted(rng.sample(range(1, weeks), changes))
        bounds = [0] + cuts + [None]
        for k in range(len(bounds) - 1):
            lo, hi = bounds[k], bounds[k + 1]
            vid = f"v{z}-{k}"
            b.put("versions", vid, ZoneVersion(vid, f"z{z}", g, rng.choice(statuses), ds[lo],
                                               ds[hi] if hi is not None else None))
    p.apply(b.build())
    return p, ds


def save_project(project, path: Path) -> Path:
    """An in-memory project written to a project file by Frontline's own writer (every record
    through `ProjectFile.write`, as edits and imports write them)."""
    from desktop.storage.project.projectfile import save_copy
    return save_copy(project, path)


def opening_date(project) -> date:
    """The date the window shows when it opens a project: the step of its last data date
    (`TimelineCursor.set_project`, weekly steps)."""
    from desktop.model import timeline as tl
    return tl.step_start(project.date_range()[1], tl.WEEK)


def write_state_geojson(project, when: date, path: Path) -> Path:
    """The zones valid on `when` as a GeoJSON file of plain polygons: what a floor reads with
    GDAL to show the same data as the window's first paint."""
    import json
    feats = [f'{{"type":"Feature","properties":{{}},"geometry":{shapely.to_geojson(v.geometry)}}}'
             for v in project.state_at(when)]
    path.write_text('{"type":"FeatureCollection","features":[' + ",".join(feats) + "]}", encoding="utf-8")
    json.loads(path.read_text(encoding="utf-8"))  # a broken file would make the floor fail, not lie
    return path
