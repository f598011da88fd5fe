"""The project file with GDAL and QGIS (issue #16, item 1), checked with pyogrio's own GDAL.

QGIS adds a spatial index to a GeoPackage it opens (GDAL's `CreateSpatialIndex`), whose triggers
call SQL functions the writer must provide; QGIS's "package layers" and `ogr2ogr -f GPKG` copy a
project table by table. Here GDAL is the library pyogrio ships, driven through ctypes where
pyogrio has no call for it (SQL on a dataset opened for update; ogr2ogr's library form,
GDALVectorTranslate), so the checks need nothing beyond the test dependencies.
"""
from __future__ import annotations

import ctypes
import glob
import os
import shutil
import sqlite3
import struct
from datetime import date
from pathlib import Path

import numpy as np
import pytest
import shapely
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, box

from desktop.model import CommandStack, create_zone, edit_zone
from desktop.model.edits import delete_zones
from desktop.model.entities import Observation
from desktop.model.record_commands import put_record
from desktop.storage.project import gpkg
from desktop.storage.project.projectfile import META_TABLE, close_project, create_project, open_project
from desktop.storage.project.schema import TABLE_MAPS

from support.builders import populate

pyogrio = pytest.importorskip("pyogrio")

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "project_v0_1.gpkg"
FEATURE_TABLES = ("zone_versions", "observations")
ALL_TABLES = [tm.name for tm in TABLE_MAPS.values()] + [META_TABLE]


# --- GDAL, the library pyogrio loads ---------------------------------------------------------

class _Gdal:
    def __init__(self) -> None:
        libs = glob.glob(os.path.join(os.path.dirname(pyogrio.__file__), os.pardir, "pyogrio.libs", "libgdal*"))
        if not libs:
            pytest.skip("pyogrio's GDAL library was not found (a pyogrio built on a system GDAL)")
        g = self.lib = ctypes.CDLL(libs[0])
        g.GDALAllRegister()
        p, s = ctypes.c_void_p, ctypes.c_char_p
        g.GDALOpenEx.restype, g.GDALOpenEx.argtypes = p, [s, ctypes.c_uint, p, p, p]
        g.GDALDatasetExecuteSQL.restype, g.GDALDatasetExecuteSQL.argtypes = p, [p, s, p, s]
        g.GDALDatasetReleaseResultSet.argtypes = [p, p]
        g.GDALClose.argtypes = [p]
        g.CPLGetLastErrorMsg.restype = s
        g.GDALVectorTranslateOptionsNew.restype = p
        g.GDALVectorTranslateOptionsNew.argtypes = [ctypes.POINTER(s), p]
        g.GDALVectorTranslateOptionsFree.argtypes = [p]
        g.GDALVectorTranslate.restype = p
        g.GDALVectorTranslate.argtypes = [s, p, ctypes.c_int, ctypes.POINTER(p), p, ctypes.POINTER(ctypes.c_int)]
        g.GDALVersionInfo.restype, g.GDALVersionInfo.argtypes = s, [s]

    def _open(self, path: Path, update: bool) -> int:
        ds = self.lib.GDALOpenEx(str(path).encode(), 0x04 | (0x01 if update else 0), None, None, None)
        assert ds, self.lib.CPLGetLastErrorMsg()
        return ds

    def sql(self, path: Path, *statements: str) -> None:
        """Run SQL as GDAL does it on a file opened for update (ogrinfo -sql, QGIS)."""
        ds = self._open(path, update=True)
        try:
            for statement in statements:
                self.lib.CPLErrorReset()
                layer = self.lib.GDALDatasetExecuteSQL(ds, statement.encode(), None, b"SQLITE")
                if layer:
                    self.lib.GDALDatasetReleaseResultSet(ds, layer)
                assert not self.lib.CPLGetLastErrorMsg(), (statement, self.lib.CPLGetLastErrorMsg())
        finally:
            self.lib.GDALClose(ds)

    def ogr2ogr(self, src: Path, dest: Path, *args: str) -> None:
        """`ogr2ogr -f GPKG dest src`: every layer copied by GDAL, as QGIS packages a project."""
        argv = [a.encode() for a in ("-f", "GPKG", *args)] + [None]
        opts = self.lib.GDALVectorTranslateOptionsNew((ctypes.c_char_p * len(argv))(*argv), None)
        assert opts, self.lib.CPLGetLastErrorMsg()
        src_ds = ctypes.c_void_p(self._open(src, update=False))
        err = ctypes.c_int(0)
        try:
            out = self.lib.GDALVectorTranslate(str(dest).encode(), None, 1, ctypes.byref(src_ds), opts,
                                               ctypes.byref(err))
            assert out and not err.value, self.lib.CPLGetLastErrorMsg()
            self.lib.GDALClose(out)
        finally:
            self.lib.GDALVectorTranslateOptionsFree(opts)
            self.lib.GDALClose(src_ds)


