"""Review of `frontline import/export/validate` as a user types them: through `desktop.cli.main`,
so argparse's own conversions (dates) and the exit codes are part of what is tested."""
from __future__ import annotations

import json

import pytest

from desktop.cli import main

RING = [[37, 48], [37.1, 48], [37.1, 48.1], [37, 48.1], [37, 48]]


def _fc(*features) -> dict:
    return {"type": "FeatureCollection", "features": list(features)}


def _zone(fid, name, **props) -> dict:
    ring = [[x + 0.5 * fid, y] for x, y in RING]
    return {"type": "Feature", "id": fid, "properties": {"name": name, **props},
            "geometry": {"type": "Polygon", "coordinates": [ring]}}


@pytest.fixture
def project(tmp_path):
    src = tmp_path / "in.geojson"
    src.write_text(json.dumps(_fc(_zone(1, "A", status="ru_control", valid_from="2025-01-01"),
                                  _zone(2, "B", status="contested", valid_from="2025-03-01"))))
    proj = tmp_path / "p.gpkg"
    assert main(["import", str(src), "-o", str(proj)]) == 0
    return proj


def test_export_at_from_the_command_line(project, tmp_path, capsys):
    out = tmp_path / "at.geojson"
    assert main(["export", str(project), "-o", str(out), "--at", "2025-02-01"]) == 0
    feats = json.loads(out.read_text())["features"]
    assert [f["properties"]["name"] for f in feats] == ["A"]
    assert main(["export", str(project), "-o", str(tmp_path / "at.kml"), "--at", "2025-03-01"]) == 0
    with pytest.raises(SystemExit) as e:  # a bad date is a usage error: exit 2
        main(["export", str(project), "-o", str(out), "--at", "01/02/2025"])
    assert e.value.code == 2


