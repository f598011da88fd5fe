"""View menu work: zoom to the area of interest, a layer or the selection; go to typed
coordinates (decimal, DMS or MGRS); find a place by name."""
from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Callable

import mgrs
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QVBoxLayout)
from shapely import union_all

from desktop.ui.i18n import QT_TR_NOOP, tr
from desktop.storage.gazetteer import Place, search
from desktop.model import record_commands as records

if TYPE_CHECKING:
    from desktop.ui.window.api import WindowApi

BBox = tuple[float, float, float, float]
POINT_SPAN = 0.03  # degrees around a point we go to: about a town's width


# -- coordinates ------------------------------------------------------------------------------
class CoordinateError(ValueError):
    pass


_DMS = re.compile(r"""(?P<h1>[NSEW])?\s*(?P<d>\d+(?:\.\d+)?)\s*[°d:\s]\s*(?:(?P<m>\d+(?:\.\d+)?)\s*['′m:\s]?\s*)?
                      (?:(?P<s>\d+(?:\.\d+)?)\s*(?:["″s]|'')?\s*)?(?P<h2>[NSEW])?""", re.X | re.I)


def _dms_value(text: str) -> tuple[float, str]:
    m = _DMS.fullmatch(text.strip())
    if not m:
        raise CoordinateError(f"cannot read {text!r} as degrees, minutes, seconds")
    v = float(m["d"]) + float(m["m"] or 0) / 60 + float(m["s"] or 0) / 3600
    hemi = (m["h1"] or m["h2"] or "").upper()
    return (-v if hemi in ("S", "W") else v), hemi


def parse_coordinates(text: str) -> tuple[float, float]:
    """(lon, lat) from '48.28, 37.18' (lat first), '48°16′48″N 37°10′48″E' or an MGRS string."""
    t = text.strip().replace(",", " ").replace(";", " ")
    compact = re.sub(r"\s+", "", text).upper()
    if re.fullmatch(r"\d{1,2}[C-X][A-Z]{2}\d{2,10}", compact):
        try:
            lat, lon = mgrs.MGRS().toLatLon(compact)
        except Exception as e:
            raise CoordinateError(f"not a valid MGRS reference: {text.strip()}") from e
        return float(lon), float(lat)
    nums = re.fullmatch(r"\s*(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)\s*", t)
    if nums:
        a, b = float(nums[1]), float(nums[2])
        lat, lon = (b, a) if abs(a) > 90 >= abs(b) else (a, b)  # lat first unless that cannot be
    else:
        parts = re.findall(r"[NSEW]?\s*[\d.]+\s*[°d]\s*(?:[\d.]+\s*['′m]?\s*)?(?:[\d.]+\s*(?:[\"″s]|'')?\s*)?[NSEW]?",
                           text, re.I)
        if len(parts) != 2:
            raise CoordinateError("type 'lat, lon' in decimal degrees, DMS (48°16′48″N 37°10′48″E) or MGRS")
        (v1, h1), (v2, h2) = _dms_value(parts[0]), _dms_value(parts[1])
        lat, lon = (v2, v1) if h1 in ("E", "W") or h2 in ("N", "S") else (v1, v2)
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise CoordinateError("latitude must be within ±90° and longitude within ±180°")
    return lon, lat


def around(lon: float, lat: float, span: float = POINT_SPAN) -> BBox:
    k = span / max(0.2, math.cos(math.radians(lat)))
    return (lon - k, lat - span / 2, lon + k, lat + span / 2)


# -- places -----------------------------------------------------------------------------------
def search_places(query: str, limit: int = 30) -> list[Place]:
    """Places answering to the query, Latin or Cyrillic, look-alike letters folded (gazetteer)."""
    return search(query, limit)


# -- zooming ----------------------------------------------------------------------------------
def zoom_to(window: "WindowApi", bbox: BBox | None, what: str) -> bool:
    if bbox is None:
        window.message(tr("Nothing to zoom to: {what}").format(what=tr(what)))
        return False
    w, s, e, n = bbox
    if e - w < 1e-4 and n - s < 1e-4:  # a point: show its surroundings
        bbox = around((w + e) / 2, (s + n) / 2)
    window.canvas.zoom_to_bbox_lonlat(bbox)
    return True


