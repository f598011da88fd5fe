"""Opening a team project: every table read in one snapshot into a Project whose storage is a
`TeamStore`, read-only when asked or when the role may not write (the server's GRANTs decide).

A project made by an older Frontline (before a field or a table existed) opens too: its owner's
first open adds what this version has, with each field's default (as a project file gains its
columns); a role that may not add them reads the defaults, read-only, and is told why.
"""
from __future__ import annotations

import threading
from collections import defaultdict

import psycopg
from psycopg import sql

from desktop.model.changes import Change
from desktop.model.entities import ProjectInfo
from desktop.model.project import Project
from desktop.storage.project import consistency, stored_areas
from desktop.storage.team.admin import SCHEMA_VERSION_SQL, check_version_row
from desktop.storage.team.connection import connect, listen, one_line, server_error
from desktop.storage.team.errors import TeamError
from desktop.storage.team.store import TeamStore
from desktop.storage.team.tables import LOG_TABLE, META_TABLE, PG_TABLES, PgTable
from desktop.storage.team.url import TeamUrl, parse_team_url


def _load(con: psycopg.Connection, turl: TeamUrl,
          missing: dict[str, frozenset[str] | None]) -> tuple[Project, int]:
    """Every table in one snapshot, with the newest log id it includes. One pipeline: the
    queries go out together and their answers come back together (a round trip per table
    costs a context switch each way, which a busy machine makes slow)."""
    project = Project(legend={})
    changes: list[Change] = []
    trusted: dict[str, float] = {}
    with con.transaction():
        with con.pipeline():
            con.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            version_cur = con.execute(sql.SQL(SCHEMA_VERSION_SQL).format(sql.Identifier(turl.project, META_TABLE)))
            last_cur = con.execute(sql.SQL("SELECT coalesce(max(id), 0) FROM {}").format(
                sql.Identifier(turl.project, LOG_TABLE)))
            present = [t for t in PG_TABLES if t not in missing or missing[t] is not None]
            cursors = {t: con.cursor(binary=True) for t in present}
            for t in present:
                cursors[t].execute(PG_TABLES[t].select_sql(turl.project, absent=missing.get(t) or frozenset()))
        check_version_row(turl, version_cur.fetchone())  # before anything is decoded
        last = last_cur.fetchone()[0]
        fetched = {t: c.fetchall() for t, c in cursors.items()}
    for t, pt in PG_TABLES.items():
        rows = fetched.get(t, [])  # a table added after the project was made reads as empty
        try:
            records = pt.records(rows)
        except Exception as e:
            raise TeamError(f"{turl.display}: table {pt.name}: a row cannot be read ({one_line(e)})") from None
        changes += [Change(t, i, None, r) for i, r, _by, _at in records]
        if pt.derived:
            trusted = _trusted_areas(pt, rows, records)
    project.load_changes(changes)
    if "project" not in project.table("info"):
        project.load_changes([Change("info", "project", None, ProjectInfo())])
    found = consistency.check(project, turl.display)
    project.open_warnings = found.lines
    project.remember_areas({i: a for i, a in trusted.items() if i not in found.flagged_versions})
    return project, last


def _trusted_areas(pt: PgTable, rows: list[tuple], records: list) -> dict[str, float]:
    """The stored areas that still match their shape (another tool may have edited it)."""
    n = len(pt.id_column)
    gi, ai = n + pt.geom_index, n + len(pt.columns)
    out = {}
    for row, (vid, _rec, _by, _at) in zip(rows, records):
        a, crc = row[ai], row[ai + 1]
        if a is not None and crc is not None and row[gi] is not None:
            if stored_areas.seal(stored_areas.blob_crc(bytes(row[gi])), a) == crc:
                out[vid] = a
    return out


# Who we are, whether the project is there, whether this role may write every table (a table
# that is missing counts as writable: only the owner can add it, see `_upgrade`) and the columns
# each table has: one query, one round trip.
_PRELUDE = """
SELECT current_user,
       to_regclass(format('%%I.%%I', %(s)s::text, %(meta)s::text)) IS NOT NULL,
       (SELECT coalesce(bool_and(coalesce(
                   has_table_privilege(to_regclass(format('%%I.%%I', %(s)s::text, t)), 'INSERT')
               AND has_table_privilege(to_regclass(format('%%I.%%I', %(s)s::text, t)), 'UPDATE')
               AND has_table_privilege(to_regclass(format('%%I.%%I', %(s)s::text, t)), 'DELETE'), true)), false)
          FROM unnest(%(tables)s::text[]) AS t)
   AND coalesce(has_sequence_privilege(to_regclass(format('%%I.%%I', %(s)s::text, %(seq)s::text)), 'USAGE'), false),
       (SELECT array_agg(c.relname || '.' || a.attname) FROM pg_attribute a
          JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = %(s)s AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped)
"""


