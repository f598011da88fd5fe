"""`run_gui`: the screenshot path paints the real window at the asked size, and the
no-argument start opens a project in the user's data folder, never under resources/."""
from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from PySide6.QtGui import QImage

from desktop.storage.project.projectfile import open_project
from desktop.ui import app as app_mod
from desktop.ui.window import settings

from .test_main_window import make_file


def test_screenshot_paints_the_window_at_the_size(qapp, tmp_path):
    path, _ = make_file(tmp_path)
    out = tmp_path / "shot.png"
    assert app_mod.run_gui(str(path), date(2025, 12, 1), str(out), (1280, 800)) == 0
    img = QImage(str(out))
    assert (img.width(), img.height()) == (1280, 800)
    # Not a blank image: the window's chrome is there in several colours.
    colours = {img.pixel(x, y) for x in range(0, 1280, 37) for y in range(0, 800, 29)}
    assert len(colours) > 5
    assert settings.load_layout() == (None, None)  # a screenshot does not save the layout


def test_no_argument_start_uses_the_data_folder(qapp, tmp_path):
    data = Path(os.environ["FRONTLINE_DATA_DIR"])
    expected, exists = app_mod.default_project_path()
    assert expected.parent == data and not exists
    out = tmp_path / "shot.png"
    recent = settings.recent_files()
    assert app_mod.run_gui(None, None, str(out), (1000, 700)) == 0
    assert expected.exists()
    p = open_project(expected)
    assert p.assessments  # the sample, or an empty project with somewhere to draw
    if app_mod.SAMPLE.exists():
        assert expected.read_bytes()[:16] == app_mod.SAMPLE.read_bytes()[:16]
    assert settings.recent_files() == recent  # a screenshot run is not the user's session (#18)


def _file_with_a_bow_tie(path):
    """The two-zone project file, with the red zone's first shape made a bow-tie by another tool."""
    import sqlite3

    from shapely.geometry import MultiPolygon, Polygon

    from desktop.storage.project.gpkg import encode, register_functions
    from render.helpers import two_zone_file
    two_zone_file(path)
    bow = MultiPolygon([Polygon([(37.05, 48.2), (37.15, 48.3), (37.15, 48.2), (37.05, 48.3), (37.05, 48.2)])])
    # The other tool (QGIS, GDAL) has the GeoPackage SQL functions the spatial index's triggers call.
    con = register_functions(sqlite3.connect(path))
    with con:
        con.execute("UPDATE zone_versions SET geom = ? WHERE zone_id = (SELECT id FROM zones WHERE name = 'Red') "
                    "AND valid_to IS NOT NULL", (encode(bow),))
    con.close()
    return path


def test_a_shape_another_tool_made_invalid_is_named_in_the_status_bar(qtbot, tmp_path):
    """Opened in the window, a project whose file holds a bow-tie written by another tool shows
    the zone repaired (the overlays would otherwise fail) and says so where the analyst looks."""
    from desktop.storage.project.projectfile import close_project, open_project
    from desktop.ui.window.main_window import MainWindow
    from render.helpers import D2

    path = _file_with_a_bow_tie(tmp_path / "p.gpkg")
    w = MainWindow(open_project(path), path, restore_layout=False)
    qtbot.addWidget(w)
    try:
        shown = w.status.currentMessage()
        assert "zone 'Red'" in shown and "repaired" in shown and "Self-intersection" in shown
        w.cursor.set_date(D2)  # gains and losses across the repaired version: no GEOS error
        assert all(v.geometry.is_valid for v in w.project.versions.values())
    finally:
        close_project(w.project)


def test_the_window_fits_a_small_laptop_screen_with_a_zone_selected(qtbot, tmp_path):
    """1366x768 less a taskbar: the inspector scrolls instead of holding the window taller."""
    import shutil
    from datetime import date
    from pathlib import Path

    from desktop.storage.project.projectfile import close_project, open_project
    from desktop.ui.window.main_window import MainWindow

    sample = Path(__file__).resolve().parents[2] / "resources" / "samples" / "pokrovsk_myrnohrad_2025.gpkg"
    path = tmp_path / "sample.gpkg"
    shutil.copy(sample, path)
    w = MainWindow(open_project(path), path, restore_layout=False)
    qtbot.addWidget(w)
    try:
        w.resize(1280, 700)
        w.show()
        qtbot.waitExposed(w)
        w.cursor.set_date(date(2025, 12, 1))
        zone = max(w.project.zones, key=lambda z: len(w.project.versions_of(z)))
        w.selection.set([zone])
        qtbot.wait(50)
        assert len(w.project.versions_of(zone)) >= 5
        hint = w.minimumSizeHint()
        assert hint.height() <= 700 and hint.width() <= 1280, hint
        assert w.height() <= 700
        assert w.inspector.isVisibleTo(w)
    finally:
        close_project(w.project)


def test_opening_through_file_open_keeps_the_repair_warning_in_view(qtbot, tmp_path):
    from desktop.storage.project.projectfile import close_project, open_project
    from desktop.ui.dialogs import file_menu as dialogs_file
    from desktop.ui.window.main_window import MainWindow
    from render.helpers import two_zone_file

    first, second = tmp_path / "a.gpkg", _file_with_a_bow_tie(tmp_path / "b.gpkg")
    two_zone_file(first)
    w = MainWindow(open_project(first), first, restore_layout=False)
    qtbot.addWidget(w)
    try:
        assert dialogs_file.open_path(w, str(second))
        assert "zone 'Red'" in w.status.currentMessage() and "repaired" in w.status.currentMessage()
    finally:
        close_project(w.project)
