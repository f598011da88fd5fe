"""The GeoPackage project file: exact round trip, GDAL can read it, bad files are refused."""
from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from shapely.geometry import box

from desktop.model import CommandStack, ReadOnlyError, create_zone
from desktop.storage.errors import ProjectFileError
from desktop.storage.project.projectfile import close_project, create_project, open_project, save_copy
from desktop.storage.project.schema import SCHEMA_VERSION

from support.builders import populate

ROOT = Path(__file__).resolve().parents[2]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def saved(tmp_path):
    path = tmp_path / "p.gpkg"
    project = create_project(path, "t")
    populate(project)
    snap = project.snapshot()
    close_project(project)
    return path, snap


def test_reopen_gives_identical_project(saved):
    path, snap = saved
    project = open_project(path)
    assert project.snapshot() == snap
    # geometry exact to the last bit, holes and multipolygons included
    for vid, v in snap["versions"].items():
        assert project.versions[vid].geometry.wkb == v.geometry.wkb
    assert project.attachments["a1"].data == b"\x89PNG\x00\x01"
    close_project(project)


def test_every_push_is_written_through_before_close(tmp_path):
    path = tmp_path / "w.gpkg"
    project = create_project(path)
    populate(project)
    # Another connection sees every committed row while the project is still open.
    con = sqlite3.connect(path)
    n = con.execute("SELECT count(*) FROM zone_versions").fetchone()[0]
    con.close()
    assert n == len(project.versions) == 3
    close_project(project)


def test_save_as_copies_everything(saved, tmp_path):
    path, snap = saved
    project = open_project(path)
    dest = save_copy(project, tmp_path / "copy.gpkg")
    close_project(project)
    copy = open_project(dest)
    assert copy.snapshot() == snap
    close_project(copy)


def test_gdal_reads_zone_versions_and_observations(saved):
    pyogrio = pytest.importorskip("pyogrio")
    path, snap = saved
    layers = dict((str(n), t) for n, t in pyogrio.list_layers(path))
    assert layers["zone_versions"] == "MultiPolygon"
    meta, _, geoms, fields = pyogrio.raw.read(path, layer="zone_versions")
    import shapely
    cols = list(meta["fields"])
    got = {}
    for i in range(len(geoms)):
        row = {c: fields[j][i] for j, c in enumerate(cols)}
        got[row["id"]] = (shapely.from_wkb(geoms[i]), row)
    assert set(got) == set(snap["versions"])
    for vid, v in snap["versions"].items():
        g, row = got[vid]
        assert g.equals(v.geometry)
        assert row["status"] == v.status
        assert str(row["valid_from"])[:10] == v.valid_from.isoformat()
    meta, _, geoms, fields = pyogrio.raw.read(path, layer="observations")
    kinds = dict(zip(fields[list(meta["fields"]).index("id")], fields[list(meta["fields"]).index("kind")]))
    assert kinds == {"o1": "flag-raising", "o2": "attack direction"}


