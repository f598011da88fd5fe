"""The series reader's memo changes nothing: the same features, geometries and problems as the
ordinary reader, whether a geometry is parsed or taken from the previous file."""
from __future__ import annotations

import gzip
import json

import shapely

from desktop.storage.imports.geojson_fast import GeometryMemo
from desktop.storage.imports.geojson_fast import read_geojson_with_memo
from desktop.storage.imports.geojson_read import read_geojson


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
        _same(read_geojson(f), read_geojson_with_memo(f, memo))
        _same(read_geojson(f), read_geojson_with_memo(f, memo))
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
            _same(read_geojson(path), read_geojson_with_memo(path, memo))
    raw = b'{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]],"coordinates":[[[0,0],[2,0],[2,2],[0,0]]]}'
    path = tmp_path / "dup.geojson.gz"
    path.write_bytes(gzip.compress(raw))
    _same(read_geojson(path), read_geojson_with_memo(path, memo))
    assert any("duplicate" in p.message for p in read_geojson_with_memo(path, memo).problems)


def _items(shift: float):
    from datetime import date

    from shapely.geometry import box

    from desktop.storage.imports.prepare import Item
    shapes = [("ru_control", box(0, 0, 2, 2)), ("contested", box(1, 1, 3, 3)),  # clipped by the first
              ("ru_control", box(1.5, 0, 4, 1)),  # merged into the first
              ("ua_liberated", box(5 + shift, 0, 6 + shift, 1)), ("ua_liberated", box(6 + shift, 0, 7, 1)),  # touch
              ("ru_claim", box(0, 0, 5, 5)), ("ru_claim", box(4, 4, 6, 6))]  # claims overlap freely
    return [Item("f.geojson", n, None, g, st, "", date(2025, 1, 6)) for n, (st, g) in enumerate(shapes)]


def test_cleaner_with_memo_matches_a_fresh_one():
    from desktop.model import Project
    from desktop.storage.imports.report import ImportReport
    from desktop.storage.imports.snapshot import SnapshotCleaner
    tier = Project().tier_of
    kept = SnapshotCleaner(tier)
    for shift in (0.0, 0.0, 0.25, 0.0, 0.0):  # unchanged, moved, back: served from the memo and not
        r1, r2 = ImportReport(), ImportReport()
        got = kept.parts(_items(shift), r1)
        fresh = SnapshotCleaner(tier).parts(_items(shift), r2)
        assert [(s, k) for s, _, k in got] == [(s, k) for s, _, k in fresh]
        assert r1.messages == r2.messages and r1.clipped == r2.clipped == 2
        assert {s for s, _, _ in got} == {"ru_control", "contested", "ua_liberated", "ru_claim"}
        assert len([1 for s, _, _ in got if s == "ua_liberated"]) == 1  # touching parts dissolved
