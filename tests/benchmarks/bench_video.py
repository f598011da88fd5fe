"""All 111 weeks of the full front to an MP4 at 1920x1080 (issue 5).

- Frontline: the whole `frontline replay PROJECT -o OUT.mp4` process at its defaults, from
  process start to exit (what the analyst waits for).
- Bare: one QPainterPath per week (arrayToQPath of the projected rings), filled into a QImage,
  its bytes streamed to ffmpeg (imageio-ffmpeg's binary): data in memory before the clock starts.
- matplotlib: FuncAnimation + FFMpegWriter, the notebook way (peers/mpl_render.py).

Goal: the whole command within 2x of the bare figure plus the time to import PySide6,
pyqtgraph, shapely, pyproj and imageio_ffmpeg. Each video is read back: 111 frames of 1920x1080.
"""
from __future__ import annotations

import subprocess
import tempfile
import time
from pathlib import Path

from . import bench_data as bd
from . import bench_paint as bp
from .bench_data import HEIGHT, WIDTH, Row

RUNS = 5
FPS = 4
ENCODER_PARAMS = ["-preset", "veryfast"]
IMPORTS = "import PySide6.QtGui, PySide6.QtWidgets, pyqtgraph, shapely, pyproj, imageio_ffmpeg"


def bare_replay(weeks_arrays: list, out: Path) -> None:
    import imageio_ffmpeg
    world, fill = bp.world_transform(), bp.bare_fill()
    # ARGB32 premultiplied is the raster engine's fast format (RGB888 paints 3x slower); its
    # bytes are BGRA on little-endian machines. x264 "veryfast": flat map frames encode twice as
    # fast as at the default "medium" and come out no larger. Quality 6 as in Frontline's sink.
    writer = imageio_ffmpeg.write_frames(str(out), (WIDTH, HEIGHT), fps=FPS, codec="libx264",
                                         pix_fmt_in="bgra", pix_fmt_out="yuv420p", macro_block_size=8, quality=6,
                                         output_params=ENCODER_PARAMS, ffmpeg_log_level="error")
    writer.send(None)
    for arrays in weeks_arrays:
        img = bp.bare_paint(arrays, world, fill)
        writer.send(bytes(img.constBits()))  # rows of 7,680 bytes: no padding at this width
    writer.close()


def video_frames(path: Path) -> tuple[int, tuple[int, int]]:
    """Frames decoded back from the file, and their size."""
    import imageio_ffmpeg
    gen = imageio_ffmpeg.read_frames(str(path))
    meta = next(gen)
    return sum(1 for _ in gen), tuple(meta["size"])


def import_floor(runs: int = 3) -> float:
    """Seconds for a fresh python to import what any Qt video writer needs."""
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([str(bd.VENV_PY), "-c", IMPORTS], check=True, env=bd.peer_env())
        times.append(time.perf_counter() - t0)
    return bd.median(times)


def make_project_file(path: Path) -> float:
    """The full-front series imported into a project file, as `frontline import --series` does."""
    from desktop.storage.imports.importer import import_files
    from desktop.storage.project.projectfile import close_project, create_project
    t0 = time.perf_counter()
    project = create_project(path, title="DeepState full front")
    import_files(project, bd.weekly_files(), series=True, status="ru_control")
    close_project(project)
    return time.perf_counter() - t0


def frontline_replay(project_file: Path, out: Path) -> tuple[float, str]:
    t0 = time.perf_counter()
    r = subprocess.run([str(bd.VENV_PY), "-m", "desktop", "replay", str(project_file), "-o", str(out)],
                       capture_output=True, text=True, env=bd.peer_env(), cwd=str(bd.ROOT), timeout=600)
    dt = time.perf_counter() - t0
    err = "" if r.returncode == 0 else ((r.stderr.strip().splitlines() or ["?"])[-1][:160])
    return dt, err


