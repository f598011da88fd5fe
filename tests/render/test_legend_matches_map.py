"""Issue #15, item 2: one look per meaning. Every legend swatch is painted by the map's painter
from the same style (pixel for pixel), and gains and losses have looks of their own, apart from
the statuses' patterns, so no pixel carries more than two patterns."""
from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from shapely.geometry import box

from desktop.model.commands import CommandStack
from desktop.model.edits import add_assessment, create_zone, edit_zone, end_zone
from desktop.model.entities import ProjectInfo
from desktop.model.legend import DEFAULT_STATUSES, PATTERNS, Status, default_legend
from desktop.model.mercator import to_lonlat
from desktop.model.project import Project
from desktop.render import chrome, styles
from desktop.render.frame import Chrome, FrameSpec, render_image
from desktop.render.gains import GAIN, LOSS, paint_change_swatch
from desktop.render.zones import paint_zone_swatch

from render.helpers import rgb

D0, D1, D2 = date(2025, 11, 1), date(2025, 11, 10), date(2025, 11, 17)
W, H = 200, 140
RES = 50.0  # metres per pixel: whole pixels land on whole metres
X0, Y1 = 4_140_000.0, 6_150_000.0  # the frame's top left corner, EPSG:3857 (near Pokrovsk)
BBOX = (X0, Y1 - H * RES, X0 + W * RES, Y1)
RECT = QRectF(40.3, 30.3, 110, 70)  # the zone, in frame pixels (edges off the pixel grid: no ties)
NO_CHROME = Chrome(scale_bar=False, attribution=False)


def _lonlat_box(rect: QRectF):
    """The lon/lat rectangle the frame shows at `rect`."""
    w, n = to_lonlat(X0 + rect.left() * RES, Y1 - rect.top() * RES)
    e, s = to_lonlat(X0 + rect.right() * RES, Y1 - rect.bottom() * RES)
    return box(w, s, e, n)


def _project() -> tuple[Project, CommandStack, str]:
    p = Project(ProjectInfo(title="Legend"))
    stack = CommandStack(p)
    cmd, aid = add_assessment(p, "Ours")
    stack.push(cmd)
    return p, stack, aid


def _frame(p: Project, when: date, previous: date | None = None) -> np.ndarray:
    spec = FrameSpec(p, when, BBOX, basemap=False, previous=previous, chrome=NO_CHROME)
    return rgb(render_image(spec, W, H))


def _swatches(*paint) -> np.ndarray:
    """The land, and on it each of `paint(painter)` in turn, as the legend would draw them."""
    img = QImage(W, H, QImage.Format_ARGB32_Premultiplied)
    img.fill(QColor(styles.LAND))
    p = QPainter(img)
    p.setRenderHint(QPainter.Antialiasing)
    for f in paint:
        f(p)
    p.end()
    return rgb(img)


def _assert_same(a: np.ndarray, b: np.ndarray) -> None:
    diff = np.abs(a.astype(int) - b.astype(int)).max(axis=2)
    assert diff.max() <= 2, f"{(diff > 2).sum()} pixels differ, by up to {diff.max()}: {np.argwhere(diff > 2)[:8].tolist()}"


def _zone(p, stack, aid, status: str, as_of: date) -> str:
    cmd, zid = create_zone(p, name=status, assessment_id=aid, geometry=_lonlat_box(RECT), status=status, as_of=as_of)
    stack.push(cmd)
    return zid


@pytest.mark.parametrize("status", DEFAULT_STATUSES, ids=lambda s: s.key)
def test_a_status_swatch_is_the_map_zone_pixel_for_pixel(qapp, status):
    p, stack, aid = _project()
    _zone(p, stack, aid, status.key, D1)
    map_pixels = _frame(p, D1)
    swatch = _swatches(lambda q: paint_zone_swatch(q, RECT, status))
    land = np.array(QColor(styles.LAND).getRgb()[:3])
    assert np.abs(map_pixels.astype(int) - land).max() > 20  # the zone is there
    _assert_same(map_pixels, swatch)


