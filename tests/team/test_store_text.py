"""Any text an analyst types (SQL, HTML, quotes, emoji, right-to-left, control characters) is
stored and comes back verbatim, through the table and through the change log."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely.geometry import box

from desktop.model import CommandStack, Project, add_assessment, create_zone
from desktop.model.edits import rename_zone
from desktop.storage.team import TeamError, create_team_project, open_team_project, parse_team_url

# PostgreSQL's text holds any Unicode but NUL (tested on its own below); surrogates are not text.
TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=60)


@pytest.fixture
def two_sessions(team_url):
    p = Project()
    stack = CommandStack(p)
    cmd, aid = add_assessment(p, "ours")
    stack.push(cmd)
    cmd, zid = create_zone(p, name="west", assessment_id=aid, geometry=box(37, 48, 37.1, 48.1),
                           status="ru_control", as_of=date(2025, 1, 6))
    stack.push(cmd)
    create_team_project(team_url, p)
    a, b = open_team_project(team_url, analyst="alice"), open_team_project(team_url, analyst="bob")
    yield a, b, zid, parse_team_url(team_url).project
    a.storage.close()
    b.storage.close()


@pytest.mark.parametrize("name", ["'); DROP TABLE zones; --", "<b>x</b>", "Robert'); --\\", "$$; SELECT 1; $$"])
def test_hostile_names_verbatim(pg, two_sessions, name):
    _text_round_trip(pg, two_sessions, name)


# One pair of sessions for every example, on purpose: each example starts by catching B up.
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(name=TEXT)
def test_any_text_verbatim(pg, two_sessions, name):
    _text_round_trip(pg, two_sessions, name)


def _text_round_trip(pg, two_sessions, name):
    a, b, zid, schema = two_sessions
    b.load_changes(b.storage.pending_remote())
    if a.zones[zid].name == name:
        return
    CommandStack(a).push(rename_zone(a, zid, name))
    with pg.connect("frontline_tests") as con:
        stored = con.execute(f'SELECT name FROM "{schema}".zones WHERE id = %s', (zid,)).fetchone()[0]
    assert stored == name
    got = b.storage.pending_remote()
    assert [c.after.name for c in got] == [name]


def test_a_nul_character_is_refused_in_one_line(two_sessions):
    a, _b, zid, _schema = two_sessions
    with pytest.raises(TeamError) as e:
        CommandStack(a).push(rename_zone(a, zid, "a\x00b"))
    assert "\n" not in str(e.value)
    assert a.zones[zid].name == "west"
