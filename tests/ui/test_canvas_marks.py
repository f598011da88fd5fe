"""Evidence marks on the map (red "!" where a quote contradicts a version, grey "?" where no
quote backs it), their toggle in the Layers dock (persisted), and compare shapes on the canvas."""
from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.model.commands import CommandStack
from desktop.model.evidence_commands import add_quote, add_source
from desktop.model.evidence_commands import link_quote
from desktop.render.frame import render_image
from desktop.render.marks import CONTRADICTED, mark_positions
from desktop.render.projection import MapView
from desktop.model.mercator import bbox_to_merc
from desktop.model.cursor import TimelineCursor
from desktop.model.selection import Selection
from desktop.ui.map.canvas import MapCanvas
from desktop.ui.compare.panel import CompareShape
from desktop.ui.map.layers_dock import LayersPanel

from render.helpers import AOI, D1, reddish, rgb, two_zone_project

W, H = 800, 600


def marked_project():
    """Red (ru_control) contradicted by a quote; Grey (contested) with no evidence at all."""
    p, red, grey = two_zone_project()
    stack = CommandStack(p)
    cmd, sid = add_source(p, "General Staff", reliability="B")
    stack.push(cmd)
    cmd, qid = add_quote(p, sid, "The town is held.", credibility=3)
    stack.push(cmd)
    red_v = p.version_at(red, D1).id
    stack.push(link_quote(p, qid, red_v, "contradicts")[0])
    return p, red, grey, stack, qid


def badge_pixels(img: np.ndarray, colour: str) -> np.ndarray:
    c = np.array([int(colour[i:i + 2], 16) for i in (1, 3, 5)])
    return (np.abs(img.astype(int) - c).max(axis=2) <= 6)


def test_marks_follow_the_evidence_and_the_spec_toggle(qapp):
    from desktop.render.frame import Chrome, FrameSpec
    p, red, grey, stack, qid = marked_project()
    bbox = bbox_to_merc(*AOI)
    view = MapView(bbox, W, H)
    spec = FrameSpec(project=p, when=D1, bbox=bbox, evidence_marks=True, chrome=Chrome(scale=1.0))
    marks = {vid: (kind, pos) for vid, kind, pos in mark_positions(spec, view)}
    red_v, grey_v = p.version_at(red, D1).id, p.version_at(grey, D1).id
    assert {vid: kind for vid, (kind, _) in marks.items()} == {red_v: "contradicted", grey_v: "no_evidence"}
    img = rgb(render_image(spec, W, H))
    pos = marks[red_v][1]
    assert badge_pixels(img[int(pos.y()) - 9:int(pos.y()) + 10, int(pos.x()) - 9:int(pos.x()) + 10], CONTRADICTED).sum() > 60
    # The badge sits inside its zone.
    from desktop.model.mercator import to_lonlat
    from shapely.geometry import Point
    x0, _, _, y1 = view.fitted
    lon, lat = to_lonlat(x0 + pos.x() * view.resolution, y1 - pos.y() * view.resolution)
    assert p.version_at(red, D1).geometry.contains(Point(lon, lat))
    off = rgb(render_image(FrameSpec(project=p, when=D1, bbox=bbox, evidence_marks=False), W, H))
    assert not badge_pixels(off, CONTRADICTED).any()
    # Supporting evidence instead: the red zone is no longer marked at all.
    ev = next(iter(p.evidence.values()))
    stack.push(link_quote(p, qid, ev.target_id, "supports")[0])
    assert red_v not in {vid for vid, _, _ in mark_positions(spec, view)}
    stack.undo()
    assert red_v in {vid for vid, _, _ in mark_positions(spec, view)}


def test_no_evidence_marks_give_way_and_skip_tiny_zones(qapp):
    from desktop.render.frame import FrameSpec
    p, red, grey, _, _ = marked_project()
    far = bbox_to_merc(22.0, 44.3, 40.3, 52.4)  # all Ukraine: both zones are a few pixels wide
    spec = FrameSpec(project=p, when=D1, bbox=far, evidence_marks=True)
    kinds = [k for _, k, _ in mark_positions(spec, MapView(far, W, H))]
    assert kinds == ["contradicted"]  # the contradiction always shows; "?" does not carpet the map


@pytest.fixture
def canvas(qtbot):
    c = MapCanvas(TimelineCursor(), Selection())
    qtbot.addWidget(c)
    c.resize(W, H)
    with qtbot.waitExposed(c):
        c.show()
    p, red, grey, _, _ = marked_project()
    c.set_project(p)
    c.cursor.set_date(D1)
    c.zoom_to_bbox_lonlat(*AOI)
    QApplication.processEvents()
    c.ids = (red, grey)
    return c


