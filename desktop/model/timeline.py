"""Time steps for the timeline and replay, and the "changes this step" rows (no Qt).

A step is a day, a week (starting on Monday) or a calendar month, named by its first day.
The replay shows one frame per step, each the state on the step's first day (DESIGN.md), so
"the changes of a step" are what changed since the previous frame: the versions that start in
the half-open interval (previous boundary, shown date]. For a cursor on a step's first day this
is (previous step's first day, this step's first day]; for a cursor the analyst typed in the
middle of a step it is (that step's first day, the cursor date]: always "what changed to make
the map look as it does now, since the last step boundary".
"""
from __future__ import annotations

import bisect
import weakref
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
from shapely import union_all

from desktop.model.difference import version_differences
from desktop.model.entities import Observation, ZoneVersion
from desktop.model.geodesy import area_km2, areas_km2
from desktop.model.lru import LRU
from desktop.model.credits import status_label
from desktop.model.stance import rank as stance_rank, symbol as stance_symbol

DAY, WEEK, MONTH = "day", "week", "month"
STEPS = (DAY, WEEK, MONTH)
ONE_DAY = timedelta(days=1)


def _check(step: str) -> None:
    if step not in STEPS:
        raise ValueError(f"step must be one of {', '.join(STEPS)}, not {step!r}")


def step_start(d: date, step: str) -> date:
    """The first day of the step holding `d` (weeks start on Monday)."""
    _check(step)
    if step == DAY:
        return d
    if step == WEEK:
        return d - timedelta(days=d.weekday())
    return d.replace(day=1)


