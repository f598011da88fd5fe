"""Evidence badges never cover a place name: on the sample, the contradicted version's badge
would sit on "Pokrovsk" and is moved below it."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QRectF

from desktop.render.frame import Chrome, FrameSpec, default_bbox
from desktop.render.labels import place_labels
from desktop.render.marks import RADIUS, mark_positions
from desktop.render.projection import MapView
from desktop.model.mercator import bbox_to_merc
from desktop.storage.project.sample import sample_path
from desktop.storage.project.projectfile import close_project, open_project


def test_badges_keep_off_the_labels(qapp):
    p = open_project(sample_path(), read_only=True)
    try:
        for bbox in (bbox_to_merc(37.05, 48.22, 37.35, 48.36), default_bbox(p)):
            view = MapView(bbox, 1100, 700)
            spec = FrameSpec(project=p, when=date(2025, 12, 1), bbox=bbox, evidence_marks=True,
                             chrome=Chrome(scale=1.0))
            marks = mark_positions(spec, view)
            assert marks
            labels = [box for _, _, box, _ in place_labels(view, 1.0)]
            assert any(lb.text == "Pokrovsk" for lb, _, _, _ in place_labels(view, 1.0))
            for _, _, pos in marks:
                badge = QRectF(pos.x() - RADIUS, pos.y() - RADIUS, 2 * RADIUS, 2 * RADIUS)
                assert not any(badge.intersects(b) for b in labels), pos
    finally:
        close_project(p)
