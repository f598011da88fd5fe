"""Repairing an invalid polygon within a budget of time and memory (per file).

`make_valid` costs what the polygon's crossings cost: a real shape with a bow-tie is repaired
in a fraction of a second whatever its size, but a scribble of random points has a number of
crossings that grows as the square of its vertices (200,000 vertices: billions), and repairing
it would take hours and tens of GB. So:

1. A valid polygon costs nothing more than its validity check.
2. An invalid one gets a crossing estimate (`geometry.crossing_estimate`, milliseconds). Small
   and with few crossings, it is repaired here, in this process.
3. With more crossings than could be repaired within the budget (`CROSSINGS_PER_SECOND` per
   second of it, a generous rate), it is refused at once.
4. Anything else is repaired in a child process limited in memory (RLIMIT_AS) and CPU time,
   which is killed when the file's time budget runs out. Past the budget the feature is refused
   with one line naming the budget; the machine never pays for it.

The defaults (`DEFAULT_SECONDS`, `DEFAULT_MEMORY`) are what every new `RepairBudget` takes; the
user sets them through `options.set_repair_budget` (the command line's --repair-seconds and
--repair-memory-mb), and a caller can still pass its own `RepairBudget`.
"""
from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import shapely
from shapely.geometry.base import BaseGeometry

from desktop.model.geometry import GeometryError, crossing_estimate, polygonal, repair_polygonal, sample_crossings
from desktop.model.geometry import validity as geometry_validity

DEFAULT_SECONDS = 20.0  # per file, every repair of the file together
DEFAULT_MEMORY = 1 << 30  # bytes, for one repair (the child's address space above its start)
# Repaired in this process: at most this many vertices and about this many crossings (a few
# milliseconds; the estimate's resolution at 5,000 vertices is about 600 crossings).
IN_PROCESS_VERTICES = 5_000
IN_PROCESS_CROSSINGS = 1_000
# Refused without trying: more estimated crossings than this many per second of the budget.
# GEOS repairs a scribble's crossings at about 15,000-60,000 a second; this is several times that.
CROSSINGS_PER_SECOND = 50_000
# How every refusal begins (prepare names the feature before it).
REFUSAL = "a self-intersecting polygon of"


class RepairRefused(GeometryError):
    """The repair would cost more than the budget: the feature is skipped, said in one line."""


def _size(nbytes: float) -> str:
    if nbytes >= 1 << 30:
        v, unit = nbytes / (1 << 30), "GB"
    else:
        v, unit = nbytes / (1 << 20), "MB"
    return f"{v:.0f} {unit}" if abs(v - round(v)) < 0.05 else f"{v:.1f} {unit}"


@dataclass
class RepairBudget:
    """Time (for all the repairs of one file) and memory (for each) that repairs may take."""
    seconds: float = field(default_factory=lambda: DEFAULT_SECONDS)
    memory: int = field(default_factory=lambda: DEFAULT_MEMORY)
    crossings_per_second: float = field(default_factory=lambda: CROSSINGS_PER_SECOND)
    spent: float = 0.0
    # What the last refusals cost (seconds), for tests and the benchmark.
    log: list = field(default_factory=list)

    def remaining(self) -> float:
        return self.seconds - self.spent

    def describe(self) -> str:
        s = self.seconds
        return f"{s:g} s / {_size(self.memory)}"

    def affordable(self, crossings: int) -> bool:
        return crossings <= self.crossings_per_second * self.seconds


def _refused(n: int, budget: RepairBudget, why: str = "") -> RepairRefused:
    return RepairRefused(f"{REFUSAL} {n:,} vertices{f' ({why})' if why else ''} could not be repaired within "
                         f"{budget.describe()}")


def _crossings(c: int) -> str:
    if c >= 10**9:
        return f"about {c / 1e9:.1f} billion crossings"
    if c >= 10**6:
        return f"about {c / 1e6:.1f} million crossings"
    return f"about {c:,} crossings"


# (valid?, reason, crossings) with a large scribble sampled first: `geometry.validity`.
validity = geometry_validity


def self_intersection_note(poly: BaseGeometry, reason: str, crossings: int | None = None,
                           budget: RepairBudget | None = None) -> tuple[str, bool]:
    """What `validate` says of an invalid polygon (its vertices, and its crossings when they are
    many), and whether import will refuse it (too many crossings for the default budget)."""
    budget = budget or RepairBudget()
    n = int(shapely.get_num_coordinates(poly))
    if "Self-intersection" not in reason:
        return f"invalid polygon of {n:,} vertices ({reason}); import repairs it", False
    c = crossing_estimate(poly) if crossings is None else crossings
    if not budget.affordable(c):
        return (f"{REFUSAL} {n:,} vertices ({_crossings(c)}; {reason}) cannot be repaired within "
                f"{budget.describe()}; import skips it"), True
    many = f"; {_crossings(c)}" if c >= 1000 else ""
    return f"{REFUSAL} {n:,} vertices ({reason}{many}); import repairs it", False