def _bounds(geoms) -> BBox | None:
    geoms = [g for g in geoms if g is not None and not g.is_empty]
    return tuple(union_all(geoms).bounds) if geoms else None


def zoom_to_aoi(window: "WindowApi") -> bool:
    aoi = window.project.info.aoi
    if aoi is None:
        aoi = _bounds(v.geometry for v in window.project.versions.values())
    return zoom_to(window, aoi, QT_TR_NOOP("the project has no area of interest and no zones"))


def zoom_to_layer(window: "WindowApi") -> bool:
    p, aid = window.project, window.context.assessment_id
    return zoom_to(window, _bounds(v.geometry for v in p.versions.values()
                                   if p.zones[v.zone_id].assessment_id == aid),
                   QT_TR_NOOP("the assessment being edited has no zones"))


def zoom_to_selection(window: "WindowApi") -> bool:
    p, d = window.project, window.cursor.date
    geoms = []
    for zid in window.selection:
        if zid in p.zones:
            v = p.version_at(zid, d) or next(iter(p.versions_of(zid)), None)
            geoms.append(v.geometry if v else None)
        elif zid in p.observations:
            geoms.append(p.observations[zid].geometry)
    return zoom_to(window, _bounds(geoms), QT_TR_NOOP("nothing is selected"))


def set_aoi_from_view(window: "WindowApi") -> bool:
    bbox = window.canvas.view_bbox_lonlat()
    return window.push(records.set_info(window.project, aoi=tuple(round(c, 6) for c in bbox)))


# -- dialogs ----------------------------------------------------------------------------------
def ask_coordinates(window) -> str | None:
    from PySide6.QtWidgets import QInputDialog
    text, ok = QInputDialog.getText(window, tr("Go to coordinates"),
                                    tr("Latitude, longitude (48.2833, 37.1750), DMS (48°17′N 37°10′30″E) or MGRS:"))
    return text if ok and text.strip() else None


def go_to_coordinates(window: "WindowApi", text: str | None = None) -> bool:
    text = text if text is not None else ask_coordinates(window)
    if not text:
        return False
    try:
        lon, lat = parse_coordinates(text)
    except CoordinateError as e:
        window.message(str(e))
        return False
    window.status.set_position(lon, lat)
    return zoom_to(window, around(lon, lat), "")


class FindPlaceDialog(QDialog):
    def __init__(self, window, search: Callable[[str], list] = search_places) -> None:
        super().__init__(window)
        self.setWindowTitle(tr("Find place"))
        self.search = search
        self.query = QLineEdit(self)
        self.query.setPlaceholderText(tr("Town, village, hromada… (Latin or Cyrillic)"))
        self.results = QListWidget(self)
        self.note = QLabel(self)
        self.note.setTextFormat(Qt.PlainText)
        self.query.textChanged.connect(self._search)
        self.results.itemActivated.connect(lambda item: self.accept())
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        for w in (self.query, self.results, self.note, buttons):
            lay.addWidget(w)
        self.resize(380, 420)

    def _search(self, text: str) -> None:
        self.results.clear()
        for place in self.search(text):
            item = QListWidgetItem(f"{place.label}  ·  {place.kind}")  # plain text in a list item
            item.setData(Qt.UserRole, place)
            self.results.addItem(item)
        self.results.setCurrentRow(0)
        self.note.setText("" if self.results.count() or not text.strip() else tr("No place of that name"))

    def chosen(self) -> Place | None:
        item = self.results.currentItem()
        return item.data(Qt.UserRole) if item else None


def go_to_place(window: "WindowApi", place: Place) -> bool:
    """Zoom to the place's outline (a little margin), or around its point."""
    if place.bbox is not None:
        w, s, e, n = place.bbox
        mx, my = (e - w) * 0.15, (n - s) * 0.15
        return zoom_to(window, (w - mx, s - my, e + mx, n + my), place.name)
    return zoom_to(window, around(place.lon, place.lat, 0.08), place.name)


def find_place(window: "WindowApi") -> bool:
    dlg = FindPlaceDialog(window)
    if dlg.exec() and dlg.chosen():
        return go_to_place(window, dlg.chosen())
    return False
