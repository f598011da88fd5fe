"""Fuzz: random JSON and random mutations of valid files never end in an uncaught exception;
run-away input (deep nesting, huge files) becomes a clear error."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.model import Project
from desktop.storage.imports import input_files as sources
from desktop.storage.errors import InputError
from desktop.storage.imports.geojson_read import check_geojson, read_geojson
from desktop.storage.imports.importer import import_files

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-200, 200) | st.floats(-200, 200, allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(
        st.sampled_from(["type", "coordinates", "features", "geometry", "properties", "geometries", "bbox",
                         "id", "crs", "name", "status"]) | st.text(max_size=5), inner, max_size=5),
    max_leaves=30)

GEOM_TYPES = ["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon",
              "GeometryCollection", "Feature", "FeatureCollection", "polygon"]

VALID = {"type": "FeatureCollection", "features": [
    {"type": "Feature", "id": 1, "properties": {"status": "occupied", "name": "x"},
     "geometry": {"type": "Polygon", "coordinates": [[[37, 48], [37.1, 48], [37.1, 48.1], [37, 48]],
                                                     [[37.05, 48.01], [37.06, 48.05], [37.07, 48.02], [37.05, 48.01]]]}},
    {"type": "Feature", "properties": {"kind": "strike"},
     "geometry": {"type": "MultiPoint", "coordinates": [[37.2, 48.2], [37.3, 48.3, 5]]}}]}


def _import(tmp_path, obj, name="f.geojson"):
    f = tmp_path / name
    f.write_text(json.dumps(obj))
    try:
        import_files(Project(), [f], status="contested")
    except InputError as e:
        assert str(e)


@settings(max_examples=60)
@given(json_values)
def test_random_json(tmp_path_factory, obj):
    check_geojson(obj, "random.geojson")
    _import(tmp_path_factory.mktemp("r"), obj)


def _paths(obj, prefix=()):
    yield prefix
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _paths(v, prefix + (i,))


ALL_PATHS = [p for p in _paths(VALID) if p]


@settings(max_examples=80)
@given(st.lists(st.tuples(st.sampled_from(ALL_PATHS), json_values | st.sampled_from(GEOM_TYPES)), min_size=1,
                max_size=4))
def test_mutations_of_a_valid_file(tmp_path_factory, mutations):
    obj = json.loads(json.dumps(VALID))
    for path, value in mutations:
        target = obj
        try:
            for key in path[:-1]:
                target = target[key]
            target[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue
    check_geojson(obj, "mutated.geojson")
    _import(tmp_path_factory.mktemp("m"), obj)


def test_deep_nesting_is_a_clear_error(tmp_path):
    f = tmp_path / "deep.geojson"
    f.write_text('{"type": "Point", "coordinates": ' + "[" * 100_000 + "]" * 100_000 + "}")
    parsed = read_geojson(f)
    assert parsed.fatal and "nested too deeply" in parsed.problems[0].message


def test_size_and_vertex_limits(tmp_path, monkeypatch):
    f = tmp_path / "big.geojson"
    f.write_text(json.dumps(VALID))
    monkeypatch.setattr(sources, "MAX_BYTES", 100)
    monkeypatch.setattr("desktop.storage.imports.geojson_read.read_limited",
                        lambda p: sources.read_limited(p, limit=100))
    with pytest.raises(InputError, match="larger than"):
        import_files(Project(), [f], status="contested")
    monkeypatch.undo()
    monkeypatch.setattr("desktop.storage.imports.geojson_read.MAX_VERTICES", 5)
    parsed = read_geojson(f)
    assert parsed.fatal and any("vertices" in p.message for p in parsed.problems)


def test_gzip_bomb_is_refused(tmp_path, monkeypatch):
    import gzip
    f = tmp_path / "bomb.geojson.gz"
    f.write_bytes(gzip.compress(b" " * 2_000_000))
    with pytest.raises(InputError, match="larger than"):
        sources.read_limited(f, limit=1_000_000)
