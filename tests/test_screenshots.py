"""The README's screenshots exist, are made by `make screenshots`, and are not blank."""
from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtGui import QImage

from desktop.ui.screenshots import OUT, SHOTS

ROOT = Path(__file__).resolve().parents[1]


def distinct_colours(image: QImage, step: int = 7) -> int:
    seen = set()
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            seen.add(image.pixel(x, y))
    return len(seen)


def test_every_screenshot_exists_and_shows_something(qapp):
    for name in SHOTS:
        path = OUT / f"{name}.png"
        assert path.exists(), f"{path} missing: run `make screenshots`"
        image = QImage(str(path))
        assert image.width() >= 1200 and image.height() >= 800, name
        assert distinct_colours(image) > 200, f"{name} looks blank"


def test_readme_shows_them():
    readme = (ROOT / "README.md").read_text()
    linked = set(re.findall(r"resources/screenshots/(\w+)\.png", readme))
    assert linked == set(SHOTS)