@pytest.fixture(scope="module")
def gdal() -> _Gdal:
    return _Gdal()


# --- helpers --------------------------------------------------------------------------------

def connect(path: Path) -> sqlite3.Connection:
    """A connection as another tool has it: with the functions the triggers call."""
    return gpkg.register_functions(sqlite3.connect(path))


def triggers(path: Path, table: str) -> dict[str, str]:
    con = sqlite3.connect(path)
    try:
        return dict(con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?",
                                (table,)).fetchall())
    finally:
        con.close()


def assert_index_agrees(path: Path, table: str) -> int:
    """Every non-empty feature has one rtree row holding its envelope (an rtree keeps 32-bit
    floats, rounded outwards), and the rtree holds nothing else. Returns the row count."""
    con = connect(path)
    try:
        pk = next(r[1] for r in con.execute(f'PRAGMA table_info("{table}")') if r[5])
        rows = {fid: g for fid, g in con.execute(f'SELECT "{pk}", geom FROM "{table}"')}
        index = {r[0]: r[1:] for r in con.execute(f'SELECT id, minx, maxx, miny, maxy FROM "rtree_{table}_geom"')}
        ext = con.execute("SELECT scope FROM gpkg_extensions WHERE table_name = ? AND column_name = 'geom' "
                          "AND extension_name = 'gpkg_rtree_index'", (table,)).fetchall()
    finally:
        con.close()
    assert ext == [("write-only",)]
    full = {fid: gpkg.decode(g) for fid, g in rows.items() if g is not None}
    full = {fid: g for fid, g in full.items() if not g.is_empty}
    assert set(index) == set(full), (table, sorted(index), sorted(full))
    for fid, g in full.items():
        minx, miny, maxx, maxy = g.bounds
        iminx, imaxx, iminy, imaxy = index[fid]
        assert iminx <= minx and imaxx >= maxx and iminy <= miny and imaxy >= maxy, (table, fid)
        assert all(d < 1e-5 for d in (minx - iminx, imaxx - maxx, miny - iminy, imaxy - maxy)), (table, fid)
    return len(index)


def gdal_rows(path: Path, table: str) -> list[str]:
    """The text ids of a table as GDAL reads them, checked against GDAL's feature count (which
    a GDAL-made file keeps in gpkg_ogr_contents)."""
    meta, _fids, _geom, fields = pyogrio.raw.read(path, layer=table, return_fids=True)
    ids = [str(v) for v in fields[list(meta["fields"]).index("key" if table in ("legend", META_TABLE) else "id")]]
    assert pyogrio.read_info(path, layer=table)["features"] == len(ids)
    return ids


