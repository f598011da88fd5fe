"""Measure a distance along clicked points and the area they enclose, on the WGS84 ellipsoid."""
from __future__ import annotations

from shapely.geometry import LineString, Polygon

from desktop.model.geodesy import area_km2, length_km
from desktop.model.messages import Message

from desktop.tools.base import ToolResult
from desktop.tools.path_tool import Coord, PathTool


def format_km(km: float) -> str:
    return Message("{m:.0f} m", m=km * 1000) if km < 1 else Message("{km:,.2f} km", km=km)


def measure_text(points: list[Coord]) -> str:
    if len(points) < 2:
        return Message("Click the points to measure")
    distance = format_km(length_km(LineString(points)))
    if len(points) >= 3:
        poly = Polygon(points)
        if poly.is_valid and poly.area > 0:
            return Message("Distance {distance} · area {km2:,.3f} km²", distance=distance, km2=area_km2(poly))
    return Message("Distance {distance}", distance=distance)


class MeasureTool(PathTool):
    name = "measure"
    label = Message("Measure")
    help = Message("Click points to measure distance and area (geodesic); double-click or Enter ends")

    def progress(self) -> ToolResult:
        pts = list(self.vertices)
        if self.pointer is not None and (not pts or pts[-1] != self.pointer):
            pts.append(self.pointer)
        return ToolResult(message=measure_text(pts))

    def finish(self, vertices: list[Coord]) -> ToolResult:
        # The finished measurement stays drawn until the next click starts another.
        self.draft = LineString(vertices)
        return ToolResult(message=measure_text(vertices), done=True)
