"""Review of the compare view in use: a quote listed beside a claim opens like anywhere else."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from desktop.model.evidence_commands import link_quote
from desktop.model.cursor import TimelineCursor
from desktop.ui.compare.panel import MODE_CLAIMS, ComparePanel
from desktop.ui.evidence.quote_dialog import QuoteDialog

from model.test_evidence_scenario import scenario


def _quote_items(tree):
    out = []
    for i in range(tree.topLevelItemCount()):
        stack = [tree.topLevelItem(i)]
        while stack:
            it = stack.pop()
            data = it.data(0, Qt.ItemDataRole.UserRole)
            if data and data[0] == "quote":
                out.append(it)
            stack.extend(it.child(j) for j in range(it.childCount()))
    return out


def test_double_clicking_a_quote_in_the_compare_view_opens_it(qtbot):
    p, st, ids = scenario()
    st.push(link_quote(p, ids["putin"], ids["claim_v"], "supports")[0])
    panel = ComparePanel(p, None, cursor=TimelineCursor(p))  # as the window makes it: commands go out on sigCommand
    qtbot.addWidget(panel)
    pushed = []
    panel.sigCommand.connect(lambda c: (pushed.append(c), st.push(c)))
    panel.cursor.set_date(date(2025, 12, 1))
    panel.set_mode(MODE_CLAIMS, ids["ours"])
    [item] = _quote_items(panel.tree)
    panel.tree.itemDoubleClicked.emit(item, 0)
    dlg = panel.last_dialog
    assert isinstance(dlg, QuoteDialog) and dlg.quote_id == ids["putin"]
    dlg.speaker.setText("Vladimir Putin, President of Russia")
    dlg.accept()
    assert len(pushed) == 1 and p.quotes[ids["putin"]].speaker == "Vladimir Putin, President of Russia"
