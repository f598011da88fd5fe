"""The assessed-tier rule for imported features: within one assessment, assessed zones never
overlap. Where two imported features overlap, the same status over the same dates is merged into
the earlier one, and otherwise the later feature is clipped. Every case is reported.
"""
from __future__ import annotations

from datetime import date
from typing import Callable, Sequence

import numpy as np
import shapely
from shapely import STRtree

from desktop.model.geometry import polygonal

from .prepare import Item
from .report import ImportReport

INTERIORS_MEET = "T********"  # DE-9IM: the interiors intersect (touching is not overlapping)


NOISE_WIDTH_DEG = 1e-6  # about 10 cm: narrower overlaps come from rounding, not from the data


def _noise(overlap) -> bool:
    """An overlap that is only a sliver along a shared border (mean width below ~10 cm)."""
    length = overlap.length
    return length > 0 and 2 * overlap.area / length < NOISE_WIDTH_DEG


def _times_meet(a_from: date, a_to: date | None, b_from: date, b_to: date | None) -> bool:
    return (a_to is None or b_from < a_to) and (b_to is None or a_from < b_to)


def resolve_overlaps(items: list[Item], tier_of: Callable[[str], str], report: ImportReport,
                     existing: Sequence = ()) -> list[Item]:
    """Items kept (some merged into earlier ones, some clipped), in input order.

    `existing` are zone versions already in the target assessment: they come first, so imported
    features are clipped by them, never the other way round.
    """
    assessed = [i for i, it in enumerate(items) if tier_of(it.status) == "assessed"]
    if not assessed:
        return items
    ex = [v for v in existing if tier_of(v.status) == "assessed"]
    ex_tree = STRtree([v.geometry for v in ex]) if ex else None
    geoms = [items[i].geometry for i in assessed]
    tree = STRtree(geoms)
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
                report.clipped += 1
                report.note(f"{it.label()}: overlaps zones already in the assessment; clipped")
                it.geometry = polygonal(it.geometry.difference(shapely.union_all(cut)))
        earlier = sorted({alias.get(int(j), int(j)) for j in tree.query(it.geometry) if j < pos} - dropped)
        merged_into = None
        pairs = [(j, items[assessed[j]]) for j in earlier]
        pairs = [(j, c) for j, c in pairs if _times_meet(c.valid_from, c.valid_to, it.valid_from, it.valid_to)]
        if pairs and not it.geometry.is_empty:
            meets = shapely.relate_pattern(it.geometry, np.array([c.geometry for _, c in pairs], dtype=object),
                                           INTERIORS_MEET)
            for (j, c), m in zip(pairs, meets):
                if not m:
                    continue
                same = (c.status == it.status and c.valid_from == it.valid_from and c.valid_to == it.valid_to)
                if same and merged_into is None:
                    merged_into = j
                    continue
                overlap = it.geometry.intersection(c.geometry)
                it.geometry = polygonal(it.geometry.difference(c.geometry))
                if _noise(overlap):
                    continue  # a shared border moved by coordinate rounding: clipped silently
                report.clipped += 1
                report.note(f"{it.label()}: overlaps feature {c.index} ({c.status}); the later one is clipped")
        if merged_into is not None and not it.geometry.is_empty:
            target = items[assessed[merged_into]]
            target.geometry = polygonal(shapely.union_all([target.geometry, it.geometry]))
            alias[pos] = merged_into
            dropped.add(pos)
            report.clipped += 1
            report.note(f"{it.label()}: overlaps feature {target.index} of the same status; merged into it")
            continue
        if it.geometry.is_empty:
            dropped.add(pos)
            report.skipped += 1
            report.note(f"{it.label()}: lies wholly inside earlier assessed zones; skipped")
    keep = set(range(len(items))) - {assessed[p] for p in dropped}
    return [items[i] for i in sorted(keep)]
