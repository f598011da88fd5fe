"""One snapshot of a series cleaned into connected parts per status, reusing the previous
snapshot's work wherever the features did not move.

From one week to the next most of the front stays where it was, and cleaning (the assessed-tier
rule, then the union per status) is where a series import spent its time. Both steps remember
their results by what they depend on, exactly (digests of the coordinates' WKB): the rule per
feature (`overlap.OverlapMemo`), the union per group of touching same-status polygons here. The
report still gets every line, for this file's features.
"""
from __future__ import annotations

import hashlib
from typing import Callable

import numpy as np
import shapely

from desktop.model.geometry import polygonal

from desktop.storage.imports.overlap import OverlapMemo, report_events, resolve_events
from desktop.storage.imports.prepare import Item
from desktop.storage.imports.report import ImportReport

Part = tuple[str, object, bytes]  # status, connected polygon, its normalised WKB


def part_key(g) -> bytes:
    """Equal for the same polygon whatever the ring start and orientation."""
    return shapely.normalize(g).wkb


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def touching_groups(geoms: np.ndarray, keys: list[bytes] | None = None,
                    memo: OverlapMemo | None = None) -> list[list[int]]:
    """Positions grouped by chains of intersecting (overlapping or touching) geometries. With
    `keys` (one per geometry, by content) and `memo`, each pair is tested once per series."""
    n = len(geoms)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    if n > 1:
        a, b = shapely.STRtree(geoms).query(geoms)  # boxes that meet
        a, b = a[a < b], b[a < b]
        if keys is None or memo is None:
            meet = shapely.intersects(geoms[a], geoms[b])
        else:
            pairs = [("touch", keys[i], keys[j]) for i, j in zip(a.tolist(), b.tolist())]
            known = [memo.get(k) for k in pairs]
            meet = np.array([bool(k) for k in known], dtype=bool)
            todo = np.array([m for m, k in enumerate(known) if k is None], dtype=np.intp)
            if len(todo):
                meet[todo] = shapely.intersects(geoms[a[todo]], geoms[b[todo]])
                for m in todo.tolist():
                    memo.current[pairs[m]] = bool(meet[m])
        for i, j in zip(a[meet].tolist(), b[meet].tolist()):
            ri, rj = find(i), find(j)
            if ri != rj:
                parent[max(ri, rj)] = min(ri, rj)
    out: dict[int, list[int]] = {}
    for i in range(n):
        out.setdefault(find(i), []).append(i)
    return list(out.values())


class SnapshotCleaner:
    """Cleans the snapshots of one series in turn, remembering the previous snapshot's work."""

    def __init__(self, tier_of: Callable[[str], str]) -> None:
        self.tier_of = tier_of
        self.overlaps = OverlapMemo()
        self.previous: dict[tuple, list[tuple[object, bytes]]] = {}

    def parts(self, items: list[Item], report: ImportReport) -> list[Part]:
        """Connected parts of the cleaned snapshot: statuses in order of first appearance, the
        parts of one status largest first (so when a zone splits, the larger part continues it)."""
        self.overlaps.next_snapshot()
        kept, events = resolve_events(items, self.tier_of, memo=self.overlaps)
        report_events(events, items, report)
        tokens = self.overlaps.tokens
        by_status: dict[str, list] = {}
        for it in kept:
            by_status.setdefault(it.status, []).append(it)
        current: dict[tuple, list[tuple[object, bytes]]] = {}
        out: list[Part] = []
        for status, members in by_status.items():
            arr = np.array([it.geometry for it in members], dtype=object)
            # Known by the rule's tokens (content digests); annotation-tier items by their WKB.
            digests = [tokens.get(id(it)) or _digest(shapely.to_wkb(it.geometry)) for it in members]
            found: list[tuple[object, bytes]] = []
            for group in touching_groups(arr, digests, self.overlaps):
                key = tuple(digests[i] for i in group)
                done = current.get(key) or self.previous.get(key)
                if done is None:
                    # Polygons that touch are dissolved into one part; one alone is kept as it is.
                    merged = polygonal(shapely.union_all(arr[group])) if len(group) > 1 else arr[group[0]]
                    done = [(g, part_key(g)) for g in shapely.get_parts(merged)]
                current[key] = done
                found.extend(done)
            areas = shapely.area(np.array([g for g, _ in found], dtype=object))
            out.extend((status, found[i][0], found[i][1]) for i in np.argsort(-areas, kind="stable"))
        self.previous = current
        return out
