"""DeepState's whole raw archive (issue 17, item 4): 580 revisions of 2024-01-01 to 2025-08-03,
several a day, polygons and points, as an analyst downloads them. Every row is measured for the
first half of the files (290) and for all of them, so the growth shows whether a cost is linear.

- Series import: the whole `frontline import FILES --series -o P.gpkg` run in a child process
  (reading, day selection, points, overlap cleaning, writing the project file), its wall time
  against `pyogrio.raw.read` of the same files (goal <= 2x), and its peak resident memory above
  the idle process against the uncompressed GeoJSON (goal <= 1x).
- Open: the whole `frontline P.gpkg --screenshot out.png` process, run right after the import
  (the first open), wall time and peak resident memory (goals 1.5 s, 400 MB).
- Scrub: the window's map (`MapCanvas` at 1920x1080, observations of the day included) moved
  between random days of the archive's span and repainted synchronously, against a bare
  pyqtgraph path swapped to the day's zones (as bench_interactive.py does); goal 50 ms median.
- `frontline stats P.gpkg`, the whole process (goal 1 s).
- Daily replay of the archive to MP4 at 1920x1080 (`write_replay`, in process, on a freshly
  opened project) against bare QPainter frames of the same days' zones streamed to the same
  encoder (bench_video.py's floor); goal <= 1.3x.

Alone: `QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.benchmarks.bench_archive`. The
data stays in ../shared (licence: tests and benchmarks only); absent, the section says so.
"""
from __future__ import annotations

import csv
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from . import bench_data as bd
from .bench_data import HEIGHT, WIDTH, Row

ARCHIVE = bd.FRONT / "deepstate_raw_history_2024"
HALF = 290
OPEN_RUNS = 2
STATS_RUNS = 3
SCRUBS = 30
FPS = 8


def archive_files() -> list[Path]:
    return sorted(ARCHIVE.glob("*.geojson.gz"))


def uncompressed_bytes(files: list[Path]) -> int:
    """From the archive's manifest (bytes_geojson), else by decompressing."""
    sizes: dict[str, int] = {}
    manifest = ARCHIVE / "manifest.csv"
    if manifest.exists():
        with open(manifest, newline="") as fh:
            sizes = {r["file"]: int(r["bytes_geojson"]) for r in csv.DictReader(fh)}
    if all(f.name in sizes for f in files):
        return sum(sizes[f.name] for f in files)
    from .bench_import import uncompressed_bytes as decompressed
    return decompressed(files)


# -- child processes --------------------------------------------------------------------------

def _vm_hwm() -> int:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def child_import(out: str, list_file: str) -> None:
    """`frontline import FILES --series -o OUT` in this process, its modules loaded before the
    idle figure; prints idle and peak resident bytes and the seconds it took."""
    import psutil
    import desktop.cli as cli
    from desktop.storage.imports import importer  # noqa: F401  (loaded before "idle")
    from desktop.storage.project import projectfile  # noqa: F401
    files = json.loads(Path(list_file).read_text())
    idle = psutil.Process().memory_info().rss
    try:
        Path("/proc/self/clear_refs").write_text("5")  # the peak from here on
    except OSError:
        pass
    t0 = time.perf_counter()
    with open(os.devnull, "w") as quiet:
        stderr, sys.stderr = sys.stderr, quiet  # one warning line per clipped overlap
        try:
            rc = cli.main(["import", *files, "--series", "-o", out])
        finally:
            sys.stderr = stderr
    dt = time.perf_counter() - t0
    print(json.dumps({"rc": rc, "idle": idle, "peak": _vm_hwm(), "seconds": dt}))


