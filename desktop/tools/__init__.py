"""Drawing and editing tools: Qt-free state machines that turn pointer events into commands.

`TOOLS` lists the pointer tools by name in toolbar order; `ACTIONS` the one-shot actions that
work on the selection. The canvas builds a tool with `TOOLS[name](context)` and feeds it
`PointerEvent`s (see `base.py` for the protocol).
"""
from __future__ import annotations

from typing import Callable

from .base import NOTHING, PointerEvent, Tool, ToolContext, ToolResult
from .draw import DrawPolygonTool
from .measure import MeasureTool
from .move import MoveTool
from .observe import DrawLineTool, PlacePointTool
from .reshape import ReshapeTool, reshape_polygon
from .select import SelectTool
from .snapping import Snap, share_borders, snap_point
from .split import SplitTool, merge_selected
from .vertex import VertexTool

TOOLS: dict[str, type[Tool]] = {cls.name: cls for cls in (
    SelectTool, DrawPolygonTool, DrawLineTool, PlacePointTool, VertexTool, MoveTool, SplitTool,
    ReshapeTool, MeasureTool)}

# name -> (label, function of the context returning a ToolResult); icons are the toolbar's
# business (desktop/ui/actions.py), not the Qt-free tools'.
ACTIONS: dict[str, tuple[str, Callable[[ToolContext], ToolResult]]] = {
    "merge": ("Merge selected zones", merge_selected),
}

__all__ = ["ACTIONS", "NOTHING", "TOOLS", "DrawLineTool", "DrawPolygonTool", "MeasureTool", "MoveTool",
           "PlacePointTool", "PointerEvent", "ReshapeTool", "SelectTool", "Snap", "SplitTool", "Tool",
           "ToolContext", "ToolResult", "VertexTool", "merge_selected", "reshape_polygon",
           "share_borders", "snap_point"]
