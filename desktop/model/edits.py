"""Zone edits as commands: create, edit as of a date, end, delete, split, merge.

The assessed-tier rule lives here: within one assessment, assessed zones never overlap at any
date. An edit "as of D" holds over a window [D, E) (until the zone's next version); every
assessed neighbour version that meets the window in time and the new shape in space is either
clipped over the window (mode "clip_others", split into versions at D and E where needed), or
the new shape is clipped by all of them (mode "clip_self"). No clip leaves a sliver
(`slivers`): a neighbour's go to the edited zone, the edited zone's own are dropped; the
command's warnings say which neighbour and how many km².

Every version an edit continues hands its quote links on (`evidence_carry`), and every version
an edit places is `recorded_on` today (`clock.today`), apart from `valid_from`, the date control
changed.
"""
from __future__ import annotations

from datetime import date
from typing import Any, Iterable

import numpy as np
import shapely
from shapely import union_all
from shapely.geometry import LineString
from shapely.geometry.base import BaseGeometry

import desktop.model.clock as clock  # looked up at call time: tests pin "today"
from desktop.model.changes import ChangeBuilder
from desktop.model.commands import Command
from desktop.model.entities import CONFIDENCES, Assessment, Zone, ZoneVersion, new_id
from desktop.model.evidence_carry import add_links, copy_links, drop_links_of, links_of
from desktop.model.fields import in_place_fields, version_fields
from desktop.model.geometry import GeometryError, polygonal, repair_polygonal, split_polygon
from desktop.model.project import Project
from desktop.model.geodesy import area_km2
from desktop.model.messages import MessageError, Message
from desktop.model.slivers import AREA_KM2, WIDTH_M, clip_self, grow_by_slivers, is_sliver

CLIP_OTHERS = "clip_others"
CLIP_SELF = "clip_self"
MODES = (CLIP_OTHERS, CLIP_SELF)

# What a version says besides its shape and dates (status, confidence, notes...): a new version
# inherits them from the one it follows. `set_version_fields` may change the in-place ones.
VERSION_FIELDS = version_fields(ZoneVersion)
IN_PLACE_FIELDS = in_place_fields(ZoneVersion)


class EditError(MessageError):
    """An edit that cannot be made; the message says why, for the status bar or the CLI."""


def add_assessment(project: Project, name: str, origin: str = "", notes: str = "",
                   id_: str | None = None) -> tuple[Command, str]:
    b = ChangeBuilder(project)
    aid = id_ or new_id()
    b.put("assessments", aid, Assessment(aid, name, origin, notes))
    return Command(Message("Add assessment {name}", name=name), b.build()), aid


def find_or_add_assessment(b: ChangeBuilder, name: str, origin: str = "") -> str:
    for a in b.rows("assessments").values():
        if a.name == name:
            return a.id
    aid = new_id()
    b.put("assessments", aid, Assessment(aid, name, origin))
    return aid


# -- the core: place a version of a zone as of a date -----------------------------------------
def _tier(project: Project, status: str) -> str:
    return project.tier_of(status)


def _window_end(versions: list[ZoneVersion], d: date) -> tuple[ZoneVersion | None, date | None]:
    at = next((v for v in versions if v.valid_on(d)), None)
    if at is not None:
        return at, at.valid_to
    later = [v.valid_from for v in versions if v.valid_from > d]
    return None, (min(later) if later else None)


def _assessed_neighbours(b: ChangeBuilder, zone: Zone, start: date, end: date | None,
                         geom: BaseGeometry) -> list[ZoneVersion]:
    zones = b.rows("zones")
    tiers: dict[str, bool] = {}  # status -> assessed (asked once per status, not per version)
    near = []
    for v in b.rows("versions").values():
        # The cheap tests first: a long session has many versions, few of them at these dates.
        if v.zone_id == zone.id or not v.overlaps_time(start, end):
            continue
        assessed = tiers.get(v.status)
        if assessed is None:
            assessed = tiers[v.status] = _tier(b.project, v.status) == "assessed"
        z = zones.get(v.zone_id)
        if assessed and z is not None and z.assessment_id == zone.assessment_id:
            near.append(v)
    if not near:
        return []
    # One vectorised test of the shapes (same answers as `intersects` one by one, in order).
    hits = shapely.intersects(np.array([v.geometry for v in near], dtype=object), geom)
    # They only touch when the shared part has no area.
    return [v for v, hit in zip(near, hits.tolist())
            if hit and not polygonal(v.geometry.intersection(geom)).is_empty]


