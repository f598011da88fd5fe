"""Untrusted content: quotes, notes, URLs and file names are shown as text, URLs open only for
http(s) and only on a click, attachment names stay in their folder, sizes are capped."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QTextDocument

from desktop.model import CommandStack, Project
from desktop.model.edits import add_assessment, create_zone
from desktop.model.evidence_commands import add_attachment, add_quote, add_source
from desktop.model.evidence_files import MAX_ATTACHMENT_BYTES
from desktop.model.evidence_commands import link_quote
from desktop.ui.evidence import attachments_list
from desktop.ui.evidence import common as evidence_common
from desktop.ui.evidence.attachments_list import AttachmentsList
from desktop.model.cursor import TimelineCursor
from desktop.model.selection import Selection
from desktop.ui.evidence.panel import EvidencePanel
from desktop.ui.widgets.plain_text import tooltip
from desktop.ui.evidence.sources_dock import SourcesPanel

from model.test_evidence_scenario import NORTH

HOSTILE = 'Pokrovsk <img src=x onerror=alert(1)> is <b>ours</b> <a href="file:///etc/passwd">x</a>'
D = date(2025, 12, 1)


@pytest.fixture
def hostile():
    p = Project()
    st = CommandStack(p)
    cmd, aid = add_assessment(p, "Ours")
    st.push(cmd)
    cmd, zid = create_zone(p, name="<b>zone</b>", assessment_id=aid, geometry=NORTH, status="contested",
                           as_of=date(2025, 11, 24))
    st.push(cmd)
    cmd, sid = add_source(p, "<i>Outlet</i> <img src=x>", url="javascript:alert(1)", reliability="C",
                          notes="<script>x</script>")
    st.push(cmd)
    cmd, qid = add_quote(p, sid, HOSTILE, speaker="<u>speaker</u>", said_on=D, credibility=3)
    st.push(cmd)
    st.push(link_quote(p, qid, p.versions_of(zid)[0].id, "supports")[0])
    return p, st, zid, sid, qid


@pytest.fixture
def opened(monkeypatch):
    calls: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: calls.append(bytes(url.toEncoded()).decode()) or True))
    return calls


def _shown_as(tip: str) -> str:
    """What a tooltip string renders to."""
    doc = QTextDocument()
    doc.setHtml(tip)
    return doc.toPlainText()


def test_tooltip_helper_shows_markup_literally():
    for text in (HOSTILE, "<b>", "a & b < c", "line1\nline2"):
        tip = tooltip(text)
        assert "<img" not in tip and "<b>" not in tip
        assert _shown_as(tip).replace("\u2029", "\n").replace("\u2028", "\n") == text


def test_quote_in_the_evidence_panel_is_plain_text(qtbot, hostile):
    p, st, zid, sid, qid = hostile
    panel = EvidencePanel(p, st, cursor=TimelineCursor(p), selection=Selection())
    qtbot.addWidget(panel)
    panel.cursor.set_date(D)
    panel.selection.set([zid])
    [entry] = panel.entries("supports")
    for label in (entry.text, entry.head, panel.title):
        assert label.textFormat() == Qt.TextFormat.PlainText
    assert entry.text.text() == HOSTILE
    assert "<u>speaker</u>" in entry.head.text()
    assert "<b>zone</b>" in panel.title.text()
    assert HOSTILE in _shown_as(entry.toolTip())
    assert "<img" not in entry.toolTip()
    assert "<img" not in panel.quote_picker.itemData(0, Qt.ItemDataRole.ToolTipRole)


def test_sources_table_and_quote_list_show_text_as_given(qtbot, hostile, opened):
    p, st, zid, sid, qid = hostile
    panel = SourcesPanel(p, st)
    qtbot.addWidget(panel)
    panel.select_source(sid)
    idx = panel.proxy.index(0, 0)
    assert idx.data() == "<i>Outlet</i> <img src=x>"  # item views paint DisplayRole as plain text
    tip = idx.data(Qt.ItemDataRole.ToolTipRole)
    assert "<img" not in tip and "<script>" not in tip and "<script>x</script>" in _shown_as(tip)
    item = panel.quotes.item(0)
    assert HOSTILE in item.text()
    assert "<img" not in item.toolTip() and HOSTILE in _shown_as(item.toolTip())
    assert panel.quotes_title.textFormat() == Qt.TextFormat.PlainText
    assert opened == []  # showing a source never opens anything


def test_urls_open_only_for_http_and_https_and_only_on_click(qtbot, opened):
    p = Project()
    st = CommandStack(p)
    ids = {}
    for url in ("javascript:alert(1)", "file:///etc/passwd", "data:text/html,<b>x</b>", "ftp://x.org/a",
                "kyivindependent.com/x", "https://kyivindependent.com/pokrovsk", "HTTP://Example.org/a b"):
        cmd, ids[url] = add_source(p, url, url=url)
        st.push(cmd)
    panel = SourcesPanel(p, st)
    qtbot.addWidget(panel)
    clicks = 0
    for url, sid in ids.items():
        panel.select_source(sid)
        web = url.lower().startswith(("http://", "https://"))
        assert panel.open_url_button.isEnabled() == web, url
        assert len(opened) == clicks  # selecting is not clicking
        if web:
            qtbot.mouseClick(panel.open_url_button, Qt.MouseButton.LeftButton)
            clicks += 1
            assert QUrl(opened[-1]).scheme() in ("http", "https")
        else:
            assert panel.open_current_url() is False
    assert opened == ["https://kyivindependent.com/pokrovsk", "http://example.org/a%20b"]
    for bad in ("javascript:alert(1)", "file:///etc/passwd", "https://", "http:relative", "", "  "):
        assert evidence_common.open_url(bad) is False
    assert len(opened) == 2


def test_attachment_names_are_safe_and_shown_as_text(qtbot, hostile, tmp_path, monkeypatch):
    p, st, zid, sid, qid = hostile
    lst = AttachmentsList(p, st, sid)
    qtbot.addWidget(lst)
    assert lst.attach_bytes("..\\..\\Windows\\<b>evil</b>.txt", b"text")
    [a] = p.attachments.values()
    assert a.filename == "b_.txt"  # the last path component only; "<>" replaced
    assert lst.attach_bytes("../../../etc/<img src=x>.png", b"\x89PNG\r\n\x1a\n" + bytes(16))
    names = sorted(x.filename for x in p.attachments.values())
    assert names == ["_img src=x_.png", "b_.txt"]
    texts = [lst.list.item(i).text() for i in range(lst.list.count())]
    assert any(t.startswith("_img src=x_.png\n") for t in texts)
    for i in range(lst.list.count()):
        assert "<img" not in lst.list.item(i).toolTip()
    # Exported into a folder, each lands inside it.
    for x in p.attachments.values():
        assert (tmp_path / x.filename).resolve().parent == tmp_path.resolve()
    # Files come from a dialog (monkeypatched) and keep only their name.
    f = tmp_path / "statement.txt"
    f.write_text("General Staff statement")
    monkeypatch.setattr(attachments_list, "choose_files", lambda parent: [str(f)])
    qtbot.mouseClick(lst.add_button, Qt.MouseButton.LeftButton)
    assert "statement.txt" in {x.filename for x in p.attachments.values()}


def test_attachment_size_limit_message(qtbot, hostile, tmp_path):
    p, st, zid, sid, qid = hostile
    big = tmp_path / "video.txt"
    with open(big, "wb") as fh:  # sparse: no 20 MB written to disk
        fh.truncate(MAX_ATTACHMENT_BYTES + 1)
    lst = AttachmentsList(p, st, sid)
    qtbot.addWidget(lst)
    assert not lst.attach_path(str(big))
    assert "at most 20.0 MB" in lst.problem.text() and "video.txt" in lst.problem.text()
    assert not p.attachments
    assert not lst.attach_bytes("tool.exe", b"MZ\x90\x00" + bytes(10))
    assert "only those can be attached" in lst.problem.text()
    assert lst.problem.textFormat() == Qt.TextFormat.PlainText


def test_thumbnail_and_marks(qtbot, hostile):
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage
    p, st, zid, sid, qid = hostile
    img = QImage(400, 200, QImage.Format.Format_RGB32)
    img.fill(QColor("#336699"))
    ba = QByteArray()
    buf = QBuffer(ba)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    img.save(buf, "PNG")
    cmd, aid = add_attachment(p, sid, "flag.png", bytes(ba))
    st.push(cmd)
    pm = attachments_list.thumbnail(bytes(ba))
    assert pm is not None and (pm.width(), pm.height()) == (96, 48)
    assert attachments_list.thumbnail(b"\x89PNG\r\n\x1a\n" + bytes(16)) is None  # broken image: no crash
    lst = AttachmentsList(p, st, sid)
    qtbot.addWidget(lst)
    lst.list.setCurrentRow(0)
    lst.set_mark("ai-generated")
    assert p.attachments[aid].authenticity == "ai-generated"
    assert "AI-generated" in lst.list.item(0).text()
    st.undo()
    assert p.attachments[aid].authenticity == "unverified"
    assert "Unverified" in lst.list.item(0).text()
