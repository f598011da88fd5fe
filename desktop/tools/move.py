"""Move a whole zone: press on it, drag, release. One `edit_zone` command as of the timeline
date; the grab point snaps to other zones so a moved zone can be docked against a neighbour."""
from __future__ import annotations

from shapely import affinity

from desktop.model.edits import EditError, edit_zone
from desktop.model.entities import ZoneVersion
from desktop.model.messages import Message, message_of

from desktop.tools.base import NOTHING, PointerEvent, Tool, ToolContext, ToolResult
from desktop.tools.index import context_index
from desktop.tools.path_tool import pointer_position
from desktop.tools.rings import nearest_vertex_of, to_rings


class MoveTool(Tool):
    name = "move_zone"
    label = Message("Move zone")
    cursor = "size_all"
    help = Message("Drag a zone to move it")

    def __init__(self, context: ToolContext) -> None:
        super().__init__(context)
        self._grab: tuple[float, float] | None = None
        self._version: ZoneVersion | None = None
        self._offset = (0.0, 0.0)
        self._by_vertex = False

    def press(self, ev: PointerEvent) -> ToolResult:
        if ev.button != "left":
            return NOTHING
        index = context_index(self.context)
        selected = set(self.context.selection)
        # Prefer the selected zone under the pointer, so a small selected zone on top of a big
        # one is the one that moves.
        v = index.pick(ev.x, ev.y, ev.tolerance, selected) if selected else None
        v = v or index.pick(ev.x, ev.y, ev.tolerance)
        if v is None:
            return NOTHING
        # Grabbed by a corner, the zone snaps that corner to other zones (docking); grabbed
        # inside, it moves freely, since an interior point snapping to a border means nothing.
        ref = nearest_vertex_of(v.geometry, ev.x, ev.y, ev.tolerance)
        self._by_vertex = ref is not None
        if ref is not None:
            self._grab = to_rings(v.geometry)[ref[0]][ref[1]][ref[2]]
        else:
            self._grab = (ev.x, ev.y)
        self._version, self._offset = v, (0.0, 0.0)
        self.draft = v.geometry
        return ToolResult(selection=(v.zone_id,))

    def move(self, ev: PointerEvent) -> ToolResult:
        if self._version is None or self._grab is None:
            return NOTHING
        if self._by_vertex:
            x, y = pointer_position(self, ev, frozenset({self._version.zone_id}))
        else:
            x, y = ev.x, ev.y
        self._offset = (x - self._grab[0], y - self._grab[1])
        self.draft = affinity.translate(self._version.geometry, *self._offset)
        return NOTHING

    def release(self, ev: PointerEvent) -> ToolResult:
        if self._version is None:
            return NOTHING
        self.move(ev)
        v, (dx, dy) = self._version, self._offset
        self._reset()
        if dx == 0 and dy == 0:
            return ToolResult(done=True)
        ctx = self.context
        name = ctx.project.zones[v.zone_id].name
        try:
            cmd = edit_zone(ctx.project, v.zone_id, ctx.when, geometry=affinity.translate(v.geometry, dx, dy),
                            mode=ctx.clip_mode, label=Message("Move {zone}", zone=name))
        except EditError as e:
            return ToolResult(message=message_of(e), done=True)
        message = Message("Moved {zone} as of {date}", zone=name, date=ctx.when.isoformat())
        return ToolResult(command=cmd, message=message, done=True)

    def _reset(self) -> None:
        self._grab, self._version, self._offset = None, None, (0.0, 0.0)
        self.draft, self.snap_point = None, None

    def cancel(self) -> ToolResult:
        self._reset()
        return super().cancel()
