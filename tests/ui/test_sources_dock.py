"""The sources dock's filters, the duplicate-URL warning and editing through the dialog."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialogButtonBox

from desktop.ui.evidence.sources_dock import SourcesDock

from model.test_evidence_scenario import scenario


def _outlets(panel) -> set[str]:
    return {panel.proxy.index(r, 0).data() for r in range(panel.proxy.rowCount())}


def test_filters_by_text_kind_reliability_and_date(qtbot):
    p, st, ids = scenario()
    st.push(__import__("desktop.model.evidence_commands", fromlist=["edit_source"]).edit_source(
        p, ids["mod"], published=date(2025, 12, 1)))
    dock = SourcesDock(p, st)
    qtbot.addWidget(dock)
    panel = dock.panel
    assert len(_outlets(panel)) == 4
    panel.search.setText("kyiv independent")
    assert _outlets(panel) == {"The Kyiv Independent"}
    panel.search.setText("t.me")  # matches URLs
    assert _outlets(panel) == {"Russian Ministry of Defense", "General Staff of the Armed Forces of Ukraine",
                               "425th Assault Regiment"}
    panel.search.clear()
    panel.kind.setCurrentIndex(panel.kind.findData("official"))
    assert _outlets(panel) == {"Russian Ministry of Defense", "General Staff of the Armed Forces of Ukraine"}
    panel.kind.setCurrentIndex(0)
    panel.reliability.setCurrentIndex(panel.reliability.findData("B"))
    assert _outlets(panel) == {"The Kyiv Independent", "General Staff of the Armed Forces of Ukraine"}
    panel.reliability.setCurrentIndex(0)
    panel.date_to.setDate(QDate(2025, 12, 2))
    assert _outlets(panel) == {"Russian Ministry of Defense"}
    panel.date_to.setDate(panel.date_to.minimumDate())  # back to "any"
    panel.date_from.setDate(QDate(2025, 12, 2))
    assert len(_outlets(panel)) == 3
    # Sorting by the quote count column works on numbers.
    panel.date_from.setDate(panel.date_from.minimumDate())
    panel.table.sortByColumn(5, __import__("PySide6.QtCore", fromlist=["Qt"]).Qt.SortOrder.AscendingOrder)
    assert [panel.proxy.index(r, 5).data() for r in range(4)] == ["1", "1", "1", "1"]


def test_duplicate_url_is_warned_in_the_dialog_and_edit_is_one_command(qtbot):
    p, st, ids = scenario()
    dock = SourcesDock(p, st)
    qtbot.addWidget(dock)
    panel = dock.panel
    dlg = panel.add_source()
    dlg.outlet.setText("Kyiv Independent (copy)")
    dlg.url.setText("http://www.kyivindependent.com/pokrovsk-in-russias-grip/")
    assert "same URL" in dlg.warning.text() and "The Kyiv Independent" in dlg.warning.text()
    dlg.url.setText("javascript:alert(1)")
    assert "Only http and https" in dlg.warning.text()
    dlg.reject()
    assert len(p.sources) == 4
    panel.select_source(ids["gs"])
    dlg = panel.edit_source()
    assert dlg.outlet.text() == "General Staff of the Armed Forces of Ukraine" and dlg.warning.text() == ""
    dlg.reliability.setCurrentIndex(dlg.reliability.findData("A"))
    n = st.index
    dlg.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert st.index == n + 1 and p.sources[ids["gs"]].reliability == "A"
    assert panel.proxy.index(0, 2).data() in "ABDE"
    st.undo()
    assert p.sources[ids["gs"]].reliability == "B"


def test_the_grade_shows_beside_the_outlet_in_a_narrow_dock(qtbot):
    """~300 px wide: the reliability grade is on screen next to the outlet, the URL hidden (the
    header's menu shows it again), and a long outlet name does not widen the panel."""
    from desktop.model.evidence_commands import add_source
    p, st, ids = scenario()
    cmd, sid = add_source(p, "An outlet with a very long name " * 4, url="https://example.org/x", kind="media",
                          reliability="C")
    st.push(cmd)
    dock = SourcesDock(p, st)
    qtbot.addWidget(dock)
    dock.resize(300, 600)
    dock.show()
    qtbot.waitExposed(dock)
    panel = dock.panel
    hh = panel.table.horizontalHeader()
    assert hh.visualIndex(2) == 1 and panel.table.isColumnHidden(4)
    rel_right = hh.sectionViewportPosition(2) + hh.sectionSize(2)
    assert rel_right <= panel.table.viewport().width()
    before = panel.minimumSizeHint().width()
    row = next(r for r in range(panel.proxy.rowCount()) if panel.proxy.index(r, 0).data().startswith("An outlet"))
    panel.table.selectRow(row)
    assert "Quotes from An outlet" in panel.quotes_title.text()
    from PySide6.QtCore import Qt
    tip = panel.proxy.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "https://example.org/x" in tip  # the hidden URL column's content is still at hand
    assert panel.minimumSizeHint().width() <= max(before, 300)
