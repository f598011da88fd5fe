"""What every click-the-vertices tool shares: polygon, line, split, reshape, measure.

Vertices are added on press (Qt sends press, release, double-click, release for a double-click,
so the double-click's first press has already placed the last vertex). Double-click, Enter or a
right-click finishes; Backspace removes the last vertex; Escape cancels. While drawing, `draft`
is the path so far plus the rubber-band segment to the pointer (closed back to the first vertex
for polygons), and `snap_point` is where the pointer snapped, if it did.
"""
from __future__ import annotations

from shapely.geometry import LineString, Point
from shapely.geometry.base import BaseGeometry

from desktop.model.edits import EditError
from desktop.model.messages import Message, message_of

from desktop.tools.base import NOTHING, PointerEvent, Tool, ToolContext, ToolResult
from desktop.tools.index import context_index
from desktop.tools.snapping import snap_point
from desktop.tools.tracing import snap_to_lines, trace_bbox, trace_in_context

Coord = tuple[float, float]


def pointer_position(tool: Tool, ev: PointerEvent, exclude: frozenset[str] = frozenset()) -> Coord:
    """The pointer, snapped to other zones when snapping is on, else to the basemap's vertices
    (and, while tracing, its lines); sets `tool.snap_point`."""
    ctx = tool.context
    at: Coord | None = None
    if ctx.snapping and ev.tolerance > 0:
        snap = snap_point(context_index(ctx), ev.x, ev.y, ev.tolerance, exclude)
        at = (snap.x, snap.y) if snap else None
        if at is None and ctx.trace_lines is not None:
            t = ev.tolerance
            lines = ctx.trace_lines((ev.x - t, ev.y - t, ev.x + t, ev.y + t))
            at = snap_to_lines(lines, ev.x, ev.y, t, edges=ctx.tracing)
    tool.snap_point = at
    return at if at else (ev.x, ev.y)


def traced(tool: Tool, a: Coord, b: Coord, tolerance: float, exclude: frozenset[str]) -> list[Coord]:
    """The vertices after `a` up to `b`: along the map's lines when tracing is on and both
    points lie on one (the basemap's, or the edges of zones shown), else just `b`."""
    ctx = tool.context
    if not ctx.tracing or tolerance <= 0 or a == b:
        return [b]
    index = context_index(ctx)
    box_ = trace_bbox(a, b, tolerance)
    zones = [index.geoms[i] for i in index.in_box(*box_) if index.versions[i].zone_id not in exclude]
    path = trace_in_context(ctx.trace_lines, zones, a, b, tolerance)
    if not path:
        return [b]
    # The clicked point `a` is already a vertex; the path's own start is `a` put on the line.
    inner = [p for p in path[1:] if p != a]
    return inner or [b]


def close_to(a: Coord, b: Coord, tolerance: float) -> bool:
    return (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2 <= tolerance * tolerance


class PathTool(Tool):
    cursor = "cross"
    closed = False  # a polygon: the draft closes back to the first vertex
    min_vertices = 2
    snaps = True

    def __init__(self, context: ToolContext) -> None:
        super().__init__(context)
        self.vertices: list[Coord] = []
        self.pointer: Coord | None = None

    # -- hooks for subclasses ------------------------------------------------------------------
    def finish(self, vertices: list[Coord]) -> ToolResult:
        """Turn the finished path into a result (a command, usually)."""
        raise NotImplementedError

    def snap_exclude(self) -> frozenset[str]:
        return frozenset()

    def progress(self) -> ToolResult:
        """The result of each click and move while drawing (a message, e.g. a running length)."""
        return NOTHING

    # -- the state machine ----------------------------------------------------------------------
    def _position(self, ev: PointerEvent) -> Coord:
        if self.snaps:
            return pointer_position(self, ev, self.snap_exclude())
        self.snap_point = None
        return (ev.x, ev.y)

    def press(self, ev: PointerEvent) -> ToolResult:
        if ev.button == "right":
            return self.finish_gesture() if self.vertices else NOTHING
        if ev.button != "left":
            return NOTHING
        p = self._position(ev)
        self.pointer = p
        # A double-click may arrive as a second press on the same spot: one vertex, not two.
        if not self.vertices:
            self.vertices.append(p)
        elif not close_to(p, self.vertices[-1], ev.tolerance / 4):
            self.vertices.extend(traced(self, self.vertices[-1], p, ev.tolerance, self.snap_exclude()))
        self._update_draft()
        return self.progress()

    def move(self, ev: PointerEvent) -> ToolResult:
        self.pointer = self._position(ev)  # snap feedback even before the first click
        if not self.vertices:
            return NOTHING
        self._update_draft()
        return self.progress()

    def double_click(self, ev: PointerEvent) -> ToolResult:
        if ev.button != "left":
            return NOTHING
        p = self._position(ev)
        if not self.vertices:
            self.vertices.append(p)
        elif not close_to(p, self.vertices[-1], ev.tolerance / 4):
            self.vertices.extend(traced(self, self.vertices[-1], p, ev.tolerance, self.snap_exclude()))
        return self.finish_gesture()

    def key(self, name: str) -> ToolResult:
        if name == "Escape":
            return self.cancel()
        if name == "Enter":
            return self.finish_gesture()
        if name in ("Backspace", "Delete"):
            if not self.vertices:
                return NOTHING
            self.vertices.pop()
            self._update_draft()
            return self.progress() if self.vertices else ToolResult(message=Message("No points"))
        return NOTHING

    def finish_gesture(self) -> ToolResult:
        if not self.vertices:
            return NOTHING
        if len(self.vertices) < self.min_vertices:
            return ToolResult(message=Message("{tool}: at least {n} points are needed", tool=self.label,
                                              n=self.min_vertices))
        vertices = list(self.vertices)
        self.reset()
        try:
            result = self.finish(vertices)
        except EditError as e:
            return ToolResult(message=message_of(e), done=True)
        return result

    def reset(self) -> None:
        self.vertices = []
        self.pointer = None
        self.draft = None
        self.snap_point = None
        self.cuts = ()

    def cancel(self) -> ToolResult:
        self.reset()
        return ToolResult(done=True, message=Message("Cancelled"))

    def _update_draft(self) -> None:
        pts = list(self.vertices)
        if self.pointer is not None and (not pts or pts[-1] != self.pointer):
            pts.append(self.pointer)
        self.draft = path_draft(pts, self.closed)


def path_draft(points: list[Coord], closed: bool) -> BaseGeometry | None:
    """A point, a line, or (for polygons with three points or more) a closed ring as a line."""
    if not points:
        return None
    if len(points) == 1:
        return Point(points[0])
    if closed and len(points) >= 3:
        return LineString(points + [points[0]])
    return LineString(points)
