"""Issue 20: a repair is bounded wherever it happens, not only in imports. A project file another
tool wrote with a 200,000-point scribble as one version's shape opens in seconds with one line
(file, table, row, reason) and keeps the row; an export of a project holding such a shape says
so in one line, leaves the feature out and writes the rest."""
from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import replace
from datetime import date

import pytest
import shapely
from shapely.geometry import box

from desktop.model import CommandStack, add_assessment, create_zone
from desktop.model.changes import Change
from desktop.model.project import Project
from desktop.storage.exports import export_props
from desktop.storage.exports.exporter import export_project
from desktop.storage.project import gpkg, projectfile
from desktop.storage.project.projectfile import close_project, create_project, open_project
from support.hostile_files import scribble

N = 200_000


def two_zones(project) -> tuple[str, str]:
    stack = CommandStack(project)
    cmd, aid = add_assessment(project, "Ours")
    stack.push(cmd)
    ids = []
    for name, shape in (("kept", box(37.0, 48.0, 37.2, 48.2)), ("scribbled", box(30.0, 47.0, 31.0, 48.0))):
        cmd, z = create_zone(project, name=name, assessment_id=aid, geometry=shape, status="ru_control",
                             as_of=date(2025, 1, 6))
        stack.push(cmd)
        ids.append(project.versions_of(z)[0].id)
    return ids[0], ids[1]


@pytest.fixture
def lines(monkeypatch):
    said: list[str] = []
    monkeypatch.setattr(projectfile, "report_warning", said.append)
    monkeypatch.setattr(export_props, "report_warning", None)  # (then projectfile's hook)
    return said


def test_a_file_with_a_scribble_from_another_tool_opens_in_seconds_with_one_line(tmp_path, lines):
    path = tmp_path / "p.gpkg"
    project = create_project(path, "t")
    kept, vid = two_zones(project)
    close_project(project)
    # Another tool (a script, QGIS) rewrites one version's shape: a ring of random points.
    con = gpkg.register_functions(sqlite3.connect(path))
    con.execute("UPDATE zone_versions SET geom = ? WHERE id = ?", (gpkg.encode(shapely.polygons(scribble(N))), vid))
    con.commit()
    con.close()
    before = path.read_bytes()
    t = time.perf_counter()
    opened = open_project(path, read_only=True)
    took = time.perf_counter() - t
    assert took < 10, took  # unbounded: make_valid for hours and tens of GB (GEOS's is_valid alone: 16 s)
    said = [x for x in opened.open_warnings if vid in x]
    assert len(said) == 1, opened.open_warnings
    line = said[0]
    assert line.startswith(f"{path}: table zone_versions, row {vid!r}") or line.startswith(
        f"{path.name}: table zone_versions, row {vid!r}"), line
    assert f"{N + 1:,} vertices" in line and "too costly to repair" in line and "\n" not in line
    assert line in lines  # the command line prints it
    # The row is kept: the version is still there (shown empty this session), the file untouched.
    assert vid in opened.versions and opened.versions[vid].geometry.is_empty
    assert opened.versions[kept].geometry.equals(box(37.0, 48.0, 37.2, 48.2))
    close_project(opened)
    assert path.read_bytes() == before
    # A writable open keeps the file's bytes for the row too (never "fixed" silently).
    rw = open_project(path)
    assert any(vid in x and "too costly" in x for x in rw.open_warnings)
    out = tmp_path / "out.geojson"
    export_project(rw, out)
    feats = json.loads(out.read_text())["features"]
    assert [f["id"] for f in feats] == [kept]
    close_project(rw)
    con = sqlite3.connect(path)
    blob = con.execute("SELECT geom FROM zone_versions WHERE id = ?", (vid,)).fetchone()[0]
    con.close()
    assert int(shapely.get_num_coordinates(gpkg.decode(blob))) == N + 1


@pytest.mark.parametrize("name", ["out.geojson", "out.kml", "out.shp"])
def test_an_export_leaves_out_a_scribble_with_one_line_and_writes_the_rest(tmp_path, lines, name):
    project = Project()
    kept, vid = two_zones(project)
    v = project.versions[vid]
    # A project built in memory (a plug-in, a script) holding the shape no edit would accept.
    project.load_changes([Change("versions", vid, v, replace(v, geometry=shapely.polygons(scribble(N))))])
    t = time.perf_counter()
    export_project(project, tmp_path / name)
    assert time.perf_counter() - t < 10
    said = [x for x in lines if vid in x]
    assert len(said) == 1 and "too costly to repair" in said[0] and "left out of the export" in said[0], lines
    assert "zone 'scribbled' from 2025-01-06" in said[0]
    if name.endswith(".geojson"):
        feats = json.loads((tmp_path / name).read_text())["features"]
        assert [f["id"] for f in feats] == [kept]
    elif name.endswith(".kml"):
        text = (tmp_path / name).read_text()
        assert "kept" in text and ">scribbled<" not in text


def test_an_export_repairs_a_bow_tie_it_can_and_keeps_it(tmp_path, lines):
    project = Project()
    kept, vid = two_zones(project)
    v = project.versions[vid]
    bow = shapely.Polygon([(30, 47), (31, 48), (31, 47), (30, 48)])
    project.load_changes([Change("versions", vid, v, replace(v, geometry=bow))])
    out = tmp_path / "out.geojson"
    export_project(project, out)
    feats = json.loads(out.read_text())["features"]
    assert sorted(f["id"] for f in feats) == sorted([kept, vid]) and not lines
    assert shapely.geometry.shape(feats[[f["id"] for f in feats].index(vid)]["geometry"]).is_valid
