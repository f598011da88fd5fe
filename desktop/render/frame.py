"""THE map painter: one function paints a frame for the canvas, presentation mode, image export
and video replay alike, so an exported frame matches what the analyst saw.

    paint_frame(painter, width, height, spec)   # into any QPainter, in its current coordinates
    render_image(spec, width, height) -> QImage

Layers, bottom to top: basemap (land, water, towns, roads, railways, boundaries), zones of the
date, gains and losses since `spec.previous` (hatched), selection, observations, place labels,
then the chrome (title and date, legend, captions, scale bar, north arrow, attribution).

With `spec.raster_cache` the basemap is kept as an image per zoom, so a replay or a timeline
scrub (same view, new date) repaints only the zones, and a pan copies part of it: see
`_cached_layer`. Labels are cached sprites at cached places. On the canvas, a scrub copies
small zones from per-view sprites (sprites.py).
"""
from __future__ import annotations


import numpy as np
import shapely
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QTransform

from desktop.model.credits import attributions
from desktop.model.entities import credit_line
from desktop.model.lru import LRU

from desktop.render import chrome as ch
from desktop.render import styles
from desktop.render.basemap import paint_basemap
from desktop.render.labels import paint_labels
from desktop.render.marks import paint_evidence_marks
from desktop.render.paths import lod_tolerance
from desktop.render.projection import MapView, pad_bbox
from desktop.model.mercator import bbox_to_merc, project_xy
from desktop.render.raster import raster_hook, rasters_key, visible_rasters
from desktop.render.spec import BASEMAP_GROUPS, Chrome, FrameSpec
from desktop.render.gains import change_paths
from desktop.render.zones import paint_changes, paint_observations, paint_zones, project_cache, visible_state

__all__ = ["FrameSpec", "Chrome", "BASEMAP_GROUPS", "paint_frame", "render_image", "default_bbox",
           "ensure_app", "chrome_scale", "covers_frame"]

UKRAINE_LONLAT = (22.0, 44.3, 40.3, 52.4)
_LAYER_IMAGES = LRU(6)  # per zoom
_VIEW_IMAGES = LRU(4)  # per exact view
_ZONE_IMAGES = LRU(4)  # zones on the canvas, per (data, date, zoom)
_ZONES_SEEN = LRU(8)  # zone layer keys painted once
_PAN_MARGIN = 0.2  # of the view's size, added all round a layer image once a zoom is panned
_WIDGET_DEVICE = 1  # QPaintDevice.devType() of a widget (QInternal::Widget)
_LABELS_SEEN = LRU(8)  # views whose labels were painted once


def ensure_app() -> QGuiApplication:
    """A Qt application for painting outside the GUI (the command line)."""
    app = QGuiApplication.instance()
    if app is None:
        app = QGuiApplication(["frontline"])
    return app


def chrome_scale(spec: FrameSpec, height: int) -> float:
    if spec.chrome.scale is not None:
        return spec.chrome.scale
    return max(0.6, min(4.0, height / 1080))


def default_bbox(project) -> tuple[float, float, float, float]:
    """EPSG:3857 bbox of the project's area of interest, else of where its zones are, else
    Ukraine. "Where its zones are": the zones of its last date (all of them if none is valid
    then), nearest the area-weighted middle first, until they hold 98% of the area — so a far,
    small outlier (an editorial joke at Pyongyang in a DeepState archive) cannot frame the view
    on an empty sea."""
    if project.info.aoi is not None:
        return bbox_to_merc(*project.info.aoi)
    box = core_lonlat_bbox(project)
    if box is not None:
        # Mercator is monotonic in lon and in lat: the projected box is the corners' projection.
        xs, ys = project_xy(np.array([box[0], box[2]]), np.array([box[1], box[3]]))
        x0, x1, y0, y1 = float(xs[0]), float(xs[1]), float(ys[0]), float(ys[1])
        if x1 > x0 and y1 > y0:
            return pad_bbox((x0, y0, x1, y1), 0.06)
    return bbox_to_merc(*UKRAINE_LONLAT)


