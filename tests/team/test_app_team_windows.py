"""Two windows on one team project (two analysts, one process): A's edit shows in B within a
second without touching B's undo stack, selection or cursor; both edit one zone at once: one
goes in, the other sees whose edit it collided with and drops theirs or reapplies it on top;
an undo that would overwrite someone's later edit is refused with the reason."""
from __future__ import annotations

from datetime import date

import pytest

from desktop.model.edits import edit_zone, rename_zone, set_version_fields
from desktop.storage.project.projectfile import close_project
from desktop.storage.team import sync
from desktop.ui.dialogs import team_conflict
from desktop.ui.window.main_window import MainWindow

NORTH, CORRIDOR = "zone-pokrovsk-north", "zone-corridor"
DAY = date(2025, 11, 24)


@pytest.fixture
def team(team_url, sample_copy):
    assert sync.push(sample_copy, team_url).created
    return team_url


def _window(qtbot, url: str, analyst: str) -> MainWindow:
    w = MainWindow(sync.open_any(url, analyst=analyst), url, at=DAY, restore_layout=False)
    qtbot.addWidget(w)
    w.resize(1000, 700)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture
def windows(qtbot, team):
    a, b = _window(qtbot, team, "alice"), _window(qtbot, team, "bob")
    yield a, b
    for w in (a, b):
        w.close()  # stops following and closes the connections


def _server(url):
    p = sync.open_any(url, read_only=True)
    try:
        return p.snapshot()
    finally:
        close_project(p)


def _assessed_never_overlap(snapshot):
    """The partition holds at every date (the sample's own criterion: the assessed zones' areas
    add up to their union's), and no zone has two versions at once."""
    from shapely import union_all
    from desktop.model.changes import Change
    from desktop.model.geodesy import area_km2
    from desktop.model.project import Project
    p = Project(legend={})
    p.load_changes(Change(t, i, None, r) for t, rows in snapshot.items() for i, r in rows.items())
    for d in p.change_dates():
        for aid in p.assessments:
            shapes = [v.geometry for v in p.state_at(d, aid) if p.tier_of(v.status) == "assessed"]
            if shapes:
                assert sum(area_km2(g) for g in shapes) == pytest.approx(area_km2(union_all(shapes)),
                                                                         rel=1e-6, abs=1e-4), d
    zones = {}
    for v in p.versions.values():
        zones.setdefault(v.zone_id, []).append(v)
    for vs in zones.values():
        vs.sort(key=lambda v: v.valid_from)
        for x, y in zip(vs, vs[1:]):
            assert x.valid_to is not None and x.valid_to <= y.valid_from


def test_a_s_edit_shows_in_b_within_a_second_and_b_keeps_its_state(qtbot, windows):
    a, b = windows
    b.selection.set([NORTH])
    assert b.push(rename_zone(b.project, CORRIDOR, "Corridor (bob)"))  # B's own undo step
    b_stack = b.stack.commands()
    assert "Team project" in a.windowTitle() and "password" not in a.windowTitle()
    assert a.status.path.text().startswith("Team project: ") and "postgresql://" not in a.status.path.text()
    assert "postgresql://" in a.status.path.toolTip() and "password" not in a.status.path.toolTip()

    assert a.push(rename_zone(a.project, NORTH, "Northern Pokrovsk <b>(alice)</b>"))
    qtbot.waitUntil(lambda: b.project.zones[NORTH].name == "Northern Pokrovsk <b>(alice)</b>", timeout=1000)
    assert b.stack.commands() == b_stack  # not an undo step of B's
    assert list(b.selection) == [NORTH] and b.cursor.date == DAY
    remote = b.history_dock.remote
    assert remote is not None and remote.count() == 1
    assert remote.item(0).text() == "Changed Northern Pokrovsk <b>(alice)</b> — by alice"  # plain text, with its author
    qtbot.waitUntil(lambda: a.project.zones[CORRIDOR].name == "Corridor (bob)", timeout=1000)
    assert a.project.snapshot() == b.project.snapshot() == _server(a.project.storage.url)


