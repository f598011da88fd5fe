"""Series import (issue 3) against a bare GDAL read of the same files, and its peak memory.

Frontline: `import_files(..., series=True)` into an in-memory project (reading, checking,
status mapping, overlap cleaning and version matching: everything `frontline import --series`
does short of writing the project file). Peer: `pyogrio.raw.read` of every file (GDAL parses
the GeoJSON and hands back WKB, nothing more). Export of the imported history to GeoJSON is
reported beside `pyogrio.write` of the same features.

Peak memory is measured in a child process (`python -m tests.benchmarks.bench_import child
NAME`): resident memory at its highest during the import minus the idle process's, against
4x the uncompressed size of the input.
"""
from __future__ import annotations

import gzip
import json
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

from . import bench_data as bd
from .bench_data import Row

RUNS = 3
DATASETS = {
    "full-front series (111 files)": (bd.weekly_files, "ru_control"),
    "heavy raw series (83 .gz files)": (bd.heavy_files, None),
}


def uncompressed_bytes(files: list[Path]) -> int:
    total = 0
    for f in files:
        if f.suffix == ".gz":
            with gzip.open(f, "rb") as fh:
                while chunk := fh.read(1 << 20):
                    total += len(chunk)
        else:
            total += f.stat().st_size
    return total


def gdal_read_all(files: list[Path]) -> None:
    from pyogrio.raw import read
    for f in files:
        read(bd.gdal_path(f))


def _vm_hwm() -> int:
    """Peak resident memory of this process image, bytes. Not `ru_maxrss`: Linux carries that
    over `execve` from the parent, so a child spawned by a big report would report the report's."""
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def child(name: str) -> None:
    """Import one data set once and print idle and peak resident memory (bytes)."""
    import psutil
    from desktop.model.project import Project  # noqa: F401  (modules loaded before "idle")
    from desktop.storage.imports.importer import import_files  # noqa: F401
    files_of, status = DATASETS[name]
    files = files_of()
    idle = psutil.Process().memory_info().rss
    try:
        Path("/proc/self/clear_refs").write_text("5")  # reset the peak to the idle process
    except OSError:
        pass
    sp = bd.import_series(files, status)
    print(json.dumps({"idle": idle, "peak": _vm_hwm(), "versions": len(sp.project.versions)}))


def memory_row(name: str, files: list[Path]) -> Row:
    r = subprocess.run([str(bd.VENV_PY), "-m", "tests.benchmarks.bench_import", "child", name],
                       capture_output=True, text=True, cwd=str(bd.ROOT), env=bd.peer_env(), timeout=600)
    if r.returncode != 0:
        return Row(f"import {name}: peak memory", None, note=(r.stderr.strip().splitlines() or ["?"])[-1][:150])
    m = json.loads(r.stdout.strip().splitlines()[-1])
    size = uncompressed_bytes(files)
    growth = m["peak"] - m["idle"]
    return Row(f"import {name}: peak memory growth", None, goal="< 4x input", met=growth < 4 * size,
               note=f"{growth / 2**20:.0f} MiB above idle for {size / 2**20:.1f} MiB of GeoJSON "
                    f"({growth / size:.1f}x); {m['versions']} versions")


def export_rows(name: str, sp: bd.SeriesProject, tmp: Path) -> list[Row]:
    from desktop.storage.exports.exporter import export_project
    import numpy as np
    import pyogrio
    import shapely
    out = tmp / "history.geojson"
    fl = bd.measure(lambda: export_project(sp.project, out), RUNS, warmup=0)
    versions = list(sp.project.versions.values())
    geoms = shapely.to_wkb(np.array([v.geometry for v in versions], dtype=object))
    fields = [np.array([v.status for v in versions], dtype=object),
              np.array([v.valid_from.isoformat() for v in versions], dtype=object),
              np.array([(v.valid_to.isoformat() if v.valid_to else "") for v in versions], dtype=object)]
    peer_out = tmp / "peer.geojson"

    def peer() -> None:
        pyogrio.raw.write(str(peer_out), geometry=geoms, field_data=fields,
                          fields=["status", "valid_from", "valid_to"], geometry_type="MultiPolygon",
                          crs="EPSG:4326", driver="GeoJSON")
    peer_t = bd.measure(peer, RUNS, warmup=0)
    back = pyogrio.raw.read(str(out))
    ok = len(back[2]) == len(versions)
    return [Row(f"export {name} history to GeoJSON", bd.median(fl), "pyogrio.raw.write", bd.median(peer_t),
                check=f"{len(back[2])} features read back by GDAL" + ("" if ok else f" (expected {len(versions)})"))]


def run(series: dict[str, bd.SeriesProject]) -> list[Row]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="frontline-bench-") as tmp:
        for name, (files_of, status) in DATASETS.items():
            files = files_of()
            fl = bd.measure(lambda: bd.import_series(files, status), RUNS, warmup=0)
            peer = bd.measure(lambda: gdal_read_all(files), RUNS, warmup=1)
            sp = series.get(name) or bd.import_series(files, status)
            n = len(sp.project.versions)
            f, p = bd.median(fl), bd.median(peer)
            rows.append(Row(f"series import, {name}", f, "pyogrio.raw.read", p, "<= 2x", f <= 2 * p,
                            check=f"{n} versions from {len(files)} snapshots"))
            rows.append(memory_row(name, files))
            rows += export_rows(name, sp, Path(tmp))
    return rows


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "child":
        child(sys.argv[2])
