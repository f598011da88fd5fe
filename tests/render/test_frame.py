"""The shared painter: zones land where they are, and nowhere else; dates differ only where
zones changed; chrome stays put."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QImage

from desktop.render.frame import Chrome, FrameSpec, render_image
from desktop.render.projection import MapView
from desktop.model.mercator import bbox_to_merc, to_merc

from render.helpers import AOI, D1, D2, reddish, rgb, two_zone_project

NO_CHROME = Chrome(scale_bar=False, attribution=False)


def _px_box(view: MapView, w: float, s: float, e: float, n: float) -> tuple[int, int, int, int]:
    x0, y1 = view.to_px(*to_merc(w, s))
    x1, y0 = view.to_px(*to_merc(e, n))
    return round(x0), round(y0), round(x1), round(y1)


@pytest.mark.parametrize("basemap", [False, True])
def test_red_exactly_where_ru_control_is(qapp, basemap):
    p, _, _ = two_zone_project()
    bbox = bbox_to_merc(*AOI)
    spec = FrameSpec(p, D1, bbox, basemap=basemap, chrome=NO_CHROME)
    img = render_image(spec, 640, 480)
    assert img.width() == 640 and img.height() == 480
    red = reddish(rgb(img))
    view = MapView(bbox, 640, 480)
    x0, y0, x1, y1 = _px_box(view, 37.05, 48.20, 37.15, 48.30)
    inside = red[y0 + 3:y1 - 3, x0 + 3:x1 - 3]
    assert inside.mean() > 0.97  # labels on top may cover a few pixels
    outside = red.copy()
    outside[y0 - 3:y1 + 3, x0 - 3:x1 + 3] = False
    assert outside.sum() == 0
    # The contested square is grey, never red, and it is painted (darker than the land).
    gx0, gy0, gx1, gy1 = _px_box(view, 37.25, 48.20, 37.35, 48.30)
    grey = rgb(img)[gy0 + 3:gy1 - 3, gx0 + 3:gx1 - 3].astype(int)
    assert np.abs(grey[..., 0] - grey[..., 1]).mean() < 12
    assert grey.mean() < 225


def test_hidden_status_and_assessment_not_painted(qapp):
    p, _, _ = two_zone_project()
    bbox = bbox_to_merc(*AOI)
    img = render_image(FrameSpec(p, D1, bbox, hidden_statuses=frozenset({"ru_control"}), chrome=NO_CHROME), 320, 240)
    assert reddish(rgb(img)).sum() == 0
    img = render_image(FrameSpec(p, D1, bbox, assessments=frozenset(), chrome=NO_CHROME), 320, 240)
    assert reddish(rgb(img)).sum() == 0


def test_two_dates_differ_only_where_the_zone_grew(qapp):
    p, _, _ = two_zone_project()
    bbox = bbox_to_merc(*AOI)
    a = rgb(render_image(FrameSpec(p, D1, bbox, chrome=NO_CHROME), 640, 480))
    b = rgb(render_image(FrameSpec(p, D2, bbox, chrome=NO_CHROME), 640, 480))
    diff = np.abs(a.astype(int) - b.astype(int)).max(axis=2) > 8
    view = MapView(bbox, 640, 480)
    x0, y0, x1, y1 = _px_box(view, 37.15, 48.20, 37.20, 48.30)  # the strip added on D2
    assert diff[y0 + 2:y1 - 2, x0 + 2:x1 - 2].mean() > 0.85  # place labels sit on top of zones
    allowed = np.zeros_like(diff)
    allowed[y0 - 2:y1 + 3, x0 - 2:x1 + 3] = True
    assert not (diff & ~allowed).any()


def test_gains_are_hatched_in_the_grown_strip_only(qapp):
    p, _, _ = two_zone_project()
    bbox = bbox_to_merc(*AOI)
    plain = rgb(render_image(FrameSpec(p, D2, bbox, chrome=NO_CHROME), 640, 480))
    hatched = rgb(render_image(FrameSpec(p, D2, bbox, previous=D1, chrome=NO_CHROME), 640, 480))
    diff = np.abs(plain.astype(int) - hatched.astype(int)).max(axis=2) > 8
    view = MapView(bbox, 640, 480)
    x0, y0, x1, y1 = _px_box(view, 37.15, 48.20, 37.20, 48.30)
    strip = diff[y0 + 2:y1 - 2, x0 + 2:x1 - 2]
    assert 0.15 < strip.mean() < 0.8  # hatching: lines and gaps, not a solid fill
    allowed = np.zeros_like(diff)
    allowed[y0 - 3:y1 + 4, x0 - 3:x1 + 4] = True
    assert not (diff & ~allowed).any()


def test_chrome_draws_date_legend_and_captions_as_plain_text(qapp):
    p, _, _ = two_zone_project()
    bbox = bbox_to_merc(*AOI)
    base = rgb(render_image(FrameSpec(p, D2, bbox, chrome=NO_CHROME), 960, 540))
    chrome = Chrome(title="<b>Pokrovsk</b>", date_caption=True, legend=True, north_arrow=True,
                    captions=("<i>quote</i> one", "two"))
    full = rgb(render_image(FrameSpec(p, D2, bbox, previous=D1, chrome=chrome), 960, 540))
    changed = np.abs(base.astype(int) - full.astype(int)).max(axis=2) > 30
    assert changed[:120, :300].any()  # title and date, top left
    assert changed[:120, -300:].any()  # legend, top right
    assert changed[-120:, :400].any()  # captions and scale bar, bottom left


def test_render_into_any_painter_offset(qapp):
    """paint_frame paints in the painter's current coordinates (the canvas translates it)."""
    from PySide6.QtGui import QPainter
    from desktop.render.frame import paint_frame
    p, _, _ = two_zone_project()
    spec = FrameSpec(p, D1, bbox_to_merc(*AOI), chrome=NO_CHROME)
    direct = rgb(render_image(spec, 200, 150))
    img = QImage(300, 250, QImage.Format_ARGB32_Premultiplied)
    img.fill(0xFF000000)
    qp = QPainter(img)
    # Whole tiles of the patterns (6 px stipple and rows, 8 px hatch): they are pinned to the
    # device's pixels (styles.device_brush), the rest moves with the painter.
    qp.translate(48, 72)
    paint_frame(qp, 200, 150, spec)
    qp.end()
    shifted = rgb(img)
    assert np.abs(shifted[72:222, 48:248].astype(int) - direct.astype(int)).max() <= 2
    assert (shifted[:72] == 0).all() and (shifted[:, :48] == 0).all()  # clipped to its rectangle


