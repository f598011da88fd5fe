"""`frontline validate` calls what RFC 7946 says MUST NOT be an error (#16, item 5): a
FeatureCollection with a `properties` or `coordinates` member, and a ring whose last position
is not its first, even when they differ only in a third value. Import still takes such a file
and says what it did. Small hand-written files."""
from __future__ import annotations

import json
from argparse import Namespace
from pathlib import Path

import pytest

from desktop.cli_interchange import cmd_validate
from desktop.model import Project
from desktop.storage.imports.importer import import_files
from desktop.storage.imports.report import ERROR, WARNING
from desktop.storage.imports.validate import validate_file

SQUARE = [[37.0, 48.0], [37.1, 48.0], [37.1, 48.1], [37.0, 48.1], [37.0, 48.0]]  # counter-clockwise


def _z(ring, zs):
    return [[x, y, z] for (x, y), z in zip(ring, zs)]


def _write(tmp_path: Path, obj, name: str = "f.geojson") -> Path:
    p = tmp_path / name
    p.write_text(json.dumps(obj), encoding="utf-8")
    return p


def _fc(geometry, **members) -> dict:
    return {"type": "FeatureCollection", **members,
            "features": [{"type": "Feature", "id": "z1", "properties": {}, "geometry": geometry}]}


def _poly(*rings) -> dict:
    return {"type": "Polygon", "coordinates": list(rings)}


def _errors(path: Path) -> list:
    return [p for p in validate_file(path) if p.level == ERROR]


@pytest.mark.parametrize("member,value", [("properties", {"title": "x"}), ("coordinates", [37, 48]),
                                          ("properties", None)])
def test_a_collection_with_a_forbidden_member_is_an_error(tmp_path, capsys, member, value):
    f = _write(tmp_path, _fc(_poly(SQUARE), **{member: value}))
    (err,) = _errors(f)
    assert f'"{member}" member' in err.message and "MUST NOT" in err.message and err.where == f"/{member}"
    assert not [p for p in validate_file(f) if p.level == WARNING and member in p.message]  # said once
    assert cmd_validate(Namespace(files=[str(f)])) == 1
    out = capsys.readouterr().out
    assert out.startswith("error: f.geojson: a FeatureCollection MUST NOT") and "1 error(s)" in out
    # Import takes it, and says so.
    p = Project()
    r = import_files(p, [f], status="ru_control")
    assert r.versions == 1 and any(f'"{member}" member' in m for m in r.messages)


@pytest.mark.parametrize("last", [[37.0, 48.0, 5.0], [37.0, 48.0]], ids=["other-elevation", "no-elevation"])
def test_a_ring_unclosed_only_in_its_third_value_is_an_error(tmp_path, capsys, last):
    ring = _z(SQUARE, [0.0] * 5)
    ring[-1] = last
    f = _write(tmp_path, _fc(_poly(ring)))
    (err,) = _errors(f)
    assert "first and last positions" in err.message and err.feature == 0 and err.fid == "z1"
    assert err.where == "/features/0/geometry/coordinates/0"
    assert cmd_validate(Namespace(files=[str(f)])) == 1
    assert "(id z1)" in capsys.readouterr().out
    p = Project()
    r = import_files(p, [f], status="ru_control")
    assert r.versions == 1 and r.skipped == 0


def test_closed_rings_in_3d_and_2d_are_fine(tmp_path, capsys):
    f = _write(tmp_path, _fc(_poly(_z(SQUARE, [7.0] * 5))))
    assert _errors(f) == []
    g = _write(tmp_path, _fc(_poly(SQUARE)), "g.geojson")
    assert cmd_validate(Namespace(files=[str(f), str(g)])) == 0
    assert "f.geojson: no problems" in capsys.readouterr().out


def test_a_ring_unclosed_in_two_dimensions_is_reported_once(tmp_path):
    f = _write(tmp_path, _fc(_poly(SQUARE[:-1] + [[37.0, 48.05]])))
    errs = _errors(f)
    assert len(errs) == 1 and "first and last positions" in errs[0].message  # the reader's own


def test_holes_multipolygons_collections_and_a_bare_feature_are_checked(tmp_path):
    hole = [[37.02, 48.02, 1], [37.02, 48.05, 1], [37.05, 48.05, 1], [37.05, 48.02, 1], [37.02, 48.02, 2]]
    outer = _z(SQUARE, [1] * 5)
    multi = {"type": "MultiPolygon", "coordinates": [[outer, hole]]}
    (err,) = _errors(_write(tmp_path, _fc(multi)))
    assert err.where == "/features/0/geometry/coordinates/0/1"
    coll = {"type": "GeometryCollection",
            "geometries": [{"type": "Point", "coordinates": [37, 48]}, _poly(outer, hole)]}
    (err,) = _errors(_write(tmp_path, _fc(coll), "c.geojson"))
    assert err.where == "/features/0/geometry/geometries/1/coordinates/1"
    bare = {"type": "Feature", "properties": {}, "geometry": _poly(outer, hole)}
    (err,) = _errors(_write(tmp_path, bare, "b.geojson"))
    assert err.where == "/geometry/coordinates/1" and err.feature == 0


def test_broken_json_is_left_to_the_reader(tmp_path):
    broken = tmp_path / "x.geojson"
    broken.write_text('{"type": "FeatureCollection", "properties": {}, ', encoding="utf-8")
    (err,) = _errors(broken)
    assert "not valid JSON" in err.message