def _clip_neighbour(b: ChangeBuilder, n: ZoneVersion, start: date, end: date | None,
                    cutter: BaseGeometry) -> None:
    """Clip version `n` by `cutter` over [start, end), splitting it in time where needed."""
    # (from, to, shape, recorded_on): the clipped piece says something new, recorded today; the
    # pieces either side say what the analyst recorded then, and keep its date.
    pieces: list[tuple[date, date | None, BaseGeometry, date | None]] = []
    if n.valid_from < start:
        pieces.append((n.valid_from, start, n.geometry, n.recorded_on))
    mid_from = max(n.valid_from, start)
    if end is None:
        mid_to = n.valid_to
    elif n.valid_to is None:
        mid_to = end
    else:
        mid_to = min(n.valid_to, end)
    clipped = polygonal(n.geometry.difference(cutter))
    if not clipped.is_empty:
        pieces.append((mid_from, mid_to, clipped, clock.today()))
    if end is not None and (n.valid_to is None or n.valid_to > end):
        pieces.append((end, n.valid_to, n.geometry, n.recorded_on))
    if not pieces:
        b.delete("versions", n.id)
        drop_links_of(b, n.id)
        if not b.versions_of(n.zone_id):  # swallowed whole: no zone row without a shape
            b.delete("zones", n.zone_id)
        return
    for i, (vf, vt, g, rec) in enumerate(pieces):
        if i == 0:
            b.put("versions", n.id, n.with_(valid_from=vf, valid_to=vt, geometry=g, recorded_on=rec))
        else:  # a new piece continues `n` over its dates: n's quotes back it too
            nid = new_id()
            b.put("versions", nid, n.with_(id=nid, valid_from=vf, valid_to=vt, geometry=g, recorded_on=rec))
            copy_links(b, n.id, nid)


def _named(b: ChangeBuilder, versions: Iterable[ZoneVersion]) -> list[tuple[str, BaseGeometry]]:
    zones = b.rows("zones")
    return [(zones[v.zone_id].name if v.zone_id in zones else v.zone_id, v.geometry) for v in versions]


