"""Edit the vertices of the selected zone: drag a vertex; press on an edge to insert one (and
drag it); alt-click a vertex, or click it and press Delete/Backspace, to delete it. Each gesture
is one `edit_zone` command as of the timeline date. Delete removes the vertex under the pointer
(or the one last pressed). Without a selection, a click selects."""
from __future__ import annotations

from dataclasses import replace

from desktop.model.edits import EditError, edit_zone
from desktop.model.entities import ZoneVersion
from desktop.model.messages import Message, message_of

from desktop.tools.base import NOTHING, PointerEvent, Tool, ToolContext, ToolResult
from desktop.tools.index import context_index
from desktop.tools.path_tool import Coord, pointer_position
from desktop.tools.rings import (Rings, VertexRef, deleted, from_rings, inserted, moved, nearest_edge,
                    nearest_vertex_of, to_rings, vertices)
from desktop.tools.snapping import share_borders, with_shared_vertices


class VertexTool(Tool):
    name = "edit_vertices"
    label = Message("Edit vertices")
    cursor = "cross"
    help = Message("Drag a vertex; press an edge to add one; Alt-click or Delete removes one")

    def __init__(self, context: ToolContext) -> None:
        super().__init__(context)
        self.active: VertexRef | None = None  # the vertex Delete would remove
        self._drag: VertexRef | None = None
        self._rings: Rings | None = None  # the shape being edited, while a drag is under way
        self._changed = False
        self._offset = (0.0, 0.0)
        self._handles_of: ZoneVersion | None = None
        self._handles: list[Coord] = []

    # -- what is being edited -------------------------------------------------------------------
    def target(self) -> ZoneVersion | None:
        """The selected zone's version on the timeline date (the first selected zone with one)."""
        index = context_index(self.context)
        for zid in self.context.selection:
            v = index.version_of(zid)
            if v is not None:
                return v
        return None

    @property
    def handles(self) -> list[Coord]:
        """The vertices to draw as handles (lon/lat)."""
        if self._rings is not None:
            return vertices(self._rings)
        v = self.target()
        if v is None:
            return []
        if self._handles_of is not v:  # the canvas asks on every paint: convert once per version
            self._handles_of, self._handles = v, vertices(to_rings(v.geometry))
        return self._handles

    # -- events ---------------------------------------------------------------------------------
    def press(self, ev: PointerEvent) -> ToolResult:
        if ev.button != "left":
            return NOTHING
        v = self.target()
        if v is None:
            return self._select(ev)
        rings = to_rings(v.geometry)
        ref = nearest_vertex_of(v.geometry, ev.x, ev.y, ev.tolerance)
        if ref is not None and ev.alt:
            self.active = ref
            return self._delete(v, rings, ref)
        if ref is None:
            hit = nearest_edge(rings, ev.x, ev.y, ev.tolerance)
            if hit is None:
                return self._select(ev)
            ref, at = hit
            rings = inserted(rings, ref, at)
            self._changed = True
        else:
            self._changed = False
        self._drag, self._rings, self.active = ref, rings, ref
        # The vertex follows the pointer's motion, not its position: pressing a few pixels off
        # a vertex (or an edge) and releasing without moving leaves it where it was.
        vx, vy = rings[ref[0]][ref[1]][ref[2]]
        self._offset = (vx - ev.x, vy - ev.y)
        self.draft = from_rings(rings)
        return NOTHING

    def move(self, ev: PointerEvent) -> ToolResult:
        if self._drag is None or self._rings is None:
            # Hovering: the vertex under the pointer is the one Delete removes.
            v = self.target()
            if v is not None and ev.tolerance > 0:
                ref = nearest_vertex_of(v.geometry, ev.x, ev.y, ev.tolerance)
                if ref is not None:
                    self.active = ref
            return NOTHING
        v = self.target()
        dx, dy = self._offset
        at = pointer_position(self, replace(ev, x=ev.x + dx, y=ev.y + dy),
                              frozenset({v.zone_id}) if v else frozenset())
        if at != self._rings[self._drag[0]][self._drag[1]][self._drag[2]]:
            self._rings = moved(self._rings, self._drag, at)
            self._changed = True
            self.draft = from_rings(self._rings)
        return NOTHING

    def release(self, ev: PointerEvent) -> ToolResult:
        if self._drag is None:
            return NOTHING
        self.move(ev)
        rings, changed = self._rings, self._changed
        self._end_drag()
        v = self.target()
        if not changed or v is None or rings is None:
            return ToolResult(message=Message("Vertex chosen: drag it, or press Delete to remove it"))
        return self._commit(v, rings, "move")

    def key(self, name: str) -> ToolResult:
        if name == "Escape":
            return self.cancel()
        if name in ("Delete", "Backspace") and self.active is not None and self._drag is None:
            v = self.target()
            if v is None:
                return NOTHING
            return self._delete(v, to_rings(v.geometry), self.active)
        return NOTHING

    def cancel(self) -> ToolResult:
        self._end_drag()
        self.active = None
        return super().cancel()

    # -- helpers --------------------------------------------------------------------------------
    def _end_drag(self) -> None:
        self._drag, self._rings, self._changed = None, None, False
        self.draft = None
        self.snap_point = None

    def _select(self, ev: PointerEvent) -> ToolResult:
        v = context_index(self.context).pick(ev.x, ev.y, ev.tolerance)
        self.active = None
        if v is None:
            return NOTHING
        return ToolResult(selection=(v.zone_id,), message=Message("Drag a vertex, or press on an edge to add one"))

    def _delete(self, v: ZoneVersion, rings: Rings, ref: VertexRef) -> ToolResult:
        try:
            out = deleted(rings, ref)
        except IndexError:
            out = None
        self.active = None
        if out is None:
            return ToolResult(message=Message("A ring needs at least three vertices"))
        return self._commit(v, out, "delete")

    def _commit(self, v: ZoneVersion, rings: Rings, what: str) -> ToolResult:
        ctx = self.context
        index = context_index(ctx)
        geom = share_borders(from_rings(rings), index, {v.zone_id})
        name = ctx.project.zones[v.zone_id].name
        label = (Message("Move vertex of {zone}", zone=name) if what == "move"
                 else Message("Delete vertex of {zone}", zone=name))
        try:
            cmd = edit_zone(ctx.project, v.zone_id, ctx.when, geometry=geom, mode=ctx.clip_mode,
                            label=label)
        except EditError as e:
            return ToolResult(message=message_of(e), done=True)
        placed = next((c.after.geometry for c in cmd.changes if c.table == "versions"
                       and c.after is not None and c.after.zone_id == v.zone_id
                       and c.after.valid_on(ctx.when)), geom)
        aid = ctx.project.zones[v.zone_id].assessment_id
        cmd = with_shared_vertices(cmd, ctx.project, placed, index, aid, {v.zone_id})
        message = Message("{action} as of {date}", action=label, date=ctx.when.isoformat())
        return ToolResult(command=cmd, message=message, done=True)
