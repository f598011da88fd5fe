"""Observations: place a point (a geolocated video, a strike) or draw a line (an attack arrow).

The kind comes from the context (the toolbar's kind chooser) or else the tool's own default;
the date is the timeline date.
"""
from __future__ import annotations

from shapely.geometry import LineString, Point

from desktop.model.entities import Observation, new_id
from desktop.model.record_commands import add_observation

from desktop.tools.base import NOTHING, PointerEvent, Tool, ToolResult
from desktop.tools.path_tool import Coord, PathTool, pointer_position


def _kind(tool: Tool, default: str) -> str:
    return tool.context.observation_kind or default


def kind_text(kind: str) -> str:
    """"attack_direction" → "Attack direction": the status bar speaks to the analyst."""
    text = kind.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


class PlacePointTool(Tool):
    name = "place_point"
    label = "Place point"
    cursor = "cross"
    help = "Click to place a dated observation"
    kind = "video"

    def move(self, ev: PointerEvent) -> ToolResult:
        pointer_position(self, ev)
        return NOTHING

    def press(self, ev: PointerEvent) -> ToolResult:
        if ev.button != "left":
            return NOTHING
        x, y = pointer_position(self, ev)
        obs = Observation(new_id(), _kind(self, self.kind), Point(x, y), self.context.when)
        return ToolResult(command=add_observation(self.context.project, obs), selection=(obs.id,),
                          message=f"{kind_text(obs.kind)} placed on {obs.date.isoformat()}", done=True)


class DrawLineTool(PathTool):
    name = "draw_line"
    label = "Draw line"
    help = "Click the points of the line; double-click or Enter finishes"
    kind = "attack_direction"

    def finish(self, vertices: list[Coord]) -> ToolResult:
        obs = Observation(new_id(), _kind(self, self.kind), LineString(vertices), self.context.when)
        return ToolResult(command=add_observation(self.context.project, obs), selection=(obs.id,),
                          message=f"{kind_text(obs.kind)} drawn on {obs.date.isoformat()}", done=True)
