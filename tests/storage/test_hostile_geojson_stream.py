"""Issue 20: a large GeoJSON FeatureCollection is read feature by feature as its bytes arrive
(`geojson_stream`), so an accepted input peaks at its geometries plus one feature's objects, not
at the whole parsed document; and what it reads is what the ordinary reader reads, message for
message (or it gives up and the ordinary reader reads the file)."""
from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest
import shapely
from hypothesis import given, strategies as st

from desktop.storage.imports import geojson_stream, readers
from desktop.storage.imports.geojson_read import read_geojson
from desktop.storage.imports.geojson_stream import read_streamed
from support.hostile_files import geojson_many_lines

MB = 1 << 20
DATA = Path(__file__).resolve().parents[3] / "shared" / "data"


def summary(parsed):
    return ([(f.index, f.fid, None if f.geometry is None else shapely.to_wkb(f.geometry), f.properties, f.where)
             for f in parsed.features], [repr(p) for p in parsed.problems], parsed.meta, parsed.fatal)


@pytest.fixture
def tiny_reads(monkeypatch):
    """Reads of a few bytes, so every value is cut somewhere between two reads."""
    monkeypatch.setattr(geojson_stream, "CHUNK", 5)
    monkeypatch.setattr(geojson_stream, "READ", 5)


def feature(i, props, geom='{"type":"Point","coordinates":[30.5,47.25]}'):
    return '{"type":"Feature","id":%d,"properties":%s,"geometry":%s}' % (i, props, geom)


RING = "[[30,47],[31,47],[31,48],[30,48],[30,47]]"
BOW_TIE = "[[30,47],[31,48],[31,47],[30,48],[30,47]]"
STREAMED = {
    "plain": '{"type":"FeatureCollection","features":[%s,%s]}' % (feature(1, '{"a":1}'), feature(2, "{}")),
    "strings that hold braces, quotes and escapes": '{"type":"FeatureCollection","features":[%s]}'
    % feature(7, json.dumps({"n": 'a "}]{[" \\ \\"', "u": "Київ \u2028 😀", "e": "\\\\"})),
    "members around the features": '{"name":"x","type":"FeatureCollection","crs":{"type":"name","properties":'
    '{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}},"features":[%s],"bbox":[1,2],"properties":{},'
    '"frontline":{"loose_evidence":[{"quote":"q \\"x\\""}]}}' % feature(0, "{}"),
    "reprojected": '{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:3857"}},'
    '"features":[%s]}' % feature(0, "{}", '{"type":"Point","coordinates":[3400000.5,5900000.25]}'),
    "an unknown crs": '{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:999999"}},'
    '"features":[%s]}' % feature(0, "{}"),
    "bad features": '{"type":"FeatureCollection","features":[1,[],null,{"type":"Feature"},%s,%s]}'
    % (feature(3, "[]", '{"type":"Polygon","coordinates":[%s]}' % BOW_TIE),
       feature(4, '{"a":1,"a":2}', '{"type":"Polygon","coordinates":[%s]}' % RING)),
    "duplicate root members": '{"type":"FeatureCollection","features":[%s],"type":"FeatureCollection"}'
    % feature(0, "{}"),
    "not a collection": '{"type":"Feature","features":[%s],"properties":{},"geometry":null}' % feature(0, "{}"),
    "empty": '\ufeff {"type":"FeatureCollection","features":[ ]}\n',
    "long numbers": '{"type":"FeatureCollection","features":[%s]}'
    % feature(0, "{}", '{"type":"LineString","coordinates":[[30.123456789012345,47.98765432109876],'
                       '[3.0123456789e1,4.7e1]]}'),
}
GIVE_UP = {
    "a crs after the features": '{"type":"FeatureCollection","features":[%s],"crs":{"type":"name","properties":'
    '{"name":"EPSG:3857"}}}' % feature(0, "{}", '{"type":"Point","coordinates":[3400000.5,5900000.25]}'),
    "broken JSON": '{"type":"FeatureCollection","features":[%s,]}' % feature(0, "{}"),
    "cut short": '{"type":"FeatureCollection","features":[%s' % feature(0, "{}"),
    "text after the root": '{"type":"FeatureCollection","features":[]} x',
    "a bare geometry": '{"type":"Point","coordinates":[1,2]}',
    "NaN": '{"type":"FeatureCollection","features":[%s]}' % feature(0, '{"x":NaN}'),
}


