"""Moving a view's change listener from one project to the next (a window switching files)."""
from __future__ import annotations

from typing import Any, Callable


def move_listener(old: Any, new: Any, callback: Callable[[Any], None]) -> None:
    """Stop `callback` hearing `old`'s change sets and start it hearing `new`'s (either may be
    None; a callback already listening to `new` is not added twice)."""
    if old is not None and callback in old.listeners:
        old.listeners.remove(callback)
    if new is not None and callback not in new.listeners:
        new.listeners.append(callback)
