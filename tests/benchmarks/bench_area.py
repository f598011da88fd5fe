"""Geodesic area of every week of the full-front series: `Project.areas_at` against a plain
`pyproj.Geod` loop over the same snapshots, with the figures checked to agree to 0.01%.

Both sides start from geometry in memory (the project imported, the files read). Frontline's
main figure is cold: the per-version area cache is emptied before each run, so every version is
measured again; the warm figure (what a second chart refresh costs) is on its own row.
"""
from __future__ import annotations

import shapely
from pyproj import Geod

from . import bench_data as bd
from .bench_data import Row

RUNS = 5
TOLERANCE = 1e-4  # 0.01%


def geod_loop(weeks: list) -> list[float]:
    """km² per week: every polygon through Geod, rings oriented so no part cancels another."""
    geod = Geod(ellps="WGS84")
    out = []
    for geoms in weeks:
        total = 0.0
        for g in geoms:
            area, _ = geod.geometry_area_perimeter(shapely.orient_polygons(g))
            total += abs(area)
        out.append(total / 1e6)
    return out


def frontline_areas(sp: bd.SeriesProject, cold: bool) -> list[float]:
    project = sp.project
    if cold:
        project._area_cache.clear()  # the model's per-version cache; emptied to measure cold
    return [sum(project.areas_at(d).values()) for d in sp.dates]


def run(sp: bd.SeriesProject) -> list[Row]:
    weeks = [bd.read_polygons(f) for f in sp.files]
    peer_t = bd.measure(lambda: geod_loop(weeks), RUNS)
    cold = bd.measure(lambda: frontline_areas(sp, True), RUNS)
    warm = bd.measure(lambda: frontline_areas(sp, False), RUNS)
    ours, theirs = frontline_areas(sp, True), geod_loop(weeks)
    worst = max(abs(a - b) / b for a, b in zip(ours, theirs) if b)
    agree = worst <= TOLERANCE
    check = f"{'same' if agree else 'DIFFERENT'} km² (worst {worst:.1e} of {len(ours)} weeks)"
    f, p = bd.median(cold), bd.median(peer_t)
    return [
        Row("geodesic area of all 111 weeks", f, "pyproj.Geod loop", p, "<= 1.5x, same to 0.01%",
            f <= 1.5 * p and agree, check),
        Row("geodesic area of all 111 weeks, cached", bd.median(warm), "pyproj.Geod loop", p,
            note="second chart refresh: per-version areas cached"),
    ]
