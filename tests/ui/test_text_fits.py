"""Text that fits (#15, item 6): combo boxes, tables and short labels never cut a word — they
shorten at a word boundary with an ellipsis, and the whole text is in the tooltip."""
from __future__ import annotations

import pytest
from PySide6.QtGui import QFontMetrics, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QTableView

from desktop.ui.widgets.fitting import ELLIPSIS, FittingComboBox, WordElideDelegate, elide_words
from desktop.ui.widgets.plain_text import elide
from support.sample_window import sample_window

LONG = "Supply corridor / encirclement gap"


def _whole_words(shown: str, full: str) -> bool:
    """`shown` is `full`, or some of its first words followed by an ellipsis."""
    if shown == full:
        return True
    if not shown.endswith(ELLIPSIS):
        return False
    head = shown[:-1].split()
    words = full.split()
    if not 0 < len(head) < len(words):
        return False
    # The last word shown may have lost the punctuation after it ("Square," -> "Square…").
    return head[:-1] == words[:len(head) - 1] and words[len(head) - 1].rstrip(",;:/·-—(") == head[-1]


@pytest.mark.parametrize("width", [40, 90, 140, 200, 260, 400])
def test_elide_words_keeps_whole_words(qapp, width):
    fm = QFontMetrics(QApplication.font())
    shown = elide_words(LONG, fm, width)
    assert fm.horizontalAdvance(shown) <= width
    # Only a first word too long for the room on its own may be cut.
    assert _whole_words(shown, LONG) or fm.horizontalAdvance(LONG.split()[0] + ELLIPSIS) > width


def test_short_text_elide_cuts_at_a_word():
    out = elide("Reported Ukrainian positions, northern Pokrovsk", 40)
    assert out == "Reported Ukrainian positions, northern\u2026"
    assert elide("short", 40) == "short"


def test_a_narrow_combo_shows_whole_words_and_the_whole_text_on_hover(qtbot):
    cb = FittingComboBox()
    qtbot.addWidget(cb)
    cb.setToolTip("The status a new zone gets")
    cb.addItem(LONG)
    cb.resize(150, cb.sizeHint().height())
    cb.show()
    cb.grab()  # paints the face
    assert cb.shown_text != LONG and _whole_words(cb.shown_text, LONG), cb.shown_text
    assert LONG in cb.toolTip()
    cb.resize(400, cb.height())
    cb.grab()
    assert cb.shown_text == LONG and cb.toolTip() == "The status a new zone gets"


def test_table_cells_shorten_at_words(qtbot):
    model = QStandardItemModel(1, 1)
    model.setItem(0, 0, QStandardItem("Shybankova Square, where the Russian troops unfurled the flag"))
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    delegate = WordElideDelegate(view)
    view.setItemDelegate(delegate)
    view.setColumnWidth(0, 170)
    view.show()
    shown = delegate.shown_text(view, model.index(0, 0))
    assert _whole_words(shown, model.item(0, 0).text()) and shown.endswith(ELLIPSIS), shown


@pytest.fixture
def window(qtbot, tmp_path):
    yield from sample_window(qtbot, tmp_path)


def test_the_windows_status_combos_and_sources_table_never_cut_a_word(window, qtbot):
    w = window
    w.resize(1280, 800)
    ed = w.editing.status
    ed.setCurrentIndex(ed.findData("corridor"))
    corridor = w.project.legend["corridor"].label
    zid = next(z.id for z in w.project.zones.values() if z.name == "Corridor to Myrnohrad")
    w.cursor.set_date(w.project.versions_of(zid)[0].valid_from)
    w.selection.set([zid])
    QApplication.processEvents()
    for cb in (ed, w.inspector.status):
        cb.grab()
        assert _whole_words(cb.shown_text, corridor), cb.shown_text
        if cb.shown_text != corridor:
            assert corridor in cb.toolTip()
    sources = w._panel("sources")  # as when its tab comes to the front
    sources.show()
    QApplication.processEvents()
    table = sources.table
    model, delegate = table.model(), table.itemDelegate()
    assert isinstance(delegate, WordElideDelegate)
    checked = 0
    for r in range(min(model.rowCount(), 12)):
        for c in range(model.columnCount()):
            full = " ".join(str(model.index(r, c).data() or "").split())
            if full and not table.isColumnHidden(c):
                assert _whole_words(delegate.shown_text(table, model.index(r, c)), full), (r, c, full)
                checked += 1
    assert checked > 20


def test_the_versions_table_shows_whole_dates(window, qtbot):
    """Cells shorten only where painted: a column sized to its contents still sees the whole
    text (it shrank to its own ellipsis, "20…", when the size hint saw the shortened one)."""
    w = window
    zid = next(z.id for z in w.project.zones.values() if z.name == "Pokrovsk south of the railway")
    w.selection.set([zid])
    QApplication.processEvents()
    tree = w.inspector.versions
    delegate = tree.itemDelegate()
    first = tree.topLevelItem(0)
    index = tree.indexFromItem(first, 0)
    assert delegate.shown_text(tree, index) == first.text(0) and len(first.text(0)) == 10
