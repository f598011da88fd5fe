"""The main window: it opens on a project, its actions exist and work, edits are written
through, read-only projects refuse edits, and recent files and the layout persist."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from shapely.geometry import box, shape

from desktop.model import edits
from desktop.storage.project.projectfile import close_project, create_project, open_project
from desktop.tools import TOOLS
from desktop.ui.dialogs import file_menu as dialogs_file
from desktop.ui.dialogs import goto as dialogs_goto
from desktop.ui.window import settings
from desktop.ui.window.main_window import MainWindow

POKROVSK = "frontline/deepstate_cyterat_pokrovsk_2025/pokrovsk_occupied_20251201.geojson"


def make_file(tmp_path: Path, shared_data: Path | None = None, name: str = "p.gpkg") -> tuple[Path, str]:
    """A project file with one assessment and one zone (the real Dec 1 outline when we have it)."""
    path = tmp_path / name
    p = create_project(path, title="Pokrovsk test")
    cmd, aid = edits.add_assessment(p, "Our assessment")
    p.apply(cmd.changes)
    geom = box(37.1, 48.2, 37.2, 48.27)
    if shared_data is not None:
        geom = shape(json.loads((shared_data / POKROVSK).read_text())["features"][0]["geometry"])
    cmd, zid = edits.create_zone(p, name="Pokrovsk", assessment_id=aid, geometry=geom,
                                 status="ru_control", as_of=date(2025, 12, 1))
    p.apply(cmd.changes)
    close_project(p)
    return path, zid


@pytest.fixture
def window(qtbot, tmp_path, shared_data):
    path, zid = make_file(tmp_path, shared_data)
    w = MainWindow(open_project(path), path, restore_layout=False)
    qtbot.addWidget(w)
    w.zone_id = zid  # for the tests
    yield w
    if w.project.storage is not None:
        close_project(w.project)


def test_window_opens_on_the_project(window):
    assert "Pokrovsk test" in window.windowTitle() and "p.gpkg" in window.windowTitle()
    assert window.cursor.date == date(2025, 12, 1)  # the project's most recent date
    assert window.status.path.text() == "p.gpkg"
    assert window.status.state.text() == "Saved"
    for dock in (window.layers_dock, window.inspector_dock, window.evidence_dock, window.history_dock,
                 window.timeline_dock):
        assert window.dockWidgetArea(dock) != 0
    assert window.editing.assessment.currentText() == "Our assessment"


def test_every_tool_has_an_action_and_activates(window):
    assert set(TOOLS) <= set(window.actions.tools)
    for name, act in window.actions.tools.items():
        act.trigger()
        assert window.actions.tool_group.checkedAction() is act
        assert act.data() == name


def test_edits_undo_redo_with_labels(window, tmp_path):
    window.selection.set([window.zone_id])
    assert not window.actions.undo.isEnabled()
    window.push(edits.rename_zone(window.project, window.zone_id, "Pokrovsk centre"))
    assert window.actions.undo.text() == "&Undo Rename Pokrovsk to Pokrovsk centre"
    window.actions.undo.trigger()
    assert window.project.zones[window.zone_id].name == "Pokrovsk"
    assert window.actions.redo.text().startswith("&Redo Rename")
    window.actions.redo.trigger()
    window.actions.delete.trigger()
    assert window.zone_id not in window.project.zones
    assert window.selection.ids == ()
    assert window.history_dock.list.count() == 3  # origin, rename, delete
    path = window.path
    close_project(window.project)
    assert window.zone_id not in open_project(path).zones  # written through


def test_read_only_project_refuses_edits(qtbot, tmp_path, shared_data):
    path, zid = make_file(tmp_path, shared_data)
    w = MainWindow(open_project(path, read_only=True), path, restore_layout=False)
    qtbot.addWidget(w)
    assert "[read-only]" in w.windowTitle() and w.status.state.text() == "Read-only"
    assert not w.actions.tools["draw_polygon"].isEnabled() and not w.actions.delete.isEnabled()
    assert w.actions.tools["select"].isEnabled() and w.actions.tools["measure"].isEnabled()
    assert not w.push(edits.rename_zone(w.project, zid, "Renamed"))
    assert "Read-only" in w.status.currentMessage()
    assert w.project.zones[zid].name == "Pokrovsk" and not w.stack.can_undo()
    w.selection.set([zid])
    w.inspector.name.setText("Renamed")
    w.inspector.name.editingFinished.emit()
    assert w.inspector.name.text() == "Pokrovsk"  # the field shows the value that holds
    close_project(w.project)
    assert open_project(path).zones[zid].name == "Pokrovsk"


def test_recent_files_and_save_as_persist(window, tmp_path, monkeypatch):
    copy = tmp_path / "copy.gpkg"
    monkeypatch.setattr(dialogs_file, "ask_save_path", lambda *a: str(copy))
    window.actions.save_as.trigger()
    assert copy.exists() and window.path.endswith("p.gpkg")  # still editing the original
    assert settings.recent_files()[0] == str(copy.resolve())
    other = open_project(copy)
    assert other.zones[window.zone_id].name == "Pokrovsk"
    close_project(other)
    # Open Recent lists it; triggering the entry opens it in the window.
    dialogs_file.fill_recent_menu(window)
    entries = [a for a in window.menus["recent"].actions() if a.statusTip() == str(copy.resolve())]
    assert entries
    entries[0].trigger()
    assert Path(window.path) == copy.resolve() and "copy.gpkg" in window.windowTitle()


def test_new_and_open_project(window, tmp_path, monkeypatch):
    new = tmp_path / "fresh"
    monkeypatch.setattr(dialogs_file, "ask_save_path", lambda *a: str(new))
    window.actions.new.trigger()
    assert window.path.endswith("fresh.gpkg") and not window.project.zones
    assert [a.name for a in window.project.assessments.values()] == ["Our assessment"]
    bad = tmp_path / "not_a_project.gpkg"
    bad.write_text("hello")
    monkeypatch.setattr(dialogs_file, "ask_open_path", lambda *a: str(bad))
    window.actions.open.trigger()
    assert window.path.endswith("fresh.gpkg")  # unchanged
    assert "not_a_project.gpkg" in window.status.currentMessage()


def test_layout_persists(qtbot, tmp_path):
    path, _ = make_file(tmp_path)
    w = MainWindow(open_project(path), path)
    qtbot.addWidget(w)
    w.show()
    w.history_dock.close()
    w.close()
    w2 = MainWindow(open_project(path), path)
    qtbot.addWidget(w2)
    w2.show()
    assert not w2.history_dock.isVisible() and w2.inspector_dock.isVisible()
    w2.close()


def test_view_actions(window, monkeypatch):
    seen = []
    monkeypatch.setattr(window.canvas, "zoom_to_bbox_lonlat", lambda b: seen.append(b), raising=False)
    window.actions.zoom_aoi.trigger()  # no AOI set: the zones' bounds
    window.selection.set([window.zone_id])
    window.actions.zoom_selection.trigger()
    window.actions.zoom_layer.trigger()
    assert len(seen) == 3
    w, s, e, n = seen[1]
    assert 36.8 <= w < e <= 37.7 and 48.05 <= s < n <= 48.55
    monkeypatch.setattr(dialogs_goto, "ask_coordinates", lambda win: "37U CP 64975 49022")
    window.actions.goto.trigger()
    w, s, e, n = seen[-1]
    assert w < 37.18 < e and s < 48.28 < n


def test_help_about_names_versions_and_attributions(window):
    window.actions.about.trigger()
    from PySide6.QtWidgets import QMessageBox
    boxes = window.findChildren(QMessageBox)
    text = boxes[-1].text()
    assert "© OpenStreetMap contributors" in text and "© Minregion" in text and "Natural Earth" in text
    assert "PySide6" in text
    for b in boxes:
        b.close()


def test_presentation_mode_toggles(window, qtbot):
    window.show()
    window.actions.presentation.trigger()
    view = window.presentation_view
    assert view is not None and view.cursor is window.cursor
    window.actions.presentation.trigger()
    assert window.presentation_view is None and not window.isFullScreen()


def test_the_focused_map_keeps_its_keys(window):
    """Up/Down and Shift+arrows pan the focused map, Left/Right step the timeline; Delete goes to an editing tool, but with
    the Select tool it is the window's Delete (the selected zones)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication
    canvas = window.canvas

    def overridden(key, modifiers=Qt.NoModifier) -> bool:
        ev = QKeyEvent(QEvent.ShortcutOverride, key, modifiers)
        ev.ignore()
        QApplication.sendEvent(canvas, ev)
        return ev.isAccepted()
    # Left/Right step the timeline even from the map; Up/Down, Shift+arrows and +/- are the map's.
    assert not overridden(Qt.Key_Left) and not overridden(Qt.Key_Right)
    assert overridden(Qt.Key_Up) and overridden(Qt.Key_Plus)
    assert overridden(Qt.Key_Left, Qt.ShiftModifier) and overridden(Qt.Key_Right, Qt.ShiftModifier)
    window.actions.tools["select"].trigger()
    assert not overridden(Qt.Key_Delete)
    window.actions.tools["edit_vertices"].trigger()
    assert overridden(Qt.Key_Delete) and overridden(Qt.Key_Backspace)
    assert not overridden(Qt.Key_Space)  # play/pause stays the window's


