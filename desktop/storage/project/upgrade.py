"""Table upgrades a writable open makes to a file from an older Frontline or from another tool.

All of them run inside the open's one upgrade transaction (`projectfile._one_transaction`), so a
file is upgraded whole or not at all. What cannot be mended raises `NotWritable` with a one-line
reason: the project then opens read-only, the file untouched.
"""
from __future__ import annotations

import sqlite3


class NotWritable(Exception):
    """The file can be read but not written as it is (the message says why, in one line)."""


def q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def columns(con: sqlite3.Connection, table: str) -> list[tuple]:
    """PRAGMA table_info rows: (cid, name, type, notnull, dflt_value, pk)."""
    return con.execute(f"PRAGMA table_info({q(table)})").fetchall()


def integer_pk(con: sqlite3.Connection, table: str) -> str | None:
    """The table's INTEGER PRIMARY KEY column (its rowid), or None."""
    pks = [c for c in columns(con, table) if c[5]]
    if len(pks) == 1 and pks[0][2].upper() == "INTEGER":
        return pks[0][1]
    return None


def _unique_single_columns(con: sqlite3.Connection, table: str) -> set[str]:
    out = set()
    for _, name, unique, _origin, partial in con.execute(f"PRAGMA index_list({q(table)})").fetchall():
        if unique and not partial:
            cols = [r[2] for r in con.execute(f"PRAGMA index_info({q(name)})")]
            if len(cols) == 1 and cols[0] is not None:
                out.add(cols[0])
    return out


def add_integer_pk(con: sqlite3.Connection, table: str, key: str) -> bool:
    """Rebuild `table` with an INTEGER PRIMARY KEY `fid` first (GeoPackage requirement 119: QGIS
    and GDAL edit a table by it), when it has none. `key`, the text id Frontline uses, stays
    NOT NULL UNIQUE, and so does any other column that was unique or the primary key; every
    other column keeps its type, NOT NULL and DEFAULT; rows keep their order (fid = rowid) and
    the table its indexes and triggers. Returns True when it rebuilt the table."""
    cols = columns(con, table)
    if not cols or integer_pk(con, table) is not None:
        return False
    sql = con.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone()[0]
    if "WITHOUT ROWID" in " ".join(sql.upper().split()):
        raise NotWritable(f"table {table} is WITHOUT ROWID (no integer key can be added)")
    names = [c[1] for c in cols]
    fid = next(n for n in ("fid", "fid_", "_fid", "gpkg_fid") if n not in names)
    pk_cols = [c[1] for c in sorted((c for c in cols if c[5]), key=lambda c: c[5])]
    unique = _unique_single_columns(con, table) | {key}
    if len(pk_cols) == 1:
        unique.add(pk_cols[0])
    defs = [f"{q(fid)} INTEGER PRIMARY KEY AUTOINCREMENT"]
    for _, name, typ, notnull, dflt, pk in cols:
        d = f"{q(name)} {typ}".rstrip()
        if notnull or pk or name == key:
            d += " NOT NULL"
        if dflt is not None:
            d += f" DEFAULT {dflt}"
        if name in unique:
            d += " UNIQUE"
        defs.append(d)
    if len(pk_cols) > 1:
        defs.append(f"UNIQUE ({', '.join(q(c) for c in pk_cols)})")
    # The table's own indexes and triggers go with it: made again on the new table.
    extras = [r[0] for r in con.execute(
        "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql NOT NULL "
        "ORDER BY type = 'trigger', name", (table,))]
    tmp = f"{table}__frontline_upgrade"
    listed = ", ".join(q(n) for n in names)
    con.execute(f"DROP TABLE IF EXISTS {q(tmp)}")
    con.execute(f"CREATE TABLE {q(tmp)} ({', '.join(defs)})")
    con.execute(f"INSERT INTO {q(tmp)} ({q(fid)}, {listed}) SELECT _rowid_, {listed} FROM {q(table)} ORDER BY _rowid_")
    con.execute(f"DROP TABLE {q(table)}")
    # Legacy rename: views and other tables' triggers naming the table are left as they are
    # (they name it again once the rename is done), and none is re-checked half-way.
    legacy = con.execute("PRAGMA legacy_alter_table").fetchone()[0]
    con.execute("PRAGMA legacy_alter_table = ON")
    try:
        con.execute(f"ALTER TABLE {q(tmp)} RENAME TO {q(table)}")
    finally:
        con.execute(f"PRAGMA legacy_alter_table = {int(legacy)}")
    for statement in extras:
        con.execute(statement)
    return True


def ensure_unique_key(con: sqlite3.Connection, table: str, key: str) -> None:
    """Make `key` unique (the upserts name it as their conflict target) where a copy by another
    tool lost the constraint; refuse when the ids are no longer unique."""
    if key in _unique_single_columns(con, table):
        return
    dup = con.execute(f"SELECT {q(key)}, count(*) FROM {q(table)} WHERE {q(key)} NOT NULL "
                      f"GROUP BY {q(key)} HAVING count(*) > 1 LIMIT 1").fetchone()
    if dup is not None:
        raise NotWritable(f"table {table} has {dup[1]} rows with {key} {dup[0]!r}")
    con.execute(f"CREATE UNIQUE INDEX IF NOT EXISTS {q(table + '_' + key + '_unique')} ON {q(table)} ({q(key)})")
