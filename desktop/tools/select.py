"""Select zones: click picks the topmost zone under the pointer, shift-click adds or removes it,
a drag draws a rubber band that selects every zone it meets (shift: adds them)."""
from __future__ import annotations

from shapely.geometry import box
from desktop.model.messages import Message

from desktop.tools.base import NOTHING, PointerEvent, Tool, ToolResult
from desktop.tools.index import context_index


class SelectTool(Tool):
    name = "select"
    label = Message("Select")
    cursor = "arrow"
    help = Message("Click a zone; shift-click adds or removes; drag a box to select what it meets")

    def __init__(self, context) -> None:
        super().__init__(context)
        self._start: PointerEvent | None = None
        self._dragging = False

    def press(self, ev: PointerEvent) -> ToolResult:
        if ev.button != "left":
            return NOTHING
        self._start, self._dragging = ev, False
        return NOTHING

    def move(self, ev: PointerEvent) -> ToolResult:
        s = self._start
        if s is None:
            return NOTHING
        # Within the click tolerance a wobble of the hand is still a click, not a box.
        if not self._dragging and max(abs(ev.x - s.x), abs(ev.y - s.y)) > s.tolerance:
            self._dragging = True
        if self._dragging:
            self.draft = box(min(s.x, ev.x), min(s.y, ev.y), max(s.x, ev.x), max(s.y, ev.y))
        return NOTHING

    def release(self, ev: PointerEvent) -> ToolResult:
        s = self._start
        if s is None or ev.button != "left":
            return NOTHING
        self.move(ev)
        dragging = self._dragging
        self._start, self._dragging, self.draft = None, False, None
        index = context_index(self.context)
        current = list(self.context.selection)
        if dragging:
            ids: list[str] = []
            for i in index.in_box(s.x, s.y, ev.x, ev.y):
                zid = index.versions[i].zone_id
                if zid not in ids:
                    ids.append(zid)
            if s.shift:
                ids = current + [z for z in ids if z not in current]
            return ToolResult(selection=tuple(ids), message=Message("{n} selected", n=len(ids)), done=True)
        v = index.pick(s.x, s.y, s.tolerance)
        if v is None:
            return ToolResult(selection=tuple(current) if s.shift else (), done=True)
        if s.shift:
            ids = [z for z in current if z != v.zone_id] if v.zone_id in current else current + [v.zone_id]
        else:
            ids = [v.zone_id]
        project = self.context.project
        status = project.legend.get(v.status)
        name = project.zones[v.zone_id].name
        return ToolResult(selection=tuple(ids), message=f"{name}: {status.label if status else v.status}",
                          done=True)

    def cancel(self) -> ToolResult:
        self._start, self._dragging = None, False
        return super().cancel()
