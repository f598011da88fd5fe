"""The registry the toolbar reads: every tool builds from a context and speaks the protocol."""
from __future__ import annotations

from desktop.tools import ACTIONS, TOOLS, Tool, ToolResult


def test_every_tool_builds_and_answers_escape(h):
    assert {"select", "draw_polygon", "draw_line", "place_point", "edit_vertices", "move_zone",
            "split_zone", "reshape", "measure"} <= set(TOOLS)
    for name, cls in TOOLS.items():
        tool = cls(h.ctx)
        assert isinstance(tool, Tool) and tool.name == name and tool.label
        for call in (lambda: tool.move(h.ev(37.0, 48.0)), lambda: tool.key("Escape")):
            assert isinstance(call(), ToolResult)
        assert tool.draft is None
    assert "merge" in ACTIONS and callable(ACTIONS["merge"][1])
