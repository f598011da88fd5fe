"""The series reader's memo changes nothing: the same features, geometries and problems as the
ordinary reader, whether a geometry is parsed or taken from the previous file."""
from __future__ import annotations

import gzip
import json

import shapely

from desktop.storage.geojson_fast import GeometryMemo
from desktop.storage.geojson_read import read_geojson


def _same(a, b) -> None:
    assert [p.line() for p in a.problems] == [p.line() for p in b.problems]
    assert a.fatal == b.fatal and a.meta == b.meta
    assert len(a.features) == len(b.features)
    for fa, fb in zip(a.features, b.features):
        assert (fa.index, fa.fid, fa.properties, fa.where) == (fb.index, fb.fid, fb.properties, fb.where)
        assert (fa.geometry is None) == (fb.geometry is None)
        if fa.geometry is not None:
            assert shapely.equals_exact(fa.geometry, fb.geometry, tolerance=0), fa.where


def test_memo_reads_like_the_ordinary_reader(shared_data):
    files = sorted((shared_data / "frontline/deepstate_raw_weekly_polygons").glob("*.geojson.gz"))[:3]
    files += sorted((shared_data / "frontline/deepstate_cyterat_weekly").glob("*.geojson"))[:2]
    files += sorted((shared_data / "frontline/deepstate_raw_full_samples").glob("*.geojson*"))
    memo = GeometryMemo()
    for f in files + files[:2]:  # the repeat is served from the memo
        _same(read_geojson(f), read_geojson(f, memo))
        _same(read_geojson(f), read_geojson(f, memo))
        served = {k for k in memo.current if isinstance(k[1], bytes)}
        assert served and served == {k for k in memo.previous if isinstance(k[1], bytes)}  # all again


def test_memo_falls_back_on_unusual_documents(tmp_path):
    poly = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}
    docs = [
        {"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {"coordinates": [1, 2]}, "geometry": poly}]},
        {"type": "Feature", "properties": {}, "geometry": poly, "coordinates": [[0, 0]]},
        {"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {}, "geometry": {"type": "GeometryCollection",
                                                               "geometries": [poly, poly]}}]},
        {"type": "Point", "coordinates": ["a", 1]},
        {"type": "LineString", "coordinates": [[0, 0], [1, 1, 2], [2, 2, 3, 4]]},
        {"type": "MultiPolygon", "coordinates": [poly["coordinates"], [[[5, 5], [6, 5], [6, 6], [5, 5]]]]},
        {"type": "MultiPolygon", "coordinates": [[poly["coordinates"]], [[[[5, 5], [6, 5], [6, 6], [5, 5]]]]]},
        {"type": "MultiPolygon", "coordinates": [poly["coordinates"], [[5, 5], [6, 5]], []]},
        {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]], [[1, 2]]], "bbox": [0, 0, 1, 1]},
    ]
    memo = GeometryMemo()
    for n, doc in enumerate(docs + docs):
        path = tmp_path / f"d{n}.geojson"
        for text in (json.dumps(doc), json.dumps(doc, indent=3)):  # with and without white space
            path.write_text(text)
            _same(read_geojson(path), read_geojson(path, memo))
    raw = b'{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]],"coordinates":[[[0,0],[2,0],[2,2],[0,0]]]}'
    path = tmp_path / "dup.geojson.gz"
    path.write_bytes(gzip.compress(raw))
    _same(read_geojson(path), read_geojson(path, memo))
    assert any("duplicate" in p.message for p in read_geojson(path, memo).problems)
