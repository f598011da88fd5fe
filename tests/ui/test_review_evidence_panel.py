"""The evidence panel as an analyst sees it in a narrow dock: every entry fits the width (no text
cut off behind a horizontal scroll bar), and a quote can be dropped on a "Link as" button when
the stance's group is scrolled out of sight."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDropEvent

from desktop.ui.evidence.common import quote_mime
from desktop.model.cursor import TimelineCursor
from desktop.model.selection import Selection
from desktop.ui.evidence.panel import EvidencePanel

from model.test_evidence_scenario import scenario

DEC4 = date(2025, 12, 4)


def _panel(qtbot, width: int = 330, height: int = 420):
    p, st, ids = scenario()
    for key in ("putin", "denial", "pilot", "flag"):
        from desktop.model.evidence_commands import link_quote
        st.push(link_quote(p, ids[key], ids["south_v"], "supports")[0])
    panel = EvidencePanel(p, st, cursor=TimelineCursor(p), selection=Selection())
    qtbot.addWidget(panel)
    panel.resize(width, height)
    panel.show()
    panel.cursor.set_date(DEC4)
    panel.selection.set([ids["south"]])
    qtbot.waitExposed(panel)
    qtbot.wait(10)  # the layout settles
    return p, st, ids, panel


def test_entries_fit_the_width_of_a_narrow_dock(qtbot):
    p, st, ids, panel = _panel(qtbot)
    qtbot.wait(10)
    assert len(panel.entries("supports")) == 4
    body = panel.scroll.widget()
    viewport = panel.scroll.viewport()
    assert body.width() <= viewport.width(), "entries are wider than the panel and get cut off"
    assert not panel.scroll.horizontalScrollBar().isVisible()
    for e in panel.entries("supports"):
        assert e.geometry().right() <= viewport.width()


def test_a_quote_dropped_on_a_link_button_links_with_that_stance(qtbot):
    p, st, ids, panel = _panel(qtbot, height=300)
    # With four supporting quotes the "Contradicts" group is below the fold of a short dock,
    # but its button is always in sight and takes the drop.
    b = panel.link_buttons["contradicts"]
    pos = b.mapTo(panel, b.rect().center())
    assert panel.stance_at(pos) == "contradicts"
    mime = quote_mime(ids["denial"])
    ev = QDropEvent(QPointF(pos), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                    Qt.KeyboardModifier.NoModifier)
    panel.dropEvent(ev)  # Qt delivers drops only in a real drag session
    assert [e.stance for e in p.evidence.values() if e.quote_id == ids["denial"]] == ["contradicts"]
    assert [x.item.quote.id for x in panel.entries("contradicts")] == [ids["denial"]]
