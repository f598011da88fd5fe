"""Run a snippet in fresh interpreters under different string-hash seeds: what a user sees or a
file holds must not follow a set's order, which changes with PYTHONHASHSEED."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]


def outputs_under_seeds(code: str, seeds: tuple[int, ...] = (1, 2, 3)) -> list[str]:
    """Standard output of `python -c code` under each seed (tests/ on the path, Qt offscreen)."""
    out = []
    for seed in seeds:
        env = dict(os.environ, PYTHONHASHSEED=str(seed), QT_QPA_PLATFORM="offscreen",
                   PYTHONPATH=os.pathsep.join([str(TESTS), str(TESTS.parent)]))
        r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                           cwd=str(TESTS.parent), timeout=120)
        assert r.returncode == 0, r.stderr[-2000:]
        out.append(r.stdout)
    return out
