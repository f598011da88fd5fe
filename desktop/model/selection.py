"""The selection: the zone and observation ids a window has picked, in the order picked.

One owner, Qt-free, like the timeline cursor: the map, the inspector, the evidence panel and the
tools read it, and hear a change through `listeners` (plain callables called with the new ids).
Whoever changes it (a tool's result, a row in the changes list, the window after a delete) calls
`set`; nobody keeps a copy to keep in step.
"""
from __future__ import annotations

from typing import Callable, Iterable, Iterator

SelectionListener = Callable[[tuple[str, ...]], None]


class Selection:
    def __init__(self, ids: Iterable[str] = ()) -> None:
        self._ids: tuple[str, ...] = _unique(ids)
        self.listeners: list[SelectionListener] = []

    @property
    def ids(self) -> tuple[str, ...]:
        return self._ids

    def set(self, ids: Iterable[str]) -> None:
        """Select `ids` (duplicates dropped, first pick kept in front); listeners hear a change only."""
        ids = _unique(ids)
        if ids != self._ids:
            self._ids = ids
            for listener in list(self.listeners):  # a listener may unhook itself while we call
                listener(ids)

    def clear(self) -> None:
        self.set(())

    def discard(self, gone: Iterable[str]) -> None:
        """Drop ids that no longer exist (a zone deleted, an undone observation)."""
        gone = set(gone)
        self.set(i for i in self._ids if i not in gone)

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, item: object) -> bool:
        return item in self._ids

    def __repr__(self) -> str:
        return f"Selection({list(self._ids)!r})"


def _unique(ids: Iterable[str]) -> tuple[str, ...]:
    if isinstance(ids, str):  # one id passed bare would otherwise select its characters
        raise TypeError("Selection takes an iterable of ids, not one string")
    return tuple(dict.fromkeys(ids))
