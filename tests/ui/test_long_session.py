"""A long session stays as fast as its first minute (issue 17, item 6), counted in work, not time.

Random edits go through the real window on a copy of the bundled sample, as the session
benchmark (tests/benchmarks/bench_session.py) pushes them. After each one the area chart must
have moved only the versions the edit touched (never swept the whole project again) and still
show exactly what a computation from scratch shows; the history dock must touch only the rows
the stack changed; and an undo limit must bound the stack without losing any edit.
"""
from __future__ import annotations

import shutil
from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import Point

from desktop.model.changes import Change, ChangeSet
from desktop.model.commands import Command, CommandStack
from desktop.model.edits import create_zone, edit_zone, rename_zone, set_version_fields
from desktop.model.entities import Assessment
from desktop.model.project import Project
from desktop.model.timeline import area_table
from desktop.storage.project.projectfile import open_project
from desktop.ui.app import SAMPLE
from desktop.ui.timeline.area_series import AreaTable

from tests.benchmarks.bench_session import session_edits

EDITS = 200


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    if not SAMPLE.exists():
        pytest.skip("the bundled sample is not built (resources/samples)")
    from desktop.ui.window.main_window import MainWindow
    path = tmp_path / "session.gpkg"
    shutil.copyfile(SAMPLE, path)  # never the bundled file itself: opening upgrades it
    w = MainWindow(open_project(path), path, restore_layout=False)
    w.keep_saved_layout()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def _close(a: dict, b: dict) -> None:
    assert set(a) == set(b)
    for k in a:
        np.testing.assert_allclose(a[k], b[k], rtol=1e-9, atol=1e-6)


def test_each_edit_of_a_long_session_moves_only_what_it_touched(window, qapp):
    chart = window.timeline.chart
    chart.refresh_if_stale()
    table = chart.area
    assert table is not None
    rebuilds = table.rebuilds
    swept: list[tuple[int, int]] = []  # (versions the edit changed, versions the chart looked at)

    def after(n: int, kind: str) -> None:
        cmd = window.stack.commands()[-1]
        changed = {c.id for c in cmd.changes if c.table == "versions"}
        zones = {c.id for c in cmd.changes if c.table == "zones"}
        if chart._pending or chart._shown[2] != chart._generation:
            chart.refresh_if_stale()  # the timer had not fired yet: take the edit in now
        if changed or zones:
            swept.append((len(changed | {v for z in zones for v in window.project.version_ids_of(z)}), table.swept))

    for _ in session_edits(window, qapp, EDITS, seed=3, each=after):
        pass
    p = window.project
    assert chart.area is table and table.rebuilds == rebuilds  # never computed again from scratch
    assert len(p.versions) > 100 and swept
    assert all(looked <= touched for touched, looked in swept), swept
    # ...and the figures are still those of a computation from scratch over every version.
    _close(chart.table, {k: v for k, v in area_table(p, chart.dates).items() if np.any(v)})
    # The curves show them: only the changed series were handed new figures, none was missed.
    _close(chart.series_km2(), chart.table)


def test_the_history_dock_keeps_its_rows_and_follows_an_undo_limit(window, qapp):
    window.stack.set_limit(40)
    dock = window.history_dock
    list(session_edits(window, qapp, 60, seed=5))
    stack = window.stack
    assert stack.index == 40 and stack.forgotten == 20
    assert dock.list.count() == 41
    assert [dock.list.item(i).text() for i in range(1, 41)] == stack.labels()
    assert "20 earlier steps" in dock.list.item(0).text()
    # Rows already shown are kept as they were (the oldest leaves from the top), not rebuilt.
    kept = [dock.list.item(i) for i in range(1, 41)]
    list(session_edits(window, qapp, 1, seed=6))
    assert all(dock.list.item(i) is kept[i] for i in range(1, 40))
    assert stack.forgotten == 21 and dock.list.item(40).text() == stack.labels()[-1]


def _project_with_zone() -> tuple[Project, str, str]:
    p = Project()
    a = Assessment("a1", "Ours")
    p.apply(ChangeSet([Change("assessments", "a1", None, a)]))
    cmd, zid = create_zone(p, name="Z", assessment_id="a1", geometry=Point(37.1, 48.2).buffer(0.01),
                           status="ru_control", as_of=date(2025, 1, 1))
    p.apply(cmd.changes)
    return p, "a1", zid