def _prelude(con: psycopg.Connection, turl: TeamUrl, read_only: bool
             ) -> tuple[str, bool, dict[str, frozenset[str] | None]]:
    """(current_user, may write, what the project lacks: `_missing`) of a project that exists."""
    tables = [pt.name for pt in PG_TABLES.values()] + [LOG_TABLE]
    who, exists, may_write, columns = con.execute(_PRELUDE, {
        "s": turl.project, "meta": META_TABLE, "tables": tables, "seq": f"{LOG_TABLE}_id_seq"}).fetchone()
    if not exists:
        raise TeamError(f"{turl.display}: no Frontline project {turl.project!r} in this database "
                        "('frontline push FILE URL' makes one from a project file)")
    return who, not read_only and bool(may_write), _missing(turl, columns or [])


def _missing(turl: TeamUrl, columns: list[str]) -> dict[str, frozenset[str] | None]:
    """model table -> the columns of this version's fields its table lacks (None: the whole
    table), for a project made by an older Frontline. `columns`: "table.column" it has."""
    have: dict[str, set[str]] = defaultdict(set)
    for tc in columns:
        table, column = tc.split(".", 1)
        have[table].add(column)
    out: dict[str, frozenset[str] | None] = {}
    for t, pt in PG_TABLES.items():
        if pt.name not in have:
            out[t] = None
            continue
        lacking = [c for c in pt.columns if c not in have[pt.name]]
        for c in lacking:
            if c not in pt.tm.defaults:
                raise TeamError(f"{turl.display}: table {pt.name} lacks the column {c}, which has no default "
                                "to read it as (a damaged or foreign project)")
        if lacking:
            out[t] = frozenset(lacking)
    return out


def _upgrade(con: psycopg.Connection, turl: TeamUrl, missing: dict[str, frozenset[str] | None]) -> None:
    """Add what an older Frontline's project lacks (tables, columns with their defaults), in
    one transaction; InsufficientPrivilege when this role does not own the project."""
    with con.transaction():
        for t, cols in missing.items():
            pt = PG_TABLES[t]
            if cols is None:
                for stmt in pt.ddl(turl.project):
                    con.execute(stmt)
                _same_grants(con, turl.project, pt.name)
                continue
            for c in sorted(cols):
                con.execute(sql.SQL("ALTER TABLE {} ADD COLUMN {}").format(
                    sql.Identifier(turl.project, pt.name), pt.column_def(c)))


_TABLE_PRIVILEGES = {"SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER"}
# The rights roles hold on a table every version has (`grant_roles` gave them), as GRANTs.
_GRANTS = """
SELECT a.privilege_type, coalesce(r.rolname, 'PUBLIC')
  FROM pg_class c, aclexplode(c.relacl) a LEFT JOIN pg_roles r ON r.oid = a.grantee
 WHERE c.oid = to_regclass(format('%%I.%%I', %s::text, %s::text)) AND a.grantee <> c.relowner
"""


def _same_grants(con: psycopg.Connection, schema: str, table: str) -> None:
    """A table an upgrade adds gets the rights the roles have on the project's other tables:
    readers and editors granted before the upgrade must still open (and edit) the project."""
    for privilege, role in con.execute(_GRANTS, (schema, PG_TABLES["zones"].name)).fetchall():
        if privilege not in _TABLE_PRIVILEGES:  # the catalog's words only, never text as SQL
            continue
        grantee = sql.SQL("PUBLIC") if role == "PUBLIC" else sql.Identifier(role)
        con.execute(sql.SQL("GRANT {} ON {} TO {}").format(
            sql.SQL(privilege), sql.Identifier(schema, table), grantee))


class _Listener(threading.Thread):
    """The LISTEN connection, made while the tables load (a connection costs a server process)."""

    def __init__(self, turl: TeamUrl) -> None:
        super().__init__(daemon=True, name="frontline-team-listen")
        self.turl = turl
        self.con: psycopg.Connection | None = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.con = listen(self.turl)
        except BaseException as e:  # raised by the opener
            self.error = e


def open_team_project(url: str, *, read_only: bool = False, analyst: str | None = None) -> Project:
    """Open the project of a team URL. Raises TeamError (one line). The project is read-only
    when asked, or when the role may not write it (the server's GRANTs decide)."""
    turl = parse_team_url(url)
    con = connect(turl)
    listener = _Listener(turl)
    listener.start()
    try:
        try:
            who, writable, missing = _prelude(con, turl, read_only)
            said: list[str] = []
            if missing and writable:
                try:
                    _upgrade(con, turl, missing)
                    missing = {}
                except psycopg.errors.InsufficientPrivilege:
                    writable = False
                    what = ", ".join(f"{PG_TABLES[t].name}" + ("" if c is None else f" ({', '.join(sorted(c))})")
                                     for t, c in missing.items())
                    said.append(f"{turl.display}: opened read-only: the project lacks what this version "
                                f"adds ({what}); its owner adds it by opening the project once")
            project, last = _load(con, turl, missing)
            project.open_warnings += said
        except psycopg.Error as e:
            raise server_error(turl, e, "opening the project") from None
    except BaseException:
        con.close()
        listener.join()
        if listener.con is not None:
            listener.con.close()
        raise
    # The LISTEN connection is not waited for: a busy machine can take long to start a server
    # process, and the project is there to show. Its first use adopts it (`_listener`).
    store = TeamStore(turl, con, None, analyst or who, read_only=not writable)
    store._starting = listener
    store.last_seen = last
    store.project = project
    project.storage = store
    project.read_only = store.read_only
    project.writer = None if store.read_only else store.write
    return project
