"""The Ukrainian interface: under the "uk" translator every menu, dock and dialog reads in
Ukrainian (proper names, units and the project's own data excepted); "en" keeps English; only a
Ukrainian locale picks Ukrainian by itself; the committed translation is complete."""
from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QDialog, QDockWidget, QGroupBox,
                               QHeaderView, QLabel, QMenu, QPushButton, QTabBar, QTreeWidget, QWidget)

from desktop.resources import resource
from desktop.storage.project.projectfile import close_project, open_project
from desktop.ui import i18n
from desktop.ui.app import SAMPLE
from desktop.ui.window.main_window import MainWindow

# Words that read the same in a Ukrainian interface: proper names, formats, units, keys.
ALLOWED = {
    "Frontline", "GeoJSON", "KML", "KMZ", "GeoPackage", "Shapefile", "CSV", "MP4", "GIF", "PNG", "SVG",
    "PDF", "JPEG", "WebP", "MBTiles", "URL", "MGRS", "DMS", "OpenStreetMap", "ODbL", "Natural", "Earth",
    "DejaVu", "Sans", "Bitstream", "Vera", "CC", "BY", "SA", "DeepState", "DeepStateMap", "live", "Qt",
    "Ctrl", "Shift", "Alt", "Esc", "Enter", "Home", "End", "Backspace", "Delete", "Space", "Python",
    "resources", "icons", "https", "http", "km", "ua_control", "new_status_key", "assessed", "claim",
    "annotation", "The", "Kyiv", "Independent", "prj", "aux", "xml", "mbtiles", "png", "jpg", "jpeg",
    "txt", "gif", "webp", "pdf", "Pokrovsk", "Myrnohrad", "Shybankova", "Minregion", "PySide6",
    "OK",  # Qt's own Ukrainian translation keeps it
    "English",  # each language is named in itself in View ▸ Language
}


def _project_data(project) -> list[str]:
    """Texts that come from the project (names, labels, quotes...): never translated."""
    out = [project.info.title, project.info.subtitle, project.info.organisation, project.info.licence]
    out += [z.name for z in project.zones.values()]
    out += [a.name for a in project.assessments.values()]
    out += [a.credit for a in project.assessments.values()] + [a.licence for a in project.assessments.values()]
    out += [s.label for s in project.legend.values()] + [s.key for s in project.legend.values()]
    out += [s.outlet for s in project.sources.values()] + [s.title for s in project.sources.values()]
    out += [q.text for q in project.quotes.values()] + [q.speaker for q in project.quotes.values()]
    out += [o.name for o in project.observations.values()]
    out += [r.name for r in project.rasters.values()]
    if project.storage is not None:
        out += [str(project.storage.path)]
    return sorted({t for t in out if t}, key=len, reverse=True)


def untranslated(text: str, data: list[str]) -> bool:
    """True when `text` still holds English words once data, names and units are set aside."""
    t = text.replace("&&", "&").replace("&", "")
    if re.search("[А-Яа-яІіЇїЄєҐґ]", t) and not re.search(r"\b[A-Za-z]{4,}\b", _strip(t, data)):
        return False
    rest = _strip(t, data)
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z_]+", rest) if w not in ALLOWED]
    return bool(words)


def _strip(t: str, data: list[str]) -> str:
    """`t` without the data in it (whole words only: a short key must not cut a word in two)."""
    for d in data:
        t = re.sub(rf"(?<!\w){re.escape(d)}(?!\w)", " ", t)
    return re.sub(r"\S+\.(gpkg|geojson|json|kml|png|mp4|gif)\b", " ", t)  # file names


def texts_of(widget: QWidget) -> list[tuple[str, str]]:
    """(where, text) for the user-visible texts of `widget` and its children."""
    out = []
    if isinstance(widget, (QDialog, QDockWidget)):
        out.append((f"{type(widget).__name__} title", widget.windowTitle()))
    for w in widget.findChildren(QLabel):
        if w.text() and not w.text().startswith("<"):
            out.append((f"label in {type(widget).__name__}", w.text()))
    for w in widget.findChildren(QAbstractButton):
        if isinstance(w, (QPushButton, QCheckBox)) and w.text():
            out.append((f"button in {type(widget).__name__}", w.text()))
    for w in widget.findChildren(QGroupBox):
        out.append((f"group in {type(widget).__name__}", w.title()))
    for w in widget.findChildren(QTabBar):
        out += [(f"tab in {type(widget).__name__}", w.tabText(i)) for i in range(w.count())]
    for w in widget.findChildren(QTreeWidget):
        h = w.headerItem()
        out += [(f"header in {type(widget).__name__}", h.text(i)) for i in range(h.columnCount())
                if not w.isHeaderHidden()]
    for w in widget.findChildren(QHeaderView):
        model = w.model()
        if model is None or w.isHidden():
            continue
        from PySide6.QtCore import Qt
        orientation = w.orientation()
        n = model.columnCount() if orientation == Qt.Horizontal else 0
        out += [(f"column in {type(widget).__name__}", str(model.headerData(i, orientation) or ""))
                for i in range(n)]
    for w in widget.findChildren(QWidget):
        tip = w.toolTip()
        if tip and not tip.startswith("<"):
            out.append((f"tooltip of {type(w).__name__} in {type(widget).__name__}", tip))
    return [(where, text) for where, text in out if text]


