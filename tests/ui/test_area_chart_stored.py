"""The area chart of a reopened project file shows the areas stored in the file, which are the
ones measured from the shapes; it recomputes after edits and not when nothing changed."""
from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from desktop.model import CommandStack
from desktop.model.edits import edit_zone
from desktop.model.project import Project
from desktop.model.timeline import area_table
from desktop.storage.imports.importer import import_files
from desktop.storage.project.projectfile import close_project, create_project, open_project
from desktop.ui.timeline.area_chart import AreaChart
from desktop.model.cursor import TimelineCursor


@pytest.fixture
def reopened(shared_data, tmp_path):
    """Eight real DeepState weeks imported as a series into a file, closed and opened again."""
    weekly = sorted((shared_data / "frontline" / "deepstate_cyterat_weekly").glob("*.geojson"))[-8:]
    path = tmp_path / "front.gpkg"
    project = create_project(path, "front")
    import_files(project, weekly, series=True, status="ru_control")
    close_project(project)
    project = open_project(path)
    yield project
    close_project(project)


def measured_from_scratch(project, dates) -> dict:
    """The same table from a copy of the records with no area known: every shape measured."""
    fresh = Project(legend={})
    fresh.load_changes(_all_changes(project))
    assert all(fresh.cached_area_km2(v) is None for v in fresh.versions.values())
    return area_table(fresh, dates)


def _all_changes(project):
    from desktop.model.changes import Change
    return [Change(t, i, None, r) for t, i, r in project.iter_all()]


def _chart(qtbot, project):
    cursor = TimelineCursor(project)
    w = AreaChart(cursor)
    qtbot.addWidget(w)
    w.resize(900, 320)
    w.show()
    qtbot.waitExposed(w)
    return w


def _same_table(a: dict, b: dict) -> None:
    assert set(a) == set(b)
    for k in a:
        np.testing.assert_array_equal(a[k], b[k])  # to the bit: the same sums of the same figures


def test_chart_of_a_reopened_file_equals_the_measured_areas(qtbot, reopened):
    # Nothing is measured on opening: every area came from the file.
    assert all(reopened.cached_area_km2(v) is not None for v in reopened.versions.values())
    w = _chart(qtbot, reopened)
    assert len(w.dates) >= 8 and w.table
    expected = {k: v for k, v in measured_from_scratch(reopened, w.dates).items() if np.any(v)}
    _same_table(w.table, expected)


def test_chart_follows_edits_and_skips_unchanged_refreshes(qtbot, reopened):
    w = _chart(qtbot, reopened)
    rebuilds = w.area.rebuilds
    w.set_project(reopened)  # the window tells every part about the project it already shows
    qtbot.wait(20)
    assert w.area.rebuilds == rebuilds  # nothing rebuilt for the same project
    before = {k: v.copy() for k, v in w.table.items()}
    zid = max(reopened.zones, key=lambda z: len(reopened.versions_of(z)))
    last = reopened.versions_of(zid)[-1]
    CommandStack(reopened).push(edit_zone(reopened, zid, last.valid_from, geometry=last.geometry.buffer(0.05)))
    qtbot.waitUntil(lambda: w._shown[2] == w._generation and not w._pending, timeout=2000)
    assert w.area.rebuilds == rebuilds  # the edit moved only the versions it touched
    key = (reopened.zones[zid].assessment_id, last.status)
    assert not np.array_equal(w.table[key], before[key])  # the grown shape shows
    expected = {k: v for k, v in measured_from_scratch(reopened, w.dates).items() if np.any(v)}
    assert set(w.table) == set(expected)
    for k in expected:  # updated per edit, the sums are added in another order: equal to rounding
        np.testing.assert_allclose(w.table[k], expected[k], rtol=1e-12, atol=1e-9)
