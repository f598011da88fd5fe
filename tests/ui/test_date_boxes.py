"""Every date box of the app, typed into with keystrokes: the timeline bar and its range, the
inspector's valid from/to, an observation's date, a source's publication date, a quote's date,
the replay export's range and the sources filter. A whole date in another year (or in European
form) lands in the model exactly; an impossible one is refused with the reason, changing
nothing; "valid to" is typed from "still valid" and cleared back; calendars open on the cursor
date."""
from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from desktop.storage.project.projectfile import close_project, open_project
from desktop.ui.dialogs.media_export import ReplayExportDialog
from desktop.ui.evidence.quote_dialog import QuoteDialog
from desktop.ui.evidence.sources_dialog import SourceDialog
from desktop.ui.evidence.sources_dock import SourcesDock
from desktop.ui.window.main_window import MainWindow

from model.test_evidence_scenario import scenario
from .test_date_field import type_date
from .test_main_window import make_file

D = date
SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "pokrovsk_myrnohrad_2025.gpkg"
IMPOSSIBLE, WHY = "2025-02-30", "February 2025 has no day 30"


def _window(qtbot, path) -> MainWindow:
    w = MainWindow(open_project(path), path, restore_layout=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture
def win(qtbot, tmp_path):
    path, zid = make_file(tmp_path)
    w = _window(qtbot, path)
    w.zone_id = zid
    w.selection.set([zid])  # the inspector shows its fields
    yield w
    if w.project.storage is not None:
        close_project(w.project)


def test_timeline_date_box(qtbot, win):
    bar, cursor = win.timeline.bar, win.cursor
    assert cursor.date == D(2025, 12, 1)
    type_date(qtbot, bar.date_edit, "2024-10-07")
    assert cursor.date == D(2024, 10, 7)  # not 2025-10-07
    type_date(qtbot, bar.date_edit, "19.11.2025")
    assert cursor.date == D(2025, 11, 19) and bar.date_edit.text() == "2025-11-19"
    type_date(qtbot, bar.date_edit, IMPOSSIBLE)
    assert cursor.date == D(2025, 11, 19) and bar.date_edit.text() == IMPOSSIBLE
    assert WHY in win.status.currentMessage()


def test_timeline_range_boxes(qtbot, win):
    bar, cursor = win.timeline.bar, win.cursor
    bar.range_whole.setChecked(False)
    type_date(qtbot, bar.range_from, "2024-10-07")
    type_date(qtbot, bar.range_to, "01.12.2025")
    assert bar.apply_range() and cursor.range() == (D(2024, 10, 7), D(2025, 12, 1))
    bar.range_to.setFocus()
    bar.range_to.selectAll()
    qtbot.keyClicks(bar.range_to, IMPOSSIBLE)  # typed, not confirmed: Apply reads it, and refuses
    assert not bar.apply_range() and cursor.range() == (D(2024, 10, 7), D(2025, 12, 1))
    assert WHY in bar.range_to.error


def test_inspector_valid_from_and_to(qtbot, win):
    ins, p = win.inspector, win.project
    vid = p.version_at(win.zone_id, D(2025, 12, 1)).id
    type_date(qtbot, ins.valid_from, "2024-10-07")
    assert p.versions[vid].valid_from == D(2024, 10, 7)
    assert ins.valid_to.text() == "" and ins.valid_to.placeholderText() == "still valid"
    type_date(qtbot, ins.valid_to, "2026-01-15")  # typed while it shows "still valid"
    assert p.versions[vid].valid_to == D(2026, 1, 15)
    type_date(qtbot, ins.valid_to, "")  # cleared back
    assert p.versions[vid].valid_to is None and ins.valid_to.text() == ""
    type_date(qtbot, ins.valid_to, "15.01.2026")
    assert p.versions[vid].valid_to == D(2026, 1, 15)
    labels = win.stack.labels()
    type_date(qtbot, ins.valid_from, IMPOSSIBLE)
    assert p.versions[vid].valid_from == D(2024, 10, 7) and win.stack.labels() == labels
    assert WHY in ins.valid_from.error and WHY in win.status.currentMessage()
    close_project(p)  # written through: the file has the typed dates
    reopened = open_project(win.path)
    assert (reopened.versions[vid].valid_from, reopened.versions[vid].valid_to) == (D(2024, 10, 7), D(2026, 1, 15))
    close_project(reopened)


def test_calendars_open_on_the_cursor_date(qtbot, win):
    ins = win.inspector
    win.cursor.set_date(D(2025, 12, 10))
    ins.valid_to.open_calendar()  # empty ("still valid"): the cursor's month, not January 1900
    assert ins.valid_to.popup.shown_page() == (2025, 12)
    assert ins.valid_to.popup.calendar.selectedDate().toPython() == D(2025, 12, 10)
    ins.valid_to.popup.close()
    ins.valid_from.open_calendar()  # a field with a date opens on it
    assert ins.valid_from.popup.shown_page() == (2025, 12)
    assert ins.valid_from.popup.calendar.selectedDate().toPython() == D(2025, 12, 1)
    ins.valid_from.popup.close()
    dlg = SourceDialog(win.project, None, None, win)  # a new source's unknown date: the cursor's
    qtbot.addWidget(dlg)
    assert dlg.published.value() == D(2025, 12, 10)


def test_observation_date(qtbot, tmp_path):
    path = tmp_path / "sample.gpkg"
    shutil.copy(SAMPLE, path)
    w = _window(qtbot, path)
    obs = next(o for o in w.project.observations.values() if o.kind == "destroyed bridge")
    w.selection.set([obs.id])
    field = w.inspector.observation.date
    type_date(qtbot, field, "2024-10-07")
    assert w.project.observations[obs.id].date == D(2024, 10, 7)
    type_date(qtbot, field, "08.10.2024")
    assert w.project.observations[obs.id].date == D(2024, 10, 8)
    type_date(qtbot, field, IMPOSSIBLE)
    assert w.project.observations[obs.id].date == D(2024, 10, 8) and WHY in field.error
    close_project(w.project)


def _dialog(qtbot, dlg):
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    return dlg


def test_source_published(qtbot):
    p, st, ids = scenario()
    dlg = _dialog(qtbot, SourceDialog(p, st))
    dlg.outlet.setText("DeepState")
    dlg.published_known.setChecked(True)
    type_date(qtbot, dlg.published, IMPOSSIBLE)
    assert dlg.isVisible()  # Enter on a refused date does not press OK
    dlg.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dlg.isVisible() and WHY in dlg.warning.text() and dlg.source_id is None
    type_date(qtbot, dlg.published, "2025-12-04")  # seen as 2026-12-04 when typed over today
    assert dlg.result() == QDialog.DialogCode.Accepted
    assert p.sources[dlg.source_id].published == D(2025, 12, 4)


def test_quote_said_on(qtbot):
    p, st, ids = scenario()
    dlg = _dialog(qtbot, QuoteDialog(p, st, source_id=ids["mod"], text="The city is ours."))
    dlg.said_known.setChecked(True)
    type_date(qtbot, dlg.said_on, "01.12.2024")
    assert dlg.result() == QDialog.DialogCode.Accepted
    assert p.quotes[dlg.quote_id].said_on == D(2024, 12, 1)


def test_replay_export_range(qtbot, win):
    dlg = _dialog(qtbot, ReplayExportDialog(win))
    dlg.first.setFocus()
    dlg.first.selectAll()
    qtbot.keyClicks(dlg.first, "2024-10-07")  # not confirmed: Export reads it
    type_date(qtbot, dlg.last, IMPOSSIBLE)
    assert dlg.isVisible() and WHY in dlg.last.error
    dlg.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dlg.isVisible()  # no export of a range nobody typed
    assert dlg.first.value() == D(2024, 10, 7)
    type_date(qtbot, dlg.last, "07.11.2025")
    req = dlg.request()
    assert (req.first, req.last) == (D(2024, 10, 7), D(2025, 11, 7))
    assert dlg.result() == QDialog.DialogCode.Accepted


def test_sources_filter_dates(qtbot):
    p, st, ids = scenario()
    dock = SourcesDock(p, st)
    qtbot.addWidget(dock)
    panel = dock.panel
    everything = panel.proxy.rowCount()
    type_date(qtbot, panel.date_to, "2025-12-04")
    assert panel.proxy.rowCount() == everything  # all were published 2025-12-04
    type_date(qtbot, panel.date_from, "05.12.2025")
    assert panel.proxy.rowCount() == 0
    type_date(qtbot, panel.date_from, "")  # back to "from: any"
    assert panel.date_from.value() is None and panel.proxy.rowCount() == everything
