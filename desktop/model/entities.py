"""Domain records. All are frozen: a change is a new record, which makes undo exact and cheap.

Geometry is shapely, WGS84 lon/lat. Dates are `datetime.date`; validity is half-open
`[valid_from, valid_to)` with `valid_to=None` meaning still valid.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from shapely.geometry.base import BaseGeometry

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


@dataclass(frozen=True)
class Assessment:
    id: str
    name: str
    origin: str = ""
    notes: str = ""


@dataclass(frozen=True)
class Zone:
    id: str
    name: str
    assessment_id: str
    # Properties from imported files that the model has no field for; exported back as they came.
    extra: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True, eq=False)
class ZoneVersion:
    id: str
    zone_id: str
    geometry: BaseGeometry
    status: str
    valid_from: date
    valid_to: date | None = None
    approximate: bool = False
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

    # Shapely's == on geometries is exact coordinate equality, which is what undo must restore.
    def _key(self) -> tuple:
        return (self.id, self.zone_id, self.geometry.wkb, self.status, self.valid_from, self.valid_to,
                self.approximate, self.recorded_on, self.confidence, self.notes)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ZoneVersion) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self.id)


@dataclass(frozen=True, eq=False)
class Observation:
    id: str
    kind: str
    geometry: BaseGeometry  # Point, LineString or their Multi forms
    date: date
    time: str = ""  # "HH:MM" when known
    name: str = ""
    notes: str = ""
    extra: tuple[tuple[str, Any], ...] = ()

    def _key(self) -> tuple:
        return (self.id, self.kind, self.geometry.wkb, self.date, self.time, self.name, self.notes, self.extra)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Observation) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self.id)


@dataclass(frozen=True)
class Source:
    id: str
    outlet: str
    title: str = ""
    url: str = ""
    published: date | None = None
    kind: str = "media"
    reliability: str = "F"
    notes: str = ""


@dataclass(frozen=True)
class Quote:
    id: str
    source_id: str
    text: str
    speaker: str = ""
    said_on: date | None = None
    language: str = "en"
    translation: str = ""
    credibility: int = 6


@dataclass(frozen=True)
class Evidence:
    id: str
    quote_id: str
    target_id: str  # a ZoneVersion id or an Observation id
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
    """The project's own settings, one record."""
    title: str = "Untitled project"
    # Area of interest as (west, south, east, north) in lon/lat, or None.
    aoi: tuple[float, float, float, float] | None = None
    notes: str = ""
