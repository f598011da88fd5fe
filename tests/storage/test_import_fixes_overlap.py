"""Review fix in overlap.py: distinct zones are never merged, and our own export comes back whole.

The rule for assessed features of one file that overlap: the same status over the same dates is
merged only when they are the same zone (the same `zone_id`, or without one the same name) or
the file is a DeepState snapshot (documented: its features carry no identity); otherwise the
later one is clipped, reported, except for rounding slivers, clipped silently.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
import shapely
from shapely.geometry import box, mapping

from desktop.model import Project
from desktop.storage.exports.exporter import export_project
from desktop.storage.imports.importer import import_files
from desktop.storage.project.projectfile import close_project, open_project

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "pokrovsk_myrnohrad_2025.gpkg"


def _versions(p: Project) -> dict[tuple, list]:
    """(zone name, status, valid_from, valid_to) -> geometries, for assessed zones and claims alike."""
    out: dict[tuple, list] = {}
    for v in p.versions.values():
        out.setdefault((p.zones[v.zone_id].name, v.status, v.valid_from, v.valid_to), []).append(v.geometry)
    return out


@pytest.fixture(scope="module")
def sample() -> Project:
    p = open_project(SAMPLE, read_only=True)
    yield p
    close_project(p)


@pytest.mark.parametrize("ext", [".geojson", ".kml", ".gpkg"])
def test_round_trip_of_the_sample_keeps_every_zone(sample, tmp_path, ext):
    out = tmp_path / f"x{ext}"
    export_project(sample, out)  # the whole history
    p = Project()
    r = import_files(p, [out])
    assert Counter(z.name for z in p.zones.values()) == Counter(z.name for z in sample.zones.values())
    before, after = _versions(sample), _versions(p)
    assert sorted(map(str, after)) == sorted(map(str, before))
    for key, geoms in before.items():
        for a, b in zip(sorted(geoms, key=lambda g: g.area), sorted(after[key], key=lambda g: g.area)):
            assert shapely.hausdorff_distance(a, b) < 1e-6, key
            assert a.symmetric_difference(b).area < 1e-7 * a.length, key  # a band of 1e-7 along the outline
    assert not [m for m in r.messages if "merged" in m]
    assert not [m for m in r.messages if "clipped" in m]  # only rounding slivers: clipped silently


def _file(tmp_path: Path, features: list[tuple[dict, object]], name: str = "f.geojson") -> Path:
    f = tmp_path / name
    f.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"status": "ru_control", "valid_from": "2025-01-01", **props},
         "geometry": mapping(g)} for props, g in features]}))
    return f


def test_different_zone_ids_are_clipped_not_merged(tmp_path):
    f = _file(tmp_path, [({"zone_id": "a", "name": "X"}, box(0, 0, 2, 2)),
                         ({"zone_id": "b", "name": "X"}, box(1, 0, 3, 2))])
    p = Project()
    r = import_files(p, [f])
    assert len(p.zones) == 2 and len(p.versions) == 1 + 1
    later = next(v for v in p.versions.values() if v.geometry.bounds[2] == 3)
    assert abs(later.geometry.area - 2) < 1e-9  # clipped by the earlier one
    assert any("feature 1" in m and "clipped" in m for m in r.messages)


def test_different_names_are_clipped_not_merged(tmp_path):
    f = _file(tmp_path, [({"name": "North"}, box(0, 0, 2, 2)), ({"name": "South"}, box(1, 0, 3, 2))])
    p = Project()
    r = import_files(p, [f])
    assert sorted(z.name for z in p.zones.values()) == ["North", "South"]
    assert not any("merged" in m for m in r.messages) and r.clipped == 1


def test_same_name_or_same_zone_id_is_merged(tmp_path):
    f = _file(tmp_path, [({"name": "North"}, box(0, 0, 2, 2)), ({"name": "North"}, box(1, 0, 3, 2)),
                         ({"zone_id": "z", "name": "A"}, box(10, 0, 12, 2)),
                         ({"zone_id": "z", "name": "A"}, box(11, 0, 13, 2))])
    p = Project()
    r = import_files(p, [f])
    assert sorted((z.name, len(p.versions_of(z.id))) for z in p.zones.values()) == [("A", 1), ("North", 1)]
    assert sorted(round(v.geometry.area, 9) for v in p.versions.values()) == [6, 6]
    assert sum("merged" in m for m in r.messages) == 2


def test_features_of_different_files_are_not_merged(tmp_path):
    a = _file(tmp_path, [({"name": "North"}, box(0, 0, 2, 2))], "a.geojson")
    b = _file(tmp_path, [({"name": "North"}, box(1, 0, 3, 2))], "b.geojson")
    p = Project()
    r = import_files(p, [a, b])
    assert len(p.zones) == 2 and r.clipped == 1 and not any("merged" in m for m in r.messages)


def test_sliver_overlap_is_clipped_silently(tmp_path):
    f = _file(tmp_path, [({"name": "North"}, box(0, 0, 2, 2)), ({"name": "South"}, box(1.9999999, 0, 4, 2))])
    p = Project()
    r = import_files(p, [f])
    assert len(p.zones) == 2 and r.clipped == 0 and not r.messages
    a, b = (v.geometry for v in p.versions.values())
    assert a.intersection(b).area == 0


def test_deepstate_same_status_still_merged(tmp_path):
    """DeepState's polygons have no identity: the same status over one snapshot is merged (issue 3)."""
    f = tmp_path / "ds.geojson"
    f.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": n}, "geometry": mapping(g)} for n, g in [
            ("Окуповано /// Occupied /// geoJSON.status.occupied", box(0, 0, 2, 2)),
            ("Окуповано 2 /// Occupied 2 /// geoJSON.status.occupied", box(1, 0, 3, 2)),
            ("Під питанням /// Unknown /// geoJSON.status.unknown", box(2.5, 0, 4, 2))]]}))
    p = Project()
    r = import_files(p, [f])
    assert sorted((v.status, round(v.geometry.area, 9)) for v in p.versions.values()) == \
        [("contested", 2), ("ru_control", 6)]
    assert any("feature 1" in m and "merged" in m for m in r.messages)
    assert any("feature 2" in m and "clipped" in m for m in r.messages)


def test_gpkg_copy_brings_zone_names_and_extras(tmp_path):
    src = _file(tmp_path, [({"zone_id": "a", "name": "North", "unit": "3rd brigade"}, box(0, 0, 1, 1))])
    p = Project()
    import_files(p, [src])
    out = tmp_path / "copy.gpkg"
    export_project(p, out)
    q = Project()
    import_files(q, [out])
    (z,) = q.zones.values()
    assert z.name == "North" and ("unit", "3rd brigade") in z.extra
