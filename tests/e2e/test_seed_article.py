"""The seed article end to end, through the real window (issue #14, "Done when").

The analyst reads the Kyiv Independent's "Pokrovsk in Russia's grip…" and maps what it says of
northern Pokrovsk: a contested zone north of the railway, its southern edge traced along the
railway (T), dated 2025-11-24 in the inspector; one quote that supports it (the Kyiv
Independent: the area above the railway has proved difficult for Russian troops to dig into)
and one that contradicts it (the Kremlin: Pokrovsk was taken); a reshape on 2025-12-01 and a
confidence change on 2025-12-08. Every date is typed, every edit made with the mouse and the
keyboard on the real widgets, each on its own "today" (`recorded_on`).

Then: three versions, each with both quotes and its own `recorded_on`; no neighbour left with a
sliver; the file on disk holds the same; File ▸ Export (GeoJSON, whole history) shows it all;
and undo takes the project back to where it started.
"""
from __future__ import annotations

import json
from datetime import date

import numpy as np
import pytest
import shapely
from pyproj import Transformer
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from shapely.geometry import LineString, Point, shape
from shapely.ops import substring

import desktop.model.clock as clock
from desktop.model.slivers import is_sliver
from desktop.storage.basemap_lines import BasemapLines
from desktop.storage.project.projectfile import close_project, open_project
from desktop.ui.dialogs import file_menu
from support.sample_window import sample_window

NAME = "Pokrovsk north of the railway"
NOV24, NOV25, DEC1, DEC8 = date(2025, 11, 24), date(2025, 11, 25), date(2025, 12, 1), date(2025, 12, 8)
# The day each step is recorded on: the analyst maps a day or so after the fact.
DRAWN_ON, RESHAPED_ON, RESTATED_ON = date(2025, 11, 25), date(2025, 12, 2), date(2025, 12, 9)
SUPPORTS = "q-dig-in"  # Kyiv Independent: "the area above the railway line has proved difficult…"
CONTRADICTS = "q-putin"  # Kremlin: Putin's claim that Pokrovsk (the whole city) was taken
POKROVSK = (37.10, 48.25, 37.25, 48.32)
UTM37 = Transformer.from_crs("EPSG:4326", "EPSG:32637", always_xy=True)


def metres(g):
    """`g` in UTM zone 37N metres, so distances are on the ground."""
    return shapely.transform(g, lambda xy: np.column_stack(UTM37.transform(xy[:, 0], xy[:, 1])))


# -- the analyst's hands ----------------------------------------------------------------------
def pos(canvas, lon: float, lat: float) -> QPoint:
    return canvas.lonlat_to_widget(lon, lat).toPoint()


def click(qtbot, canvas, lon: float, lat: float, double: bool = False) -> None:
    p, vp = pos(canvas, lon, lat), canvas.viewport()
    qtbot.mouseMove(vp, p)
    qtbot.mousePress(vp, Qt.LeftButton, Qt.NoModifier, p)
    qtbot.mouseRelease(vp, Qt.LeftButton, Qt.NoModifier, p)
    if double:
        qtbot.mouseDClick(vp, Qt.LeftButton, Qt.NoModifier, p)


def look_at(canvas, lon: float, lat: float, half: float) -> None:
    """Zoom the map to a box `half` degrees of longitude either side of a point (the wheel)."""
    canvas.zoom_to_bbox_lonlat((lon - half, lat - half / 1.5, lon + half, lat + half / 1.5))
    QApplication.processEvents()


def type_into(qtbot, field, text: str) -> None:
    """Click in, select what is there, type, press Enter."""
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key_Return)


def key_on_map(qtbot, w, key) -> None:
    """A key pressed over the map (the window is the active one again after a dialog)."""
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=2000)
    w.canvas.setFocus()
    qtbot.keyClick(w.canvas, key)


def type_date(qtbot, w, text: str, want: date) -> None:
    type_into(qtbot, w.timeline.bar.date_edit, text)
    assert w.cursor.date == want and w.inspector.when == want and w.evidence.when == want


def answer_next_box(qtbot, button_text: str, seen: list[tuple[str, str]]) -> None:
    """When the next modal message box opens, note its question and press the button whose
    text starts with `button_text`, as the analyst would (no such button: Cancel, noted as
    ("", question) for the test to fail on; a box must never be left open)."""
    def answer(tries: int = 0) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            if tries < 300:
                QTimer.singleShot(10, lambda: answer(tries + 1))
            return
        buttons = [b for b in box.buttons() if b.text().startswith(button_text)]
        if len(buttons) != 1:
            seen.append(("", box.text()))
            box.reject()
            return
        seen.append((buttons[0].text(), box.text()))
        qtbot.mouseClick(buttons[0], Qt.LeftButton)
    QTimer.singleShot(0, answer)


