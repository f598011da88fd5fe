"""Draw a polygon: a new zone in the assessment being edited, as of the timeline date.

While Clips neighbours is on, the neighbours the polygon would cut are known on every click and
move (`cuts`, shown by the canvas); the finished zone's message names each with the km² it lost.
Drawn over a zone of the same status, the tool asks first: more of that zone (merged into it,
its quotes kept) or a separate zone that cuts it.
"""
from __future__ import annotations

import shapely
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from desktop.model.clip_report import clip_losses, describe_losses
from desktop.model.edits import EditError, create_zone, merge_zones
from desktop.model.messages import Message, with_notes
from desktop.model.project import Project

from desktop.tools.base import NOTHING, Choice, Offer, ToolResult
from desktop.tools.clip_preview import cuts_for, describe_cuts
from desktop.tools.index import context_index
from desktop.tools.path_tool import Coord, PathTool
from desktop.tools.snapping import share_borders, with_shared_vertices


def next_zone_name(project: Project, pattern: str = "Zone {n}") -> str:
    """"Zone 7": a name the analyst can change in the inspector; unique among zones."""
    names = {z.name for z in project.zones.values()}
    n = len(project.zones) + 1
    while pattern.replace("{n}", str(n)) in names:
        n += 1
    return pattern.replace("{n}", str(n))


def _area(points: list[Coord]) -> BaseGeometry | None:
    """The polygon the points make so far (repaired: a draft may cross itself), or None."""
    if len(points) < 3:
        return None
    poly = Polygon(points)
    return poly if poly.is_valid else shapely.make_valid(poly)


class DrawPolygonTool(PathTool):
    name = "draw_polygon"
    label = Message("Draw polygon")
    help = Message("Click the corners; double-click or Enter ends, Backspace drops the last, Esc cancels")
    closed = True
    min_vertices = 3

    def progress(self) -> ToolResult:
        pts = list(self.vertices)
        if self.pointer is not None and (not pts or pts[-1] != self.pointer):
            pts.append(self.pointer)
        before = self.cuts
        self.cuts = cuts_for(self.context, _area(pts), self.context.status)
        if [c.zone_id for c in self.cuts] == [c.zone_id for c in before]:
            return NOTHING
        return ToolResult(message=describe_cuts(self.cuts) or self.help)

    def finish(self, vertices: list[Coord]) -> ToolResult:
        ctx = self.context
        if ctx.assessment_id is None:
            raise EditError(Message("choose the assessment to draw in (Layers)"))
        index = context_index(ctx)
        geom = share_borders(Polygon(vertices), index)
        name = next_zone_name(ctx.project, ctx.zone_name)
        cmd, zid = create_zone(ctx.project, name=name, assessment_id=ctx.assessment_id, geometry=geom,
                               status=ctx.status, as_of=ctx.when, mode=ctx.clip_mode)
        placed = next((c.after.geometry for c in cmd.changes
                       if c.table == "versions" and c.after is not None and c.after.zone_id == zid), geom)
        cmd = with_shared_vertices(cmd, ctx.project, placed, index, ctx.assessment_id, {zid})
        losses = clip_losses(ctx.project, cmd, {zid}, ctx.when)
        message = _message(Message("{zone} drawn as of {date}", zone=name, date=ctx.when.isoformat()),
                           describe_losses(losses, ctx.when), cmd.warnings)
        separate = ToolResult(command=cmd, selection=(zid,), message=message, done=True)
        same = [c for c in cuts_for(ctx, geom, ctx.status) if c.same_status]
        if not same:
            return separate
        return ToolResult(done=True, offer=Offer(_question(same), (
            self._merge_choice(same, geom),
            Choice(Message("New zone (cuts {zones})", zones=", ".join(c.name for c in same)), cmd, message,
                   (zid,)))))

    def _merge_choice(self, same: list, geom: BaseGeometry) -> Choice:
        ctx = self.context
        ids = [c.zone_id for c in same]
        cmd = merge_zones(ctx.project, ids, ctx.when, shape=geom, mode=ctx.clip_mode)
        names = ", ".join(c.name for c in same)
        label = (Message("Add to {zones}", zones=names) if len(same) == 1
                 else Message("Merge into {zone}", zone=same[0].name))
        losses = clip_losses(ctx.project, cmd, set(ids), ctx.when)
        message = _message(Message("{action} as of {date}", action=label, date=ctx.when.isoformat()),
                           describe_losses(losses, ctx.when),
                           cmd.warnings)
        return Choice(label, cmd, message, (ids[0],))


def _question(same: list) -> str:
    names = ", ".join(c.name for c in same)
    if len(same) == 1:
        return Message("The new shape overlaps {zones}, of the same status. Add it to that zone, or draw "
                       "a separate zone that cuts it?", zones=names)
    return Message("The new shape overlaps {zones}, of the same status. Add it to them, as one zone, or "
                   "draw a separate zone that cuts them?", zones=names)


def _message(head: str, losses: str, warnings: tuple[str, ...]) -> str:
    return with_notes(head, (losses, *warnings))
