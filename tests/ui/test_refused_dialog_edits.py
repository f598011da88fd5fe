"""A dialog whose edit the window refuses (read-only file) stays open with the reason, and the
analyst's text stays in it; the same dialog on a writable file saves and closes."""
from __future__ import annotations

from desktop.model.evidence_commands import add_source
from desktop.storage.project.projectfile import close_project, open_project
from desktop.ui.window.main_window import MainWindow

from ui.test_main_window import make_file


def _window_with_source(qtbot, tmp_path, read_only: bool):
    path, _ = make_file(tmp_path)
    p = open_project(path)
    cmd, sid = add_source(p, "The Kyiv Independent", url="https://kyivindependent.com/a", reliability="B")
    p.apply(cmd.changes)
    close_project(p)
    w = MainWindow(open_project(path, read_only=read_only), path, restore_layout=False)
    qtbot.addWidget(w)
    return w, path, sid


def _quote_dialog(w, sid):
    w.sources.select_source(sid)
    dlg = w.sources.new_quote()
    dlg.text.setPlainText("The enemy entered the outskirts of Pokrovsk.")
    return dlg


def test_quote_dialog_stays_open_when_the_file_is_read_only(qtbot, tmp_path):
    w, path, sid = _window_with_source(qtbot, tmp_path, read_only=True)
    dlg = _quote_dialog(w, sid)
    dlg.accept()
    assert dlg.isVisible() and dlg.result() == 0
    assert "read-only" in dlg.problem.text()
    assert dlg.text.toPlainText() == "The enemy entered the outskirts of Pokrovsk."
    assert not w.project.quotes
    dlg.reject()
    close_project(w.project)
    assert not open_project(path).quotes


def test_source_dialog_stays_open_when_the_file_is_read_only(qtbot, tmp_path):
    w, path, sid = _window_with_source(qtbot, tmp_path, read_only=True)
    dlg = w.sources.add_source()
    dlg.outlet.setText("ISW")
    dlg.accept()
    assert dlg.isVisible() and "read-only" in dlg.warning.text()
    assert [s.outlet for s in w.project.sources.values()] == ["The Kyiv Independent"]
    dlg.reject()
    close_project(w.project)


def test_quote_dialog_saves_and_closes_on_a_writable_file(qtbot, tmp_path):
    w, path, sid = _window_with_source(qtbot, tmp_path, read_only=False)
    dlg = _quote_dialog(w, sid)
    dlg.accept()
    assert not dlg.isVisible() and dlg.problem.text() == ""
    assert [q.text for q in w.project.quotes.values()] == ["The enemy entered the outskirts of Pokrovsk."]
    close_project(w.project)
    assert len(open_project(path).quotes) == 1
