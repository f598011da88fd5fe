"""Observations: place a point (a geolocated video, a strike) or draw a line (an attack arrow).

The kind comes from the context (the toolbar's kind chooser) or else the tool's own default;
the date is the timeline date.
"""
from __future__ import annotations

from shapely.geometry import LineString, Point

from desktop.model.entities import Observation, new_id
from desktop.model.record_commands import add_observation
from desktop.model.messages import Message

from desktop.tools.base import NOTHING, PointerEvent, Tool, ToolResult
from desktop.tools.path_tool import Coord, PathTool, pointer_position


def _kind(tool: Tool, default: str) -> str:
    return tool.context.observation_kind or default


# The kinds the toolbar offers (model/observation_kinds.py), as words the interface translates.
_KIND_WORDS = {"video": Message("Video"), "flag": Message("Flag"), "strike": Message("Strike"),
               "unit": Message("Unit"), "destroyed": Message("Destroyed"), "observation": Message("Observation"),
               "attack_direction": Message("Attack direction")}


def kind_text(kind: str) -> str:
    """"attack_direction" → "Attack direction": the status bar speaks to the analyst (a kind of
    an imported file's own is shown as it is, capitalised)."""
    text = kind.replace("_", " ").strip()
    return _KIND_WORDS.get(kind) or text[:1].upper() + text[1:]


class PlacePointTool(Tool):
    name = "place_point"
    label = Message("Place point")
    cursor = "cross"
    help = Message("Click to place a dated observation")
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
                          message=Message("{kind} placed on {date}", kind=kind_text(obs.kind),
                                          date=obs.date.isoformat()), done=True)


class DrawLineTool(PathTool):
    name = "draw_line"
    label = Message("Draw line")
    help = Message("Click the points of the line; double-click or Enter finishes")
    kind = "attack_direction"

    def finish(self, vertices: list[Coord]) -> ToolResult:
        obs = Observation(new_id(), _kind(self, self.kind), LineString(vertices), self.context.when)
        return ToolResult(command=add_observation(self.context.project, obs), selection=(obs.id,),
                          message=Message("{kind} drawn on {date}", kind=kind_text(obs.kind),
                                          date=obs.date.isoformat()), done=True)
