"""Team projects: a project in PostgreSQL/PostGIS that several analysts edit at once (issue 19).

Qt-free. A team URL (`postgresql://host/db?project=name`) opens wherever a path does; every edit
is one transaction checked row by row against the server (`TeamStore.write`), and other
sessions' edits arrive through `TeamStore.pending_remote`.

The names below are loaded when first used: telling a URL from a path (`is_team_url`, asked on
every open and export) must not import psycopg and libpq (~0.09 s of every start-up).
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

from desktop.storage.team.url import TeamUrl, is_team_url, parse_team_url

_WHERE = {"create_team_project": "admin", "drop_team_project": "admin", "grant_roles": "admin",
          "list_team_projects": "admin", "Conflict": "errors", "ConflictError": "errors",
          "TeamError": "errors", "open_team_project": "opening", "TeamStore": "store"}

__all__ = ["Conflict", "ConflictError", "TeamError", "TeamStore", "TeamUrl", "create_team_project",
           "drop_team_project", "grant_roles", "is_team_url", "list_team_projects", "open_team_project",
           "parse_team_url"]


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(import_module(f"desktop.storage.team.{_WHERE[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
