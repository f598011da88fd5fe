"""Review: `frontline validate` reports property values import cannot use (a date that is not a
date, an end before the start, an unknown confidence), naming the feature and the property."""
from __future__ import annotations

import json

from desktop.storage.imports.report import WARNING
from desktop.storage.imports.validate import validate_file

RING = [[37, 48], [37.1, 48], [37.1, 48.1], [37, 48.1], [37, 48]]


def _feature(fid, **props):
    return {"type": "Feature", "id": fid, "properties": {"status": "ru_control", **props},
            "geometry": {"type": "Polygon", "coordinates": [RING]}}


def test_bad_property_values_are_reported(tmp_path):
    p = tmp_path / "dates.geojson"
    p.write_text(json.dumps({"type": "FeatureCollection", "features": [
        _feature("ok", valid_from="2025-01-01", valid_to="2025-02-01T10:00:00Z", confidence="High"),
        _feature("b1", valid_from="2025-13-45", notes="keep me"),
        _feature("b2", valid_from="2025-03-01", valid_to="2025-02-01"),
        _feature("b3", valid_from="2025-03-01", recorded_on=20250301, confidence="sure"),
    ]}))
    problems = validate_file(p)
    assert all(q.level == WARNING for q in problems)
    lines = [q.line() for q in problems]
    assert not any("(id ok)" in ln for ln in lines)
    (b1,) = [ln for ln in lines if "(id b1)" in ln]
    assert b1.startswith("dates.geojson: feature 1 (id b1): valid_from '2025-13-45' is not a date")
    assert b1.endswith("[/features/1/properties/valid_from]")
    (b2,) = [ln for ln in lines if "(id b2)" in ln]
    assert "valid_to 2025-02-01 is not after valid_from 2025-03-01" in b2
    b3 = [ln for ln in lines if "(id b3)" in ln]
    assert any("recorded_on 20250301 is not a date" in ln for ln in b3)
    assert any("confidence 'sure' is not low, medium or high" in ln for ln in b3)


def test_kml_extended_data_is_checked_too(tmp_path):
    p = tmp_path / "t.kml"
    p.write_text('<kml xmlns="http://www.opengis.net/kml/2.2"><Placemark id="x"><ExtendedData>'
                 '<Data name="valid_from"><value>yesterday</value></Data></ExtendedData>'
                 "<Point><coordinates>37,48</coordinates></Point></Placemark></kml>")
    (q,) = validate_file(p)
    assert "valid_from 'yesterday' is not a date" in q.line() and "(id x)" in q.line()
    assert q.where == "Placemark[1]/ExtendedData/Data[@name='valid_from']"
