"""Persistent window settings (QSettings, organisation "Frontline"): recent files and layout,
and the user's data folder.

Kept in one place so tests can point QSettings at a temporary folder (see tests/conftest.py)
and so the rest of the UI never spells a settings key twice.
"""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

ORGANISATION = "Frontline"
APPLICATION = "Frontline"
MAX_RECENT = 10
MIN_UNDO_LIMIT, MAX_UNDO_LIMIT = 10, 100_000


def data_dir() -> Path:
    """$FRONTLINE_DATA_DIR, else "Frontline" in the platform's data folder (where the sample's
    copy goes): ~/.local/share/Frontline on Linux. (Qt's AppDataLocation doubled the name,
    organisation and application both being "Frontline"; a copy made there before stays there
    and is still in Open Recent.)"""
    env = os.environ.get("FRONTLINE_DATA_DIR")
    if env:
        return Path(env)
    base = QStandardPaths.writableLocation(QStandardPaths.GenericDataLocation)
    return Path(base) / APPLICATION if base else Path.home() / ".frontline"


def documents_dir() -> Path:
    """Where an export of a project kept in the app's own (hidden) data folder is proposed."""
    docs = QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation)
    return Path(docs) if docs and Path(docs).is_dir() else Path.home()


def settings() -> QSettings:
    # IniFormat + UserScope honours QSettings.setPath, which the tests use to isolate it.
    return QSettings(QSettings.IniFormat, QSettings.UserScope, ORGANISATION, APPLICATION)


def recent_files() -> list[str]:
    value = settings().value("recent_files", [])
    if isinstance(value, str):  # QSettings returns a bare string for a one-item list
        value = [value]
    return [str(v) for v in (value or []) if v]


def add_recent_file(path: str | os.PathLike) -> list[str]:
    """Put `path` first in the recent list (no duplicates, at most MAX_RECENT)."""
    p = str(Path(path).resolve())
    files = [p] + [f for f in recent_files() if f != p]
    files = files[:MAX_RECENT]
    s = settings()
    s.setValue("recent_files", files)
    s.sync()
    return files


def remove_recent_file(path: str) -> list[str]:
    files = [f for f in recent_files() if f != path]
    s = settings()
    s.setValue("recent_files", files)
    s.sync()
    return files


def screen_key() -> str:
    """The layout's key: the primary screen's available size ("1600x1000"). A layout made on a
    laptop is not forced onto a wall screen, nor a wide dock onto a narrow screen."""
    from PySide6.QtGui import QGuiApplication
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        return "default"
    size = screen.availableGeometry().size()
    return f"{size.width()}x{size.height()}"


def save_layout(geometry: QByteArray, state: QByteArray) -> None:
    s = settings()
    key = screen_key()
    s.setValue(f"window/{key}/geometry", geometry)
    s.setValue(f"window/{key}/state", state)
    s.sync()


def load_layout() -> tuple[QByteArray | None, QByteArray | None]:
    s = settings()
    key = screen_key()
    geometry, state = s.value(f"window/{key}/geometry"), s.value(f"window/{key}/state")
    return (geometry if isinstance(geometry, QByteArray) else None,
            state if isinstance(state, QByteArray) else None)


def forget_layout() -> None:
    """View ▸ Reset Layout: the next session starts with the default layout on this screen."""
    s = settings()
    key = screen_key()
    s.remove(f"window/{key}")
    s.sync()


def language() -> str:
    """The interface's language chosen in View ▸ Language: "en", "uk", or "" (the system's)."""
    v = value("language", "")
    return v if v in ("en", "uk") else ""


def set_language(code: str) -> None:
    set_value("language", code if code in ("en", "uk") else "")


def undo_limit() -> int:
    """Edit ▸ Undo History Length: how many undo steps a session keeps (the oldest beyond are
    forgotten; their edits stay in the file)."""
    from desktop.model.commands import DEFAULT_UNDO_LIMIT
    try:
        n = int(value("undo_limit", DEFAULT_UNDO_LIMIT))
    except (TypeError, ValueError):
        return DEFAULT_UNDO_LIMIT
    return min(max(n, MIN_UNDO_LIMIT), MAX_UNDO_LIMIT)


def set_undo_limit(n: int) -> None:
    set_value("undo_limit", min(max(int(n), MIN_UNDO_LIMIT), MAX_UNDO_LIMIT))


def value(key: str, default=None):
    return settings().value(key, default)


def set_value(key: str, v) -> None:
    s = settings()
    s.setValue(key, v)
    s.sync()
