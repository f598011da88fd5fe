"""Add a source, add a quote, link it to a drawn zone, see it in the evidence panel, delete the
source (asked first), undo: everything comes back."""
from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDropEvent, QGuiApplication
from PySide6.QtWidgets import QDialogButtonBox

from desktop.model import CommandStack, Project
from desktop.model.edits import add_assessment, create_zone
from desktop.model.evidence_queries import MARK_CONTRADICTED, MARK_NO_EVIDENCE, integrity_problems, version_marks
from desktop.ui.evidence import common as evidence_common
from desktop.ui.evidence.common import quote_mime
from desktop.model.cursor import TimelineCursor
from desktop.model.selection import Selection
from desktop.ui.evidence.panel import EvidencePanel
from desktop.ui.evidence.quote_dialog import QuoteDialog
from desktop.ui.evidence.sources_dock import SourcesPanel

from model.test_evidence_scenario import NORTH

DEC1 = date(2025, 12, 1)


@pytest.fixture
def drawn():
    p = Project()
    st = CommandStack(p)
    cmd, aid = add_assessment(p, "Our assessment")
    st.push(cmd)
    cmd, zid = create_zone(p, name="Pokrovsk north", assessment_id=aid, geometry=NORTH,
                           status="contested", as_of=date(2025, 11, 24))
    st.push(cmd)
    return p, st, zid


def _ok(dialog) -> None:
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled(), dialog.problem.text() if hasattr(dialog, "problem") else dialog.warning.text()
    ok.click()


def test_source_quote_link_delete_undo(qtbot, drawn, monkeypatch):
    p, st, zid = drawn
    sources = SourcesPanel(p, st)
    evidence = EvidencePanel(p, st, cursor=TimelineCursor(p), selection=Selection())
    qtbot.addWidget(sources)
    qtbot.addWidget(evidence)
    sources.sigQuoteSelected.connect(evidence.set_current_quote)
    evidence.cursor.set_date(DEC1)
    evidence.selection.set([zid])
    assert evidence.target_id == p.version_at(zid, DEC1).id
    assert not evidence.link_buttons["contradicts"].isEnabled()  # no quote yet

    # Add a source through its dialog.
    qtbot.mouseClick(sources.add_source_button, Qt.MouseButton.LeftButton)
    dlg = sources.last_dialog
    dlg.outlet.setText("General Staff of the Armed Forces of Ukraine")
    dlg.url.setText("https://t.me/GeneralStaffZSU/2")
    dlg.kind.setCurrentText("official")
    dlg.reliability.setCurrentIndex(dlg.reliability.findData("B"))
    _ok(dlg)
    [src] = p.sources.values()
    assert src.reliability == "B" and src.kind == "official"
    assert sources.proxy.rowCount() == 1 and sources.current_source_id() == src.id

    # Add a quote of it.
    qtbot.mouseClick(sources.new_quote_button, Qt.MouseButton.LeftButton)
    qd = sources.last_dialog
    assert isinstance(qd, QuoteDialog) and qd.source.currentData() == src.id
    qd.text.setPlainText("This is just another attempt by the Kremlin to use the videotaped "
                         "\"flag-raising\" for propaganda purposes")
    qd.speaker.setText("General Staff")
    qd.said_known.setChecked(True)
    qd.said_on.setDate(date(2025, 12, 2))
    qd.credibility.setCurrentIndex(qd.credibility.findData(2))
    _ok(qd)
    [quote] = p.quotes.values()
    assert quote.said_on == date(2025, 12, 2) and quote.credibility == 2
    assert sources.quotes.count() == 1 and sources.current_quote_id() == quote.id
    assert sources.model.index(0, 5).data() == "1"  # the quote count column

    # Link it to the zone version as contradicting, with the button.
    assert evidence.current_quote() == quote.id
    qtbot.mouseClick(evidence.link_buttons["contradicts"], Qt.MouseButton.LeftButton)
    [entry] = evidence.entries("contradicts")
    assert entry.badge.text() == "B2" and "usually reliable" in entry.badge.toolTip()
    assert evidence.entries("supports") == []
    vid = evidence.target_id
    assert version_marks(p, [vid]) == {vid: MARK_CONTRADICTED}

    # Clicking the entry opens the quote.
    qtbot.mouseClick(entry, Qt.MouseButton.LeftButton)
    assert isinstance(evidence.last_dialog, QuoteDialog) and evidence.last_dialog.quote_id == quote.id
    evidence.last_dialog.reject()

    # Delete the source: asked first (declining changes nothing), then everything goes in one step.
    asked = []
    monkeypatch.setattr(evidence_common, "confirm", lambda *a: asked.append(a[2]) or False)
    qtbot.mouseClick(sources.delete_source_button, Qt.MouseButton.LeftButton)
    assert src.id in p.sources and "1 quote(s)" in asked[0] and "1 link(s)" in asked[0]
    monkeypatch.setattr(evidence_common, "confirm", lambda *a: True)
    n = st.index
    qtbot.mouseClick(sources.delete_source_button, Qt.MouseButton.LeftButton)
    assert st.index == n + 1
    assert not p.sources and not p.quotes and not p.evidence and integrity_problems(p) == []
    assert evidence.entries("contradicts") == [] and sources.proxy.rowCount() == 0
    assert version_marks(p, [vid]) == {vid: MARK_NO_EVIDENCE}

    # Undo restores the source, the quote and the link, and the views show them again.
    st.undo()
    assert p.sources == {src.id: src} and p.quotes == {quote.id: quote}
    [entry] = evidence.entries("contradicts")
    assert entry.item.quote.id == quote.id
    assert sources.proxy.rowCount() == 1
    st.redo()
    assert not p.evidence
    st.undo()


