"""A long editing session (issue 17, item 6): thousands of random edits through the real window.

The window (`MainWindow`) is opened on a copy of the bundled sample and shown; each edit is a
command of the kind the tools and the inspector build (draw a zone, reshape or move one,
restate its status, its notes, rename it, add or edit a source or a quote), pushed through
`window.push` as a tool would, and Qt's events are processed after it so the views repaint.
Each edit is timed including that work. The rows compare the median edit at the start of the
session with the median at its end (an edit's cost must depend on what it touches, not on how
long the session has run), the p95, and how much the process grew.

`session_edits` is also what the fast regression test (tests/ui/test_long_session.py) drives.
"""
from __future__ import annotations

import gc
import random
import resource
import shutil
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Callable, Iterator

from shapely import affinity
from shapely.geometry import Point

from .bench_data import Row, median, p95

EDITS = 5000
WINDOW = 250  # edits in the "start" and "end" samples
KINDS = ("create", "reshape", "move", "status", "notes", "rename", "source", "quote")
SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "pokrovsk_myrnohrad_2025.gpkg"


def rss_mb() -> float:
    """The process's resident memory now (not its peak), in MB."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * resource.getpagesize() / 2**20
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _command(window, kind: str, rng: random.Random, n: int) -> Callable[[], object] | None:
    """One edit of `kind`: the user's choices (which zone, which date, what shape) are made now,
    and the returned function builds the command as the tool or inspector would (that part is
    timed with the edit; the choosing, the user's part, is not)."""
    from desktop.model import edits
    from desktop.model.evidence_commands import add_quote, add_source, edit_quote, edit_source
    p = window.project
    d0, d1 = p.date_range()
    as_of = d0 + timedelta(days=rng.randrange((d1 - d0).days + 1))
    zones = [z for z in p.zones if p.version_at(z, as_of) is not None] if kind != "create" else []
    zid = rng.choice(zones) if zones else None
    if kind == "create" or (zid is None and kind in ("reshape", "move", "status", "notes", "rename")):
        # A small blob somewhere over the sample's front (lon/lat), as the polygon tool draws it.
        x, y = 37.0 + rng.random() * 0.35, 48.15 + rng.random() * 0.2
        shape = Point(x, y).buffer(0.004 + rng.random() * 0.006, quad_segs=4)
        aid = window.context.assessment_id
        status = rng.choice(["ru_control", "contested", "ru_advance", "ua_liberated"])
        return lambda: edits.create_zone(p, name=f"Zone {n}", assessment_id=aid, geometry=shape, status=status,
                                         as_of=as_of, mode=edits.CLIP_SELF)[0]
    if kind in ("reshape", "move"):
        g = p.version_at(zid, as_of).geometry
        if kind == "reshape":
            g = affinity.scale(g, 1.0 + rng.uniform(-0.05, 0.05), 1.0 + rng.uniform(-0.05, 0.05))
        else:
            g = affinity.translate(g, rng.uniform(-0.002, 0.002), rng.uniform(-0.002, 0.002))
        return lambda: edits.edit_zone(p, zid, as_of, geometry=g, mode=edits.CLIP_SELF)
    if kind == "status":
        status = rng.choice(["ru_control", "contested", "ru_advance"])
        return lambda: edits.edit_zone(p, zid, as_of, status=status, mode=edits.CLIP_SELF)
    if kind == "notes":
        vid = p.version_at(zid, as_of).id
        return lambda: edits.set_version_fields(p, vid, notes=f"note {n}")
    if kind == "rename":
        return lambda: edits.rename_zone(p, zid, f"{p.zones[zid].name.split(' #')[0]} #{n}")
    if kind == "source":
        if p.sources and rng.random() < 0.5:
            sid = rng.choice(list(p.sources))
            return lambda: edit_source(p, sid, notes=f"checked {n}")
        return lambda: add_source(p, f"Outlet {n}", title=f"Report {n}", url=f"https://example.org/{n}")[0]
    if p.quotes and p.sources and rng.random() < 0.5:
        qid = rng.choice(list(p.quotes))
        return lambda: edit_quote(p, qid, translation=f"translation {n}")
    if not p.sources:
        return None
    sid = rng.choice(list(p.sources))
    return lambda: add_quote(p, sid, f"Quote {n}: the village is contested")[0]


def settle(app) -> None:
    """What the event loop does after an edit: posted events (updates, repaints) and the widgets
    views dropped with deleteLater. `processEvents` alone never deletes those outside a running
    loop, so a scripted session would pile up thousands of dead labels the real window frees."""
    from PySide6.QtCore import QCoreApplication, QEvent
    app.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def session_edits(window, app, count: int, seed: int = 17,
                  each: Callable[[int, str], None] | None = None) -> Iterator[tuple[str, float, float]]:
    """Push `count` random edits through `window`, yielding (kind, seconds, CPU seconds) per
    edit: building the command, pushing it, and Qt's events after it (the views' updates and
    repaints). The CPU time is the process's: on a machine shared with other work it shows how
    the edit's own cost grows, which the wall time blurs."""
    from desktop.model.edits import EditError
    rng = random.Random(seed)
    done = 0
    while done < count:
        kind = rng.choice(KINDS)
        build = _command(window, kind, rng, done)
        if build is None:
            continue
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            cmd = build()
        except EditError:
            continue
        if not cmd or not window.push(cmd):
            continue
        settle(app)  # the views' updates and repaints (the map's included) are part of the edit
        dt, cpu = time.perf_counter() - t0, time.process_time() - c0
        done += 1
        if each is not None:
            each(done, kind)
        yield kind, dt, cpu


def open_window(app, path: Path):
    from desktop.storage.project.projectfile import open_project
    from desktop.ui.window.main_window import MainWindow
    window = MainWindow(open_project(path), path, restore_layout=False)
    window.keep_saved_layout()
    window.resize(1600, 1000)
    window.show()
    app.processEvents()
    return window


def run(app, edits: int = EDITS) -> list[Row]:
    """The session rows: median edit at the start and at the end, p95, memory growth."""
    with tempfile.TemporaryDirectory(prefix="frontline-session-") as tmp:
        path = Path(tmp) / "session.gpkg"
        shutil.copyfile(SAMPLE, path)
        window = open_window(app, path)
        gc.collect()
        rss0 = rss_mb()
        t0 = time.perf_counter()
        measured = list(session_edits(window, app, edits))
        times, cpu = [m[1] for m in measured], [m[2] for m in measured]
        wall = time.perf_counter() - t0
        gc.collect()
        grown = rss_mb() - rss0
        p = window.project
        size = f"{len(p.zones)} zones, {len(p.versions)} versions, {window.stack.index} undo steps kept"
        window.close()
        app.processEvents()
    start, end = median(times[:WINDOW]), median(times[-WINDOW:])
    ok = end <= 1.5 * start and end <= 0.050
    return [
        Row(f"edit in a long session: median of the last {WINDOW} of {edits:,} edits", end,
            f"median of the first {WINDOW}", start, "<= 1.5x start and <= 50 ms", ok,
            note=f"{end / start:.2f}x; CPU {median(cpu[:WINDOW]) * 1e3:.1f} -> {median(cpu[-WINDOW:]) * 1e3:.1f} ms "
                 f"({median(cpu[-WINDOW:]) / median(cpu[:WINDOW]):.2f}x); {size}; {wall:.0f} s in all"),
        Row(f"edit in a long session: p95 of the last {WINDOW}", p95(times[-WINDOW:]),
            f"p95 of the first {WINDOW}", p95(times[:WINDOW])),
        Row(f"memory growth over {edits:,} edits (resident)", None, goal="< 300 MB", met=grown < 300,
            note=f"{grown:,.0f} MB ({rss0:,.0f} -> {rss0 + grown:,.0f} MB)"),
    ]


if __name__ == "__main__":  # python -m tests.benchmarks.bench_session [EDITS]
    import os
    import sys
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desktop.ui.app import make_app
    for row in run(make_app(), int(sys.argv[1]) if len(sys.argv) > 1 else EDITS):
        print(row)
