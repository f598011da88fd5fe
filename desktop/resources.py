"""Where the app's bundled files live: basemap, fonts, icons, help, samples, app icon, translations.

The top-level `resources/` folder of the checkout is installed as the package `desktop.assets`
(pyproject.toml maps the one onto the other), so every reader finds it through
importlib.resources: in the editable install that is the checkout's folder, in a wheel or pipx
install the copy inside `desktop/` in site-packages, in a PyInstaller bundle its data folder.
Never a path relative to this file or to the repository.

A file that is not there raises `ResourceMissing`, an OSError whose message is one line naming
the file, so the CLI and the GUI end with that line instead of a traceback or a crash later (a
missing basemap found only while a QPainter is active took the process down with SIGSEGV).

Stdlib only: any layer may import it.
"""
from __future__ import annotations

import errno
import importlib.resources
from pathlib import Path

PACKAGE = "desktop.assets"

# What `frontline render`/`replay` and the GUI cannot start without; `check()` looks before any
# painting begins. (Help pages, the sample and translations are looked up when they are used.)
REQUIRED = (
    ("basemap", "basemap.npz"),
    ("basemap", "labels.json"),
    ("basemap", "label_sprites.npz"),
    ("basemap", "gazetteer.json"),
    ("fonts", "DejaVuSans.ttf"),
    ("fonts", "DejaVuSans-Bold.ttf"),
    ("icons",),
)


class ResourceMissing(FileNotFoundError):
    """A bundled file is not where the installation put the others."""

    def __init__(self, name: str, where: Path | str) -> None:
        line = (f"missing bundled resource {name!r} (looked in {where}): the installation is "
                "incomplete; reinstall frontline-map")
        super().__init__(errno.ENOENT, line)
        self.resource = name

    def __str__(self) -> str:
        return self.strerror


def _root() -> Path:
    """The installed `resources/` folder, or a path that does not exist (resource() says so)."""
    try:
        root = importlib.resources.files(PACKAGE)
    except ModuleNotFoundError:
        return Path(__file__).with_name("assets")  # where a wheel puts it; absent, so reported
    if isinstance(root, Path):
        return root
    # Not a plain folder (e.g. a zip import): the app hands file names to Qt, so it needs one.
    return Path(str(root))


RESOURCES = _root()


def resource(*parts: str, must_exist: bool = True) -> Path:
    """The path of a bundled file or folder, e.g. `resource("icons")`; `ResourceMissing` when it
    is not there (unless `must_exist` is False, for a file about to be written)."""
    path = RESOURCES.joinpath(*parts)
    if must_exist and not path.exists():
        raise ResourceMissing("/".join(parts) or ".", RESOURCES)
    return path


def check(required: tuple[tuple[str, ...], ...] = REQUIRED) -> None:
    """Raise `ResourceMissing` for the first required file that is not installed."""
    for parts in required:
        resource(*parts)