def menu_texts(menu: QMenu, path: str = "") -> list[tuple[str, str]]:
    menu.aboutToShow.emit()  # Open Recent fills itself as it opens
    out = [(f"menu {path}", menu.title())]
    for a in menu.actions():
        if a.isSeparator():
            continue
        if a.menu() is not None:
            out += menu_texts(a.menu(), f"{path} ▸ {a.menu().title()}")
        else:
            out.append((f"action in {path or menu.title()}", a.text()))
            if a.toolTip() and a.toolTip() != a.text().replace("&", ""):
                out.append((f"tip of {a.text()}", a.toolTip()))
    return out


@pytest.fixture
def ukrainian(qapp):
    assert i18n.install_translator(qapp, "uk") == "uk"
    yield
    i18n.remove_translators(qapp)
    assert i18n.current_language() == "en"


@pytest.fixture
def sample(tmp_path):
    path = tmp_path / "sample.gpkg"
    shutil.copyfile(SAMPLE, path)
    return path


def _window(qtbot, path):
    w = MainWindow(open_project(path), path, restore_layout=False)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    return w


def _dialogs(w) -> list[QDialog]:
    """Every dialog that can be made without blocking, on the window's project."""
    from desktop.ui.dialogs.assessment_properties import AssessmentProperties
    from desktop.ui.dialogs.goto import FindPlaceDialog
    from desktop.ui.dialogs.import_options import ImportDialog
    from desktop.ui.dialogs.legend_editor import LegendEditor
    from desktop.ui.dialogs.media_export import ImageExportDialog, ReplayExportDialog
    from desktop.ui.dialogs.project_properties import ProjectProperties
    from desktop.ui.evidence.quote_dialog import QuoteDialog
    from desktop.ui.evidence.sources_dialog import SourceDialog
    p = w.project
    source_id = next(iter(p.sources))
    quote_id = next(iter(p.quotes))
    return [
        ProjectProperties(p.info, w),
        AssessmentProperties(next(iter(p.assessments.values())), w),
        ImportDialog(w, ["a.geojson", "b.geojson", "c.geojson", "d.geojson"]),
        LegendEditor(p, w),
        ImageExportDialog(w),
        ReplayExportDialog(w),
        FindPlaceDialog(w, search=lambda text: []),
        SourceDialog(p, w.stack, None, w),
        SourceDialog(p, w.stack, source_id, w),
        QuoteDialog(p, w.stack, quote_id=quote_id, parent=w),
        QuoteDialog(p, w.stack, source_id=source_id, parent=w),
    ]


def test_every_window_dock_menu_and_dialog_reads_in_ukrainian(qtbot, ukrainian, sample):
    w = _window(qtbot, sample)
    try:
        data = _project_data(w.project)
        found: list[tuple[str, str]] = []
        for a in w.menuBar().actions():
            found += menu_texts(a.menu(), a.menu().title())
        for bar in w.findChildren(__import__("PySide6.QtWidgets", fromlist=["QToolBar"]).QToolBar):
            found.append(("toolbar", bar.windowTitle()))
            found += [(f"toolbar {bar.windowTitle()}", a.toolTip()) for a in bar.actions() if a.toolTip()]
        # Every dock, the lazily made ones brought to the front so their panels exist.
        for dock in w.findChildren(QDockWidget):
            dock.show()
            dock.raise_()
            qtbot.wait(1)
        for name in ("sources", "changes", "compare"):
            w._panel(name)
        for dock in w.findChildren(QDockWidget):
            found += texts_of(dock)
        # A zone selected: the inspector's fields and the evidence panel's groups.
        zone = next(z for z in w.project.zones.values() if w.project.version_at(z.id, w.cursor.date))
        w.selection.set([zone.id])
        qtbot.wait(1)
        found += texts_of(w.inspector_dock) + texts_of(w.evidence_dock)
        found += [("status bar", w.statusBar().currentMessage())]
        found += texts_of(w.statusBar())
        for dlg in _dialogs(w):
            found += texts_of(dlg)
            dlg.deleteLater()
        assert len(found) > 300  # the walk reached the whole interface
        bad = sorted({(where, text) for where, text in found if untranslated(text, data)})
        assert not bad, "untranslated:\n" + "\n".join(f"{where}: {text!r}" for where, text in bad)
        # Month names on the chart's date axis follow the language.
        from desktop.ui.timeline.area_chart import DAY_S, to_x
        axis = w.timeline.chart.net_plot.getAxis("bottom")
        assert axis.tickStrings([to_x(date(2025, 9, 1))], 1.0, round(30.44 * DAY_S)) == ["вер 2025"]
    finally:
        close_project(w.project)


