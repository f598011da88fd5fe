"""Gains and losses since the previous step, as a frame draws them: one look per meaning.

Gained ground has one look and lost ground another, whatever the status (the zone's own fill
and pattern under it tell which): rows of dark ink, a pattern no status uses (styles.py). All
gains of the step are one shape, and losses are drawn only where nothing was gained, so where a
zone went from one status to another (a loss of the old, a gain of the new) the pixel carries
the gain alone: with the status's own pattern, never more than two patterns. The legend's
gained and lost swatches are painted by `paint_change` too.

The pieces come from `overlay.overlay_geometries` (per status, the versions that came or went);
they are merged here, once per step and level of detail, and cached with the overlay.
"""
from __future__ import annotations

import shapely
from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter, QPainterPath, QTransform

from desktop.render import styles
from desktop.render.cache import project_cache
from desktop.render.overlay import overlay_geometries
from desktop.render.paths import arrays_to_path, geometry_arrays, lod_tolerance
from desktop.render.projection import MapView
from desktop.render.spec import FrameSpec

GAIN, LOSS = "gain", "loss"


def _union(pieces: list) -> shapely.Geometry | None:
    pieces = [g if g.is_valid else shapely.make_valid(g) for g in pieces if g is not None and not g.is_empty]
    if not pieces:
        return None
    return shapely.union_all(pieces)


def _areal(g) -> shapely.Geometry | None:
    """Only the polygons of `g` (a difference may leave lines and points where shapes touch)."""
    if g is None or g.is_empty:
        return None
    if g.geom_type in ("Polygon", "MultiPolygon"):
        return g
    parts = [p for p in shapely.get_parts(g) if p.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else None


def change_paths(spec: FrameSpec, tol: float = 0.0) -> tuple[QPainterPath, QPainterPath]:
    """(gained, lost) since `spec.previous` over all statuses, EPSG:3857 paths, cached: lost is
    what was lost and not gained by another status."""
    project = spec.project
    cache = project_cache(project)
    key = ("gains and losses", spec.previous, spec.when, spec.assessments, spec.hidden_statuses, tol,
           len(project.versions))
    got = cache.overlays.get(key)
    if got is not None:
        return got
    by_status = overlay_geometries(spec, tol)
    gained = _areal(_union([g for gs, _ in by_status.values() for g in gs]))
    lost = _areal(_union([g for _, ls in by_status.values() for g in ls]))
    if lost is not None and gained is not None:
        lost = _areal(shapely.difference(lost, gained))
    out = (arrays_to_path(geometry_arrays(gained)) if gained is not None else QPainterPath(),
           arrays_to_path(geometry_arrays(lost)) if lost is not None else QPainterPath())
    return cache.overlays.put(key, out)


def paint_change(p: QPainter, path: QPainterPath, kind: str, world: QTransform | None = None) -> None:
    """`path` (in the painter's current coordinates) drawn as gained or lost ground; the pattern
    is pinned to the pixels `world` maps to (default: the painter's transform, so the device)."""
    if path.isEmpty():
        return
    world = p.transform() if world is None else world
    brush = styles.gain_brush() if kind == GAIN else styles.loss_brush()
    p.fillPath(path, styles.device_brush(brush, world))
    styles.stroke(p, path, styles.gain_pen() if kind == GAIN else styles.loss_pen())


def paint_changes(p: QPainter, spec: FrameSpec, view: MapView) -> None:
    """The gains and losses of the step onto `p` (the view's world transform set)."""
    if spec.previous is None or spec.previous == spec.when:
        return
    gained, lost = change_paths(spec, lod_tolerance(view.resolution))
    paint_change(p, lost, LOSS)
    paint_change(p, gained, GAIN)


def paint_change_swatch(p: QPainter, rect: QRectF, kind: str) -> None:
    """A legend swatch of gained or lost ground, painted as the map paints it (the rectangle
    made a path as a zone's rings are: see `zones.paint_zone_swatch`)."""
    path = arrays_to_path(geometry_arrays(shapely.box(rect.left(), -rect.bottom(), rect.right(), -rect.top())))
    p.save()
    flip = QTransform(1, 0, 0, -1, 0, 0)
    p.setTransform(flip * p.transform())
    paint_change(p, path, kind, flip)
    p.restore()


__all__ = ["GAIN", "LOSS", "change_paths", "paint_change", "paint_changes", "paint_change_swatch"]
