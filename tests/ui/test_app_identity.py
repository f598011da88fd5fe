"""Looks like an application (#18, item 4): a window icon (also in About), and a per-user
freedesktop menu entry and icon from `make install-desktop`, with no file association."""
from __future__ import annotations

import configparser
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtGui import QIcon, QImage

from desktop.ui.app import make_app
from desktop.ui.dialogs import help as help_dialogs

ROOT = Path(__file__).resolve().parents[2]


def _colours(image: QImage) -> int:
    return len({image.pixel(x, y) for y in range(0, image.height(), 4) for x in range(0, image.width(), 4)})


def test_the_window_and_about_carry_the_icon(qapp, qtbot):
    app = make_app()
    icon = app.windowIcon()
    assert not icon.isNull()
    assert _colours(icon.pixmap(64, 64).toImage()) > 8  # drawn, not a blank square
    box = help_dialogs.about(None)
    qtbot.addWidget(box)
    assert not box.iconPixmap().isNull() and box.iconPixmap().width() == 64


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_install_desktop_writes_a_menu_entry_and_icon(tmp_path):
    subprocess.run(["make", "-s", "-C", str(ROOT), "install-desktop", f"XDG_DATA_HOME={tmp_path}"], check=True)
    entry = tmp_path / "applications" / "frontline.desktop"
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(entry)
    d = parser["Desktop Entry"]
    assert d["Type"] == "Application" and d["Name"] == "Frontline" and d["Icon"] == "frontline"
    assert d["Exec"] == str(ROOT / ".venv" / "bin" / "frontline")
    assert "MimeType" not in d  # .gpkg belongs to QGIS: no file association
    icon = tmp_path / "icons" / "hicolor" / "scalable" / "apps" / "frontline.svg"
    assert not QIcon(str(icon)).isNull()