def test_drop_a_quote_onto_a_group_links_with_that_stance(qtbot, drawn):
    p, st, zid = drawn
    from desktop.model.evidence_commands import add_quote, add_source
    cmd, sid = add_source(p, "The Kyiv Independent", reliability="B")
    st.push(cmd)
    cmd, qid = add_quote(p, sid, "Ukrainian soldiers still hold some positions in the northern part", credibility=3)
    st.push(cmd)
    panel = EvidencePanel(p, st, cursor=TimelineCursor(p), selection=Selection())
    qtbot.addWidget(panel)
    panel.resize(380, 600)
    panel.show()
    panel.cursor.set_date(DEC1)
    panel.selection.set([zid])
    group = panel.groups["context"]
    pos = group.mapTo(panel, group.rect().center())
    assert panel.stance_at(pos) == "context"
    mime = quote_mime(qid)  # kept alive: the event does not own it
    ev = QDropEvent(QPointF(pos), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                    Qt.KeyboardModifier.NoModifier)
    # Qt delivers Drop events only during a real drag session, so call the handler directly.
    panel.dropEvent(ev)
    assert ev.isAccepted()
    [e] = p.evidence.values()
    assert e.stance == "context" and e.quote_id == qid and e.target_id == panel.target_id
    assert [x.item.quote.id for x in panel.entries("context")] == [qid]
    # Dropping something that is not a quote does nothing.
    other = QMimeData()
    other.setText("just text")
    ev2 = QDropEvent(QPointF(pos), Qt.DropAction.CopyAction, other, Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier)
    panel.dragEnterEvent(ev2)
    assert not ev2.isAccepted()
    panel.dropEvent(ev2)
    assert len(p.evidence) == 1
    # The quote list drags the quote id.
    sources = SourcesPanel(p, st)
    qtbot.addWidget(sources)
    sources.select_quote(qid)
    mime = sources.quotes.mimeData([sources.quotes.currentItem()])
    assert evidence_common.quote_from_mime(mime) == qid


def test_paste_prefills_a_new_quote(qtbot, drawn):
    p, st, zid = drawn
    from desktop.model.evidence_commands import add_source
    cmd, sid = add_source(p, "Hromadske", reliability="B")
    st.push(cmd)
    sources = SourcesPanel(p, st)
    qtbot.addWidget(sources)
    sources.select_source(sid)
    QGuiApplication.clipboard().setText("  “Myrnohrad had been encircled on the ground for the last five days”\n")
    sources.paste_action.trigger()
    dlg = sources.last_dialog
    assert isinstance(dlg, QuoteDialog) and dlg.quote_id is None
    assert dlg.text.toPlainText() == "Myrnohrad had been encircled on the ground for the last five days"
    assert dlg.source.currentData() == sid
    _ok(dlg)
    [q] = p.quotes.values()
    assert q.text.startswith("Myrnohrad had been encircled")


def test_supporting_a_version_with_an_ai_generated_only_attachment_warns(qtbot, drawn):
    p, st, zid = drawn
    from desktop.model.evidence_commands import add_attachment, add_quote, add_source
    cmd, sid = add_source(p, "425th Assault Regiment", kind="social", reliability="D")
    st.push(cmd)
    cmd, qid = add_quote(p, sid, "Debunking Russian propaganda", credibility=5)
    st.push(cmd)
    st.push(add_attachment(p, sid, "flag.png", b"\x89PNG\r\n\x1a\n" + bytes(32), authenticity="ai-generated")[0])
    panel = EvidencePanel(p, st, cursor=TimelineCursor(p), selection=Selection())
    qtbot.addWidget(panel)
    panel.cursor.set_date(DEC1)
    panel.selection.set([zid])
    messages = []
    panel.sigMessage.connect(messages.append)
    panel.set_current_quote(qid)
    qtbot.mouseClick(panel.link_buttons["supports"], Qt.MouseButton.LeftButton)
    assert messages and "AI-generated" in messages[0]
    assert "AI-generated" in panel.warning.text()
    [entry] = panel.entries("supports")
    assert "AI-generated" in entry.doubt.text()


def test_without_a_stack_commands_go_out_on_a_signal(qtbot, drawn):
    p, st, zid = drawn
    from desktop.model.evidence_commands import add_quote, add_source
    cmd, sid = add_source(p, "X", reliability="C")
    st.push(cmd)
    cmd, qid = add_quote(p, sid, "words")
    st.push(cmd)
    panel = EvidencePanel(None, cursor=TimelineCursor(), selection=Selection())  # as the window makes it
    qtbot.addWidget(panel)
    panel.set_project(p)
    panel.cursor.set_date(DEC1)
    panel.selection.set([zid])
    got = []
    panel.sigCommand.connect(lambda c: (got.append(c), st.push(c)))
    assert panel.link(qid, "supports")
    assert len(got) == 1 and len(p.evidence) == 1
    assert [e.item.quote.id for e in panel.entries("supports")] == [qid]