def _hwm_of(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def _run_measured(args: list[str], env: dict, timeout: float = 600) -> tuple[float, int, str]:
    """Wall seconds, peak resident bytes of the child's own image and the last error line; the
    child's CPU seconds (user + system) go to `_LAST_CPU` (the machine is shared: wall time
    far above CPU time means waiting for a core, not work).

    The peak is the child's VmHWM, read every few milliseconds while it runs (it only grows):
    not wait4's ru_maxrss, which Linux carries over `execve` from the forked copy of this big
    benchmark process. Stderr goes to a file, so a chatty child never blocks on a full pipe."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with tempfile.TemporaryFile() as err_file:
        t0 = time.perf_counter()
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=err_file, env=env, cwd=str(bd.ROOT))
        deadline, peak = t0 + timeout, 0
        exec_seen = False
        while proc.poll() is None:
            hwm = _hwm_of(proc.pid)
            # Until the child has exec'd python, /proc shows the fork of this process.
            if hwm is not None and (exec_seen or _is_python_child(proc.pid)):
                exec_seen = True
                peak = max(peak, hwm)
            if time.perf_counter() > deadline:
                proc.kill()
                proc.wait()
                break
            time.sleep(0.004)
        dt = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        _LAST_CPU[0] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        err_file.seek(0)
        err = err_file.read().decode(errors="replace")
    if proc.returncode != 0:
        return dt, peak, (err.strip().splitlines() or ["?"])[-1][:160]
    return dt, peak, ""


_LAST_CPU = [0.0]


def _is_python_child(pid: int) -> bool:
    """Whether the process now runs its own command (its command line is not this process's)."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            own = fh.read()
        with open("/proc/self/cmdline", "rb") as fh:
            return own != fh.read()
    except OSError:
        return False


# -- rows -------------------------------------------------------------------------------------

def import_rows(name: str, files: list[Path], out: Path, tmp: Path) -> list[Row]:
    from .bench_import import gdal_read_all
    listing = tmp / f"{out.stem}.json"
    listing.write_text(json.dumps([str(f) for f in files]))
    r = subprocess.run([str(bd.VENV_PY), "-m", "tests.benchmarks.bench_archive", "child-import", str(out),
                        str(listing)], capture_output=True, text=True, cwd=str(bd.ROOT), env=bd.peer_env(),
                       timeout=900)
    lines = [ln for ln in r.stdout.splitlines() if ln.startswith("{")]
    if r.returncode != 0 or not lines:
        why = (r.stderr.strip().splitlines() or ["?"])[-1][:160]
        return [Row(f"series import, {name}", None, goal="<= 2x", note=f"import failed: {why}")]
    m = json.loads(lines[-1])
    t0 = time.perf_counter()
    gdal_read_all(files)
    peer = time.perf_counter() - t0
    size = uncompressed_bytes(files)
    growth = m["peak"] - m["idle"]
    counts = project_counts(out)
    return [Row(f"series import, {name}", m["seconds"], "pyogrio.raw.read", peer, "<= 2x",
                m["seconds"] <= 2 * peer, check=counts,
                note="`frontline import --series -o` in a child process, project file written; one run each"),
            Row(f"series import, {name}: peak memory growth", None, goal="<= 1x input", met=growth <= size,
                note=f"{growth / 2**20:.0f} MiB above idle for {size / 2**20:.0f} MiB of GeoJSON "
                     f"({growth / size:.2f}x)")]


def project_counts(path: Path) -> str:
    import sqlite3
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        z, v, o = (con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                   for t in ("zones", "zone_versions", "observations"))
    finally:
        con.close()
    return f"{z} zones, {v} versions, {o} observations"


def open_row(name: str, project_file: Path, env: dict, shot: str) -> Row:
    args = [str(bd.VENV_PY), "-m", "desktop", str(project_file), "--screenshot", shot]
    runs, cpu = [], []
    for _ in range(OPEN_RUNS):  # the first is the first open after the import
        dt, peak, err = _run_measured(args, env)
        if err:
            return Row(f"open to first painted window, {name}", None, goal="<= 1.5 s, <= 400 MB",
                       note=f"failed: {err}")
        runs.append((dt, peak))
        cpu.append(_LAST_CPU[0])
    first, peak = runs[0][0], max(p for _, p in runs)
    ok = first <= 1.5 and peak <= 400 * 2**20
    return Row(f"open to first painted window (`frontline P --screenshot`, whole process), {name}", first,
               goal="<= 1.5 s and <= 400 MB", met=ok,
               note=f"first open after the import; again: {runs[-1][0]:.2f} s; peak resident {peak / 2**20:.0f} MB; "
                    f"CPU {cpu[0]:.2f} s")


def stats_row(name: str, project_file: Path, env: dict) -> Row:
    args = [str(bd.VENV_PY), "-m", "desktop", "stats", str(project_file)]
    times, cpu = [], []
    for _ in range(STATS_RUNS):
        dt, _, err = _run_measured(args, env)
        if err:
            return Row(f"`frontline stats`, {name}", None, goal="<= 1 s", note=f"failed: {err}")
        times.append(dt)
        cpu.append(_LAST_CPU[0])
    med = bd.median(times)
    return Row(f"`frontline stats` (whole process), {name}", med, goal="<= 1 s", met=med <= 1.0,
               note=f"median of {STATS_RUNS} processes; CPU {bd.median(cpu):.2f} s")


def scrub_row(name: str, project_file: Path, app) -> Row:
    from pyqtgraph.functions import arrayToQPath

    from desktop.model import timeline as tl
    from desktop.storage.project.projectfile import close_project, open_project

    from .bench_interactive import bare_view, canvas_for, floor_arrays
    project = open_project(project_file, read_only=True)
    try:
        first, last = project.date_range()
        days = (last - first).days
        rng = random.Random(17)
        order = [date.fromordinal(first.toordinal() + rng.randrange(days + 1)) for _ in range(SCRUBS)]
        canvas = canvas_for(project, last)
        canvas.cursor.set_step(tl.DAY)  # a daily archive, scrubbed day by day
        whole = bd.view_bbox()
        view, vb, item = bare_view(floor_arrays(project, last))
        for v in (canvas.vb, vb):
            v.setRange(xRange=(whole[0], whole[2]), yRange=(whole[1], whole[3]), padding=0)
        app.processEvents()
        canvas.viewport().repaint()
        arrays = {d: floor_arrays(project, d) for d in set(order)}
        fl, floor = [], []
        for d in order:
            t0 = time.perf_counter()
            canvas.cursor.set_date(d)
            canvas.viewport().repaint()
            fl.append(time.perf_counter() - t0)
            app.processEvents()
            t0 = time.perf_counter()
            a = arrays[d]
            item.setPath(arrayToQPath(a[0], a[1], connect=a[2], finiteCheck=False))
            view.viewport().repaint()
            floor.append(time.perf_counter() - t0)
            app.processEvents()
        shown = len(canvas.frame_spec().observations or ())
        canvas.close()
        view.close()
        app.processEvents()
    finally:
        close_project(project)
    med = bd.median(fl)
    return Row(f"cursor scrub between random days, {name}", med, "bare pyqtgraph path", bd.median(floor),
               "<= 50 ms median", med <= 0.050,
               note=f"p95 {bd.p95(fl) * 1e3:.1f} ms over {SCRUBS} moves, first visits included; "
                    f"{shown} observations on the last day shown")


def replay_row(name: str, project_file: Path, tmp: Path) -> Row:
    from desktop.render.replay import replay_dates, write_replay
    from desktop.storage.project.projectfile import close_project, open_project

    from . import bench_paint as bp
    from .bench_video import bare_replay, video_frames
    project = open_project(project_file, read_only=True)
    try:
        dates = replay_dates(project, None, None, "day")
        # The floor paints each day's zones (those valid on it), projected before the clock.
        import numpy as np
        days = [bp.bare_arrays(bd.to_3857(np.array([v.geometry for v in project.state_at(d)], dtype=object)))
                for d in dates]
        out, bare_out = tmp / f"{name[:4]}.mp4", tmp / f"{name[:4]}-bare.mp4"
        t0, c0 = time.perf_counter(), _cpu_with_children()
        bare_replay(days, bare_out)
        bare, bare_cpu = time.perf_counter() - t0, _cpu_with_children() - c0
        t0, c0 = time.perf_counter(), _cpu_with_children()
        write_replay(project, out, dates, "day", (WIDTH, HEIGHT), FPS, bbox=bd.view_bbox())
        fl, cpu = time.perf_counter() - t0, _cpu_with_children() - c0
    finally:
        close_project(project)
    n, size = video_frames(out)
    ok_frames = n == len(dates) and size == (WIDTH, HEIGHT)
    return Row(f"daily replay to MP4 1920x1080 (in process), {name}", fl, "bare QPainter -> ffmpeg", bare,
               "<= 1.3x bare", fl <= 1.3 * bare and ok_frames,
               check=f"{n} frames {size[0]}x{size[1]}" + ("" if ok_frames else f" (WRONG: {len(dates)} days)"),
               note=f"same encoder settings; one run each; styled frames (basemap, labels, observations, chrome); "
                    f"CPU with the encoder's {cpu:.1f} s vs {bare_cpu:.1f} s ({cpu / max(bare_cpu, 1e-9):.2f}x)")


def _cpu_with_children() -> float:
    """CPU seconds of this process (all its threads) and of its finished children: ffmpeg is a
    child that exits when its video is closed, so a replay's figure includes its encoder's. On a
    shared machine the CPU ratio moves far less than the wall-time ratio."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def run(app=None) -> list[Row]:
    files = archive_files()
    if not files:
        return [Row("DeepState raw archive: skipped", None, note=f"{ARCHIVE} not found")]
    from desktop.render.frame import ensure_app
    if app is None:
        from PySide6.QtWidgets import QApplication
        app = QApplication.instance() or QApplication(sys.argv[:1])
    ensure_app()
    rows: list[Row] = []
    sets = [(f"half archive ({min(HALF, len(files))} files)", files[:HALF]),
            (f"whole archive ({len(files)} files)", files)]
    with tempfile.TemporaryDirectory(prefix="frontline-bench-archive-") as tmp:
        tmp = Path(tmp)
        env = bd.peer_env()
        env["FRONTLINE_DATA_DIR"] = str(tmp / "data")
        env["XDG_CONFIG_HOME"] = str(tmp / "config")
        for k, (name, chosen) in enumerate(sets):
            out = tmp / f"archive{k}.gpkg"
            got = import_rows(name, chosen, out, tmp)
            rows += got
            if got[0].frontline is None:
                continue
            for step in (lambda: [open_row(name, out, env, str(tmp / "shot.png"))],
                         lambda: [stats_row(name, out, env)],
                         lambda: [scrub_row(name, out, app)],
                         lambda: [replay_row(name, out, tmp)]):
                try:
                    rows += step()
                except Exception as e:  # one broken row must not lose the others
                    rows.append(Row(f"archive, {name}: a row failed", None, note=f"{type(e).__name__}: {e}"[:200]))
    note_growth(rows, len(sets[1][1]) / max(1, len(sets[0][1])))
    return rows


def note_growth(rows: list[Row], factor: float) -> None:
    """Each whole-archive row notes its time over the half's: about `factor` (the files' ratio)
    for a cost linear in the history, about 1x for one that does not grow with it."""
    def key(task: str) -> str:
        return re.sub(r"(half|whole) archive \(\d+ files\)", "", task)
    halves = {key(r.task): r for r in rows if ", half archive" in r.task}
    for r in rows:
        h = halves.get(key(r.task)) if ", whole archive" in r.task else None
        if h is not None and h.frontline and r.frontline:
            r.note += f"; growth: {r.frontline / h.frontline:.2f}x the half's, for {factor:.1f}x the files"


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "child-import":
        child_import(sys.argv[2], sys.argv[3])
    else:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from .report import table
        started = time.perf_counter()
        result = run()
        print(table(result))
        print(f"\n{time.perf_counter() - started:.0f} s")
