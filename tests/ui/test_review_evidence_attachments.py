"""The attachment list as seen in the source dialog: a long file name never pushes the
authenticity mark out of sight, and the type reads as words."""
from __future__ import annotations

from desktop.model import CommandStack, Project
from desktop.model.evidence_commands import add_attachment, add_source
from desktop.ui.evidence.attachments_list import AttachmentsList


def test_each_caption_line_fits_and_the_mark_is_always_shown(qtbot):
    p = Project()
    st = CommandStack(p)
    cmd, sid = add_source(p, "425th Assault Regiment", kind="social", reliability="E")
    st.push(cmd)
    name = "425th-regiment-flag-on-shybankova-square-debunk.png"
    st.push(add_attachment(p, sid, name, b"\x89PNG\r\n\x1a\n" + bytes(64), authenticity="ai-generated")[0])
    st.push(add_attachment(p, sid, "statement.pdf", b"%PDF-1.4\n" + bytes(2048))[0])
    lst = AttachmentsList(p, st, sid)
    qtbot.addWidget(lst)
    lst.resize(520, 240)
    lst.show()
    fm = lst.list.fontMetrics()
    cell = lst.list.gridSize().width()
    by_mark = {}
    for i in range(lst.list.count()):
        lines = lst.list.item(i).text().split("\n")
        assert len(lines) == 3
        for line in lines:
            assert fm.horizontalAdvance(line) <= cell, f"{line!r} does not fit under the thumbnail"
        by_mark[lines[2]] = lines
    ai = by_mark["AI-generated"]
    assert ai[0].endswith(".png") and ai[0].startswith("425th")  # elided in the middle
    assert ai[1].endswith("PNG image")
    assert by_mark["Unverified"][1].endswith("PDF")
    assert lst.mark.sizeHint().width() >= fm.horizontalAdvance("AI-generated")
