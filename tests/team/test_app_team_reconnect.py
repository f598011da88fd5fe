"""The window follows others' edits through the LISTEN socket, also after that connection was
cut (a server restart, an administrator's pg_terminate_backend) and made again by a poll that
did not fail: the socket notifier moves to the new socket, so edits arrive at once, not only
when the fallback timer fires."""
from __future__ import annotations

from desktop.model.edits import rename_zone
from desktop.storage.team import sync
from desktop.ui.window.main_window import MainWindow

CORRIDOR = "zone-corridor"


def _window(qtbot, url: str, analyst: str) -> MainWindow:
    w = MainWindow(sync.open_any(url, analyst=analyst), url, restore_layout=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_after_the_listen_connection_is_cut_edits_still_arrive_through_the_socket(qtbot, pg, team_url, sample_copy):
    assert sync.push(sample_copy, team_url).created
    a, b = _window(qtbot, team_url, "alice"), _window(qtbot, team_url, "bob")
    try:
        live = b.team_live
        live.timer.stop()  # only the socket wakes B from here on
        old = live._fileno
        assert old >= 0 and live.notifier is not None
        listen_pid = b.project.storage._listener().info.backend_pid
        with pg.connect("frontline_tests") as con:
            assert con.execute("SELECT pg_terminate_backend(%s)", (listen_pid,)).fetchone()[0]
        # The cut makes the old socket readable: B polls, finds the connection gone, makes a
        # new one, and must now watch that one.
        qtbot.waitUntil(lambda: b.project.storage.listening_fileno() >= 0
                        and b.project.storage._listen.info.backend_pid != listen_pid, timeout=3000)
        qtbot.waitUntil(lambda: live._fileno == b.project.storage.listening_fileno(), timeout=3000)
        a.push(rename_zone(a.project, CORRIDOR, "Corridor (alice)"))
        qtbot.waitUntil(lambda: b.project.zones[CORRIDOR].name == "Corridor (alice)", timeout=1000)
    finally:
        a.close()
        b.close()
