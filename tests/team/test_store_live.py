"""Two sessions on one team project: edits travel within a second (LISTEN/NOTIFY), edits built
on the same state never overwrite each other (one goes in, the other is refused naming whose
edit it met, nothing of it written), and the partition of assessed zones holds."""
from __future__ import annotations

import select
import threading
import time
from datetime import date

import pytest
from shapely.geometry import box

from desktop.model import CommandStack, Project, add_assessment, create_zone, edit_zone
from desktop.model.edits import rename_zone
from desktop.storage.team import ConflictError, create_team_project, open_team_project

from team.helpers import assert_same_rows, assessed_overlaps

D0, D1 = date(2025, 1, 6), date(2025, 2, 3)


def _base(url: str) -> tuple[str, str, str]:
    p = Project()
    st = CommandStack(p)
    cmd, aid = add_assessment(p, "ours")
    st.push(cmd)
    cmd, z1 = create_zone(p, name="west", assessment_id=aid, geometry=box(37.0, 48.0, 37.1, 48.1),
                          status="ru_control", as_of=D0)
    st.push(cmd)
    cmd, z2 = create_zone(p, name="east", assessment_id=aid, geometry=box(37.1, 48.0, 37.2, 48.1),
                          status="ru_control", as_of=D0)
    st.push(cmd)
    create_team_project(url, p, analyst="setup")
    return aid, z1, z2


@pytest.fixture
def pair(team_url):
    ids = _base(team_url)
    a = open_team_project(team_url, analyst="alice")
    b = open_team_project(team_url, analyst="bob")
    yield a, b, ids
    a.storage.close()
    b.storage.close()


def _wait_remote(project, timeout: float = 1.0):
    """What reaches `project` within `timeout` s: woken by NOTIFY on its socket, as the window's
    socket notifier is."""
    deadline = time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return project.storage.pending_remote()
        select.select([project.storage.notify_fileno()], [], [], left)
        got = project.storage.pending_remote()
        if got:
            return got


def test_an_edit_reaches_the_other_session_within_a_second(pair):
    a, b, (_aid, z1, z2) = pair
    before_b = {t: dict(b.table(t)) for t in ("zones", "versions")}
    # West grows east as of D1: East is clipped over [D1, ...) (the partition rule).
    cmd = edit_zone(a, z1, D1, geometry=box(37.0, 48.0, 37.15, 48.1))
    CommandStack(a).push(cmd)
    t0 = time.monotonic()
    got = _wait_remote(b)
    assert time.monotonic() - t0 < 1.0 and got
    for c in got:  # `before` is what B had, `after` what A wrote
        assert c.before == before_b.get(c.table, {}).get(c.id, b.table(c.table).get(c.id))
    assert [by for by, _at, _id in b.storage.last_remote] == ["alice"]
    b.load_changes(got)
    assert_same_rows(a, b)
    assert assessed_overlaps(b) == []
    assert b.version_at(z2, D1).geometry.bounds[0] == pytest.approx(37.15)
    assert b.storage.pending_remote() == ()  # nothing twice
    assert a.storage.pending_remote() == ()  # its own edit does not come back


def test_two_edits_of_one_zone_at_once_one_goes_in_one_is_refused(pair, team_url):
    a, b, (_aid, z1, _z2) = pair
    cmds = {"alice": (a, edit_zone(a, z1, D1, geometry=box(37.0, 48.0, 37.15, 48.1))),
            "bob": (b, edit_zone(b, z1, D1, geometry=box(37.0, 48.0, 37.18, 48.1), notes="bob's"))}
    snap = {"alice": a.snapshot(), "bob": b.snapshot()}
    gate = threading.Barrier(2)
    outcome: dict[str, object] = {}

    def push(name: str) -> None:
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
        t.join(timeout=20)
    assert sorted(map(str, outcome.values())).count("ok") == 1, outcome
    winner = next(n for n, o in outcome.items() if o == "ok")
    loser = next(n for n in outcome if n != winner)
    err = outcome[loser]
    assert isinstance(err, ConflictError) and winner in str(err) and "\n" not in str(err)
    assert err.conflicts and all(c.by == winner for c in err.conflicts)
    assert cmds[loser][0].snapshot() == snap[loser]  # the refused edit changed nothing in memory
    fresh = open_team_project(team_url, read_only=True)
    try:
        assert_same_rows(cmds[winner][0], fresh)  # and nothing on the server
        assert assessed_overlaps(fresh) == []
        # The loser catches up and the two views agree again.
        loser_project = cmds[loser][0]
        loser_project.load_changes(loser_project.storage.pending_remote())
        assert_same_rows(loser_project, fresh)
    finally:
        fresh.storage.close()


def test_undo_over_someone_elses_edit_is_refused_naming_them(pair):
    a, b, (_aid, z1, _z2) = pair
    sa = CommandStack(a)
    sa.push(rename_zone(a, z1, "west (alice)"))
    b.load_changes(_wait_remote(b))
    CommandStack(b).push(rename_zone(b, z1, "west (bob)"))
    with pytest.raises(ConflictError, match="bob") as e:
        sa.undo()
    assert e.value.conflicts[0].theirs.name == "west (bob)"
    assert b.storage.author_of("zones", z1)[0] == "bob"


def test_the_same_new_row_added_by_two_at_once_is_a_conflict(pair):
    """Ids of new rows are random, but legend keys are the analysts' own: two adding one key at
    the same moment both see none; the second is refused naming the first."""
    from desktop.model.legend import Status
    from desktop.model.record_commands import set_legend_entry
    a, b, _ids = pair
    cmds = {"alice": (a, set_legend_entry(a, Status("shelled", "Shelled (alice)", "annotation", "#ff0000"))),
            "bob": (b, set_legend_entry(b, Status("shelled", "Shelled (bob)", "annotation", "#00ff00")))}
    gate = threading.Barrier(2)
    outcome: dict[str, object] = {}

    def push(name: str) -> None:
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
        t.join(timeout=20)
    assert list(outcome.values()).count("ok") == 1, outcome
    winner = next(n for n, o in outcome.items() if o == "ok")
    err = next(o for o in outcome.values() if o != "ok")
    assert err.conflicts[0].by == winner and err.conflicts[0].mine_before is None
