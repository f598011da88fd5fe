"""How well a zone reads against the basemap (issue #15): a zone of one status rendered by the
real painter over the bundled basemap, measured with CIEDE2000.

- fill: the zone's mean colour (inside, clear of its outline) against the basemap's mean
  colour just outside it (a ring a few pixels beyond the outline);
- outline: the strongest pixels of the band along its edge (the 95th percentile of their
  difference from that same basemap colour).

A zone reads when its fill differs by at least FILL_MIN or its outline by at least LINE_MIN
(a claim may be an outline only)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
from shapely.geometry import box

from desktop.model.commands import CommandStack
from desktop.model.edits import add_assessment, create_zone
from desktop.model.entities import ProjectInfo
from desktop.model.legend import Status
from desktop.model.mercator import bbox_to_merc, to_merc
from desktop.model.project import Project
from desktop.render.colour_difference import rgb_difference
from desktop.render.frame import Chrome, FrameSpec, render_image
from desktop.render.projection import MapView

from render.helpers import rgb

FILL_MIN = 10.0
LINE_MIN = 25.0
WHEN = date(2025, 11, 20)
SIZE = (640, 400)


@dataclass(frozen=True)
class Site:
    name: str
    zone: tuple[float, float, float, float]  # lon/lat W S E N
    view: tuple[float, float, float, float]


# Northern Pokrovsk, north of the railway: blocks of houses and streets (the towns layer).
BUILT_UP = Site("northern Pokrovsk", (37.185, 48.2945, 37.200, 48.2995), (37.170, 48.2905, 37.215, 48.3035))
# Fields west of Pokrovsk: land only.
OPEN = Site("open ground", (37.035, 48.335, 37.055, 48.3415), (37.015, 48.330, 37.075, 48.3475))
SITES = (BUILT_UP, OPEN)


def zone_project(status: Status | None, site: Site) -> Project:
    """A project whose legend holds `status`, with one zone of it over the site (none if None)."""
    p = Project(ProjectInfo(title="Contrast"))
    if status is not None:
        p.legend[status.key] = status
        stack = CommandStack(p)
        cmd, aid = add_assessment(p, "Ours")
        stack.push(cmd)
        cmd, _ = create_zone(p, name=status.label, assessment_id=aid, geometry=box(*site.zone),
                             status=status.key, as_of=WHEN)
        stack.push(cmd)
    return p


def render_site(status: Status | None, site: Site) -> np.ndarray:
    """The frame (no labels, no furniture) as H x W x 3."""
    spec = FrameSpec(zone_project(status, site), WHEN, bbox_to_merc(*site.view),
                     hidden_basemap=frozenset({"labels"}), chrome=Chrome(scale_bar=False, attribution=False))
    return rgb(render_image(spec, *SIZE))


def zone_rect(site: Site) -> tuple[float, float, float, float]:
    """The zone's pixel rectangle (x0, y0, x1, y1) in the rendered frame."""
    view = MapView(bbox_to_merc(*site.view), *SIZE)
    w, s, e, n = site.zone
    x0, y1 = view.to_px(*to_merc(w, s))
    x1, y0 = view.to_px(*to_merc(e, n))
    return x0, y0, x1, y1


def masks(site: Site, inset: int = 5, band: int = 2, ring: tuple[int, int] = (5, 15)):
    """Boolean masks (inside, outline band, ring just outside) of the frame."""
    h, w = SIZE[1], SIZE[0]
    yy, xx = np.mgrid[0:h, 0:w] + 0.5
    x0, y0, x1, y1 = zone_rect(site)
    # Signed distance outside the rectangle (negative inside), per pixel centre.
    dx = np.maximum(x0 - xx, xx - x1)
    dy = np.maximum(y0 - yy, yy - y1)
    d = np.where((dx > 0) | (dy > 0), np.hypot(np.maximum(dx, 0), np.maximum(dy, 0)), np.maximum(dx, dy))
    return d <= -inset, np.abs(d) <= band, (d >= ring[0]) & (d <= ring[1])


@dataclass(frozen=True)
class Contrast:
    fill: float
    outline: float

    def reads(self) -> bool:
        return self.fill >= FILL_MIN or self.outline >= LINE_MIN


def measure(status: Status, site: Site) -> Contrast:
    img = render_site(status, site).astype(np.float64)
    inside, band, ring = masks(site)
    around = img[ring].mean(axis=0)
    fill = float(rgb_difference(img[inside].mean(axis=0), around))
    line = float(np.percentile(rgb_difference(img[band], around), 95))
    return Contrast(fill, line)


__all__ = ["SITES", "BUILT_UP", "OPEN", "Site", "measure", "render_site", "masks", "zone_rect",
           "FILL_MIN", "LINE_MIN", "Contrast"]
