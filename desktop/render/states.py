"""Which zone versions are valid on a date, for the renderer: `Project.state_at` answered by one
numpy expression over all versions, with their projected boxes ready for culling.

`state_at` walks every version and sorts the valid ones (4 ms for the stress project's 8,000
versions, paid by every newly visited date of a scrub); here the versions are sorted once, in
`state_at`'s order, and a date picks its rows with a comparison of two ordinal arrays.
"""
from __future__ import annotations

from datetime import date

import numpy as np
import shapely

from desktop.model.entities import ZoneVersion
from desktop.model.project import Project
from desktop.model.validity import spans, state_order, valid_rows

from desktop.model.mercator import project_xy

class StateIndex:
    """All versions of one project state, in `state_at`'s order (legend order, start, id)."""

    def __init__(self, project: Project) -> None:
        self.key = (len(project.versions), len(project.zones))
        self.versions: list[ZoneVersion] = sorted(project.versions.values(), key=state_order(project.legend))
        self.start, self.end = spans(self.versions)
        self.row = {v.id: i for i, v in enumerate(self.versions)}
        self._boxes: np.ndarray | None = None

    def at(self, d: date) -> list[ZoneVersion]:
        """`project.state_at(d)`: valid_from <= d < valid_to (validity.py's rule)."""
        vs = self.versions
        return [vs[i] for i in valid_rows(self.start, self.end, d).tolist()]

    @property
    def boxes(self) -> np.ndarray:
        """EPSG:3857 boxes (x0, y0, x1, y1) of every version, by row; zeros for empty shapes.

        Mercator is monotonic in lon and in lat, so a projected box is the projection of the
        lon/lat box (the same numbers as the projected shape's own bounds)."""
        if self._boxes is None:
            b = shapely.bounds(np.array([v.geometry for v in self.versions], dtype=object)).reshape(-1, 4)
            empty = np.isnan(b).any(axis=1)
            b[empty] = 0.0
            x0, y0 = project_xy(b[:, 0], b[:, 1])
            x1, y1 = project_xy(b[:, 2], b[:, 3])
            out = np.column_stack([x0, y0, x1, y1])
            out[empty] = 0.0
            self._boxes = out
        return self._boxes

    def boxes_of(self, versions: list[ZoneVersion]) -> np.ndarray:
        row = self.row
        return self.boxes[np.fromiter((row[v.id] for v in versions), np.int64, len(versions))].reshape(-1, 4)


__all__ = ["StateIndex"]
