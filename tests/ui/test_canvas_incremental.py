"""The map repaints only for changes it shows (issue 17, item 6), counted in repaints asked, not timed.

A source, a quote, a zone's name, a version's notes or (with the evidence marks off) an evidence
link edited changes nothing on the map, so the canvas must not repaint every visible zone for
it; a zone edit, a status, an evidence link while the marks are shown, and an undo of a zone
edit must still repaint.
"""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from desktop.model import edits
from desktop.model.commands import CommandStack
from desktop.model.cursor import TimelineCursor
from desktop.model.evidence_commands import add_quote, add_source, edit_source, link_quote
from desktop.model.selection import Selection
from desktop.render.cache import project_cache
from desktop.ui.map.canvas import MapCanvas

from render.helpers import AOI, D1, two_zone_project


@pytest.fixture
def canvas(qtbot, monkeypatch):
    c = MapCanvas(TimelineCursor(), Selection())
    qtbot.addWidget(c)
    c.resize(600, 400)
    with qtbot.waitExposed(c):
        c.show()
    p, red, grey = two_zone_project()
    c.set_project(p)
    c.cursor.set_date(D1)
    c.zoom_to_bbox_lonlat(*AOI)
    QApplication.processEvents()
    c.paints = 0  # repaints asked of the map layer (each one paints every visible zone)
    real = c.layer.update

    def counted(*a):
        c.paints += 1
        return real(*a)
    monkeypatch.setattr(c.layer, "update", counted)
    c.ids = (red, grey)
    c.stack = CommandStack(p)
    return c


def _paints_for(c: MapCanvas, run) -> int:
    QApplication.processEvents()
    c.paints = 0
    before = c.stack.index
    run()
    assert c.stack.index != before, "the edit (or undo) was not made: no repaint would prove nothing"
    QApplication.processEvents()
    return c.paints


def test_source_and_quote_edits_do_not_repaint_the_map(canvas):
    p = canvas.project
    generation = project_cache(p).generation
    assert _paints_for(canvas, lambda: canvas.stack.push(add_source(p, "Outlet", title="Report")[0])) == 0
    sid = next(iter(p.sources))
    assert _paints_for(canvas, lambda: canvas.stack.push(edit_source(p, sid, notes="checked"))) == 0
    assert _paints_for(canvas, lambda: canvas.stack.push(add_quote(p, sid, "the village is contested")[0])) == 0
    qid = next(iter(p.quotes))
    vid = p.version_at(canvas.ids[0], D1).id
    # Marks off: an evidence link shows nowhere on the map either.
    assert _paints_for(canvas, lambda: canvas.stack.push(link_quote(p, qid, vid, "contradicts")[0])) == 0
    assert project_cache(p).generation == generation  # the zones' cached pixels stay valid
    assert _paints_for(canvas, canvas.stack.undo) == 0


def test_what_the_map_shows_still_repaints(canvas):
    p = canvas.project
    red = canvas.ids[0]
    generation = project_cache(p).generation
    shape = p.version_at(red, D1).geometry.buffer(0.001)
    assert _paints_for(canvas, lambda: canvas.stack.push(
        edits.edit_zone(p, red, D1, geometry=shape, mode=edits.CLIP_SELF))) >= 1
    assert project_cache(p).generation > generation
    assert _paints_for(canvas, canvas.stack.undo) >= 1
    # With the evidence marks on, a link changes a badge: it repaints.
    canvas.set_evidence_marks(True)
    sid = p.sources and next(iter(p.sources))
    if not sid:
        canvas.stack.push(add_source(p, "Outlet", title="Report")[0])
        sid = next(iter(p.sources))
    canvas.stack.push(add_quote(p, sid, "the village is contested")[0])
    qid = next(iter(p.quotes))
    vid = p.version_at(red, D1).id
    assert _paints_for(canvas, lambda: canvas.stack.push(link_quote(p, qid, vid, "contradicts")[0])) >= 1


def test_a_rename_or_notes_do_not_repaint_but_a_status_does(canvas):
    p = canvas.project
    red = canvas.ids[0]
    vid = p.version_at(red, D1).id
    assert _paints_for(canvas, lambda: canvas.stack.push(edits.rename_zone(p, red, "Renamed"))) == 0
    assert _paints_for(canvas, lambda: canvas.stack.push(edits.set_version_fields(p, vid, notes="seen"))) == 0
    assert _paints_for(canvas, lambda: canvas.stack.push(
        edits.edit_zone(p, red, D1, status="contested", mode=edits.CLIP_SELF))) >= 1
