"""The replay engine: the map as a still and the timeline as a video, painted by the one frame painter.

Frames are built by `step_frames.step_spec`, the spec presentation mode paints, so an exported
frame is the presentation of that step. Replay: exactly one frame per step, from the step holding
the first date (the first date with data, or a given one) to the step holding the last, inclusive;
each frame shows the state on its step's first day. The command line (`cli_render`) and the
window's export dialogs both call this module; heavy imports stay inside the functions so that
`frontline --help` does not load Qt.
"""
from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Callable

Progress = Callable[[int, int], bool]  # (done, total) -> keep going?

# Seconds a replay video holds its last step after that step's own 1/fps: the default of
# `frontline replay --hold-last` and of the export dialog (0 turns it off).
HOLD_LAST = 1.0


def prepare_qt() -> None:
    """A QGuiApplication for painting; with no screen, Qt must not try to open a display."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desktop.render.frame import ensure_app
    ensure_app()


def render_file(project, at: date, output: Path, size: tuple[int, int],
                bbox_lonlat: tuple[float, float, float, float] | None = None) -> Path:
    """Write the map on `at` to .png, .svg or .pdf."""
    from desktop.render.export import write_image
    from desktop.render.frame import default_bbox
    from desktop.model.mercator import bbox_to_merc
    bbox = bbox_to_merc(*bbox_lonlat) if bbox_lonlat else default_bbox(project)
    write_image(still_spec(project, at, bbox), size, output)
    return output


def still_spec(project, at: date, bbox: tuple[float, float, float, float]):
    """A still: title, date, legend, scale bar, north arrow, attribution; no step overlay;
    painted once (see FrameSpec.once)."""
    from dataclasses import replace

    from desktop.model import timeline as tl
    from desktop.render.step_frames import step_spec
    return replace(step_spec(project, at, tl.WEEK, bbox=bbox, captions=False), previous=None, once=True)


def replay_dates(project, first: date | None, last: date | None, step: str) -> list[date]:
    from desktop.model import timeline as tl
    r = project.date_range()
    if r is None and (first is None or last is None):
        return []
    first = first or r[0]
    last = last or r[1]
    return tl.steps_between(first, last, step)


def usable_cores(cgroup: Path = Path("/sys/fs/cgroup")) -> int:
    """Cores this process may use: its CPU affinity, capped by a container's CPU quota (cgroup
    v2 `cpu.max`, or v1's CFS quota), which the affinity does not show."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    for quota_file, period_file in (("cpu.max", None), ("cpu/cpu.cfs_quota_us", "cpu/cpu.cfs_period_us")):
        try:
            words = (cgroup / quota_file).read_text().split()
            if period_file is not None:
                words.append((cgroup / period_file).read_text().strip())
            quota, period = int(words[0]), int(words[1])  # "max" (no quota) raises
        except (OSError, ValueError, IndexError):
            continue
        if quota > 0 and period > 0:
            cores = min(cores, max(1, -(-quota // period)))
        break
    return cores


def spare_cores() -> int:
    """Cores beyond the two ffmpeg's encoder keeps busy."""
    return max(0, usable_cores() - 2)


def write_replay(project, output: Path, dates: list[date], step: str, size: tuple[int, int], fps: float,
                 progress: Progress | None = None, *, base=None,
                 bbox: tuple[float, float, float, float] | None = None, hold_last: float = 0.0) -> int:
    """Stream one frame per date into `output`; returns the frames written (fewer if cancelled,
    in which case a partial video file is removed). `base` and `bbox`: the layer choices and
    view of the frames, as `step_spec` takes them (the window passes its map's, so the video is
    what presentation mode shows); by default all layers over the project's area. `hold_last`:
    seconds an MP4 or GIF keeps showing the last step after its frame (ffmpeg repeats it; the
    count returned is still one per date).

    Painting and encoding overlap: ffmpeg encodes earlier frames while this thread paints (see
    video.py). With a core to spare beside the encoder, a worker thread also builds the next
    frame's spec and shapes (caption areas and the gains/losses overlay are GEOS overlays, which
    release the GIL) while this one paints. On two cores it is left out: the encoder keeps both
    busy, and a second Python thread only added GIL hand-offs (111 full-front weeks at 1080p:
    1.79 s with it, 1.70 s without, median of 8).
    """
    from concurrent.futures import ThreadPoolExecutor
    from contextlib import nullcontext

    from PySide6.QtGui import QPainter

    from desktop.render.step_frames import step_spec

    from desktop.render import styles
    from desktop.render.frame import covers_frame, default_bbox, paint_frame
    from desktop.render.video import open_sink
    from desktop.render.zones import prepare_zones
    w, h = size
    bbox = bbox if bbox is not None else default_bbox(project)
    sink = open_sink(output, size, fps, hold_last=hold_last)
    done = 0

    worker = ThreadPoolExecutor(1, thread_name_prefix="replay-spec") if spare_cores() else None

    def spec_of(d: date):
        spec = step_spec(project, d, step, bbox=bbox, base=base)
        if worker is not None:
            # The next frame's shapes and overlay, built on the worker while this thread paints.
            # Without one, painting builds what it needs and nothing more (prepare_zones also
            # builds the per-status overlay, a second pass over the step's changes).
            prepare_zones(spec, w, h)
        return spec

    try:
        with worker or nullcontext():
            upcoming = worker.submit(spec_of, dates[0]) if worker is not None and dates else None
            for i, d in enumerate(dates):
                if progress is not None and not progress(i, len(dates)):
                    sink.abort()
                    return done
                if worker is not None:
                    spec = upcoming.result()
                    upcoming = worker.submit(spec_of, dates[i + 1]) if i + 1 < len(dates) else None
                else:
                    spec = spec_of(d)
                img = sink.image(size)  # a free buffer: the previous frames may still be encoding
                if not covers_frame(spec):
                    img.fill(styles.qcolor(styles.LAND))
                p = QPainter(img)
                try:
                    paint_frame(p, w, h, spec)
                finally:
                    p.end()  # never left active on an image that is freed first (a crash)
                sink.write(img)
                done += 1
    except BaseException:
        sink.abort()
        raise
    sink.close()
    if progress is not None:
        progress(len(dates), len(dates))
    return done
