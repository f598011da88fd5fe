"""Split a zone along a drawn line; merge the selected zones (an action, not a pointer tool)."""
from __future__ import annotations

import math

from shapely.geometry import LineString

from desktop.model.edits import EditError, merge_zones, split_zone
from desktop.model.messages import Message, message_of, with_notes

from desktop.tools.base import ToolContext, ToolResult
from desktop.tools.index import context_index
from desktop.tools.path_tool import Coord, PathTool

# Each end of the cutting line is pushed this far (degrees) further along its direction, so a
# line snapped onto the border (float noise either side of it) still cuts right through.
_OVERSHOOT_DEG = 1e-7


def _extended(vertices: list[Coord]) -> LineString:
    pts = list(vertices)

    def push(a: Coord, b: Coord) -> Coord:  # b moved away from a
        dx, dy = b[0] - a[0], b[1] - a[1]
        n = math.hypot(dx, dy)
        return b if n == 0 else (b[0] + dx / n * _OVERSHOOT_DEG, b[1] + dy / n * _OVERSHOOT_DEG)

    pts[0] = push(pts[1], pts[0])
    pts[-1] = push(pts[-2], pts[-1])
    return LineString(pts)


class SplitTool(PathTool):
    name = "split_zone"
    label = Message("Split zone")
    help = Message("Draw a line across the zone; double-click or Enter splits it")

    def finish(self, vertices: list[Coord]) -> ToolResult:
        ctx = self.context
        line = _extended(vertices)
        index = context_index(ctx)
        target = None
        for zid in ctx.selection:
            if index.version_of(zid) is not None:
                target = zid
                break
        if target is None:
            crossed = {index.versions[i].zone_id for i in index.intersecting(line)
                       if ctx.assessment_id is None
                       or ctx.project.zones[index.versions[i].zone_id].assessment_id == ctx.assessment_id}
            if len(crossed) != 1:
                raise EditError(Message("select the zone to split") if crossed
                                else Message("the line crosses no zone"))
            target = crossed.pop()
        cmd, new_ids = split_zone(ctx.project, target, line, ctx.when)
        name = ctx.project.zones[target].name
        return ToolResult(command=cmd, selection=(target, *new_ids), done=True,
                          message=with_notes(Message("Split {zone} into {n} as of {date}", zone=name,
                                                     n=1 + len(new_ids), date=ctx.when.isoformat()),
                                             cmd.warnings))


def merge_selected(context: ToolContext) -> ToolResult:
    """Merge the selected zones (valid on the timeline date) into the first one."""
    index = context_index(context)
    ids = [z for z in dict.fromkeys(context.selection) if index.version_of(z) is not None]
    try:
        cmd = merge_zones(context.project, ids, context.when)
    except EditError as e:
        return ToolResult(message=message_of(e))
    return ToolResult(command=cmd, selection=(ids[0],), done=True,
                      message=with_notes(Message("Merged {n} zones as of {date}", n=len(ids),
                                                 date=context.when.isoformat()), cmd.warnings))
