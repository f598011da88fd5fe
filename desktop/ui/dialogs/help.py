"""Help menu: user guide and keyboard shortcuts (bundled HTML in resources/help, shown
offline), and About with versions and the data attributions the bundled data's licences require.
"""
from __future__ import annotations

import html
import platform
from importlib import metadata

from pathlib import Path
from desktop.resources import resource
from desktop.ui.i18n import QT_TR_NOOP, current_language, tr

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QMessageBox, QTextBrowser, QVBoxLayout

ATTRIBUTIONS = (
    QT_TR_NOOP("Basemap: © OpenStreetMap contributors (ODbL 1.0)"),
    QT_TR_NOOP("Administrative boundaries: © Minregion (CC BY-SA 4.0)"),
    QT_TR_NOOP("Natural Earth (public domain)"),
    QT_TR_NOOP("Map font: DejaVu Sans (Bitstream Vera licence)"),
    QT_TR_NOOP("Icons: drawn for Frontline (resources/icons)"),
)


def versions() -> list[tuple[str, str]]:
    out = [("Frontline", _version("frontline")), ("Python", platform.python_version())]
    for dist in ("PySide6-Essentials", "pyqtgraph", "shapely", "pyproj", "numpy", "pyogrio", "mgrs"):
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
    attr = "".join(f"<li>{html.escape(tr(a))}</li>" for a in ATTRIBUTIONS)
    return ("<h3>Frontline</h3><p>" + html.escape(tr("Dated control zones, their evidence, and week-by-week replay, "
                                                    "offline.")) + "</p>"
            f"<table>{rows}</table><p><b>{html.escape(tr('Data'))}</b></p><ul>{attr}</ul>")


def _box(window, title: str, text: str) -> QMessageBox:
    box = QMessageBox(QMessageBox.Information, title, text, QMessageBox.Ok, window)
    box.setTextFormat(Qt.RichText)  # our own escaped text only
    box.open()
    return box


def about(window) -> QMessageBox:
    box = _box(window, tr("About Frontline"), about_text())
    icon = QApplication.windowIcon()
    if not icon.isNull():
        box.setIconPixmap(icon.pixmap(64, 64))
    return box


HELP_DIR = resource("help")


class HelpBrowser(QDialog):
    """A bundled help page, offline; links to other bundled pages work, nothing is fetched."""

    def __init__(self, window, page: Path, title: str) -> None:
        super().__init__(window)
        self.setWindowTitle(title)
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(False)  # never reach for the network
        self.browser.setSearchPaths([str(HELP_DIR)])
        self.browser.setSource(QUrl.fromLocalFile(str(page)))
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.rejected.connect(self.close)
        lay = QVBoxLayout(self)
        lay.addWidget(self.browser)
        lay.addWidget(buttons)
        self.resize(760, 640)


def _page(window, name: str, title: str, fallback: str):
    page = HELP_DIR / name
    if not page.exists():
        return _box(window, title, fallback)
    dlg = HelpBrowser(window, page, title)
    dlg.show()
    return dlg


def shortcuts(window):
    return _page(window, _localised("shortcuts.html"), tr("Keyboard shortcuts"),
                 "<p>" + tr("The keyboard shortcuts page is missing from this installation.") + "</p>")


def user_guide(window):
    return _page(window, _localised("guide.html"), tr("User guide"),
                 "<p>" + tr("The user guide is missing from this installation.") + "</p>")


def _localised(name: str) -> str:
    """The page in the interface's language when there is one ("guide_uk.html"), else `name`."""
    lang = current_language()
    if lang != "en":
        stem, _, ext = name.rpartition(".")
        if (HELP_DIR / f"{stem}_{lang}.{ext}").exists():
            return f"{stem}_{lang}.{ext}"
    return name
