"""A team project holds what a project file holds: create, open, compare every table; QGIS can
open its layers (PostGIS geometry in EPSG:4326 with a spatial index); URLs; verbatim text."""
from __future__ import annotations

import select
from datetime import date

import psycopg
import pytest
from shapely.geometry import box

from desktop.model import CommandStack, Project, add_assessment, create_zone
from desktop.model.edits import rename_zone
from desktop.model.entities import Quote, Source
from desktop.model.record_commands import put_record
from desktop.storage.project.projectfile import close_project, open_project
from desktop.storage.team import (TeamError, create_team_project, drop_team_project, is_team_url,
                                  list_team_projects, open_team_project, parse_team_url)

from support.builders import populate
from team.helpers import assert_same_rows


def test_sample_round_trips_through_a_team_project(team_url, sample_copy):
    src = open_project(sample_copy, read_only=True)
    try:
        create_team_project(team_url, src, analyst="alice")
        team = open_team_project(team_url)
        try:
            assert_same_rows(src, team)
            assert len(team.versions) > 10 and len(team.evidence) > 10  # the sample is not empty
            assert not team.read_only and team.writer == team.storage.write
            assert team.storage.author_of("zones", next(iter(team.zones)))[0] == "alice"
            authors = team.storage.authors("versions")
            assert set(authors) == set(team.versions) and {by for by, _at in authors.values()} == {"alice"}
        finally:
            team.storage.close()
    finally:
        close_project(src)


def test_every_field_round_trips(team_url):
    p = Project()
    populate(p)
    create_team_project(team_url, p)
    team = open_team_project(team_url)
    try:
        assert_same_rows(p, team)
        assert team.attachments["a1"].data == b"\x89PNG\x00\x01"
        # The stored areas are trusted on open: no shape is measured again.
        v = next(iter(team.versions.values()))
        assert team.cached_area_km2(v) == pytest.approx(p.version_area_km2(p.versions[v.id]))
    finally:
        team.storage.close()


def test_every_kind_of_edit_is_written_through_the_store(team_url):
    create_team_project(team_url, Project())  # the default legend and settings only
    team = open_team_project(team_url, analyst="writer")
    try:
        populate(team)  # every table, every field, through TeamStore.write
    finally:
        team.storage.close()
    again = open_team_project(team_url, read_only=True)
    try:
        assert_same_rows(team, again)
        assert again.info.title == "Pokrovsk — test ✓" and len(again.observations) == 2
        assert again.storage.author_of("attachments", "a1")[0] == "writer"
    finally:
        again.storage.close()


def test_layers_are_postgis_tables_qgis_opens(pg, team_url):
    p = Project()
    populate(p)
    create_team_project(team_url, p)
    schema = parse_team_url(team_url).project
    with pg.connect("frontline_tests") as con:
        cols = dict(con.execute("SELECT f_table_name, srid FROM geometry_columns WHERE f_table_schema = %s",
                                (schema,)).fetchall())
        types = dict(con.execute("SELECT f_table_name, type FROM geometry_columns WHERE f_table_schema = %s",
                                 (schema,)).fetchall())
        gist = {r[0] for r in con.execute(
            "SELECT t.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
            "JOIN pg_class t ON t.oid = x.indrelid JOIN pg_am a ON a.oid = i.relam "
            "JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = %s AND a.amname = 'gist'",
            (schema,)).fetchall()}
        bad = con.execute(f'SELECT count(*) FROM "{schema}".zone_versions WHERE NOT ST_IsValid(geom)').fetchone()[0]
    assert cols == {"zone_versions": 4326, "observations": 4326}
    assert types["zone_versions"] == "MULTIPOLYGON"
    assert gist == {"zone_versions", "observations"}
    assert bad == 0