def edit_a_lot(project) -> None:
    """New zones, a reshape (a new version and the old one's end date), an observation, a
    deletion, an undo: inserts, updates of the geometry and of other columns, deletes."""
    st = CommandStack(project)
    aid = next(iter(project.assessments))
    cmd, z = create_zone(project, name="GDAL-indexed", assessment_id=aid, geometry=box(37.6, 48.0, 37.7, 48.1),
                         status="contested", as_of=date(2025, 12, 1))
    st.push(cmd)
    st.push(edit_zone(project, z, date(2025, 12, 5), geometry=box(37.6, 48.0, 37.8, 48.15)))
    st.push(edit_zone(project, z, date(2025, 12, 9), status="ru_control"))  # same shape, other status
    cmd, z2 = create_zone(project, name="gone", assessment_id=aid, geometry=box(38.0, 48.0, 38.1, 48.1),
                          status="contested", as_of=date(2025, 12, 1))
    st.push(cmd)
    st.push(delete_zones(project, [z2]))
    cmd, z3 = create_zone(project, name="undone", assessment_id=aid, geometry=box(38.2, 48.0, 38.3, 48.1),
                          status="contested", as_of=date(2025, 12, 1))
    st.push(cmd)
    st.undo()
    st.push(put_record(project, "observations", Observation("o-gdal", "strike", LineString([(37.0, 48.0), (37.2, 48.3)]),
                                                            date(2025, 12, 2)), "o"))


def check_gdal_agrees(path: Path, project_snapshot: dict) -> None:
    assert sorted(gdal_rows(path, "zone_versions")) == sorted(project_snapshot["versions"])
    assert sorted(gdal_rows(path, "observations")) == sorted(project_snapshot["observations"])
    assert sorted(gdal_rows(path, "zones")) == sorted(project_snapshot["zones"])
    for table in FEATURE_TABLES:
        assert_index_agrees(path, table)


def assert_requirement_119(path: Path) -> None:
    """validate_gpkg.py's requirement 119: every user table has one INTEGER PRIMARY KEY."""
    con = sqlite3.connect(path)
    try:
        tables = [r[0] for r in con.execute("SELECT table_name FROM gpkg_contents")]
        for t in tables:
            pks = [(r[1], r[2]) for r in con.execute(f'PRAGMA table_info("{t}")') if r[5]]
            assert len(pks) == 1 and pks[0][1] == "INTEGER", (t, pks)
    finally:
        con.close()


@pytest.fixture
def saved(tmp_path) -> tuple[Path, dict]:
    path = tmp_path / "p.gpkg"
    project = create_project(path, "t")
    populate(project)
    snap = project.snapshot()
    close_project(project)
    return path, snap


# --- the SQL functions ----------------------------------------------------------------------

def _gdal_point_blob(x: float, y: float, big_endian: bool = False) -> bytes:
    """A point as GDAL writes it: no envelope in the header."""
    order = ">" if big_endian else "<"
    header = b"GP" + bytes([0, 0 if big_endian else 1]) + struct.pack(order + "i", 4326)
    return header + shapely.to_wkb(Point(x, y), byte_order=0 if big_endian else 1)


def test_the_sql_functions_read_the_blob_header_and_wkb():
    con = gpkg.register_functions(sqlite3.connect(":memory:"))
    one = lambda sql, *a: con.execute(sql, a).fetchone()[0]  # noqa: E731
    poly = gpkg.encode(MultiPolygon([box(37.0, 48.0, 37.5, 48.25)]))
    assert [one(f"SELECT {f}(?)", poly) for f in ("ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY")] == [37.0, 37.5, 48.0, 48.25]
    assert (one("SELECT ST_IsEmpty(?)", poly), one("SELECT ST_GeometryType(?)", poly), one("SELECT ST_SRID(?)", poly)) == (
        0, "MULTIPOLYGON", 4326)
    for big in (False, True):  # no envelope: from the WKB, in either byte order
        pt = _gdal_point_blob(37.25, 48.5, big)
        assert [one(f"SELECT {f}(?)", pt) for f in ("ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY")] == [37.25, 37.25, 48.5, 48.5]
        assert (one("SELECT ST_IsEmpty(?)", pt), one("SELECT ST_GeometryType(?)", pt), one("SELECT ST_SRID(?)", pt)) == (
            0, "POINT", 4326)
    empty = gpkg.encode(Polygon())
    assert (one("SELECT ST_IsEmpty(?)", empty), one("SELECT ST_MinX(?)", empty)) == (1, None)
    for junk in (None, b"", b"not a geometry", "text", 3):
        assert one("SELECT ST_IsEmpty(?)", junk) is None and one("SELECT ST_MinX(?)", junk) is None
    assert [one("SELECT GPKG_IsAssignable(?, ?)", e, a) for e, a in (
        ("GEOMETRY", "POINT"), ("MULTIPOLYGON", "MULTIPOLYGON"), ("MULTISURFACE", "MULTIPOLYGON"),
        ("MULTIPOLYGON", "POLYGON"), ("POINT", "LINESTRING"), ("CURVE", "LINESTRING"))] == [1, 1, 1, 0, 0, 1]
    # Deterministic, so SQLite may use them in indexes and checks.
    con.execute("CREATE TABLE t (g BLOB)")
    con.execute("CREATE INDEX t_minx ON t (ST_MinX(g))")
    con.close()


