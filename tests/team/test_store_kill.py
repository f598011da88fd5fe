"""The server stopped in the middle of an edit (`pg_ctl stop -m immediate`): the edit is refused
with a clear line and kept (memory unchanged), nothing is half-written; after a restart the
same change set goes in once, nothing doubled. On a cluster of its own: killing the session's
would cut every other test's connections."""
from __future__ import annotations

import select
import threading
import time
from datetime import date

import psycopg
import pytest
from shapely.geometry import box

from desktop.model import CommandStack, Project, add_assessment, create_zone, edit_zone
from desktop.model.edits import rename_zone
from desktop.storage.team import TeamError, create_team_project, open_team_project

from support import pg_server
from team.helpers import assert_same_rows


@pytest.fixture(scope="module")
def own_pg(pg):  # `pg` first: it skips with the reason where no cluster can be had
    server = pg_server.PgServer.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def project_url(own_pg):
    own_pg.create_database("killed")
    url = own_pg.url("killed", project="front")
    p = Project()
    st = CommandStack(p)
    cmd, aid = add_assessment(p, "ours")
    st.push(cmd)
    cmd, zid = create_zone(p, name="west", assessment_id=aid, geometry=box(37.0, 48.0, 37.1, 48.1),
                           status="ru_control", as_of=date(2025, 1, 6))
    st.push(cmd)
    cmd, _ = create_zone(p, name="east", assessment_id=aid, geometry=box(37.1, 48.0, 37.2, 48.1),
                         status="ru_control", as_of=date(2025, 1, 6))
    st.push(cmd)
    create_team_project(url, p, analyst="setup")
    return url, zid


def _counts(server: pg_server.PgServer) -> tuple[int, int, int]:
    with server.connect("killed") as con:
        return con.execute("SELECT (SELECT count(*) FROM front.zones), (SELECT count(*) FROM front.zone_versions), "
                           "(SELECT count(*) FROM front.frontline_changes)").fetchone()


def _edit(project, zid):
    # West grows east as of February: a new version of West, East clipped (several rows).
    return edit_zone(project, zid, date(2025, 2, 3), geometry=box(37.0, 48.0, 37.15, 48.1))


def test_killed_while_the_edit_waits_for_its_rows(own_pg, project_url):
    url, zid = project_url
    project = open_team_project(url, analyst="alice")
    try:
        cmd = _edit(project, zid)
        snap = project.snapshot()
        zones0, versions0, _ = _counts(own_pg)
        # Another session holds West's row: the edit is under way (inside its transaction,
        # waiting on the row lock) when the server is killed.
        blocker = own_pg.connect("killed")
        blocker.execute("BEGIN")
        blocker.execute("SELECT 1 FROM front.zone_versions FOR UPDATE")
        watch = own_pg.connect("killed")

        waited: list[int] = []

        def kill_when_waiting() -> None:
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                row = watch.execute("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                                    "AND application_name = 'frontline'").fetchone()
                if row[0]:
                    waited.append(1)
                    break
                time.sleep(0.02)
            own_pg.kill()

        killer = threading.Thread(target=kill_when_waiting)
        killer.start()
        with pytest.raises(TeamError) as e:
            CommandStack(project).push(cmd)
        killer.join(timeout=30)
        assert waited, "the edit never waited on the row lock: the kill did not come mid-edit"
        for con in (blocker, watch):
            try:
                con.close()
            except psycopg.Error:
                pass
        msg = str(e.value)
        assert "not saved" in msg and "retry" in msg and "\n" not in msg
        assert project.snapshot() == snap  # kept as it was: nothing applied in memory
        own_pg.restart()
        assert _counts(own_pg) == (zones0, versions0, 0)  # nothing half-written survived
        CommandStack(project).push(cmd)  # the retry: a new connection, the same change set
        zones1, versions1, logged = _counts(own_pg)
        assert logged == 1 and zones1 == zones0 and versions1 == versions0 + 2  # West's new version, East's clip
        fresh = open_team_project(url, read_only=True)
        try:
            assert_same_rows(project, fresh)
        finally:
            fresh.storage.close()
    finally:
        project.storage.close()


def test_killed_before_the_edit_then_retried_once(own_pg, project_url):
    url, zid = project_url
    project = open_team_project(url, analyst="alice")
    other = open_team_project(url, analyst="bob")
    try:
        cmd = _edit(project, zid)
        before = _counts(own_pg)
        own_pg.kill()
        with pytest.raises(TeamError, match="not saved.*retry"):
            project.storage.write(cmd.changes)
        with pytest.raises(TeamError, match="not saved.*retry"):  # still down: refused the same way
            project.storage.write(cmd.changes)
        own_pg.restart()
        project.storage.write(cmd.changes)
        # Sent again (the answer to a commit lost with the connection): already there, a no-op.
        project.storage.write(cmd.changes)
        after = _counts(own_pg)
        assert after[2] == 1 and after[:2] == (before[0], before[1] + 2)
        project.load_changes(cmd.changes)  # what Project.apply does once its writer returns
        # The other session follows again after the restart: the log, then live NOTIFYs on a
        # new LISTEN connection.
        other.load_changes(other.storage.pending_remote())
        assert_same_rows(project, other)
        fd = other.storage.notify_fileno()
        CommandStack(project).push(rename_zone(project, zid, "west, after the restart"))
        assert select.select([fd], [], [], 2.0)[0] == [fd]
        other.load_changes(other.storage.pending_remote())
        assert other.zones[zid].name == "west, after the restart"
    finally:
        project.storage.close()
        other.storage.close()
