"""Offline and back against the real server: pull a copy, edit it offline while someone edits
online, push; the report names exactly the conflicts, the rest is merged; conflicted edits stay
in the copy until reapplied on top or dropped."""
from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from desktop.model import CommandStack
from desktop.model.edits import rename_zone, set_version_fields
from desktop.storage.project.projectfile import close_project, open_project
from desktop.storage.team import offline_log, sync

CORRIDOR, CLAIM, SOUTH = "zone-corridor", "zone-claim-ru", "zone-pokrovsk-south"


@pytest.fixture
def team(team_url, sample_copy):
    """A team project made from the sample with `frontline push FILE URL`'s function."""
    report = sync.push(sample_copy, team_url)
    assert report.created
    return team_url


def _log(path):
    con = sqlite3.connect(path)
    try:
        return offline_log.entries(con)
    finally:
        con.close()


def _online_edit(url, analyst, command_of):
    p = sync.open_any(url, analyst=analyst)
    try:
        CommandStack(p).push(command_of(p))
    finally:
        close_project(p)


def _offline_edits(copy):
    """Three offline edits: the corridor renamed, the claim renamed, a note on Pokrovsk south."""
    p = open_project(copy)
    st = CommandStack(p)
    st.push(rename_zone(p, CORRIDOR, "Corridor (offline)"))
    st.push(rename_zone(p, CLAIM, "Claim (offline)"))
    vid = p.version_at(SOUTH, date(2025, 11, 20)).id
    st.push(set_version_fields(p, vid, notes="checked offline <b>not bold</b>; DROP TABLE zones;"))
    close_project(p)
    return vid


def test_pull_remembers_its_origin_and_holds_every_row(team, tmp_path):
    copy = sync.pull(team, tmp_path / "copy.gpkg", analyst="alice")
    server = sync.open_any(team, read_only=True)
    p = open_project(copy)
    try:
        assert p.snapshot() == server.snapshot()
        origin = offline_log.origin_of(p.storage.con)
        assert origin.project == server.storage.schema and origin.position == str(server.storage.last_seen)
        assert "password" not in origin.url and origin.url == server.storage.display
    finally:
        close_project(p)
        close_project(server)


def test_push_names_exactly_the_conflicts_and_merges_the_rest(team, tmp_path):
    copy = sync.pull(team, tmp_path / "copy.gpkg", analyst="alice")
    vid = _offline_edits(copy)
    _online_edit(team, "bob", lambda p: rename_zone(p, CORRIDOR, "Corridor (bob)"))
    assert len(_log(copy)) == 3

    report = sync.push(copy, analyst="alice")

    assert report.applied == 2
    assert len(report.conflicts) == 1
    seq, lines = report.conflicts[0]
    assert len(lines) == 1 and lines[0].startswith("zones 'Corridor (bob)': changed by bob at ")
    assert "Claim" not in " ".join(report.lines())  # what went in is not reported as a conflict
    assert [e.seq for e in _log(copy)] == [seq]  # the conflicted one stays, the rest left the log
    server = sync.open_any(team, read_only=True)
    try:
        assert server.zones[CORRIDOR].name == "Corridor (bob)"  # theirs kept: never overwritten silently
        assert server.zones[CLAIM].name == "Claim (offline)"
        assert server.versions[vid].notes == "checked offline <b>not bold</b>; DROP TABLE zones;"
        assert server.storage.author_of("zones", CLAIM)[0] == "alice"
        assert server.storage.author_of("zones", CORRIDOR)[0] == "bob"
    finally:
        close_project(server)
    again = sync.push(copy, analyst="alice")  # nothing doubled: only the conflict is tried again
    assert again.applied == 0 and len(again.conflicts) == 1


def test_reapply_puts_the_conflicted_edit_on_top(team, tmp_path):
    copy = sync.pull(team, tmp_path / "copy.gpkg")
    _offline_edits(copy)
    _online_edit(team, "bob", lambda p: rename_zone(p, CORRIDOR, "Corridor (bob)"))
    report = sync.push(copy, analyst="alice", on_conflict="reapply")
    assert (report.applied, report.reapplied, report.conflicts) == (2, 1, [])
    assert _log(copy) == []
    server = sync.open_any(team, read_only=True)
    try:
        assert server.zones[CORRIDOR].name == "Corridor (offline)"
    finally:
        close_project(server)


def test_drop_conflicts_empties_the_log_and_keeps_theirs(team, tmp_path):
    copy = sync.pull(team, tmp_path / "copy.gpkg")
    _offline_edits(copy)
    _online_edit(team, "bob", lambda p: rename_zone(p, CORRIDOR, "Corridor (bob)"))
    report = sync.push(copy, on_conflict="drop")
    assert (report.applied, report.dropped) == (2, 1)
    assert _log(copy) == []
    server = sync.open_any(team, read_only=True)
    try:
        assert server.zones[CORRIDOR].name == "Corridor (bob)"
    finally:
        close_project(server)


def test_pushing_a_plain_file_without_a_url_says_how(sample_copy):
    from desktop.storage.errors import InputError
    with pytest.raises(InputError, match="not a copy pulled from a team project"):
        sync.push(sample_copy)


def test_a_read_only_role_pushes_nothing_and_keeps_the_log(team, pg, tmp_path):
    from urllib.parse import parse_qs, urlsplit

    from desktop.storage.errors import InputError
    from desktop.storage.team import grant_roles
    copy = sync.pull(team, tmp_path / "copy.gpkg")
    _offline_edits(copy)
    reader = pg.create_role("team_app_reader")
    grant_roles(team, readers=[reader])
    project = parse_qs(urlsplit(team).query)["project"][0]
    as_reader = pg.url("frontline_tests", project=project, user=reader)
    with pytest.raises(InputError, match="your database role may not edit this team project; nothing pushed"):
        sync.push(copy, as_reader)
    assert len(_log(copy)) == 3
