"""Open a project file or a team project by what the analyst gave: a path or a postgresql:// URL.

Kept apart from `sync` so that opening a file (the window, `stats`, `render`) never imports
psycopg and libpq (~0.1 s of every start-up): only a URL loads them.
"""
from __future__ import annotations

import os
from pathlib import Path

from desktop.model.project import Project
from desktop.storage.team.url import is_team_url, parse_team_url


def open_any(target: str | os.PathLike, *, read_only: bool = False, analyst: str | None = None) -> Project:
    """A project file by its path, or a team project by its postgresql:// URL."""
    text = os.fspath(target)
    if is_team_url(text):
        from desktop.storage.team.opening import open_team_project
        return open_team_project(text, read_only=read_only, analyst=analyst)
    from desktop.storage.project.projectfile import open_project
    return open_project(text, read_only=read_only)


def display_name(target: str | os.PathLike) -> str:
    """What to show for a project: a file's name, or a team URL without its password."""
    text = os.fspath(target)
    return parse_team_url(text).display if is_team_url(text) else Path(text).name