CORE_SHARE = 0.98  # of the zones' area the opening view holds


def core_lonlat_bbox(project) -> tuple[float, float, float, float] | None:
    """The lon/lat box of the zones holding `CORE_SHARE` of the area, nearest the middle first
    (see `default_bbox`); None without zones."""
    versions = list(project.versions.values())
    if not versions:
        return None
    span = project.date_range()
    if span is not None:
        last = [v for v in versions if v.valid_on(span[1])]
        versions = last or versions
    geoms = np.array([v.geometry for v in versions], dtype=object)
    b = shapely.bounds(geoms)
    ok = ~np.isnan(b).any(axis=1)
    if not ok.any():
        return None
    b, geoms = b[ok], geoms[ok]
    cx, cy = (b[:, 0] + b[:, 2]) / 2, (b[:, 1] + b[:, 3]) / 2
    area = shapely.area(geoms) * np.cos(np.radians(cy)) + 1e-12  # degrees², roughly equal-area
    order_x, order_y = np.argsort(cx), np.argsort(cy)
    mid_x = cx[order_x][np.searchsorted(np.cumsum(area[order_x]), area.sum() / 2)]
    mid_y = cy[order_y][np.searchsorted(np.cumsum(area[order_y]), area.sum() / 2)]
    dist = np.hypot((cx - mid_x) * np.cos(np.radians(mid_y)), cy - mid_y)
    order = np.argsort(dist)
    held = np.cumsum(area[order])
    n = int(np.searchsorted(held, CORE_SHARE * held[-1])) + 1
    core = b[order[:n]]
    return (float(core[:, 0].min()), float(core[:, 1].min()), float(core[:, 2].max()), float(core[:, 3].max()))


def _device_ratio(p: QPainter) -> float:
    dev = p.device()
    try:
        return float(dev.devicePixelRatioF()) if dev is not None else 1.0
    except AttributeError:
        return 1.0


def _cached_layer(p: QPainter, key: tuple, view: MapView, paint, opaque: bool, exact: bool = False,
                  images: LRU | None = None, margin_first: bool = True) -> None:
    """Draw a view-dependent layer from an image cache, painting it on a miss with
    `paint(painter, view)`.

    Images are kept per zoom (resolution) rather than per exact view: a layer painted into an
    image (QImage device) is first painted exactly at the view, and once the view has moved at
    that zoom (a pan) it is painted with a margin all round, so the next pans only copy a
    shifted part of it (to the nearest pixel); on a widget (the canvas) the margin is there from
    the start. A replay or an export, whose view never moves, always paints exactly. `exact`
    layers (labels, whose places depend on the view) are kept per exact view only. `images`:
    the cache to keep them in (default: per zoom or per exact view, as above); without
    `margin_first` a widget too gets the exact view first, and the margin once it moves.
    """
    dpr = _device_ratio(p)
    res = view.resolution
    fx0, fy0, fx1, fy1 = view.fitted
    full_key = key + (view.width, view.height, dpr, view.fitted if exact else f"{res:.10g}")
    if images is None:
        images = _VIEW_IMAGES if exact else _LAYER_IMAGES
    got = images.get(full_key)
    pan = margin_first and not exact and _on_widget(p)
    if got is not None:
        cx0, cy0, cx1, cy1 = got[1].fitted
        eps = res * 1e-3
        if not (cx0 <= fx0 + eps and cy0 <= fy0 + eps and cx1 >= fx1 - eps and cy1 >= fy1 - eps):
            got = None
            pan = True  # this zoom is being panned
    if got is None:
        mx, my = (round(view.width * _PAN_MARGIN), round(view.height * _PAN_MARGIN)) if pan else (0, 0)
        cv = MapView((fx0 - mx * res, fy0 - my * res, fx1 + mx * res, fy1 + my * res),
                     view.width + 2 * mx, view.height + 2 * my) if pan else view
        # An opaque layer (the basemap) without an alpha channel: drawing it is then a copy,
        # not a blend (a replay draws it under every frame).
        img = QImage(QSize(max(1, round(cv.width * dpr)), max(1, round(cv.height * dpr))),
                     QImage.Format_RGB32 if opaque else QImage.Format_ARGB32_Premultiplied)
        img.setDevicePixelRatio(dpr)
        img.fill(QColor(styles.LAND) if opaque else Qt.transparent)
        ip = QPainter(img)
        ip.setRenderHint(QPainter.Antialiasing)
        ip.setRenderHint(QPainter.TextAntialiasing)
        paint(ip, cv)
        ip.end()
        got = images.put(full_key, (img, cv))
    img, cv = got
    ox, oy = round((fx0 - cv.fitted[0]) / res * dpr), round((cv.fitted[3] - fy1) / res * dpr)
    if cv is view or (ox == 0 and oy == 0 and cv.width == view.width and cv.height == view.height):
        p.drawImage(QRectF(0, 0, view.width, view.height), img)
    else:
        p.drawImage(QRectF(0, 0, view.width, view.height), img,
                    QRectF(ox, oy, round(view.width * dpr), round(view.height * dpr)))


