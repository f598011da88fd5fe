"""The project file: one GeoPackage (SQLite) written with the standard library's sqlite3.

Every change set is written as one transaction before memory changes (WAL mode, synchronous
FULL), so a crash or power cut loses nothing that was on screen. Opening checks the file first,
on a read-only connection, and never writes to a file it cannot read as a Frontline project.

Other tools touch the file: QGIS and GDAL add spatial indexes (whose triggers call SQL functions
every connection here registers, gpkg.register_functions), edit rows, add columns, or copy the
project table by table (ogr2ogr, QGIS's package layers). The first writable open mends what it
can (integer keys, unique ids, the spatial indexes: upgrade.py, gpkg.ensure_rtree) in its one
upgrade transaction; a file it cannot mend, or one that lacks tables, opens read-only and says
why in `project.open_warnings`.
"""
from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Callable

import numpy as np
import shapely
from shapely.geometry import Polygon

from desktop.model.changes import Change, ChangeSet
from desktop.model.entities import ProjectInfo
from desktop.model.geometry import SAMPLE_ABOVE, GeometryError, RepairTooCostly, repair_polygonal, validity
from desktop.model.legend import default_legend
from desktop.model.project import Project

from desktop.storage.project import consistency, gpkg, qgis_style, stored_areas, upgrade
from desktop.storage.errors import ProjectFileError
from desktop.storage.project.schema import SCHEMA_VERSION, TABLE_MAPS, RowError

META_TABLE = "frontline_meta"
SQLITE_MAGIC = b"SQLite format 3\x00"
# Tables added after schema 1 shipped: read as empty when absent, created on the first writable open.
ADDED_LATER = {"raster_layers"}
# The tables each table's rows name (by id). A copy that lacks a table (QGIS packages the layers
# one picks) still opens, read-only, unless rows it has would name rows it lacks.
REFERS_TO = {"zone_versions": ("zones", "legend"), "zones": ("assessments",), "quotes": ("sources",),
             "attachments": ("sources",), "evidence": ("quotes", "zone_versions", "observations")}


class ProjectFile:
    """An open project file; `write` is the project's writer."""

    def __init__(self, path: Path, con: sqlite3.Connection, read_only: bool) -> None:
        self.path = path
        self.con = con
        self.read_only = read_only
        self.project: Project | None = None  # whose area cache measures the versions written
        # Steps that must commit or roll back with each change set (an offline copy of a team
        # project logs the change set it will push later): called inside the write transaction.
        self.in_transaction: list[Callable[[sqlite3.Connection, ChangeSet], None]] = []

    def write(self, changes: ChangeSet) -> None:
        if self.read_only:
            from desktop.model.project import ReadOnlyError
            raise ReadOnlyError(f"{self.path.name} is open read-only; edits are not saved")
        statements, versions = [], []
        for c in changes:
            tm = TABLE_MAPS[c.table]
            if c.after is None:
                statements.append((tm.delete_sql(), None, (c.id,)))
            else:
                row = tm.to_row(c.id, c.after)
                statements.append((tm.update_sql(), tm.insert_sql(), row))
                if c.table == "versions":
                    versions.append((c.after, row))
        # Each version's km² goes in with the version, so the stored area is never stale.
        stored_areas.add_to_rows(self.project, versions)
        with self.con:  # one transaction: all of the change set or none of it
            for sql, insert, args in statements:
                # The row is updated, or inserted when there is none: two plain statements,
                # not an UPSERT, so the spatial index triggers of any GeoPackage version (ours,
                # GDAL's, QGIS's) work as their authors meant (see TableMap.upsert_sql).
                if self.con.execute(sql, args).rowcount == 0 and insert is not None:
                    self.con.execute(insert, args)
            for step in self.in_transaction:
                step(self.con, changes)

    def close(self) -> None:
        try:
            if not self.read_only:
                self.con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                # A closed project is one self-contained file that other tools can open or copy.
                self.con.execute("PRAGMA journal_mode=DELETE")
        except sqlite3.OperationalError:
            # Another connection (a second window, another process) still has the file open:
            # it keeps the WAL, whose committed pages the last one to close folds back in.
            # Every edit is already committed; nothing is lost by closing as we are.
            pass
        finally:
            self.con.close()


