"""A small version of the benchmarks' stress project (tests only): a grid of wobbly cells near
Pokrovsk, each changing status on a few weeks, every status of the default legend's assessed
tier among them (the dashed, hatched ru_advance too), some cells with a hole."""
from __future__ import annotations

import math
import random
from datetime import date, timedelta

import numpy as np
from shapely.geometry import Polygon

from desktop.model.changes import ChangeBuilder
from desktop.model.entities import Assessment, Zone, ZoneVersion
from desktop.model.project import Project

STATUSES = ("ru_control", "contested", "ru_advance", "ua_liberated")
FIRST = date(2024, 7, 8)


def grid_project(cols: int = 12, rows: int = 8, weeks: int = 12, seed: int = 5) -> tuple[Project, list[date]]:
    rng = random.Random(seed)
    ds = [FIRST + timedelta(weeks=i) for i in range(weeks)]
    p = Project()
    b = ChangeBuilder(p)
    b.put("assessments", "a", Assessment("a", "Grid"))
    dx, dy = 0.018, 0.0125
    n = 25
    t = np.linspace(0.0, 1.0, n, endpoint=False)
    wob = 0.04 * np.sin(t * 6 * math.pi)
    for z in range(cols * rows):
        r, c = divmod(z, cols)
        x0, y0 = 36.8 + c * dx, 48.05 + r * dy
        xs = np.concatenate([x0 + t * dx, x0 + dx - wob * dx, x0 + dx - t * dx, x0 + wob * dx])
        ys = np.concatenate([y0 + wob * dy, y0 + t * dy, y0 + dy - wob * dy, y0 + dy - t * dy])
        holes = []
        if z % 7 == 3:
            cx, cy = x0 + dx / 2, y0 + dy / 2
            holes = [[(cx - dx / 6, cy - dy / 6), (cx - dx / 6, cy + dy / 6), (cx + dx / 6, cy + dy / 6),
                      (cx + dx / 6, cy - dy / 6)]]
        g = Polygon(np.column_stack([xs, ys]), holes)
        b.put("zones", f"z{z}", Zone(f"z{z}", f"cell {r}-{c}", "a"))
        cuts = sorted(rng.sample(range(1, weeks), 2))
        bounds = [0] + cuts + [None]
        for k in range(len(bounds) - 1):
            lo, hi = bounds[k], bounds[k + 1]
            vid = f"v{z}-{k}"
            b.put("versions", vid, ZoneVersion(vid, f"z{z}", g, rng.choice(STATUSES), ds[lo],
                                               ds[hi] if hi is not None else None))
    p.apply(b.build())
    return p, ds
