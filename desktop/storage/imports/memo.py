"""A memo that remembers results from the current and the previous snapshot of a series.

Consecutive snapshots share most features, so what was computed for the last file is looked up
first; anything not met again within one file is forgotten, which bounds memory to two files.
"""
from __future__ import annotations

from typing import Any


class TwoSnapshotMemo:
    def __init__(self) -> None:
        self.previous: dict = {}
        self.current: dict = {}

    def advance(self) -> None:
        """The next snapshot begins: what the last one did not use again is dropped."""
        self.previous, self.current = self.current, {}

    def get(self, key: Any) -> Any:
        hit = self.current.get(key)
        if hit is None:
            hit = self.previous.get(key)
            if hit is not None:
                self.current[key] = hit
        return hit
