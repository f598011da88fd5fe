"""Where the app's bundled files live: basemap, fonts, icons, help, samples, screenshots.

One place for the location, so every reader finds `resources/` the same way. Stdlib only: any
layer may import it.
"""
from __future__ import annotations

from pathlib import Path

RESOURCES = Path(__file__).resolve().parents[1] / "resources"


def resource(*parts: str) -> Path:
    """The path of a bundled file or folder, e.g. `resource("icons")`."""
    return RESOURCES.joinpath(*parts)