def test_both_edit_one_version_at_once_then_drop_mine(qtbot, windows, monkeypatch):
    a, b = windows
    v = a.project.version_at(NORTH, DAY).id
    # Both build on the same state: A's edit goes in first, B's is refused as a conflict.
    mine = set_version_fields(b.project, v, notes="bob's note")
    assert a.push(set_version_fields(a.project, v, confidence="high"))
    shown = []

    def choose(dialog):
        shown.append(dialog.lines)
        return team_conflict.DROP
    monkeypatch.setattr(team_conflict.ConflictDialog, "exec", choose)
    assert not b.push(mine)
    assert len(shown) == 1 and len(shown[0]) == 1
    assert shown[0][0].startswith("versions 'Northern Pokrovsk from ") and "changed by alice at " in shown[0][0]
    assert b.stack.commands() == []  # nothing of B's went in, nothing to undo
    assert b.project.snapshot() == _server(b.project.storage.url)  # B shows the server's rows now
    assert b.project.versions[v].confidence == "high" and b.project.versions[v].notes != "bob's note"


def test_both_edit_one_version_at_once_then_reapply_on_top(qtbot, windows, monkeypatch):
    a, b = windows
    v = a.project.version_at(NORTH, DAY).id
    mine = set_version_fields(b.project, v, notes="bob's note")
    assert a.push(set_version_fields(a.project, v, confidence="high"))
    monkeypatch.setattr(team_conflict.ConflictDialog, "exec", lambda dialog: team_conflict.REAPPLY)
    assert b.push(mine), b.status.currentMessage()
    server = _server(b.project.storage.url)
    assert (server["versions"][v].confidence, server["versions"][v].notes) == ("high", "bob's note")
    assert b.project.snapshot() == server
    qtbot.waitUntil(lambda: a.project.versions[v].notes == "bob's note", timeout=1000)
    assert len(b.stack.commands()) == 1  # B's reapplied edit is B's to undo
    _assessed_never_overlap(server)


def test_a_reapply_that_would_break_the_zone_is_refused_with_the_reason(qtbot, windows, monkeypatch):
    a, b = windows
    from shapely.geometry import box
    day = date(2025, 11, 27)  # inside a version: each edit as of this day starts a new version
    w, s, e, n = a.project.version_at(NORTH, day).geometry.bounds
    mine = edit_zone(b.project, NORTH, day, geometry=box(w, s, (w + e) / 2, n))
    assert a.push(edit_zone(a.project, NORTH, day, geometry=box(w, s, e, (s + n) / 2)))
    after_a = _server(a.project.storage.url)
    monkeypatch.setattr(team_conflict.ConflictDialog, "exec", lambda dialog: team_conflict.REAPPLY)
    assert not b.push(mine)
    said = b.status.currentMessage()
    assert said.startswith("Not reapplied: ") and "zone 'Northern Pokrovsk' would have two versions on 2025-11-27" in said
    server = _server(b.project.storage.url)
    assert server == after_a  # nothing of B's written
    assert b.project.snapshot() == server and b.stack.commands() == []


def test_an_undo_over_someone_s_later_edit_is_refused_and_the_stack_stays(qtbot, windows):
    a, b = windows
    assert a.push(rename_zone(a.project, CORRIDOR, "Corridor (alice)"))
    qtbot.waitUntil(lambda: b.project.zones[CORRIDOR].name == "Corridor (alice)", timeout=1000)
    assert b.push(rename_zone(b.project, CORRIDOR, "Corridor (bob)"))
    qtbot.waitUntil(lambda: a.project.zones[CORRIDOR].name == "Corridor (bob)", timeout=1000)
    before = a.stack.commands()
    a.actions.undo.trigger()
    assert a.stack.commands() == before and not a.stack.can_redo()
    assert a.status.currentMessage().startswith("Undo refused: zones 'Corridor (bob)': changed by bob at ")
    a.history_dock.sigUndoTo.emit(0)  # undo back to the start from the History dock: refused, no hang
    assert a.stack.commands() == before
    assert _server(a.project.storage.url)["zones"][CORRIDOR].name == "Corridor (bob)"
    # B's own edit is B's to undo: it goes back to alice's name.
    b.actions.undo.trigger()
    assert _server(b.project.storage.url)["zones"][CORRIDOR].name == "Corridor (alice)"
