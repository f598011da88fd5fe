"""Zone sprites and the render state index: a frame copied from sprites is the directly painted
frame (to a few levels of 255, one extra compositing step), whatever was shown before it, and
the index answers exactly what `Project.state_at` answers."""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPainter
from shapely.geometry import box

from desktop.model.changes import ChangeBuilder
from desktop.model.commands import CommandStack
from desktop.model.edits import edit_zone
from desktop.model.entities import Assessment, Zone, ZoneVersion
from desktop.model.project import Project
from desktop.render import sprites
from desktop.render.frame import default_bbox
from desktop.render.projection import MapView
from desktop.model.mercator import project_geometry
from desktop.render.spec import FrameSpec
from desktop.render.states import StateIndex
from desktop.render.zones import paint_zones, project_cache

from render.frontdata import series_project
from render.zonegrid import grid_project

TOLERANCE = 4  # levels of 255: sprite copies round once more than the direct paint


@pytest.fixture(autouse=True)
def _sprites_for_few_zones(monkeypatch):
    """These projects are small: let them use sprites as a big one would."""
    monkeypatch.setattr(sprites, "MIN_ZONES", 1)


def _pixels(img: QImage) -> np.ndarray:
    h, w = img.height(), img.width()
    return np.frombuffer(img.constBits(), np.uint8, count=h * img.bytesPerLine()) \
        .reshape(h, img.bytesPerLine() // 4, 4)[:, :w].astype(int)


def _paint(project: Project, when: date, view: MapView, use_sprites: bool, dpr: float = 1.0) -> np.ndarray:
    img = QImage(round(view.width * dpr), round(view.height * dpr), QImage.Format_ARGB32_Premultiplied)
    img.setDevicePixelRatio(dpr)
    img.fill(Qt.transparent)
    q = QPainter(img)
    q.setRenderHint(QPainter.Antialiasing)
    q.setTransform(view.transform())
    paint_zones(q, view, FrameSpec(project, when, view.fitted), sprites=use_sprites)
    q.end()
    return _pixels(img)


def _sheets(project: Project) -> list[sprites.Sheet]:
    return project_cache(project).sprites.sheets()


def _sprite_count(project: Project) -> int:
    return sum(len(layer) for sheet in _sheets(project) for layer in sheet.layers.values())


def _scrub_and_compare(qapp, project: Project, dates: list[date], view: MapView, dpr: float = 1.0) -> None:
    """Paint `dates` in turn with sprites (a scrub) and check each against a direct paint."""
    covered = 0
    for d in dates:
        got = _paint(project, d, view, True, dpr)
        want = _paint(project, d, view, False, dpr)
        diff = np.abs(got - want).max(axis=2)
        assert diff.max() <= TOLERANCE, (d, int(diff.max()), int((diff > TOLERANCE).sum()))
        covered = max(covered, int((want[..., 3] > 0).sum()))
    assert covered > 0.05 * view.width * view.height * dpr * dpr  # the zones were on screen
    assert _sprite_count(project) > 0  # and a sheet was used: the comparison was not direct against direct


def _inner(bbox: tuple, fraction: float) -> tuple:
    x0, y0, x1, y1 = bbox
    mx, my = (x1 - x0) * (1 - fraction) / 2, (y1 - y0) * (1 - fraction) / 2
    return x0 + mx, y0 + my, x1 - mx, y1 - my


@pytest.mark.parametrize("fraction", [1.0, 0.63])
def test_grid_scrub_from_sprites_equals_direct_paint(qapp, fraction):
    """The whole grid, and a view its cells cross (dashed outlines clipped by the frame)."""
    p, ds = grid_project()
    view = MapView(_inner(default_bbox(p), fraction), 640, 400)
    order = [ds[i] for i in (0, 5, 2, 9, 5, 11, 0, 7)]
    _scrub_and_compare(qapp, p, order, view)


def test_hidpi_scrub_from_sprites_equals_direct_paint(qapp):
    p, ds = grid_project(cols=8, rows=6)
    view = MapView(default_bbox(p), 320, 220)
    _scrub_and_compare(qapp, p, [ds[i] for i in (1, 6, 3, 10)], view, dpr=2.0)


def test_real_series_scrub_from_sprites_equals_direct_paint(qapp, shared_data: Path):
    """The raw DeepState weekly polygons: zones from a few pixels to the whole view, with holes
    (the big ones are painted directly among the copies)."""
    from desktop.storage.imports.importer import import_files
    files = sorted((shared_data / "frontline" / "deepstate_raw_weekly_polygons").glob("*.geojson.gz"))[40:46]
    p = Project()
    import_files(p, files, series=True, status=None)
    dates = p.change_dates()
    view = MapView(default_bbox(p), 800, 600)
    _scrub_and_compare(qapp, p, [dates[i] for i in (0, 3, 1, 5, 2, 4, 0)], view)


def test_a_budgeted_frame_mixes_copies_and_direct_zones(qapp, monkeypatch):
    """With few sprites made a frame, most zones of the first steps are painted directly."""
    monkeypatch.setattr(sprites, "NEW_PER_FRAME", 15)
    p, ds = grid_project()
    view = MapView(default_bbox(p), 640, 400)
    _scrub_and_compare(qapp, p, [ds[i] for i in (0, 4, 8, 11)], view)
    assert 0 < _sprite_count(p) <= 4 * 15


def test_a_full_sheet_paints_the_rest_directly(qapp, monkeypatch):
    monkeypatch.setattr(sprites, "PAGE_ROWS", (90,))  # room for one shelf of sprites
    p, ds = grid_project()
    view = MapView(default_bbox(p), 640, 400)
    _scrub_and_compare(qapp, p, [ds[i] for i in (0, 4, 8)], view)
    assert all(s.full for s in _sheets(p))


def test_few_zones_are_always_painted_directly(qapp, monkeypatch):
    monkeypatch.setattr(sprites, "MIN_ZONES", 200)
    p, ds = grid_project()  # 96 zones
    view = MapView(default_bbox(p), 640, 400)
    for d in ds[:4]:
        assert (_paint(p, d, view, True) == _paint(p, d, view, False)).all()
    assert not _sheets(p)


def test_an_edited_zone_is_not_copied_from_its_old_sprite(qapp):
    p, ds = grid_project()
    view = MapView(default_bbox(p), 640, 400)
    _paint(p, ds[0], view, True)
    before = _paint(p, ds[3], view, True)  # the sheet is made and filled here
    assert _sprite_count(p) > 0
    CommandStack(p).push(edit_zone(p, "z13", ds[3], geometry=box(36.85, 48.06, 36.92, 48.08)))
    got = _paint(p, ds[3], view, True)
    want = _paint(p, ds[3], view, False)
    assert np.abs(got - want).max() <= TOLERANCE
    assert np.abs(got - before).max(axis=2).sum() > 100  # the edit shows


# -- the state index ----------------------------------------------------------------------------

D0 = date(2024, 1, 1)


@st.composite
def _versions(draw):
    n = draw(st.integers(1, 25))
    out = []
    for i in range(n):
        start = draw(st.integers(0, 30))
        length = draw(st.one_of(st.none(), st.integers(1, 20)))
        status = draw(st.sampled_from(("ru_control", "contested", "ru_advance", "made_up")))
        out.append((f"z{draw(st.integers(0, 6))}", start, length, status, i))
    return out


@given(_versions())
def test_state_index_answers_what_state_at_answers(rows):
    p = Project()
    b = ChangeBuilder(p)
    b.put("assessments", "a", Assessment("a", "A"))
    for z in {r[0] for r in rows}:
        b.put("zones", z, Zone(z, z, "a"))
    for z, start, length, status, i in rows:
        vid = f"v{i:02d}"
        frm = D0 + timedelta(days=start)
        b.put("versions", vid, ZoneVersion(vid, z, box(i, 0, i + 1, 1), status, frm,
                                           None if length is None else frm + timedelta(days=length)))
    p.apply(b.build())
    index = StateIndex(p)
    for k in range(0, 55, 3):
        d = D0 + timedelta(days=k)
        assert [v.id for v in index.at(d)] == [v.id for v in p.state_at(d)]
    vs = list(p.versions.values())
    want = [project_geometry(v.geometry).bounds for v in vs]
    assert index.boxes_of(vs) == pytest.approx(np.array(want), rel=1e-12, abs=1e-6)


def test_state_index_on_the_real_series(shared_data: Path):
    p = series_project(shared_data, limit=12)
    index = StateIndex(p)
    for d in p.change_dates():
        got = index.at(d)
        assert got == p.state_at(d)
        for v, b in zip(got, index.boxes_of(got)):
            assert b == pytest.approx(project_geometry(v.geometry).bounds, rel=1e-12, abs=1e-6)