@pytest.mark.parametrize("name", sorted(STREAMED))
def test_a_collection_read_as_it_arrives_is_the_ordinary_reading(tmp_path, tiny_reads, name):
    f = tmp_path / "zones.geojson"
    f.write_text(STREAMED[name], encoding="utf-8")
    got = read_streamed(f)
    assert got is not None
    assert summary(got) == summary(read_geojson(f))
    g = tmp_path / "zones.geojson.gz"
    g.write_bytes(gzip.compress(f.read_bytes()))
    assert summary(read_streamed(g)) == summary(read_geojson(g))


@pytest.mark.parametrize("name", sorted(GIVE_UP))
def test_what_it_does_not_follow_is_read_the_ordinary_way(tmp_path, tiny_reads, monkeypatch, name):
    f = tmp_path / "zones.geojson"
    f.write_text(GIVE_UP[name], encoding="utf-8")
    assert read_streamed(f) is None
    monkeypatch.setattr(readers, "STREAM_ABOVE", 0)
    assert summary(readers.read_geojson_whole(f)) == summary(read_geojson(f))


def test_a_giant_feature_is_left_to_the_reading_that_cuts_its_coordinates_out(tmp_path, monkeypatch):
    # One feature parsed alone holds lists of its positions (six times its text): past
    # BIG_VALUE characters the file goes to `geojson_fast`, which parses each array on its own.
    f = tmp_path / "zones.geojson"
    f.write_text(STREAMED["long numbers"])
    assert read_streamed(f) is not None
    monkeypatch.setattr(geojson_stream, "READ", 16)
    monkeypatch.setattr(geojson_stream, "CHUNK", 16)
    monkeypatch.setattr(geojson_stream, "BIG_VALUE", 20)
    assert read_streamed(f) is None
    monkeypatch.setattr(readers, "STREAM_ABOVE", 0)
    assert summary(readers.read_geojson_whole(f)) == summary(read_geojson(f))


def test_a_file_over_the_limit_is_refused_as_the_ordinary_reader_refuses_it(tmp_path):
    f = tmp_path / "zones.geojson"
    f.write_text(STREAMED["plain"] + " " * (2 * MB))
    got = read_streamed(f, limit=MB)
    assert got.fatal and not got.features
    assert [p.message for p in got.problems] == ["larger than 1 MB uncompressed; refused"]


_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
_props = st.dictionaries(_text, st.one_of(_text, st.integers(), st.floats(allow_nan=False), st.none(),
                                          st.lists(_text, max_size=3)), max_size=4)


@given(props=st.lists(_props, min_size=1, max_size=5), read=st.integers(1, 40))
def test_any_properties_read_alike_whatever_the_read_size(props, read, tmp_path_factory):
    path = tmp_path_factory.mktemp("s") / "zones.geojson"
    doc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": i, "properties": p, "geometry": {"type": "Point", "coordinates": [30, 47]}}
        for i, p in enumerate(props)]}
    path.write_text(json.dumps(doc, ensure_ascii=bool(read % 2)), encoding="utf-8")
    old = geojson_stream.CHUNK, geojson_stream.READ
    geojson_stream.CHUNK = geojson_stream.READ = read
    try:
        got = read_streamed(path)
    finally:
        geojson_stream.CHUNK, geojson_stream.READ = old
    assert got is not None and summary(got) == summary(read_geojson(path))


def test_real_deepstate_files_read_alike():
    files = sorted((DATA / "frontline" / "deepstate_cyterat_weekly").glob("*.geojson"))[:6]
    if not files:
        pytest.skip("the DeepState data set (../shared/data/frontline) is not here")
    for f in files:
        got = read_streamed(f)
        assert got is not None and got.features, f.name
        assert summary(got) == summary(read_geojson(f)), f.name


