"""An open team project: the project's writer (optimistic concurrency) and its live feed.

Each change set is one transaction. It first locks and reads every row it touches (in a stable
order, so two sessions never wait on each other in a cycle) and compares each with the change's
`before`: a row someone else changed meanwhile refuses the whole change set (ConflictError,
naming whose edit and when), nothing written. Otherwise the rows are written with who wrote them,
the change set is appended to the change log and the project's channel is NOTIFYed with its id.
New rows are plain INSERTs: a row another session added at the same moment is a conflict too,
never overwritten. A change set that would make an assessed zone overlap one drawn or grown
meanwhile (rows it never touched) is refused the same way (`partition.unseen_overlaps`). A change set found already on the server (sent again after a connection died
before its commit was acknowledged) is not written twice.

Other sessions' edits reach this one through `pending_remote` (the log after the last id seen),
woken by the LISTEN connection whose socket `notify_fileno` gives. The log ids follow commit
order (an advisory lock is taken just before the log row is added), so reading "after the last
id seen" never skips a change set that committed late.
"""
from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

import psycopg
from psycopg import sql

from desktop.model.changes import Change, ChangeSet
from desktop.model.project import Project, ReadOnlyError
import desktop.storage.team.payload as payload
from desktop.storage.team.admin import row_params
from desktop.storage.team.connection import connect, listen, one_line, server_error
from desktop.storage.team.errors import Conflict, ConflictError, TeamError
from desktop.storage.team.partition import unseen_overlaps
from desktop.storage.team.tables import LOG_TABLE, PG_TABLES, pg_table
from desktop.storage.team.url import TeamUrl

_TABLE_ORDER = {t: k for k, t in enumerate(PG_TABLES)}
# Who changed a row that is gone: the newest log entry naming it.
_DELETED_BY = "SELECT recorded_by, server_time FROM {} WHERE keys @> ARRAY[%s] ORDER BY id DESC LIMIT 1"