def test_english_setting_keeps_english(qtbot, qapp, sample):
    assert i18n.install_translator(qapp, "en") == "en"
    w = _window(qtbot, sample)
    try:
        titles = [a.text() for a in w.menuBar().actions()]
        assert titles[:2] == ["&File", "&Edit"]
        assert w.inspector_dock.windowTitle() == "Inspector"
        assert w.actions.languages["en"].isChecked()
        assert not untranslated("Шари та легенда", [])
        assert untranslated("Layers && legend", [])
    finally:
        close_project(w.project)


def test_only_a_ukrainian_locale_picks_ukrainian(monkeypatch):
    monkeypatch.delenv("FRONTLINE_LANGUAGE", raising=False)
    for name, expected in (("C", "en"), ("en_GB", "en"), ("de_DE", "en"), ("ru_RU", "en"),
                           ("uk_UA", "uk"), ("uk", "uk")):
        monkeypatch.setattr(QLocale, "system", staticmethod(lambda n=name: QLocale(n)))
        assert i18n.chosen_language("") == expected, name
    assert i18n.chosen_language("en") == "en" and i18n.chosen_language("uk") == "uk"
    monkeypatch.setenv("FRONTLINE_LANGUAGE", "uk")
    assert i18n.chosen_language("") == "uk"
    assert i18n.chosen_language("en") == "en"  # the Settings choice wins


def test_language_choice_is_stored_for_the_next_start(qtbot, qapp, sample):
    from desktop.ui.window import settings
    i18n.remove_translators(qapp)
    w = _window(qtbot, sample)
    try:
        w.actions.languages["uk"].trigger()
        assert settings.value("language") == "uk"
        assert i18n.chosen_language() == "uk"
        assert i18n.current_language() == "en"  # applies on restart
        w.actions.languages["en"].trigger()
        assert i18n.chosen_language() == "en"
    finally:
        close_project(w.project)


def test_tests_run_in_english_by_default(qapp):
    assert QCoreApplication.translate("", "&File") == "&File"


def test_the_committed_translation_is_complete_and_built():
    ts = resource("translations", "frontline_uk.ts")
    qm = resource("translations", "frontline_uk.qm")
    assert qm.stat().st_size > 10_000
    root = ET.parse(ts).getroot()
    messages = list(root.iter("message"))
    assert len(messages) > 500
    unfinished = [m.findtext("source") for m in messages
                  if m.find("translation").get("type") in ("unfinished", "obsolete")
                  or not (m.findtext("translation") or "").strip()]
    assert not unfinished
    for m in messages:  # every {placeholder} survives translation
        src, tr = m.findtext("source"), m.findtext("translation")
        assert set(re.findall(r"\{\w+\}", src)) == set(re.findall(r"\{\w+\}", tr)), src


def test_qt_standard_dialogs_are_ukrainian_too(qapp, ukrainian):
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") != "Cancel"
    assert QApplication.translate("QPlatformTheme", "&Yes") != "&Yes"


def test_the_ukrainian_guide_is_bundled_and_opened_in_ukrainian(qtbot, qapp, ukrainian):
    from html.parser import HTMLParser

    from desktop.ui.dialogs import help as help_dialogs
    page = resource("help", "guide_uk.html")
    refs, ids = [], set()

    class Links(HTMLParser):
        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            refs.extend(v for k, v in attrs if k == "href" and v)
            ids.update(v for k, v in a.items() if k in ("id", "name") and v)

    Links().feed(page.read_text(encoding="utf-8"))
    assert refs and all(r.startswith("#") and r[1:] in ids for r in refs)  # offline, self-contained
    assert "Десятихвилинний посібник" in page.read_text(encoding="utf-8")
    dlg = help_dialogs.user_guide(None)
    qtbot.addWidget(dlg)
    assert dlg.windowTitle() == "Посібник користувача"
    assert dlg.browser.source().fileName() == "guide_uk.html"


# -- messages composed in the Qt-free core (labels, hints, refusals, questions) ----------------

EDIT_DAY = date(2025, 11, 24)
# Corners inside and around the sample's contested "Northern Pokrovsk".
CORNERS = [(37.15, 48.295), (37.20, 48.295), (37.20, 48.325), (37.15, 48.325)]


