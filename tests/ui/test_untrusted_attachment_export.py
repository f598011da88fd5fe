"""Attachments leave the project only through "Save as…" / "Save all…", and always land inside
the folder chosen, under a safe name, even when the project file (made by someone else) holds a
hostile name that never went through `add_attachment`."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from desktop.model import CommandStack, Project
from desktop.model.entities import Attachment
from desktop.model.evidence_commands import add_source
from desktop.model.record_commands import put_record
from desktop.ui.evidence import attachments_list
from desktop.ui.evidence.attachments_list import AttachmentsList

HOSTILE_NAMES = ("../../outside.txt", "..\\..\\outside2.txt", "/etc/passwd", "NOTES.txt", "notes.txt", "..")


def _project():
    p = Project()
    st = CommandStack(p)
    cmd, sid = add_source(p, "Hromadske", reliability="B")
    st.push(cmd)
    for i, name in enumerate(HOSTILE_NAMES):
        # Straight into the record, as a crafted project file would bring it.
        st.push(put_record(p, "attachments", Attachment(f"a{i}", sid, name, "text/plain", f"file {i}".encode()),
                           "attach"))
    return p, st, sid


def _inside(folder: Path) -> list[Path]:
    return sorted(x for x in folder.parent.rglob("*") if x.is_file())


def test_save_as_suggests_a_safe_name_and_writes_inside_the_folder(qtbot, tmp_path, monkeypatch):
    p, st, sid = _project()
    folder = tmp_path / "out"
    folder.mkdir()
    lst = AttachmentsList(p, st, sid)
    qtbot.addWidget(lst)
    suggested = []

    def accept_suggestion(parent, name):
        suggested.append(name)
        return str(folder / name)
    monkeypatch.setattr(attachments_list, "choose_save_path", accept_suggestion)
    for row in range(lst.list.count()):
        lst.list.setCurrentRow(row)
        qtbot.mouseClick(lst.save_button, Qt.MouseButton.LeftButton)
    assert len(suggested) == len(HOSTILE_NAMES)
    for name in suggested:
        assert "/" not in name and "\\" not in name and not name.startswith(".")
    for f in _inside(folder):
        assert f.parent == folder, f"{f} escaped the folder"
    assert not (tmp_path / "outside.txt").exists()


def test_save_all_writes_every_file_once_inside_the_folder(qtbot, tmp_path, monkeypatch):
    p, st, sid = _project()
    folder = tmp_path / "out"
    folder.mkdir()
    lst = AttachmentsList(p, st, sid)
    qtbot.addWidget(lst)
    monkeypatch.setattr(attachments_list, "choose_folder", lambda parent: str(folder))
    qtbot.mouseClick(lst.save_all_button, Qt.MouseButton.LeftButton)
    files = _inside(folder)
    assert all(f.parent == folder for f in files)
    # NOTES.txt and notes.txt do not overwrite each other: every attachment is there.
    assert sorted(f.read_bytes() for f in files) == sorted(a.data for a in p.attachments.values())


def test_save_buttons_follow_the_selection(qtbot):
    p, st, sid = _project()
    lst = AttachmentsList(p, st, sid)
    qtbot.addWidget(lst)
    assert not lst.save_button.isEnabled() and lst.save_all_button.isEnabled()
    lst.list.setCurrentRow(0)
    assert lst.save_button.isEnabled()
    empty = AttachmentsList(p, st, None)
    qtbot.addWidget(empty)
    assert not empty.save_all_button.isEnabled()
