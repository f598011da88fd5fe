"""Small in-memory projects and image helpers for the render tests."""
from __future__ import annotations

from datetime import date

import numpy as np
from PySide6.QtGui import QImage
from shapely.geometry import box

from desktop.model.commands import CommandStack
from desktop.model.edits import add_assessment, create_zone, edit_zone
from desktop.model.entities import ProjectInfo
from desktop.model.project import Project
from desktop.model.record_commands import set_info

AOI = (37.0, 48.15, 37.4, 48.40)  # Pokrovsk and Myrnohrad (lon/lat W, S, E, N)
D1, D2 = date(2025, 11, 3), date(2025, 11, 10)


def two_zone_project(project: Project | None = None) -> tuple[Project, str, str]:
    """A ru_control square west of Pokrovsk and a contested one east; on D2 the red one grows.
    Built in memory, or into `project` (e.g. a new project file)."""
    p = project or Project(ProjectInfo(title="Test", aoi=AOI))
    stack = CommandStack(p)
    if project is not None:
        stack.push(set_info(p, title="Test", aoi=AOI))
    cmd, aid = add_assessment(p, "Ours")
    stack.push(cmd)
    cmd, red = create_zone(p, name="Red", assessment_id=aid, geometry=box(37.05, 48.20, 37.15, 48.30),
                           status="ru_control", as_of=D1)
    stack.push(cmd)
    cmd, grey = create_zone(p, name="Grey", assessment_id=aid, geometry=box(37.25, 48.20, 37.35, 48.30),
                            status="contested", as_of=D1)
    stack.push(cmd)
    stack.push(edit_zone(p, red, D2, geometry=box(37.05, 48.20, 37.20, 48.30)))
    return p, red, grey


def rgb(img: QImage) -> np.ndarray:
    """H x W x 3 uint8 copy of the image."""
    img = img.convertToFormat(QImage.Format_RGB888)
    h, w, bpl = img.height(), img.width(), img.bytesPerLine()
    a = np.frombuffer(img.constBits(), np.uint8, count=h * bpl).reshape(h, bpl)
    return a[:, : w * 3].reshape(h, w, 3).copy()


def reddish(a: np.ndarray) -> np.ndarray:
    r, g, b = (a[..., i].astype(int) for i in range(3))
    return (r - g > 30) & (r - b > 30)


def two_zone_file(path) -> tuple[str, str]:
    """The same project as a project file (closed again); returns the two zone ids."""
    from desktop.storage.project.projectfile import close_project, create_project
    p = create_project(path, "Test")
    _, red, grey = two_zone_project(p)
    close_project(p)
    return red, grey