def test_help_pages_open_offline(window):
    from desktop.ui.dialogs.help import HELP_DIR, HelpBrowser
    window.actions.user_guide.trigger()
    window.actions.shortcuts.trigger()
    browsers = window.findChildren(HelpBrowser)
    assert (HELP_DIR / "guide.html").exists() and (HELP_DIR / "shortcuts.html").exists()  # offline help ships
    assert len(browsers) == 2
    assert "Ctrl+Z" in browsers[1].browser.toPlainText()
    for b in browsers:
        b.close()


def test_no_two_actions_share_a_shortcut(window):
    from PySide6.QtGui import QAction
    seen = {}
    for act in window.findChildren(QAction):
        key = act.shortcut().toString()
        if key:
            assert key not in seen, f"{key}: {seen[key]} and {act.text()}"
            seen[key] = act.text()


def test_gains_and_losses_toggle_reaches_the_map(window):
    from desktop.ui.map.canvas import MapCanvas
    assert isinstance(window.canvas, MapCanvas)  # the real map, never a placeholder
    window.actions.show_changes.trigger()
    assert window.canvas.show_changes
    window.actions.show_changes.trigger()
    assert not window.canvas.show_changes


def test_tabbed_docks_show_one_tab_bar_each(window, qtbot):
    from PySide6.QtWidgets import QTabBar
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    bars = [b for b in window.findChildren(QTabBar) if b.parent() is window and b.isVisible()]
    texts = sorted(tuple(b.tabText(i) for i in range(b.count())) for b in bars)
    evidence_bars = [t for t in texts if "Evidence" in t]
    assert len(evidence_bars) == 1, texts


