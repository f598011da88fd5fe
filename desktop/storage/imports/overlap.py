"""The assessed-tier rule for imported features: within one assessment, assessed zones never
overlap. Where two imported features overlap, the later one is clipped, reported, except when
they are one zone with the same status over the same dates: then it is merged into the earlier.
"One zone" (`same_zone`): features of one file with the same `zone_id`, or, without one, the
same name; in a DeepState snapshot, whose polygons carry no identity, any two (issue 3). So
distinct zones of our own export are never merged. An overlap that is only a rounding sliver
along a shared border (an export rounds to 7 decimals) is clipped without a report.
"""
from __future__ import annotations

import hashlib
from datetime import date
from typing import Callable, Sequence

import numpy as np
import shapely
from shapely import STRtree

from desktop.model.geometry import polygonal

from desktop.storage.imports.memo import TwoSnapshotMemo
from desktop.storage.imports.prepare import Item
from desktop.storage.imports.report import ImportReport

INTERIORS_MEET = "T********"  # DE-9IM: the interiors intersect (touching is not overlapping)


NOISE_WIDTH_DEG = 1e-6  # about 10 cm: narrower overlaps come from rounding, not from the data


def _noise(geom, other, clipped) -> bool:
    """Is the overlap of `geom` and `other` only a sliver along a shared border (mean width
    below ~10 cm)? `clipped` is `geom` minus `other`. The overlap's outline is made of pieces of
    both outlines, so its mean width is at least 2 x area / (both perimeters): when that bound
    already says "wide", the overlap itself is never computed."""
    area = geom.area - clipped.area
    if 2 * area >= NOISE_WIDTH_DEG * (geom.length + other.length) * 1.001:
        return False
    overlap = geom.intersection(other)
    length = overlap.length
    return length > 0 and 2 * overlap.area / length < NOISE_WIDTH_DEG


def interiors_meet(geom, others: np.ndarray) -> np.ndarray:
    """For each of `others`: do its interior and `geom`'s intersect? Geometries that do not even
    touch are told apart first by the cheap test on the prepared `geom` (unprepared afterwards:
    the index would otherwise stay with the zone's geometry for the life of the project)."""
    was_prepared = bool(shapely.is_prepared(geom))
    shapely.prepare(geom)
    out = shapely.intersects(geom, others)
    if not was_prepared:
        shapely.destroy_prepared(geom)
    if out.any():
        out[out] = shapely.relate_pattern(geom, others[out], INTERIORS_MEET)
    return out


def same_zone(a: Item, b: Item) -> bool:
    """May overlapping features `a` and `b` (same status, same dates) be merged into one?"""
    if a.file != b.file:
        return False
    if a.deepstate and b.deepstate:
        return True
    if a.group or b.group:
        return a.group == b.group
    return a.name == b.name


def _mergeable(a: Item, b: Item) -> bool:
    return a.status == b.status and a.valid_from == b.valid_from and a.valid_to == b.valid_to and same_zone(a, b)


def _times_meet(a_from: date, a_to: date | None, b_from: date, b_to: date | None) -> bool:
    return (a_to is None or b_from < a_to) and (b_to is None or a_from < b_to)


def resolve_overlaps(items: list[Item], tier_of: Callable[[str], str], report: ImportReport,
                     existing: Sequence = ()) -> list[Item]:
    """Items kept (some merged into earlier ones, some clipped), in input order.

    `existing` are zone versions already in the target assessment: they come first, so imported
    features are clipped by them, never the other way round.
    """
    kept, events = resolve_events(items, tier_of, existing)
    report_events(events, items, report)
    return kept


# What resolving did, as (kind, position of the item, position of the other item or -1): the
# series import replays these for a group of features it has already resolved in an earlier
# snapshot, so the report says the same thing without the geometry being computed again.
EXISTING, CLIP, MERGE, INSIDE = "existing", "clip", "merge", "inside"
Event = tuple[str, int, int]


def report_events(events: Sequence[Event], items: Sequence[Item], report: ImportReport) -> None:
    for kind, i, j in events:
        it = items[i]
        if kind == EXISTING:
            report.clipped += 1
            report.note(f"{it.label()}: overlaps zones already in the assessment; clipped")
        elif kind == CLIP:
            report.clipped += 1
            report.note(f"{it.label()}: overlaps {_other(it, items[j])} ({items[j].status}); the later one is clipped")
        elif kind == MERGE:
            report.clipped += 1
            report.note(f"{it.label()}: overlaps {_other(it, items[j])} of the same status; merged into it")
        else:
            report.skipped += 1
            report.note(f"{it.label()}: lies wholly inside earlier assessed zones; skipped")


def _other(it: Item, other: Item) -> str:
    """The other feature, named as `Item.label` does (with its file when that is another file)."""
    head = f"{other.file} feature" if other.file != it.file else "feature"
    return f"{head} {other.index}" + (f" (id {other.fid})" if other.fid is not None else "")