def place_version(b: ChangeBuilder, zone: Zone, as_of: date, geometry: BaseGeometry,
                  fields: dict[str, Any], mode: str = CLIP_OTHERS,
                  notes: list[str] | None = None) -> ZoneVersion:
    """Make `geometry` + `fields` the zone's shape from `as_of` until its next version.
    What the clip did with slivers is added to `notes`, if given."""
    if mode not in MODES:
        raise EditError(Message("unknown clipping mode {mode}", mode=repr(mode)))
    unknown = sorted(set(fields) - set(VERSION_FIELDS))
    if unknown:  # a field this edit does not take must not be dropped in silence
        raise EditError(Message("a zone version has no field {fields} (it takes {known})",
                                 fields=", ".join(unknown), known=", ".join(VERSION_FIELDS)))
    versions = b.versions_of(zone.id)
    at, end = _window_end(versions, as_of)
    # Where the zone has no shape on the date (a gap, or before it began), the new version
    # inherits status, confidence and notes from its nearest version, earlier first.
    earlier = [v for v in versions if v.valid_from <= as_of]
    ref = at or (earlier[-1] if earlier else (versions[0] if versions else None))
    status = fields.get("status") or (ref.status if ref else None)
    if status is None:
        raise EditError(Message("{zone}: a new zone needs a status", zone=zone.name))
    if status not in b.rows("legend"):
        raise EditError(Message("status {status} is not in the legend", status=repr(status)))
    if _tier(b.project, status) == "assessed":
        neighbours = _assessed_neighbours(b, zone, as_of, end, geometry)
        lines: list[str] = []
        if mode == CLIP_SELF and neighbours:
            geometry = clip_self(geometry, _named(b, neighbours), lines)
            if geometry.is_empty:
                raise EditError(Message("the shape lies wholly inside other assessed zones (clip-self mode)"))
        elif neighbours:  # the slivers the clip would leave go to this zone first
            def meets(g: BaseGeometry) -> list[ZoneVersion]:
                return _assessed_neighbours(b, zone, as_of, end, g)
            geometry = grow_by_slivers(geometry, lambda g: _named(b, meets(g)), lines)
            for n in meets(geometry):
                _clip_neighbour(b, b.get("versions", n.id), as_of, end, geometry)
        if notes is not None:
            notes.extend(lines)
    base = {k: getattr(ref, k) for k in VERSION_FIELDS} if ref else {}
    # What this edit places is recorded today, unless the caller says when (an import, a copy).
    base["recorded_on"] = clock.today()
    base.update(fields)
    base["status"] = status
    if base.get("confidence", "medium") not in CONFIDENCES:
        raise EditError(Message("confidence must be one of {values}", values=", ".join(CONFIDENCES)))
    if at is not None and at.valid_from == as_of:
        new = at.with_(geometry=geometry, **base)
        b.put("versions", at.id, new)
        return new
    if at is not None:
        b.put("versions", at.id, at.with_(valid_to=as_of))
    vid = new_id()
    new = ZoneVersion(vid, zone.id, geometry, valid_from=as_of, valid_to=end, **base)
    b.put("versions", vid, new)
    if at is not None:  # the new version continues `at` from the date on: its quotes go along
        copy_links(b, at.id, vid)
    return new


def _clean(geometry: BaseGeometry) -> tuple[BaseGeometry, list[str]]:
    try:
        return repair_polygonal(geometry)
    except GeometryError as e:
        raise EditError(str(e)) from None


# -- public edits -----------------------------------------------------------------------------
def create_zone(project: Project, *, name: str, assessment_id: str, geometry: BaseGeometry,
                status: str, as_of: date, mode: str = CLIP_OTHERS, extra: tuple = (),
                zone_id: str | None = None, **fields: Any) -> tuple[Command, str]:
    """A new zone with one version from `as_of`; `fields` are the version's other attributes
    (confidence, notes, recorded_on, approximate...), the dataclass's defaults where not given."""
    if assessment_id not in project.assessments:
        raise EditError(Message("no assessment {id}", id=repr(assessment_id)))
    geometry, warnings = _clean(geometry)
    b = ChangeBuilder(project)
    zid = zone_id or new_id()
    zone = Zone(zid, name, assessment_id, extra)
    b.put("zones", zid, zone)
    place_version(b, zone, as_of, geometry, dict(fields, status=status), mode, warnings)
    return Command(Message("Draw {name}", name=name), b.build(), tuple(warnings)), zid


def edit_zone(project: Project, zone_id: str, as_of: date, *, geometry: BaseGeometry | None = None,
              mode: str = CLIP_OTHERS, label: str = "", **fields: Any) -> Command:
    """Reshape and/or restate a zone as of `as_of` (a keyframe: holds until its next version)."""
    zone = project.zones.get(zone_id)
    if zone is None:
        raise EditError(Message("no zone {id}", id=repr(zone_id)))
    at = project.version_at(zone_id, as_of)
    warnings: list[str] = []
    if geometry is None:
        if at is None:
            raise EditError(Message("{zone} has no shape on {date}; draw one first", zone=zone.name,
                                    date=as_of.isoformat()))
        geometry = at.geometry
    else:
        geometry, warnings = _clean(geometry)
    b = ChangeBuilder(project)
    warnings = list(warnings)
    place_version(b, zone, as_of, geometry, fields, mode, warnings)
    return Command(label or Message("Edit {zone} as of {date}", zone=zone.name, date=as_of.isoformat()), b.build(),
                   tuple(warnings))


