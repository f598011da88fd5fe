"""Making, listing, dropping team projects and granting roles on them.

A project is one PostgreSQL schema holding the GeoPackage's tables (`tables.py`), a marker table
(`frontline_meta`) and the change log (`frontline_changes`: every change set written, who, when,
and enough to replay it; other sessions follow it, see `store.TeamStore.pending_remote`).
"""
from __future__ import annotations

from typing import Any

import psycopg
from psycopg import sql

from desktop.model.project import Project
from desktop.storage.project import stored_areas
from desktop.storage.project.schema import SCHEMA_VERSION
from desktop.storage.team.connection import connect, server_error
from desktop.storage.team.errors import TeamError
from desktop.storage.team.tables import LOG_TABLE, META_TABLE, PG_TABLES
from desktop.storage.team.url import TeamUrl, parse_team_url


def _ddl(schema: str) -> list[sql.Composable]:
    s = sql.Identifier(schema)
    out: list[sql.Composable] = [sql.SQL("CREATE SCHEMA {}").format(s)]
    for pt in PG_TABLES.values():
        out += pt.ddl(schema)
    out.append(sql.SQL("CREATE INDEX {} ON {} (zone_id)").format(
        sql.Identifier("zone_versions_zone"), sql.Identifier(schema, "zone_versions")))
    out.append(sql.SQL("CREATE INDEX {} ON {} (target_id)").format(
        sql.Identifier("evidence_target"), sql.Identifier(schema, "evidence")))
    out.append(sql.SQL("CREATE TABLE {} (key text PRIMARY KEY, value text)").format(
        sql.Identifier(schema, META_TABLE)))
    out.append(sql.SQL(
        "CREATE TABLE {} (id bigserial PRIMARY KEY, recorded_by text NOT NULL, "
        "server_time timestamptz NOT NULL DEFAULT now(), session text NOT NULL, "
        "keys text[] NOT NULL, payload text NOT NULL)").format(sql.Identifier(schema, LOG_TABLE)))
    out.append(sql.SQL("CREATE INDEX {} ON {} USING GIN (keys)").format(
        sql.Identifier(f"{LOG_TABLE}_keys"), sql.Identifier(schema, LOG_TABLE)))
    for t, pt in PG_TABLES.items():
        desc = pt.tm.description
        out.append(sql.SQL("COMMENT ON TABLE {} IS {}").format(sql.Identifier(schema, pt.name), sql.Literal(desc)))
    return out


def schema_exists(con: psycopg.Connection, schema: str) -> bool:
    return con.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (schema,)).fetchone() is not None


def is_project(con: psycopg.Connection, schema: str) -> bool:
    return con.execute(
        "SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = %s AND c.relname = %s AND c.relkind = 'r'", (schema, META_TABLE)).fetchone() is not None


def current_user(con: psycopg.Connection) -> str:
    return con.execute("SELECT current_user").fetchone()[0]


def version_rows(project: Project | None, versions: list[tuple[str, Any]], wkbs: list[bytes]) -> list[tuple]:
    """(area km², seal) of each version about to be written, measured through the project's
    cache: the stored area lets a project open without measuring every shape again."""
    areas = stored_areas.measure(project, [v for _, v in versions])
    return [(a, stored_areas.seal(stored_areas.blob_crc(w), a)) for a, w in zip(areas, wkbs)]


def row_params(pt: Any, project: Project | None, items: list[tuple[str, Any]], by: str) -> list[list[Any]]:
    """The parameters of `pt.insert_sql` / `update_sql` (without the key) for (id, record)s."""
    params = [pt.params(i, r, by) for i, r in items]
    if pt.derived:  # each version's km² goes in with it, never stale
        gi = len(pt.id_column) + pt.geom_index
        for p, d in zip(params, version_rows(project, items, [p[gi] for p in params])):
            p[-1 - len(pt.derived):-1] = list(d)
    return params


def insert_rows(con: psycopg.Connection, schema: str, project: Project | None,
                rows: dict[str, list[tuple[str, Any]]], by: str) -> None:
    """Insert (model table -> [(id, record)]) with attribution, in the caller's transaction."""
    with con.cursor() as cur:
        for table, items in rows.items():
            if not items:
                continue
            pt = PG_TABLES[table]
            params = row_params(pt, project, items, by)
            cur.executemany(pt.insert_sql(schema), params)


