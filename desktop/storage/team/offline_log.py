"""The offline log of a team project's copy: every change set made offline, in order, to push later.

`frontline pull` writes a GeoPackage that remembers where it came from (origin URL without the
password, project name, the server's log position) in the file's meta table. Opening such a copy
for writing installs `log_step` among the project file's in-transaction steps, so each change
set is logged in the very transaction that writes it: an edit is in the file and in the log, or
in neither. `sync.push_log` replays the entries in order and removes the ones that went in.

Change sets are kept as JSON of the project file's own row encoding (`schema.TABLE_MAPS`), so a
record read back equals the one written (shapes by their exact WKB), which the server's
before-check relies on. JSON, not pickle: a copy is a file that travels, and reading it must
never run code.

Qt-free. (Not importing projectfile: projectfile imports this module to install the log.)
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from desktop.model.changes import Change, ChangeSet
from desktop.storage.project import gpkg
from desktop.storage.project.schema import TABLE_MAPS

LOG_TABLE = "team_offline_log"
META_TABLE = "frontline_meta"  # projectfile.META_TABLE (the same table; named here to avoid a cycle)
META_ORIGIN = "team_origin"
META_PROJECT = "team_project"
META_POSITION = "team_log_position"


@dataclass(frozen=True)
class Origin:
    """Where a pulled copy came from: the URL (no password), the project, the log position."""
    url: str
    project: str
    position: str


@dataclass(frozen=True)
class LogEntry:
    seq: int
    changes: ChangeSet
    recorded_at: str


# -- change sets as JSON ------------------------------------------------------------------------
def _enc_value(v: Any) -> Any:
    if isinstance(v, (bytes, bytearray, memoryview)):
        return {"$hex": bytes(v).hex()}
    return v


def _dec_value(v: Any) -> Any:
    if isinstance(v, dict) and set(v) == {"$hex"}:
        return bytes.fromhex(v["$hex"])
    return v


def _enc_record(table: str, id_: str, record: Any) -> dict[str, Any] | None:
    if record is None:
        return None
    return {k: _enc_value(v) for k, v in TABLE_MAPS[table].to_row(id_, record).items()}


def _dec_record(table: str, row: dict[str, Any] | None) -> Any:
    if row is None:
        return None
    return TABLE_MAPS[table].from_row({k: _dec_value(v) for k, v in row.items()})[1]


def encode_changes(changes: ChangeSet) -> str:
    return json.dumps([[c.table, c.id, _enc_record(c.table, c.id, c.before), _enc_record(c.table, c.id, c.after)]
                       for c in changes], ensure_ascii=False, separators=(",", ":"))


def decode_changes(text: str) -> ChangeSet:
    return ChangeSet(Change(t, i, _dec_record(t, b), _dec_record(t, a)) for t, i, b, a in json.loads(text))


# -- the file's side ---------------------------------------------------------------------------
def ensure_table(con: sqlite3.Connection) -> None:
    """The log table (an attribute table of the GeoPackage, so other tools list it, not choke)."""
    con.execute(f'CREATE TABLE IF NOT EXISTS "{LOG_TABLE}" (seq INTEGER PRIMARY KEY AUTOINCREMENT, '
                'changes TEXT NOT NULL, recorded_at TEXT NOT NULL)')
    gpkg.register_attribute_table(con, LOG_TABLE, "Frontline: edits made offline, to push to the team project")


def _set_meta(con: sqlite3.Connection, key: str, value: str) -> None:
    if con.execute(f'UPDATE "{META_TABLE}" SET value = ? WHERE key = ?', (value, key)).rowcount == 0:
        con.execute(f'INSERT INTO "{META_TABLE}" (key, value) VALUES (?, ?)', (key, value))


def mark_pulled(con: sqlite3.Connection, origin: Origin) -> None:
    """Make the file at `con` a pulled copy of `origin` with an empty log (one transaction)."""
    with con:
        ensure_table(con)
        con.execute(f'DELETE FROM "{LOG_TABLE}"')
        _set_meta(con, META_ORIGIN, origin.url)
        _set_meta(con, META_PROJECT, origin.project)
        _set_meta(con, META_POSITION, origin.position)


def origin_of(con: sqlite3.Connection) -> Origin | None:
    """The origin a pulled copy remembers, or None for a plain project file."""
    try:
        meta = dict(con.execute(f'SELECT key, value FROM "{META_TABLE}" WHERE key IN (?, ?, ?)',
                                (META_ORIGIN, META_PROJECT, META_POSITION)).fetchall())
    except sqlite3.OperationalError:
        return None
    if not meta.get(META_ORIGIN):
        return None
    return Origin(meta[META_ORIGIN], meta.get(META_PROJECT) or "", meta.get(META_POSITION) or "")


def log_step(con: sqlite3.Connection, changes: ChangeSet) -> None:
    """A ProjectFile in-transaction step: the change set goes into the log with the edit."""
    con.execute(f'INSERT INTO "{LOG_TABLE}" (changes, recorded_at) VALUES (?, ?)',
                (encode_changes(changes), datetime.now(timezone.utc).isoformat(timespec="seconds")))


def install(project_file: Any) -> None:
    """Log every change set written through `project_file` (a writable ProjectFile of a pulled
    copy); the table is made if a copy lost it."""
    with project_file.con:
        ensure_table(project_file.con)
    if log_step not in project_file.in_transaction:
        project_file.in_transaction.append(log_step)


def entries(con: sqlite3.Connection) -> list[LogEntry]:
    """The logged change sets, oldest first ([] when the file has no log)."""
    try:
        rows = con.execute(f'SELECT seq, changes, recorded_at FROM "{LOG_TABLE}" ORDER BY seq').fetchall()
    except sqlite3.OperationalError:
        return []
    return [LogEntry(seq, decode_changes(text), at) for seq, text, at in rows]


def remove(con: sqlite3.Connection, seqs: list[int]) -> None:
    """Drop entries that went in (or the analyst dropped), in one transaction."""
    if not seqs:
        return
    with con:
        con.executemany(f'DELETE FROM "{LOG_TABLE}" WHERE seq = ?', [(s,) for s in seqs])
