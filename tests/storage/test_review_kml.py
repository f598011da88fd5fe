"""Review of KML reading: problems name the Placemark's id, a rejected geometry is not imported
anyway, and a time that is not a date is reported instead of silently replaced."""
from __future__ import annotations

from pathlib import Path

from desktop.storage.imports.kml_read import read_kml
from desktop.storage.imports.report import ERROR, WARNING

POLY = ("<Polygon><outerBoundaryIs><LinearRing><coordinates>{x},48 {x}.1,48 {x}.1,48.1 {x},48.1 {x},48"
        "</coordinates></LinearRing></outerBoundaryIs>{hole}</Polygon>")


def _placemark(pid: str, x: int, time: str = "", hole: str = "") -> str:
    return f'<Placemark id="{pid}"><name>{pid}</name>{time}{POLY.format(x=x, hole=hole)}</Placemark>'


def _kml(tmp_path: Path, *placemarks: str, folder_time: str = "") -> Path:
    p = tmp_path / "t.kml"
    p.write_text('<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document><Folder>'
                 f"{folder_time}{''.join(placemarks)}</Folder></Document></kml>", encoding="utf-8")
    return p


def test_problems_name_the_placemark_id(tmp_path):
    bad = _placemark("pm-open", 37).replace(" 37,48</coordinates>", "</coordinates>")
    parsed = read_kml(_kml(tmp_path, bad))
    (p,) = parsed.problems
    assert p.level == WARNING and p.fid == "pm-open" and p.feature == 0
    assert "(id pm-open)" in p.line() and "Placemark[1]/Polygon/outerBoundaryIs" in p.line()


def test_a_geometry_with_an_error_is_not_imported(tmp_path):
    hole = "<innerBoundaryIs><LinearRing><coordinates>39.02,48.02 abc</coordinates></LinearRing></innerBoundaryIs>"
    parsed = read_kml(_kml(tmp_path, _placemark("good", 37), _placemark("bad-hole", 39, hole=hole)))
    (err,) = [p for p in parsed.problems if p.level == ERROR]
    assert err.feature == 1 and err.fid == "bad-hole" and "'abc'" in err.message
    # validate calls it an error, so import must reject it (not import it without its hole)
    assert [f.fid for f in parsed.features] == ["good"]


def test_a_time_that_is_not_a_date_is_reported(tmp_path):
    when = "<TimeStamp><when>someday</when></TimeStamp>"
    span = "<TimeSpan><begin>2025-03</begin><end>late 2025</end></TimeSpan>"
    parsed = read_kml(_kml(tmp_path, _placemark("a", 37, when), _placemark("b", 38, span),
                           folder_time="<TimeSpan><begin>2025</begin></TimeSpan>"))
    msgs = {p.fid: p for p in parsed.problems}
    assert msgs["a"].level == WARNING and "'someday'" in msgs["a"].message
    assert msgs["a"].where.endswith("Placemark[1]/TimeStamp/when")
    assert "'late 2025'" in msgs["b"].message and msgs["b"].where.endswith("TimeSpan/end")
    # the unreadable time falls back to the folder's; the readable half is kept
    a, b = parsed.features
    assert (a.begin.isoformat(), a.end) == ("2025-01-01", None)
    assert (b.begin.isoformat(), b.end) == ("2025-03-01", None)
    assert a.properties.get("kml_time") == "someday"  # nothing the file said is lost


def test_partial_dates_of_a_span_cover_whole_months_and_years(tmp_path):
    span = "<TimeSpan><begin>2025</begin><end>2025-11</end></TimeSpan>"
    (f,) = read_kml(_kml(tmp_path, _placemark("a", 37, span))).features
    assert (f.begin.isoformat(), f.end.isoformat()) == ("2025-01-01", "2025-12-01")