def create_team_project(url: str, project: Project, *, analyst: str | None = None) -> None:
    """Make the project of `url` (a new schema) holding every row of `project`, in one
    transaction. Raises TeamError when it exists or the database cannot hold it."""
    turl = parse_team_url(url)
    with connect(turl) as con:
        try:
            if con.execute("SELECT 1 FROM pg_extension WHERE extname = 'postgis'").fetchone() is None:
                raise TeamError(f"{turl.display}: the database lacks PostGIS "
                                "(an administrator runs: CREATE EXTENSION postgis)")
            by = analyst or current_user(con)
            with con.transaction():
                if schema_exists(con, turl.project):
                    raise TeamError(f"{turl.display}: project {turl.project!r} already exists in this database; "
                                    "choose another name")
                for stmt in _ddl(turl.project):
                    con.execute(stmt)
                meta = [("application", "frontline"), ("schema_version", str(SCHEMA_VERSION)),
                        ("created_by", by)]
                con.cursor().executemany(sql.SQL("INSERT INTO {} (key, value) VALUES (%s, %s)").format(
                    sql.Identifier(turl.project, META_TABLE)), meta)
                rows = {t: list(project.table(t).items()) for t in PG_TABLES}
                insert_rows(con, turl.project, project, rows, by)
        except psycopg.Error as e:
            raise server_error(turl, e, f"creating project {turl.project!r}") from None


def list_team_projects(url: str) -> list[str]:
    """The Frontline projects (schemas) in the database of `url`, sorted."""
    turl = parse_team_url(url)
    with connect(turl) as con:
        rows = con.execute(
            "SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relname = %s AND c.relkind = 'r' ORDER BY 1", (META_TABLE,)).fetchall()
    return [r[0] for r in rows]


def drop_team_project(url: str) -> None:
    """Remove the project of `url` and everything in it (tests, administrators)."""
    turl = parse_team_url(url)
    with connect(turl) as con:
        if not is_project(con, turl.project):
            raise TeamError(f"{turl.display}: no Frontline project {turl.project!r} in this database")
        try:
            con.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(turl.project)))
        except psycopg.Error as e:
            raise server_error(turl, e, f"dropping project {turl.project!r}") from None


def grant_roles(url: str, *, readers: list[str] = (), editors: list[str] = ()) -> None:
    """Let `readers` read the project of `url` and `editors` also edit it. The rights are the
    database's own (GRANT): a reader's write is refused by the server whatever the client does."""
    turl = parse_team_url(url)
    s = sql.Identifier(turl.project)
    with connect(turl) as con:
        if not is_project(con, turl.project):
            raise TeamError(f"{turl.display}: no Frontline project {turl.project!r} in this database")
        try:
            with con.transaction():
                for role in list(readers) + list(editors):
                    r = sql.Identifier(role)
                    con.execute(sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(s, r))
                    con.execute(sql.SQL("GRANT SELECT ON ALL TABLES IN SCHEMA {} TO {}").format(s, r))
                for role in editors:
                    r = sql.Identifier(role)
                    con.execute(sql.SQL("GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {} TO {}").format(s, r))
                    con.execute(sql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {} TO {}").format(s, r))
        except psycopg.Error as e:
            raise server_error(turl, e, "granting roles") from None


SCHEMA_VERSION_SQL = "SELECT value FROM {} WHERE key = 'schema_version'"


def check_schema_version(con: psycopg.Connection, turl: TeamUrl) -> None:
    row = con.execute(sql.SQL(SCHEMA_VERSION_SQL).format(sql.Identifier(turl.project, META_TABLE))).fetchone()
    check_version_row(turl, row)


def check_version_row(turl: TeamUrl, row: tuple | None) -> None:
    """Raise TeamError for a project a newer Frontline made (its schema_version row)."""
    try:
        version = int(row[0]) if row else 0
    except ValueError:
        version = -1
    if version > SCHEMA_VERSION or version < 0:
        raise TeamError(f"{turl.display}: made by a newer Frontline (schema {row[0]}); "
                        f"this version reads schema {SCHEMA_VERSION} and older")
