"""Team project URLs: a libpq URL with Frontline's own `project` parameter.

    postgresql://analyst@db.example/front?project=pokrovsk
    postgresql:///front?host=/run/postgresql&port=5432&project=pokrovsk

`project` names the PostgreSQL schema that holds the project (several per database); it is
taken out before the rest goes to the driver. The display form hides any password.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

from desktop.storage.team.errors import TeamError

SCHEMES = ("postgresql://", "postgres://")
DEFAULT_PROJECT = "frontline"
NAME_BYTES = 63  # PostgreSQL's NAMEDATALEN - 1: the longest schema or channel name
# A plain identifier (never quoted wrongly, never a surprise in QGIS's layer list); the schemas
# PostgreSQL and PostGIS keep for themselves are refused.
_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
RESERVED = {"public", "information_schema", "topology", "tiger", "tiger_data"}


def is_team_url(text: str) -> bool:
    return isinstance(text, str) and text.strip().lower().startswith(SCHEMES)


@dataclass(frozen=True)
class TeamUrl:
    url: str        # as given
    conninfo: str   # for psycopg: the URL without Frontline's parameters
    project: str    # the schema name
    display: str    # for titles and messages: no password

    @property
    def database(self) -> str:
        return urlsplit(self.display).path.lstrip("/")

    @property
    def host(self) -> str:
        """The server's host name; "" for a local server (a Unix socket or no host given)."""
        parts = urlsplit(self.display)
        host = parts.hostname or dict(parse_qsl(parts.query)).get("host", "")
        return "" if host.startswith("/") else host

    @property
    def channel(self) -> str:
        """The LISTEN/NOTIFY channel of the project. At most 63 bytes, as PostgreSQL's names:
        LISTEN would cut a longer one and pg_notify refuse it, failing every edit. (Two long
        names alike in their first 53 characters share a channel: each session then wakes for
        the other's edits too, and finds none of its own project's in the log.)"""
        return f"frontline_{self.project}"[:NAME_BYTES]


def _join(scheme: str, netloc: str, path: str, query: list[tuple[str, str]]) -> str:
    # Not urlunsplit: it drops the "//" of an empty host (postgresql:///db, a local socket).
    q = urlencode(query, safe="/", quote_via=quote)  # %20, never "+": libpq reads "+" as itself
    return f"{scheme}://{netloc}{path}" + (f"?{q}" if q else "")


def parse_team_url(url: str) -> TeamUrl:
    """Split a team URL; raises TeamError (one line) for one that is not."""
    text = url.strip()
    if not is_team_url(text):
        raise TeamError(f"{text}: not a team project URL (postgresql://...)")
    parts = urlsplit(text)
    query = parse_qsl(parts.query, keep_blank_values=True)
    projects = [v for k, v in query if k == "project"]
    project = (projects[-1] if projects else DEFAULT_PROJECT).strip().lower()
    rest = [(k, v) for k, v in query if k != "project"]
    conninfo = _join(parts.scheme, parts.netloc, parts.path, rest)
    netloc = parts.netloc
    if "@" in netloc:
        cred, host = netloc.rsplit("@", 1)
        netloc = f"{cred.split(':', 1)[0]}@{host}"
    shown = [(k, v) for k, v in rest if k != "password"] + [("project", project)]
    display = _join(parts.scheme, netloc, parts.path, shown)
    if not _NAME.fullmatch(project) or project.startswith("pg_") or project in RESERVED:
        raise TeamError(f"{display}: project name {project!r} is not usable as a schema name "
                        "(letters, digits and _, not starting with a digit or pg_, at most 63)")
    return TeamUrl(text, conninfo, project, display)
