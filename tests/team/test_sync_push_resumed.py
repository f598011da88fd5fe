"""A push cut short between an entry's commit on the server and its removal from the copy's log
(the laptop's lid closed, the process killed): pushed again, that entry is found on the server
and not written twice, the rest go in, the log ends empty. And two windows of one analyst are
two sessions: each sees the other's edits (only a session's own change sets are skipped)."""
from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from psycopg import sql
from shapely.geometry import box

from desktop.model import CommandStack, create_zone
from desktop.model.edits import rename_zone
from desktop.storage.project.projectfile import close_project, open_project
from desktop.storage.team import offline_log, parse_team_url, sync

CORRIDOR, CLAIM = "zone-corridor", "zone-claim-ru"


@pytest.fixture
def team(team_url, sample_copy):
    assert sync.push(sample_copy, team_url).created
    return team_url


def _counts(pg, url):
    schema = parse_team_url(url).project
    with pg.connect("frontline_tests") as con:
        return con.execute(sql.SQL("SELECT (SELECT count(*) FROM {}), (SELECT count(*) FROM {}), "
                                   "(SELECT count(*) FROM {})").format(
            sql.Identifier(schema, "zones"), sql.Identifier(schema, "zone_versions"),
            sql.Identifier(schema, "frontline_changes"))).fetchone()


def test_a_push_cut_short_then_pushed_again_writes_nothing_twice(pg, team, tmp_path, monkeypatch):
    copy = sync.pull(team, tmp_path / "copy.gpkg", analyst="alice")
    p = open_project(copy)
    st = CommandStack(p)
    st.push(rename_zone(p, CORRIDOR, "Corridor (offline)"))
    aid = next(iter(p.assessments))
    cmd, new_zone = create_zone(p, name="new (offline)", assessment_id=aid, status="ua_claim",
                                geometry=box(36.0, 47.0, 36.01, 47.01), as_of=date(2025, 12, 1))
    st.push(cmd)
    st.push(rename_zone(p, CLAIM, "Claim (offline)"))
    close_project(p)
    zones, versions, logged = _counts(pg, team)

    real_remove, calls = offline_log.remove, []

    def cut_after_the_second_commit(con, seqs):
        calls.append(seqs)
        if len(calls) == 2:  # the new zone is on the server; the copy never hears of it
            raise KeyboardInterrupt
        real_remove(con, seqs)
    monkeypatch.setattr(offline_log, "remove", cut_after_the_second_commit)
    with pytest.raises(KeyboardInterrupt):
        sync.push(copy, analyst="alice")
    monkeypatch.setattr(offline_log, "remove", real_remove)
    assert _counts(pg, team) == (zones + 1, versions + 1, logged + 2)

    report = sync.push(copy, analyst="alice")
    assert report.applied == 2 and not report.conflicts, report.lines()
    assert _counts(pg, team) == (zones + 1, versions + 1, logged + 3)  # the new zone once, not twice
    con = sqlite3.connect(copy)
    try:
        assert offline_log.entries(con) == []
    finally:
        con.close()
    server = sync.open_any(team, read_only=True)
    try:
        assert server.zones[new_zone].name == "new (offline)"
        assert (server.zones[CORRIDOR].name, server.zones[CLAIM].name) == ("Corridor (offline)", "Claim (offline)")
    finally:
        close_project(server)


def test_two_windows_of_one_analyst_see_each_other_s_edits(team):
    first, second = sync.open_any(team, analyst="alice"), sync.open_any(team, analyst="alice")
    try:
        CommandStack(first).push(rename_zone(first, CORRIDOR, "Corridor (first window)"))
        got = second.storage.pending_remote()
        assert [(c.id, c.after.name) for c in got] == [(CORRIDOR, "Corridor (first window)")]
        assert first.storage.pending_remote() == ()  # its own edit does not come back
    finally:
        close_project(first)
        close_project(second)
