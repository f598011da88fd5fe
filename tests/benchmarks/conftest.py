"""The benchmarks are not tests: `make test` ignores this folder (pyproject's addopts) and
`make bench` runs `python -m tests.benchmarks.report`. Helpers' timing modules here
(`test_bench_*.py`) may still be run with `pytest tests/benchmarks -s`; they skip without the
shared data."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