def test_open_sample_opens_a_fresh_copy_never_the_bundled_file(window, tmp_path, monkeypatch):
    import hashlib
    from desktop.storage.project.sample import SAMPLE_TITLE, sample_path
    monkeypatch.setenv("FRONTLINE_DATA_DIR", str(tmp_path / "data"))
    before = hashlib.sha256(sample_path().read_bytes()).hexdigest()
    window.actions.open_sample.trigger()
    first = Path(window.path)
    assert first.parent == tmp_path / "data" and window.project.info.title == SAMPLE_TITLE
    assert not window.project.read_only
    window.actions.open_sample.trigger()  # a second copy: the first keeps whatever was done to it
    assert Path(window.path) != first and first.exists()
    assert hashlib.sha256(sample_path().read_bytes()).hexdigest() == before


def test_history_lists_undone_commands_and_redoes_to_a_clicked_row(window):
    zid = window.zone_id
    for name in ("A", "B", "C"):
        window.push(edits.rename_zone(window.project, zid, name))
    h = window.history_dock.list
    window.history_dock._clicked(h.item(1))  # back to after the first rename
    assert window.project.zones[zid].name == "A"
    assert [h.item(i).text() for i in range(h.count())] == [
        "Opened project", "Rename Pokrovsk to A", "Rename A to B  (undone)", "Rename B to C  (undone)"]
    window.history_dock._clicked(h.item(3))  # redo everything up to the last row
    assert window.project.zones[zid].name == "C" and not window.stack.can_redo()
    assert h.count() == 4 and h.currentRow() == 3


def test_the_hidden_compare_tab_computes_only_when_raised(window, qtbot):
    window.resize(1400, 900)
    window.show()
    QApplication_ = __import__("PySide6.QtWidgets", fromlist=["QApplication"]).QApplication
    calls = []
    real = window.compare.recompute
    window.compare.recompute = lambda: (calls.append(1), real())[1]
    window.evidence_dock.raise_()
    window.cursor.set_date(window.cursor.date)
    window.compare.schedule()
    qtbot.wait(300)
    QApplication_.processEvents()
    assert calls == []  # behind the Evidence tab: nothing computed
    window.compare_dock.raise_()
    qtbot.waitUntil(lambda: len(calls) >= 1, timeout=3000)
