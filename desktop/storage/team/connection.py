"""Connections to the team server, with the driver's errors turned into one-line TeamErrors."""
from __future__ import annotations

import psycopg
from psycopg import sql

from desktop.storage.team.errors import TeamError
from desktop.storage.team.url import TeamUrl

# A row lock held by a stuck session must surface as an error, never as a window that hangs.
LOCK_TIMEOUT = "20000"  # ms


def one_line(e: BaseException) -> str:
    return " ".join(str(e).split()) or type(e).__name__


def connect(turl: TeamUrl) -> psycopg.Connection:
    """An autocommit connection (transactions are explicit: `with con.transaction()`)."""
    try:
        # The lock timeout goes with the start-up packet (no extra round trip), after any
        # options the URL carries.
        options = psycopg.conninfo.conninfo_to_dict(turl.conninfo).get("options") or ""
        con = psycopg.connect(turl.conninfo, autocommit=True, connect_timeout=10, application_name="frontline",
                              options=f"{options} -c lock_timeout={LOCK_TIMEOUT}".strip())
    except psycopg.Error as e:
        raise TeamError(f"{turl.display}: cannot reach the team server ({one_line(e)})") from None
    return con


def server_error(turl: TeamUrl, e: psycopg.Error, doing: str) -> TeamError:
    """The one line saying what failed: the server gone, a right missing, or what it said."""
    if isinstance(e, (psycopg.OperationalError, psycopg.InterfaceError)) and not isinstance(
            e, psycopg.errors.LockNotAvailable):
        return TeamError(f"{turl.display}: the connection to the team server was lost while {doing} "
                         f"({one_line(e)})")
    if isinstance(e, psycopg.errors.InsufficientPrivilege):
        return TeamError(f"{turl.display}: the server refused {doing}: {one_line(e.diag.message_primary or e)} "
                         "(this role may only read the project)")
    if isinstance(e, psycopg.errors.LockNotAvailable):
        return TeamError(f"{turl.display}: rows were locked by another session for too long while {doing}")
    return TeamError(f"{turl.display}: the server refused {doing}: {one_line(e.diag.message_primary or e)}")


def listen(turl: TeamUrl) -> psycopg.Connection:
    """A connection LISTENing on the project's channel (other sessions NOTIFY it on commit)."""
    con = connect(turl)
    try:
        con.execute(sql.SQL("LISTEN {}").format(sql.Identifier(turl.channel)))
    except psycopg.Error as e:
        con.close()
        raise server_error(turl, e, "following the project") from None
    return con