def _on_widget(p: QPainter) -> bool:
    dev = p.device()
    return dev is not None and dev.devType() == _WIDGET_DEVICE


def _zones_key(spec: FrameSpec) -> tuple:
    """What the zones layer's pixels depend on besides the view (see `_cached_layer`)."""
    project = spec.project
    return ("zones", id(project), project_cache(project).generation, len(project.versions), len(project.zones),
            tuple(sorted(project.legend.items(), key=lambda kv: kv[0])), spec.when, spec.previous,
            spec.assessments, spec.hidden_statuses, spec.status_opacity, spec.selection)


class _VectorPainter:
    """A QPainter stand-in for vector output (SVG, PDF): paths in map metres are mapped to
    pixels before they are drawn, so files hold pixel coordinates (QSvgGenerator would write
    the metres with six significant digits, i.e. ten-metre steps) and the painter's own
    transform stays the frame's. Everything else goes to the real painter."""

    def __init__(self, p: QPainter, to_px: QTransform) -> None:
        self._p = p
        self._to_px = to_px

    def fillPath(self, path, brush) -> None:
        self._p.fillPath(self._to_px.map(path), brush)

    def strokePath(self, path, pen) -> None:
        self._p.strokePath(self._to_px.map(path), pen)

    def fillRect(self, rect, colour) -> None:
        self._p.fillRect(self._to_px.mapRect(rect), colour)

    def drawPolygon(self, polygon, *rule) -> None:
        # Zone fills are drawn as polygons in map metres (fast on screen); map them too.
        self._p.drawPolygon(self._to_px.map(polygon), *rule)

    def __getattr__(self, name: str):
        return getattr(self._p, name)