def _connect_rw(path: Path) -> sqlite3.Connection:
    """A writable connection, with the schema upgraded (one transaction) before the file is
    switched to WAL: an upgrade that fails leaves the file as it was, to the byte."""
    con = sqlite3.connect(str(path), isolation_level="DEFERRED", check_same_thread=False)
    try:
        gpkg.register_functions(con)  # before anything fires a trigger another tool put there
        _one_transaction(con, _create_schema)
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=FULL")
    except BaseException:
        con.close()
        raise
    return con


def _set_meta(con: sqlite3.Connection, key: str, value: str) -> None:
    # Columns named: a copy by another tool has more of them (ogr2ogr adds an fid).
    if con.execute(f'UPDATE "{META_TABLE}" SET value = ? WHERE key = ?', (value, key)).rowcount == 0:
        con.execute(f'INSERT INTO "{META_TABLE}" (key, value) VALUES (?, ?)', (key, value))


def _create_schema(con: sqlite3.Connection) -> None:
    """Make every table, column, key and index this version has and the file lacks (all of them
    for a new file), on a connection with the GeoPackage SQL functions. Run it through
    `_one_transaction`: an upgrade is all done or not at all. Raises upgrade.NotWritable where
    the file cannot be mended (the project then opens read-only)."""
    gpkg.init_core(con)
    con.execute(f'CREATE TABLE IF NOT EXISTS "{META_TABLE}" '
                '(fid INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL UNIQUE, value TEXT)')
    gpkg.register_attribute_table(con, META_TABLE, "Frontline schema marker")
    upgrade.add_integer_pk(con, META_TABLE, "key")  # a file from before 0.2: key TEXT PRIMARY KEY
    upgrade.ensure_unique_key(con, META_TABLE, "key")
    _set_meta(con, "application", "frontline")
    _set_meta(con, "schema_version", str(SCHEMA_VERSION))
    for tm in TABLE_MAPS.values():
        con.execute(tm.ddl())
        if tm.geom_type:
            gpkg.register_feature_table(con, tm.name, tm.geom_type, tm.description)
        else:
            gpkg.register_attribute_table(con, tm.name, tm.description)
        upgrade.add_integer_pk(con, tm.name, tm.key_column)  # attribute tables before 0.2 had none
        upgrade.ensure_unique_key(con, tm.name, tm.key_column)  # a copy may have lost it
        tm.add_missing_columns(con)  # a file from before a field (or a derived column) existed
        if tm.geom_type:
            pk = upgrade.integer_pk(con, tm.name)
            if pk is None:
                raise upgrade.NotWritable(f"table {tm.name} has no INTEGER PRIMARY KEY")
            gpkg.ensure_rtree(con, tm.name, "geom", pk)  # QGIS opens and pans big tables fast
    con.execute('CREATE INDEX IF NOT EXISTS zone_versions_zone ON zone_versions(zone_id)')
    con.execute('CREATE INDEX IF NOT EXISTS evidence_target ON evidence(target_id)')
    gpkg.unknown_feature_counts(con, [META_TABLE] + [tm.name for tm in TABLE_MAPS.values()])
    qgis_style.ensure_default_style(con)  # QGIS's default style: colours, Temporal Controller


def _one_transaction(con: sqlite3.Connection, step: Callable[[sqlite3.Connection], None]) -> None:
    """Run `step` as one explicit transaction (sqlite3 would otherwise commit each CREATE and
    ALTER on its own), rolled back whole if any statement fails."""
    con.execute("BEGIN IMMEDIATE")
    try:
        step(con)
    except BaseException:
        con.rollback()
        raise
    con.commit()


def _attach(project: Project, pf: ProjectFile) -> Project:
    project.storage = pf
    pf.project = project
    project.read_only = pf.read_only
    project.writer = None if pf.read_only else pf.write
    return project