def set_version_fields(project: Project, version_id: str, **fields: Any) -> Command:
    """Change fields of one version that do not touch time or shape (notes, confidence...)."""
    v = project.versions.get(version_id)
    if v is None:
        raise EditError(Message("no version {id}", id=repr(version_id)))
    bad = sorted(set(fields) - set(IN_PLACE_FIELDS))
    if bad:
        raise EditError(Message("cannot set {fields} in place (it takes {known}; edit_zone changes a status or "
                                "shape, set_version_dates the dates)", fields=", ".join(bad),
                                known=", ".join(IN_PLACE_FIELDS)))
    if fields.get("confidence", v.confidence) not in CONFIDENCES:
        raise EditError(Message("confidence must be one of {values}", values=", ".join(CONFIDENCES)))
    b = ChangeBuilder(project)
    b.put("versions", v.id, v.with_(**fields))
    return Command(Message("Edit {zone}", zone=project.zones[v.zone_id].name), b.build())


def rename_zone(project: Project, zone_id: str, name: str) -> Command:
    z = project.zones[zone_id]
    b = ChangeBuilder(project)
    b.put("zones", zone_id, Zone(z.id, name, z.assessment_id, z.extra))
    return Command(Message("Rename {zone} to {name}", zone=z.name, name=name), b.build())


def _end(b: ChangeBuilder, zone_id: str, at: date) -> None:
    for v in b.versions_of(zone_id):
        if v.valid_from >= at:
            b.delete("versions", v.id)
            drop_links_of(b, v.id)
        elif v.valid_to is None or v.valid_to > at:
            b.put("versions", v.id, v.with_(valid_to=at))
    if not b.versions_of(zone_id):
        # Ended before it began (or merged away on its first day): like delete_version, the
        # zone goes too, rather than stay behind as a row with no shape on any date.
        b.delete("zones", zone_id)


def end_zone(project: Project, zone_id: str, at: date) -> Command:
    """The zone no longer exists from `at` on: its version then closes, later ones go."""
    b = ChangeBuilder(project)
    _end(b, zone_id, at)
    return Command(Message("End {zone} on {date}", zone=project.zones[zone_id].name, date=at.isoformat()), b.build())


def delete_version(project: Project, version_id: str) -> Command:
    v = project.versions[version_id]
    b = ChangeBuilder(project)
    b.delete("versions", version_id)
    drop_links_of(b, version_id)
    if not [x for x in b.versions_of(v.zone_id)]:
        b.delete("zones", v.zone_id)
    return Command(Message("Delete version of {zone} from {date}", zone=project.zones[v.zone_id].name,
                           date=v.valid_from.isoformat()), b.build())


def delete_zones(project: Project, zone_ids: Iterable[str]) -> Command:
    b = ChangeBuilder(project)
    names = []
    for zid in zone_ids:
        names.append(project.zones[zid].name)
        for v in b.versions_of(zid):
            b.delete("versions", v.id)
            drop_links_of(b, v.id)
        b.delete("zones", zid)
    return Command(Message("Delete {zones}", zones=", ".join(names)), b.build())


def split_zone(project: Project, zone_id: str, line: LineString, as_of: date) -> tuple[Command, list[str]]:
    """Split the zone's shape on `as_of` along `line`; the largest part keeps the zone."""
    zone = project.zones[zone_id]
    at = project.version_at(zone_id, as_of)
    if at is None:
        raise EditError(Message("{zone} has no shape on {date}", zone=zone.name, date=as_of.isoformat()))
    parts = split_polygon(at.geometry, line)
    if len(parts) < 2:
        raise EditError(Message("the line must cross the zone from one side to the other"))
    parts, notes = _fold_split_slivers(zone.name, parts)
    if len(parts) < 2:
        raise EditError(Message("the line would cut only slivers off {zone} ({why})", zone=zone.name, why=notes[0]))
    b = ChangeBuilder(project)
    place_version(b, zone, as_of, parts[0], {})
    new_ids = []
    fields = {k: getattr(at, k) for k in VERSION_FIELDS}
    fields["recorded_on"] = clock.today()
    for i, part in enumerate(parts[1:], start=2):
        zid = new_id()
        z = Zone(zid, f"{zone.name} ({i})", zone.assessment_id)
        b.put("zones", zid, z)
        _, window_end = _window_end(b.versions_of(zone_id), as_of)
        vid = new_id()
        b.put("versions", vid, ZoneVersion(vid, zid, part, valid_from=as_of, valid_to=window_end, **fields))
        copy_links(b, at.id, vid)  # each part continues the split shape, with its quotes
        new_ids.append(zid)
    return Command(Message("Split {zone}", zone=zone.name), b.build(), tuple(notes)), new_ids


