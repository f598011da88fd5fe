"""Layers dock ▸ an assessment's Properties…: name, credit line and licence note, written as one
undoable command through the window (#15, item 4)."""
from __future__ import annotations

from desktop.ui.dialogs import assessment_properties
from desktop.ui.dialogs.assessment_properties import AssessmentProperties
from desktop.ui.dialogs.import_options import AUTOMATIC, ImportDialog

from .test_layers import make_window


def _ours(w) -> str:
    return next(a.id for a in w.project.assessments.values() if a.name == "Our assessment")


def test_properties_are_one_undoable_command(qtbot, tmp_path):
    w, _ = make_window(qtbot, tmp_path)
    aid = _ours(w)
    before = w.project.snapshot()
    n = w.stack.index
    assert w.layers.edit_assessment_properties(aid, {"name": "DeepState", "credit": "\u00a9 DeepStateMap.live",
                                                     "licence": "Credit DeepState wherever shown", "notes": ""})
    a = w.project.assessments[aid]
    assert (a.name, a.credit, a.licence) == ("DeepState", "\u00a9 DeepStateMap.live", "Credit DeepState wherever shown")
    assert w.stack.index == n + 1
    item = w.layers.item_for("assessment", aid)  # the list shows the new name and the credit
    assert item.text(0) == "DeepState" and "DeepStateMap.live" in item.toolTip(0)
    w.actions.undo.trigger()
    assert w.project.snapshot() == before
    assert w.layers.item_for("assessment", aid).text(0) == "Our assessment"


def test_nothing_changed_pushes_nothing_and_a_taken_name_is_refused(qtbot, tmp_path):
    w, _ = make_window(qtbot, tmp_path)
    aid = _ours(w)
    n = w.stack.index
    a = w.project.assessments[aid]
    assert not w.layers.edit_assessment_properties(aid, {"name": a.name, "credit": "", "licence": "", "notes": a.notes})
    from desktop.ui.dialogs import file_menu
    file_menu.add_assessment(w, "Theirs")
    n = w.stack.index
    with qtbot.waitSignal(w.layers.sigMessage) as sig:
        assert not w.layers.edit_assessment_properties(aid, {"name": "Theirs"})
    assert "Theirs" in sig.args[0] and w.stack.index == n
    # An emptied name keeps the old one; the rest is written.
    assert w.layers.edit_assessment_properties(aid, {"name": "", "credit": "\u00a9 Us"})
    a = w.project.assessments[aid]
    assert (a.name, a.credit) == ("Our assessment", "\u00a9 Us")


def test_the_dialog_edits_name_credit_and_licence(qtbot, tmp_path, monkeypatch):
    w, _ = make_window(qtbot, tmp_path)
    aid = _ours(w)

    def typed(dlg: AssessmentProperties) -> int:
        assert dlg.edits["name"].text() == "Our assessment"
        dlg.edits["credit"].setText("  \u00a9  ISW  ")
        dlg.edits["licence"].setText("CC BY 4.0")
        return 1
    monkeypatch.setattr(assessment_properties.AssessmentProperties, "exec", typed)
    assert w.layers.edit_assessment_properties(aid)
    a = w.project.assessments[aid]
    assert (a.credit, a.licence) == ("\u00a9 ISW", "CC BY 4.0")


def test_the_import_dialog_leaves_the_assessment_to_the_import_unless_chosen(qtbot, tmp_path):
    w, _ = make_window(qtbot, tmp_path)
    dlg = ImportDialog(w, ["a.geojson"])
    qtbot.addWidget(dlg)
    assert dlg.assessment.currentText() == AUTOMATIC and dlg.options().assessment is None
    dlg.assessment.setCurrentText("Our assessment")
    assert dlg.options().assessment == "Our assessment"
    dlg.assessment.setCurrentText("  New layer ")
    assert dlg.options().assessment == "New layer"