def test_canvas_toggle_and_the_dock_checkbox_persist(canvas, qtbot, tmp_path):
    canvas.set_evidence_marks(True)
    shown = rgb(canvas.grab().toImage())
    assert badge_pixels(shown, CONTRADICTED).sum() > 60
    panel = LayersPanel()
    qtbot.addWidget(panel)
    panel.set_project(canvas.project)
    panel.sigEvidenceMarks.connect(canvas.set_evidence_marks)
    item = panel.item_for("marks", "")
    assert item is not None and item.checkState(0) == Qt.Checked  # on by default
    item.setCheckState(0, Qt.Unchecked)
    assert canvas.evidence_marks is False and canvas.frame_spec().evidence_marks is False
    assert not badge_pixels(rgb(canvas.grab().toImage()), CONTRADICTED).any()
    again = LayersPanel()  # a new session reads the setting back
    qtbot.addWidget(again)
    again.set_project(canvas.project)
    assert again.evidence_marks is False and again.item_for("marks", "").checkState(0) == Qt.Unchecked


def test_compare_shapes_are_drawn_and_one_is_shown(canvas):
    from shapely.geometry import box
    shape = CompareShape("k1", "Claim: all of the town", "claim", "ru_claim", box(37.30, 48.33, 37.36, 48.37),
                         12.5, "#ff0000")
    other = CompareShape("k2", "Elsewhere", "only_b", "contested", box(37.02, 48.16, 37.04, 48.18), 1.0, "#0000ff")
    canvas.set_compare_shapes([shape, other])
    canvas.set_compare_visible(True)
    QApplication.processEvents()
    img = rgb(canvas.grab().toImage())
    p = canvas.lonlat_to_widget(37.33, 48.35)
    patch = img[int(p.y()) - 10:int(p.y()) + 10, int(p.x()) - 10:int(p.x()) + 10]
    assert reddish(patch).sum() > 20  # hatched in the claim's colour
    canvas.set_compare_visible(False)
    QApplication.processEvents()
    img = rgb(canvas.grab().toImage())
    assert not reddish(img[int(p.y()) - 10:int(p.y()) + 10, int(p.x()) - 10:int(p.x()) + 10]).any()
    canvas.show_compare_shape(shape)  # zooms to it and highlights it (and shows the layer)
    QApplication.processEvents()
    w, s, e, n = canvas.view_bbox_lonlat()
    assert w < 37.30 and e > 37.36 and s < 48.33 and n > 48.37
    assert e - w < 0.2  # zoomed in, not just panned
    assert canvas.compare.isVisible() and canvas.compare.highlighted == "k1"
    img = rgb(canvas.grab().toImage())
    edge = canvas.lonlat_to_widget(37.30, 48.35)  # the west edge: a bold selection outline
    patch = img[int(edge.y()) - 3:int(edge.y()) + 4, int(edge.x()) - 3:int(edge.x()) + 4]
    assert badge_pixels(patch, "#1565c0").any()
    canvas.set_compare_shapes([other])  # the list changed: the highlight goes
    assert canvas.compare.highlighted is None
    canvas.show_compare_shape(None)
    assert canvas.compare.highlighted is None


def test_compare_panel_drives_the_canvas_in_the_window(qtbot, tmp_path):
    from desktop.model import edits
    from desktop.storage.project.projectfile import close_project, create_project, open_project
    from desktop.ui.window.main_window import MainWindow
    from shapely.geometry import box
    path = tmp_path / "c.gpkg"
    p = create_project(path, title="Compare")
    cmd, aid = edits.add_assessment(p, "Ours")
    p.apply(cmd.changes)
    for name, status, geom in (("Held", "ru_control", box(37.1, 48.2, 37.2, 48.3)),
                               ("Claim", "ru_claim", box(37.1, 48.2, 37.3, 48.3))):
        cmd, _ = edits.create_zone(p, name=name, assessment_id=aid, geometry=geom, status=status, as_of=date(2025, 12, 1))
        p.apply(cmd.changes)
    close_project(p)
    w = MainWindow(open_project(path), path, restore_layout=False)
    qtbot.addWidget(w)
    w.show()
    w.cursor.set_date(date(2025, 12, 1))
    w.compare_dock.show()
    w.compare_dock.raise_()
    w.compare.set_mode("claims")
    QApplication.processEvents()
    assert [s.label for s in w.canvas.compare.shapes] == ["Claim"]
    top = w.compare.tree.topLevelItem(0)
    w.compare.tree.setCurrentItem(top)
    assert w.canvas.compare.highlighted == w.compare.shapes()[0].key
    lon0, _, lon1, _ = w.canvas.view_bbox_lonlat()
    assert lon0 < 37.2 < lon1 and lon1 - lon0 < 0.5
    close_project(w.project)
