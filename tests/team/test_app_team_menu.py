"""The window's team entries: File ▸ Open Team Project… (and a URL on the command line), the
attribution line in the inspector, Take Offline…, and Push Offline Edits… with its report."""
from __future__ import annotations

import sqlite3

import pytest

from desktop.model import CommandStack
from desktop.model.edits import rename_zone
from desktop.storage.project.projectfile import close_project, open_project
from desktop.storage.team import offline_log, sync
from desktop.ui.dialogs import file_menu, team_menu
from desktop.ui.window.main_window import MainWindow

CORRIDOR, CLAIM = "zone-corridor", "zone-claim-ru"


@pytest.fixture
def team(team_url, sample_copy):
    assert sync.push(sample_copy, team_url).created
    return team_url


@pytest.fixture
def window(qtbot, sample_copy):
    w = MainWindow(open_project(sample_copy), sample_copy, restore_layout=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.close()


def test_open_team_project_shows_whose_it_is_and_never_the_password(qtbot, window, team, monkeypatch):
    url = team + "&password=s3cret"  # the test cluster trusts its socket: the password is unused
    monkeypatch.setattr(team_menu, "ask_team_url", lambda w: url)
    window.team_actions["open"].trigger()
    assert sync.is_team_url(window.path) and window.project.storage.analyst == "frontline_admin"
    assert "Team project" in window.windowTitle()
    for shown in (window.windowTitle(), window.status.path.text(), window.status.path.toolTip(),
                  " ".join(team_menu.recent_urls())):
        assert "s3cret" not in shown
    assert team_menu.recent_urls()[0] == window.project.storage.display
    # Attribution: who made the version the inspector shows.
    window.selection.set([CORRIDOR])
    line = window.inspector.findChild(type(window.status.path), "teamAttribution")
    assert line is not None and line.isVisible()
    assert line.text().startswith("This version: by frontline_admin, ")
    window.selection.clear()
    assert not line.isVisible()


def test_a_url_on_the_command_line_opens_the_window_on_it(qtbot, team, monkeypatch):
    from desktop.ui import app
    monkeypatch.setattr(team_menu, "analyst", lambda: "carol")
    w = app._open_window(team, None, restore_layout=False)
    qtbot.addWidget(w)
    try:
        assert w.project.storage.analyst == "carol" and "Team project" in w.windowTitle()
        assert w.team_live is not None
    finally:
        w.close()
    assert w.project.storage is None  # closing the window closed the connections


def test_take_offline_edit_then_push_with_a_conflict_reapplied(qtbot, window, team, tmp_path, monkeypatch):
    assert team_menu.open_team_url(window, team)
    copy = tmp_path / "offline.gpkg"
    monkeypatch.setattr(file_menu, "ask_save_path", lambda *a, **k: str(copy))
    window.team_actions["pull"].trigger()
    assert window.path == str(copy) and window.team_live is None
    assert offline_log.origin_of(window.project.storage.con).url == sync.display_name(team)
    assert window.push(rename_zone(window.project, CORRIDOR, "Corridor (offline)"))
    assert window.push(rename_zone(window.project, CLAIM, "Claim (offline)"))
    online = sync.open_any(team, analyst="bob")
    CommandStack(online).push(rename_zone(online, CORRIDOR, "Corridor (bob)"))
    close_project(online)

    reports = []

    def answer(w, title, lines, conflicts):
        reports.append((lines, conflicts))
        return "reapply" if conflicts else "keep"
    monkeypatch.setattr(team_menu, "show_report", answer)
    window.team_actions["push"].trigger()

    (first, had_conflicts), (last, _) = reports
    assert had_conflicts and "1 change set(s) went in, 1 conflicted" in first[0]
    assert any("zones 'Corridor (bob)': changed by bob" in line for line in first)
    assert not any("--" in line for line in first)  # the window's buttons, not the command's options
    assert "0 change set(s) went in, 1 reapplied on top" in last[0]
    con = sqlite3.connect(copy)
    try:
        assert offline_log.entries(con) == []
    finally:
        con.close()
    server = sync.open_any(team, read_only=True)
    try:
        assert (server.zones[CORRIDOR].name, server.zones[CLAIM].name) == ("Corridor (offline)", "Claim (offline)")
    finally:
        close_project(server)


def test_push_of_a_plain_file_makes_a_team_project(qtbot, window, pg, pg_db, monkeypatch):
    url = pg.url("frontline_tests", project="from_menu")
    monkeypatch.setattr(team_menu, "ask_url_for_new_team_project", lambda w: url)
    said = []
    monkeypatch.setattr(team_menu, "show_report", lambda w, t, lines, c: said.append(lines) or "keep")
    window.team_actions["push"].trigger()
    assert said and said[0][0].endswith("team project created (279 rows)")
    server = sync.open_any(url, read_only=True)
    try:
        assert server.snapshot() == window.project.snapshot()
    finally:
        close_project(server)


def test_the_dialog_lists_the_database_s_projects_and_keeps_the_name(qtbot, team, pg, monkeypatch):
    from desktop.storage.team import parse_team_url
    project = parse_team_url(team).project

    def fill(dialog):
        dialog.url.setEditText(pg.url("frontline_tests"))
        dialog.list_projects()
        names = [dialog.projects.item(i).text() for i in range(dialog.projects.count())]
        assert project in names
        dialog.projects.itemClicked.emit(dialog.projects.item(names.index(project)))
        dialog.name.setText("  Olena <i>K</i>  ")
        return 1
    monkeypatch.setattr(team_menu.OpenTeamDialog, "exec", fill)
    url = team_menu.ask_team_url(None)
    assert parse_team_url(url).project == project
    assert team_menu.analyst() == "Olena <i>K</i>"
    p = sync.open_any(url, analyst=team_menu.analyst())
    try:
        assert p.storage.analyst == "Olena <i>K</i>" and p.zones
    finally:
        close_project(p)


def test_the_url_box_has_room_for_a_url_with_no_recent_one(qtbot):
    """With no recent URL the editable box sized itself to nothing and showed "postgr…"."""
    team_menu.settings.set_value(team_menu.RECENT_KEY, [])
    dialog = team_menu.OpenTeamDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    url = "postgresql://db.example/front?project=pokrovsk"
    metrics = dialog.url.lineEdit().fontMetrics()
    assert dialog.url.lineEdit().width() >= metrics.horizontalAdvance(url)
