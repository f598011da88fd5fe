"""The canvas after a timeline scrub or a pan shows what a fresh paint of the same date and view
shows: zone sprites, cached layer images and their pan copies change how a frame is made, never
what it looks like (to a few levels of 255 where a copy rounds once more)."""
from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from desktop.render import sprites
from desktop.render.frame import default_bbox, render_image
from desktop.render.zones import project_cache
from desktop.model.cursor import TimelineCursor
from desktop.model.selection import Selection
from desktop.ui.map.canvas import MapCanvas

from render.helpers import rgb
from render.zonegrid import grid_project

SIZE = (720, 480)


@pytest.fixture(autouse=True)
def _sprites_for_few_zones(monkeypatch):
    """The grid is small: let it use sprites as a big project would."""
    monkeypatch.setattr(sprites, "MIN_ZONES", 1)


def _canvas(qtbot, project, when, fraction: float = 1.0) -> MapCanvas:
    """A canvas showing `fraction` of the project's extent about its centre."""
    c = MapCanvas(TimelineCursor(), Selection())
    qtbot.addWidget(c)
    c.resize(*SIZE)
    with qtbot.waitExposed(c):
        c.show()
    c.set_project(project)
    c.cursor.set_date(when)
    x0, y0, x1, y1 = default_bbox(project)
    mx, my = (x1 - x0) * (1 - fraction) / 2, (y1 - y0) * (1 - fraction) / 2
    c.vb.setRange(xRange=(x0 + mx, x1 - mx), yRange=(y0 + my, y1 - my), padding=0.0)
    QApplication.processEvents()
    return c


def _shown(c: MapCanvas) -> np.ndarray:
    c.viewport().repaint()
    return rgb(c.viewport().grab().toImage())


def _exported(c: MapCanvas) -> np.ndarray:
    vp = c.viewport()
    return rgb(render_image(c.frame_spec(), vp.width(), vp.height()))


def _assert_same_picture(a: np.ndarray, b: np.ndarray, tolerance: int = 4) -> None:
    assert a.shape == b.shape
    diff = np.abs(a.astype(int) - b.astype(int)).max(axis=2)
    assert diff.max() <= tolerance, (int(diff.max()), int((diff > tolerance).sum()))


@pytest.mark.parametrize("fraction", [1.0, 0.6])
def test_scrubbed_canvas_equals_a_fresh_canvas_at_the_same_date(qtbot, fraction):
    """The whole grid, and a view that cuts through its cells (those are painted directly)."""
    p, ds = grid_project()
    c = _canvas(qtbot, p, ds[0], fraction)
    for i in (4, 9, 2, 11, 6, 1, 9):  # a scrub: copies from sprites from the second date on
        c.cursor.set_date(ds[i])
        scrubbed = _shown(c)
        QApplication.processEvents()
    assert sum(len(v) for s in project_cache(p).sprites.sheets() for v in s.layers.values()) > 50
    project_cache(p).sprites.clear()  # the fresh canvas paints every zone itself
    fresh = _canvas(qtbot, p, ds[9], fraction)
    assert fresh.view_bbox() == pytest.approx(c.view_bbox())
    _assert_same_picture(scrubbed, _shown(fresh))
    _assert_same_picture(scrubbed, _exported(c))
    # And the zones are there: the grid's statuses cover most of the view in several colours.
    assert len(np.unique(scrubbed.reshape(-1, 3), axis=0)) > 50


def _drag(qtbot, c: MapCanvas, start: QPoint, end: QPoint) -> None:
    vp = c.viewport()
    qtbot.mousePress(vp, Qt.LeftButton, pos=start)
    for t in np.linspace(0, 1, 6)[1:]:
        qtbot.mouseMove(vp, QPoint(round(start.x() + (end.x() - start.x()) * t),
                                   round(start.y() + (end.y() - start.y()) * t)))
        c.viewport().repaint()
    qtbot.mouseRelease(vp, Qt.LeftButton, pos=end)
    QApplication.processEvents()


def _solid_outlines(project) -> None:
    for k, s in list(project.legend.items()):
        project.legend[k] = dataclasses.replace(s, dashed=False)


def _pan(qtbot, project, ds) -> tuple[MapCanvas, np.ndarray]:
    c = _canvas(qtbot, project, ds[3])
    c.cursor.set_date(ds[5])  # shown once, then panned: the zones come from a layer image
    _shown(c)
    QApplication.processEvents()
    before = c.view_bbox()
    _drag(qtbot, c, QPoint(400, 300), QPoint(310, 260))
    _drag(qtbot, c, QPoint(300, 200), QPoint(350, 330))
    assert c.view_bbox() != pytest.approx(before)
    return c, _shown(c)


def test_panned_canvas_equals_a_fresh_paint_of_its_view(qtbot):
    """Pans copy the cached basemap and zone layers shifted by whole pixels (a drag moves the
    view by whole pixels): the result is the frame painted afresh at the new view.

    With solid outlines: dashed ones differ, see the next test."""
    p, ds = grid_project()
    _solid_outlines(p)
    c, panned = _pan(qtbot, p, ds)
    _assert_same_picture(panned, _exported(c))
    project_cache(p).sprites.clear()
    fresh = _canvas(qtbot, p, ds[5])
    x0, y0, x1, y1 = c.view_bbox()
    fresh.vb.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0.0)
    QApplication.processEvents()
    _assert_same_picture(panned, _shown(fresh))


@pytest.mark.xfail(strict=True, reason="Qt's cosmetic stroker clips lines to the paint device and does not "
                   "advance the dash pattern along the clipped part: a dashed outline crossing the view's "
                   "edge has other dashes in a pan's layer image (painted with a margin) than in a fresh paint")
def test_panned_dashed_outlines_equal_a_fresh_paint(qtbot):
    p, ds = grid_project()
    c, panned = _pan(qtbot, p, ds)
    _assert_same_picture(panned, _exported(c))