def _click(qtbot, canvas, lon, lat, double=False):
    from PySide6.QtCore import Qt
    pos = canvas.lonlat_to_widget(lon, lat).toPoint()
    qtbot.mouseMove(canvas.viewport(), pos)
    qtbot.mousePress(canvas.viewport(), Qt.LeftButton, pos=pos)
    qtbot.mouseRelease(canvas.viewport(), Qt.LeftButton, pos=pos)
    if double:
        qtbot.mouseDClick(canvas.viewport(), Qt.LeftButton, pos=pos)


def _start_drawing(w, status: str) -> None:
    w.cursor.set_date(EDIT_DAY)
    w.canvas.zoom_to_bbox_lonlat(37.10, 48.27, 37.25, 48.34)
    w.editing.status.setCurrentIndex(w.editing.status.findData(status))
    w.editing.status.activated.emit(w.editing.status.currentIndex())
    w.set_tool("draw_polygon")


def _english(w, texts: list[tuple[str, str]], names: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    data = sorted(set(_project_data(w.project)) | set(names), key=len, reverse=True)
    return [(where, text) for where, text in texts if not text or untranslated(text, data)]


def test_an_edit_in_the_window_reads_in_ukrainian(qtbot, ukrainian, sample, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    w = _window(qtbot, sample)
    try:
        seen: list[tuple[str, str]] = []
        _start_drawing(w, "ru_control")
        seen.append(("tool hint", w.status.currentMessage()))
        for lon, lat in CORNERS[:3]:
            _click(qtbot, w.canvas, lon, lat)
        preview = w.status.currentMessage()
        assert "Northern Pokrovsk" in preview  # "Will cut …", in Ukrainian
        seen.append(("clip preview", preview))
        before = {z.name for z in w.project.zones.values()}
        _click(qtbot, w.canvas, *CORNERS[3], double=True)
        drawn = tuple({z.name for z in w.project.zones.values()} - before)
        assert drawn and drawn[0].startswith("Зона ")  # a new zone's name is in the language too
        done = w.status.currentMessage()
        assert "2025-11-24" in done and "Northern Pokrovsk (−" in done and "км²" in done
        seen.append(("status after the edit", done))
        assert w.stack.can_undo()
        seen.append(("Undo menu", w.actions.undo.text()))
        history = w.history_dock.list
        seen += [("history", history.item(i).text()) for i in range(history.count())]
        seen += [("history tip", history.item(i).toolTip()) for i in range(1, history.count())]
        w.undo()
        seen.append(("undone", w.status.currentMessage()))
        seen.append(("Redo menu", w.actions.redo.text()))
        seen += [("history", history.item(i).text()) for i in range(history.count())]

        # Drawing over a zone of the same status: the question and its buttons.
        asked: list[tuple[str, str]] = []

        def exec_(box):
            asked.append(("Offer question", box.text()))
            asked.extend(("Offer choice", b.text()) for b in box.buttons())
            return 0  # nothing clicked: Cancel
        monkeypatch.setattr(QMessageBox, "exec", exec_)
        _start_drawing(w, "contested")
        for lon, lat in CORNERS[:3]:
            _click(qtbot, w.canvas, lon, lat)
        _click(qtbot, w.canvas, *CORNERS[3], double=True)
        assert len(asked) == 4 and "Northern Pokrovsk" in asked[0][1]  # question, 2 choices, Cancel
        seen += asked

        # Refused edits: one zone is not enough to merge; a split line that crosses no zone.
        zone = next(z for z in w.project.zones.values() if w.project.version_at(z.id, EDIT_DAY))
        w.selection.set([zone.id])
        steps = w.stack.index
        w.merge_selection()
        refused = w.status.currentMessage()
        assert refused and w.stack.index == steps
        seen.append(("refused merge", refused))
        w.set_tool("split_zone")
        _click(qtbot, w.canvas, 37.11, 48.339)
        _click(qtbot, w.canvas, 37.112, 48.339, double=True)
        seen.append(("refused split", w.status.currentMessage()))
        bad = _english(w, seen, drawn)
        assert not bad, "untranslated:\n" + "\n".join(f"{where}: {text!r}" for where, text in bad)
    finally:
        close_project(w.project)


def test_a_refusal_in_the_inspector_reads_in_ukrainian(qtbot, ukrainian, sample):
    from desktop.model.edits import set_version_dates
    w = _window(qtbot, sample)
    try:
        zone = next(z for z in w.project.zones.values() if w.project.version_at(z.id, EDIT_DAY))
        v = w.project.version_at(zone.id, EDIT_DAY)
        w.selection.set([zone.id])
        qtbot.wait(1)
        # The inspector's dates edit, refused by the model ('valid to' before 'valid from').
        w.inspector._emit(lambda: set_version_dates(w.project, v.id, EDIT_DAY, date(2020, 1, 1)))
        text = w.status.currentMessage()
        assert zone.name in text and "2020-01-01" in text
        assert not _english(w, [("inspector refusal", text)]), text
    finally:
        close_project(w.project)
