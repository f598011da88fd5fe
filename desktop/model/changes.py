"""A change set: the one way the project's records change.

Every edit is computed as a list of `Change(table, id, before, after)` records (a row added has
`before=None`, a row removed `after=None`). Applying it forward or backward is exact, which is
what makes undo trivially correct, and the storage layer writes the same list as one
transaction.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

TABLES = ("info", "legend", "assessments", "zones", "versions", "observations",
          "sources", "quotes", "evidence", "attachments", "rasters")


@dataclass(frozen=True)
class Change:
    table: str
    id: str
    before: Any
    after: Any

    def reversed(self) -> "Change":
        return Change(self.table, self.id, self.after, self.before)


class ChangeSet(tuple):
    """An ordered tuple of changes; `reversed()` undoes them in reverse order."""

    def __new__(cls, changes: Iterable[Change] = ()) -> "ChangeSet":
        return super().__new__(cls, tuple(changes))

    def reversed(self) -> "ChangeSet":
        return ChangeSet(c.reversed() for c in reversed(self))

    def compact(self) -> "ChangeSet":
        """Fold several changes of one row into one (first before, last after); drop no-ops."""
        first: dict[tuple[str, str], Change] = {}
        last: dict[tuple[str, str], Any] = {}
        order: list[tuple[str, str]] = []
        for c in self:
            k = (c.table, c.id)
            if k not in first:
                first[k] = c
                order.append(k)
            last[k] = c.after
        out = []
        for k in order:
            before, after = first[k].before, last[k]
            if before is None and after is None:
                continue
            if before is not None and after is not None and before == after:
                continue
            out.append(Change(k[0], k[1], before, after))
        return ChangeSet(out)


class ChangeBuilder:
    """Accumulates changes against a project, seeing its own pending edits (read-your-writes)."""

    def __init__(self, project: "Any") -> None:
        self.project = project
        self._pending: dict[tuple[str, str], Any] = {}
        self._changes: list[Change] = []

    def get(self, table: str, id_: str) -> Any:
        k = (table, id_)
        if k in self._pending:
            return self._pending[k]
        return self.project.table(table).get(id_)

    def put(self, table: str, id_: str, after: Any) -> None:
        before = self.get(table, id_)
        self._pending[(table, id_)] = after
        self._changes.append(Change(table, id_, before, after))

    def delete(self, table: str, id_: str) -> None:
        self.put(table, id_, None)

    def rows(self, table: str) -> dict[str, Any]:
        """The table as it would be after the pending changes."""
        base = dict(self.project.table(table))
        for (t, i), v in self._pending.items():
            if t != table:
                continue
            if v is None:
                base.pop(i, None)
            else:
                base[i] = v
        return base

    def versions_of(self, zone_id: str) -> list:
        ids = set(self.project.version_ids_of(zone_id))
        for (t, i), v in self._pending.items():
            if t == "versions":
                if v is None:
                    ids.discard(i)
                elif v.zone_id == zone_id:
                    ids.add(i)
                else:
                    ids.discard(i)
        vs = [self.get("versions", i) for i in ids]
        return sorted((v for v in vs if v is not None), key=lambda v: v.valid_from)

    def build(self) -> ChangeSet:
        return ChangeSet(self._changes).compact()
