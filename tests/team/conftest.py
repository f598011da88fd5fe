"""The test session's PostgreSQL/PostGIS server (issue 19, item 7), started once, stopped at the
end (on failure too; an atexit hook is the backstop), and the helpers the team tests share.

Where PostgreSQL or PostGIS is absent (`make test` installs Debian's postgresql-15-postgis-3
where apt-get is), every test using these fixtures skips with the reason.
"""
from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import pytest

from support import pg_server

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "resources" / "samples").glob("*.gpkg"))
_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def pg() -> pg_server.PgServer:
    """The running throwaway cluster (a Unix socket in its temporary folder only)."""
    why = pg_server.unavailable()
    if why:
        pytest.skip(why)
    server = pg_server.PgServer.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def pg_db(pg) -> str:
    """A database with PostGIS for the session; its URL without a project."""
    return pg.create_database("frontline_tests")


@pytest.fixture
def team_url(pg, pg_db) -> str:
    """A URL naming a project no other test uses (the project itself is not made)."""
    return pg.url("frontline_tests", project=f"t{next(_numbers)}")


@pytest.fixture
def sample_copy(tmp_path) -> Path:
    """The bundled sample project, copied (opening it writable in place would upgrade it)."""
    if not SAMPLES:
        pytest.skip("no bundled sample project in resources/samples")
    dest = tmp_path / SAMPLES[0].name
    shutil.copyfile(SAMPLES[0], dest)
    return dest


@pytest.fixture(autouse=True)
def _unexpected_conflict_dialogs_fail(monkeypatch):
    """A conflict dialog a test did not ask for fails it at once: shown modally it would wait for
    a click that never comes (a whole run once hung there). Tests that expect one patch `exec`."""
    from desktop.ui.dialogs import team_conflict

    def refuse(dialog) -> int:
        raise AssertionError("an unexpected edit conflict dialog was shown")
    monkeypatch.setattr(team_conflict.ConflictDialog, "exec", refuse)
