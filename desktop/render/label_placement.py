"""Where observation labels and cluster badges go on a frame, decided without Qt (screen pixels,
rectangles as `(left, top, right, bottom)` tuples), so the rule can be tested on thousands of
points without painting.

Two rules, both in screen space and both independent of how the frame is painted:

- **Clusters.** At small scales (zoomed out) the points are bucketed on a grid of `cell` px; a
  cell holding more than one point draws one badge with their count instead of each symbol, so
  400 unit positions along a 1,000 km front read as a few dozen counts, not an ink blot. The grid
  is anchored in map coordinates (`origin`), so badges do not jump while the view pans.
- **Labels.** Candidates are taken in priority order and each label tries a few positions
  around its symbol (right, left, above, below); it is kept at the first position whose
  rectangle meets no rectangle already taken (place names, symbols, badges, labels placed
  before it), else it drops out. Greedy, like most web maps: higher-priority labels always
  survive, and no two drawn rectangles ever intersect.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable, Sequence

Rect = tuple[float, float, float, float]  # left, top, right, bottom (screen px, y down)

_BUCKET = 96.0  # px: taken rectangles are bucketed so a candidate is tested against its neighbours only


def intersects(a: Rect, b: Rect) -> bool:
    """Whether two rectangles share interior (touching edges do not count)."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


class Occupied:
    """Rectangles already taken on a frame, bucketed on a grid for fast tests. `base`: taken
    rectangles shared by many frames (a view's place names), consulted but never changed."""

    def __init__(self, rects: Iterable[Rect] = (), base: "Occupied | None" = None) -> None:
        self._cells: dict[tuple[int, int], list[Rect]] = {}
        self.rects: list[Rect] = []
        self.base = base
        for r in rects:
            self.add(r)

    @staticmethod
    def _keys(r: Rect) -> list[tuple[int, int]]:
        i0, i1 = int(r[0] // _BUCKET), int(r[2] // _BUCKET)
        j0, j1 = int(r[1] // _BUCKET), int(r[3] // _BUCKET)
        if i0 == i1 and j0 == j1:
            return [(i0, j0)]
        return [(i, j) for i in range(i0, i1 + 1) for j in range(j0, j1 + 1)]

    def free(self, r: Rect) -> bool:
        keys = self._keys(r)
        for occ in (self, self.base) if self.base is not None else (self,):
            cells = occ._cells
            for k in keys:
                for b in cells.get(k, ()):
                    if r[0] < b[2] and b[0] < r[2] and r[1] < b[3] and b[1] < r[3]:
                        return False
        return True

    def add(self, r: Rect) -> None:
        self.rects.append(r)
        cells = self._cells
        for k in self._keys(r):
            got = cells.get(k)
            if got is None:
                cells[k] = [r]
            else:
                got.append(r)


@dataclass(frozen=True)
class LabelRequest:
    """One label to place: the symbol it belongs to (its rectangle) and the label's size."""
    key: object  # whatever the caller needs back (an index, an observation)
    symbol: Rect
    width: float
    height: float
    gap: float = 4.0  # px between symbol and label


def candidates(req: LabelRequest) -> list[Rect]:
    """The positions a label may take around its symbol, best first: right (where the eye looks
    for it, and where labels have always been), left, above, below."""
    x0, y0, x1, y1 = req.symbol
    cy = (y0 + y1) / 2
    cx = (x0 + x1) / 2
    w, h, g = req.width, req.height, req.gap
    return [(x1 + g, cy - h / 2, x1 + g + w, cy + h / 2),
            (x0 - g - w, cy - h / 2, x0 - g, cy + h / 2),
            (cx - w / 2, y0 - g - h, cx + w / 2, y0 - g),
            (cx - w / 2, y1 + g, cx + w / 2, y1 + g + h)]


def place_labels(requests: Sequence[LabelRequest], taken: Occupied, bounds: Rect | None = None
                 ) -> list[tuple[LabelRequest, Rect]]:
    """Greedy placement in the order given (highest priority first): each label at its first
    free candidate position, inside `bounds` when given; the rest drop out. `taken` gains the
    rectangles placed."""
    out = []
    for req in requests:
        for r in candidates(req):
            if bounds is not None and not (r[0] >= bounds[0] and r[1] >= bounds[1]
                                           and r[2] <= bounds[2] and r[3] <= bounds[3]):
                continue
            if taken.free(r):
                taken.add(r)
                out.append((req, r))
                break
    return out


def grid_clusters(xs: Sequence[float], ys: Sequence[float], cell: float,
                  origin: tuple[float, float] = (0.0, 0.0)) -> list[list[int]]:
    """The indices of the points grouped by grid cell of `cell` px (cells anchored at `origin`,
    in the same pixels), in order of each cell's first point."""
    groups: dict[tuple[int, int], list[int]] = {}
    ox, oy = origin
    for i, (x, y) in enumerate(zip(xs, ys)):
        groups.setdefault((math.floor((x - ox) / cell), math.floor((y - oy) / cell)), []).append(i)
    return list(groups.values())


def badge_size(count: int, char_width: float, height: float) -> tuple[float, float]:
    """A count badge's size: a circle for one or two digits, a pill for more."""
    w = max(height, char_width * len(str(count)) + height * 0.6)
    return w, height


def merge_badges(groups: Sequence[tuple[int, float, float]], char_width: float, height: float
                 ) -> list[tuple[int, float, float]]:
    """(count, x, y) badges, those that would overlap merged into one at their weighted centre
    with the sum of their counts, until none overlaps: neighbouring cells' badges never
    overprint each other's numbers."""
    def rect(n: int, x: float, y: float) -> Rect:
        w, h = badge_size(n, char_width, height)
        return (x - w / 2, y - h / 2, x + w / 2, y + h / 2)

    out = list(groups)
    merged = True
    while merged:
        merged = False
        kept: list[tuple[int, float, float]] = []
        for n, x, y in out:
            r = rect(n, x, y)
            for k, (m, kx, ky) in enumerate(kept):
                if intersects(r, rect(m, kx, ky)):
                    t = n + m
                    kept[k] = (t, (kx * m + x * n) / t, (ky * m + y * n) / t)
                    merged = True
                    break
            else:
                kept.append((n, x, y))
        out = kept
    return out
