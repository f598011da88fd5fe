"""Reshape a border: draw a line that starts and ends on the zone's border; the zone takes the
new border between those two points (like QGIS's reshape tool). Drawn outside, the zone grows;
drawn inside, the piece cut off goes. Of the two ways to close the new border along the old one,
the one enclosing more wins (it keeps most of the old ring), which is what the analyst means in
practice; a hole's border reshapes the same way."""
from __future__ import annotations

import shapely
from shapely import union_all
from shapely.geometry import LineString, Point, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import substring

from desktop.model.clip_report import clip_losses, describe_losses
from desktop.model.edits import EditError, edit_zone
from desktop.model.geometry import polygonal
from desktop.model.messages import Message, with_notes

from desktop.tools.base import NOTHING, PointerEvent, ToolContext, ToolResult
from desktop.tools.clip_preview import cuts_for, describe_cuts
from desktop.tools.index import context_index
from desktop.tools.path_tool import Coord, PathTool
from desktop.tools.snapping import ON_EDGE_DEG, share_borders, with_shared_vertices


def _forward(ring: LineString, a: float, b: float) -> list[Coord]:
    """The ring's coordinates from distance `a` forward to distance `b`, wrapping past the start."""
    if a <= b:
        return list(substring(ring, a, b).coords)
    return list(substring(ring, a, ring.length).coords) + list(substring(ring, 0, b).coords)[1:]


def _valid(poly: Polygon) -> BaseGeometry:
    return polygonal(shapely.make_valid(poly)) if not poly.is_valid else poly


def reshape_polygon(geom: BaseGeometry, line: list[Coord], tolerance: float) -> BaseGeometry:
    """`geom` with the border between the line's ends replaced by the line."""
    if len(line) < 2:
        raise EditError(Message("draw a line of two points or more"))
    start, end = Point(line[0]), Point(line[-1])
    tol = max(tolerance, ON_EDGE_DEG)
    parts = list(shapely.get_parts(geom))
    best = None
    for pi, part in enumerate(parts):
        for ri, ring in enumerate([part.exterior, *part.interiors]):
            d = max(ring.distance(start), ring.distance(end))
            if d <= tol and (best is None or d < best[0]):
                best = (d, pi, ri)
    if best is None:
        raise EditError(Message("the line must start and end on the zone's border"))
    _, pi, ri = best
    part = parts[pi]
    rings = [part.exterior, *part.interiors]
    ring = LineString(rings[ri].coords)
    ps, pe = ring.project(start), ring.project(end)
    if abs(ps - pe) <= ON_EDGE_DEG:
        raise EditError(Message("the line must end at another point of the border"))
    path = list(line)
    candidates = [path + _forward(ring, pe, ps)[1:],
                  path + list(reversed(_forward(ring, ps, pe)))[1:]]
    # Of the two ways to close the new border, keep the one that encloses more: the ring that
    # still holds most of the old one (for a hole as for the outer border).
    new_ring = max((_valid(Polygon(c)) for c in candidates), key=lambda g: g.area)
    if ri == 0:
        holes = union_all([Polygon(h) for h in part.interiors]) if part.interiors else None
        new_part = new_ring.difference(holes) if holes is not None else new_ring
    else:
        others = [Polygon(h) for k, h in enumerate(part.interiors, start=1) if k != ri]
        new_part = Polygon(part.exterior).difference(union_all(others + [new_ring]))
    new_part = polygonal(new_part)
    out = polygonal(union_all([p for k, p in enumerate(parts) if k != pi] + [new_part]))
    if out.is_empty:
        raise EditError(Message("the reshaped zone would have no area"))
    return out


class ReshapeTool(PathTool):
    name = "reshape"
    label = Message("Reshape border")
    help = Message("Draw a line from the zone's border to its border; the zone takes the new border")

    def __init__(self, context: ToolContext) -> None:
        super().__init__(context)
        self._zone: str | None = None
        self._tolerance = 0.0

    def snap_exclude(self) -> frozenset[str]:
        return frozenset()  # the ends must land on the zone's own border: snap to it too

    def press(self, ev: PointerEvent) -> ToolResult:
        if ev.button == "left" and not self.vertices:
            self._zone = self._target(ev)
            if self._zone is None:
                return ToolResult(message=Message("Start the line on the border of the zone to reshape"))
            self._tolerance = ev.tolerance
        self._tolerance = max(self._tolerance, ev.tolerance)
        return super().press(ev)

    def progress(self) -> ToolResult:
        """Once the line could end on the border here, the neighbours the new shape would cut."""
        before = self.cuts
        self.cuts = self._preview_cuts()
        if [c.zone_id for c in self.cuts] == [c.zone_id for c in before]:
            return NOTHING
        return ToolResult(message=describe_cuts(self.cuts) or self.help)

    def _preview_cuts(self) -> tuple:
        zid = self._zone
        pts = list(self.vertices)
        if self.pointer is not None and (not pts or pts[-1] != self.pointer):
            pts.append(self.pointer)
        if zid is None or len(pts) < 2:
            return ()
        v = context_index(self.context).version_of(zid)
        if v is None:
            return ()
        try:
            shape = reshape_polygon(v.geometry, pts, self._tolerance)
        except (EditError, ValueError, shapely.errors.GEOSException):
            return ()  # the line does not end on the border yet
        return cuts_for(self.context, shape, v.status, frozenset({zid}))

    def _target(self, ev: PointerEvent) -> str | None:
        index = context_index(self.context)
        pt = Point(ev.x, ev.y)
        for zid in self.context.selection:
            v = index.version_of(zid)
            if v is not None and v.geometry.boundary.distance(pt) <= ev.tolerance:
                return zid
        near = [index.versions[i] for i in index.near(ev.x, ev.y, ev.tolerance)]
        near = [v for v in near if v.geometry.boundary.distance(pt) <= ev.tolerance]
        return near[-1].zone_id if near else None  # the topmost

    def finish(self, vertices: list[Coord]) -> ToolResult:
        ctx, zid, tol = self.context, self._zone, self._tolerance
        self._zone = None
        if zid is None:
            raise EditError(Message("start the line on the border of the zone to reshape"))
        index = context_index(ctx)
        v = index.version_of(zid)
        if v is None:
            raise EditError(Message("the zone has no shape on this date"))
        geom = share_borders(reshape_polygon(v.geometry, vertices, tol), index, {zid})
        name = ctx.project.zones[zid].name
        cmd = edit_zone(ctx.project, zid, ctx.when, geometry=geom, mode=ctx.clip_mode,
                        label=Message("Reshape {zone}", zone=name))
        placed = next((c.after.geometry for c in cmd.changes if c.table == "versions"
                       and c.after is not None and c.after.zone_id == zid and c.after.valid_on(ctx.when)), geom)
        cmd = with_shared_vertices(cmd, ctx.project, placed, index, ctx.project.zones[zid].assessment_id, {zid})
        losses = describe_losses(clip_losses(ctx.project, cmd, {zid}, ctx.when), ctx.when)
        head = Message("Reshaped {zone} as of {date}", zone=name, date=ctx.when.isoformat())
        return ToolResult(command=cmd, selection=(zid,), done=True,
                          message=with_notes(head, (losses, *cmd.warnings)))
