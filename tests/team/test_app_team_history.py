"""The History dock's row for another analyst's batch names its author from the change log, not
by asking the server row by row (a colleague's edit of every zone would cost a round trip per
row on the GUI thread)."""
from __future__ import annotations

from desktop.model.edits import rename_zone
from desktop.storage.team import sync
from desktop.ui.window.main_window import MainWindow


def _window(qtbot, url: str, analyst: str) -> MainWindow:
    w = MainWindow(sync.open_any(url, analyst=analyst), url, restore_layout=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_a_batch_of_many_rows_is_attributed_without_a_query_per_row(qtbot, team_url, sample_copy):
    assert sync.push(sample_copy, team_url).created
    a, b = _window(qtbot, team_url, "alice"), _window(qtbot, team_url, "bob")
    try:
        asked = []
        store = b.project.storage
        real = store.author_of
        store.author_of = lambda table, id_: asked.append((table, id_)) or real(table, id_)
        zones = sorted(a.project.zones)
        assert len(zones) > 3
        assert a.push_group("Rename all", [rename_zone(a.project, z, f"zone {k}") for k, z in enumerate(zones)])
        qtbot.waitUntil(lambda: b.history_dock.remote is not None and b.history_dock.remote.count() == 1,
                        timeout=2000)
        assert b.history_dock.remote.item(0).text().endswith(" — by alice")
        assert asked == []
    finally:
        a.close()
        b.close()