def test_the_caption_panel_shows_as_many_lines_as_the_model_gives(qapp):
    # frame_captions gives up to CAPTION_LINES lines; the panel once cut them at six, dropping
    # the "Also:" line that names a busy week's smaller changes.
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QImage, QPainter

    from desktop.model.timeline import CAPTION_LINES
    from desktop.render import chrome
    from desktop.render.projection import MapView

    view = MapView((0.0, 0.0, 1920.0, 1080.0), 1920, 1080)
    img = QImage(QSize(1920, 1080), QImage.Format_ARGB32_Premultiplied)

    def height(n: int) -> float:
        p = QPainter(img)
        r = chrome.paint_captions(p, view, tuple(f"line {i}" for i in range(n)), 1.0, 1000.0)
        p.end()
        return r.height()

    one = height(2) - height(1)
    assert one > 10
    assert height(CAPTION_LINES) == pytest.approx(height(1) + (CAPTION_LINES - 1) * one)
    assert height(CAPTION_LINES + 3) == pytest.approx(height(CAPTION_LINES))  # "… and 4 more" in the last


FURNITURE = Chrome(title="", date_caption=False, legend=True, north_arrow=True, scale_bar=True, attribution=True)


def _furniture_frame(spec: FrameSpec, size=(960, 540), offset=(0.0, 0.0)) -> np.ndarray:
    """The frame painted into a larger image under a (sub-pixel) translation, cut out again."""
    from PySide6.QtGui import QPainter
    from desktop.render.frame import paint_frame
    img = QImage(size[0] + 40, size[1] + 40, QImage.Format_ARGB32_Premultiplied)
    img.fill(0xFF000000)
    qp = QPainter(img)
    qp.translate(*offset)
    paint_frame(qp, size[0], size[1], spec)
    qp.end()
    x, y = int(offset[0]), int(offset[1])
    return rgb(img)[y:y + size[1] + 1, x:x + size[0] + 1]


