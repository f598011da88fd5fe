"""Two analysts drawing different zones over the same ground: neither touches the other's rows,
so the row check alone let both in and the server held two overlapping assessed zones. The
server-side check refuses the second, naming whose zone it met; edits elsewhere, rows this
session knows and old slivers are not its business."""
from __future__ import annotations

import threading
from datetime import date

import pytest
from shapely.geometry import box

from desktop.model import CommandStack, Project, add_assessment, create_zone
from desktop.model.changes import Change, ChangeSet
from desktop.model.edits import set_version_fields
from desktop.storage.project.projectfile import close_project, open_project
from desktop.storage.team import ConflictError, create_team_project, open_team_project, parse_team_url, sync

from team.helpers import assessed_overlaps

D0 = date(2025, 1, 6)


@pytest.fixture
def pair(team_url):
    p = Project()
    st = CommandStack(p)
    cmd, aid = add_assessment(p, "ours")
    st.push(cmd)
    st.push(create_zone(p, name="west", assessment_id=aid, geometry=box(37.0, 48.0, 37.1, 48.1),
                        status="ru_control", as_of=D0)[0])
    create_team_project(team_url, p, analyst="setup")
    a, b = open_team_project(team_url, analyst="alice"), open_team_project(team_url, analyst="bob")
    yield a, b, aid, team_url
    a.storage.close()
    b.storage.close()


def _draw(project, aid, name, geometry, status="ru_control"):
    return create_zone(project, name=name, assessment_id=aid, geometry=geometry, status=status, as_of=D0)[0]


def _server(url):
    p = open_team_project(url, read_only=True)
    try:
        return p.snapshot(), assessed_overlaps(p)
    finally:
        p.storage.close()


def test_a_zone_drawn_over_one_this_session_never_saw_is_refused(pair):
    a, b, aid, url = pair
    CommandStack(a).push(_draw(a, aid, "north (alice)", box(37.0, 48.1, 37.2, 48.2)))
    before = b.snapshot()
    with pytest.raises(ConflictError, match=r"overlap zone 'north \(alice\)', drawn there by alice") as e:
        CommandStack(b).push(_draw(b, aid, "north (bob)", box(37.1, 48.1, 37.3, 48.2)))
    assert "\n" not in str(e.value) and [c.by for c in e.value.conflicts] == ["alice"]
    assert b.snapshot() == before  # memory untouched
    snapshot, overlaps = _server(url)
    assert overlaps == [] and not any(z.name == "north (bob)" for z in snapshot["zones"].values())
    # Once B has A's zone, reapplying is refused by the partition rule, by name.
    b.load_changes(b.storage.pending_remote())
    cmd = _draw(b, aid, "north (bob)", box(37.1, 48.1, 37.3, 48.2))  # the model now clips it...
    CommandStack(b).push(cmd)  # ...so it goes in, without overlapping
    assert _server(url)[1] == []


def test_drawn_at_the_same_moment_one_goes_in(pair):
    a, b, aid, url = pair
    cmds = {"alice": (a, _draw(a, aid, "north (alice)", box(37.0, 48.1, 37.2, 48.2))),
            "bob": (b, _draw(b, aid, "north (bob)", box(37.1, 48.1, 37.3, 48.2)))}
    gate = threading.Barrier(2)
    outcome = {}

    def push(name):
        project, cmd = cmds[name]
        gate.wait()
        try:
            CommandStack(project).push(cmd)
            outcome[name] = "ok"
        except ConflictError as e:
            outcome[name] = e
    threads = [threading.Thread(target=push, args=(n,)) for n in cmds]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(map(str, outcome.values())).count("ok") == 1, outcome
    assert _server(url)[1] == []


def test_what_does_not_overlap_goes_in(pair):
    a, b, aid, url = pair
    CommandStack(a).push(_draw(a, aid, "north (alice)", box(37.0, 48.1, 37.2, 48.2)))
    CommandStack(b).push(_draw(b, aid, "far east (bob)", box(38.0, 48.1, 38.2, 48.2)))  # elsewhere
    CommandStack(b).push(_draw(b, aid, "claim (bob)", box(37.1, 48.1, 37.3, 48.2), status="ru_claim"))  # not assessed
    other = add_assessment(b, "theirs")
    CommandStack(b).push(other[0])
    CommandStack(b).push(_draw(b, other[1], "north (their view)", box(37.1, 48.1, 37.3, 48.2)))  # another assessment
    assert _server(url)[1] == []


def test_an_old_sliver_is_left_alone_when_its_zone_s_notes_change(team_url, pg):
    p = Project()
    st = CommandStack(p)
    cmd, aid = add_assessment(p, "ours")
    st.push(cmd)
    st.push(create_zone(p, name="west", assessment_id=aid, geometry=box(37.0, 48.0, 37.1, 48.1),
                        status="ru_control", as_of=D0)[0])
    st.push(create_zone(p, name="north", assessment_id=aid, geometry=box(37.0, 48.1, 37.1, 48.2),
                        status="ru_control", as_of=D0)[0])
    west = next(z for z in p.zones.values() if z.name == "west").id
    create_team_project(team_url, p, analyst="setup")
    schema = parse_team_url(team_url).project
    with pg.connect("frontline_tests") as con:  # an import's sliver: West reaches 11 m into North
        con.execute(f'UPDATE "{schema}".zone_versions SET geom = ST_Multi(ST_MakeEnvelope(37.0, 48.0, 37.1, '
                    f'48.1001, 4326)) WHERE zone_id = %s', (west,))
    b = open_team_project(team_url, analyst="bob")
    try:
        vid = b.version_at(west, D0).id
        CommandStack(b).push(set_version_fields(b, vid, notes="checked"))  # the sliver did not grow
        with pytest.raises(ConflictError, match="overlap zone 'north'"):  # but growing it is refused
            b.apply(ChangeSet([Change("versions", vid, b.versions[vid],
                                      b.versions[vid].with_(geometry=box(37.0, 48.0, 37.1, 48.15)))]))
    finally:
        b.storage.close()


def test_an_offline_zone_over_one_drawn_online_meanwhile_is_a_named_conflict(pair, tmp_path):
    a, b, aid, url = pair
    copy = sync.pull(url, tmp_path / "copy.gpkg", analyst="bob")
    p = open_project(copy)
    CommandStack(p).push(_draw(p, aid, "north (offline)", box(37.1, 48.1, 37.3, 48.2)))
    close_project(p)
    CommandStack(a).push(_draw(a, aid, "north (alice)", box(37.0, 48.1, 37.2, 48.2)))
    report = sync.push(copy, analyst="bob")
    assert report.applied == 0 and len(report.conflicts) == 1, report.lines()
    assert "north (alice)" in report.conflicts[0][1][0] and " by alice at " in report.conflicts[0][1][0]
    assert _server(url)[1] == []
    refused = sync.push(copy, analyst="bob", on_conflict="reapply")
    assert refused.refused and "would overlap zone 'north (alice)'" in refused.refused[0]
    assert _server(url)[1] == []
