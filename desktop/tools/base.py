"""The tool protocol shared by every drawing/editing tool and the canvas that drives them.

Tools are small Qt-free state machines. The canvas turns Qt mouse and key events into
`PointerEvent`s in lon/lat (with the snapping tolerance already converted from screen pixels to
degrees at the current zoom) and hands them to the active tool. A tool answers with a
`ToolResult`: a command to push (one gesture = one command), a selection change, and/or a
message for the status bar. While a gesture is under way the canvas draws `tool.draft`
(the geometry being drawn, lon/lat) and `tool.snap_point` (where the pointer snapped, if it did).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Callable

from shapely.geometry.base import BaseGeometry

from desktop.model.commands import Command
from desktop.model.cursor import TimelineCursor
from desktop.model.messages import Message
from desktop.model.project import Project
from desktop.model.selection import Selection


@dataclass(frozen=True)
class PointerEvent:
    x: float  # longitude
    y: float  # latitude
    tolerance: float = 0.0  # snapping/picking tolerance in degrees at the current zoom
    shift: bool = False
    ctrl: bool = False
    alt: bool = False
    button: str = "left"  # "left", "right", "middle"


@dataclass
class ToolContext:
    """What a tool needs to know about the window: what, when, where.

    The date and the selection are the window's own cursor and selection objects, not copies:
    a tool reads them as they are when it acts."""
    project: Project
    cursor: TimelineCursor  # edits apply as of its date
    assessment_id: str | None  # the assessment being edited
    status: str = "ru_control"  # the status a new zone gets
    clip_mode: str = "clip_others"  # or "clip_self"
    snapping: bool = True
    selection: Selection = field(default_factory=Selection)  # selected zone (or observation) ids
    # Assessments the user has hidden: their zones are neither picked nor snapped to.
    hidden_assessments: frozenset[str] = frozenset()
    observation_kind: str = ""  # the kind a new observation gets ("" = the tool's default)
    # The name a new zone gets, {n} its first free number: data once drawn, so the window gives
    # it in the interface's language ("Зона 7") and the analyst renames it in the inspector.
    zone_name: str = "Zone {n}"
    # Tracing (T): the segment between two clicks follows the nearest line (tools/tracing.py).
    tracing: bool = False
    # The basemap's lines (lon/lat) that meet a lon/lat box (w, s, e, n): set by the window, so
    # tools reach the basemap without importing the renderer. None: zones only.
    trace_lines: Callable[[tuple[float, float, float, float]], list[BaseGeometry]] | None = None

    @property
    def when(self) -> date:
        """The cursor's date: the "as of" of every edit a tool makes."""
        return self.cursor.date


@dataclass(frozen=True)
class Choice:
    """One answer to an `Offer`: the command it pushes, its message and the selection after.
    Label and message are `Message`s (desktop/model/messages.py): the window translates them."""
    label: str
    command: Command
    message: str = ""
    selection: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Offer:
    """A gesture that could mean two things (drawing over a zone of the same status: a new zone
    that cuts it, or more of the same zone?): the window asks, and pushes the chosen command.
    The first choice is the default; the question is a `Message`, like every text a tool composes."""
    question: str
    choices: tuple[Choice, ...]


@dataclass(frozen=True)
class ToolResult:
    command: Command | None = None
    selection: tuple[str, ...] | None = None  # None: unchanged
    message: str = ""
    done: bool = False  # the gesture ended (finished or cancelled)
    offer: Offer | None = None  # ask before pushing anything (then `command` is None)


NOTHING = ToolResult()


class Tool:
    """Base class: every handler does nothing. Subclasses override what they need."""
    name = "tool"
    label = Message("Tool")
    cursor = "arrow"  # "arrow", "cross", "hand", "size_all"
    help = ""  # one line for the status bar while the tool is active

    def __init__(self, context: ToolContext) -> None:
        self.context = context
        self.draft: BaseGeometry | None = None
        self.snap_point: tuple[float, float] | None = None
        # The neighbours the gesture under way would cut (`clip_preview.Cut`s), for the canvas.
        self.cuts: tuple = ()

    def press(self, ev: PointerEvent) -> ToolResult:
        return NOTHING

    def move(self, ev: PointerEvent) -> ToolResult:
        return NOTHING

    def release(self, ev: PointerEvent) -> ToolResult:
        return NOTHING

    def double_click(self, ev: PointerEvent) -> ToolResult:
        return NOTHING

    def key(self, name: str) -> ToolResult:
        """`name` is one of "Enter", "Escape", "Backspace", "Delete"."""
        if name == "Escape":
            return self.cancel()
        return NOTHING

    def cancel(self) -> ToolResult:
        self.draft = None
        self.snap_point = None
        self.cuts = ()
        return ToolResult(done=True, message=Message("Cancelled"))