@pytest.mark.parametrize("offset", [(0.0, 0.0), (10.0, 7.0), (10.5, 7.25)])
def test_furniture_copied_from_its_cache_looks_as_painted(qapp, monkeypatch, offset):
    """Legend, north arrow, scale bar and attribution are painted once and copied on later
    frames (chrome.cached_piece): the copy shows what painting them directly shows (hatched
    swatches included), to a level or two of compositing, under a translation, and up to the
    frame's edge. Under a fractional translation they are painted directly."""
    from desktop.render import chrome
    p, _, _ = two_zone_project()
    spec = FrameSpec(p, D2, bbox_to_merc(*AOI), previous=D1, chrome=FURNITURE)
    chrome._PIECES.clear()
    first = _furniture_frame(spec, offset=offset)
    assert bool(chrome._PIECES) == (offset[0] == int(offset[0])), "cached exactly when it can be"
    second = _furniture_frame(spec, offset=offset)
    with monkeypatch.context() as m:
        m.setattr(chrome, "cached_piece", lambda painter, key, paint: paint(painter))
        direct = _furniture_frame(spec, offset=offset)
        bare = _furniture_frame(FrameSpec(p, D2, bbox_to_merc(*AOI), previous=D1, chrome=Chrome(
            title="", date_caption=False, legend=False, north_arrow=False, scale_bar=False, attribution=False)),
            offset=offset)
    assert (second == first).all()
    assert np.abs(first.astype(int) - direct.astype(int)).max() <= 3
    furniture = np.abs(direct.astype(int) - bare.astype(int)).max(axis=2) > 40
    assert furniture[:200, -330:].sum() > 500  # legend and north arrow, top right
    assert furniture[-60:, :300].sum() > 100  # scale bar, bottom left
    assert furniture[-40:, -400:].sum() > 200  # attribution, bottom right


def test_furniture_cache_follows_the_legend(qapp):
    """A legend listing other statuses is painted anew, not copied from the cached one."""
    from desktop.render import chrome
    p, _, _ = two_zone_project()
    both = FrameSpec(p, D2, bbox_to_merc(*AOI), chrome=FURNITURE)
    one = FrameSpec(p, D2, bbox_to_merc(*AOI), chrome=FURNITURE, hidden_statuses=frozenset({"contested"}))
    chrome._PIECES.clear()
    a = _furniture_frame(both)[:200, -330:]
    b = _furniture_frame(one)[:200, -330:]
    chrome._PIECES.clear()
    b_fresh = _furniture_frame(one)[:200, -330:]
    assert (b == b_fresh).all()
    assert np.abs(a.astype(int) - b.astype(int)).max() > 40


def test_furniture_cache_follows_the_view_and_the_scale(qapp, monkeypatch):
    """Zoomed, moved north, resized or at another chrome scale, the copied furniture is what
    painting it directly gives (the scale bar's length, the attribution's and legend's places)."""
    from desktop.render import chrome
    p, _, _ = two_zone_project()
    w, s, e, n = AOI
    views = [(AOI, (960, 540), None), ((w, s, (w + e) / 2, (s + n) / 2), (960, 540), None),
             ((w, s + 2.0, e, n + 2.0), (960, 540), None), (AOI, (640, 360), None),
             (AOI, (960, 540), 1.7)]
    chrome._PIECES.clear()
    for bbox, size, scale in views:
        c = Chrome(title="", date_caption=False, legend=True, north_arrow=True, scale_bar=True,
                   attribution=True, scale=scale)
        spec = FrameSpec(p, D2, bbox_to_merc(*bbox), previous=D1, chrome=c)
        cached = _furniture_frame(spec, size=size)
        with monkeypatch.context() as m:
            m.setattr(chrome, "cached_piece", lambda painter, key, paint: paint(painter))
            direct = _furniture_frame(spec, size=size)
        assert np.abs(cached.astype(int) - direct.astype(int)).max() <= 3, (bbox, size, scale)
    assert len(chrome._PIECES) >= 10  # new pieces were made along the way, not old ones reused