def test_sql_and_html_text_is_stored_verbatim(team_url):
    nasty = "'); DROP TABLE zones; --"
    html = "<b>x</b> & <script>alert(1)</script> \"quoted\" \\ backslash"
    p = Project()
    st = CommandStack(p)
    cmd, aid = add_assessment(p, html)
    st.push(cmd)
    cmd, zid = create_zone(p, name=nasty, assessment_id=aid, geometry=box(37, 48, 37.1, 48.1),
                           status="ru_control", as_of=date(2025, 1, 6), notes=html)
    st.push(cmd)
    create_team_project(team_url, p)
    team = open_team_project(team_url)
    try:
        tst = CommandStack(team)
        tst.push(put_record(team, "sources", Source("s1", nasty, html), "s"))
        tst.push(put_record(team, "quotes", Quote("q1", "s1", nasty + "\n" + html, speaker=html), "q"))
        tst.push(rename_zone(team, zid, html + nasty))
    finally:
        team.storage.close()
    again = open_team_project(team_url, read_only=True)
    try:
        assert again.assessments[aid].name == html
        assert again.zones[zid].name == html + nasty
        assert again.versions[next(iter(again.version_ids_of(zid)))].notes == html
        assert again.sources["s1"].outlet == nasty and again.sources["s1"].title == html
        assert again.quotes["q1"].text == nasty + "\n" + html and again.quotes["q1"].speaker == html
    finally:
        again.storage.close()


def test_projects_are_listed_refused_twice_and_dropped(pg, team_url):
    p = Project()
    create_team_project(team_url, p)
    name = parse_team_url(team_url).project
    assert name in list_team_projects(team_url)
    with pytest.raises(TeamError, match="already exists"):
        create_team_project(team_url, p)
    drop_team_project(team_url)
    assert name not in list_team_projects(team_url)
    with pytest.raises(TeamError, match="no Frontline project") as e:
        open_team_project(team_url)
    assert "\n" not in str(e.value)


def test_urls():
    assert is_team_url("postgresql://h/db") and is_team_url("postgres://h/db")
    assert not is_team_url("/tmp/x.gpkg") and not is_team_url("sample.gpkg")
    u = parse_team_url("postgresql://ann:s3cret@db.example:5433/front?sslmode=require&project=Pokrovsk")
    assert u.project == "pokrovsk"
    assert "project" not in u.conninfo and "s3cret" in u.conninfo and "sslmode=require" in u.conninfo
    assert "s3cret" not in u.display and "ann@db.example:5433" in u.display
    local = parse_team_url("postgresql:///front?host=/tmp/sock&port=5432")
    assert local.project == "frontline"
    assert psycopg.conninfo.conninfo_to_dict(local.conninfo)["host"] == "/tmp/sock"
    spaced = parse_team_url("postgresql:///front?options=-c%20statement_timeout%3D5000&project=p")
    assert psycopg.conninfo.conninfo_to_dict(spaced.conninfo)["options"] == "-c statement_timeout=5000"
    for bad in ("x;drop", "1abc", "pg_catalog", "public", "a" * 64, ""):
        with pytest.raises(TeamError):
            parse_team_url(f"postgresql:///front?project={bad}")


def test_an_absent_server_is_one_line(tmp_path):
    with pytest.raises(TeamError, match="cannot reach the team server") as e:
        open_team_project(f"postgresql:///nodb?host={tmp_path}&port=1&project=x")
    assert "\n" not in str(e.value)


def test_the_longest_project_name_is_edited_and_followed(pg, pg_db):
    """A 63-character name (the longest PostgreSQL allows): its channel name was 73 characters,
    which pg_notify refuses, so every edit failed."""
    url = pg.url("frontline_tests", project="p" * 63)
    p = Project()
    CommandStack(p).push(add_assessment(p, "ours")[0])
    create_team_project(url, p)
    a, b = open_team_project(url, analyst="alice"), open_team_project(url, analyst="bob")
    try:
        cmd, aid = add_assessment(a, "theirs")
        CommandStack(a).push(cmd)
        select.select([b.storage.notify_fileno()], [], [], 5.0)  # woken by the NOTIFY
        assert [c.id for c in b.storage.pending_remote()] == [aid]
    finally:
        a.storage.close()
        b.storage.close()
        drop_team_project(url)
