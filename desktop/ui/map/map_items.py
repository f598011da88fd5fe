"""Graphics items of the map canvas: the map itself (painted by the shared frame painter) and the
tool overlay (the draft being drawn and the snap marker).

Both paint in screen pixels: they take the device rectangle of the view box from the painter's
transform, reset the transform and paint there, so the canvas shows exactly what an exported
frame of the same view and size shows.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Callable

import numpy as np
import pyqtgraph as pg
import shapely
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QPainter, QPainterPath, QPolygonF

from desktop.render import styles
from desktop.render.frame import paint_frame
from desktop.render.paths import arrays_to_path, geometry_arrays
from desktop.render.projection import MapView
from desktop.model.mercator import project_geometry, project_xy, to_merc
from desktop.render.spec import FrameSpec
from desktop.tools.base import Tool

WORLD = QRectF(-2.2e7, -2.2e7, 4.4e7, 4.4e7)  # all of EPSG:3857
DRAFT = "#0d47a1"
SNAP = "#d500f9"
CUT = "#d84315"  # a neighbour the edit under way will cut: outlined, what it loses hatched
MAX_HANDLES = 4000  # vertex handles drawn at most; more in view and none are drawn


def _screen_rect(item: pg.GraphicsObject, p: QPainter) -> tuple[QRectF, QRectF] | None:
    """(view rect in map metres, the same rect in device pixels), or None before layout."""
    vb = item.getViewBox()
    if vb is None:
        return None
    rect = vb.viewRect()
    if rect.width() <= 0 or rect.height() <= 0:
        return None
    return rect, p.transform().mapRect(rect)


class MapLayerItem(pg.GraphicsObject):
    """The map: basemap, zones, overlays, labels, scale bar and attribution, as `spec()` says
    (the canvas's frame spec, asked at each paint so it is never stale)."""

    def __init__(self, spec: Callable[[], FrameSpec | None]) -> None:
        super().__init__()
        self.spec = spec
        self.last_paint_bbox: tuple[float, float, float, float] | None = None

    def boundingRect(self) -> QRectF:
        return WORLD

    def paint(self, p: QPainter, *args) -> None:
        spec = self.spec()
        got = _screen_rect(self, p)
        if spec is None or got is None:
            return
        rect, dev = got
        bbox = (rect.left(), rect.top(), rect.right(), rect.bottom())
        self.last_paint_bbox = bbox
        p.save()
        p.resetTransform()
        p.translate(dev.left(), dev.top())
        paint_frame(p, round(dev.width()), round(dev.height()), replace(spec, bbox=bbox))
        p.restore()


class ToolOverlayItem(pg.GraphicsObject):
    """The active tool's draft geometry, vertex handles and snap point (`tool()`: the tool active now)."""

    def __init__(self, tool: Callable[[], Tool | None]) -> None:
        super().__init__()
        self.tool = tool
        self._handles_key: list | None = None
        self._handles_xy = np.empty((0, 2))

    def boundingRect(self) -> QRectF:
        return WORLD

    def paint(self, p: QPainter, *args) -> None:
        tool = self.tool()
        got = _screen_rect(self, p)
        handles = getattr(tool, "handles", None) or []  # the vertex tool's vertices
        cuts = getattr(tool, "cuts", ())
        if tool is None or got is None or (tool.draft is None and tool.snap_point is None
                                           and not handles and not cuts):
            return
        rect, dev = got
        view = MapView((rect.left(), rect.top(), rect.right(), rect.bottom()),
                       max(1, round(dev.width())), max(1, round(dev.height())))

        def px(x: float, y: float) -> QPointF:
            sx, sy = view.to_px(*to_merc(x, y))
            return QPointF(sx, sy)

        p.save()
        p.resetTransform()
        p.translate(dev.left(), dev.top())
        p.setRenderHint(QPainter.Antialiasing)
        if cuts:
            self._paint_cuts(p, cuts, px)
        if tool.draft is not None and not tool.draft.is_empty:
            for part in shapely.get_parts(tool.draft):
                self._paint_part(p, part, px)
        if handles:
            self._paint_handles(p, handles, view)
        if tool.snap_point is not None:
            c = px(*tool.snap_point)
            p.setBrush(Qt.NoBrush)
            p.setPen(styles.pen(styles.HALO, 4.0))
            p.drawEllipse(c, 7, 7)
            p.setPen(styles.pen(SNAP, 2.0))
            p.drawEllipse(c, 7, 7)
        p.restore()

    @staticmethod
    def _paint_cuts(p: QPainter, cuts, px) -> None:
        """Before the committing click: each neighbour the edit will cut outlined in orange, the
        part it would lose hatched, so the damage is seen before it is done."""
        def path_of(geom) -> QPainterPath:
            path = QPainterPath()
            for part in shapely.get_parts(geom):
                if part.geom_type != "Polygon":
                    continue
                for ring in [part.exterior, *part.interiors]:
                    path.addPolygon(QPolygonF([px(x, y) for x, y in shapely.get_coordinates(ring)]))
                    path.closeSubpath()
            return path
        for cut in cuts:
            lost = path_of(cut.lost)
            p.fillPath(lost, QBrush(styles.qcolor(CUT, 0.30)))
            p.fillPath(lost, QBrush(styles.qcolor(CUT, 0.9), Qt.BDiagPattern))
            outline = path_of(cut.shape)
            p.strokePath(outline, styles.pen(styles.HALO, 5.0, alpha=0.8))
            p.strokePath(outline, styles.pen(CUT, 2.5, dash=(5.0, 3.0)))

    def _paint_handles(self, p: QPainter, handles: list, view: MapView) -> None:
        """A small white square on each vertex in view, as the draft's corners are drawn."""
        if self._handles_key is not handles:  # the tool hands the same list until the shape changes
            lonlat = np.asarray(handles, dtype=float).reshape(-1, 2)
            self._handles_key, self._handles_xy = handles, np.column_stack(project_xy(lonlat[:, 0], lonlat[:, 1]))
        x0, _, _, y1 = view.fitted
        r = view.resolution
        sx = (self._handles_xy[:, 0] - x0) / r
        sy = (y1 - self._handles_xy[:, 1]) / r
        inside = (sx > -4) & (sx < view.width + 4) & (sy > -4) & (sy < view.height + 4)
        if inside.sum() > MAX_HANDLES:  # zoomed far out they would merge into a line anyway
            return
        p.setPen(styles.pen(DRAFT, 1.5))
        p.setBrush(QBrush(styles.qcolor("#ffffff")))
        p.drawRects([QRectF(x - 3, y - 3, 6, 6) for x, y in zip(sx[inside], sy[inside])])

    @staticmethod
    def _paint_part(p: QPainter, part, px) -> None:
        kind = part.geom_type
        if kind == "Point":
            p.setPen(styles.pen(styles.HALO, 1.5))
            p.setBrush(QBrush(styles.qcolor(DRAFT)))
            p.drawEllipse(px(part.x, part.y), 4.5, 4.5)
            return
        rings = [part.exterior, *part.interiors] if kind == "Polygon" else [part]
        path = QPainterPath()
        for ring in rings:
            pts = [px(x, y) for x, y in shapely.get_coordinates(ring)]
            if pts:
                path.addPolygon(QPolygonF(pts))
        if kind == "Polygon":
            path.closeSubpath()
            p.fillPath(path, QBrush(styles.qcolor(DRAFT, 0.15)))
        p.strokePath(path, styles.pen(styles.HALO, 4.0, alpha=0.8))
        p.strokePath(path, styles.pen(DRAFT, 2.0, dash=(7.0, 4.0) if kind != "Polygon" else ()))
        p.setPen(styles.pen(DRAFT, 1.5))
        p.setBrush(QBrush(styles.qcolor("#ffffff")))
        for ring in rings:
            for x, y in shapely.get_coordinates(ring):
                c = px(x, y)
                p.drawRect(QRectF(c.x() - 3, c.y() - 3, 6, 6))


class CompareOverlayItem(pg.GraphicsObject):
    """The compare panel's disagreements: hatched in the status colour with a dashed outline
    (claims and "only in A" hatch one way, "only in B" the other), the picked one outlined bold."""

    def __init__(self) -> None:
        super().__init__()
        self.shapes: list = []
        self.highlighted: str | None = None
        self._paths: dict[str, tuple[object, QPainterPath]] = {}  # key -> (geometry, path in metres)

    def boundingRect(self) -> QRectF:
        return WORLD

    def set_shapes(self, shapes: list) -> None:
        self.shapes = list(shapes)
        keys = {sh.key for sh in self.shapes}
        self._paths = {k: v for k, v in self._paths.items() if k in keys}
        if self.highlighted not in keys:
            self.highlighted = None
        self.update()

    def highlight(self, shape) -> None:
        self.highlighted = shape.key if shape is not None else None
        if shape is not None and all(sh.key != shape.key for sh in self.shapes):
            self.shapes.append(shape)  # picked before the list arrived: still show it
        self.update()

    def _path(self, shape) -> QPainterPath:
        got = self._paths.get(shape.key)
        if got is None or got[0] is not shape.geometry:
            path = arrays_to_path(geometry_arrays(project_geometry(shape.geometry)))
            got = self._paths[shape.key] = (shape.geometry, path)
        return got[1]

    def paint(self, p: QPainter, *args) -> None:
        got = _screen_rect(self, p)
        if not self.shapes or got is None:
            return
        rect, dev = got
        view = MapView((rect.left(), rect.top(), rect.right(), rect.bottom()),
                       max(1, round(dev.width())), max(1, round(dev.height())))
        to_px = view.transform()
        p.save()
        p.resetTransform()
        p.translate(dev.left(), dev.top())
        p.setRenderHint(QPainter.Antialiasing)
        picked = None
        for sh in self.shapes:
            if sh.geometry is None or sh.geometry.is_empty:
                continue
            path = to_px.map(self._path(sh))
            if sh.key == self.highlighted:
                picked = (sh, path)
                continue
            direction = -1 if sh.role == "only_b" else 1
            p.fillPath(path, styles.hatch_brush(sh.colour, 0.75, direction, 7, 1.3))
            p.strokePath(path, styles.pen(styles.HALO, 3.0, alpha=0.7))
            p.strokePath(path, styles.pen(sh.colour, 1.6, dash=(5.0, 3.0)))
        if picked is not None:
            sh, path = picked
            p.fillPath(path, QBrush(styles.qcolor(sh.colour, 0.25)))
            p.fillPath(path, styles.hatch_brush(sh.colour, 0.9, -1 if sh.role == "only_b" else 1, 6, 1.6))
            p.strokePath(path, styles.pen(styles.HALO, 6.0, alpha=0.9))
            p.strokePath(path, styles.pen(styles.SELECTION, 3.0))
        p.restore()
