"""Review fixes in prepare.py: bad date texts are reported and kept, messages name the feature's
id, DeepState's satirical territories are only counted, and the 2022 file's blue polygons."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from desktop.model import Project
from desktop.storage.exports.exporter import export_project
from desktop.storage.imports.importer import import_files


def _fc(*features: dict, **members) -> dict:
    return {"type": "FeatureCollection", "features": list(features), **members}


def _square(fid, x: float = 30.0, **props) -> dict:
    ring = [[x, 48.0], [x + 0.1, 48.0], [x + 0.1, 48.1], [x, 48.1], [x, 48.0]]
    return {"type": "Feature", "id": fid, "properties": props, "geometry": {"type": "Polygon", "coordinates": [ring]}}


def _write(tmp_path: Path, name: str, obj: dict) -> Path:
    f = tmp_path / name
    f.write_text(json.dumps(obj))
    return f


def test_bad_date_texts_reported_and_kept(tmp_path):
    f = _write(tmp_path, "zones_20250301.geojson", _fc(
        _square("m1", status="ru_control", valid_from="2025-13-45", name="A"),
        _square("m2", 31.0, status="ru_control", valid_from="2025-04-01", valid_to="soon", name="B"),
        _square("m3", 32.0, status="ru_control", valid_from="2025-04-01", recorded_on="last tuesday", name="C")))
    p = Project()
    r = import_files(p, [f])
    text = "\n".join(r.messages)
    # Each message names file, feature and id, the property, the bad value and what was used instead.
    a = next(m for m in r.messages if "'2025-13-45'" in m)
    assert a.startswith("zones_20250301.geojson: feature 0 (id m1): valid_from ")
    assert "2025-03-01" in a and "file name" in a
    b = next(m for m in r.messages if "'soon'" in m)
    assert b.startswith("zones_20250301.geojson: feature 1 (id m2): valid_to ") and "no end" in b
    c = next(m for m in r.messages if "'last tuesday'" in m)
    assert c.startswith("zones_20250301.geojson: feature 2 (id m3): recorded_on ") and "(the import date)" in c
    assert "no date in the feature" not in text
    by_name = {z.name: z for z in p.zones.values()}
    v = {z.name: next(v for v in p.versions.values() if v.zone_id == z.id) for z in p.zones.values()}
    assert v["A"].valid_from == date(2025, 3, 1)
    assert v["B"].valid_to is None and v["C"].recorded_on == date.today()  # the import date
    # Nothing lost: the raw texts ride along as extra properties and are exported back.
    assert ("valid_from_raw", "2025-13-45") in by_name["A"].extra
    assert ("valid_to_raw", "soon") in by_name["B"].extra
    assert ("recorded_on_raw", "last tuesday") in by_name["C"].extra
    out = tmp_path / "out.geojson"
    export_project(p, out)
    props = {x["properties"]["name"]: x["properties"] for x in json.loads(out.read_text())["features"]}
    assert props["A"]["valid_from_raw"] == "2025-13-45" and props["A"]["valid_from"] == "2025-03-01"
    assert props["B"]["valid_to_raw"] == "soon" and props["C"]["recorded_on_raw"] == "last tuesday"
    # And a second import of that export keeps them still.
    p2 = Project()
    import_files(p2, [out])
    assert ("valid_from_raw", "2025-13-45") in next(z for z in p2.zones.values() if z.name == "A").extra


def test_bad_valid_from_without_any_other_date_says_today(tmp_path):
    f = _write(tmp_path, "zones.geojson", _fc(_square(7, status="ru_control", valid_from=20250301)))
    p = Project()
    r = import_files(p, [f])
    m = next(m for m in r.messages if "valid_from" in m)
    assert m.startswith("zones.geojson: feature 0 (id 7): valid_from 20250301 is not a date")
    assert date.today().isoformat() in m
    assert ("valid_from_raw", 20250301) in next(iter(p.zones.values())).extra


def test_messages_name_the_feature_id(tmp_path):
    bow_tie = {"type": "Feature", "id": "bt", "properties": {"status": "ru_control", "valid_from": "2025-01-01"},
               "geometry": {"type": "Polygon", "coordinates": [[[30, 50], [31, 51], [31, 50], [30, 51], [30, 50]]]}}
    f = _write(tmp_path, "foo.geojson", _fc(
        _square("m1", status="foo bar", valid_from="2025-01-01"),
        _square("m2", 31.0, status="ru_control", confidence="sure", valid_from="2025-01-01"),
        _square("m3", 32.0, status="ru_control"),
        _square("m4", 33.0, status="ru_control", valid_from="2025-02-01", valid_to="2025-01-01"),
        {"type": "Feature", "id": "m5", "properties": {}, "geometry": None},
        bow_tie))
    r = import_files(Project(), [f])
    for fid, words in (("m1", "status 'foo bar'"), ("m2", "confidence 'sure'"), ("m3", "no date"),
                       ("m4", "is not after valid_from"), ("m5", "no geometry"), ("bt", "repaired")):
        assert any(m.startswith("foo.geojson: feature ") and f"(id {fid}): " in m and words in m
                   for m in r.messages), (fid, r.messages)
    g = _write(tmp_path, "ds.geojson", _fc(_square("u1", name="Щось /// Something /// geoJSON.other.thing")))
    r = import_files(Project(), [g], status="ru_control")
    assert any(m.startswith("ds.geojson: feature 0 (id u1): unrecognised DeepState feature") for m in r.messages)


def test_satirical_territories_only_counted(shared_data):
    folder = shared_data / "frontline/deepstate_raw_full_samples"
    r = import_files(Project(), [folder / "1648989208.geojson"])
    # Feature 13 (Transnistria) has a broken polygon: it is left out, so no problem is reported for it.
    assert not [m for m in r.messages if m.startswith("1648989208.geojson: feature 13")]
    assert r.satirical == 1 and any("satirical" in m and "Придністров'я" in m for m in r.messages)
    assert not [m for m in r.messages if "feature 13" in m]

    from desktop.storage.imports.readers import read_any
    from desktop.storage.imports.statuses import classify_deepstate
    f = folder / "1754251105.geojson"
    parsed = read_any(f)
    names = {c.name.rstrip(". ") for x in parsed.features
             if (c := classify_deepstate(x.properties, x.geometry.geom_type.endswith("Polygon"))).kind == "satirical"}
    r = import_files(Project(), [f])
    line = next(m for m in r.messages if "satirical DeepState territories left out" in m)
    listed = line[line.index("(") + 1:line.rindex(")")]
    shown, _, more = listed.partition(" and ")
    parts = shown.split(", ")
    assert all(n in names for n in parts), parts  # whole names only, never cut mid-word
    assert len(parts) + (int(more.split()[0]) if more else 0) == len(names)
    satirical_ids = {x.index for x in parsed.features
                     if classify_deepstate(x.properties, x.geometry.geom_type.endswith("Polygon")).kind == "satirical"}
    assert not [m for m in r.messages for i in satirical_ids if m.startswith(f"{f.name}: feature {i} ")
                or m.startswith(f"{f.name}: feature {i}:")]


def _write_ogr(path: Path, driver: str) -> None:
    import numpy as np
    import pyogrio.raw
    import shapely
    geoms = [shapely.box(30, 48, 30.1, 48.1), shapely.box(31, 48, 31.1, 48.1)]
    pyogrio.raw.write(path, np.array(shapely.to_wkb(geoms), dtype=object),
                      [np.array(["foo bar", "ru_control"], dtype=object),
                       np.array(["2025-01-01", "2025-99-01"], dtype=object)],
                      ["status", "valid_from"], crs="EPSG:4326", geometry_type="Polygon", driver=driver)


@pytest.mark.parametrize("ext, driver, first", [(".gpkg", "GPKG", 1), (".shp", "ESRI Shapefile", 0)])
def test_ogr_messages_name_the_row_id(tmp_path, ext, driver, first):
    f = tmp_path / f"rows{ext}"
    _write_ogr(f, driver)
    r = import_files(Project(), [f])
    assert any(m.startswith(f"rows{ext}: feature 0 (id {first}): status 'foo bar'") for m in r.messages), r.messages
    assert any(m.startswith(f"rows{ext}: feature 1 (id {first + 1}): valid_from '2025-99-01'") for m in r.messages)


def test_blue_polygons_of_2022_are_liberated(shared_data):
    from desktop.storage.imports.readers import read_any
    from desktop.storage.imports.statuses import classify_deepstate
    f = shared_data / "frontline/deepstate_raw_full_samples/1648989208.geojson"
    feats = read_any(f).features
    for i in (30, 59, 60):  # "24.03", "Дорога Тростянець-Суми 31.03", "Орки відсутні 30.03": no key, blue fill
        assert feats[i].properties["fill"] == "#0288d1"
        c = classify_deepstate(feats[i].properties, True)
        assert (c.kind, c.status) == ("zone", "ua_liberated"), i
    p = Project()
    r = import_files(p, [f])
    assert not [m for m in r.messages if "unrecognised" in m]
    names = {p.zones[v.zone_id].name for v in p.versions.values() if v.status == "ua_liberated"}
    assert {"24.03", "Дорога Тростянець-Суми 31.03"} <= names
    # Feature 60 overlaps feature 46 ("Звільнено 25.03"): the same status in a DeepState snapshot.
    assert any(m.startswith(f"{f.name}: feature 60: overlaps feature 46 of the same status; merged")
               for m in r.messages)
    # A blue point stays an observation (the colour only speaks for polygons).
    pt = classify_deepstate({"name": "Щось", "fill": "#0288d1"}, False)
    assert pt.kind == "observation"


def test_a_valid_to_before_valid_from_is_kept_with_the_zone(tmp_path):
    """Which date is wrong cannot be known: the zone stays open, and the file's valid_to is kept
    among the zone's fields (and named in the message), not lost."""
    f = _write(tmp_path, "rev.geojson", _fc(
        _square("m4", 33.0, status="ru_control", valid_from="2025-02-01", valid_to="2025-01-01")))
    p = Project()
    r = import_files(p, [f])
    assert any("valid_to 2025-01-01 is not after valid_from 2025-02-01; ignored (kept as valid_to_raw)" in m
               for m in r.messages), r.messages
    (zone,) = p.zones.values()
    assert dict(zone.extra).get("valid_to_raw") == "2025-01-01"
    (v,) = p.versions.values()
    assert v.valid_to is None
