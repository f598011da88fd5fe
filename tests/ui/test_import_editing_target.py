"""Edits go where the Editing box says: importing a file into another assessment (here a new
"DeepState" one) adds that assessment but leaves the Editing target, so the next zone drawn
still goes into ours."""
from __future__ import annotations

import json

from desktop.storage.project.projectfile import close_project, open_project
from desktop.ui.dialogs import file_menu
from desktop.ui.window.main_window import MainWindow

from .test_main_window import make_file

NORTH = {"type": "Polygon", "coordinates": [[[37.1, 48.3], [37.2, 48.3], [37.2, 48.35], [37.1, 48.35], [37.1, 48.3]]]}


def test_importing_into_a_new_assessment_keeps_the_editing_target(qtbot, tmp_path):
    path, _ = make_file(tmp_path)
    win = MainWindow(open_project(path), path, restore_layout=False)
    qtbot.addWidget(win)
    ours = win.context.assessment_id
    assert win.editing.assessment.currentText() == "Our assessment"
    geojson = tmp_path / "deepstate.geojson"
    geojson.write_text(json.dumps({"type": "FeatureCollection", "features": [{
        "type": "Feature", "geometry": NORTH,
        "properties": {"name": "North", "status": "ru_control", "valid_from": "2025-11-01"}}]}))
    job = file_menu.import_files(win, [str(geojson)], assessment="DeepState", status="ru_control")
    with qtbot.waitSignal(job.sigEnded, timeout=60000):
        pass
    assert job.outcome == "done"
    names = {a.id: a.name for a in win.project.assessments.values()}
    assert sorted(names.values()) == ["DeepState", "Our assessment"]
    assert win.context.assessment_id == ours
    assert win.editing.assessment.currentText() == "Our assessment"
    assert win.editing.assessment.currentData() == ours
    assert win.layers.editing == ours
    close_project(win.project)
