"""Hostile input stays cheap (issue 20): bounded repairs and streamed compressed inputs.

Repair scaling: a GeoJSON file of one scribble (random points, crossings growing as the square
of the vertices) of 10k, 60k and 200k vertices, and a real-looking 200k-vertex front line with
one bow-tie, each imported by `frontline import`'s code (`import_files`) in a child process:
its wall time and its peak resident memory above idle, against the repair budget (20 s / 1 GB
per file). A scribble must be refused, the front line repaired, each within the budget.

Peak memory: a 50 MB gzip GeoJSON and a 50 MB KMZ read as accepted inputs (goal: uncompressed
size + 200 MB), a KMZ whose zip header lies and a gzip bomb refused (goal: next to nothing); a
400 MB GeoJSON that is mostly coordinates, plain and gzip, read feature by feature as its bytes
arrive (`geojson_stream`; goal: its size + 200 MB), beside the same file read whole and cut up
(the reading before, for comparison: about 2.3 times its size).

Every file is generated (seeded) in a temporary folder; no data set is needed. Each case runs
in its own process: `python -m tests.benchmarks.bench_hostile child KIND PATH`.
"""
from __future__ import annotations

import gzip
import json
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

import numpy as np

from . import bench_data as bd
from .bench_data import Row
from tests.support.hostile_files import bow_tie_front, geojson_doc, geojson_many_lines, kml_doc, lying_zip, scribble

MB = 1 << 20


def polygon_file(path: Path, ring: np.ndarray, name: str) -> Path:
    coords = "[" + ",".join(f"[{x:.7f},{y:.7f}]" for x, y in ring) + "]"
    path.write_text('{"type":"FeatureCollection","features":[{"type":"Feature","id":"f1","properties":'
                    f'{{"name":"{name}","status":"ru_control"}},"geometry":{{"type":"Polygon","coordinates":'
                    f'[{coords}]}}}}]}}')
    return path


def geojson_gz(path: Path, target: int) -> int:
    doc = geojson_doc(target)
    path.write_bytes(gzip.compress(doc, 1))
    return len(doc)


def kmz(path: Path, doc: bytes, claimed: int | None = None) -> int:
    path.write_bytes(lying_zip(doc, claimed))  # with `claimed`, the header lies
    return len(doc)


