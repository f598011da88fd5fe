"""Each zone version's geodesic km² is stored in the project file beside its shape, in the same
transaction, and only trusted while the shape's blob is the one it was measured on."""
from __future__ import annotations

import shutil
import sqlite3
import zlib
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import Polygon, box

from desktop.model import CommandStack, add_assessment, create_zone, edit_zone
from desktop.model.geodesy import area_km2
from desktop.storage.project import gpkg
from desktop.storage.imports.importer import import_files
from desktop.storage.project.projectfile import close_project, create_project, open_project
from desktop.storage.project import stored_areas
from desktop.storage.project.schema import AREA_COLUMN, AREA_CRC_COLUMN

from support.builders import populate


def stored(path) -> dict[str, tuple[float | None, int | None, bytes]]:
    """version id -> (stored km², stored CRC, geometry blob), read straight from the file."""
    con = sqlite3.connect(path)
    try:
        cols = {r[1] for r in con.execute("PRAGMA table_info(zone_versions)")}
        if AREA_COLUMN not in cols:
            return {i: (None, None, g) for i, g in con.execute("SELECT id, geom FROM zone_versions")}
        sql = f'SELECT id, "{AREA_COLUMN}", "{AREA_CRC_COLUMN}", geom FROM zone_versions'
        return {i: (a, c, g) for i, a, c, g in con.execute(sql)}
    finally:
        con.close()


def assert_stored_areas_exact(path, project) -> None:
    rows = stored(path)
    assert set(rows) == set(project.versions)
    for vid, (a, crc, blob) in rows.items():
        v = project.versions[vid]
        assert a == area_km2(v.geometry), vid  # the very figure the model computes, to the bit
        assert crc == stored_areas.seal(stored_areas.blob_crc(blob), a)


def drop_area_columns(path) -> None:
    """Make the file look like one written before the stored areas."""
    con = sqlite3.connect(path)
    con.execute(f'ALTER TABLE zone_versions DROP COLUMN "{AREA_COLUMN}"')
    con.execute(f'ALTER TABLE zone_versions DROP COLUMN "{AREA_CRC_COLUMN}"')
    con.commit()
    con.close()


@pytest.fixture
def front(shared_data, tmp_path):
    """Three real DeepState weeks imported as a series into a project file."""
    weekly = sorted((shared_data / "frontline" / "deepstate_cyterat_weekly").glob("*.geojson"))[-3:]
    path = tmp_path / "front.gpkg"
    project = create_project(path, "front")
    import_files(project, weekly, series=True, status="ru_control")
    assert len(project.versions) > 3
    return path, project


def test_import_writes_each_versions_area_with_it(front):
    path, project = front
    assert_stored_areas_exact(path, project)
    snap = project.snapshot()
    close_project(project)
    again = open_project(path, read_only=True)
    assert again.snapshot() == snap
    # Every area came from the file: the cache holds each version's own shape, measured.
    for v in again.versions.values():
        assert again.cached_area_km2(v) == area_km2(v.geometry)
    close_project(again)


def test_edits_and_undo_keep_the_stored_area_right(tmp_path):
    path = tmp_path / "p.gpkg"
    project = create_project(path, "t")
    stack = populate(project)
    assert_stored_areas_exact(path, project)
    z = next(iter(project.zones))
    v = project.version_at(z, date(2025, 11, 20))
    # A status edit keeps the shape: the new version is measured once, through the cache.
    stack.push(edit_zone(project, z, date(2025, 12, 1), status="contested"))
    new = project.version_at(z, date(2025, 12, 1))
    assert new.geometry is v.geometry and project.cached_area_km2(new) == area_km2(v.geometry)
    stack.push(edit_zone(project, z, date(2025, 12, 8), geometry=box(37.0, 48.0, 37.6, 48.4)))
    assert_stored_areas_exact(path, project)
    stack.undo()
    stack.undo()
    assert_stored_areas_exact(path, project)
    close_project(project)


def test_a_file_without_the_columns_opens_and_gains_them(front):
    path, project = front
    snap = project.snapshot()
    close_project(project)
    drop_area_columns(path)
    before = path.read_bytes()
    ro = open_project(path, read_only=True)
    assert ro.snapshot() == snap
    for v in ro.versions.values():  # measured when asked, not read
        assert ro.cached_area_km2(v) is None
        assert ro.version_area_km2(v) == area_km2(v.geometry)
    close_project(ro)
    assert path.read_bytes() == before  # a read-only open never writes
    rw = open_project(path)  # the first writable open adds the columns and fills them
    assert_stored_areas_exact(path, rw)
    close_project(rw)