class TeamStore:
    """The storage of a project opened from a team URL (`project.storage`)."""

    def __init__(self, turl: TeamUrl, con: psycopg.Connection, listen: psycopg.Connection | None,
                 analyst: str, read_only: bool) -> None:
        self.turl = turl
        self.url = turl.url
        self.display = turl.display
        self.schema = turl.project
        self.analyst = analyst
        self.read_only = read_only
        self.project: Project | None = None
        # Where code that starts a file dialog "beside the project file" starts: the home folder.
        self.path = Path.home() / turl.project
        self.session = uuid.uuid4().hex  # this store's log rows, skipped by its pending_remote
        self.last_seen = 0  # the newest log id this session holds
        # (recorded_by, server_time, log id) of each change set the last `pending_remote` brought,
        # oldest first: whose edits they were, for the history dock.
        self.last_remote: list[tuple[str, datetime, int]] = []
        # Steps that commit or roll back with each change set: called as step(connection, changes).
        self.in_transaction: list[Callable[[psycopg.Connection, ChangeSet], None]] = []
        self._con = con
        self._listen = listen
        # The server's rows a refused change set met (table, id) -> record: `pending_remote`
        # brings them into memory even when no log entry names them (a row edited in QGIS,
        # which writes the tables directly), so the map shows what the edit collided with.
        self._met: dict[tuple[str, str], Any] = {}
        # The LISTEN connection being made while the project loaded (opening._Listener), if any.
        self._starting: Any = None

    # -- connections -------------------------------------------------------------------------
    def _connection(self) -> psycopg.Connection:
        """The working connection, made again when the last one died (a server restart)."""
        if self._con is None or self._con.closed or self._con.broken:
            if self._con is not None:
                self._con.close()
            self._con = None
            self._con = connect(self.turl)
        return self._con

    def _on_live_connection(self, work: Callable[[psycopg.Connection], Any]) -> Any:
        """`work(connection)`, once more on a new connection when the one it ran on turned out
        dead (the server restarted since its last use: nothing tells an idle connection). Safe
        for writes too: a change set that did commit is found on the server and not redone."""
        for attempt in (1, 2):
            con = self._connection()
            try:
                return work(con)
            except (psycopg.OperationalError, psycopg.InterfaceError) as e:
                if attempt == 2 or isinstance(e, psycopg.errors.LockNotAvailable) or not (con.closed or con.broken):
                    raise

    def _listener(self) -> psycopg.Connection | None:
        starting, self._starting = self._starting, None
        if starting is not None:  # made while the project loaded: adopted on first use
            starting.join()
            if starting.con is not None:
                self._listen = starting.con
                self._catch_up()
        if self._listen is None or self._listen.closed or self._listen.broken:
            if self._listen is not None:
                self._listen.close()
            self._listen = None
            try:
                self._listen = listen(self.turl)
            except TeamError:
                return None
        return self._listen

    def _catch_up(self) -> None:
        """LISTEN began after the project was read: an edit committed in between woke nobody,
        so the socket is made readable for it (`pending_remote` then reads it from the log)."""
        try:
            con = self._connection()
            newest = con.execute(sql.SQL("SELECT coalesce(max(id), 0) FROM {}").format(
                sql.Identifier(self.schema, LOG_TABLE))).fetchone()[0]
            if newest > self.last_seen:
                con.execute("SELECT pg_notify(%s, %s)", (self.turl.channel, "catch-up"))
        except (psycopg.Error, TeamError):
            pass  # the server is gone: pending_remote says so

    def listening_fileno(self) -> int:
        """The LISTEN socket in use now, -1 when there is none (never connects): a watcher
        compares it with the one it watches to follow a reconnect."""
        listen = self._listen
        if listen is None or listen.closed or listen.broken:
            return -1
        return listen.fileno()

    def notify_fileno(self) -> int:
        """The LISTEN connection's socket: readable when another session committed. It changes
        after a reconnect (a server restart): ask again after `pending_remote` raised."""
        listen = self._listener()
        if listen is None:
            raise TeamError(f"{self.display}: cannot reach the team server to follow its edits")
        return listen.fileno()

    def close(self) -> None:
        starting, self._starting = self._starting, None
        if starting is not None:
            starting.join()
            if starting.con is not None:
                starting.con.close()
        for con in (self._con, self._listen):
            if con is not None:
                try:
                    con.close()
                except psycopg.Error:
                    pass
        self._con = self._listen = None

    # -- writing -----------------------------------------------------------------------------
    def write(self, changes: ChangeSet) -> None:
        if self.read_only:
            raise ReadOnlyError(f"{self.display} is open read-only; edits are not saved")
        if not changes:
            return
        before: dict[tuple[str, str], Any] = {}
        after: dict[tuple[str, str], Any] = {}
        for c in changes:
            k = (c.table, c.id)
            before.setdefault(k, c.before)  # the state the change set was built on
            after[k] = c.after
        keys = sorted(before, key=lambda k: (_TABLE_ORDER[k[0]], k[1]))
        def attempt(con: psycopg.Connection) -> None:
            try:
                self._write_once(con, changes, keys, before, after)
            except psycopg.errors.UniqueViolation:
                # A row this change set adds was added by another session at the same moment
                # (both saw none): checked again, now that theirs is visible, it is refused as
                # a conflict naming them.
                self._write_once(con, changes, keys, before, after)

        try:
            self._on_live_connection(attempt)
        except ConflictError as e:
            self._met.update({(c.table, c.id): c.theirs for c in e.conflicts if c.theirs is not None})
            raise
        except ReadOnlyError:
            raise
        except TeamError as e:  # no connection could be made
            raise TeamError(f"{e}; the edit was not saved; it is kept, retry") from None
        except psycopg.Error as e:
            lost = isinstance(e, (psycopg.OperationalError, psycopg.InterfaceError))
            # Lost with the connection (or a lock that never came): the same change set may be
            # sent again. Refused by the server (rights, a value it cannot hold): it may not.
            then = "the edit was not saved; it is kept, retry" if lost else "the edit was not saved"
            raise TeamError(f"{server_error(self.turl, e, 'saving the edit')}; {then}") from None

    def _write_once(self, con: psycopg.Connection, changes: ChangeSet, keys: list[tuple[str, str]],
                    before: dict, after: dict) -> None:
        with con.transaction():
            current = self._lock(con, keys)
            if all(current.get(k, (None,))[0] == after[k] for k in keys):
                # Already on the server: a retry of a change set that committed before the
                # connection dropped (or the very same edit by someone else). Nothing to add.
                return
            clashes = [k for k in keys if current.get(k, (None,))[0] != before[k]]
            if clashes:
                raise self._conflict(con, clashes, before, current)
            self._apply(con, keys, before, after)
            if self.project is not None:
                unseen = unseen_overlaps(con, self.schema, self.project, keys, before, after)
                if unseen:
                    raise self._overlap(con, unseen)
            for step in self.in_transaction:
                step(con, changes)
            self._log(con, changes)

    def _lock(self, con: psycopg.Connection, keys: list[tuple[str, str]]) -> dict[tuple[str, str], tuple]:
        """Lock the existing rows of `keys` (FOR UPDATE, table by table, ordered by key) and read
        them: (table, id) -> (record, recorded_by, server_time)."""
        by_table: dict[str, list[str]] = defaultdict(list)
        for t, i in keys:
            by_table[t].append(i)
        out = {}
        with con.cursor(binary=True) as cur:
            for t in sorted(by_table, key=_TABLE_ORDER.get):
                pt = PG_TABLES[t]
                cur.execute(pt.by_keys_sql(self.schema), (by_table[t],))
                for rid, rec, by, at in pt.records(cur.fetchall()):
                    out[(t, rid)] = (rec, by, at)
        return out

    def _conflict(self, con: psycopg.Connection, clashes: list[tuple[str, str]], before: dict,
                  current: dict) -> ConflictError:
        found = []
        for k in clashes:
            theirs, by, at = current.get(k, (None, None, None))
            if theirs is None:
                row = con.execute(sql.SQL(_DELETED_BY).format(sql.Identifier(self.schema, LOG_TABLE)),
                                  (f"{k[0]}/{k[1]}",)).fetchone()
                by, at = row if row else ("someone", None)
            found.append(Conflict(k[0], k[1], before[k], theirs, by or "someone", at))
        first = found[0]
        when = f" at {first.at:%Y-%m-%d %H:%M:%S %Z}".rstrip() if first.at else ""
        what = _describe(first.table, first.id, first.theirs if first.theirs is not None else first.mine_before)
        more = f" (and {len(found) - 1} more rows)" if len(found) > 1 else ""
        gone = "deleted" if first.theirs is None else ("added" if first.mine_before is None else "changed")
        return ConflictError(f"{self.display}: {what} was {gone} by {first.by}{when}{more} since you loaded it; "
                             "your edit was not saved", found)

    def _overlap(self, con: psycopg.Connection, unseen: list[tuple[str, Any, Any, Any]]) -> ConflictError:
        """The change set would make an assessed zone overlap versions this session has not seen
        (someone drew or grew a zone there meanwhile): refused, naming whose and when."""
        found = [Conflict("versions", vid, self.project.versions.get(vid), rec, by or "someone", at)
                 for vid, rec, by, at in unseen]
        first = found[0]
        row = con.execute(sql.SQL("SELECT name FROM {} WHERE id = %s").format(
            sql.Identifier(self.schema, PG_TABLES["zones"].name)), (first.theirs.zone_id,)).fetchone()
        what = f"zone '{row[0]}'" if row else "a zone"
        when = f" at {first.at:%Y-%m-%d %H:%M:%S %Z}".rstrip() if first.at else ""
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        verb = "drawn" if first.mine_before is None else "changed"
        return ConflictError(f"{self.display}: your edit would overlap {what}, {verb} there by {first.by}{when}"
                             f"{more} since you loaded it; your edit was not saved", found)

    def _apply(self, con: psycopg.Connection, keys: list[tuple[str, str]], before: dict, after: dict) -> None:
        """Write the rows (checked: each is as `before` says): new ones inserted, changed ones
        updated, removed ones deleted, each stamped with the analyst and the server's time."""
        adds: dict[str, list[tuple[str, Any]]] = defaultdict(list)
        edits: dict[str, list[tuple[str, Any]]] = defaultdict(list)
        drops: dict[str, list[str]] = defaultdict(list)
        for t, i in keys:
            rec = after[(t, i)]
            if rec is None:
                drops[t].append(i)
            else:
                (adds if before[(t, i)] is None else edits)[t].append((i, rec))
        with con.cursor() as cur:
            for t, ids in drops.items():
                cur.execute(PG_TABLES[t].delete_sql(self.schema), (ids,))
            for t, items in edits.items():
                pt = PG_TABLES[t]
                params = row_params(pt, self.project, items, self.analyst)
                cur.executemany(pt.update_sql(self.schema), [p + [i] for p, (i, _r) in zip(params, items)])
            for t, items in adds.items():
                pt = PG_TABLES[t]
                cur.executemany(pt.insert_sql(self.schema), row_params(pt, self.project, items, self.analyst))

    def _log(self, con: psycopg.Connection, changes: ChangeSet) -> None:
        # Log ids in commit order: the lock is held to the commit, taken after the row locks
        # (so it never waits inside a cycle).
        con.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (f"frontline log {self.schema}",))
        log_id = con.execute(
            sql.SQL("INSERT INTO {} (recorded_by, session, keys, payload) VALUES (%s, %s, %s, %s) RETURNING id")
            .format(sql.Identifier(self.schema, LOG_TABLE)),
            (self.analyst, self.session, payload.keys(changes), payload.encode(changes))).fetchone()[0]
        con.execute("SELECT pg_notify(%s, %s)", (self.turl.channel, str(log_id)))

    # -- following the others ----------------------------------------------------------------
    def pending_remote(self) -> ChangeSet:
        """What other sessions committed since the last call (never blocks), as changes from
        this session's rows to the server's. Apply with `project.load_changes` (not through the
        writer) and tell the listeners. Raises TeamError when the server cannot be reached."""
        listen = self._listener()
        if listen is not None:
            try:  # empty the socket, so a socket notifier does not fire again for these
                listen.pgconn.consume_input()
                while listen.pgconn.notifies() is not None:
                    pass
            except psycopg.Error:
                # The server went away: a new LISTEN connection on the next call (its socket is
                # another one: `notify_fileno` says which).
                listen.close()
                self._listen = None
        query = sql.SQL("SELECT id, session, payload, recorded_by, server_time FROM {} WHERE id > %s ORDER BY id").format(
            sql.Identifier(self.schema, LOG_TABLE))
        try:
            rows = self._on_live_connection(lambda con: con.execute(query, (self.last_seen,)).fetchall())
        except psycopg.Error as e:
            raise server_error(self.turl, e, "reading the others' edits") from None
        view: dict[tuple[str, str], Any] = {}
        out = []
        # First the rows a refused edit met (read then, so older than or as old as the log
        # entries below, which are applied over them).
        met, self._met = self._met, {}
        for (t, i), rec in met.items():
            old = self.project.table(t).get(i)
            if t == "versions" and rec.zone_id not in self.project.zones:
                continue  # a version without its zone (written outside Frontline) would dangle
            if old != rec:
                out.append(Change(t, i, old, rec))
                view[(t, i)] = rec
        self.last_remote = []
        for log_id, session, text, by, at in rows:
            self.last_seen = log_id
            if session == self.session:
                continue
            self.last_remote.append((by, at, log_id))
            try:
                decoded = payload.decode(text)
            except Exception as e:  # a row some other tool wrote: say which, skip it
                raise TeamError(f"{self.display}: change log entry {log_id} cannot be read ({one_line(e)})") from None
            for t, i, rec in decoded:
                k = (t, i)
                old = view[k] if k in view else self.project.table(t).get(i)
                out.append(Change(t, i, old, rec))
                view[k] = rec
        return ChangeSet(out).compact()

    def author_of(self, table: str, id_: str) -> tuple[str, datetime] | None:
        """Who last wrote a row (or deleted it), and when; None when the server knows nobody."""
        pt = pg_table(table)
        def read(con: psycopg.Connection) -> tuple | None:
            row = con.execute(sql.SQL("SELECT recorded_by, server_time FROM {} WHERE {} = %s").format(
                sql.Identifier(self.schema, pt.name), sql.Identifier(pt.key)), (id_,)).fetchone()
            if row is None:
                row = con.execute(sql.SQL(_DELETED_BY).format(sql.Identifier(self.schema, LOG_TABLE)),
                                  (f"{pt.model_table}/{id_}",)).fetchone()
            return row

        try:
            row = self._on_live_connection(read)
        except psycopg.Error as e:
            raise server_error(self.turl, e, "reading who made an edit") from None
        if row is None or row[0] is None:
            return None
        return row[0], row[1]


    def authors(self, table: str) -> dict[str, tuple[str | None, datetime]]:
        """id -> (recorded_by, server_time) of every row of a table, in one query (exports
        carry `recorded_by`; the history and inspector show it)."""
        pt = pg_table(table)
        query = sql.SQL("SELECT {}, recorded_by, server_time FROM {}").format(
            sql.Identifier(pt.key), sql.Identifier(self.schema, pt.name))
        try:
            rows = self._on_live_connection(lambda con: con.execute(query).fetchall())
        except psycopg.Error as e:
            raise server_error(self.turl, e, "reading who made the edits") from None
        return {r[0]: (r[1], r[2]) for r in rows}


def _describe(table: str, id_: str, record: Any) -> str:
    noun = {"zones": "zone", "versions": "a version of a zone", "assessments": "assessment",
            "observations": "observation", "sources": "source", "quotes": "quote", "evidence": "a link",
            "attachments": "attachment", "rasters": "raster layer", "legend": "legend entry",
            "info": "the project settings"}.get(table, table)
    name = getattr(record, "name", None) or getattr(record, "outlet", None) or getattr(record, "label", None)
    if table in ("info", "versions", "evidence"):
        return noun
    return f"{noun} '{name}'" if name else f"{noun} {id_}"