def paint_frame(p: QPainter, width: int, height: int, spec: FrameSpec) -> None:
    """Paint the frame into the rectangle (0, 0, width, height) of the painter's coordinates."""
    view = MapView(spec.bbox, max(1, int(width)), max(1, int(height)))
    s = chrome_scale(spec, view.height)
    p.save()
    base = QTransform(p.transform())
    world = view.transform() * base
    p.setRenderHint(QPainter.Antialiasing)
    p.setRenderHint(QPainter.TextAntialiasing)
    p.setClipRect(QRectF(0, 0, view.width, view.height), Qt.IntersectClip)

    rasters = visible_rasters(spec.project) if spec.rasters else []

    def basemap(q: QPainter, v: MapView) -> None:
        px = QTransform(q.transform())
        q.setTransform(v.transform(), True)
        paint_basemap(q, v, spec.hidden_basemap, dict(spec.basemap_layer_opacity),
                      after_land=raster_hook(v, rasters, px))

    if spec.basemap:
        p.setOpacity(spec.basemap_opacity)
        if spec.raster_cache and spec.once:
            p.save()
            basemap(p, view)
            p.restore()
        elif spec.raster_cache:
            _cached_layer(p, ("basemap", spec.hidden_basemap, spec.basemap_layer_opacity, rasters_key(rasters)),
                          view, basemap, True)
        else:
            paint_basemap(_VectorPainter(p, view.transform()), view, spec.hidden_basemap,
                          dict(spec.basemap_layer_opacity), clip=True,
                          after_land=raster_hook(view, rasters, QTransform(p.transform())))
        p.setOpacity(1.0)
    else:
        p.fillRect(QRectF(0, 0, view.width, view.height), QColor(styles.LAND))

    zones_key = _zones_key(spec) if spec.show_zones and spec.raster_cache and _on_widget(p) else None
    seen_view = _ZONES_SEEN.get(zones_key) if zones_key is not None else None
    here = (view.fitted, view.width, view.height)
    if zones_key is not None and seen_view is None:
        _ZONES_SEEN.put(zones_key, here)
        zones_key = None  # painted once straight onto the widget: a scrub's dates are seen once
    if zones_key is not None:
        # On the canvas the zones layer is an image per (data, date, zoom), like the basemap,
        # once its date is painted again: a pan copies it (2,000 zones took 40-60 ms to fill
        # and outline), an edit repaints it. Painted again in the same view (the scene's own
        # update after a scrub step), it is kept at the view's size; the margin all round
        # comes with the first move. A replay or export paints each frame once, straight onto
        # the frame.
        def zones(q: QPainter, v: MapView) -> None:
            q.setTransform(v.transform(), True)
            paint_zones(q, v, spec, sprites=True)
            if spec.previous is not None:
                paint_changes(q, spec, v)

        _cached_layer(p, zones_key, view, zones, False, images=_ZONE_IMAGES, margin_first=seen_view != here)
    elif spec.show_zones:
        if spec.raster_cache:
            p.setTransform(world)
            zp = p
        else:
            zp = _VectorPainter(p, view.transform())
        # A scrub paints each date once, straight onto the canvas: from zone sprites of this
        # view (see sprites.py) from its second date on.
        paint_zones(zp, view, spec, sprites=spec.raster_cache and _on_widget(p))
        if spec.previous is not None:
            paint_changes(zp, spec, view)
        p.setTransform(base)
    paint_observations(p, view, spec, s)

    label_opacity = dict(spec.basemap_layer_opacity).get("labels", 1.0) * spec.basemap_opacity
    if spec.basemap and "labels" not in spec.hidden_basemap and label_opacity > 0:
        label_scale = s  # labels grow with the frame, like the chrome
        p.setOpacity(label_opacity)
        seen = ("labels", label_scale, view.fitted, view.width, view.height)
        if spec.raster_cache and (label_opacity < 1.0 or _LABELS_SEEN.get(seen)):
            # A view painted again (replay, scrub) gets its labels as one layer image; and with
            # an opacity the layer keeps it even where sprites overlap their dots.
            _cached_layer(p, ("labels", label_scale), view, lambda q, v: paint_labels(q, v, label_scale),
                          False, exact=True)
        else:  # a view seen once (a pan): each label is a cached sprite at cached places
            _LABELS_SEEN.put(seen, True)
            paint_labels(p, view, label_scale)
        p.setOpacity(1.0)

    marks = paint_evidence_marks(p, view, spec, s) if spec.evidence_marks and spec.show_zones else frozenset()
    _paint_chrome(p, view, spec, s, marks)
    p.restore()


