"""The one least-recently-used map, for every bounded cache in the app.

It lives in the model, the lowest layer that keeps such caches (geometry differences and the
areas of changes); the renderer's paths, overlays, state lists, tiles and painted pieces use the
same class. Safe to share between threads: the replay export prepares the next frame on a worker
thread while one is painted, and its captions ask the model's caches from there.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any, Hashable


class LRU:
    """At most `size` entries; a `get` that finds one or a `put` makes it the most recent, and
    a `put` past the size drops the least recent. `None` means "not there", so store a sentinel
    such as False for a remembered absence."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._d: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Any:
        with self._lock:
            v = self._d.get(key)
            if v is not None:
                self._d.move_to_end(key)
            return v

    def put(self, key: Hashable, value: Any) -> Any:
        with self._lock:
            self._d[key] = value
            self._d.move_to_end(key)
            while len(self._d) > self.size:
                self._d.popitem(last=False)
        return value

    def values(self) -> list[Any]:
        """The values, least recent first (a copy: safe to walk while others put)."""
        with self._lock:
            return list(self._d.values())

    def clear(self) -> None:
        with self._lock:
            self._d.clear()

    def __len__(self) -> int:
        return len(self._d)


__all__ = ["LRU"]
