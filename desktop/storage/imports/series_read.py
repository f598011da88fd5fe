"""The snapshots of a series read, prepared and cleaned, on two cores when there are two.

Cleaning a snapshot (`snapshot.SnapshotCleaner`) is GEOS work on polygons of hundreds of
vertices, and a snapshot depends on the one before it only through memos of exact results
(`GeometryMemo`, `OverlapMemo`): a memo hit gives what computing again would give. So the files
are cut into two consecutive runs, each read with memos of its own: the first in the calling
thread, the second in a child process (threads were tried: the reading is Python holding the
GIL, and on a busy machine every hand-over of the GIL between threads waits for the scheduler,
so two threads were slower than one). The child sends its snapshots back pickled (shapely
pickles as WKB: the same coordinates, bit for bit). The runs are put together in file order,
so the snapshots, the report and any error are what reading the files one by one gives; only
the first file of the second run misses the previous file's memos. The matching of parts to
versions (`series.py`) stays sequential: it needs every earlier snapshot.

Measured (fresh processes, medians of quiet moments on 2 cores): the 83 heavy raw weekly files
3.16 s -> 1.82 s (1.50x a bare `pyogrio.raw.read`, was 2.61x), the 111 full-front files 0.56 s ->
0.36 s (1.27x, was 2.0x). With another process busy on one of the two cores it is ~10% slower
than one run (the split costs ~5-20% more CPU: the second run's first file without memos, fork
and page copies, pickling).

`progress` is called from the calling thread only, once per file (a GUI may update widgets in
it); when it returns False the child is ended and nothing is returned.
"""
from __future__ import annotations

import multiprocessing
import os
import sys
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path
from typing import Callable, Sequence

from desktop.model.entities import Observation

from desktop.storage.errors import InputError
from desktop.storage.imports.geojson_fast import GeometryMemo
from desktop.storage.imports.prepare import prepare
from desktop.storage.imports.readers import read_any
from desktop.storage.imports.report import ImportReport
from desktop.storage.imports.series_points import SamePoints
from desktop.storage.imports.snapshot import Part, SnapshotCleaner

# A child pays off from about this much input (bytes to parse: a .gz file counts 3x its size, as
# DeepState's compress): below it, starting the child costs more than the half it takes over.
# (About 0.06 s per MB for the full-front files, 0.1 s for the heavy raw ones, one core.)
MIN_BYTES_FORK = 1 << 20
MIN_BYTES_SPAWN = 16 << 20  # a spawned child imports shapely and numpy first (~0.3-0.5 s)
GZIP_RATIO = 3
SPAWN_HEAD_START = 3 << 20  # what the first run reads while a spawned child imports


@dataclass
class Snapshot:
    date: date
    file: str
    parts: list[Part]
    observations: list[Observation]
    # When the snapshot was recorded: the latest its features give (prepare fills the import
    # date where a feature gives none); the versions it makes carry it.
    recorded_on: date | None = None
    deepstate: bool = False  # the file is DeepState's (`statuses.is_deepstate`)
    publisher: str = ""  # who published the file, by its own members


class _Run:
    """Consecutive files read, prepared and cleaned in order, with memos and a report of their own."""

    def __init__(self, legend: dict, paths: Sequence[str | Path], status: str | None,
                 new_legend: dict | None = None, dates: Sequence[date] | None = None) -> None:
        self.legend = legend
        self.paths = paths
        self.dates = dates  # each file's day as planned (`series_days`); None: the file's own
        self.status = status
        self.report = ImportReport()
        self.new_legend: dict = dict(new_legend or {})
        self.snapshots: list[Snapshot] = []
        self.error: Exception | None = None
        self.stopped = False

    def tier(self, status: str) -> str:  # as `importer._tier_of`
        s = self.legend.get(status) or self.new_legend.get(status)
        return s.tier if s else "annotation"

    def run(self, done: Callable[[], bool] = lambda: True) -> None:
        """Read the files until the end, an error (kept in `error`, raised by the caller in file
        order) or `done()`, called after each file, returning False."""
        memo = GeometryMemo()
        cleaner = SnapshotCleaner(self.tier)
        same_points = SamePoints()
        try:
            for n, path in enumerate(self.paths):
                prep = prepare(read_any(path, memo), self.legend, self.report, status=self.status,
                               new_legend=self.new_legend, memo=memo, same_points=same_points)
                self.report.files += 1
                day = prep.file_date if self.dates is None else self.dates[n]
                if day is None:
                    raise InputError(f"{prep.file}: no date for this snapshot (give a `date` property or a "
                                     "YYYYMMDD or Unix timestamp in the file name)")
                if prep.file_date is not None and prep.file_date != day:
                    self.report.note(f"{prep.file}: the file says {prep.file_date.isoformat()}, its name "
                                     f"{day.isoformat()}; the name's date is used")
                recorded = max((it.attrs["recorded_on"] for it in prep.items), default=None)
                self.snapshots.append(Snapshot(day, prep.file, cleaner.parts(prep.items, self.report),
                                               same_points(prep.observations), recorded, prep.deepstate,
                                               prep.publisher))
                if done() is False:
                    self.stopped = True
                    return
        except Exception as e:  # noqa: BLE001 - raised by the caller, in file order
            self.error = e


