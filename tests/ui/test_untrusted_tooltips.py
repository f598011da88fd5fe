"""Names from files and sources reach tooltips escaped: Qt would render `<img …>` in a tooltip."""
from __future__ import annotations

from desktop.model import edits
from desktop.ui.dialogs import file_menu as dialogs_file

from .test_layers import make_window

HOSTILE = '<img src="http://example.invalid/x.png"> <b>bold</b> A & B'


def test_assessment_and_command_names_are_escaped_in_tooltips(qtbot, tmp_path):
    w, zid = make_window(qtbot, tmp_path)
    aid = dialogs_file.add_assessment(w, HOSTILE)
    tip = w.layers.item_for("assessment", aid).toolTip(0)
    assert "&lt;img" in tip and "<img" not in tip and "&amp;" in tip
    w.push(edits.rename_zone(w.project, zid, HOSTILE))
    h = w.history_dock.list
    tip = h.item(h.count() - 1).toolTip()
    assert "&lt;b&gt;" in tip and "<b>" not in tip
    w.selection.set([zid])
    row = w.inspector.versions.topLevelItem(0)
    assert row is not None and "<" not in row.toolTip(2).replace("<p", "").replace("</p>", "")