def test_every_connection_the_project_opens_has_them(saved):
    path, _ = saved
    for read_only in (False, True):
        p = open_project(path, read_only=read_only)
        blob = gpkg.encode(box(1, 2, 3, 4))
        assert p.storage.con.execute("SELECT ST_MaxY(?), GPKG_IsAssignable('GEOMETRY', ST_GeometryType(?))",
                                     (blob, blob)).fetchone() == (4.0, 1)
        close_project(p)


# --- the file Frontline writes --------------------------------------------------------------

def test_a_new_project_is_a_geopackage_1_3_with_integer_keys_and_spatial_indexes(saved):
    path, snap = saved
    head = path.read_bytes()[:100]
    assert struct.unpack(">I", head[68:72])[0] == gpkg.APPLICATION_ID
    assert struct.unpack(">I", head[60:64])[0] == 10300  # what GDAL before 3.8 reads without a warning
    assert_requirement_119(path)
    assert assert_index_agrees(path, "zone_versions") == len(snap["versions"])
    assert assert_index_agrees(path, "observations") == len(snap["observations"])
    # The spec's triggers, under the names GDAL 3.6's validate_gpkg.py looks for.
    names = set(triggers(path, "zone_versions"))
    assert {f"rtree_zone_versions_geom_{n}" for n in ("insert", "update1", "update2", "update3", "update4",
                                                      "delete")} <= names
    # The text ids stay the keys the code uses, unique.
    con = sqlite3.connect(path)
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("INSERT INTO zones (id, name, assessment_id) VALUES (?, 'x', 'y')", (next(iter(snap["zones"])),))
    con.close()


def test_frontline_edits_keep_its_own_index_right(saved):
    path, _ = saved
    p = open_project(path)
    edit_a_lot(p)
    snap = p.snapshot()
    close_project(p)
    check_gdal_agrees(path, snap)


# --- an index GDAL (QGIS) made --------------------------------------------------------------

def test_an_index_gdal_made_then_frontline_edits_and_gdal_reads_them(saved, gdal):
    path, _ = saved
    gdal.sql(path, *(f"SELECT DisableSpatialIndex('{t}', 'geom')" for t in FEATURE_TABLES))
    assert not any("rtree" in n for n in triggers(path, "zone_versions"))
    gdal.sql(path, *(f"SELECT CreateSpatialIndex('{t}', 'geom')" for t in FEATURE_TABLES))
    made = triggers(path, "zone_versions")
    assert "rtree_zone_versions_geom_insert" in made and "ST_IsEmpty" in made["rtree_zone_versions_geom_insert"]
    p = open_project(path)
    assert not p.read_only and p.open_warnings == []
    edit_a_lot(p)  # "no such function: ST_IsEmpty" before
    snap = p.snapshot()
    close_project(p)
    assert triggers(path, "zone_versions") == made  # GDAL's index was kept, not replaced
    check_gdal_agrees(path, snap)