@settings(deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["create", "reshape", "status", "notes", "rename", "undo"]),
                          st.integers(0, 60), st.sampled_from(["ru_control", "contested", "ru_claim"])),
                max_size=25))
def test_area_table_updated_edit_by_edit_equals_the_table_from_scratch(steps):
    """Any mix of edits and undos (overlapping tiers included): the table kept up to date equals
    `timeline.area_table` of the project as it ends."""
    p, aid, zid = _project_with_zone()
    dates = [date(2025, 1, 1) + timedelta(weeks=i) for i in range(10)]
    table = AreaTable(p, dates)
    stack = CommandStack(p)
    stack.listeners.append(lambda s: None)
    p.listeners.append(table.update)
    for n, (kind, day, status) in enumerate(steps):
        as_of = date(2025, 1, 1) + timedelta(days=day)
        zones = [z for z in p.zones if p.version_at(z, as_of) is not None]
        try:
            if kind == "undo":
                stack.undo()
                continue
            if kind == "create" or not zones:
                cmd, _ = create_zone(p, name=f"N{n}", assessment_id=aid, status=status, as_of=as_of,
                                     geometry=Point(37.1 + 0.005 * (n % 7), 48.2).buffer(0.008))
            elif kind == "reshape":
                z = zones[n % len(zones)]
                cmd = edit_zone(p, z, as_of, geometry=p.version_at(z, as_of).geometry.buffer(0.001))
            elif kind == "status":
                cmd = edit_zone(p, zones[n % len(zones)], as_of, status=status)
            elif kind == "notes":
                cmd = set_version_fields(p, p.version_at(zones[0], as_of).id, notes=f"n{n}")
            else:
                cmd = rename_zone(p, zones[0], f"R{n}")
        except Exception as e:  # an edit the model refuses (e.g. nothing left to clip) is no edit
            if type(e).__name__ != "EditError":
                raise
            continue
        stack.push(cmd)
    _close(table.rows(), {k: v for k, v in area_table(p, dates).items() if np.any(v)})


def test_an_undo_limit_forgets_the_oldest_steps_and_loses_no_edit():
    p, aid, _ = _project_with_zone()
    stack = CommandStack(p, limit=3)
    for n in range(5):
        cmd, _ = create_zone(p, name=f"N{n}", assessment_id=aid, status="ru_claim", as_of=date(2025, 2, 1),
                             geometry=Point(37.0 + 0.05 * n, 48.5).buffer(0.01))
        stack.push(cmd)
    assert stack.index == 3 and stack.forgotten == 2 and len(p.zones) == 6
    assert not stack.is_clean()
    while stack.undo():
        pass
    assert len(p.zones) == 3  # the two oldest steps stay done: only undoing them is no longer offered
    stack.set_limit(1)
    assert stack.index == 0 and stack.can_redo()
    stack.redo()
    stack.push(Command("x", create_zone(p, name="M", assessment_id=aid, status="ru_claim", as_of=date(2025, 2, 1),
                                        geometry=Point(38.0, 48.5).buffer(0.01))[0].changes))
    assert stack.index == 1 and stack.forgotten == 3


def test_the_undo_history_length_is_a_setting_in_the_edit_menu(window, qapp, monkeypatch):
    from desktop.model.commands import DEFAULT_UNDO_LIMIT
    from desktop.ui.dialogs import file_menu
    from desktop.ui.window import settings
    assert window.stack.limit == DEFAULT_UNDO_LIMIT  # generous by default
    assert window.undo_limit_action in window.menus["edit"].actions()
    monkeypatch.setattr("PySide6.QtWidgets.QInputDialog.getInt", lambda *a, **k: (25, True))
    window.undo_limit_action.trigger()
    assert window.stack.limit == 25 and settings.undo_limit() == 25
    assert "25" in window.status.currentMessage()
    list(session_edits(window, qapp, 30, seed=8))
    assert window.stack.index == 25 and window.stack.forgotten == 5
    window.set_project(window.project, window.path)  # a project opened later keeps the setting
    assert window.stack.limit == 25
    assert file_menu.ask_undo_limit(window, 3) == settings.MIN_UNDO_LIMIT  # clamped


