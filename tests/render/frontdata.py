"""Projects built in memory from the real DeepState series (tests and benchmarks only: the data
is never copied into the repository). Records are loaded directly, as a file load would."""
from __future__ import annotations

import csv
import json
from datetime import date, timedelta
from pathlib import Path

import shapely
from shapely.geometry import shape

from desktop.model.changes import Change
from desktop.model.entities import Assessment, ProjectInfo, Zone, ZoneVersion
from desktop.model.geometry import repair_polygonal
from desktop.model.project import Project


def _weekly(folder: Path, series: str) -> list[tuple[date, Path]]:
    rows = []
    with open(folder / "manifest.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["series"] == series:
                rows.append((date.fromisoformat(r["target_monday"]), folder / r["file"]))
    return sorted(rows)


def series_project(shared_data: Path, series: str = "deepstate_cyterat_weekly",
                   limit: int | None = None, aoi: tuple | None = None) -> Project:
    """One assessment, one zone "Occupied", one version per weekly file (valid until the next)."""
    rows = _weekly(shared_data / "frontline", series)[:limit]
    p = Project(ProjectInfo(title="DeepState weekly", aoi=aoi))
    changes = [Change("assessments", "ds", None, Assessment("ds", "DeepState", "DeepStateMap.live")),
               Change("zones", "occ", None, Zone("occ", "Occupied", "ds"))]
    for i, (d, path) in enumerate(rows):
        feats = json.loads(path.read_text(encoding="utf-8"))["features"]
        geom = shapely.force_2d(shapely.union_all([shape(f["geometry"]) for f in feats]))
        geom, _ = repair_polygonal(geom)
        to = rows[i + 1][0] if i + 1 < len(rows) else d + timedelta(days=7)
        changes.append(Change("versions", f"v{i}", None,
                              ZoneVersion(f"v{i}", "occ", geom, "ru_control", d, to)))
    p.load_changes(changes)
    return p