def rss_growth(code: str, setup: str) -> int:
    """Peak resident memory (bytes) `code` adds in a fresh process (VmHWM reset by clear_refs:
    ru_maxrss would carry pytest's own peak over execve)."""
    script = f"""
from pathlib import Path
{setup}
def status(key):
    for line in open("/proc/self/status"):
        if line.startswith(key):
            return int(line.split()[1]) * 1024
before = status("VmRSS:")
Path("/proc/self/clear_refs").write_text("5")
{code}
print(status("VmHWM:") - before)
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300,
                         cwd=Path(__file__).resolve().parents[2])
    assert out.returncode == 0, out.stderr[-2000:]
    return int(out.stdout.split()[-1])


SETUP = ("from desktop.storage.imports.readers import read_any\n"
         "from desktop.storage.imports import readers, geojson_read")
# The document read whole and cut up (`geojson_fast.read_with_memo`, the reading before
# streaming): its bytes, then its cut-out coordinate arrays beside the geometries.
WHOLE = "p = readers._read_split([geojson_read.read_bytes({f!r}, 'x')], 'x')\nassert len(p.features) > 1000"
STREAM = "p = read_any({f!r})\nassert not p.fatal and len(p.features) > 1000, p.problems[:3]"
# What a feature-by-feature reading adds to its geometries (which take about the file's size for
# these coordinates: 24 bytes a position in GEOS, 22 in the text): a read and a feature's objects.
MARGIN = 32 * MB


def test_a_large_collection_peaks_at_its_size_not_twice_it(tmp_path):
    doc = geojson_many_lines(40 * MB)
    f = tmp_path / "zones_20250301.geojson"
    f.write_bytes(doc)
    n = len(doc)
    del doc
    streamed = rss_growth(STREAM.format(f=str(f)), SETUP)
    whole = rss_growth(WHOLE.format(f=str(f)), SETUP)
    print(f"{n / MB:.0f} MB: streamed {streamed / MB:.0f} MB, whole {whole / MB:.0f} MB")
    assert streamed < n + MARGIN, (streamed / MB, n / MB)
    assert whole > n + MARGIN, (whole / MB, n / MB)  # the bound tells the two apart


def test_a_large_gzip_collection_peaks_at_its_uncompressed_size(tmp_path):
    doc = geojson_many_lines(40 * MB, seed=1)
    f = tmp_path / "zones_20250301.geojson.gz"
    f.write_bytes(gzip.compress(doc, 1))
    n = len(doc)
    del doc
    streamed = rss_growth(STREAM.format(f=str(f)), SETUP)
    assert streamed < n + MARGIN, (streamed / MB, n / MB)


RFC = ('{"type":"FeatureCollection","properties":{"a":1},"features":[%s,%s,7],"coordinates":[]}'
       % (feature(0, "{}", '{"type":"Polygon","coordinates":[[[30,47,1],[31,47],[31,48],[30,47,2]]]}'),
          feature(1, "{}", '{"type":"MultiPolygon","coordinates":[[[[30,47,0],[31,47],[31,48],[30,47,5]]]]}')))


@pytest.mark.parametrize("doc", [RFC, STREAMED["bad features"], GIVE_UP["broken JSON"], GIVE_UP["a bare geometry"]])
def test_validate_says_the_same_of_a_file_read_as_it_arrives(tmp_path, tiny_reads, monkeypatch, doc):
    # `validate`'s RFC 7946 check reads a large file feature by feature too (never whole).
    from desktop.storage.imports.validate import validate_files
    f = tmp_path / "zones.geojson"
    f.write_text(doc)
    whole = validate_files([f])
    monkeypatch.setattr(readers, "STREAM_ABOVE", 0)
    streamed = validate_files([f])
    assert streamed == whole
    if doc is RFC:
        assert geojson_stream.stream_collection(f, lambda before: lambda i, x: None) is not None
        assert sum("MUST NOT" in x for x in whole[0]) == 2 and sum("differ after" in x for x in whole[0]) == 2
