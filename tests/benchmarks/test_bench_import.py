"""Benchmark: series import of the full-front weekly files and the heavy raw snapshots, and the
exports, beside a bare GDAL read (`pyogrio.raw.read`) of the same files. Prints seconds, peak
memory growth and ratios; the goals (2x GDAL, memory < 4x input) are reported, not asserted."""
from __future__ import annotations

import gzip
import resource
import time
from pathlib import Path

import pyogrio.raw

from desktop.model import Project
from desktop.storage.exporter import export_project
from desktop.storage.importer import import_files


def _rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _peak_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _reset_peak() -> None:
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def _gdal(files: list[Path]) -> float:
    t = time.perf_counter()
    for f in files:
        pyogrio.raw.read(("/vsigzip/" if f.suffix == ".gz" else "") + str(f))
    return time.perf_counter() - t


def _bench(name: str, files: list[Path], tmp_path: Path) -> None:
    size_mb = sum(len(gzip.decompress(f.read_bytes())) if f.suffix == ".gz" else f.stat().st_size
                  for f in files) / 2**20
    gdal = min(_gdal(files) for _ in range(2))
    _reset_peak()
    idle = _rss_mb()
    p = Project()
    t = time.perf_counter()
    r = import_files(p, files, series=True, assessment="DeepState")
    took = time.perf_counter() - t
    growth = _peak_mb() - idle
    t = time.perf_counter()
    export_project(p, tmp_path / "h.geojson")
    export_project(p, tmp_path / "h.kml")
    exp = time.perf_counter() - t
    print(f"\n{name}: {len(files)} files, {size_mb:.1f} MB uncompressed; {r.versions} versions, {r.zones} zones")
    print(f"  series import {took:.2f} s; pyogrio.raw.read {gdal:.2f} s; ratio {took / gdal:.2f}x (goal <= 2x)")
    print(f"  peak memory growth {growth:.0f} MB = {growth / size_mb:.2f}x the input (goal < 4x)")
    print(f"  export GeoJSON + KML (history) {exp:.2f} s")


def test_bench_cyterat_weekly(shared_data, tmp_path):
    files = sorted((shared_data / "frontline/deepstate_cyterat_weekly").glob("*.geojson"))
    _bench("deepstate_cyterat_weekly", files, tmp_path)


def test_bench_raw_weekly_polygons(shared_data, tmp_path):
    files = sorted((shared_data / "frontline/deepstate_raw_weekly_polygons").glob("*.geojson.gz"))
    _bench("deepstate_raw_weekly_polygons", files, tmp_path)