def _child(conn, legend: dict, paths: Sequence[str | Path], status: str | None, new_legend: dict,
           dates: Sequence[date] | None = None) -> None:
    """The second run, in a child process: a message after each file, then the run's results."""
    run = _Run(legend, paths, status, new_legend, dates)
    try:
        run.run(lambda: conn.send(None) or True)
        try:
            conn.send((run.snapshots, run.report, run.new_legend, run.error))
        except Exception as e:  # noqa: BLE001 - an error that does not pickle is sent as its text
            conn.send((run.snapshots, run.report, run.new_legend, RuntimeError(f"{type(e).__name__}: {run.error}")))
    finally:
        conn.close()


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _start_method() -> str:
    """fork (nothing to import again) unless Qt is loaded: a GUI's native threads may hold locks
    that a forked child would inherit locked."""
    methods = multiprocessing.get_all_start_methods()
    return "fork" if "fork" in methods and "PySide6" not in sys.modules else "spawn"


def _sizes(paths: Sequence[str | Path]) -> list[int]:
    out = []
    for p in paths:
        try:
            out.append(max(1, os.path.getsize(p)) * (GZIP_RATIO if str(p).endswith(".gz") else 1))
        except OSError:
            out.append(1)  # the run reports the missing file in its place
    return out


def _cut(sizes: list[int], min_bytes: int, head_start: int = 0) -> int:
    """Where the second run starts (about half the bytes, `head_start` more for the first run
    while the child starts up), 0 for one run only."""
    total = sum(sizes)
    if len(sizes) < 2 or total < min_bytes:
        return 0
    acc = 0
    for i, s in enumerate(sizes):
        acc += s
        if acc >= (total + head_start) / 2:
            return max(1, min(i + 1, len(sizes) - 1))
    return len(sizes) - 1


def _merge_into(report: ImportReport, part: ImportReport) -> None:
    for f in fields(ImportReport):
        mine, theirs = getattr(report, f.name), getattr(part, f.name)
        if isinstance(mine, list):
            mine.extend(theirs)
        elif isinstance(mine, int) and not isinstance(mine, bool):
            setattr(report, f.name, mine + theirs)


def read_snapshots(legend: dict, paths: Sequence[str | Path], report: ImportReport, new_legend: dict, *,
                   status: str | None, progress: Callable[[int, int], bool] | None, total: int,
                   parallel: bool | None = None, dates: Sequence[date] | None = None) -> list[Snapshot] | None:
    """Every file's snapshot in file order (None when `progress` returned False), with its lines
    in `report` and its new legend entries in `new_legend`, as reading them one by one gives.
    Raises the InputError of the first file (in order) that cannot be used. `parallel`: None
    decides by the cores and the amount of input, True/False force it (tests). `dates`: each
    file's day as planned (`series_days.plan_days`); None: each file's own."""
    method = _start_method()
    cut = 0
    if parallel or (parallel is None and cores() > 1):
        fork = method == "fork"
        cut = _cut(_sizes(paths), 0 if parallel else MIN_BYTES_FORK if fork else MIN_BYTES_SPAWN,
                   0 if fork else SPAWN_HEAD_START)
    first = _Run(legend, paths[:cut] if cut else paths, status, new_legend,
                 None if dates is None else dates[:cut] if cut else dates)
    n = 0

    def step() -> bool:
        nonlocal n
        n += 1
        return progress is None or progress(n, total) is not False

    if not cut:
        first.run(step)
        runs = [first]
    else:
        second = _run_pair(first, _Run(legend, paths[cut:], status, new_legend,
                                       None if dates is None else dates[cut:]), method, step)
        if second is None:
            return None
        runs = [first, second]
    if first.stopped:
        return None
    out: list[Snapshot] = []
    start = set(new_legend)
    for r in runs:
        if r is not first and r.new_legend.keys() - start and new_legend.keys() - start:
            # Both runs added legend entries: what the second reported (and each entry's order)
            # depends on the first, so it is read again after it, here (DeepState adds none).
            r = _Run(legend, r.paths, status, new_legend, r.dates)
            r.run()
        if r.error is not None:
            raise r.error
        _merge_into(report, r.report)
        new_legend.update(r.new_legend)
        out.extend(r.snapshots)
    return out


def _run_pair(first: _Run, second: _Run, method: str, step: Callable[[], bool]) -> _Run | None:
    """`first` here while `second` runs in a child; `second` with the child's results (read here
    after all if the child died), None when `step` said stop."""
    ctx = multiprocessing.get_context(method)
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(send, second.legend, second.paths, second.status, second.new_legend,
                                                   second.dates),
                       daemon=True, name="frontline-series-read")
    try:
        proc.start()
    except Exception:  # noqa: BLE001 - no child (a daemon process, no resources): both runs here
        proc = None
        recv.close()
    send.close()
    result = None
    stop = False
    n_child = 0

    def drain(block: bool) -> None:
        nonlocal result, stop, n_child
        if proc is None:
            return
        while result is None and not stop and (block or recv.poll()):
            msg = recv.recv()
            if msg is None:
                n_child += 1
                stop = not step()
            else:
                result = msg

    def mine() -> bool:
        nonlocal stop
        stop = stop or not step()
        if not stop:
            try:
                drain(block=False)
            except (EOFError, OSError):
                pass  # the child died: its files are read here afterwards
        return not stop

    try:
        first.run(mine)
        if first.error is None and not stop:
            try:
                drain(block=True)
            except (EOFError, OSError):
                result = None
    finally:
        if proc is not None:
            if result is None or stop or first.error is not None:
                proc.terminate()
            proc.join()
            recv.close()
    if stop:
        first.stopped = True
        return None
    if first.error is not None:
        return second  # never looked at: the first run's error is raised
    if result is None:  # the child died (killed, out of memory): the same work, here
        told = n_child

        def again() -> bool:  # progress only for the files the child had not reported
            nonlocal told
            told -= 1
            return told >= 0 or step()
        second.run(again)
        if second.stopped:
            first.stopped = True
            return None
        return second
    second.snapshots, second.report, second.new_legend, second.error = result
    return second