SIDE_FILES = ("-wal", "-shm", "-journal")


def part_path(dest: Path) -> Path:
    """Where a file meant for `dest` is written until it is complete: beside it (same folder, so
    the rename into place is atomic), named `<name>.part`."""
    return dest.with_name(dest.name + ".part")


def remove_with_side_files(path: Path) -> None:
    """Remove `path` and the journal files SQLite may have left beside it (a killed writer)."""
    for suffix in ("",) + SIDE_FILES:
        Path(str(path) + suffix).unlink(missing_ok=True)


def _fsync_path(path: Path) -> None:
    """Make a file's bytes (or a folder's entries, after a rename) durable; best effort where
    the file system cannot sync a folder."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def move_into_place(tmp: Path, dest: Path) -> None:
    """Rename a complete, closed project file over `dest` (absent, or the old file, until this
    very moment). Journal files of an old `dest` are removed after the rename: SQLite would
    otherwise replay them into the new file on its first open."""
    _fsync_path(tmp)
    os.replace(tmp, dest)
    for suffix in SIDE_FILES:
        Path(str(dest) + suffix).unlink(missing_ok=True)
    _fsync_path(dest.parent)


def _new_file(path: Path, title: str) -> None:
    """A closed project file at `path` (which must not exist) with the default legend."""
    con = _connect_rw(path)
    project = Project(ProjectInfo(title=title), legend={})
    pf = ProjectFile(path, con, read_only=False)
    _attach(project, pf)
    seed = [Change("info", "project", None, project.info)]
    seed += [Change("legend", k, None, s) for k, s in default_legend().items()]
    project.apply(ChangeSet(seed), notify=False)
    close_project(project)


def create_project(path: str | os.PathLike, title: str = "Untitled project", *,
                   overwrite: bool = False) -> Project:
    """A new, empty project file with the default legend, opened for writing.

    All or nothing: the file is made as `<name>.part` beside the target and renamed into place
    once complete, so a run killed part-way leaves the target as it was (absent, or the old
    file with `overwrite`) and at most the `.part` file, which the next run removes."""
    p = Path(path)
    if p.exists() and not overwrite:
        raise ProjectFileError(f"{p}: file exists; choose another name")
    tmp = part_path(p)
    remove_with_side_files(tmp)  # what a killed run left
    try:
        _new_file(tmp, title)
        move_into_place(tmp, p)
    except BaseException:
        remove_with_side_files(tmp)
        raise
    return open_project(p)


def check_file(path: Path) -> None:
    """Raise ProjectFileError unless `path` looks like a Frontline project. Reads only."""
    name = str(path)
    if not path.exists():
        raise ProjectFileError(f"{name}: no such file")
    if path.is_dir():
        raise ProjectFileError(f"{name}: is a folder, not a project file")
    size = path.stat().st_size
    if size == 0:
        raise ProjectFileError(f"{name}: empty file, not a Frontline project")
    with open(path, "rb") as f:
        head = f.read(100)
    if not head.startswith(SQLITE_MAGIC):
        raise ProjectFileError(f"{name}: not a GeoPackage or SQLite file (unknown header)")
    if size < 512 or size % 512:
        raise ProjectFileError(f"{name}: damaged file (truncated: {size} bytes)")


# What a read-only connection cannot do for itself: roll back the hot journal of a writer killed
# mid-transaction (Frontline's open upgrades the file in rollback-journal mode before switching
# it to WAL), or rebuild the WAL index a killed writer left half-written.
_NEEDS_A_WRITER = {"SQLITE_READONLY_ROLLBACK", "SQLITE_READONLY_RECOVERY"}


def _recover_killed_writer(path: Path) -> bool:
    """Let SQLite finish what a killed writer left, on a writable connection, when the file and
    its folder may be written: a hot journal is rolled back (the file is again as its last
    commit left it) or the WAL index rebuilt; committed data is not changed. Any SQLite client
    does this on its first read. Returns False when it may not."""
    if not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)):
        return False
    try:
        con = sqlite3.connect(str(path), timeout=5.0)
        try:
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return False
    return True


def _read_only_connection(path: Path, recovered: bool = False) -> sqlite3.Connection:
    uri = f"file:{path.resolve()}?mode=ro"
    con = None
    try:
        con = gpkg.register_functions(sqlite3.connect(uri, uri=True))
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return con
    except sqlite3.OperationalError as e:
        if con is not None:
            con.close()
        if (not recovered and getattr(e, "sqlite_errorname", "") in _NEEDS_A_WRITER
                and _recover_killed_writer(path)):
            # Never read the half-written file around its journal (immutable): it would look
            # damaged, or show a transaction that never committed.
            return _read_only_connection(path, recovered=True)
        # A WAL file in a folder we may not write: read the main file as it is.
        con = gpkg.register_functions(sqlite3.connect(f"file:{path.resolve()}?mode=ro&immutable=1", uri=True))
    except sqlite3.DatabaseError as e:
        if con is not None:
            con.close()
        raise ProjectFileError(f"{path}: damaged file ({e})") from None
    try:
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as e:
        con.close()
        raise ProjectFileError(f"{path}: damaged file ({e})") from None
    return con


def _inspect(con: sqlite3.Connection, name: str) -> list[str]:
    """Check the file is a Frontline project this version reads; the tables it lacks (a partial
    copy, to be opened read-only) are returned. Raises ProjectFileError."""
    try:
        ok = con.execute("PRAGMA quick_check").fetchone()[0]
        if ok != "ok":
            raise ProjectFileError(f"{name}: damaged file ({ok})")
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as e:
        raise ProjectFileError(f"{name}: damaged file ({e})") from None
    if META_TABLE not in tables:
        if "gpkg_contents" in tables:
            raise ProjectFileError(f"{name}: a GeoPackage made by another tool, not a Frontline project "
                                   "(use 'frontline import' to bring its layers into a project)")
        raise ProjectFileError(f"{name}: a SQLite database, not a Frontline project")
    meta = dict(con.execute(f'SELECT key, value FROM "{META_TABLE}"').fetchall())
    try:
        version = int(meta.get("schema_version", "0"))
    except ValueError:
        raise ProjectFileError(f"{name}: damaged file (bad schema version {meta.get('schema_version')!r})") from None
    if version > SCHEMA_VERSION:
        raise ProjectFileError(f"{name}: made by a newer Frontline (schema {version}); "
                               f"this version reads schema {SCHEMA_VERSION} and older")
    missing = [tm.name for tm in TABLE_MAPS.values() if tm.name not in tables and tm.name not in ADDED_LATER]
    named = [m for m in missing if any(m in REFERS_TO.get(t, ()) for t in tables)]
    if named:
        raise ProjectFileError(f"{name}: damaged file or a partial copy (missing tables: {', '.join(named)}, "
                               "which its other tables refer to)")
    return missing


READ_CHUNK = 4096  # rows read between two progress reports


def _load(con: sqlite3.Connection, name: str,
          progress: Callable[[float], None] | None = None) -> tuple[Project, dict[str, int]]:
    """The project in the file, and the versions whose stored area is missing or stale (id ->
    CRC-32 of the geometry blob), for a writable open to fill in. `progress(fraction)` is told
    how far the reading is; it may raise (a Cancel) to stop it: nothing has been written then."""
    project = Project(legend={})
    changes = []
    areas: stored_areas.AreaReader | None = None
    try:
        present = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        tables = [(m, tm) for m, tm in TABLE_MAPS.items() if tm.name in present]
        total = read = 0
        if progress is not None:
            total = sum(con.execute(f'SELECT count(*) FROM "{tm.name}"').fetchone()[0] for _, tm in tables)
            progress(0.0)
        for model_table, tm in tables:
            cursor = con.execute(f'SELECT * FROM "{tm.name}"')
            names = [d[0] for d in cursor.description]
            if progress is None:
                rows = cursor.fetchall()
            else:
                rows = []
                while chunk := cursor.fetchmany(READ_CHUNK):
                    rows += chunk
                    read += len(chunk)
                    progress(0.9 * read / max(total, 1))  # the rest: building the records
            try:
                records = tm.from_rows(rows, names)
            except RowError as e:  # one bad row must not hide the rest: name it
                raise ProjectFileError(f"{name}: table {tm.name}, row {e.row_id}: {e}") from None
            if model_table == "versions":
                areas = stored_areas.AreaReader(names, rows, [i for i, _ in records])
            changes += [Change(model_table, id_, None, rec) for id_, rec in records]
    except sqlite3.DatabaseError as e:
        raise ProjectFileError(f"{name}: damaged file ({e})") from None
    project.load_changes(changes)
    if "project" not in project.table("info"):
        project.load_changes([Change("info", "project", None, ProjectInfo())])
    # Rows that contradict each other: each named once; those the model cannot show kept out
    # of memory (the file keeps them), and none rewritten by a writable open.
    found = consistency.check(project, name)
    if areas is None:
        project.open_warnings = found.lines
        return project, {}
    stale = areas.stale
    project.remember_areas(areas.trusted)
    project.open_warnings = found.lines + _repair_foreign_shapes(project, stale, name)
    for vid in found.flagged_versions:  # their rows stay as they are, area columns included
        stale.pop(vid, None)
    return project, stale


def _repair_foreign_shapes(project: Project, stale: dict[str, int], name: str) -> list[str]:
    """Repair, in memory, the invalid shapes among versions Frontline did not write (their area
    seal does not match: QGIS or another tool changed the blob, or an old file). Frontline only
    writes valid shapes, so sealed ones are not checked (opening stays cheap). An invalid shape
    would stop every overlay (gains and losses, captions, compare) with a GEOS error and measure
    a bow-tie as zero km². The file keeps its bytes until the zone is edited; the repaired
    versions stay out of the area backfill, so they are checked again on the next open."""
    ids = [i for i in stale if i in project.versions]
    if not ids:
        return []
    geoms = np.array([project.versions[i].geometry for i in ids], dtype=object)
    # GEOS's own check takes seconds for a large scribble: large shapes are sampled first.
    large = shapely.get_num_coordinates(geoms) > SAMPLE_ABOVE
    ok = np.ones(len(ids), dtype=bool)
    ok[~large] = shapely.is_valid(geoms[~large])
    reasons: dict[str, str] = {}
    for k in np.flatnonzero(large):
        ok[k], reasons[ids[k]], _ = validity(geoms[k])
    fixes, out = [], []
    for vid in (i for i, good in zip(ids, ok) if not good):
        v = project.versions[vid]
        reason = reasons.get(vid) or shapely.is_valid_reason(v.geometry)
        zone = project.zones.get(v.zone_id)
        what = f"{name}: zone '{zone.name if zone else v.zone_id}' from {v.valid_from.isoformat()}"
        try:
            fixed, _ = repair_polygonal(v.geometry)  # (bounded: a scribble is refused in milliseconds)
            said = "repaired for this session"
        except RepairTooCostly as e:  # the row stays in the file and in the zone's history
            fixes.append(Change("versions", vid, v, replace(v, geometry=Polygon())))
            out.append(f"{name}: table {TABLE_MAPS['versions'].name}, row {vid!r} ({what.split(': ', 1)[1]}): {e}; "
                       "shown empty for this session, the file keeps it until the zone is edited")
            del stale[vid]
            continue
        except GeometryError:  # nothing polygonal left (a shape folded flat): no area to show
            fixed, said = Polygon(), "has no area once repaired: shown empty for this session"
        fixes.append(Change("versions", vid, v, replace(v, geometry=fixed)))
        out.append(f"{what}: invalid shape ({reason}) {said}; the file keeps it until the zone is edited")
        del stale[vid]  # never sealed as measured: checked again on the next open
    project.load_changes(fixes)
    return out


# Called with each line of `Project.open_warnings` as a file opens (the command line prints them).
report_warning: Callable[[str], None] | None = None


def open_project(path: str | os.PathLike, *, read_only: bool = False,
                 progress: Callable[[float], None] | None = None) -> Project:
    """Open a project file. Raises ProjectFileError (one line) and leaves the file untouched;
    what it found and fixed in memory is in `project.open_warnings`. `progress(fraction)` follows
    the reading and may raise to cancel it: the file is only read until then (a writable open
    upgrades an older file after the reading, never before)."""
    p = Path(path)
    check_file(p)
    ro = _read_only_connection(p)
    try:
        lacking = _inspect(ro, str(p))
        project, stale_areas = _load(ro, str(p), progress)
    finally:
        ro.close()
    if progress is not None:
        progress(0.95)  # the last moment to cancel before a writable open may upgrade the file
    if lacking:
        # Saving into it would make a project that silently lacks them.
        project.open_warnings.append(f"{p}: opened read-only: the file lacks the tables {', '.join(lacking)} "
                                     "(a partial copy?)")
        read_only = True
    if report_warning is not None:
        for line in project.open_warnings:
            report_warning(line)
    # The mode bits count too: root may write anything, but a file marked read-only is meant so.
    writable = (not read_only and os.access(p, os.W_OK) and os.access(p.parent, os.W_OK)
                and bool(p.stat().st_mode & 0o222))
    if writable:
        try:
            # Adds any table, column, key or index this version has and the file lacks, in one
            # transaction.
            con = _connect_rw(p)
        except (upgrade.NotWritable, sqlite3.Error) as e:
            # A file it cannot mend (a copy by another tool that lost something), or one it could
            # not write just now (locked, a full disk): shown as it is, read-only, and why.
            writable = False
            reason = " ".join(str(e).split()) or type(e).__name__
            line = f"{p}: opened read-only: {reason}"
            project.open_warnings.append(line)
            if report_warning is not None:
                report_warning(line)
    if writable:
        _attach(project, ProjectFile(p, con, read_only=False))
        # A file from before the stored areas (or edited elsewhere): measured once, kept.
        stored_areas.backfill(con, project, stale_areas)
        # A copy pulled from a team project logs each edit in its own transaction, to push later.
        if con.execute(f'SELECT 1 FROM "{META_TABLE}" WHERE key = ? AND value <> ?', ("team_origin", "")).fetchone():
            from desktop.storage.team.offline_log import install
            install(project.storage)
    else:
        con = _read_only_connection(p)
        _attach(project, ProjectFile(p, con, read_only=True))
    return project


def close_project(project: Project) -> None:
    pf = project.storage
    if pf is not None:
        # Detached first: whatever closing the connection raises, the project never writes
        # to (or tries to close again) a connection that is gone.
        project.storage = None
        project.writer = None
        pf.close()


def save_copy(project: Project, path: str | os.PathLike) -> Path:
    """Write the whole project to another file (Save As; the open file stays the one edited).
    All or nothing: written as `<name>.part` and renamed over `path` when complete."""
    dest = Path(path)
    # A team project's storage is a TeamStore (no SQLite connection): its rows are written out.
    pf = project.storage if isinstance(project.storage, ProjectFile) else None
    tmp = part_path(dest)
    remove_with_side_files(tmp)  # what a killed run left
    try:
        if pf is not None:
            out = gpkg.register_functions(sqlite3.connect(str(tmp)))
            try:
                with out:
                    pf.con.backup(out)
                out.execute("PRAGMA journal_mode=DELETE")
            finally:
                out.close()
        else:
            copy = create_project(tmp, project.info.title, overwrite=True)
            try:
                copy.storage.write(ChangeSet(Change(t, i, None, r) for t, i, r in project.iter_all()))
            finally:
                close_project(copy)
        move_into_place(tmp, dest)
    except BaseException:
        remove_with_side_files(tmp)
        raise
    return dest


def copy_file(src: str | os.PathLike, dest: str | os.PathLike) -> Path:
    """Copy a closed project file (e.g. the bundled sample into the user's data folder)."""
    check_file(Path(src))
    Path(dest).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dest)
    os.chmod(dest, 0o644)
    return Path(dest)