class OverlapMemo(TwoSnapshotMemo):
    """Each item's step of the rule, by exactly what it depends on (its input coordinates and
    status, and the current geometry, status and dates of the earlier items it meets), kept from
    one snapshot of a series to the next: a feature and its neighbours that did not move are not
    clipped or merged again. Geometries are known by tokens: a digest of the input's WKB, or of
    the step that made them."""

    def __init__(self) -> None:
        super().__init__()
        self.tokens: dict[int, bytes] = {}  # id(item) -> token, after the last `resolve_events`

    next_snapshot = TwoSnapshotMemo.advance


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def resolve_events(items: list[Item], tier_of: Callable[[str], str], existing: Sequence = (),
                   memo: OverlapMemo | None = None) -> tuple[list[Item], list[Event]]:
    """`resolve_overlaps` without the report: the items kept and what was done, in order."""
    events: list[Event] = []
    if memo is not None:
        memo.tokens = {}
    assessed = [i for i, it in enumerate(items) if tier_of(it.status) == "assessed"]
    if not assessed:
        return items, events
    ex = [v for v in existing if tier_of(v.status) == "assessed"]
    ex_tree = STRtree([v.geometry for v in ex]) if ex else None
    geoms = [items[i].geometry for i in assessed]
    tree = STRtree(geoms)
    if ex:
        memo = None  # the memo knows nothing of zones already in the assessment
    tokens = [_digest(w) for w in shapely.to_wkb(np.array(geoms, dtype=object))] if memo is not None else []
    alias: dict[int, int] = {}  # position in `assessed` -> position it was merged into
    dropped: set[int] = set()
    for pos, i in enumerate(assessed):
        it = items[i]
        cut = []
        if ex_tree is not None:
            for j in ex_tree.query(it.geometry):
                v = ex[j]
                if _times_meet(v.valid_from, v.valid_to, it.valid_from, it.valid_to):
                    cut.append(v.geometry)
        if cut:
            meets = shapely.relate_pattern(it.geometry, np.array(cut, dtype=object), INTERIORS_MEET)
            cut = [g for g, m in zip(cut, meets) if m]
            if cut:
                events.append((EXISTING, i, -1))
                it.geometry = polygonal(it.geometry.difference(shapely.union_all(cut)))
        earlier = sorted({alias.get(int(j), int(j)) for j in tree.query(it.geometry) if j < pos} - dropped)
        pairs = [(j, items[assessed[j]]) for j in earlier]
        pairs = [(j, c) for j, c in pairs if _times_meet(c.valid_from, c.valid_to, it.valid_from, it.valid_to)]
        key = None
        if memo is not None:
            pairs = _meeting(memo, it.geometry, tokens[pos], pairs, tokens)
            key = (tokens[pos], it.status, tuple((tokens[j], c.status, _mergeable(c, it)) for j, c in pairs))
            hit = memo.get(key)
        if key is None or hit is None:
            hit = _step(it, [c for _, c in pairs], all_meet=memo is not None)
            if memo is not None:
                memo.current[key] = hit
        geom, found, merged_into, target_geom = hit
        if geom is not None:  # clipped
            it.geometry = geom
            if memo is not None:
                tokens[pos] = _digest(repr(key).encode() + b"item")
        if memo is not None and merged_into is not None:
            tokens[pairs[merged_into][0]] = _digest(repr(key).encode() + b"target")
        events.extend((CLIP, i, assessed[pairs[n][0]]) for n in found)
        if merged_into is not None:
            j, target = pairs[merged_into]
            target.geometry = target_geom
            alias[pos] = j
            dropped.add(pos)
            events.append((MERGE, i, assessed[j]))
            continue
        if it.geometry.is_empty:
            dropped.add(pos)
            events.append((INSIDE, i, -1))
    if memo is not None:  # what each assessed item's geometry is now known by
        memo.tokens = {id(items[i]): tokens[pos] for pos, i in enumerate(assessed)}
    keep = set(range(len(items))) - {assessed[p] for p in dropped}
    return [items[i] for i in sorted(keep)], events


def _meeting(memo: OverlapMemo, geom, token: bytes, pairs: list, tokens: list[bytes]) -> list:
    """The pairs whose interiors meet `geom`'s, each relation computed once per pair of tokens."""
    flags = [memo.get(("meets", token, tokens[j])) for j, _ in pairs]
    todo = [n for n, f in enumerate(flags) if f is None]
    if todo:
        found = interiors_meet(geom, np.array([pairs[n][1].geometry for n in todo], dtype=object))
        for n, m in zip(todo, found.tolist()):
            flags[n] = memo.current[("meets", token, tokens[pairs[n][0]])] = m
    return [p for p, f in zip(pairs, flags) if f]


def _step(it: Item, earlier: list[Item], all_meet: bool = False) -> tuple:
    """One item against the earlier items whose dates meet its own: (its geometry after clipping,
    the positions in `earlier` reported as clipping it, the position it is merged into or None,
    and that item's geometry after the merge). The geometry is None when the item is not clipped."""
    geom = it.geometry
    found: list[int] = []
    merged_into = None
    if earlier and not geom.is_empty:
        meets = [True] * len(earlier) if all_meet else interiors_meet(
            geom, np.array([c.geometry for c in earlier], dtype=object))
        for n, (c, m) in enumerate(zip(earlier, meets)):
            if not m:
                continue
            if merged_into is None and _mergeable(c, it):
                merged_into = n
                continue
            before = geom
            geom = polygonal(geom.difference(c.geometry))
            if _noise(before, c.geometry, geom):
                continue  # a shared border moved by coordinate rounding: clipped silently
            found.append(n)
    if merged_into is not None and not geom.is_empty:
        target = earlier[merged_into]
        return (None if geom is it.geometry else geom), found, merged_into, \
            polygonal(shapely.union_all([target.geometry, geom]))
    return (None if geom is it.geometry else geom), found, None, None
