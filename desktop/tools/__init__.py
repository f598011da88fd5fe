"""Drawing and editing tools: Qt-free state machines that turn pointer events into commands.

`TOOLS` lists the pointer tools by name in toolbar order; `ACTIONS` the one-shot actions that
work on the selection. The canvas builds a tool with `TOOLS[name](context)` and feeds it
`PointerEvent`s (see `base.py` for the protocol).
"""
from __future__ import annotations

from typing import Callable

from desktop.model.messages import Message

from desktop.tools.base import NOTHING, PointerEvent, Tool, ToolContext, ToolResult
from desktop.tools.draw import DrawPolygonTool
from desktop.tools.measure import MeasureTool
from desktop.tools.move import MoveTool
from desktop.tools.observe import DrawLineTool, PlacePointTool
from desktop.tools.reshape import ReshapeTool, reshape_polygon
from desktop.tools.select import SelectTool
from desktop.tools.snapping import Snap, share_borders, snap_point
from desktop.tools.split import SplitTool, merge_selected
from desktop.tools.vertex import VertexTool

TOOLS: dict[str, type[Tool]] = {cls.name: cls for cls in (
    SelectTool, DrawPolygonTool, DrawLineTool, PlacePointTool, VertexTool, MoveTool, SplitTool,
    ReshapeTool, MeasureTool)}

# name -> (label, function of the context returning a ToolResult); icons are the toolbar's
# business (desktop/ui/window/actions.py), not the Qt-free tools'.
ACTIONS: dict[str, tuple[str, Callable[[ToolContext], ToolResult]]] = {
    "merge": (Message("Merge selected zones"), merge_selected),
}

__all__ = ["ACTIONS", "NOTHING", "TOOLS", "DrawLineTool", "DrawPolygonTool", "MeasureTool", "MoveTool",
           "PlacePointTool", "PointerEvent", "ReshapeTool", "SelectTool", "Snap", "SplitTool", "Tool",
           "ToolContext", "ToolResult", "VertexTool", "merge_selected", "reshape_polygon",
           "share_borders", "snap_point"]