def _add_months(d: date, n: int) -> date:
    """The first day of the month `n` months after `d`'s month."""
    m = d.year * 12 + (d.month - 1) + n
    return date(m // 12, m % 12 + 1, 1)


def next_step(d: date, step: str) -> date:
    """The first day of the step after the one holding `d` (always later than `d`)."""
    s = step_start(d, step)
    if step == DAY:
        return s + ONE_DAY
    if step == WEEK:
        return s + timedelta(days=7)
    return _add_months(s, 1)


def prev_step(d: date, step: str) -> date:
    """The step boundary before `d` (always earlier than `d`).

    From a step's first day that is the previous step's first day; from inside a step it is the
    first day of that same step, as "previous" on a media player first returns to the start.
    """
    s = step_start(d, step)
    return s if s < d else step_start(d - ONE_DAY, step)


def step_end(d: date, step: str) -> date:
    """The exclusive end of the step holding `d`."""
    return next_step(d, step)


def steps_between(first: date, last: date, step: str) -> list[date]:
    """First days of every step from the one holding `first` to the one holding `last`, inclusive.

    Empty when `last` is before `first`.
    """
    _check(step)
    if last < first:
        return []
    out, d, end = [], step_start(first, step), step_start(last, step)
    while d <= end:
        out.append(d)
        d = next_step(d, step)
    return out


def advance(d: date, step: str, first: date, last: date, loop: bool) -> date | None:
    """The next playback date from `d` within [first, last], or None when playback must stop.

    Before the range, playback starts at the first step; past the last step it wraps to the
    first one when looping, else it stops.
    """
    if last < first:
        return None
    lo, hi = step_start(first, step), step_start(last, step)
    if d < lo:
        return lo
    n = next_step(d, step)
    if n > hi:
        return lo if loop else None
    return n


def nearest_step_start(d: date, step: str) -> date:
    """The step boundary nearest to `d` (ties go to the earlier one): used to snap scrubbing."""
    s = step_start(d, step)
    n = next_step(d, step)
    return s if (d - s) <= (n - d) else n


def next_change(change_dates: list[date], d: date) -> date | None:
    """The first date in the sorted list after `d`."""
    i = bisect.bisect_right(change_dates, d)
    return change_dates[i] if i < len(change_dates) else None


def prev_change(change_dates: list[date], d: date) -> date | None:
    """The last date in the sorted list before `d`."""
    i = bisect.bisect_left(change_dates, d)
    return change_dates[i - 1] if i > 0 else None


# -- what changed in a step --------------------------------------------------------------------
@dataclass(frozen=True)
class ChangeRow:
    """One zone whose shape or status differs between the step's two ends."""
    zone_id: str
    zone_name: str
    assessment_id: str
    assessment_name: str
    old_status: str | None  # None: the zone did not exist before
    new_status: str | None  # None: the zone ended
    old_version_id: str | None
    new_version_id: str | None
    # km² the new status gains and the old one loses within this zone (the whole area when the
    # status changed, else the geometric difference), geodesic.
    gained_km2: float
    lost_km2: float
    quote_count: int  # distinct quotes linked to the zone's versions starting in the step
    changed_on: date  # when the change took effect (the new version's start, or the old one's end)
    # The stance of each of those quotes (one per quote, supporting first), for "✓2 ✗1".
    quote_stances: tuple[str, ...] = ()

    @property
    def net_km2(self) -> float:
        return self.gained_km2 - self.lost_km2


@dataclass(frozen=True)
class Caption:
    """A quote linked to a version that starts in the step, ready to print as plain text."""
    quote_id: str
    version_id: str
    zone_name: str
    stance: str
    source: str
    published: date | None
    reliability: str
    credibility: int
    speaker: str
    said_on: date | None
    text: str

    def line(self, limit: int = 160) -> str:
        """`✓ Source (A2), 2025-12-01 — speaker: "excerpt"` as one plain-text line; the mark
        says whether the quote supports (✓), contradicts (✗) or gives context (○)."""
        when = self.said_on or self.published
        head = f"{stance_symbol(self.stance)} {self.source} ({self.reliability}{self.credibility})"
        if when:
            head += f", {when.isoformat()}"
        who = f"{self.speaker}: " if self.speaker else ""
        return f"{head} \u2014 {who}\u201c{excerpt(self.text, limit)}\u201d"


def excerpt(text: str, limit: int = 160) -> str:
    """The text on one line, cut at a word boundary with an ellipsis when longer than `limit`."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:./·-—(") + "\u2026"


def step_interval(d: date, step: str) -> tuple[date, date]:
    """(a, b): the step's changes are those effective after `a` and up to `b` inclusive."""
    return prev_step(d, step), d


class _VersionDates:
    """The versions by start and by end date, for "which start or end in (a, b]" by bisection:
    asked for every frame of a replay, a scan of every version made a frame's cost grow with
    the history (3 ms a frame over a daily archive's 3,000 versions, twice). Kept per project
    while its versions are the very same records (records are immutable: an edit makes a new
    one), checked in C by comparing the lists of records, identity first."""

    def __init__(self, versions: list[ZoneVersion]) -> None:
        self.records = versions
        by_start = sorted(versions, key=lambda v: v.valid_from)
        ended = sorted((v for v in versions if v.valid_to is not None), key=lambda v: v.valid_to)
        self.starts, self.by_start = [v.valid_from for v in by_start], by_start
        self.ends, self.by_end = [v.valid_to for v in ended], ended

    def starting(self, a: date, b: date) -> list[ZoneVersion]:
        """Versions with a < valid_from <= b."""
        return self.by_start[bisect.bisect_right(self.starts, a):bisect.bisect_right(self.starts, b)]

    def ending(self, a: date, b: date) -> list[ZoneVersion]:
        """Versions with a < valid_to <= b."""
        return self.by_end[bisect.bisect_right(self.ends, a):bisect.bisect_right(self.ends, b)]


_VERSION_DATES: "weakref.WeakKeyDictionary[Any, _VersionDates]" = weakref.WeakKeyDictionary()


def _version_dates(project: Any) -> _VersionDates:
    records = list(project.versions.values())
    try:
        got = _VERSION_DATES.get(project)
    except TypeError:  # not weakly referenceable: measured afresh
        return _VersionDates(records)
    if got is None or got.records != records:
        got = _VERSION_DATES[project] = _VersionDates(records)
    return got


def _touched_zones(project: Any, a: date, b: date) -> set[str]:
    # Only a zone with a version starting or ending in (a, b] can look different at b than at a.
    ix = _version_dates(project)
    return {v.zone_id for v in ix.starting(a, b)} | {v.zone_id for v in ix.ending(a, b)}


def _versions_starting(project: Any, zone_id: str, a: date, b: date) -> list[ZoneVersion]:
    return [v for v in project.versions_of(zone_id) if a < v.valid_from <= b]


def _quote_ids(project: Any, versions: list[ZoneVersion]) -> list[tuple[str, ZoneVersion, str]]:
    out = []
    for v in versions:
        for e in sorted(project.evidence_for(v.id), key=lambda e: e.id):
            if e.quote_id in project.quotes:
                out.append((e.quote_id, v, e.stance))
    return out


# (old id, new id) -> (old, new, gained km², lost km²); thread-safe: replay export builds the
# next frame's captions on a worker thread.
_DIFF_CACHE = LRU(512)


def _diff_areas(old: ZoneVersion, new: ZoneVersion) -> tuple[float, float]:
    """Geodesic km² of new − old and old − new, remembered per pair of version records.

    Even windowed (difference.py) the two overlays of a front cost milliseconds, and the
    changes list, presentation mode and a scrub back and forth ask for the same pairs again. Records are immutable and an
    edit makes a new one, so a hit requires the very same two objects, never just their ids.
    """
    key = (old.id, new.id)
    hit = _DIFF_CACHE.get(key)
    if hit is not None and hit[0] is old and hit[1] is new:
        return hit[2], hit[3]
    gained_geom, lost_geom = version_differences(old, new)  # shared with the map's overlay
    gained, lost = areas_km2([gained_geom, lost_geom]).tolist()  # one pass over both
    _DIFF_CACHE.put(key, (old, new, gained, lost))
    return gained, lost


def _row(project: Any, zone_id: str, a: date, b: date) -> ChangeRow | None:
    old, new = project.version_at(zone_id, a), project.version_at(zone_id, b)
    if old is None and new is None:
        return None  # appeared and vanished within the step: nothing to show on either map
    if old is not None and new is not None and old.status == new.status \
            and old.geometry.equals_exact(new.geometry, 0):
        return None
    if old is not None and new is not None and old.status == new.status:
        gained, lost = _diff_areas(old, new)
    else:
        gained = project.version_area_km2(new) if new is not None else 0.0
        lost = project.version_area_km2(old) if old is not None else 0.0
    zone = project.zones[zone_id]
    assessment = project.assessments.get(zone.assessment_id)
    starting = _versions_starting(project, zone_id, a, b)
    stance_of: dict[str, str] = {}
    for q, _, stance in _quote_ids(project, starting):
        if q not in stance_of or stance_rank(stance) < stance_rank(stance_of[q]):
            stance_of[q] = stance
    quotes = set(stance_of)
    changed_on = new.valid_from if new is not None and new.valid_from > a else (old.valid_to or b)
    return ChangeRow(zone_id, zone.name, zone.assessment_id, assessment.name if assessment else "",
                     old.status if old else None, new.status if new else None,
                     old.id if old else None, new.id if new else None,
                     gained, lost, len(quotes), changed_on,
                     tuple(sorted(stance_of.values(), key=stance_rank)))


def changes_in_step(project: Any, d: date, step: str) -> list[ChangeRow]:
    """The zones that changed in the step shown at `d`, largest change first."""
    a, b = step_interval(d, step)
    rows = [r for z in _touched_zones(project, a, b) if (r := _row(project, z, a, b)) is not None]
    rows.sort(key=lambda r: (-(r.gained_km2 + r.lost_km2), r.zone_name, r.zone_id))
    return rows


def captions_in_step(project: Any, d: date, step: str) -> list[Caption]:
    """Quotes linked to the versions that start in the step shown at `d`, oldest first."""
    a, b = step_interval(d, step)
    out = []
    for v in sorted(_version_dates(project).starting(a, b), key=lambda v: (v.valid_from, v.id)):
        zone = project.zones.get(v.zone_id)
        for qid, _, stance in _quote_ids(project, [v]):
            q = project.quotes[qid]
            s = project.sources.get(q.source_id)
            out.append(Caption(qid, v.id, zone.name if zone else "", stance,
                               s.outlet if s else "", s.published if s else None,
                               s.reliability if s else "F", q.credibility, q.speaker, q.said_on, q.text))
    # Supporting quotes first: what backs the line leads, what disputes it follows.
    out.sort(key=lambda c: (stance_rank(c.stance), c.said_on or c.published or date.max, c.quote_id,
                            c.version_id))
    return out


def observations_in_step(project: Any, d: date, step: str, keep_steps: int = 0
                         ) -> list[tuple[Observation, float]]:
    """Observations to show at `d` with their opacity.

    Those dated in the step holding `d` (or lasting into it) are fully opaque; with `keep_steps`
    > 0 those of the previous `keep_steps` steps stay visible, fading linearly with age.
    """
    start = step_start(d, step)
    lo = start
    for _ in range(max(0, keep_steps)):
        lo = prev_step(lo, step)
    out = []
    ages: dict[date, int] = {}  # an archive's observations share a few last days
    for o in project.observations_between(lo, next_step(d, step)):
        # A lasting observation is as old as its last day: none while it is still seen.
        last = o.last_day
        age = ages.get(last)
        if age is None:
            age = ages[last] = max(0, steps_apart(step_start(last, step), start, step))
        out.append((o, 1.0 - age / (keep_steps + 1)))
    return out


def steps_apart(a: date, b: date, step: str) -> int:
    """How many steps from the step starting on `a` to the one starting on `b` (negative when
    `b` is earlier): counted directly, not by walking the steps between."""
    if step == DAY:
        return (b - a).days
    if step == WEEK:
        return (b - a).days // 7
    return (b.year * 12 + b.month) - (a.year * 12 + a.month)


# -- area per status over many steps ------------------------------------------------------------
def date_span(dates: list[date], v: ZoneVersion) -> tuple[int, int] | None:
    """The indices [lo, hi) of the sorted `dates` on which `v` is valid; None when on none
    (one sweep over the versions fills difference arrays with these: the chart, `stats`)."""
    lo = bisect.bisect_left(dates, v.valid_from)
    hi = len(dates) if v.valid_to is None else bisect.bisect_left(dates, v.valid_to)
    return (lo, hi) if lo < hi else None


def area_table(project: Any, dates: list[date]) -> dict[tuple[str, str], np.ndarray]:
    """(assessment id, status) -> km² on each of the sorted `dates`; what `area_series` gives.

    Assessed zones of one assessment never overlap, so a version adds its (cached) area to every
    date it is valid on: a difference array over one sweep of the versions instead of one
    `state_at` per date, which keeps the chart's recomputation after an edit in milliseconds on
    large projects. Other tiers may overlap and are measured as a union per date, as
    `Project.areas_at` does.
    """
    n = len(dates)
    if n == 0:
        return {}
    diffs: dict[tuple[str, str], np.ndarray] = {}
    others: dict[tuple[str, str], list[ZoneVersion]] = {}
    project.prefetch_areas(v for v in project.versions.values() if project.tier_of(v.status) == "assessed")
    for v in project.versions.values():
        zone = project.zones.get(v.zone_id)
        span = date_span(dates, v) if zone is not None else None
        if span is None:
            continue
        lo, hi = span
        key = (zone.assessment_id, v.status)
        if project.tier_of(v.status) != "assessed":
            others.setdefault(key, []).append(v)
            continue
        diff = diffs.get(key)
        if diff is None:
            diff = diffs[key] = np.zeros(n + 1)
        a = project.version_area_km2(v)
        diff[lo] += a
        diff[hi] -= a
    out = {}
    for key, diff in diffs.items():
        row = np.cumsum(diff[:-1])
        row[np.abs(row) < 1e-9] = 0.0  # what the subtractions leave of a status that vanished
        out[key] = row
    for key, versions in others.items():
        row = out.setdefault(key, np.zeros(n))
        for i, d in enumerate(dates):
            valid = [v for v in versions if v.valid_on(d)]
            if len(valid) == 1:
                row[i] += project.version_area_km2(valid[0])
            elif valid:
                row[i] += area_km2(union_all([v.geometry for v in valid]))
    return out


def _short_label(project: Any, key: str | None, assessment_id: str | None = None) -> str:
    """The status's label in the words of the zone's assessment ("DeepState: occupied")."""
    if key is None:
        return "none"
    return status_label(project, key, assessment_id)


def signed_km2(x: float) -> str:
    """`+1.7 km²` / `−1.3 km²`: a true minus sign, as the "ended" lines use."""
    return f"{x:+,.1f} km\u00b2".replace("-", "\u2212")


def change_line(project: Any, row: ChangeRow) -> str:
    """`Railway: Contested / grey zone → Russian-controlled (assessed), 41.3 km²` (plain text)."""
    if row.old_status is None:
        what = f"new, {_short_label(project, row.new_status, row.assessment_id)}, {row.gained_km2:,.1f} km\u00b2"
    elif row.new_status is None:
        # "ended, was X": a label that has brackets of its own reads without doubled ones.
        what = f"ended, was {_short_label(project, row.old_status, row.assessment_id)}, \u2212{row.lost_km2:,.1f} km\u00b2"
    elif row.old_status == row.new_status:
        what = f"{_short_label(project, row.new_status, row.assessment_id)} {signed_km2(row.net_km2)}"
    else:
        what = (f"{_short_label(project, row.old_status, row.assessment_id)} \u2192 {_short_label(project, row.new_status, row.assessment_id)}, "
                f"{row.gained_km2:,.1f} km\u00b2")
    return f"{row.zone_name}: {what}"


CAPTION_LINES = 8  # what a frame shows (render/chrome.py paints at most this many)


def frame_captions(project: Any, d: date, step: str, max_lines: int = CAPTION_LINES,
                   excerpt_chars: int = 140, change_lines: int = 4,
                   assessments: frozenset[str] | None = None) -> tuple[str, ...]:
    """Plain-text caption lines for a replay frame or presentation at `d`.

    The changed zones, largest first, each followed by the quotes linked to its versions that
    start in the step, then quotes on versions that start in the step without a visible change.
    At most `max_lines` lines. Every change of the step is named, and some room is always left
    for who said so: past `change_lines` changes, the smallest share one "Also:" line.
    """
    rows = changes_in_step(project, d, step)
    caps = captions_in_step(project, d, step)
    if assessments is not None:  # only the layers shown speak on the frame
        rows = [r for r in rows if r.assessment_id in assessments]
        zones = project.zones
        caps = [c for c in caps if c.version_id in project.versions
                and zones[project.versions[c.version_id].zone_id].assessment_id in assessments]
    by_zone: dict[str, list[Caption]] = {}
    for c in caps:
        zid = project.versions[c.version_id].zone_id if c.version_id in project.versions else ""
        by_zone.setdefault(zid, []).append(c)
    change_lines = max(1, min(change_lines, max_lines))
    also = ""
    if len(rows) > change_lines:
        rest = rows[change_lines - 1:]
        rows = rows[:change_lines - 1]
        also = "Also: " + "; ".join(_short_change(project, r) for r in rest)
    # Each shown change has its line before any quote does; the lines left go to quotes one
    # round at a time (each change's first quote, then each one's second...), so the quotes of
    # the largest change cannot crowd out the others'.
    quotes = [by_zone.pop(r.zone_id, []) for r in rows]
    shown = [0] * len(rows)
    room = max_lines - len(rows) - (1 if also else 0)
    while room > 0 and any(n < len(q) for n, q in zip(shown, quotes)):
        for i, q in enumerate(quotes):
            if room > 0 and shown[i] < len(q):
                shown[i] += 1
                room -= 1
    lines: list[str] = []
    for r, q, n in zip(rows, quotes, shown):
        lines.append(change_line(project, r))
        lines.extend("\u21b3 " + c.line(excerpt_chars) for c in q[:n])
    if also:
        lines.append(also)
    for rest_caps in by_zone.values():
        lines.extend(c.line(excerpt_chars) for c in rest_caps)
    return tuple(lines[:max_lines])


def _short_change(project: Any, row: ChangeRow) -> str:
    """`Northern pincer +1.7 km²` for the shared "Also:" line (the status is on the map)."""
    if row.old_status is None:
        return f"{row.zone_name} new, {row.gained_km2:,.1f} km\u00b2"
    if row.new_status is None:
        return f"{row.zone_name} ended, \u2212{row.lost_km2:,.1f} km\u00b2"
    if row.old_status != row.new_status:
        return f"{row.zone_name} \u2192 {_short_label(project, row.new_status, row.assessment_id)}"
    return f"{row.zone_name} {signed_km2(row.net_km2)}"
