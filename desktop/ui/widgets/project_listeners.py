"""Widgets hearing the model's plain listener lists: a project's change sets, the timeline
cursor's moves, the selection's changes."""
from __future__ import annotations

import inspect
import weakref
from typing import Any, Callable

from PySide6.QtCore import QObject


def move_listener(old: Any, new: Any, callback: Callable[[Any], None]) -> None:
    """Stop `callback` hearing `old`'s change sets and start it hearing `new`'s (either may be
    None; a callback already listening to `new` is not added twice)."""
    if old is not None and callback in old.listeners:
        old.listeners.remove(callback)
    if new is not None and callback not in new.listeners:
        new.listeners.append(callback)


def listen(widget: QObject, source: Any, callback: Callable[[Any], None]) -> Callable[[], None]:
    """Call `callback(...)` with what `source` (anything with a `listeners` list: a Project, the
    timeline cursor, the selection) tells its listeners, for as long as `widget` lives; returns
    the unhook.

    The model outlives widgets (a closed panel, a deleted presentation view). A bound method (the
    widget's own, preferably) is held weakly, so the model never keeps a view alive: a view kept
    only by a cycle through the model would wait for Python's cyclic collector, which may run
    inside a Qt call. Other callables are held until the hook goes: when the widget is destroyed,
    or when Qt says its C++ side is already gone."""
    ref: Callable[[], Callable[[Any], None] | None]
    ref = weakref.WeakMethod(callback) if inspect.ismethod(callback) else (lambda: callback)
    # Unhooking also lets go of the callback: PySide keeps the `destroyed` connection's slot, and
    # with it this closure, after the widget is deleted.
    held = [ref]

    def on_change(what: Any) -> None:
        fn = held[0]() if held else None
        if fn is None:
            unhook()
            return
        try:
            fn(what)
        except RuntimeError:  # the C++ widget is gone ("already deleted"): stop listening
            unhook()

    def unhook(*_: Any) -> None:
        held.clear()
        if on_change in source.listeners:
            source.listeners.remove(on_change)

    source.listeners.append(on_change)
    widget.destroyed.connect(unhook)
    return unhook