def test_a_shape_edited_by_another_tool_is_measured_again(front):
    path, project = front
    vid = next(iter(project.versions))
    close_project(project)
    # QGIS (or an older Frontline) rewrites one shape and leaves our area column alone.
    other = box(36.0, 47.0, 36.5, 47.5)
    con = gpkg.register_functions(sqlite3.connect(path))  # as QGIS has them
    con.execute("UPDATE zone_versions SET geom = ? WHERE id = ?", (gpkg.encode(other), vid))
    con.commit()
    con.close()
    old_area = stored(path)[vid][0]
    assert old_area != area_km2(other)
    ro = open_project(path, read_only=True)
    assert ro.version_area_km2(ro.versions[vid]) == area_km2(ro.versions[vid].geometry)
    close_project(ro)
    rw = open_project(path)
    assert_stored_areas_exact(path, rw)
    assert stored(path)[vid][0] == area_km2(rw.versions[vid].geometry)
    close_project(rw)


@pytest.mark.parametrize("value", ["n/a", b"\x00", -1.0, float("nan"), 1e6])
def test_junk_or_a_hand_filled_area_is_measured_again(front, value):
    # The column is a cache another tool can write to (QGIS's field calculator, a typo): text
    # must not stop the file opening, and a plausible number that is not ours must not be shown.
    path, project = front
    vid = next(iter(project.versions))
    close_project(project)
    con = gpkg.register_functions(sqlite3.connect(path))  # as QGIS has them
    con.execute(f'UPDATE zone_versions SET "{AREA_COLUMN}" = ? WHERE id = ?', (value, vid))
    con.commit()
    con.close()
    ro = open_project(path, read_only=True)
    assert ro.cached_area_km2(ro.versions[vid]) is None  # not trusted: measured when asked
    assert ro.version_area_km2(ro.versions[vid]) == area_km2(ro.versions[vid].geometry)
    close_project(ro)
    rw = open_project(path)
    assert_stored_areas_exact(path, rw)
    close_project(rw)


def test_areas_measured_another_way_are_measured_again(front, monkeypatch):
    # A new measuring method (a fix, another pyproj) changes the seal: no old figure survives.
    path, project = front
    close_project(project)
    monkeypatch.setattr(stored_areas, "_METHOD_CRC", zlib.crc32(b"another method"))
    ro = open_project(path, read_only=True)
    assert all(ro.cached_area_km2(v) is None for v in ro.versions.values())
    close_project(ro)


def test_versions_sharing_a_shape_share_it_after_loading(tmp_path):
    path = tmp_path / "p.gpkg"
    project = create_project(path, "t")
    stack = CommandStack(project)
    cmd, aid = add_assessment(project, "Ours")
    stack.push(cmd)
    cmd, z = create_zone(project, name="a", assessment_id=aid, geometry=box(37, 48, 37.2, 48.2),
                         status="ru_control", as_of=date(2025, 1, 6))
    stack.push(cmd)
    stack.push(edit_zone(project, z, date(2025, 2, 3), status="contested"))
    close_project(project)
    again = open_project(path)
    first, second = again.versions_of(z)
    assert first.geometry is second.geometry and first.geometry.equals_exact(box(37, 48, 37.2, 48.2), 0)
    close_project(again)


def test_importing_a_project_file_does_not_bring_the_area_columns_or_version_ids(front, tmp_path):
    path, project = front
    close_project(project)
    copy = tmp_path / "copy.gpkg"
    shutil.copyfile(path, copy)
    target = create_project(tmp_path / "t.gpkg", "t")
    import_files(target, [copy])
    for z in target.zones.values():
        keys = {k for k, _ in z.extra}
        assert AREA_COLUMN not in keys and AREA_CRC_COLUMN not in keys and "id" not in keys
    assert target.zones
    close_project(target)


rings = st.lists(st.tuples(st.floats(-170, 170), st.floats(-80, 80)), min_size=3, max_size=12)


@settings(max_examples=25, deadline=None)
@given(rings)
def test_any_shape_is_stored_with_its_exact_area(tmp_path_factory, pts):
    shape = Polygon(pts).buffer(0)
    if shape.is_empty or shape.geom_type not in ("Polygon", "MultiPolygon"):
        return
    path = tmp_path_factory.mktemp("h") / "p.gpkg"
    project = create_project(path, "t")
    cmd, aid = add_assessment(project, "Ours")
    project.apply(cmd.changes)
    cmd, _ = create_zone(project, name="x", assessment_id=aid, geometry=shape, status="ru_control",
                         as_of=date(2025, 1, 6))
    project.apply(cmd.changes)
    assert_stored_areas_exact(path, project)
    close_project(project)


def test_an_empty_table_lacking_a_column_still_opens(tmp_path):
    # A file trimmed by another tool (an empty raster_layers table without its opacity column)
    # opened before the one-pass loader; it still does, read-only and writable.
    path = tmp_path / "p.gpkg"
    project = create_project(path, "t")
    populate(project)
    snap = project.snapshot()
    close_project(project)
    con = sqlite3.connect(path)
    con.execute('ALTER TABLE raster_layers DROP COLUMN "opacity"')
    con.commit()
    con.close()
    ro = open_project(path, read_only=True)
    assert ro.snapshot() == snap and not ro.rasters
    close_project(ro)
