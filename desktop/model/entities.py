"""Domain records. All are frozen: a change is a new record, which makes undo exact and cheap.

Geometry is shapely, WGS84 lon/lat. Dates are `datetime.date`; validity is half-open
`[valid_from, valid_to)` with `valid_to=None` meaning still valid.

A record's fields are declared here and nowhere else: edits, import, export and the project
file's columns follow from them (see `fields.py` for the metadata a field may carry). A new field
needs a default, so that files written before it existed still open.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from shapely.geometry.base import BaseGeometry

from desktop.model.fields import EXTRA, IDENTITY, SHAPE, TIME, meta, record_key

CONFIDENCES = ("low", "medium", "high")
RELIABILITY = {
    "A": "Completely reliable", "B": "Usually reliable", "C": "Fairly reliable",
    "D": "Not usually reliable", "E": "Unreliable", "F": "Reliability cannot be judged",
}
CREDIBILITY = {
    1: "Confirmed by other sources", 2: "Probably true", 3: "Possibly true",
    4: "Doubtful", 5: "Improbable", 6: "Truth cannot be judged",
}
STANCES = ("supports", "contradicts", "context")
SOURCE_KINDS = ("official", "media", "social", "mapping project", "imagery", "own")
AUTHENTICITY = ("unverified", "authentic", "manipulated", "ai-generated")


def new_id() -> str:
    return uuid.uuid4().hex[:16]


class _ShapeRecord:
    """Equality over every field, shapes compared by their exact WKB (`record_key`); hashed by
    id, as records are kept in tables by id."""

    id: str

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and record_key(self) == record_key(other)

    def __hash__(self) -> int:
        return hash(self.id)


@dataclass(frozen=True)
class Assessment:
    """A named layer of zones, and whose it is: every map, frame and export showing it carries
    its credit line (`credits.attributions`), and its legend entries read in its own words."""
    id: str
    name: str
    origin: str = ""
    notes: str = ""
    credit: str = ""   # the attribution it needs wherever shown: "© DeepStateMap.live"
    licence: str = ""  # the terms its data comes under, in a sentence
    # (status key, this layer's own label) for the statuses it names its own way, e.g.
    # ("ru_control", "DeepState: occupied"); others read as the legend says (`credits.status_label`).
    labels: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Zone:
    id: str
    name: str
    assessment_id: str
    # Properties from imported files that the model has no field for; exported back as they came.
    extra: tuple[tuple[str, Any], ...] = field(default=(), metadata=meta(role=EXTRA))


@dataclass(frozen=True, eq=False)
class ZoneVersion(_ShapeRecord):
    id: str = field(metadata=meta(role=IDENTITY, export_as="version_id"))
    zone_id: str = field(metadata=meta(role=IDENTITY))
    geometry: BaseGeometry = field(metadata=meta(role=SHAPE))
    # A change of status can move the zone into the assessed tier and clip its neighbours: only
    # `edit_zone` (as of a date) makes it.
    status: str = field(metadata=meta(in_place=False))
    valid_from: date = field(metadata=meta(role=TIME))
    valid_to: date | None = field(default=None, metadata=meta(role=TIME))
    approximate: bool = field(default=False, metadata=meta(sparse=True))
    recorded_on: date | None = None
    confidence: str = "medium"
    notes: str = ""

    def __post_init__(self) -> None:
        # One canonical form: a one-part MultiPolygon is a Polygon. The project file stores
        # MultiPolygons (one declared type for GDAL) and round trips stay exact.
        g = self.geometry
        if g.geom_type == "MultiPolygon" and len(g.geoms) == 1:
            object.__setattr__(self, "geometry", g.geoms[0])

    def valid_on(self, d: date) -> bool:
        return self.valid_from <= d and (self.valid_to is None or d < self.valid_to)

    def overlaps_time(self, start: date, end: date | None) -> bool:
        """Does [valid_from, valid_to) meet [start, end)?"""
        return (end is None or self.valid_from < end) and (self.valid_to is None or start < self.valid_to)

    def with_(self, **changes: Any) -> "ZoneVersion":
        return replace(self, **changes)


@dataclass(frozen=True, eq=False)
class Observation(_ShapeRecord):
    """Something seen at a place: of one day (a video, a strike: `valid_to` None), or lasting
    over `[date, valid_to)` (a unit's position kept by a mapping project from one snapshot to the
    next). A lasting observation that moves or is renamed goes on as a new version: the versions
    of one observation share `track_id` (the id of its first version)."""
    id: str = field(metadata=meta(role=IDENTITY, export_as="observation_id"))
    kind: str
    geometry: BaseGeometry = field(metadata=meta(role=SHAPE))  # Point, LineString or their Multi forms
    date: date
    time: str = ""  # "HH:MM" when known
    name: str = ""
    notes: str = ""
    extra: tuple[tuple[str, Any], ...] = field(default=(), metadata=meta(role=EXTRA))
    # The first day it is no longer seen; None: seen on `date` only (what every observation was
    # before lasting ones existed, so files written before open as they were).
    valid_to: date | None = field(default=None, metadata=meta(role=TIME, sparse=True))
    # The assessment whose data it is (an imported series' points are DeepState's): "" for the
    # analyst's own.
    assessment_id: str = field(default="", metadata=meta(role=IDENTITY, sparse=True))
    track_id: str = field(default="", metadata=meta(role=IDENTITY, sparse=True))

    @property
    def end(self) -> date:
        """The first day it is no longer shown: half-open `[date, end)` like a zone version."""
        return self.valid_to if self.valid_to is not None else self.date + timedelta(days=1)

    @property
    def last_day(self) -> date:
        return self.end - timedelta(days=1)

    def valid_on(self, d: date) -> bool:
        return self.date <= d < self.end

    def overlaps_time(self, start: date, end: date | None) -> bool:
        """Does [date, end) meet [start, end)?"""
        return (end is None or self.date < end) and start < self.end

    def with_(self, **changes: Any) -> "Observation":
        return replace(self, **changes)


@dataclass(frozen=True)
class Source:
    id: str = field(metadata=meta(role=IDENTITY, export_as="source_id"))
    outlet: str
    title: str = ""
    url: str = ""
    published: date | None = None
    kind: str = field(default="media", metadata=meta(export_as="source_kind"))
    reliability: str = "F"
    # The analyst's own notes on a source: the CSV given to colleagues has never carried them.
    notes: str = field(default="", metadata=meta(exported=False))


@dataclass(frozen=True)
class Quote:
    id: str = field(metadata=meta(role=IDENTITY, export_as="quote_id"))
    source_id: str = field(metadata=meta(role=IDENTITY, exported=False))  # the source's own columns say it
    text: str = field(metadata=meta(export_as="quote"))
    speaker: str = ""
    said_on: date | None = None
    language: str = "en"
    translation: str = ""
    credibility: int = 6


@dataclass(frozen=True)
class Evidence:
    # Exports describe a link by its quote's columns and its target's (type, id, name, date).
    id: str = field(metadata=meta(role=IDENTITY, exported=False))
    quote_id: str = field(metadata=meta(role=IDENTITY, exported=False))
    target_id: str = field(metadata=meta(role=IDENTITY, exported=False))  # a ZoneVersion or Observation id
    stance: str = "supports"


@dataclass(frozen=True)
class Attachment:
    id: str
    source_id: str
    filename: str
    mime: str
    data: bytes = field(repr=False, default=b"")
    authenticity: str = "unverified"
    notes: str = ""


RASTER_KINDS = ("mbtiles", "image")


@dataclass(frozen=True)
class RasterLayer:
    """A raster basemap the user added: an MBTiles file or a georeferenced image (world file).

    The project keeps the path (rasters can be gigabytes), its look, and its place in the stack.
    """
    id: str
    name: str
    kind: str  # one of RASTER_KINDS
    path: str
    opacity: float = 1.0
    visible: bool = True
    order: int = 0


@dataclass(frozen=True)
class ProjectInfo:
    """The project's own settings, one record. Title, subtitle, organisation and licence are
    what every map, frame and export of the project says about whose it is."""
    title: str = "Untitled project"
    # Area of interest as (west, south, east, north) in lon/lat, or None.
    aoi: tuple[float, float, float, float] | None = None
    notes: str = ""
    subtitle: str = ""      # under the title: "Pokrovsk axis, weekly assessment"
    organisation: str = ""  # who publishes it: the credit line of every map
    licence: str = ""       # e.g. "CC BY 4.0": printed beside the credit


def credit_line(info: ProjectInfo) -> str:
    """"© Organisation · CC BY 4.0": the project's own credit, "" when neither is set."""
    org = f"\u00a9 {info.organisation}" if info.organisation else ""
    return " \u00b7 ".join(t for t in (org, info.licence) if t)
