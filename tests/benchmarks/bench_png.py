"""One week to a PNG from the command line, start to finish (issue 8).

- Frontline: the whole `frontline render PROJECT --at DATE -o OUT.png` process (1920x1080).
- QGIS: one system-python process that starts QGIS, loads the week, renders and saves.
- matplotlib: one process that imports geopandas, reads, reprojects, draws and saves.

The goal is on Frontline's render step alone (at most 45 ms): it is measured in a child process
(`python -m tests.benchmarks.bench_png child PROJECT DATE`) that does what the command does,
stage by stage: imports, opening the project, the first (cold) frame, and saving the PNG at
several zlib levels, to show which compression pays.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from . import bench_data as bd
from .bench_data import HEIGHT, WIDTH, Row

RUNS = 3
# QImage.save quality for PNG -> zlib level (Qt: (100 - quality) * 9 // 91; -1 is zlib's default, 6).
QUALITIES = {-1: "default", 100: "0", 80: "1", 60: "3"}


def child(project_file: str, when: str) -> None:
    """What `frontline render` does (desktop.replay.render_file), stage by stage."""
    t0 = time.perf_counter()
    import desktop.render.step_frames  # noqa: F401 - what still_spec imports: an import, not the render step
    from desktop.render.replay import still_spec
    from desktop.render.frame import default_bbox, ensure_app, render_image
    from desktop.storage.project.projectfile import open_project
    ensure_app()
    t1 = time.perf_counter()
    project = open_project(project_file, read_only=True)
    t2 = time.perf_counter()
    spec = still_spec(project, date.fromisoformat(when), default_bbox(project))  # as render_file makes it
    img = render_image(spec, WIDTH, HEIGHT)
    t3 = time.perf_counter()
    again = []
    for _ in range(3):
        s = time.perf_counter()
        render_image(spec, WIDTH, HEIGHT)
        again.append(time.perf_counter() - s)
    saves = {}
    with tempfile.TemporaryDirectory() as tmp:
        for quality, level in QUALITIES.items():
            out = Path(tmp) / f"q{quality}.png"
            s = time.perf_counter()
            img.save(str(out), "PNG", quality)
            saves[level] = (time.perf_counter() - s, out.stat().st_size)
    print(json.dumps({"imports": t1 - t0, "open": t2 - t1, "render": t3 - t2, "render_again": min(again),
                      "saves": saves}))


def stages(project_file: Path, when: date) -> dict:
    r = subprocess.run([str(bd.VENV_PY), "-m", "tests.benchmarks.bench_png", "child", str(project_file),
                        when.isoformat()], capture_output=True, text=True, cwd=str(bd.ROOT), env=bd.peer_env(),
                       timeout=300)
    if r.returncode != 0:
        return {"error": (r.stderr.strip().splitlines() or ["?"])[-1][:160]}
    return json.loads(r.stdout.strip().splitlines()[-1])


def frontline_render(project_file: Path, when: date, out: Path) -> tuple[float, str]:
    t0 = time.perf_counter()
    r = subprocess.run([str(bd.VENV_PY), "-m", "desktop", "render", str(project_file), "--at", when.isoformat(),
                        "-o", str(out)], capture_output=True, text=True, env=bd.peer_env(), cwd=str(bd.ROOT),
                       timeout=300)
    err = "" if r.returncode == 0 else ((r.stderr.strip().splitlines() or ["?"])[-1][:160])
    return time.perf_counter() - t0, err


def timed_peer(python: Path, script: str, job: dict) -> tuple[list[float], dict]:
    times, last = [], {}
    for _ in range(RUNS):
        t0 = time.perf_counter()
        last = bd.run_peer(python, script, job)
        if "error" in last:
            return [], last
        times.append(time.perf_counter() - t0)
    return times, last


def png_size(path: Path) -> tuple[int, int]:
    from PySide6.QtGui import QImageReader
    s = QImageReader(str(path)).size()
    return s.width(), s.height()


def run(project_file: Path, with_qgis: bool) -> list[Row]:
    rows: list[Row] = []
    when = bd.file_date(bd.FULL_WEEK)
    task = "week to PNG from the command line (whole process)"
    with tempfile.TemporaryDirectory(prefix="frontline-bench-") as tmp:
        tmp = Path(tmp)
        out = tmp / "frontline.png"
        times, err = [], ""
        for _ in range(RUNS):
            dt, err = frontline_render(project_file, when, out)
            if err:
                break
            times.append(dt)
        fl = bd.median(times) if times else None
        check = f"PNG {'x'.join(map(str, png_size(out)))}" if times else ""
        note = f"frontline render failed: {err}" if err else ""
        job = {"file": str(bd.FULL_WEEK), "bbox": list(bd.view_bbox()), "width": WIDTH, "height": HEIGHT,
               "runs": 1, "fill": bd.FILL, "fill_alpha": bd.FILL_ALPHA}
        if with_qgis:
            q_times, q = timed_peer(bd.SYSTEM_PY, "qgis_render.py", dict(job, out=str(tmp / "q.png")))
            if q_times:
                rows.append(Row(task, fl, "QGIS 3.22 (one process)", bd.median(q_times), check=check,
                                note=note or f"QGIS: init {q['init']:.2f} s, render {q['render'][0] * 1e3:.0f} ms, "
                                             f"save {q['save'] * 1e3:.0f} ms"))
            else:
                rows.append(Row(task, fl, "QGIS", None, note=q.get("error", "")))
        m_times, m = timed_peer(bd.VENV_PY, "mpl_render.py", dict(job, mode="png", out=str(tmp / "m.png")))
        if m_times:
            rows.append(Row(task, fl, "geopandas+matplotlib (one process)", bd.median(m_times), check=check,
                            note=note or f"matplotlib: imports {m['import']:.2f} s, render {m['render'] * 1e3:.0f} ms, "
                                         f"save {m['save'] * 1e3:.0f} ms"))
        else:
            rows.append(Row(task, fl, "matplotlib", None, note=m.get("error", "")))
    # A cold process's first frame is one sample per process: the median of RUNS processes.
    runs = [stages(project_file, when) for _ in range(RUNS)]
    ok = sorted((r for r in runs if "error" not in r), key=lambda r: r["render"])
    st = ok[len(ok) // 2] if ok else runs[0]
    if "error" in st:
        rows.append(Row("week to PNG: render step", None, note=st["error"]))
    else:
        saves = ", ".join(f"zlib {lv}: {t * 1e3:.0f} ms {size // 1024} KiB"
                          for lv, (t, size) in st["saves"].items())
        rows.append(Row("week to PNG: render step (first frame of the process)", st["render"], goal="<= 45 ms",
                        met=st["render"] <= 0.045,
                        note=f"median of {len(ok)} processes; imports {st['imports']:.2f} s, open {st['open'] * 1e3:.0f} ms, "
                             f"repaint {st['render_again'] * 1e3:.0f} ms; PNG save {saves}"))
    return rows


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "child":
        child(sys.argv[2], sys.argv[3])
