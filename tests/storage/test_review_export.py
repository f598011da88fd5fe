"""Review: what we export passes our own `validate` without a warning (rounding to 7 decimals
must not leave duplicate vertices or collapsed rings behind)."""
from __future__ import annotations

from datetime import date

import shapely
from shapely.geometry import Polygon

from desktop.model.commands import CommandStack
from desktop.model.project import Project
from desktop.storage.exports.export_props import rfc7946
from desktop.storage.exports.geojson_write import write_geojson
from desktop.storage.imports.importer import import_files
from desktop.storage.imports.validate import validate_file


def test_rounding_leaves_no_duplicate_vertices():
    # two vertices 3e-8 apart round to the same position; a hole that rounds to nothing goes
    shell = [(37, 48), (37.1, 48), (37.10000003, 48.00000001), (37.1, 48.1), (37, 48.1), (37, 48)]
    tiny = [(37.05, 48.05), (37.05000001, 48.05), (37.05000001, 48.05000001), (37.05, 48.05)]
    g = rfc7946(Polygon(shell, [tiny]))
    coords = shapely.get_coordinates(g)
    assert not any((a == b).all() for a, b in zip(coords[:-1], coords[1:]))
    assert g.is_valid and len(g.interiors) == 0 and g.exterior.is_ccw


def test_export_of_real_series_validates_clean(shared_data, tmp_path):
    folder = shared_data / "frontline" / "deepstate_raw_pokrovsk_2025"
    files = sorted(folder.glob("*.geojson"))  # the duplicate vertices appear from the 13th on
    project = Project()
    import_files(project, files, assessment="DeepState", status=None, series=True, stack=CommandStack(project))
    out = tmp_path / "h.geojson"
    assert write_geojson(project, out) > 0
    assert [p.line() for p in validate_file(out)] == []
    out_at = tmp_path / "at.geojson"
    write_geojson(project, out_at, date(2025, 2, 3))
    assert [p.line() for p in validate_file(out_at)] == []
