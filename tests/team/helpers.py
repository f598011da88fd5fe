"""Small helpers shared by the team storage tests."""
from __future__ import annotations

from itertools import combinations
from typing import Any

from desktop.model.changes import TABLES
from desktop.model.project import Project


def tables_of(project: Project) -> dict[str, dict[str, Any]]:
    return {t: dict(project.table(t)) for t in TABLES}


def assert_same_rows(a: Project, b: Project) -> None:
    """Every table of `a` and `b` holds the same ids with equal records (shapes to the bit)."""
    for t in TABLES:
        ra, rb = a.table(t), b.table(t)
        assert set(ra) == set(rb), f"table {t}: ids differ ({set(ra) ^ set(rb)})"
        for i in ra:
            assert ra[i] == rb[i], f"table {t}, row {i}: {ra[i]!r} != {rb[i]!r}"


def assessed_overlaps(project: Project) -> list[tuple[str, str]]:
    """Pairs of assessed versions of one assessment valid at a common date whose shapes share
    area (the partition rule of desktop/model/edits.py)."""
    out = []
    vs = [v for v in project.versions.values() if project.tier_of(v.status) == "assessed"]
    for v, w in combinations(vs, 2):
        if v.zone_id == w.zone_id:
            continue
        if project.zones[v.zone_id].assessment_id != project.zones[w.zone_id].assessment_id:
            continue
        if not v.overlaps_time(w.valid_from, w.valid_to):
            continue
        if v.geometry.intersection(w.geometry).area > 1e-12:
            out.append((v.id, w.id))
    return out
