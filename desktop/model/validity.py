"""What is in force at a date: the one rule behind `Project.state_at` and the renderer's index.

A version is valid over the half-open span [valid_from, valid_to) (`ZoneVersion.valid_on`;
valid_to None: still valid), and a state lists its versions in one order: legend order (a
status not in the legend last), then start, then id. `Project.state_at` applies the rule to one
version at a time; `render.states.StateIndex` applies it to ordinal arrays of every version at
once (a scrub visits many dates). Both take the order and the array form from here, so the two
cannot drift apart; a property test checks they answer alike.
"""
from __future__ import annotations

from datetime import date
from typing import Callable, Iterable, Mapping

import numpy as np

from desktop.model.entities import ZoneVersion
from desktop.model.legend import Status

OPEN_END = np.iinfo(np.int64).max  # the ordinal end of a version still valid (valid_to None)
UNLISTED = 999  # where a status missing from the legend sorts: after every listed one


def state_order(legend: Mapping[str, Status]) -> Callable[[ZoneVersion], tuple]:
    """The sort key of a state: legend order, then valid_from, then id."""
    order = {k: s.order for k, s in legend.items()}
    return lambda v: (order.get(v.status, UNLISTED), v.valid_from, v.id)


def spans(versions: Iterable[ZoneVersion]) -> tuple[np.ndarray, np.ndarray]:
    """Each version's [valid_from, valid_to) as two int64 arrays of date ordinals."""
    vs = list(versions)
    start = np.array([v.valid_from.toordinal() for v in vs], np.int64)
    end = np.array([OPEN_END if v.valid_to is None else v.valid_to.toordinal() for v in vs], np.int64)
    return start, end


def valid_rows(start: np.ndarray, end: np.ndarray, d: date) -> np.ndarray:
    """The rows of `spans` valid on `d`, ascending: start <= d < end (`valid_on`, vectorised)."""
    o = d.toordinal()
    return np.flatnonzero((start <= o) & (o < end))


__all__ = ["OPEN_END", "state_order", "spans", "valid_rows"]