def frontline_in_process(project_file: Path, out: Path) -> float:
    """`write_replay` (what `frontline replay` runs after start-up) on a freshly opened project,
    so no render cache survives from an earlier run; opening is not timed."""
    from desktop.render.replay import replay_dates, write_replay
    from desktop.storage.project.projectfile import close_project, open_project
    project = open_project(project_file, read_only=True)
    try:
        dates = replay_dates(project, None, None, "week")
        t0 = time.perf_counter()
        write_replay(project, out, dates, "week", (WIDTH, HEIGHT), FPS)
        return time.perf_counter() - t0
    finally:
        close_project(project)


def _spread(times: list[float]) -> str:
    return f"{min(times):.2f}-{max(times):.2f} s"


def run(project_file: Path) -> list[Row]:
    from desktop.render.frame import ensure_app
    ensure_app()
    rows: list[Row] = []
    files = bd.weekly_files()
    with tempfile.TemporaryDirectory(prefix="frontline-bench-") as tmp:
        tmp = Path(tmp)
        weeks = [bp.bare_arrays(bd.to_3857(bd.read_polygons(f))) for f in files]
        bare_out, inproc_out = tmp / "bare.mp4", tmp / "inproc.mp4"
        # Interleaved, so a spell of other work on the machine (or the allocator's state: bare
        # frames are fresh 8 MB `bytes`) weighs on both sides alike.
        bare_times, inproc_times = [], []
        for _ in range(RUNS):
            bare_times += bd.measure(lambda: bare_replay(weeks, bare_out), 1, warmup=0)
            inproc_times.append(frontline_in_process(project_file, inproc_out))
        bare, inproc = bd.median(bare_times), bd.median(inproc_times)
        n_bare, _ = video_frames(bare_out)
        floor = import_floor()
        n, size = video_frames(inproc_out)
        ok_frames = n == len(files) and size == (WIDTH, HEIGHT)
        rows.append(Row("MP4 of 111 weeks, styled frames streamed to ffmpeg (in process)", inproc,
                        "bare QPainter -> ffmpeg", bare, "<= 1.3x bare", inproc <= 1.3 * bare and ok_frames,
                        check=f"{n} frames {size[0]}x{size[1]}" + ("" if ok_frames else " (WRONG)"),
                        note=f"same encoder settings (x264 veryfast, quality 6); {RUNS} runs each, interleaved: "
                             f"Frontline {_spread(inproc_times)}, bare {_spread(bare_times)}"))
        fl_out = tmp / "frontline.mp4"
        times, err = [], ""
        for _ in range(RUNS):
            dt, err = frontline_replay(project_file, fl_out)
            if err:
                break
            times.append(dt)
        goal = 2 * bare + floor
        if err:
            rows.append(Row("MP4 of 111 weeks, `frontline replay` (whole process)", None,
                            "bare QPainter -> ffmpeg", bare, note=f"frontline replay failed: {err}"))
        else:
            n, size = video_frames(fl_out)
            ok_frames = n == len(files) and size == (WIDTH, HEIGHT)
            fl = bd.median(times)
            rows.append(Row("MP4 of 111 weeks, `frontline replay` (whole process)", fl,
                            "bare QPainter -> ffmpeg", bare, f"<= 2x bare + imports ({goal:.2f} s)",
                            fl <= goal and ok_frames,
                            check=f"{n} frames {size[0]}x{size[1]}" + ("" if ok_frames else " (WRONG)"),
                            note=f"imports alone {floor:.2f} s; bare wrote {n_bare} frames"))
        r = bd.run_peer(bd.VENV_PY, "mpl_render.py",
                        {"mode": "replay", "files": [str(f) for f in files], "bbox": list(bd.view_bbox()),
                         "width": WIDTH, "height": HEIGHT, "fps": FPS, "out": str(tmp / "mpl.mp4"),
                         "fill": bd.FILL, "fill_alpha": bd.FILL_ALPHA}, timeout=900)
        fl = bd.median(times) if times else None
        if "error" in r:
            rows.append(Row("MP4 of 111 weeks", fl, "matplotlib FuncAnimation", None, note=r["error"]))
        else:
            n, _ = video_frames(tmp / "mpl.mp4")
            rows.append(Row("MP4 of 111 weeks", fl, "matplotlib FuncAnimation+ffmpeg", r["total"],
                            check=f"peer wrote {n} frames", note="peer: data loaded before the clock"))
    return rows