def gzip_bomb(path: Path, size: int, trailer: int | None = None) -> int:
    z = zlib.compressobj(9, zlib.DEFLATED, 31)
    body = bytearray()
    chunk = b"\0" * (16 * MB)
    for _ in range(size // len(chunk)):
        body += z.compress(chunk)
    body += z.flush()
    if trailer is not None:
        body[-4:] = struct.pack("<I", trailer)
    path.write_bytes(bytes(body))
    return size


# -- the child: one case, its time and its memory --------------------------------------------

def _status(key: str) -> int:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(key):
                return int(line.split()[1]) * 1024
    return 0


def child(kind: str, path: str) -> None:
    from desktop.model.project import Project
    from desktop.storage.imports.importer import import_files
    from desktop.storage.imports.kml_read import read_kml
    from desktop.storage.imports.readers import read_any
    idle = _status("VmRSS:")
    Path("/proc/self/clear_refs").write_text("5")  # the peak from here on
    t = time.perf_counter()
    if kind == "read-whole":  # the reading before streaming: the document held, then cut up
        from desktop.storage.imports import geojson_read, readers
        p = readers._read_split([geojson_read.read_bytes(path, Path(path).name)], Path(path).name)
        outcome = {"features": len(p.features), "fatal": p.fatal, "line": ""}
    elif kind == "import":
        r = import_files(Project(), [path])
        said = next((m for m in r.messages if "self-intersecting" in m or "could not" in m), "")
        outcome = {"versions": r.versions, "skipped": r.skipped, "repaired": r.repaired, "line": said}
    else:
        p = read_kml(path) if path.endswith(".kmz") else read_any(path)
        outcome = {"features": len(p.features), "fatal": p.fatal,
                   "line": p.problems[0].message if p.fatal and p.problems else ""}
    took = time.perf_counter() - t
    print(json.dumps({"seconds": took, "growth": _status("VmHWM:") - idle, **outcome}))


def _run_child(kind: str, path: Path, timeout: float = 300) -> dict:
    r = subprocess.run([str(bd.VENV_PY), "-m", "tests.benchmarks.bench_hostile", "child", kind, str(path)],
                       capture_output=True, text=True, cwd=str(bd.ROOT), env=bd.peer_env(), timeout=timeout)
    if r.returncode != 0:
        raise RuntimeError((r.stderr.strip().splitlines() or ["?"])[-1][:150])
    return json.loads(r.stdout.strip().splitlines()[-1])


def _mib(n: float) -> str:
    return f"{n / MB:.0f} MiB"


def repair_rows(tmp: Path) -> list[Row]:
    from desktop.storage.imports.repair_budget import DEFAULT_MEMORY, DEFAULT_SECONDS
    budget = f"{DEFAULT_SECONDS:g} s / {DEFAULT_MEMORY // 2**30} GB"
    cases = [("scribble of 10k vertices", scribble(10_000), "refused"),
             ("scribble of 60k vertices", scribble(60_000), "refused"),
             ("scribble of 200k vertices", scribble(200_000), "refused"),
             ("front line of 200k vertices with one bow-tie", bow_tie_front(200_000), "repaired")]
    rows = []
    for label, ring, want in cases:
        f = polygon_file(tmp / "zones_20250301.geojson", ring, label)
        try:
            m = _run_child("import", f, timeout=DEFAULT_SECONDS * 4 + 60)
        except Exception as e:  # noqa: BLE001 - a failing case is a row
            rows.append(Row(f"import a {label}: {want} within the repair budget", None, goal=f"<= {budget}",
                            note=f"{type(e).__name__}: {e}"[:200]))
            continue
        got = "repaired" if m["versions"] == 1 and m["repaired"] == 1 else "refused" if m["skipped"] == 1 else "?"
        ok = got == want and m["seconds"] <= DEFAULT_SECONDS and m["growth"] <= DEFAULT_MEMORY
        rows.append(Row(f"import a {label} ({f.stat().st_size / MB:.1f} MB GeoJSON): {want} within the repair "
                        "budget", m["seconds"], goal=f"{want}, <= {budget}", met=ok,
                        check=f"{got}, peak {_mib(m['growth'])} above idle",
                        note=(m["line"].split(": ", 2)[-1][:140] if m["line"] else "")))
        f.unlink()
    return rows


def memory_rows(tmp: Path) -> list[Row]:
    rows = []
    cases = []
    f = tmp / "zones_20250301.geojson.gz"
    cases.append(("50 MB gzip GeoJSON (accepted)", "read", f, geojson_gz(f, 50 * MB), True))
    f = tmp / "notes.kmz"
    cases.append(("50 MB KMZ (accepted)", "read", f, kmz(f, kml_doc(50 * MB)), True))
    f = tmp / "liar.kmz"
    kmz(f, b"<kml>" + b" " * (300 * MB) + b"</kml>", claimed=1000)
    cases.append(("KMZ whose zip header says 1 kB of 300 MB (refused)", "read", f, 0, False))
    f = tmp / "bomb.geojson.gz"
    gzip_bomb(f, 1024 * MB, trailer=1000)
    cases.append(("1 GB gzip bomb, trailer lying small (refused at 512 MB)", "read", f, 0, False))
    f = tmp / "honest_bomb.geojson.gz"
    gzip_bomb(f, 1024 * MB)
    cases.append(("1 GB gzip bomb, honest trailer (refused)", "read", f, 0, False))
    big = tmp / "zones_20250302.geojson"
    doc = geojson_many_lines(400 * MB)
    big.write_bytes(doc)
    cases.append(("400 MB GeoJSON, mostly coordinates (accepted)", "read", big, len(doc), True))
    f = tmp / "zones_20250303.geojson.gz"
    f.write_bytes(gzip.compress(doc, 1))
    cases.append(("400 MB GeoJSON as gzip (accepted)", "read", f, len(doc), True))
    cases.append(("400 MB GeoJSON read whole, as before streaming (context)", "read-whole", big, len(doc), None))
    del doc
    for label, kind, path, size, accepted in cases:
        try:
            m = _run_child(kind, path)
        except Exception as e:  # noqa: BLE001
            rows.append(Row(f"peak memory: {label}", None, goal="-", note=f"{type(e).__name__}: {e}"[:200]))
            continue
        if accepted is None:  # context: no goal
            rows.append(Row(f"peak memory: {label}", m["seconds"], goal="", met=None,
                            check=f"{m['features']} features read",
                            note=f"{_mib(m['growth'])} above idle for {size / MB:.0f} MB ({m['growth'] / size:.1f}x)"))
            path.unlink(missing_ok=True)
            continue
        if accepted:
            ok = not m["fatal"] and m["growth"] <= size + 200 * MB
            goal = "<= uncompressed + 200 MB"
            check = f"{m['features']} features read"
            note = f"{_mib(m['growth'])} above idle for {size / MB:.0f} MB uncompressed ({m['growth'] / size:.1f}x)"
        else:
            # A lie costs nothing; a bomb with a lying trailer costs what is inflated up to the limit.
            limit = 600 * MB if "lying small" in label else 64 * MB
            ok = m["fatal"] and m["growth"] <= limit
            goal = f"refused, <= {limit // MB} MB"
            check = m["line"][:80]
            note = f"{_mib(m['growth'])} above idle"
        rows.append(Row(f"peak memory: {label}", m["seconds"], goal=goal, met=ok, check=check, note=note))
        if path != big:  # (the plain 400 MB file is read again for the context row)
            path.unlink()
    return rows


def run() -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="frontline-bench-hostile-") as tmp:
        return repair_rows(Path(tmp)) + memory_rows(Path(tmp))


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "child":
        child(sys.argv[2], sys.argv[3])
    else:
        from .report import table
        print(table(run()))
