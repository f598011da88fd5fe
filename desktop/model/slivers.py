"""Slivers: the crumbs a clip leaves behind, and who gets them.

Clipping one assessed zone by another can leave parts too small (under `AREA_KM2`, geodesic)
or too thin (narrower than `WIDTH_M`: a negative buffer by half the width, in a local metric
frame, leaves nothing) to mean anything. Only parts the clip made count: a part that is
exactly one of the shape's parts before the clip is the analyst's own drawing and stays.
Both thresholds are module constants; callers may override them by keyword.
"""
from __future__ import annotations

import math
from typing import Callable

import shapely
from shapely import union_all
from shapely.geometry.base import BaseGeometry

from desktop.model.geodesy import area_km2
from desktop.model.geometry import polygonal
from desktop.model.messages import Message

AREA_KM2 = 0.01   # a part under this many km² is a sliver
WIDTH_M = 10.0    # a part thinner than this many metres is a sliver

_M_PER_DEG_LAT = 110_574.0
_M_PER_DEG_LON_EQUATOR = 111_320.0


def _metric(part: BaseGeometry) -> BaseGeometry:
    """`part` in metres about its own centre (degrees scaled by latitude; fine at sliver size)."""
    c = part.centroid
    kx = _M_PER_DEG_LON_EQUATOR * math.cos(math.radians(c.y))
    return shapely.transform(part, lambda xy: (xy - (c.x, c.y)) * (kx, _M_PER_DEG_LAT))


def is_sliver(part: BaseGeometry, *, area_km2_min: float = AREA_KM2,
              width_m_min: float = WIDTH_M) -> bool:
    """Is one polygon part under the area threshold or thinner than the width threshold?"""
    if part.is_empty:
        return True
    if area_km2(part) < area_km2_min:
        return True
    return width_m_min > 0 and _metric(part).buffer(-width_m_min / 2).is_empty


def _parts(geom: BaseGeometry) -> list[BaseGeometry]:
    g = polygonal(geom)
    return [] if g.is_empty else list(shapely.get_parts(g))


def shed_slivers(clipped: BaseGeometry, before: BaseGeometry, *, area_km2_min: float = AREA_KM2,
                 width_m_min: float = WIDTH_M) -> tuple[BaseGeometry, BaseGeometry]:
    """Split `clipped` (what the clip left of `before`) into (kept, slivers): slivers are parts
    the clip made (not one of `before`'s own parts, unchanged) that are too small or too thin."""
    own = _parts(before)
    kept, slivers = [], []
    for part in _parts(clipped):
        made = not any(part.equals(o) for o in own)
        if made and is_sliver(part, area_km2_min=area_km2_min, width_m_min=width_m_min):
            slivers.append(part)
        else:
            kept.append(part)
    return polygonal(union_all(kept)), polygonal(union_all(slivers))


def give_slivers(neighbour: BaseGeometry, editing: BaseGeometry, *, area_km2_min: float = AREA_KM2,
                 width_m_min: float = WIDTH_M) -> tuple[BaseGeometry, BaseGeometry, float]:
    """Clip `neighbour` by `editing`; its slivers go to the editing zone.

    Returns (neighbour's new shape, the editing zone's new shape, km² handed over)."""
    kept, slivers = shed_slivers(polygonal(neighbour.difference(editing)), neighbour,
                                 area_km2_min=area_km2_min, width_m_min=width_m_min)
    if slivers.is_empty:
        return kept, editing, 0.0
    return kept, polygonal(union_all([editing, slivers])), area_km2(slivers)


def describe(gifts: dict[str, float], *, dropped: bool = False) -> list[str]:
    """The message lines: one per neighbour that gave up slivers (or, `dropped`, that cut them)."""
    out = []
    for name, km2 in gifts.items():
        if dropped:
            out.append(Message("Slivers of {km2:.4f} km² left by clipping against {zone} were dropped "
                               "from the new shape", km2=km2, zone=name))
        else:
            out.append(Message("{zone} gave up slivers of {km2:.4f} km² to the edited zone "
                               "(parts under {area} km² or thinner than {width:g} m)",
                               zone=name, km2=km2, area=AREA_KM2, width=WIDTH_M))
    return out


Named = list[tuple[str, BaseGeometry]]


def grow_by_slivers(geometry: BaseGeometry, neighbours_of: Callable[[BaseGeometry], Named],
                    notes: list[str], **thresholds: float) -> BaseGeometry:
    """Clip-neighbours mode: the editing shape takes the slivers its clip would leave of each
    neighbour (`neighbours_of(shape)`: their names and shapes). Grown, it may meet other
    versions over its window: repeat until no clip leaves a sliver (at most four rounds; real
    shapes settle in one or two). Adds one line per neighbour that gave some to `notes`."""
    gifts: dict[str, list[BaseGeometry]] = {}
    for _ in range(4):
        grown = geometry
        for name, shape in neighbours_of(geometry):
            _, grown_n, km2 = give_slivers(shape, geometry, **thresholds)
            if km2 > 0:
                grown = polygonal(union_all([grown, grown_n]))
                gifts.setdefault(name, []).append(grown_n.difference(geometry))
        if grown is geometry:
            break
        geometry = grown
    notes.extend(describe({name: area_km2(union_all(g)) for name, g in gifts.items()}))
    return geometry


def clip_self(geometry: BaseGeometry, neighbours: Named, notes: list[str],
              **thresholds: float) -> BaseGeometry:
    """Clip-self mode: the shape gives way to its neighbours, and the slivers that leaves of it
    are dropped (left unmarked: this mode does not touch the neighbours, so nothing overlaps).
    Empty if nothing is left."""
    drawn = geometry
    geometry = polygonal(geometry.difference(union_all([g for _, g in neighbours])))
    geometry, slivers = shed_slivers(geometry, drawn, **thresholds)
    if not slivers.is_empty and not geometry.is_empty:
        near = [name for name, g in neighbours if g.distance(slivers) < 1e-9]
        names = ", ".join(dict.fromkeys(near or [name for name, _ in neighbours]))
        notes.extend(describe({names: area_km2(slivers)}, dropped=True))
    return geometry