def _has_changes(spec: FrameSpec, view: MapView) -> bool:
    """Whether the frame shows any gained or lost area (the legend explains the hatches only then)."""
    if spec.previous is None or spec.previous == spec.when or not spec.show_zones:
        return False
    # The very paths `paint_changes` draws (cached): the legend explains hatches only where
    # there are some, and a frame measures its step's changes once.
    gained, lost = change_paths(spec, lod_tolerance(view.resolution))
    return not gained.isEmpty() or not lost.isEmpty()


def _paint_chrome(p: QPainter, view: MapView, spec: FrameSpec, s: float, marks: frozenset[str] = frozenset()) -> None:
    c = spec.chrome

    def piece(key: tuple, paint) -> QRectF:
        # A frame painted once (a still) has nothing to reuse the pieces.
        return paint(p) if spec.once else ch.cached_piece(p, key, paint)

    info = spec.project.info
    ch.paint_title(p, c, spec.when, spec.previous, s, info.subtitle)
    top_right = 16 * s
    if c.legend:
        versions = visible_state(spec.project, spec.when, spec.assessments, spec.hidden_statuses)
        statuses = tuple(ch.legend_statuses(spec.project, versions))
        changes = _has_changes(spec, view)
        r = piece(("legend", view.width, statuses, changes, marks, s),
                  lambda q: ch.paint_legend(q, view, list(statuses), changes, s, marks))
        if not r.isEmpty():
            top_right = r.bottom() + 10 * s
    if c.attribution:
        # The credits of the layers shown (a DeepState layer's licence requires its own), then
        # the project's own (organisation, licence), then the basemap's.
        credits = tuple(attributions(spec.project, _shown_assessments(spec)))
        own = credit_line(info)
        credits += (own,) if own and own not in credits else ()
        piece(("attribution", view.width, view.height, s, credits),
              lambda q: ch.paint_attribution(q, view, s, credits))
    if c.north_arrow:
        piece(("north", view.width, top_right, s), lambda q: ch.paint_north_arrow(q, s, view.width - 36 * s, top_right))
    left_bottom = view.height - 16 * s
    if c.scale_bar:
        def bar(q: QPainter) -> QRectF:
            return ch.paint_scale_bar(q, view, s, 16 * s, left_bottom)

        # Its length follows the latitude: on the canvas every pan up or down would be a new
        # piece, painted twice (laid out, then drawn), so there it is painted directly.
        r = bar(p) if _on_widget(p) else piece(("scale bar", ch.scale_bar_length(view, s), left_bottom, s), bar)
        left_bottom = r.top() - 8 * s
    if c.captions:
        ch.paint_captions(p, view, c.captions, s, left_bottom)


def _shown_assessments(spec: FrameSpec) -> list[str]:
    """The assessments with a zone on the frame's date, among those shown, by name."""
    shown = {spec.project.zones[v.zone_id].assessment_id
             for v in visible_state(spec.project, spec.when, spec.assessments, spec.hidden_statuses)
             if v.zone_id in spec.project.zones}
    return [a.id for a in sorted(spec.project.assessments.values(), key=lambda a: (a.name.lower(), a.id))
            if a.id in shown]


def covers_frame(spec: FrameSpec) -> bool:
    """Whether `paint_frame` sets every pixel opaquely (the basemap image is drawn first, at
    full opacity), so the caller need not clear the frame first (1-2 ms at 1080p)."""
    return spec.basemap and spec.raster_cache and not spec.once and spec.basemap_opacity >= 1.0


def render_image(spec: FrameSpec, width: int, height: int,
                 fmt: QImage.Format = QImage.Format_ARGB32_Premultiplied) -> QImage:
    """The frame as an image (needs a Qt application: see `ensure_app`)."""
    img = QImage(int(width), int(height), fmt)
    if not covers_frame(spec):
        img.fill(QColor(styles.LAND))
    p = QPainter(img)
    try:
        paint_frame(p, width, height, spec)
    finally:
        # Always ended: a painter left active on an image that is freed first (an error while
        # painting, e.g. a missing basemap file) crashed the process with a segmentation fault.
        p.end()
    return img