def _bad_files(tmp_path: Path, good: Path) -> dict[str, tuple[Path, str]]:
    out = {}
    plain = tmp_path / "plain.sqlite"
    con = sqlite3.connect(plain)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    out["plain sqlite"] = (plain, "not a Frontline project")
    other = tmp_path / "other.gpkg"
    import pyogrio
    import numpy as np
    import shapely
    pyogrio.raw.write(other, np.array([shapely.to_wkb(box(0, 0, 1, 1))], dtype=object), [np.array([1])],
                      fields=["n"], geometry_type="Polygon", crs="EPSG:4326", driver="GPKG")
    out["other gpkg"] = (other, "made by another tool")
    data = good.read_bytes()
    trunc = tmp_path / "trunc.gpkg"
    trunc.write_bytes(data[: len(data) // 2 + 100])
    out["truncated"] = (trunc, "damaged")
    corrupt = tmp_path / "corrupt.gpkg"
    buf = bytearray(data)
    for i in range(4096, len(buf) - 4096, 997):
        buf[i] ^= 0x5A
    corrupt.write_bytes(bytes(buf))
    out["corrupted"] = (corrupt, "damaged")
    empty = tmp_path / "empty.gpkg"
    empty.write_bytes(b"")
    out["empty"] = (empty, "empty file")
    text = tmp_path / "notes.gpkg"
    text.write_text("hello, not a database")
    out["text"] = (text, "not a GeoPackage or SQLite file")
    newer = tmp_path / "newer.gpkg"
    newer.write_bytes(data)
    con = sqlite3.connect(newer)
    con.execute("UPDATE frontline_meta SET value=? WHERE key='schema_version'", (str(SCHEMA_VERSION + 1),))
    con.commit()
    con.close()
    out["newer schema"] = (newer, "newer Frontline")
    return out


def test_bad_files_give_one_line_and_stay_untouched(saved, tmp_path):
    path, _ = saved
    for label, (bad, expected) in _bad_files(tmp_path, path).items():
        before = sha(bad)
        with pytest.raises(ProjectFileError) as err:
            open_project(bad)
        msg = str(err.value)
        assert expected in msg, (label, msg)
        assert str(bad) in msg and "\n" not in msg
        assert sha(bad) == before, label
        assert not Path(str(bad) + "-wal").exists()
        # The CLI says the same in one line and exits 1, without a traceback.
        r = subprocess.run([sys.executable, "-m", "desktop", "stats", str(bad)], capture_output=True,
                           text=True, cwd=ROOT)
        assert r.returncode == 1, label
        assert r.stderr.count("\n") == 1 and expected in r.stderr and "Traceback" not in r.stderr
        assert sha(bad) == before, label


def test_read_only_file_opens_read_only(saved):
    path, snap = saved
    os.chmod(path, stat.S_IRUSR | stat.S_IRGRP)
    try:
        before = sha(path)
        project = open_project(path)
        assert project.read_only and project.snapshot() == snap
        close_project(project)
        assert sha(path) == before
    finally:
        os.chmod(path, 0o644)


def test_read_only_project_refuses_edits_and_stats_works(saved):
    path, snap = saved
    before = sha(path)
    project = open_project(path, read_only=True)
    assert project.read_only and project.snapshot() == snap
    st = CommandStack(project)
    aid = next(iter(project.assessments))
    cmd, _ = create_zone(project, name="x", assessment_id=aid, geometry=box(30, 40, 31, 41),
                         status="contested", as_of=date(2025, 1, 1))
    with pytest.raises(ReadOnlyError, match="read-only"):
        st.push(cmd)
    assert project.snapshot() == snap and not st.can_undo()
    close_project(project)
    assert sha(path) == before
    r = subprocess.run([sys.executable, "-m", "desktop", "stats", str(path), "--csv"], capture_output=True,
                       text=True, cwd=ROOT)
    assert r.returncode == 0 and r.stdout.startswith("date,assessment,status,km2\n")
    assert sha(path) == before


def test_create_refuses_to_overwrite(saved):
    path, _ = saved
    with pytest.raises(ProjectFileError, match="exists"):
        create_project(path)


def test_a_file_without_later_tables_opens_and_gains_them(saved, tmp_path):
    path, snap = saved
    con = sqlite3.connect(path)
    con.execute("DROP TABLE raster_layers")
    con.commit()
    con.close()
    ro = open_project(path, read_only=True)
    assert ro.rasters == {} and ro.snapshot()["versions"] == snap["versions"]
    close_project(ro)
    rw = open_project(path)
    close_project(rw)
    con = sqlite3.connect(path)
    assert con.execute("SELECT count(*) FROM raster_layers").fetchone() == (0,)
    con.close()


def test_closing_while_another_window_has_the_file_open(tmp_path):
    # Two windows (or processes) on one file: the first to close cannot switch the file out of
    # WAL while the other holds it. That used to raise out of closeEvent ("database is locked")
    # and leave the project pointing at a closed connection.
    from shapely.geometry import box as _box

    from desktop.model.edits import add_assessment, create_zone
    path = tmp_path / "shared.gpkg"
    a = create_project(path, title="Shared")
    cmd, aid = add_assessment(a, "Ours")
    a.apply(cmd.changes)
    b = open_project(path)
    cmd, zid = create_zone(b, name="Zone", assessment_id=aid, geometry=_box(37.1, 48.2, 37.2, 48.3),
                           status="ru_control", as_of=date(2025, 12, 1))
    b.apply(cmd.changes)
    close_project(a)  # b still holds the file
    assert a.storage is None and a.writer is None
    close_project(b)
    again = open_project(path, read_only=True)
    assert again.zones[zid].name == "Zone" and [x.name for x in again.assessments.values()] == ["Ours"]
    close_project(again)
