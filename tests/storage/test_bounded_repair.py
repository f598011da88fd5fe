"""Issue 20, item 1: repairing a polygon is bounded in time and memory.

A scribble of random points has a number of crossings that grows as the square of its vertices:
it is refused at once, with one line naming the file, the feature and the budget. A real-looking
front line with one bow-tie is repaired (in this process when small, in a child process when
large); a repair that runs past the budget is stopped, the child killed. `validate` says a
polygon self-intersects and how many vertices it has. Every file is generated here (seeded).
"""
from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import numpy as np
import pytest
import shapely

from desktop.model import Project
from desktop.model.geometry import crossing_estimate
from desktop.storage.imports import repair_budget
from desktop.storage.imports.importer import import_files
from desktop.storage.imports.repair_budget import RepairBudget, RepairRefused, bounded_repair
from desktop.storage.imports.validate import validate_files
from support.hostile_files import bow_tie_front, scribble


def write_geojson(path: Path, ring: np.ndarray, name: str = "Scribble", fid: str = "s1") -> Path:
    feature = {"type": "Feature", "id": fid, "properties": {"name": name, "status": "ru_control"},
               "geometry": {"type": "Polygon", "coordinates": [np.round(ring, 7).tolist()]}}
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": "ok", "properties": {"name": "Fine", "status": "ru_control"},
         "geometry": {"type": "Polygon", "coordinates": [[[20, 40], [21, 40], [21, 41], [20, 40]]]}},
        feature]}))
    return path


def test_the_10k_scribble_is_refused_at_once_naming_file_feature_and_budget(tmp_path):
    f = write_geojson(tmp_path / "scribble_20250301.geojson", scribble(10_000))
    t = time.perf_counter()
    report = import_files(Project(), [f])
    took = time.perf_counter() - t
    assert took < 5, took  # was minutes and gigabytes
    assert report.versions == 1 and report.skipped == 1
    line = next(m for m in report.messages if "self-intersecting" in m)
    assert line.startswith("scribble_20250301.geojson: feature 1 (id s1)")
    assert "10,001 vertices" in line and "20 s / 1 GB" in line and "skips it" in line


def test_validate_says_it_self_intersects_and_how_many_vertices(tmp_path):
    big = write_geojson(tmp_path / "scribble.geojson", scribble(10_000))
    lines, errors = validate_files([big])
    assert errors  # import would skip it: an error, not "no problems"
    line = next(m for m in lines if "self-intersecting" in m)
    assert "10,001 vertices" in line and "crossings" in line and "cannot be repaired" in line
    small = write_geojson(tmp_path / "bowtie.geojson", bow_tie_front(2_000), name="Front")
    lines, errors = validate_files([small])
    assert not errors
    line = next(m for m in lines if "self-intersecting" in m)
    assert line.startswith("warning: ") and "2,000 vertices" in line and "import repairs it" in line


def test_validate_speaks_of_a_self_intersecting_kml_polygon(tmp_path):
    ring = " ".join(f"{x:.7f},{y:.7f}" for x, y in bow_tie_front(1_000))
    f = tmp_path / "front.kml"
    f.write_text('<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>Front</name>'
                 f'<Polygon><outerBoundaryIs><LinearRing><coordinates>{ring}</coordinates></LinearRing>'
                 '</outerBoundaryIs></Polygon></Placemark></Document></kml>')
    lines, errors = validate_files([f])
    assert not errors
    assert any("self-intersecting polygon of 1,000 vertices" in m for m in lines)


def test_a_small_bow_tie_front_is_repaired_in_process(tmp_path, monkeypatch):
    def no_child(*a, **k):
        raise AssertionError("a cheap repair must not start a process")
    monkeypatch.setattr(subprocess, "Popen", no_child)
    f = write_geojson(tmp_path / "front_20250301.geojson", bow_tie_front(3_000), name="Front")
    report = import_files(Project(), [f])
    assert report.versions == 2 and report.skipped == 0 and report.repaired == 1


def test_a_large_bow_tie_front_is_repaired_in_a_child_within_the_budget():
    poly = shapely.polygons(bow_tie_front(30_000))
    assert not poly.is_valid and crossing_estimate(poly) < 1000
    budget = RepairBudget()
    t = time.perf_counter()
    out, warnings = bounded_repair(poly, budget)
    assert time.perf_counter() - t < 10
    assert out.is_valid and out.area == pytest.approx(poly.convex_hull.area, rel=0.1)
    assert warnings and "repaired" in warnings[0]
    assert [k for k, _ in budget.log] == ["repaired"]


def test_valid_polygons_never_pay_for_a_process(monkeypatch):
    monkeypatch.setattr(subprocess, "Popen", lambda *a, **k: (_ for _ in ()).throw(AssertionError("process")))
    ring = bow_tie_front(50_000)
    ring = np.delete(ring, slice(len(ring) // 2 - 3, len(ring) // 2 + 4), axis=0)  # the bow-tie cut out
    poly = shapely.polygons(ring)
    assert poly.is_valid
    out, warnings = bounded_repair(poly, RepairBudget())
    assert out.equals(poly) and warnings == []


def test_a_repair_past_the_time_budget_is_stopped_and_the_child_killed():
    # 1,000 random points: about 100,000 crossings, several seconds of GEOS. The quick refusal is
    # turned off, so the child starts and must be killed when the second runs out.
    poly = shapely.polygons(scribble(1_000))
    budget = RepairBudget(seconds=1.0, crossings_per_second=1e12)
    t = time.perf_counter()
    with pytest.raises(RepairRefused, match=r"1,001 vertices \(stopped when the time ran out\) could not be "
                                            r"repaired within 1 s / 1 GB"):
        bounded_repair(poly, budget)
    assert time.perf_counter() - t < 3
    assert budget.log[-1][0] == "time"
    # The file's time is spent: the next expensive repair is refused without trying.
    t = time.perf_counter()
    with pytest.raises(RepairRefused, match="repair time was spent"):
        bounded_repair(shapely.polygons(scribble(1_000, seed=5)), budget)
    assert time.perf_counter() - t < 0.5


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="RLIMIT_AS is POSIX")
def test_a_repair_past_the_memory_budget_is_refused_not_the_machine():
    poly = shapely.polygons(scribble(1_000))
    budget = RepairBudget(seconds=60, memory=80 << 20, crossings_per_second=1e12)
    t = time.perf_counter()
    with pytest.raises(RepairRefused, match=r"stopped when its memory ran out\) could not be repaired within "
                                            r"60 s / 80 MB"):
        bounded_repair(poly, budget)
    assert time.perf_counter() - t < 20
    assert budget.log[-1][0] == "memory"


def test_a_refusal_in_import_names_the_feature_and_its_name(tmp_path, monkeypatch):
    # The child path's refusal, through prepare: one line, file, feature, id, name, budget.
    monkeypatch.setattr(repair_budget, "DEFAULT_SECONDS", 0.5)
    monkeypatch.setattr(repair_budget, "CROSSINGS_PER_SECOND", 1e12)
    f = write_geojson(tmp_path / "front_20250301.geojson", scribble(1_000), name="Scribbled front")
    t = time.perf_counter()
    report = import_files(Project(), [f])
    assert time.perf_counter() - t < 5
    assert report.skipped == 1 and report.versions == 1
    line = next(m for m in report.messages if "could not be repaired" in m)
    assert line == ("front_20250301.geojson: feature 1 (id s1, name 'Scribbled front'): a self-intersecting "
                    "polygon of 1,001 vertices (stopped when the time ran out) could not be repaired within "
                    "0.5 s / 1 GB; skipped")
