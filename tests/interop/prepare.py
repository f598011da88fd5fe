"""`make interop`, Frontline's side (the venv): the files the other tools are given, and what
Frontline shows in them, for `check.py` (run with Debian's python, which has QGIS and GDAL).

Writes into the folder given: `new.gpkg` (a new project), `sample.gpkg` (the bundled sample,
upgraded by a writable open), `v0_1.gpkg` (the v0.1 fixture, upgraded), the sample's history as
`history.geojson` and `history.kml`, and `expect.json`: every version (zone, dates) and, at
eight dates, the ids of the versions `Project.state_at` gives.
"""
from __future__ import annotations

import json
import shutil
import sys
from datetime import date
from pathlib import Path

from desktop.storage.exports.exporter import export_project
from desktop.storage.project.projectfile import close_project, create_project, open_project

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "samples" / "pokrovsk_myrnohrad_2025.gpkg"
FIXTURE_V0_1 = ROOT / "tests" / "fixtures" / "project_v0_1.gpkg"
# Before the first version, its first day, boundary days (a version ends, the next starts: seven
# zones change on 2025-11-24) and the days before them, a lone change (2025-12-02), the last step.
DATES = ("2025-08-31", "2025-09-01", "2025-09-07", "2025-09-08", "2025-11-23", "2025-11-24",
         "2025-12-02", "2025-12-15")


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name in ("new.gpkg", "sample.gpkg", "v0_1.gpkg", "history.geojson", "history.kml"):
        (out / name).unlink(missing_ok=True)
    close_project(create_project(out / "new.gpkg", "Interop check"))
    for src, name in ((SAMPLE, "sample.gpkg"), (FIXTURE_V0_1, "v0_1.gpkg")):
        shutil.copyfile(src, out / name)  # a copy: the bundled files stay as they are
        p = open_project(out / name)  # the first writable open upgrades it
        if p.read_only:
            raise SystemExit(f"{name} opened read-only: {p.open_warnings}")
        close_project(p)
    project = open_project(out / "sample.gpkg", read_only=True)
    export_project(project, out / "history.geojson")
    export_project(project, out / "history.kml")
    expect = {
        "versions": {v.id: {"zone_id": v.zone_id, "valid_from": v.valid_from.isoformat(),
                            "valid_to": v.valid_to.isoformat() if v.valid_to else None}
                     for v in project.versions.values()},
        "dates": {d: sorted(v.id for v in project.state_at(date.fromisoformat(d))) for d in DATES},
    }
    close_project(project)
    (out / "expect.json").write_text(json.dumps(expect, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "build/interop"))
