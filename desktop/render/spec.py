"""What one map frame shows: the inputs of the one painter used by the canvas, presentation
mode, image export and video replay (so the four can never drift apart)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from desktop.model.project import Project

# Basemap layer groups that can be hidden one by one (layers dock).
BASEMAP_GROUPS = ("land", "water", "boundaries", "towns", "roads", "railways", "labels")


@dataclass(frozen=True)
class Chrome:
    """Map furniture drawn over the map, in screen space."""
    title: str = ""
    date_caption: bool = False  # the large date (and step range) caption
    legend: bool = False
    scale_bar: bool = True
    north_arrow: bool = False
    attribution: bool = True
    captions: tuple[str, ...] = ()  # plain-text lines (changes of the step, quotes)
    # Size factor for text and furniture; None: height / 1080, so a 1080p frame is 1.
    scale: float | None = None


@dataclass(frozen=True)
class FrameSpec:
    project: Project
    when: date
    bbox: tuple[float, float, float, float]  # EPSG:3857 x0, y0, x1, y1; widened to the aspect
    assessments: frozenset[str] | None = None  # visible assessment ids; None: all
    hidden_statuses: frozenset[str] = frozenset()
    status_opacity: tuple[tuple[str, float], ...] = ()  # (status key, opacity 0..1) overrides
    previous: date | None = None  # draw gains and losses since this date (hatched overlay)
    selection: frozenset[str] = frozenset()  # zone ids drawn highlighted
    # Observations to draw with their opacity (see desktop.model.timeline.observations_in_step);
    # None draws none.
    observations: tuple[tuple[object, float], ...] | None = None
    show_zones: bool = True
    basemap: bool = True
    hidden_basemap: frozenset[str] = frozenset()  # names from BASEMAP_GROUPS
    basemap_opacity: float = 1.0
    basemap_layer_opacity: tuple[tuple[str, float], ...] = ()  # (group, opacity) overrides
    rasters: bool = True  # draw the project's visible raster basemaps (MBTiles, world-file images)
    # Mark zone versions whose evidence contradicts them ("!") or that have none at all ("?").
    evidence_marks: bool = False
    chrome: Chrome = field(default_factory=Chrome)
    # Keep rasterised basemap layers between frames with the same view (replay, timeline
    # scrubbing). Off for vector output (SVG/PDF), which must stay vector.
    raster_cache: bool = True
    # A frame painted once (a still PNG from the command line): raster layers go straight onto
    # it, since an image kept for a next frame that never comes costs its allocation, clearing
    # and copying (~8 ms at 1080p, a fifth of a cold render).
    once: bool = False