def test_gdal_edits_frontline_file_and_frontline_reads_them(saved, gdal):
    # GDAL (QGIS) writing into the project: its statements fire Frontline's triggers, with
    # GDAL's own functions.
    path, snap = saved
    vid = next(iter(snap["versions"]))
    blob = gpkg.encode(MultiPolygon([box(36.0, 47.0, 36.5, 47.5)]))
    gdal.sql(path, f"UPDATE zone_versions SET geom = X'{blob.hex()}' WHERE id = '{vid}'",
             "UPDATE zone_versions SET notes = 'from QGIS'")
    assert_index_agrees(path, "zone_versions")
    p = open_project(path)
    assert p.versions[vid].geometry.bounds == (36.0, 47.0, 36.5, 47.5)
    assert {v.notes for v in p.versions.values()} == {"from QGIS"}
    close_project(p)


def test_the_v0_1_fixture_indexed_by_gdal_is_upgraded_and_edited(tmp_path, gdal):
    copy = tmp_path / "v0_1.gpkg"
    shutil.copyfile(FIXTURE, copy)
    gdal.sql(copy, "SELECT CreateSpatialIndex('zone_versions', 'geom')")  # QGIS on the old file
    gdal_made = triggers(copy, "zone_versions")
    p = open_project(copy)
    assert not p.read_only and p.open_warnings == []
    edit_a_lot(p)
    snap = p.snapshot()
    close_project(p)
    assert triggers(copy, "zone_versions") == gdal_made
    check_gdal_agrees(copy, snap)
    assert_requirement_119(copy)


# --- the v0.1 migration ---------------------------------------------------------------------

def _raw(path: Path) -> dict[str, list[tuple]]:
    """Each table's rows in rowid order, without the fid column."""
    con = sqlite3.connect(path)
    try:
        out = {}
        for t in ALL_TABLES:
            cur = con.execute(f'SELECT * FROM "{t}" ORDER BY _rowid_')
            names = [d[0] for d in cur.description]
            keep = [i for i, n in enumerate(names) if n != "fid"]
            out[t] = [tuple(r[i] for i in keep) for r in cur.fetchall()]
        return out
    finally:
        con.close()


def test_the_v0_1_fixture_gains_integer_keys_and_indexes_on_its_first_writable_open(tmp_path):
    copy = tmp_path / "v0_1.gpkg"
    shutil.copyfile(FIXTURE, copy)
    before_rows = _raw(copy)
    ro = open_project(copy, read_only=True)
    before = ro.snapshot()
    close_project(ro)
    p = open_project(copy)
    assert p.snapshot() == before and not p.read_only
    close_project(p)
    assert_requirement_119(copy)
    after_rows = _raw(copy)
    for t in ALL_TABLES:  # same rows, same order (fid = the old rowid), same values
        if t == "zone_versions":  # gains its stored areas on this open
            continue
        old = [r[:len(before_rows[t][0])] if before_rows[t] else r for r in after_rows[t]]
        assert old == before_rows[t], t
    con = sqlite3.connect(copy)
    assert con.execute("SELECT key, value FROM frontline_meta ORDER BY fid").fetchall() == [
        ("application", "frontline"), ("schema_version", "1")]
    assert con.execute("PRAGMA user_version").fetchone() == (10300,)
    # The fids follow the old row order; the text ids stay unique.
    assert [r[0] for r in con.execute("SELECT fid FROM zones ORDER BY fid")] == [1, 2, 3, 4]
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("INSERT INTO legend (key, label) SELECT key, label FROM legend LIMIT 1")
    assert {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'index'")} >= {
        "zone_versions_zone", "evidence_target"}
    con.close()
    assert assert_index_agrees(copy, "zone_versions") == 7
    assert assert_index_agrees(copy, "observations") == 2
    again = open_project(copy)  # nothing left to upgrade: the same file, the same project
    assert again.snapshot() == before
    close_project(again)


# --- copies by GDAL -------------------------------------------------------------------------

def test_an_ogr2ogr_copy_opens_writable_and_takes_edits(saved, tmp_path, gdal):
    path, snap = saved
    copy = tmp_path / "copy.gpkg"
    gdal.ogr2ogr(path, copy)
    con = sqlite3.connect(copy)
    meta_cols = [r[1] for r in con.execute(f'PRAGMA table_info("{META_TABLE}")')]
    con.close()
    assert meta_cols[0] == "fid" and len(meta_cols) == 3
    p = open_project(copy)
    assert not p.read_only and p.open_warnings == []
    assert p.snapshot() == snap
    edit_a_lot(p)
    after = p.snapshot()
    close_project(p)
    check_gdal_agrees(copy, after)
    p = open_project(copy)
    assert p.snapshot() == after
    close_project(p)