def test_gained_and_lost_swatches_are_the_map_overlay_pixel_for_pixel(qapp):
    status = default_legend()["ru_control"]
    p, stack, aid = _project()
    _zone(p, stack, aid, "ru_control", D1)
    gained = _frame(p, D1, previous=D0)  # the zone appeared: all of it gained
    _assert_same(gained, _swatches(lambda q: paint_zone_swatch(q, RECT, status),
                                   lambda q: paint_change_swatch(q, RECT, GAIN)))
    zid = next(iter(p.zones))
    stack.push(end_zone(p, zid, D2))
    lost = _frame(p, D2, previous=D1)  # the zone ended: all of it lost, over bare land
    _assert_same(lost, _swatches(lambda q: paint_change_swatch(q, RECT, LOSS)))
    # One look per meaning: the gained look is the same over any status.
    plain = _swatches(lambda q: paint_change_swatch(q, RECT, GAIN))
    assert not np.array_equal(plain, _swatches(lambda q: paint_change_swatch(q, RECT, LOSS)))


def test_the_legend_paints_its_swatches_with_the_map_painters(qapp, monkeypatch):
    """The frame's legend calls the map's painters for every status row and for the gained
    and lost rows (it once drew its own grey hatches while the map drew coloured ones)."""
    calls = []
    real_zone, real_change = chrome.paint_zone_swatch, chrome.paint_change_swatch
    monkeypatch.setattr(chrome, "paint_zone_swatch",
                        lambda q, rect, st, *a: (calls.append(st.key), real_zone(q, rect, st, *a))[1])
    monkeypatch.setattr(chrome, "paint_change_swatch",
                        lambda q, rect, kind: (calls.append(kind), real_change(q, rect, kind))[1])
    p, stack, aid = _project()
    _zone(p, stack, aid, "contested", D1)
    cmd, _ = create_zone(p, name="claim", assessment_id=aid, geometry=_lonlat_box(QRectF(10, 10, 30, 30)),
                         status="ru_claim", as_of=D0)
    stack.push(cmd)
    spec = FrameSpec(p, D1, BBOX, basemap=False, previous=D0, once=True, chrome=Chrome(legend=True))
    render_image(spec, 640, 400)
    assert calls == ["contested", "ru_claim", GAIN, LOSS]


def test_a_change_of_status_carries_one_change_pattern(qapp):
    """Along the Pokrovsk railway a grey zone became an advance: the step lost contested ground
    and gained advance ground on the same pixels. They show the advance's hatch and the gained
    rows only: exactly as if the advance had been drawn on bare land (no lost rows on top)."""
    p, stack, aid = _project()
    zid = _zone(p, stack, aid, "contested", D1)
    stack.push(edit_zone(p, zid, D2, status="ru_advance"))
    swapped = _frame(p, D2, previous=D1)
    q, qstack, qaid = _project()
    _zone(q, qstack, qaid, "ru_advance", D2)
    fresh = _frame(q, D2, previous=D1)
    _assert_same(swapped, fresh)


def test_change_looks_use_no_status_pattern(qapp):
    """Gains and losses are told apart from the statuses' own patterns: their tiles are
    horizontal rows (every drawn row solid, or regularly broken), which no status pattern is."""
    def tile(brush) -> np.ndarray:
        img = brush.textureImage().convertToFormat(QImage.Format_ARGB32)
        a = np.frombuffer(img.constBits(), np.uint8, count=img.height() * img.bytesPerLine())
        return a.reshape(img.height(), img.bytesPerLine() // 4, 4)[:, : img.width(), 3].copy()  # alpha

    def rows(alpha: np.ndarray) -> bool:
        drawn = alpha.max(axis=1) > 0
        return bool(drawn.any()) and drawn.sum() <= 2 and all(
            len(set(r.tolist())) == 1 or set(r.tolist()) == {0, r.max()} for r in alpha[drawn])

    gain, loss = tile(styles.gain_brush()), tile(styles.loss_brush())
    assert rows(gain) and rows(loss)
    assert (gain.max(axis=1) > 0).tolist() == (loss.max(axis=1) > 0).tolist()  # the same rows
    for pattern in PATTERNS[1:]:
        style = styles.ZoneStyle(Status("x", "x", "assessed", "#808080", 0.3, hatch=pattern))
        assert style.pattern == pattern and style.hatch is not None
        assert not rows(tile(style.hatch)), pattern
