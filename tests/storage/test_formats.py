"""The format registry (storage/formats.py, render/outputs.py): what lists formats derives from
it, and every format it names really reads or writes a tiny project."""
from __future__ import annotations

import csv
import gzip
import json
import zipfile
from datetime import date
from pathlib import Path

import numpy as np
import pyogrio
import pytest
import shapely
from shapely.geometry import MultiPolygon, shape

from desktop import cli
from desktop.model import Project
from desktop.render import outputs
from desktop.storage import formats
from desktop.storage.exports import exporter
from desktop.storage.exports.exporter import export_project
from desktop.storage.imports import readers
from desktop.storage.imports.importer import import_files

from support.builders import populate

AT = date(2025, 11, 12)  # the first of the two versions of "Pokrovsk south", and "north"


@pytest.fixture(scope="module")
def project() -> Project:
    p = Project()
    populate(p)
    return p


def _zones(p: Project, when: date | None = None) -> list[tuple]:
    vs = p.versions.values() if when is None else p.state_at(when)
    return sorted((p.zones[v.zone_id].name, v.status, v.valid_from, v.valid_to, v.geometry.wkt) for v in vs)


def _same_zones(got: Project, want: Project, when: date | None = None) -> None:
    a, b = _zones(got), _zones(want, when)
    # A dated export holds the versions valid on `when`, with their own dates.
    assert [r[:4] for r in a] == [r[:4] for r in b]
    for ra, rb in zip(a, b):
        ga, gb = shapely.from_wkt(ra[4]), shapely.from_wkt(rb[4])
        assert shapely.hausdorff_distance(ga, gb) < 1e-6, ra[:4]


def _observations(p: Project, points_only: bool = False) -> list[tuple]:
    return sorted((o.kind, o.date, o.geometry.geom_type) for o in p.observations.values()
                  if not points_only or o.geometry.geom_type == "Point")


# -- one maker per format: a file of that format holding the tiny project ---------------------
def _exported(project: Project, path: Path) -> Path:
    export_project(project, path)
    return path


def _gzipped(project: Project, path: Path) -> Path:
    path.write_bytes(gzip.compress(_exported(project, path.parent / "src.geojson").read_bytes()))
    return path


