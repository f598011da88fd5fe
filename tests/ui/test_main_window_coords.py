"""Status-bar coordinates (decimal, DMS, MGRS), the map scale, and typed coordinates."""
from __future__ import annotations

import math

import pytest
from hypothesis import given, strategies as st

from desktop.storage.gazetteer import fold
from desktop.ui.dialogs.goto import CoordinateError, parse_coordinates, search_places
from desktop.ui.window.status_bar import StatusBar, format_dms, format_mgrs, format_scale

lons = st.floats(-179.9, 179.9)
lats = st.floats(-79.9, 83.9)


def test_known_values():
    # Pokrovsk centre
    assert format_dms(37.175, 48.2833) == "48°16′59.9″N 37°10′30.0″E"
    assert format_mgrs(37.18, 48.28) == "37U CP 64975 49022"
    assert format_scale(50123) == "1:50\u2009000"
    assert format_scale(1234567) == "1:1\u2009200\u2009000"
    assert format_scale(0) == "1:—"
    assert format_mgrs(0, 89.5) == ""  # MGRS does not cover the poles


@given(lons, lats)
def test_dms_round_trip(lon, lat):
    back = parse_coordinates(format_dms(lon, lat))
    assert math.isclose(back[0], lon, abs_tol=0.06 / 3600) and math.isclose(back[1], lat, abs_tol=0.06 / 3600)


@given(lons, lats)
def test_mgrs_round_trip_within_two_metres(lon, lat):
    text = format_mgrs(lon, lat)
    back_lon, back_lat = parse_coordinates(text)
    dy = (back_lat - lat) * 111_320
    dx = (back_lon - lon) * 111_320 * math.cos(math.radians(lat))
    assert math.hypot(dx, dy) < 2.0, text


def test_decimal_forms():
    assert parse_coordinates("48.2833, 37.175") == (37.175, 48.2833)
    assert parse_coordinates("37.175 148.2") == (148.2, 37.175)  # the only order that can be
    assert parse_coordinates("37°10′30″E 48°17′N") == pytest.approx((37.175, 48.28333), abs=1e-5)
    for bad in ("Pokrovsk", "95, 195", "1 2 3", "99ZZZ"):
        with pytest.raises(CoordinateError):
            parse_coordinates(bad)


def test_status_bar_fields(qtbot):
    bar = StatusBar()
    qtbot.addWidget(bar)
    bar.set_position(37.18, 48.28)
    assert bar.position.text() == "48.28000, 37.18000" and bar.mgrs.text() == "37U CP 64975 49022"
    bar.set_scale(49_870)
    assert bar.scale.text() == "1:50\u2009000"


def test_place_search_folds_scripts_and_lookalikes():
    assert fold("Покрoвськ") == fold("Покровськ")  # a Latin "o" inside Cyrillic
    assert fold("Pokrovsk") != fold("Покровськ")  # a Latin word stays Latin
    for query in ("Pokrovsk", "pokrovsk", "Покровськ", "ПОКРОВСЬК", "Красноармійськ"):
        hits = search_places(query)
        assert hits and hits[0].name == "Pokrovsk" and hits[0].kind == "town", query
    # The hromada's name in the open data is "Вoлнoвaськa" with Latin o and a: typed in pure
    # Cyrillic or in Latin it is found, and shown in clean Cyrillic.
    [hromada] = [p for p in search_places("Волноваська") if p.kind == "hromada"]
    assert "Волноваська" in hromada.names and "Вoлнoвaськa" in hromada.names
    assert hromada in search_places("volnovaska")
    assert hromada.bbox is not None and hromada.bbox[0] < hromada.lon < hromada.bbox[2]
    assert search_places("Mирноград")[0].name == "Myrnohrad"  # Latin M typed in Cyrillic
    assert search_places("zzzz") == []


def test_find_place_zooms_to_the_town(qtbot, monkeypatch, tmp_path):
    from desktop.ui.dialogs import goto as dialogs_goto
    seen = []
    monkeypatch.setattr(dialogs_goto, "zoom_to", lambda w, bbox, what: seen.append((bbox, what)) or True)
    place = search_places("Myrnohrad")[0]
    assert dialogs_goto.go_to_place(None, place)
    (w, s, e, n), what = seen[0]
    assert what == "Myrnohrad" and w < 37.26 < e and s < 48.30 < n and e - w < 0.3
