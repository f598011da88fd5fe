"""Roles: the server's GRANTs decide. A reader opens read-only and the database itself refuses
its writes; an editor edits, attributed to its role. Role names are the caller's."""
from __future__ import annotations

from datetime import date

import psycopg
import pytest
from shapely.geometry import box

from desktop.model import CommandStack, Project, add_assessment, create_zone
from desktop.model.edits import rename_zone
from desktop.storage.team import TeamError, create_team_project, grant_roles, open_team_project, parse_team_url
from desktop.storage.team.admin import grant_roles as grant_roles_admin


def _project(url: str) -> str:
    p = Project()
    st = CommandStack(p)
    cmd, aid = add_assessment(p, "ours")
    st.push(cmd)
    cmd, zid = create_zone(p, name="west", assessment_id=aid, geometry=box(37.0, 48.0, 37.1, 48.1),
                           status="ru_control", as_of=date(2025, 1, 6))
    st.push(cmd)
    create_team_project(url, p)
    return zid


def _as(pg, url: str, role: str) -> str:
    return pg.url("frontline_tests", project=parse_team_url(url).project, user=role)


def test_reader_is_read_only_and_refused_by_the_database(pg, team_url):
    assert grant_roles is grant_roles_admin
    zid = _project(team_url)
    reader, editor = pg.create_role("desk_reader"), pg.create_role("desk_editor")
    grant_roles(team_url, readers=[reader], editors=[editor])

    ro = open_team_project(_as(pg, team_url, reader))
    try:
        assert ro.read_only and ro.writer is None and ro.storage.read_only
        assert ro.zones[zid].name == "west"
        # Past the client's check, the server refuses: one line saying so, nothing written.
        ro.storage.read_only = False
        with pytest.raises(TeamError, match="refused") as e:
            ro.storage.write(rename_zone(ro, zid, "mine now").changes)
        assert "\n" not in str(e.value) and "permission denied" in str(e.value)
    finally:
        ro.storage.close()
    with psycopg.connect(parse_team_url(_as(pg, team_url, reader)).conninfo) as con:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            con.execute(f'UPDATE "{parse_team_url(team_url).project}".zones SET name = %s', ("x",))

    ed = open_team_project(_as(pg, team_url, editor))
    try:
        assert not ed.read_only and ed.storage.analyst == editor
        CommandStack(ed).push(rename_zone(ed, zid, "renamed by the editor"))
        assert ed.storage.author_of("zones", zid)[0] == editor
    finally:
        ed.storage.close()
    again = open_team_project(team_url, read_only=True)
    try:
        assert again.zones[zid].name == "renamed by the editor"
    finally:
        again.storage.close()


def test_a_role_without_grants_is_told_in_one_line(pg, team_url):
    _project(team_url)
    stranger = pg.create_role("desk_stranger")
    with pytest.raises(TeamError) as e:
        open_team_project(_as(pg, team_url, stranger))
    assert "\n" not in str(e.value) and "permission denied" in str(e.value)


def test_the_analyst_name_from_settings_is_recorded(pg, team_url):
    zid = _project(team_url)
    editor = pg.create_role("desk_editor2")
    grant_roles(team_url, editors=[editor])
    p = open_team_project(_as(pg, team_url, editor), analyst="Olena K.")
    try:
        CommandStack(p).push(rename_zone(p, zid, "x"))
        who, when = p.storage.author_of("zones", zid)
        assert who == "Olena K." and when.tzinfo is not None
    finally:
        p.storage.close()