def bounded_repair(geom: BaseGeometry, budget: RepairBudget | None = None) -> tuple[BaseGeometry, list[str]]:
    """`repair_polygonal(geom)` within `budget` (which it charges); RepairRefused past it,
    GeometryError when nothing with an area is left."""
    budget = budget if budget is not None else RepairBudget()
    if geom.has_z:
        geom = shapely.force_2d(geom)
    n = int(shapely.get_num_coordinates(geom))
    crossings, point = sample_crossings(geom) if n > IN_PROCESS_VERTICES else (None, None)
    if point is None and geom.is_valid:
        out = polygonal(geom)  # what repair_polygonal does with a valid shape, without asking again
        if out.is_empty:
            raise GeometryError("geometry has no area")
        return out, []
    started = time.monotonic()
    if crossings is None:
        crossings = crossing_estimate(geom)
    if n <= IN_PROCESS_VERTICES and crossings <= IN_PROCESS_CROSSINGS:
        try:
            return repair_polygonal(geom)
        finally:
            budget.spent += time.monotonic() - started
    if not budget.affordable(crossings):
        budget.spent += time.monotonic() - started
        budget.log.append(("crossings", time.monotonic() - started))
        raise _refused(n, budget, _crossings(crossings))
    if budget.remaining() <= 0:
        budget.log.append(("time", 0.0))
        raise _refused(n, budget, "the file's repair time was spent")
    try:
        return _in_child(geom, n, budget)
    finally:
        budget.spent += time.monotonic() - started


# -- the child process --------------------------------------------------------------------------

_ROOT = str(Path(__file__).resolve().parents[3])  # the folder that holds `desktop`
_MEMORY_EXIT = 3


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    # One thread: a pool of BLAS threads reserves address space the memory limit would count.
    for k in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        env[k] = "1"
    env["PYTHONPATH"] = _ROOT + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def _in_child(geom: BaseGeometry, n: int, budget: RepairBudget) -> tuple[BaseGeometry, list[str]]:
    timeout = max(budget.remaining(), 0.01)
    cmd = [sys.executable, "-m", "desktop.storage.imports.repair_budget", str(int(budget.memory)),
           str(math.ceil(timeout) + 1)]
    t0 = time.monotonic()
    try:
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                env=_child_env())
    except OSError as e:
        raise _refused(n, budget, f"no process to repair it in: {e.strerror}") from None
    try:
        out, err = proc.communicate(shapely.to_wkb(geom), timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        budget.log.append(("time", time.monotonic() - t0))
        raise _refused(n, budget, "stopped when the time ran out") from None
    except BaseException:
        proc.kill()
        proc.communicate()
        raise
    if proc.returncode == _MEMORY_EXIT or proc.returncode in (-9, -24) or (proc.returncode and b"alloc" in err):
        # (-24: SIGXCPU, the child's own CPU limit; -9 killed by the system)
        budget.log.append(("memory" if proc.returncode != -24 else "time", time.monotonic() - t0))
        why = "stopped when its memory ran out" if proc.returncode != -24 else "stopped when the time ran out"
        raise _refused(n, budget, why)
    if proc.returncode != 0:
        last = (err.decode("utf-8", "replace").strip().splitlines() or ["no message"])[-1][:160]
        budget.log.append(("failed", time.monotonic() - t0))
        raise _refused(n, budget, f"the repair failed: {last}")
    head, _, wkb = out.partition(b"\n")
    msg = json.loads(head)
    if "error" in msg:
        raise GeometryError(msg["error"])
    budget.log.append(("repaired", time.monotonic() - t0))
    return shapely.from_wkb(wkb), list(msg["warnings"])


def _address_space() -> int:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 512 << 20


def _worker(memory: int, cpu_seconds: int) -> int:
    """The child: WKB in on stdin; a JSON line and the repaired WKB out on stdout."""
    try:
        import resource
        hard = resource.getrlimit(resource.RLIMIT_AS)[1]
        limit = _address_space() + memory
        resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))
        hard = resource.getrlimit(resource.RLIMIT_CPU)[1]
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds if hard == resource.RLIM_INFINITY
                                                 else min(cpu_seconds, hard), hard))
    except (ImportError, ValueError, OSError):
        pass  # no resource limits here (Windows): the parent's timeout still holds
    try:
        geom = shapely.from_wkb(sys.stdin.buffer.read())
        try:
            out, warnings = repair_polygonal(geom, max_crossings=None)  # (bounded by this process's limits)
        except GeometryError as e:
            sys.stdout.buffer.write(json.dumps({"error": str(e)}).encode() + b"\n")
            return 0
        wkb = shapely.to_wkb(out)
    except MemoryError:
        return _MEMORY_EXIT
    except shapely.errors.GEOSException as e:
        if "alloc" in str(e):
            return _MEMORY_EXIT
        raise
    sys.stdout.buffer.write(json.dumps({"warnings": warnings}).encode() + b"\n" + wkb)
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(_worker(int(sys.argv[1]), int(sys.argv[2])))
