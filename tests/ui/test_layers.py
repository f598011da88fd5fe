"""The layers dock and legend editor, and the history dock."""
from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.storage.project.projectfile import close_project, open_project
from desktop.ui.dialogs import file_menu as dialogs_file
from desktop.ui.map.layers_dock import BasemapLayer
from desktop.ui.dialogs.legend_editor import LegendEditor
from desktop.ui.window.main_window import MainWindow

from .test_main_window import make_file


def make_window(qtbot, tmp_path):
    path, zid = make_file(tmp_path)
    w = MainWindow(open_project(path), path, restore_layout=False)
    qtbot.addWidget(w)
    return w, zid


def test_assessments_add_choose_hide(qtbot, tmp_path):
    w, _ = make_window(qtbot, tmp_path)
    aid = dialogs_file.add_assessment(w, "DeepState (imported)")
    assert w.context.assessment_id == aid  # the new one is the one being edited
    lay = w.layers
    item = lay.item_for("assessment", aid)
    assert item is not None and item.font(0).bold()
    ours = next(a.id for a in w.project.assessments.values() if a.name == "Our assessment")
    lay.tree.itemDoubleClicked.emit(lay.item_for("assessment", ours), 0)
    assert w.context.assessment_id == ours and w.editing.assessment.currentData() == ours
    with qtbot.waitSignal(lay.sigAssessmentVisible) as sig:
        lay.item_for("assessment", aid).setCheckState(0, Qt.Unchecked)
    assert sig.args == [aid, False]
    assert w.context.hidden_assessments == frozenset({aid})
    w.actions.undo.trigger()  # undo the add: the assessment leaves the list
    assert lay.item_for("assessment", aid) is None


def test_status_and_basemap_visibility_signals(qtbot, tmp_path):
    w, _ = make_window(qtbot, tmp_path)
    lay = w.layers
    with qtbot.waitSignal(lay.sigStatusVisible) as sig:
        lay.item_for("status", "contested").setCheckState(0, Qt.Unchecked)
    assert sig.args == ["contested", False] and lay.hidden_statuses == {"contested"}
    lay.set_basemap_layers([BasemapLayer("streets", "Streets", True, 0.8)])
    slider = lay.tree.itemWidget(lay.item_for("basemap", "streets"), 1)
    assert slider.value() == 80
    with qtbot.waitSignal(lay.sigBasemapOpacity) as sig:
        slider.setValue(40)
    assert sig.args == ["streets", 0.4]


def test_legend_editor_commands_are_written(qtbot, tmp_path):
    w, _ = make_window(qtbot, tmp_path)
    dlg = LegendEditor(w.project, w)
    qtbot.addWidget(dlg)
    for i in range(dlg.list.count()):
        if dlg.list.item(i).data(Qt.UserRole) == "contested":
            dlg.list.setCurrentRow(i)
    dlg.label.setText("Grey zone")
    dlg.label.editingFinished.emit()
    dlg.set_colour("#9e9e9e")
    dlg.hatch.setCurrentIndex(dlg.hatch.findData("cross"))
    assert dlg.add_entry("ua_control")
    assert not dlg.add_entry("Bad Key")
    dlg.list.setCurrentRow(0)  # ru_control is used by a zone: it cannot go
    dlg.remove_current()
    assert "ru_control" in dlg.entries and "still used" in dlg.error.text()
    assert w.push_group("Edit legend", dlg.commands())
    assert w.stack.labels() == ["Edit legend"]
    assert w.layers.item_for("status", "contested").text(0) == "Grey zone"
    path = w.path
    close_project(w.project)
    legend = open_project(path).legend
    assert (legend["contested"].label, legend["contested"].colour, legend["contested"].hatch) == \
        ("Grey zone", "#9e9e9e", "cross")
    assert legend["ua_control"].tier == "annotation"


def test_history_lists_commands_and_undoes_back(qtbot, tmp_path):
    from desktop.model import edits
    w, zid = make_window(qtbot, tmp_path)
    for name in ("A", "B", "C"):
        w.push(edits.rename_zone(w.project, zid, name))
    hist = w.history_dock.list
    assert [hist.item(i).text() for i in range(hist.count())] == \
        ["Opened project", "Rename Pokrovsk to A", "Rename A to B", "Rename B to C"]
    hist.itemClicked.emit(hist.item(1))
    assert w.project.zones[zid].name == "A" and w.stack.index == 1
    assert [hist.item(i).text() for i in range(2, hist.count())] == \
        ["Rename A to B  (undone)", "Rename B to C  (undone)"]
