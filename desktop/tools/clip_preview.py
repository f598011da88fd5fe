"""Which neighbours an edit will cut, known before the committing click.

While Clips neighbours is on, drawing or reshaping an assessed zone cuts the other assessed
zones of its assessment that the new shape overlaps (`model.edits.place_version`). A tool asks
`cuts_for` on every click and move and keeps the answer in `tool.cuts`; the canvas outlines
those neighbours and hatches what they would lose, so the analyst sees the damage before it is
done — as QGIS shows a rubber band before a tool commits.
"""
from __future__ import annotations

from dataclasses import dataclass

from shapely.geometry.base import BaseGeometry

from desktop.model.edits import CLIP_OTHERS
from desktop.model.geometry import polygonal
from desktop.model.messages import Message

from desktop.tools.base import ToolContext
from desktop.tools.index import context_index


@dataclass(frozen=True)
class Cut:
    zone_id: str
    name: str
    shape: BaseGeometry  # the neighbour's shape on the cursor date
    lost: BaseGeometry   # the part of it the edit would take (lon/lat)
    same_status: bool    # a zone of the edit's own status: merging may be what is meant


def cuts_for(context: ToolContext, shape: BaseGeometry | None, status: str,
             editing: frozenset[str] = frozenset()) -> tuple[Cut, ...]:
    """The neighbours (valid on the cursor date, in the assessment being edited, assessed tier,
    not in `editing`) that `shape` would cut; () when the edit would cut nothing: clip-self
    mode, a status that is not assessed, or a shape that is not yet an area."""
    project = context.project
    if (shape is None or shape.is_empty or context.clip_mode != CLIP_OTHERS
            or project.tier_of(status) != "assessed" or context.assessment_id is None):
        return ()
    area = polygonal(shape)
    if area.is_empty:
        return ()
    index = context_index(context)
    out = []
    for i in index.intersecting(area):
        v = index.versions[i]
        zone = project.zones.get(v.zone_id)
        if (zone is None or v.zone_id in editing or zone.assessment_id != context.assessment_id
                or project.tier_of(v.status) != "assessed"):
            continue
        lost = polygonal(v.geometry.intersection(area))
        if lost.is_empty or lost.area <= 0:
            continue  # they only touch
        out.append(Cut(v.zone_id, zone.name, v.geometry, lost, v.status == status))
    return tuple(out)


def describe_cuts(cuts: tuple[Cut, ...]) -> str:
    """"Will cut Northern Pokrovsk, Zone 3" for the status bar while drawing; "" for none."""
    return Message("Will cut {zones}", zones=", ".join(c.name for c in cuts)) if cuts else ""
