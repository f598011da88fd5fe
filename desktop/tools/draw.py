"""Draw a polygon: a new zone in the assessment being edited, as of the timeline date."""
from __future__ import annotations

from shapely.geometry import Polygon

from desktop.model.edits import EditError, create_zone
from desktop.model.project import Project

from desktop.tools.base import ToolResult
from desktop.tools.index import context_index
from desktop.tools.path_tool import Coord, PathTool
from desktop.tools.snapping import share_borders, with_shared_vertices


def next_zone_name(project: Project) -> str:
    """"Zone 7": a name the analyst can change in the inspector; unique among zones."""
    names = {z.name for z in project.zones.values()}
    n = len(project.zones) + 1
    while f"Zone {n}" in names:
        n += 1
    return f"Zone {n}"


class DrawPolygonTool(PathTool):
    name = "draw_polygon"
    label = "Draw polygon"
    help = "Click the corners; double-click or Enter ends, Backspace drops the last, Esc cancels"
    closed = True
    min_vertices = 3

    def finish(self, vertices: list[Coord]) -> ToolResult:
        ctx = self.context
        if ctx.assessment_id is None:
            raise EditError("choose the assessment to draw in (Layers)")
        index = context_index(ctx)
        geom = share_borders(Polygon(vertices), index)
        name = next_zone_name(ctx.project)
        cmd, zid = create_zone(ctx.project, name=name, assessment_id=ctx.assessment_id, geometry=geom,
                               status=ctx.status, as_of=ctx.when, mode=ctx.clip_mode)
        placed = next((c.after.geometry for c in cmd.changes
                       if c.table == "versions" and c.after is not None and c.after.zone_id == zid), geom)
        cmd = with_shared_vertices(cmd, ctx.project, placed, index, ctx.assessment_id, {zid})
        message = f"{name} drawn as of {ctx.when.isoformat()}"
        if cmd.warnings:
            message += " (" + "; ".join(cmd.warnings) + ")"
        return ToolResult(command=cmd, selection=(zid,), message=message, done=True)
