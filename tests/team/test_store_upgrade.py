"""A team project made by an older Frontline (before a field or a table existed) still opens:
the owner's first open adds what this version has, with each field's default; a role that may
not add it reads the defaults, read-only, and is told why."""
from __future__ import annotations

import pytest

from desktop.model import CommandStack, Project
from desktop.model.edits import set_version_fields
from desktop.storage.team import TeamError, create_team_project, grant_roles, open_team_project, parse_team_url

from support.builders import populate
from team.helpers import assert_same_rows


def _older(pg, url: str) -> Project:
    """`url`'s project as an older version would have made it: without versions' `notes` and
    `approximate` columns and without the raster_layers table."""
    p = Project()
    populate(p)
    create_team_project(url, p)
    schema = parse_team_url(url).project
    with pg.connect("frontline_tests") as con:
        con.execute(f'ALTER TABLE "{schema}".zone_versions DROP COLUMN notes, DROP COLUMN approximate')
        con.execute(f'DROP TABLE "{schema}".raster_layers')
    return p


def test_a_reader_reads_the_defaults_read_only(pg, team_url):
    _older(pg, team_url)
    reader = pg.create_role("old_reader")
    grant_roles(team_url, readers=[reader])
    url = pg.url("frontline_tests", project=parse_team_url(team_url).project, user=reader)
    p = open_team_project(url)
    try:
        assert p.read_only
        assert all(v.notes == "" and v.approximate is False for v in p.versions.values())
        assert p.rasters == {}
    finally:
        p.storage.close()


def test_the_owner_upgrades_it_on_open_and_edits(pg, team_url):
    _older(pg, team_url)
    p = open_team_project(team_url)
    try:
        assert not p.read_only and p.open_warnings == []
        vid = next(iter(p.versions))
        CommandStack(p).push(set_version_fields(p, vid, notes="after the upgrade", approximate=True))
    finally:
        p.storage.close()
    again = open_team_project(team_url, read_only=True)
    try:
        assert_same_rows(p, again)
        assert again.versions[vid].notes == "after the upgrade" and again.versions[vid].approximate
    finally:
        again.storage.close()


def test_an_editor_who_may_not_add_columns_opens_read_only_and_is_told(pg, team_url):
    _older(pg, team_url)
    editor = pg.create_role("old_editor")
    grant_roles(team_url, editors=[editor])
    url = pg.url("frontline_tests", project=parse_team_url(team_url).project, user=editor)
    p = open_team_project(url)
    try:
        assert p.read_only and p.writer is None
        assert any("opened read-only" in w and "zone_versions (approximate, notes)" in w and "raster_layers" in w
                   for w in p.open_warnings), p.open_warnings
    finally:
        p.storage.close()


def test_a_project_of_a_newer_frontline_is_refused_in_one_line(pg, team_url):
    create_team_project(team_url, Project())
    schema = parse_team_url(team_url).project
    with pg.connect("frontline_tests") as con:
        con.execute(f"UPDATE \"{schema}\".frontline_meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(TeamError, match="newer Frontline") as e:
        open_team_project(team_url)
    assert "\n" not in str(e.value)


def test_roles_granted_before_the_owner_s_upgrade_keep_their_rights_on_what_it_adds(pg, team_url):
    _older(pg, team_url)
    reader, editor = pg.create_role("pre_upgrade_reader"), pg.create_role("pre_upgrade_editor")
    grant_roles(team_url, readers=[reader], editors=[editor])
    open_team_project(team_url).storage.close()  # the owner's open adds raster_layers
    schema = parse_team_url(team_url).project
    p = open_team_project(pg.url("frontline_tests", project=schema, user=reader))
    try:
        assert p.read_only and p.rasters == {}
    finally:
        p.storage.close()
    e = open_team_project(pg.url("frontline_tests", project=schema, user=editor), analyst="ed")
    try:
        assert not e.read_only, e.open_warnings
        vid = next(iter(e.versions))
        CommandStack(e).push(set_version_fields(e, vid, notes="by the editor"))
    finally:
        e.storage.close()