def test_missing_files_and_folders_are_named_once(tmp_path, capsys):
    missing = tmp_path / "nope.geojson"
    assert main(["validate", str(missing), str(tmp_path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert f"error: nope.geojson: no such file" in out
    assert f"error: {tmp_path.name}: is a folder, not a file" in out
    assert main(["import", str(tmp_path), "-o", str(tmp_path / "p.gpkg")]) == 1
    assert "is a folder, not a file" in capsys.readouterr().err
    assert not (tmp_path / "p.gpkg").exists()


def test_binary_file_named_geojson(tmp_path, capsys):
    junk = tmp_path / "junk.geojson"
    junk.write_bytes(bytes(range(256)) * 8)
    assert main(["validate", str(junk)]) == 1
    assert "junk.geojson" in capsys.readouterr().out
    assert main(["import", str(junk), "-o", str(tmp_path / "p.gpkg")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("frontline: error: junk.geojson: ")
    assert not (tmp_path / "p.gpkg").exists()


@pytest.mark.parametrize("ext", [".geojson", ".kml", ".csv", ".gpkg"])
def test_export_into_a_missing_folder_is_one_line(project, tmp_path, capsys, ext):
    out = tmp_path / "no" / "such" / f"out{ext}"
    assert main(["export", str(project), "-o", str(out)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"frontline: error: {out}: cannot write (no such folder {out.parent})"]
    assert not out.parent.exists()


def test_import_into_a_missing_folder_is_one_line(tmp_path, capsys):
    src = tmp_path / "in.geojson"
    src.write_text(json.dumps(_fc(_zone(1, "A", status="ru_control", valid_from="2025-01-01"))))
    out = tmp_path / "no" / "p.gpkg"
    assert main(["import", str(src), "-o", str(out)]) == 1
    assert capsys.readouterr().err.strip() == f"frontline: error: {out}: cannot create (no such folder {out.parent})"


def test_importing_a_project_into_itself_is_refused(project, capsys):
    before = project.read_bytes()
    assert main(["import", str(project), "-o", str(project)]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "is the project being imported into" in err and str(project) in err
    assert project.read_bytes() == before


def test_importing_into_a_read_only_project_is_one_line_and_changes_nothing(project, tmp_path, capsys):
    src = tmp_path / "more.geojson"
    src.write_text(json.dumps(_fc(_zone(3, "C", status="ru_control", valid_from="2025-04-01"))))
    project.chmod(0o444)
    before = project.read_bytes()
    try:
        assert main(["import", str(src), "-o", str(project)]) == 1
    finally:
        project.chmod(0o644)
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "read-only" in err and str(project) in err
    assert "Traceback" not in err
    assert project.read_bytes() == before


def test_an_invalid_shape_written_by_another_tool_is_repaired_on_opening(qapp, project, tmp_path, capsys):
    """QGIS (or any SQLite tool) can write a bow-tie into the project file. Opening repairs it in
    memory and says so in one line naming the file and the zone; export and replay then work
    (GEOS refused the overlays before) and the file keeps its bytes."""
    import sqlite3

    from shapely.geometry import MultiPolygon, Polygon, shape

    from desktop.storage.project.gpkg import encode, register_functions
    bow = MultiPolygon([Polygon([(37, 48), (37.1, 48.1), (37.1, 48), (37, 48.1), (37, 48)])])
    assert not bow.is_valid
    con = register_functions(sqlite3.connect(project))  # the spatial index's triggers call them
    with con:
        con.execute("UPDATE zone_versions SET geom = ? WHERE zone_id = (SELECT id FROM zones WHERE name = 'A')",
                    (encode(bow),))
    con.close()
    before = project.read_bytes()
    for args in (["export", str(project), "-o", str(tmp_path / "out.geojson")],
                 ["export", str(project), "-o", str(tmp_path / "out.kml")],
                 ["replay", str(project), "-o", str(tmp_path / "frames"), "--size", "320x180"]):
        assert main(args) == 0
        err = [line for line in capsys.readouterr().err.splitlines() if line.startswith("frontline: warning:")]
        assert len(err) == 1 and str(project) in err[0] and "zone 'A'" in err[0], err
        assert "Self-intersection" in err[0] and "repaired" in err[0]
    feats = {f["properties"]["name"]: f for f in json.loads((tmp_path / "out.geojson").read_text())["features"]}
    fixed = shape(feats["A"]["geometry"])
    assert fixed.is_valid and fixed.area == pytest.approx(0.005, rel=1e-6)  # both triangles kept
    assert project.read_bytes() == before


def test_opening_checks_only_shapes_frontline_did_not_write(project):
    """Sealed shapes (written by Frontline, which only writes valid ones) are not checked again."""
    from unittest import mock

    from desktop.storage.project.projectfile import close_project, open_project
    with mock.patch("desktop.storage.project.projectfile.shapely.is_valid") as is_valid:
        p = open_project(project, read_only=True)
        close_project(p)
    assert not is_valid.called
    assert p.open_warnings == []


def test_an_unexpected_error_is_one_line_unless_debugging(project, tmp_path, capsys, monkeypatch):
    from desktop import cli_interchange

    def broken(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(tmp_path / "locked.geojson"))

    monkeypatch.setattr(cli_interchange, "cmd_export", broken)
    assert main(["export", str(project), "-o", str(tmp_path / "x.geojson")]) == 1
    err = capsys.readouterr().err.strip()
    assert err == f"frontline: error: {tmp_path / 'locked.geojson'}: Permission denied"

    def buggy(*args, **kwargs):
        raise KeyError("zone")

    monkeypatch.setattr(cli_interchange, "cmd_export", buggy)
    assert main(["export", str(project), "-o", str(tmp_path / "x.geojson")]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "KeyError" in err and "FRONTLINE_DEBUG" in err
    monkeypatch.setenv("FRONTLINE_DEBUG", "1")
    with pytest.raises(KeyError):
        main(["export", str(project), "-o", str(tmp_path / "x.geojson")])


def test_a_file_name_that_is_not_utf8_imports(tmp_path, capsys):
    """A name from another system's encoding (Latin-1 bytes here) must not stop the import."""
    import os
    folder = os.fsencode(tmp_path)
    name = folder + b"/Pokrovs\xbf_zones.geojson"
    with open(name, "wb") as f:
        f.write(json.dumps(_fc(_zone(1, "A", status="ru_control", valid_from="2025-01-01"))).encode())
    proj = tmp_path / "p.gpkg"
    assert main(["import", os.fsdecode(name), "-o", str(proj)]) == 0
    from desktop.storage.project.projectfile import close_project, open_project
    p = open_project(proj, read_only=True)
    try:
        assert [z.name for z in p.zones.values()] == ["A"]
        assert any("Pokrovs\ufffd_zones.geojson" in a.origin for a in p.assessments.values())
    finally:
        close_project(p)


def test_features_sharing_a_zone_id_are_its_history_even_left_open(tmp_path, capsys):
    """Two features of zone "A", the first with no valid_to: the second is the zone's next
    version (the first ends where it starts), not a shape 'inside an earlier zone' to drop."""
    from datetime import date

    from desktop.storage.project.projectfile import close_project, open_project
    small = _zone(1, "A", status="contested", valid_from="2025-01-01", zone_id="A")
    big = _zone(1, "A", status="ru_control", valid_from="2025-02-01", zone_id="A")
    big["geometry"]["coordinates"][0] = [[x, y + (0.05 if y > 48 else 0)] for x, y in big["geometry"]["coordinates"][0]]
    src = tmp_path / "history.geojson"
    src.write_text(json.dumps(_fc(small, big)))
    proj = tmp_path / "p.gpkg"
    assert main(["import", str(src), "-o", str(proj)]) == 0
    said = capsys.readouterr().out
    assert "valid_to open -> 2025-02-01" in said and "2 version(s)" in said and "0 skipped" in said, said
    p = open_project(proj, read_only=True)
    try:
        assert len(p.zones) == 1
        (zid,) = p.zones
        vs = p.versions_of(zid)
        assert [(v.status, v.valid_from, v.valid_to) for v in vs] == [
            ("contested", date(2025, 1, 1), date(2025, 2, 1)), ("ru_control", date(2025, 2, 1), None)]
        assert p.version_at(zid, date(2025, 3, 1)).status == "ru_control"
    finally:
        close_project(p)


def test_future_and_swapped_zones_are_warned_of_and_kept(tmp_path, capsys):
    from desktop.storage.project.projectfile import close_project, create_project, open_project
    from desktop.model.record_commands import set_info
    from desktop.model import CommandStack
    proj = tmp_path / "p.gpkg"
    p = create_project(proj, title="Pokrovsk")
    CommandStack(p).push(set_info(p, aoi=(36.9, 48.1, 37.5, 48.5)))
    close_project(p)
    here = _zone(1, "here", status="ru_control", valid_from="2025-01-01")
    here["geometry"]["coordinates"][0] = [[37.1, 48.2], [37.2, 48.2], [37.2, 48.3], [37.1, 48.3], [37.1, 48.2]]
    future = json.loads(json.dumps(here))
    future["id"], future["properties"] = 2, {"name": "later", "status": "ru_control", "valid_from": "2031-01-01"}
    future["geometry"]["coordinates"][0] = [[x + 0.2, y] for x, y in here["geometry"]["coordinates"][0]]
    swapped = json.loads(json.dumps(here))
    swapped["id"], swapped["properties"]["name"] = 3, "swapped"
    swapped["geometry"]["coordinates"][0] = [[y, x] for x, y in here["geometry"]["coordinates"][0]]
    far = json.loads(json.dumps(here))
    far["id"], far["properties"]["name"] = 4, "far"
    far["geometry"]["coordinates"][0] = [[x - 7, y + 2] for x, y in here["geometry"]["coordinates"][0]]
    src = tmp_path / "in.geojson"
    src.write_text(json.dumps(_fc(here, future, swapped, far)))
    assert main(["import", str(src), "-o", str(proj)]) == 0
    said = capsys.readouterr().out
    assert "(id 2): valid_from 2031-01-01 is in the future; kept" in said
    assert "(id 3): longitude and latitude look swapped" in said
    assert "(id 4): lies far outside the project's area of interest (36.9, 48.1, 37.5, 48.5); kept" in said
    assert not [line for line in said.splitlines() if "(id 1)" in line
                and ("future" in line or "swapped" in line or "far outside" in line)]
    p = open_project(proj, read_only=True)
    try:
        assert sorted(z.name for z in p.zones.values()) == ["far", "here", "later", "swapped"]
    finally:
        close_project(p)


def test_importing_a_project_brings_its_evidence_and_says_so(tmp_path, capsys):
    # (#16, item 4: its sources, quotes and links were left behind; now merged, see
    # test_evidence_merge.py)
    import shutil
    from pathlib import Path

    from desktop.storage.project.projectfile import close_project, open_project
    sample = Path(__file__).resolve().parents[2] / "resources" / "samples" / "pokrovsk_myrnohrad_2025.gpkg"
    src = tmp_path / "sample.gpkg"
    shutil.copy(sample, src)
    assert main(["import", str(src), "-o", str(tmp_path / "new.gpkg")]) == 0
    said = capsys.readouterr().out
    assert not [x for x in said.splitlines() if "are not imported" in x], said
    first = said.splitlines()[0]
    assert first.endswith("; evidence: 13 sources (13 new), 31 quotes (31 new), 149 links, 1 attachment (1 new)"), said
    p = open_project(tmp_path / "new.gpkg", read_only=True)
    try:
        assert (len(p.sources), len(p.quotes), len(p.evidence), len(p.attachments)) == (13, 31, 149, 1)
    finally:
        close_project(p)


def test_import_writes_only_a_project_file(project, tmp_path, capsys):
    src = tmp_path / "in.geojson"
    src.write_text(json.dumps(_fc(_zone(1, "A", status="ru_control", valid_from="2025-01-01"))))
    out = tmp_path / "new.geojson"
    assert main(["import", str(src), "-o", str(out)]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "frontline export" in err and not out.exists()


def test_an_error_quoting_a_multi_line_cause_is_one_line():
    from desktop.storage.errors import InputError, ProjectFileError
    e = ProjectFileError("p.gpkg: damaged file (*** in database main ***\nFragmentation of 2 bytes\n)")
    assert str(e) == "p.gpkg: damaged file (*** in database main *** Fragmentation of 2 bytes )"
    assert isinstance(e, InputError) and "\n" not in str(InputError("a\n\tb"))


def test_replay_refuses_zero_frames_a_second(qapp, project, tmp_path, capsys):
    assert main(["replay", str(project), "-o", str(tmp_path / "r.mp4"), "--fps", "0"]) == 1
    err = capsys.readouterr().err.strip()
    assert err == "frontline: error: --fps must be positive, not 0"
    assert not (tmp_path / "r.mp4").exists()


def test_an_overflowing_coordinate_is_refused_without_numpy_noise(tmp_path, capsys):
    import warnings
    src = tmp_path / "big.geojson"
    src.write_text('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"status":"ru_control",'
                   '"valid_from":"2025-01-01"},"geometry":{"type":"Polygon","coordinates":[[[1e400,48],[37.1,48],'
                   '[37.1,48.1],[37,48]]]}}]}')
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a numpy RuntimeWarning would fail here
        assert main(["import", str(src), "-o", str(tmp_path / "p.gpkg")]) == 0
    assert "coordinates outside longitude" in capsys.readouterr().out


def test_a_placemark_without_geometry_is_reported_once(tmp_path, capsys):
    kml = tmp_path / "nogeom.kml"
    kml.write_text('<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>'
                   "<Placemark><name>empty</name></Placemark><Placemark><name>ok</name><ExtendedData>"
                   '<Data name="status"><value>ru_control</value></Data><Data name="valid_from"><value>2025-01-01'
                   "</value></Data></ExtendedData><Polygon><outerBoundaryIs><LinearRing><coordinates>37,48 37.1,48 "
                   "37.1,48.1 37,48.1 37,48</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>"
                   "</Document></kml>")
    assert main(["import", str(kml), "-o", str(tmp_path / "p.gpkg")]) == 0
    said = capsys.readouterr().out
    assert sum("feature 0" in line for line in said.splitlines()) == 1, said
    assert "1 zone(s)" in said and "1 skipped" in said



def test_a_shape_folded_flat_by_another_tool_opens_empty_with_a_warning(project, tmp_path, capsys):
    """Nothing polygonal is left of it: the project still opens, the version is empty for the
    session (never sealed, so the next open checks it again) and the warning says so."""
    import sqlite3

    from shapely.geometry import MultiPolygon, Polygon

    from desktop.storage.project.gpkg import encode, register_functions
    from desktop.storage.project.projectfile import close_project, open_project
    flat = MultiPolygon([Polygon([(37, 48), (37.05, 48.05), (37.1, 48.1), (37, 48)])])
    con = register_functions(sqlite3.connect(project))  # the spatial index's triggers call them
    with con:
        con.execute("UPDATE zone_versions SET geom = ? WHERE zone_id = (SELECT id FROM zones WHERE name = 'A')",
                    (encode(flat),))
    con.close()
    for _ in range(2):  # writable: the backfill must not seal it as measured
        p = open_project(project)
        try:
            (w,) = p.open_warnings
            assert "zone 'A'" in w and "has no area once repaired" in w
            (v,) = [v for v in p.versions.values() if p.zones[v.zone_id].name == "A"]
            assert v.geometry.is_empty and p.version_area_km2(v) == 0.0
        finally:
            close_project(p)
    assert main(["export", str(project), "-o", str(tmp_path / "x.geojson")]) == 0


def test_parts_sharing_a_start_date_all_end_where_the_next_version_starts(tmp_path, capsys):
    from datetime import date

    from desktop.storage.project.projectfile import close_project, open_project
    a1 = _zone(1, "A", status="contested", valid_from="2025-01-01", zone_id="A")
    a2 = _zone(3, "A", status="contested", valid_from="2025-01-01", zone_id="A")
    later = _zone(1, "A", status="ru_control", valid_from="2025-02-01", zone_id="A")
    later["geometry"]["coordinates"][0] = [[x, y + (0.05 if y > 48 else 0)] for x, y in later["geometry"]["coordinates"][0]]
    src = tmp_path / "parts.geojson"
    src.write_text(json.dumps(_fc(a1, a2, later)))
    assert main(["import", str(src), "-o", str(tmp_path / "p.gpkg")]) == 0
    said = capsys.readouterr().out
    assert said.count("-> 2025-02-01, where the next version of zone A starts") == 2, said
    p = open_project(tmp_path / "p.gpkg", read_only=True)
    try:
        (zid,) = p.zones
        assert p.version_at(zid, date(2025, 3, 1)).status == "ru_control"
        assert all(v.valid_to == date(2025, 2, 1) for v in p.versions_of(zid) if v.status == "contested")
    finally:
        close_project(p)
