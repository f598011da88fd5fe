"""Fixtures for the tool tests: a project with one assessment, its command stack, a context,
and helpers that feed pointer events the way the canvas does."""
from __future__ import annotations

from datetime import date

import pytest

from desktop.model import CommandStack, Project, add_assessment
from desktop.model.cursor import TimelineCursor
from desktop.tools.base import PointerEvent, Tool, ToolContext, ToolResult

D0 = date(2025, 11, 1)
TOL = 0.001  # degrees: a few pixels at town zoom


class Harness:
    """Drives tools and pushes what they return, like the canvas."""

    def __init__(self) -> None:
        self.project = Project()
        self.stack = CommandStack(self.project)
        cmd, self.aid = add_assessment(self.project, "Ours")
        self.project.apply(cmd.changes)  # not on the stack: undo tests start after it
        self.ctx = ToolContext(self.project, TimelineCursor(self.project, start=D0), self.aid)
        self.results: list[ToolResult] = []
        # A tool's question (drawing over a zone of the same status) is answered with this
        # choice, as the window's message box would be: 1 = a separate zone that cuts it.
        self.answer = 1
        self.offers: list = []

    def take(self, r: ToolResult) -> ToolResult:
        if r.offer is not None:
            self.offers.append(r.offer)
            c = r.offer.choices[self.answer]
            r = ToolResult(command=c.command, selection=c.selection, message=c.message, done=True)
        self.results.append(r)
        if r.command is not None:
            self.stack.push(r.command)
        if r.selection is not None:
            self.ctx.selection.set(r.selection)
        return r

    def ev(self, x: float, y: float, **kw) -> PointerEvent:
        kw.setdefault("tolerance", TOL)
        return PointerEvent(x, y, **kw)

    def click(self, tool: Tool, x: float, y: float, **kw) -> ToolResult:
        e = self.ev(x, y, **kw)
        self.take(tool.move(e))
        r = self.take(tool.press(e))
        r2 = self.take(tool.release(e))
        return r2 if (r2.command or r2.selection is not None or r2.message) else r

    def drag(self, tool: Tool, frm: tuple[float, float], to: tuple[float, float], steps: int = 4,
             **kw) -> ToolResult:
        self.take(tool.press(self.ev(*frm, **kw)))
        for k in range(1, steps + 1):
            t = k / steps
            self.take(tool.move(self.ev(frm[0] + (to[0] - frm[0]) * t, frm[1] + (to[1] - frm[1]) * t, **kw)))
        return self.take(tool.release(self.ev(*to, **kw)))

    def path(self, tool: Tool, coords: list[tuple[float, float]], finish: str = "double") -> ToolResult:
        """Click the points; finish with a double-click on the last ("double") or Enter."""
        for x, y in coords[:-1] if finish == "double" else coords:
            self.click(tool, x, y)
        if finish == "double":
            x, y = coords[-1]
            self.click(tool, x, y)
            return self.take(tool.double_click(self.ev(x, y)))
        return self.take(tool.key("Enter"))

    def draw(self, coords: list[tuple[float, float]], **ctx) -> str:
        """Draw a zone with the polygon tool; returns its id."""
        from desktop.tools import DrawPolygonTool
        for k, v in ctx.items():
            setattr(self.ctx, k, v)
        r = self.path(DrawPolygonTool(self.ctx), coords)
        assert r.command is not None, r.message
        return r.selection[0]

    def shape(self, zone_id: str, d: date | None = None):
        v = self.project.version_at(zone_id, d or self.ctx.when)
        return v.geometry if v is not None else None


@pytest.fixture
def h() -> Harness:
    return Harness()