def test_the_legend_explains_what_the_frame_shows(qapp, monkeypatch):
    """Gained/lost rows only when something was gained or lost since the previous step, and a
    row for each kind of evidence badge drawn on the frame."""
    from datetime import timedelta

    from desktop.render import chrome
    p, _, _ = two_zone_project()
    seen = []
    real = chrome.paint_legend

    def spy(q, view, statuses, changes, s, marks=frozenset()):
        seen.append((changes, marks))
        return real(q, view, statuses, changes, s, marks)

    monkeypatch.setattr(chrome, "paint_legend", spy)
    chrome._PIECES.clear()
    legend = Chrome(title="", date_caption=False, legend=True)
    bbox = bbox_to_merc(*AOI)
    later = D2 + timedelta(days=7)
    render_image(FrameSpec(p, D2, bbox, previous=D1, chrome=legend), 480, 270)  # the red zone grew
    render_image(FrameSpec(p, later, bbox, previous=D2, chrome=legend), 480, 270)  # nothing changed
    render_image(FrameSpec(p, D2, bbox, chrome=legend, evidence_marks=True), 480, 270)  # no quotes: "?"
    # (A cached legend is laid out, then drawn: each frame's arguments come twice in a row.)
    frames = [args for i, args in enumerate(seen) if i == 0 or seen[i - 1] != args]
    assert frames == [(True, frozenset()), (False, frozenset()), (False, frozenset({"no_evidence"}))]


def test_a_badge_row_adds_one_row_to_the_legend(qapp):
    from PySide6.QtGui import QPainter

    from desktop.model.legend import default_legend
    from desktop.render import chrome
    img = QImage(800, 600, QImage.Format_ARGB32_Premultiplied)
    img.fill(0)
    view = MapView((0.0, 0.0, 800.0, 600.0), 800, 600)
    statuses = list(default_legend().values())[:2]

    def height(marks) -> float:
        q = QPainter(img)
        r = chrome.paint_legend(q, view, statuses, False, 1.0, frozenset(marks))
        q.end()
        return r.height()

    one = height(["contradicted"]) - height([])
    assert one > 10
    assert height(["contradicted", "no_evidence"]) == pytest.approx(height([]) + 2 * one)


def test_a_long_also_line_loses_whole_items_not_half_a_figure(qapp):
    from desktop.render import chrome
    from desktop.render.fonts import map_font
    from PySide6.QtGui import QFontMetricsF
    fm = QFontMetricsF(map_font(14))
    line = ("Also: Pokrovsk south of the railway +6.1 km\u00b2; Northern pincer +1.7 km\u00b2; "
            "Southern Myrnohrad (infiltration) +1.4 km\u00b2; Corridor to Myrnohrad \u22121.3 km\u00b2")
    full = fm.horizontalAdvance(line)
    assert chrome.fit_line(line, fm, full + 1) == line
    cut = chrome.fit_line(line, fm, full - 20)
    assert cut == line.rsplit("; ", 1)[0] + "; \u2026"
    assert fm.horizontalAdvance(cut) <= full - 20
    short = chrome.fit_line(line, fm, fm.horizontalAdvance("Also: Pokrovsk south of the railway +6.1 km\u00b2; \u2026"))
    assert short == "Also: Pokrovsk south of the railway +6.1 km\u00b2; \u2026"
    # Text without items is elided as before.
    quote = "\u201cthe two Russian pincers to the west of Myrnohrad have practically met\u201d"
    assert chrome.fit_line(quote, fm, 200).endswith("\u2026") and fm.horizontalAdvance(chrome.fit_line(quote, fm, 200)) <= 200