def test_an_ogr2ogr_copy_of_the_v0_1_fixture_opens_and_takes_edits(tmp_path, gdal):
    # The copy in the report: frontline_meta has (fid, key, value), where 0.1 wrote two values.
    copy = tmp_path / "copy.gpkg"
    gdal.ogr2ogr(FIXTURE, copy)
    ro = open_project(FIXTURE, read_only=True)
    snap = ro.snapshot()
    close_project(ro)
    p = open_project(copy)
    assert not p.read_only and p.open_warnings == []
    assert p.snapshot() == snap
    edit_a_lot(p)
    after = p.snapshot()
    close_project(p)
    check_gdal_agrees(copy, after)


def _pyogrio_copy(src: Path, dest: Path) -> None:
    """A harsher copy: pyogrio's raw read and write, which keep the columns and their values but
    no UNIQUE, NOT NULL or DEFAULT (and write binary columns as text: use no attachments)."""
    for name, _ in pyogrio.list_layers(src):
        meta, _fids, geom, fields = pyogrio.raw.read(src, layer=name)
        kw = dict(geometry_type=meta["geometry_type"], crs=meta["crs"]) if geom is not None else {}
        pyogrio.raw.write(dest, geom, fields, meta["fields"], layer=name, driver="GPKG", **kw)


@pytest.fixture
def without_attachments(tmp_path) -> tuple[Path, dict]:
    path = tmp_path / "p.gpkg"
    project = create_project(path, "t")
    populate(project)
    from desktop.model.changes import Change, ChangeSet
    project.apply(ChangeSet([Change("attachments", "a1", project.attachments["a1"], None)]))
    snap = project.snapshot()
    close_project(project)
    return path, snap


def test_a_copy_that_lost_its_unique_ids_is_mended_on_open(without_attachments, tmp_path):
    path, snap = without_attachments
    copy = tmp_path / "copy.gpkg"
    _pyogrio_copy(path, copy)
    p = open_project(copy)
    assert not p.read_only and p.open_warnings == []
    assert p.snapshot() == snap
    edit_a_lot(p)
    after = p.snapshot()
    close_project(p)
    check_gdal_agrees(copy, after)
    con = sqlite3.connect(copy)
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("INSERT INTO zones (id) SELECT id FROM zones LIMIT 1")
    con.close()


def test_a_copy_with_doubled_ids_opens_read_only_and_says_why(without_attachments, tmp_path):
    path, _ = without_attachments
    copy = tmp_path / "copy.gpkg"
    _pyogrio_copy(path, copy)
    con = connect(copy)
    con.execute("INSERT INTO quotes (id, source_id, text, credibility) SELECT id, source_id, 'again', 6 FROM quotes")
    con.commit()
    con.close()
    before = copy.read_bytes()
    p = open_project(copy)
    assert p.read_only and p.writer is None
    assert len(p.open_warnings) == 1
    line = p.open_warnings[0]
    assert "opened read-only" in line and "table quotes has 2 rows with id" in line and "\n" not in line
    close_project(p)
    assert copy.read_bytes() == before


def test_columns_another_tool_added_are_kept_and_never_break_an_insert(saved):
    path, _ = saved
    con = connect(path)
    for t in ("zone_versions", "zones", META_TABLE):
        con.execute(f'ALTER TABLE "{t}" ADD COLUMN qgis_note TEXT')
    con.execute("UPDATE zone_versions SET qgis_note = 'kept'")
    con.commit()
    con.close()
    p = open_project(path)
    assert not p.read_only
    vid = next(iter(p.versions))
    zid = p.versions[vid].zone_id
    edit_a_lot(p)
    CommandStack(p).push(edit_zone(p, zid, date(2025, 11, 4), status="contested"))
    close_project(p)
    con = sqlite3.connect(path)
    assert con.execute("SELECT qgis_note FROM zone_versions WHERE id = ?", (vid,)).fetchone() == ("kept",)
    con.close()
    assert_index_agrees(path, "zone_versions")