def test_a_changes_tab_behind_another_waits_until_it_is_shown(window, qapp, monkeypatch):
    from desktop.model import timeline as tl
    panel = window.changes  # made, then its dock closed (or its tab put behind another)
    window.changes_dock.hide()
    qapp.processEvents()
    assert not panel.isVisible()
    calls = []
    original = type(panel).refresh
    monkeypatch.setattr(type(panel), "refresh", lambda self: (calls.append(1), original(self))[1])
    edits = list(session_edits(window, qapp, 20, seed=9))
    assert edits and calls == []  # twenty edits, no sweep of a table nobody sees
    window.changes_dock.show()
    qapp.processEvents()
    assert panel.isVisible() and calls == [1]
    assert panel.rows == tl.changes_in_step(window.project, window.cursor.date, window.cursor.step)
    # Behind another tab (Qt calls it visible, with nothing on screen) it waits too, and
    # catches up when its tab comes to the front.
    window.tabifyDockWidget(window.changes_dock, window.evidence_dock)
    window.evidence_dock.raise_()
    qapp.processEvents()
    assert panel.isVisible() and panel.visibleRegion().isEmpty()
    list(session_edits(window, qapp, 10, seed=10))
    assert calls == [1]
    window.changes_dock.raise_()
    qapp.processEvents()
    assert calls == [1, 1]
    assert panel.rows == tl.changes_in_step(window.project, window.cursor.date, window.cursor.step)


@settings(deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["create", "end", "status", "undo"]), st.integers(0, 90)), max_size=25))
def test_the_strip_marks_kept_edit_by_edit_equal_the_project_change_dates(steps):
    from desktop.model.edits import end_zone
    from desktop.ui.timeline.change_dates import ChangeDates
    p, aid, _ = _project_with_zone()
    marks = ChangeDates(p)
    stack = CommandStack(p)
    for n, (kind, day) in enumerate(steps):
        as_of = date(2025, 1, 1) + timedelta(days=day)
        zones = sorted(z for z in p.zones if p.version_at(z, as_of) is not None)
        try:
            if kind == "undo":
                stack.undo()
                continue
            if kind == "create" or not zones:
                cmd, _ = create_zone(p, name=f"N{n}", assessment_id=aid, status="ru_claim", as_of=as_of,
                                     geometry=Point(37.3 + 0.03 * n, 48.2).buffer(0.01))
            elif kind == "end":
                cmd = end_zone(p, zones[n % len(zones)], as_of + timedelta(days=1))
            else:
                cmd = edit_zone(p, zones[n % len(zones)], as_of, status="contested")
        except Exception as e:
            if type(e).__name__ != "EditError":
                raise
            continue
        stack.push(cmd)
        assert marks.dates() == p.change_dates()
    assert marks.dates() == p.change_dates()


def test_the_sources_table_moves_only_the_rows_an_edit_touched(window, qapp):
    from desktop.model.evidence_queries import quote_counts
    window.sources_dock.show()
    window.sources_dock.raise_()
    qapp.processEvents()
    panel = window.sources
    model = panel.model
    resets = model.resets
    list(session_edits(window, qapp, 120, seed=11))
    while window.stack.can_undo() and window.stack.index > 100:  # removals come back out
        window.undo()
    qapp.processEvents()
    p = window.project
    assert model.resets == resets  # never rebuilt whole
    assert [s.id for s in model._rows] == [s.id for s in sorted(p.sources.values(), key=lambda s: (s.outlet.lower(), s.id))]
    assert all(model.source_at(i) is p.sources[s.id] for i, s in enumerate(model._rows))
    assert model._counts == quote_counts(p)
    # A renamed outlet moves its row to where it now sorts; the selection stays on it.
    from desktop.model.evidence_commands import edit_source
    last = model.source_at(len(model._rows) - 1).id
    panel.select_source(last)
    assert window.push(edit_source(p, last, outlet="  aaa first"))
    assert model.source_at(0).id == last and panel.current_source_id() == last
    assert model.resets == resets
    # The evidence panel's quote picker, moved quote by quote too, lists them all newest first.
    from desktop.model.evidence_queries import quote_date
    picker = window.evidence.quote_picker
    want = sorted(p.quotes.values(), key=lambda q: (quote_date(p, q) or date.min, q.id), reverse=True)
    assert [picker.itemData(i) for i in range(picker.count())] == [q.id for q in want]