def _join_equal_neighbours(b: ChangeBuilder, zone_id: str) -> None:
    """Back-to-back versions of a zone that say the same (shape, fields, quotes) become one: a
    clip over added days must not leave the neighbour cut in time where nothing changed (moving
    a start from 11-25 to 11-24 over ground already clipped from 11-25 on)."""
    versions = sorted(b.versions_of(zone_id), key=lambda v: v.valid_from)
    i = 0
    while i + 1 < len(versions):
        a, c = versions[i], versions[i + 1]
        same = (a.valid_to == c.valid_from and a.geometry.equals_exact(c.geometry, 0)
                and all(getattr(a, k) == getattr(c, k) for k in VERSION_FIELDS)
                and sorted(links_of(b, a.id)) == sorted(links_of(b, c.id)))
        if not same:
            i += 1
            continue
        joined = a.with_(valid_to=c.valid_to)
        b.put("versions", a.id, joined)
        b.delete("versions", c.id)
        drop_links_of(b, c.id)
        versions[i:i + 2] = [joined]


def _fold_split_slivers(name: str, parts: list[BaseGeometry]) -> tuple[list[BaseGeometry], list[str]]:
    """A split must not make a zone of a sliver (a line grazing a corner): each part under the
    sliver thresholds stays with the nearest real part. Returns (parts, message lines)."""
    real = [p for p in parts if not is_sliver(p)] or parts[:1]
    crumbs = [p for p in parts if not any(p is r for r in real)]
    if not crumbs:
        return parts, []
    grown = list(real)
    for crumb in crumbs:
        k = min(range(len(grown)), key=lambda i: grown[i].distance(crumb))
        grown[k] = polygonal(union_all([grown[k], crumb]))
    km2 = area_km2(union_all(crumbs))
    text = (Message("{n} sliver parts of {km2:.4f} km² (under {area} km² or thinner than {width:g} m) "
                    "stayed with {zone}", n=len(crumbs), km2=km2, area=AREA_KM2, width=WIDTH_M, zone=name)
            if len(crumbs) > 1 else
            Message("1 sliver part of {km2:.4f} km² (under {area} km² or thinner than {width:g} m) "
                    "stayed with {zone}", km2=km2, area=AREA_KM2, width=WIDTH_M, zone=name))
    return grown, [text]


def merge_zones(project: Project, zone_ids: list[str], as_of: date, *,
                shape: BaseGeometry | None = None, mode: str = CLIP_OTHERS) -> Command:
    """Merge zones into the first as of `as_of`; the others end then. With `shape` (a polygon
    drawn over them), the merged zone takes it too, and one zone is enough."""
    if len(zone_ids) < (1 if shape is not None else 2):
        raise EditError(Message("select two or more zones to merge"))
    warnings: list[str] = []
    if shape is not None:
        shape, warnings = _clean(shape)
    keep = project.zones[zone_ids[0]]
    merged_in = []
    for zid in zone_ids:
        z = project.zones[zid]
        if z.assessment_id != keep.assessment_id:
            raise EditError(Message("zones of different assessments cannot be merged"))
        v = project.version_at(zid, as_of)
        if v is None:
            raise EditError(Message("{zone} has no shape on {date}", zone=z.name, date=as_of.isoformat()))
        merged_in.append(v)
    b = ChangeBuilder(project)
    # The merged version continues every version merged in: their quotes back it. Read before
    # `_end`, which deletes a merged zone's version that starts on the day (with its links).
    links = [link for v in merged_in[1:] for link in links_of(b, v.id)]
    for zid in zone_ids[1:]:
        _end(b, zid, as_of)
    shapes = [v.geometry for v in merged_in] + ([shape] if shape is not None else [])
    merged = polygonal(union_all(shapes))
    placed = place_version(b, keep, as_of, merged, {}, mode, warnings)
    add_links(b, placed.id, links)
    names = ", ".join(project.zones[z].name for z in zone_ids)
    label = (Message("Merge {zones} as of {date}", zones=names, date=as_of.isoformat()) if len(zone_ids) > 1
             else Message("Add to {zones} as of {date}", zones=names, date=as_of.isoformat()))
    return Command(label, b.build(), tuple(warnings))