# -- what is checked --------------------------------------------------------------------------
def sliver_parts(project) -> set[bytes]:
    """Every polygon part of every version that is a sliver, normalised (so an untouched part
    compares equal however a clip ordered its neighbours' coordinates)."""
    out = set()
    for v in project.versions.values():
        for part in shapely.get_parts(v.geometry):
            if part.geom_type == "Polygon" and is_sliver(part):
                out.add(shapely.normalize(part).wkb)
    return out


def versions_said(project, zid: str) -> list[tuple]:
    """What each version of the zone says, with the quotes behind it and their stances."""
    out = []
    for v in project.versions_of(zid):
        links = sorted((e.quote_id, e.stance) for e in project.evidence_for(v.id))
        out.append((v.valid_from, v.valid_to, v.status, v.confidence, v.recorded_on, links))
    return out


@pytest.fixture
def win(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: DRAWN_ON)
    yield from sample_window(qtbot, tmp_path)


@pytest.fixture(scope="module")
def railway() -> LineString:
    """The main railway through Pokrovsk (the longest stretch of it in the basemap)."""
    return max(BasemapLines(layers=("rail_main",)).near(POKROVSK), key=lambda g: len(g.coords))


def test_the_seed_article_mapped_through_the_window(qtbot, win, railway, monkeypatch, tmp_path):
    w, p = win, win.project
    canvas, ins, ev = w.canvas, w.inspector, w.evidence
    start = p.snapshot()
    slivers_before = sliver_parts(p)
    northern = next(z.id for z in p.zones.values() if z.name == "Northern Pokrovsk")
    assert p.version_at(northern, NOV24).status == "contested"

    # 1. The day the analyst maps (the day after the week's step), typed into the timeline's date box.
    type_date(qtbot, w, "2025-11-25", NOV25)

    # 2. Draw polygon (P), New zone: Contested (the keyboard on the toolbar's combo), tracing (T).
    key_on_map(qtbot, w, Qt.Key_P)
    assert canvas.tool.name == "draw_polygon"
    status = w.editing.status
    status.setFocus()
    for _ in range(status.count()):
        if status.currentData() == "contested":
            break
        qtbot.keyClick(status, Qt.Key_Down)
    assert status.currentData() == "contested" and w.context.status == "contested"
    assert not w.actions.tracing.isChecked()
    key_on_map(qtbot, w, Qt.Key_T)
    assert w.actions.tracing.isChecked() and w.context.tracing

    # Two clicks on the railway, far enough from the zones' edges that they land on the rails
    # (zoomed in to each: the pointer snaps to zones within 10 px first), then tracing off (T)
    # and two corners in the north; a double-click ends the zone.
    rail = list(railway.coords)
    east, west = rail[11], rail[40]  # some 3.3 km apart, east to west
    look_at(canvas, *east, 0.004)
    click(qtbot, canvas, *east)
    look_at(canvas, *west, 0.004)
    click(qtbot, canvas, *west)
    assert len(canvas.tool.vertices) > 20, "the railway was not traced"
    key_on_map(qtbot, w, Qt.Key_T)
    assert not w.context.tracing
    look_at(canvas, 37.14, 48.298, 0.032)
    nw, ne = (west[0] + 0.001, 48.3045), (east[0], 48.3045)
    click(qtbot, canvas, *nw)
    asked: list[tuple[str, str]] = []
    answer_next_box(qtbot, "New zone", asked)
    click(qtbot, canvas, *ne, double=True)
    qtbot.waitUntil(lambda: len(asked) == 1, timeout=5000)
    # Drawn over the sample's contested "Northern Pokrovsk": asked whether to add to it, or to
    # draw a separate zone that cuts it (the answer).
    button, question = asked[0]
    assert "Northern Pokrovsk" in question and "same status" in question
    assert button == "New zone (cuts Northern Pokrovsk)"
    assert "clipped Northern Pokrovsk" in w.status.currentMessage()
    new = [z for z in p.zones if z not in start["zones"]]
    assert len(new) == 1, w.status.currentMessage()
    zid = new[0]
    assert w.selection.ids == (zid,)
    (v1,) = p.versions_of(zid)
    assert (v1.valid_from, v1.valid_to, v1.status, v1.recorded_on) == (NOV25, None, "contested", DRAWN_ON)
    assert northern in p.zones  # cut, not merged

    # The southern edge follows the railway between the two clicks: within a few metres all
    # along, and on the railway's own vertices wherever no other zone's edge runs close to it
    # (where one does, the crumbs between the two went to the new zone: no slivers).
    between = substring(railway, railway.project(Point(east)), railway.project(Point(west)))
    assert v1.geometry.geom_type == "Polygon", v1.geometry.geom_type
    ring = v1.geometry.exterior
    edge = LineString([c for c in ring.coords if Point(c).distance(between) < 1e-4])
    assert metres(edge).hausdorff_distance(metres(between)) < 5.0
    others = metres(shapely.union_all([v.geometry.boundary for v in start["versions"].values()
                                       if v.valid_on(NOV25)]))  # the sample's zones, before
    clear = [c for c in between.coords if metres(Point(c)).distance(others) > 10.0]
    assert len(clear) >= len(between.coords) // 2
    assert set(clear) <= set(ring.coords)

    # 3. Name and dates, typed in the inspector.
    first_name = p.zones[zid].name  # "Zone 10": the draw tool's name until the analyst types one
    assert ins.title.text() == first_name
    type_into(qtbot, ins.name, NAME)
    assert p.zones[zid].name == NAME and ins.title.text() == NAME
    assert ins.valid_from.text() == "2025-11-25" and ins.valid_to.text() == ""
    assert ins.valid_to.placeholderText() == "still valid"
    type_into(qtbot, ins.valid_from, "24.11.2025")  # European form: shown ISO
    type_into(qtbot, ins.valid_to, "still valid")  # the open end, typed: stays open
    assert ins.valid_from.text() == "2025-11-24" and ins.valid_to.text() == ""
    assert ins.valid_from.error == "" and ins.valid_to.error == ""
    (v1,) = p.versions_of(zid)
    assert (v1.valid_from, v1.valid_to, v1.recorded_on) == (NOV24, None, DRAWN_ON)

    # 4. The quotes, picked in the Evidence panel and linked with its buttons.
    for quote, stance in ((SUPPORTS, "supports"), (CONTRADICTS, "contradicts")):
        picker = ev.quote_picker
        picker.setCurrentIndex(picker.findData(quote))
        assert ev.current_quote() == quote
        qtbot.mouseClick(ev.link_buttons[stance], Qt.LeftButton)
    assert ev.target_id == v1.id
    assert [e.item.quote.id for e in ev.entries("supports")] == [SUPPORTS]
    assert [e.item.quote.id for e in ev.entries("contradicts")] == [CONTRADICTS]
    assert p.sources[p.quotes[SUPPORTS].source_id].outlet == "Kyiv Independent"
    assert p.quotes[CONTRADICTS].source_id == "src-kremlin"
    assert p.sources["src-kremlin"].title == "Claim that Pokrovsk was taken"

    # 5. Reshape on 2025-12-01 (R): a line out of the northern edge and back onto it.
    monkeypatch.setattr(clock, "today", lambda: RESHAPED_ON)
    type_date(qtbot, w, "2025-12-01", DEC1)
    key_on_map(qtbot, w, Qt.Key_R)
    assert canvas.tool.name == "reshape"
    before = p.version_at(zid, DEC1).geometry
    border = before.exterior
    a = border.interpolate(border.project(Point(37.130, 48.3045)))
    b = border.interpolate(border.project(Point(37.150, 48.3045)))
    assert abs(a.y - 48.3045) < 5e-4 and abs(b.y - 48.3045) < 5e-4  # on the northern edge
    click(qtbot, canvas, a.x, a.y)
    click(qtbot, canvas, a.x, a.y + 0.004)
    click(qtbot, canvas, b.x, b.y + 0.004)
    click(qtbot, canvas, b.x, b.y, double=True)
    v1, v2 = p.versions_of(zid)
    assert v2.geometry.area > before.area * 1.05, w.status.currentMessage()
    assert v2.geometry.contains(Point((a.x + b.x) / 2, a.y + 0.002))
    assert v1.geometry.equals(before)  # the shape before 2025-12-01 is kept

    # 6. Confidence on 2025-12-08, as of the cursor: the inspector says so first.
    monkeypatch.setattr(clock, "today", lambda: RESTATED_ON)
    type_date(qtbot, w, "2025-12-08", DEC8)
    assert ins.scope.text() == "Edits apply from 2025-12-08 (the version since 2025-12-01 ends the day before)."
    assert not ins.correct.isChecked() and ins.confidence.currentText() == "medium"
    qtbot.keyClick(ins.confidence, Qt.Key_Down)
    assert ins.confidence.currentText() == "high"
    assert w.stack.labels()[-1] == f"Set confidence of {NAME} as of 2025-12-08"

    # Three versions, each with both quotes and its own recorded_on.
    both = sorted([(CONTRADICTS, "contradicts"), (SUPPORTS, "supports")])
    said = versions_said(p, zid)
    assert said == [
        (NOV24, DEC1, "contested", "medium", DRAWN_ON, both),
        (DEC1, DEC8, "contested", "medium", RESHAPED_ON, both),
        (DEC8, None, "contested", "high", RESTATED_ON, both),
    ]
    v1, v2, v3 = p.versions_of(zid)
    assert v3.geometry.equals(v2.geometry)
    # The inspector's versions table shows the same.
    rows = [[ins.versions.topLevelItem(i).text(c) for c in (0, 1, 4)] for i in range(ins.versions.topLevelItemCount())]
    assert rows == [["2025-11-24", "2025-12-01", "2025-11-25"], ["2025-12-01", "2025-12-08", "2025-12-02"],
                    ["2025-12-08", "…", "2025-12-09"]]

    # The neighbours: cut, never overlapping, and no clip left a sliver anywhere.
    assessment = p.zones[zid].assessment_id
    for d in (NOV24, NOV25, DEC1, DEC8, date(2025, 12, 15)):
        ours = p.version_at(zid, d).geometry
        for v in p.state_at(d):
            z = p.zones[v.zone_id]
            if v.zone_id == zid or z.assessment_id != assessment or p.tier_of(v.status) != "assessed":
                continue
            assert ours.intersection(v.geometry).area < 1e-10, (d, z.name)
    assert p.version_at(northern, DEC8).geometry.area > 0  # what is left of Northern Pokrovsk
    assert sliver_parts(p) <= slivers_before  # (the sample has none)

    # The file on disk holds the same (read through a second, read-only connection).
    disk = open_project(w.path, read_only=True)
    try:
        assert disk.zones[zid].name == NAME
        assert versions_said(disk, zid) == said
        assert [v.geometry.wkb for v in disk.versions_of(zid)] == [v.geometry.wkb for v in p.versions_of(zid)]
    finally:
        close_project(disk)

    # 7. File ▸ Export…, GeoJSON, the whole history (the question answered with its button).
    out = tmp_path / "history.geojson"
    monkeypatch.setattr(file_menu, "ask_save_path", lambda *a: str(out))
    asked = []
    answer_next_box(qtbot, "Whole history", asked)
    w.actions.export.trigger()
    qtbot.waitUntil(lambda: out.exists() and "history.geojson" in w.status.currentMessage(), timeout=20000)
    assert asked[0][0] == "Whole history"
    assert "only the zones valid on 2025-12-08" in asked[0][1]
    features = [f for f in json.loads(out.read_text(encoding="utf-8"))["features"]
                if f["properties"].get("zone_id") == zid]
    for f, v in zip(features, p.versions_of(zid)):  # the shapes, to the export's 7 decimals
        assert shape(f["geometry"]).hausdorff_distance(v.geometry) < 1e-6
    feats = [f["properties"] for f in features]
    got = [(f["name"], f["valid_from"], f["valid_to"], f["status"], f["confidence"], f["recorded_on"],
            sorted((e["source"], e["quote"], e["stance"]) for e in f["evidence"])) for f in feats]
    quotes = sorted([("Kyiv Independent", p.quotes[SUPPORTS].text, "supports"),
                     (p.sources[p.quotes[CONTRADICTS].source_id].outlet, p.quotes[CONTRADICTS].text,
                      "contradicts")])
    assert got == [
        (NAME, "2025-11-24", "2025-12-01", "contested", "medium", "2025-11-25", quotes),
        (NAME, "2025-12-01", "2025-12-08", "contested", "medium", "2025-12-02", quotes),
        (NAME, "2025-12-08", None, "contested", "high", "2025-12-09", quotes),
    ]

    # 8. Undo everything: the project is as the sample was.
    assert w.stack.labels()[-7:] == [
        f"Draw {first_name}", f"Rename {first_name} to {NAME}", f"Dates of {NAME}: 2025-11-24 – open",
        "Link quote (supports)", "Link quote (contradicts)", f"Reshape {NAME}",
        f"Set confidence of {NAME} as of 2025-12-08"]
    for _ in range(7):
        w.actions.undo.trigger()
    assert not w.actions.undo.isEnabled()
    assert p.snapshot() == start
    disk = open_project(w.path, read_only=True)
    try:
        assert disk.snapshot()["zones"] == start["zones"]
        assert {k: (v.zone_id, v.valid_from, v.valid_to, v.status, v.geometry.wkb)
                for k, v in disk.versions.items()} == {
            k: (v.zone_id, v.valid_from, v.valid_to, v.status, v.geometry.wkb) for k, v in start["versions"].items()}
        assert disk.snapshot()["evidence"] == start["evidence"]
    finally:
        close_project(disk)