def test_a_read_only_open_of_an_old_file_writes_nothing_and_calls_nothing(tmp_path):
    copy = tmp_path / "v0_1.gpkg"
    shutil.copyfile(FIXTURE, copy)
    stat = copy.stat()
    data = copy.read_bytes()
    p = open_project(copy, read_only=True)
    close_project(p)
    assert copy.read_bytes() == data and copy.stat().st_mtime_ns == stat.st_mtime_ns
    assert not Path(str(copy) + "-wal").exists()


def test_the_functions_read_the_envelope_off_the_header(monkeypatch):
    # They run in triggers, per row written: a blob with an envelope in its header (all that
    # Frontline writes) is never parsed, whatever the size of its shape; one without (a point
    # GDAL wrote) is parsed once for its four bounds.
    ring = np.c_[np.cos(np.linspace(0, 6.28, 5000)), np.sin(np.linspace(0, 6.28, 5000))]
    big = gpkg.encode(Polygon(ring))
    parsed = []
    real = shapely.from_wkb
    monkeypatch.setattr(gpkg.shapely, "from_wkb", lambda b: parsed.append(b) or real(b))
    monkeypatch.setattr(gpkg, "_last", (None, None))
    con = gpkg.register_functions(sqlite3.connect(":memory:"))
    con.execute("SELECT ST_IsEmpty(?), ST_MinX(?), ST_MaxX(?), ST_MinY(?), ST_MaxY(?)", (big,) * 5).fetchone()
    assert parsed == []
    pt = _gdal_point_blob(37.5, 48.5)
    assert con.execute("SELECT ST_IsEmpty(?), ST_MinX(?), ST_MaxX(?), ST_MinY(?), ST_MaxY(?)",
                       (pt,) * 5).fetchone() == (0, 37.5, 37.5, 48.5, 48.5)
    assert len(parsed) == 1
    con.close()


def test_a_copy_of_some_layers_opens_read_only_and_names_what_it_lacks(saved, tmp_path, gdal):
    # QGIS's "Package layers" with the map layers only: the evidence tables stay behind.
    path, snap = saved
    copy = tmp_path / "map_only.gpkg"
    gdal.ogr2ogr(path, copy, META_TABLE, "project_info", "legend", "assessments", "zones", "zone_versions",
                 "observations")
    before = copy.read_bytes()
    p = open_project(copy)
    assert p.read_only and p.writer is None
    assert p.open_warnings == [f"{copy}: opened read-only: the file lacks the tables sources, quotes, evidence, "
                               "attachments (a partial copy?)"]
    assert p.snapshot()["versions"] == snap["versions"] and not p.quotes
    close_project(p)
    assert copy.read_bytes() == before


def test_a_copy_lacking_a_table_its_rows_name_is_refused_in_one_line(saved, tmp_path, gdal):
    path, _ = saved
    copy = tmp_path / "no_zones.gpkg"
    gdal.ogr2ogr(path, copy, META_TABLE, "legend", "assessments", "zone_versions")
    from desktop.storage.errors import ProjectFileError
    with pytest.raises(ProjectFileError, match=r"partial copy \(missing tables: zones, which"):
        open_project(copy)


def test_gdal_feature_counts_never_go_stale(saved, tmp_path, gdal):
    path, _ = saved
    copy = tmp_path / "copy.gpkg"
    gdal.ogr2ogr(path, copy)
    con = sqlite3.connect(copy)  # as while GDAL has the file open for update: no count triggers
    con.execute("DROP TRIGGER trigger_insert_feature_count_zone_versions")
    con.commit()
    con.close()
    p = open_project(copy)
    edit_a_lot(p)
    snap = p.snapshot()
    close_project(p)
    check_gdal_agrees(copy, snap)  # pyogrio's feature count is the number of rows
