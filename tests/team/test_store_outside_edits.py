"""A row changed on the server without a change-log entry (QGIS edits the PostGIS layers
directly): an edit built on the old row is refused as a conflict, and then the session's memory
learns the server's row, so the map shows what the edit collided with and the next edit is not
refused again for the same reason."""
from __future__ import annotations

from datetime import date

import pytest
from psycopg import sql
from shapely.geometry import box

from desktop.model import CommandStack, Project, add_assessment, create_zone
from desktop.model.edits import rename_zone
from desktop.storage.team import ConflictError, create_team_project, open_team_project, parse_team_url


@pytest.fixture
def session(team_url):
    p = Project()
    st = CommandStack(p)
    cmd, aid = add_assessment(p, "ours")
    st.push(cmd)
    cmd, zid = create_zone(p, name="west", assessment_id=aid, geometry=box(37.0, 48.0, 37.1, 48.1),
                           status="ru_control", as_of=date(2025, 1, 6))
    st.push(cmd)
    create_team_project(team_url, p, analyst="setup")
    a = open_team_project(team_url, analyst="alice")
    yield a, zid
    a.storage.close()


def _qgis_rename(pg, url: str, zid: str, name: str) -> None:
    """What QGIS does: an UPDATE of the layer's row, no log entry, no NOTIFY."""
    schema = parse_team_url(url).project
    with pg.connect("frontline_tests") as con:
        con.execute(sql.SQL("UPDATE {} SET name = %s, recorded_by = 'qgis_user' WHERE id = %s").format(
            sql.Identifier(schema, "zones")), (name, zid))


def test_after_a_conflict_with_an_outside_edit_memory_shows_the_server_row(pg, team_url, session):
    a, zid = session
    _qgis_rename(pg, team_url, zid, "west (qgis)")
    assert a.storage.pending_remote() == ()  # no log entry: nothing tells the session
    stack = CommandStack(a)
    with pytest.raises(ConflictError, match="qgis_user"):
        stack.push(rename_zone(a, zid, "west (alice)"))
    assert a.zones[zid].name == "west"  # refused: memory untouched by the write itself
    got = a.storage.pending_remote()  # what the window's catch-up applies before asking
    assert [(c.table, c.id, c.before.name, c.after.name) for c in got] == [("zones", zid, "west", "west (qgis)")]
    a.load_changes(got)
    assert a.storage.pending_remote() == ()  # brought once
    stack.push(rename_zone(a, zid, "west (alice)"))  # built on the server's row now: goes in
    fresh = open_team_project(team_url, read_only=True)
    try:
        assert fresh.zones[zid].name == "west (alice)"
    finally:
        fresh.storage.close()


def test_a_logged_edit_newer_than_the_conflict_wins_over_the_row_it_met(pg, team_url, session):
    a, zid = session
    _qgis_rename(pg, team_url, zid, "west (qgis)")
    with pytest.raises(ConflictError):
        CommandStack(a).push(rename_zone(a, zid, "west (alice)"))
    b = open_team_project(team_url, analyst="bob")
    try:
        CommandStack(b).push(rename_zone(b, zid, "west (bob)"))  # logged, after the conflict
    finally:
        b.storage.close()
    got = a.storage.pending_remote()
    assert len(got) == 1 and got[0].before.name == "west" and got[0].after.name == "west (bob)"