def _kmz(project: Project, path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("doc.kml", _exported(project, path.parent / "src.kml").read_bytes())
    return path


def _ogr(driver: str):
    """The zones (one geometry type per layer: Shapefile takes no mix), written by GDAL."""
    def make(project: Project, path: Path) -> Path:
        doc = json.loads(_exported(project, path.parent / "src.geojson").read_text())
        feats = [f for f in doc["features"] if "zone_id" in f["properties"]]
        geoms = [shape(f["geometry"]) for f in feats]
        wkb = shapely.to_wkb(np.array([g if g.geom_type == "MultiPolygon" else MultiPolygon([g]) for g in geoms],
                                      dtype=object))
        cols = ["name", "status", "valid_from", "valid_to"]
        data = [np.array([f["properties"][c] or "" for f in feats], dtype=object) for c in cols]
        target = path.with_suffix(".shp") if path.suffix == ".zip" else path
        pyogrio.raw.write(target, wkb, data, cols, driver=driver, geometry_type="MultiPolygon", crs="EPSG:4326")
        if path.suffix == ".zip":  # a zipped Shapefile, as mapping projects hand them out
            with zipfile.ZipFile(path, "w") as z:
                for part in path.parent.glob(f"{path.stem}.*"):
                    if part != path:
                        z.write(part, part.name)
        return path
    return make


def _observation_table(project: Project, path: Path) -> Path:
    sep = "\t" if path.suffix == ".tsv" else ","
    rows = [f"{o.geometry.y}{sep}{o.geometry.x}{sep}{o.date.isoformat()}{sep}{o.kind}"
            for o in project.observations.values() if o.geometry.geom_type == "Point"]
    path.write_text(sep.join(("lat", "lon", "date", "kind")) + "\n" + "\n".join(rows) + "\n")
    return path


# Format key -> (make a file of it, what reading it back must give: "all" zones and observations,
# "zones" only, "points" (point observations) only, or None for a format not read back).
MAKERS = {
    "geojson": (_exported, "all"),
    "geojson_gz": (_gzipped, "all"),
    "kml": (_exported, "all"),
    "kmz": (_kmz, "all"),
    "gpkg": (_exported, "all"),
    "shapefile": (_ogr("ESRI Shapefile"), "zones"),
    "zip": (_ogr("ESRI Shapefile"), "zones"),
    "flatgeobuf": (_ogr("FlatGeobuf"), "zones"),
    "gml": (_ogr("GML"), "zones"),
    "csv": (_observation_table, "points"),
    "csv_sources": (_exported, None),
}


def test_every_format_has_a_round_trip_here():
    assert set(MAKERS) == {f.key for f in formats.FORMATS}
    # ...and every writable one a writer, every readable one a reader that read_any knows.
    assert set(exporter.WRITERS) == {f.key for f in formats.writable()}
    assert {f.reader for f in formats.readable()} <= {"geojson", "kml", "csv", "ogr"}


@pytest.mark.parametrize("key,suffix", [(f.key, s) for f in formats.FORMATS for s in f.suffixes])
def test_every_suffix_round_trips_a_tiny_project(project, tmp_path, key, suffix):
    fmt = next(f for f in formats.FORMATS if f.key == key)
    make, carries = MAKERS[key]
    path = make(project, tmp_path / f"tiny{suffix}")
    assert path.is_file() and path.stat().st_size > 0
    if fmt.writer:
        assert formats.for_writing(path) == fmt
    if fmt.reader:
        assert readers.kind_of(path) == fmt.reader
    if carries is None:  # the evidence table: read back with the csv module
        rows = list(csv.DictReader(path.open(encoding="utf-8")))
        assert [r["quote"] for r in rows] == [q.text for q in project.quotes.values()]
        return
    got = Project()
    report = import_files(got, [path], assessment="Again")
    assert report.skipped == 0, report.messages[:5]
    if carries in ("all", "zones"):
        _same_zones(got, project)
    if carries in ("all", "points"):
        assert _observations(got, carries == "points") == _observations(project, carries == "points")


@pytest.mark.parametrize("suffix", [s for f in formats.writable() if f.takes_date and f.reader for s in f.suffixes])
def test_a_dated_export_holds_the_state_on_its_date(project, tmp_path, suffix):
    path = tmp_path / f"dated{suffix}"
    export_project(project, path, AT)
    got = Project()
    import_files(got, [path], assessment="Again")
    _same_zones(got, project, AT)


def test_a_format_without_a_date_says_so_or_ignores_it(project, tmp_path):
    from desktop.storage.errors import InputError
    with pytest.raises(InputError, match="--at does not apply"):
        export_project(project, tmp_path / "copy.gpkg", AT)  # a copy is the whole project
    # The evidence has no date to narrow: refused too, never silently ignored (#16).
    with pytest.raises(InputError, match="--at does not apply.*sources and quotes have no date"):
        export_project(project, tmp_path / "evidence.csv", AT)
    assert not (tmp_path / "evidence.csv").exists()


def test_names_pick_the_readers_they_always_did():
    want = {"a.geojson": "geojson", "a.json": "geojson", "a.geojson.gz": "geojson", "a.json.gz": "geojson",
            "a.gz": "geojson", "a.kml": "kml", "a.KMZ": "kml", "a.csv": "csv", "a.tsv": "csv", "a.gpkg": "ogr",
            "a.shp": "ogr", "a.zip": "ogr", "a.fgb": "ogr", "a.gml": "ogr", "a.kml.gz": "geojson"}
    assert {n: readers.kind_of(n) for n in want} == want


def test_project_names_of_another_format_are_refused():
    say = lambda name: formats.project_name_problem(name, outputs.commands())  # noqa: E731
    assert say("war.gpkg") is None and say("war.sqlite") is None and say("folder.kml/war") is None
    assert "`frontline export`" in say("war.GeoJSON") and "`frontline export`" in say("war.csv")
    assert "`frontline render`" in say("war.png") and "`frontline replay`" in say("war.mp4")
    # A Shapefile is now written too (one file per geometry type), by `frontline export`.
    assert "`frontline export`" in say("war.shp")
    assert "to import from" in say("war.fgb")


# -- what derives from the registries -------------------------------------------------------------
def _help() -> str:
    parser = cli.sub_parser()
    return parser.format_help()


def test_filters_help_and_refused_names_follow_the_registry(monkeypatch, tmp_path, capsys):
    fancy = formats.Format("fancy", "Fancy map", (".fancy",), reader="geojson", writer=True, takes_date=True)
    monkeypatch.setattr(formats, "FORMATS", formats.FORMATS + (fancy,))
    monkeypatch.setattr(outputs, "OUTPUTS", outputs.OUTPUTS + (outputs.Output("webp", "WebP image", ".webp"),
                                                               outputs.Output("webm", "WebM video", ".webm", True)))
    assert "*.fancy" in formats.import_filter()
    assert "Fancy map (*.fancy)" in formats.export_filter()
    text = _help()
    assert text.count(".fancy") == 3  # import, export, and export's --at
    assert ".webp" in text and ".webm" in text
    assert readers.kind_of("x.fancy") == "geojson" and formats.for_writing("x.fancy") == fancy
    assert "`frontline export`" in formats.project_name_problem("x.fancy", outputs.commands())
    assert "`frontline render`" in formats.project_name_problem("x.webp", outputs.commands())
    src = tmp_path / "in.geojson"
    src.write_text('{"type": "FeatureCollection", "features": []}')
    assert cli.main(["import", str(src), "-o", str(tmp_path / "out.fancy")]) == 1
    assert "a project file is a GeoPackage" in capsys.readouterr().err
    assert not (tmp_path / "out.fancy").exists()


def test_the_help_lists_what_it_listed_before():
    text = _help()
    assert "export a project to .geojson .kml .gpkg .shp .csv" in text
    assert "render the map on a date to .png .svg .pdf" in text
    assert "render one frame per step to .mp4 .gif or a folder" in text
    for s in (".geojson", ".kml", ".kmz", ".gpkg", ".shp", ".csv"):
        assert s in text
