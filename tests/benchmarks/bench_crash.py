"""The SIGKILL crash test, 200 times in a row (issue 20, item 5): a crash test that can fail by
chance hides the day it fails for real, so `make bench` shows it holds run after run.

Each run is `tests/storage/test_crash_safety.py::test_sigkill_loses_nothing_committed` as the
suite runs it (50 kills of a writer, each after a planned number of acknowledged edits; after
each kill the file is whole and holds every acknowledged edit), in a fresh folder. The row says
how many of the runs passed and the median time of one; the first failure is in the note.

    .venv/bin/python -m tests.benchmarks.bench_crash [RUNS]

runs it alone (no time budget). In the report the runs stop starting once `make bench` nears its
30 minutes; the row then says how many ran.
"""
from __future__ import annotations

import importlib.util
import statistics
import sys
import tempfile
import time
import traceback
from pathlib import Path

from .bench_data import ROOT, Row

RUNS = 200


def _crash_test_module():
    path = ROOT / "tests" / "storage" / "test_crash_safety.py"
    spec = importlib.util.spec_from_file_location("frontline_test_crash_safety", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def run(runs: int = RUNS, stop_at: float | None = None, progress: bool = True) -> list[Row]:
    """`runs` runs of the crash test in a row; no new run starts after the `time.perf_counter()`
    value `stop_at`."""
    mod = _crash_test_module()
    times: list[float] = []
    failures: list[str] = []
    done = 0
    for i in range(runs):
        if stop_at is not None and time.perf_counter() > stop_at:
            break
        t0 = time.perf_counter()
        with tempfile.TemporaryDirectory(prefix="frontline-crash-") as tmp:
            try:
                mod.test_sigkill_loses_nothing_committed(Path(tmp))
            except Exception as e:  # noqa: BLE001 - a failing run is counted and named, never a crash
                failures.append(f"run {i + 1}: {type(e).__name__}: {' '.join(str(e).split())}"[:300])
                traceback.print_exc()
        times.append(time.perf_counter() - t0)
        done += 1
        if progress and done % 20 == 0:
            print(f"[bench] crash test: {done} runs, {len(failures)} failed", flush=True)
    passed = done - len(failures)
    note = f"{done} of {runs} runs ({mod.KILLS} SIGKILLs each) passed: {passed}"
    if done < runs:
        note += f"; stopped after {done} runs: the time budget of `make bench` was spent"
    if failures:
        note += f"; first failure: {failures[0]}"
    return [Row(f"SIGKILL crash test, {runs} runs in a row (no acknowledged edit lost, file never damaged)",
                statistics.median(times) if times else None, goal=f"{runs} of {runs} pass",
                met=(not failures and done == runs) if done else None, check=f"{passed}/{done} passed",
                note=note)]


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else RUNS
    (row,) = run(n)
    print(f"{row.task}: {row.check}; median {row.frontline:.2f} s per run; {row.note}")
    sys.exit(0 if row.met else 1)
