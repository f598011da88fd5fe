"""Help menu: user guide, keyboard shortcuts, About (versions and data attributions).

The guide and shortcuts pages are placeholders that the sample/help work fills; About is
complete because the bundled data's licences require the attributions to be shown.
"""
from __future__ import annotations

import html
import platform
from importlib import metadata

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

ATTRIBUTIONS = (
    "Basemap: © OpenStreetMap contributors (ODbL 1.0)",
    "Administrative boundaries: © Minregion (CC BY-SA 4.0)",
    "Natural Earth (public domain)",
    "Map font: DejaVu Sans (Bitstream Vera licence)",
    "Icons: Material Design Icons via QtAwesome",
)


def versions() -> list[tuple[str, str]]:
    out = [("Frontline", _version("frontline")), ("Python", platform.python_version())]
    for dist in ("PySide6-Essentials", "pyqtgraph", "shapely", "pyproj", "numpy", "pyogrio", "mgrs", "QtAwesome"):
        out.append((dist, _version(dist)))
    from PySide6.QtCore import qVersion
    out.append(("Qt", qVersion()))
    return out


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "—"


def about_text() -> str:
    rows = "".join(f"<tr><td>{html.escape(n)}</td><td>&nbsp;{html.escape(v)}</td></tr>" for n, v in versions())
    attr = "".join(f"<li>{html.escape(a)}</li>" for a in ATTRIBUTIONS)
    return ("<h3>Frontline</h3><p>Dated control zones, their evidence, and week-by-week replay, offline.</p>"
            f"<table>{rows}</table><p><b>Data</b></p><ul>{attr}</ul>")


def _box(window, title: str, text: str) -> QMessageBox:
    box = QMessageBox(QMessageBox.Information, title, text, QMessageBox.Ok, window)
    box.setTextFormat(Qt.RichText)  # our own escaped text only
    box.open()
    return box


def about(window) -> QMessageBox:
    return _box(window, "About Frontline", about_text())


def shortcuts(window) -> QMessageBox:
    rows = []
    for act in window.findChildren(type(window.actions.undo)):
        if act.shortcut().toString() and act.text():
            rows.append((act.text().replace("&", ""), act.shortcut().toString()))
    body = "".join(f"<tr><td>{html.escape(t)}</td><td>&nbsp;&nbsp;<b>{html.escape(k)}</b></td></tr>"
                   for t, k in sorted(set(rows)))
    return _box(window, "Keyboard shortcuts", f"<table>{body}</table>")


def user_guide(window) -> QMessageBox:
    return _box(window, "User guide",
                "<p>The user guide ships with the application and will open here.</p>"
                "<p>Start with the sample project: pick a date on the timeline, select a zone, "
                "read its evidence, then draw with the tools on the toolbar.</p>")
