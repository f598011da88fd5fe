"""The area chart's table, kept up to date edit by edit (Qt-free).

`timeline.area_table` sweeps every version of the project; the chart called it after each edit,
so an edit late in a long session (thousands of versions) cost several times one at its start.
`AreaTable` computes the same figures once, then takes each change set and moves only the
versions it touches: an assessed version's km² is added to (or taken from) the dates it is valid
on through a difference array, and a version of an overlapping tier has its status's union
measured again on the dates it covered or covers, no others.

`swept` and `dates_measured` count the work of the last `update` (tests count work, not time).
"""
from __future__ import annotations

import bisect
from datetime import date
from typing import Any, Iterable

import numpy as np
from shapely import union_all

from desktop.model.geodesy import area_km2

Key = tuple[str, str]  # (assessment id, status)
ZERO_KM2 = 1e-6  # what repeated additions and subtractions leave of a series that vanished (1 m²)


class AreaTable:
    """km² per (assessment id, status) on each of the sorted `dates`: `timeline.area_table`'s
    figures, updated by `update(changes)` instead of recomputed."""

    def __init__(self, project: Any, dates: list[date]) -> None:
        self.project = project
        self.dates = list(dates)
        self.swept = 0  # versions looked at by the last rebuild or update
        self.dates_measured = 0  # (series, date) unions measured by the last rebuild or update
        self.rebuilds = 0
        self.rebuild()

    # -- the whole table --------------------------------------------------------------------
    def rebuild(self) -> None:
        p = self.project
        self.rebuilds += 1
        n = len(self.dates)
        self._diff: dict[Key, np.ndarray] = {}  # assessed series: n + 1 differences
        self._contrib: dict[str, tuple[Key, int, int, float]] = {}  # version id -> what it added
        self._other_ids: dict[Key, set[str]] = {}  # overlapping tiers: version ids per series
        self._other_span: dict[str, tuple[Key, int, int]] = {}
        self._other_rows: dict[Key, np.ndarray] = {}
        p.prefetch_areas(v for v in p.versions.values() if p.tier_of(v.status) == "assessed")
        for v in p.versions.values():
            self._add(v)
        self.swept = len(p.versions)
        self.dates_measured = 0
        for key in self._other_ids:
            self._measure_other(key, 0, n)

    def rows(self) -> dict[Key, np.ndarray]:
        """Every series with some area on some date (a fresh array each)."""
        out: dict[Key, np.ndarray] = {}
        for key, diff in self._diff.items():
            row = np.cumsum(diff[:-1])
            row[np.abs(row) < ZERO_KM2] = 0.0
            out[key] = row
        for key, other in self._other_rows.items():
            out[key] = out[key] + other if key in out else other.copy()
        return {k: v for k, v in out.items() if np.any(v)}

    # -- one change set ---------------------------------------------------------------------
    def update(self, changes: Iterable[Any]) -> None:
        """Bring the table in line with the project after `changes` were applied to it."""
        p = self.project
        touched: set[str] = set()
        for c in changes:
            if c.table in ("legend", "assessments"):
                # A status's tier (how its areas add up) or the series' assessments changed.
                self.rebuild()
                return
            if c.table == "versions":
                touched.add(c.id)
            elif c.table == "zones" and (c.before is None or c.after is None
                                         or c.before.assessment_id != c.after.assessment_id):
                # Versions of a zone that moved assessment change series (a rename changes none).
                touched.update(p.version_ids_of(c.id))
        self.swept = len(touched)
        self.dates_measured = 0
        dirty: dict[Key, list[tuple[int, int]]] = {}
        for vid in touched:
            old = self._contrib.pop(vid, None)
            if old is not None:
                key, lo, hi, a = old
                diff = self._diff[key]
                diff[lo] -= a
                diff[hi] += a
            span = self._other_span.pop(vid, None)
            if span is not None:
                self._other_ids[span[0]].discard(vid)
                dirty.setdefault(span[0], []).append(span[1:])
            v = p.versions.get(vid)
            if v is not None:
                span = self._add(v)
                if span is not None:
                    dirty.setdefault(span[0], []).append(span[1:])
        for key, spans in dirty.items():
            for lo, hi in _merged(spans):
                self._measure_other(key, lo, hi)

    # -- helpers ----------------------------------------------------------------------------
    def _add(self, v: Any) -> tuple[Key, int, int] | None:
        """Count version `v`; returns its series and date span when it is of an overlapping
        tier (measured as a union by the caller)."""
        p = self.project
        zone = p.zones.get(v.zone_id)
        if zone is None:
            return None
        n = len(self.dates)
        lo = bisect.bisect_left(self.dates, v.valid_from)
        hi = n if v.valid_to is None else bisect.bisect_left(self.dates, v.valid_to)
        if lo >= hi:
            return None
        key = (zone.assessment_id, v.status)
        if p.tier_of(v.status) != "assessed":
            self._other_ids.setdefault(key, set()).add(v.id)
            self._other_span[v.id] = (key, lo, hi)
            return key, lo, hi
        a = p.version_area_km2(v)
        diff = self._diff.get(key)
        if diff is None:
            diff = self._diff[key] = np.zeros(n + 1)
        diff[lo] += a
        diff[hi] -= a
        self._contrib[v.id] = (key, lo, hi, a)
        return None

    def _measure_other(self, key: Key, lo: int, hi: int) -> None:
        """The union of `key`'s versions on dates lo..hi-1, as `Project.areas_at` measures it."""
        p = self.project
        row = self._other_rows.get(key)
        if row is None:
            row = self._other_rows[key] = np.zeros(len(self.dates))
        versions = [p.versions[i] for i in self._other_ids.get(key, ()) if i in p.versions]
        for i in range(lo, hi):
            d = self.dates[i]
            valid = [v for v in versions if v.valid_on(d)]
            self.dates_measured += 1
            if len(valid) == 1:
                row[i] = p.version_area_km2(valid[0])
            elif valid:
                row[i] = area_km2(union_all([v.geometry for v in valid]))
            else:
                row[i] = 0.0


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping [lo, hi) spans joined, so no date is measured twice."""
    out: list[list[int]] = []
    for lo, hi in sorted(spans):
        if out and lo <= out[-1][1]:
            out[-1][1] = max(out[-1][1], hi)
        else:
            out.append([lo, hi])
    return [(lo, hi) for lo, hi in out]