def set_version_dates(project: Project, version_id: str, valid_from: date, valid_to: date | None,
                      mode: str = CLIP_OTHERS) -> Command:
    """Move a version's start and/or end. It may not overlap the zone's other versions; where it
    now covers more time, assessed neighbours are clipped over that time (or it is refused in
    clip-self mode, since its shape would differ between dates)."""
    v = project.versions.get(version_id)
    if v is None:
        raise EditError(Message("no version {id}", id=repr(version_id)))
    zone = project.zones[v.zone_id]
    if valid_to is not None and valid_to <= valid_from:
        raise EditError(Message("{zone}: 'valid to' ({to}) must be after 'valid from' ({start})", zone=zone.name,
                                to=valid_to.isoformat(), start=valid_from.isoformat()))
    for other in project.versions_of(v.zone_id):
        if other.id != v.id and other.overlaps_time(valid_from, valid_to):
            raise EditError(Message("{zone}: {start} – {to} overlaps its version from {other}; end or delete "
                                    "that one first", zone=zone.name, start=valid_from.isoformat(),
                                    to=_until(valid_to), other=other.valid_from.isoformat()))
    b = ChangeBuilder(project)
    warnings: list[str] = []
    b.put("versions", v.id, v.with_(valid_from=valid_from, valid_to=valid_to))
    if _tier(project, v.status) == "assessed":
        added = []
        if valid_from < v.valid_from:
            added.append((valid_from, v.valid_from))
        if v.valid_to is not None and (valid_to is None or valid_to > v.valid_to):
            added.append((v.valid_to, valid_to))
        for start, end in added:
            neighbours = _assessed_neighbours(b, zone, start, end, v.geometry)
            if neighbours and mode == CLIP_SELF:
                raise EditError(Message("{zone}: other assessed zones hold part of it then; use clip-neighbours "
                                        "mode or reshape it first", zone=zone.name))
            if not neighbours:
                continue

            def meets(g: BaseGeometry, start=start, end=end) -> list[ZoneVersion]:
                return _assessed_neighbours(b, zone, start, end, g)
            # The slivers the clip would leave go to this zone, over the added time only: there
            # its shape differs, so that time becomes a version of its own (continuing this one).
            shape = grow_by_slivers(v.geometry, lambda g: _named(b, meets(g)), warnings)
            clipped = meets(shape)
            for n in clipped:
                _clip_neighbour(b, b.get("versions", n.id), start, end, shape)
            for zid in {n.zone_id for n in clipped}:
                _join_equal_neighbours(b, zid)
            if shape is not v.geometry:
                cur = b.get("versions", v.id)
                if start < v.valid_from:
                    b.put("versions", v.id, cur.with_(valid_from=end))
                else:
                    b.put("versions", v.id, cur.with_(valid_to=start))
                nid = new_id()
                b.put("versions", nid, cur.with_(id=nid, valid_from=start, valid_to=end, geometry=shape,
                                                  recorded_on=clock.today()))
                copy_links(b, v.id, nid)
    return Command(Message("Dates of {zone}: {start} – {to}", zone=zone.name, start=valid_from.isoformat(),
                           to=_until(valid_to)), b.build(), tuple(warnings))


def _until(valid_to: date | None) -> str:
    """A version's end in a message: its date, or "open"."""
    return valid_to.isoformat() if valid_to is not None else Message("open")
