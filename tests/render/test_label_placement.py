"""The Qt-free placement rule (label_placement.py): greedy, in priority order, never two
rectangles overlapping, and grid clusters that group exactly the points of a cell."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from desktop.render import label_placement as lp

coord = st.floats(0, 600, allow_nan=False)
size = st.floats(4, 120, allow_nan=False)


@st.composite
def requests(draw):
    n = draw(st.integers(1, 80))
    out = []
    for k in range(n):
        x, y = draw(coord), draw(coord)
        out.append(lp.LabelRequest(k, (x - 5, y - 5, x + 5, y + 5), draw(size), draw(st.floats(6, 30))))
    return out


@given(requests(), st.lists(st.tuples(coord, coord, size, size), max_size=10))
def test_no_two_placed_rectangles_meet_and_none_meets_what_was_taken(reqs, blocks):
    blocked = [(x, y, x + w, y + h) for x, y, w, h in blocks]
    taken = lp.Occupied(blocked)
    placed = lp.place_labels(reqs, taken)
    rects = [r for _, r in placed]
    for i, a in enumerate(rects):
        assert not any(lp.intersects(a, b) for b in blocked)
        assert not any(lp.intersects(a, b) for b in rects[i + 1:])
        # Each label sits at one of its own candidate positions, beside its symbol.
    for req, r in placed:
        assert r in lp.candidates(req)


@given(requests())
def test_a_label_drops_out_only_when_every_position_is_taken(reqs):
    taken = lp.Occupied()
    placed = {req.key for req, _ in lp.place_labels(reqs, taken)}
    # Replay the greedy order: a dropped label found each candidate blocked by what was placed before it.
    before: list = []
    kept = dict((req.key, r) for req, r in lp.place_labels(reqs, lp.Occupied()))
    for req in reqs:
        if req.key in placed:
            before.append(kept[req.key])
        else:
            assert all(any(lp.intersects(c, b) for b in before) for c in lp.candidates(req))


def test_the_higher_priority_label_wins_a_contested_place():
    # Two points at one place, near the left edge: only the position right of them fits, and
    # whichever comes first in the list keeps it.
    a = lp.LabelRequest("a", (100, 100, 110, 110), 300, 20)
    b = lp.LabelRequest("b", (100, 100, 110, 110), 280, 20)
    for first, second in ((a, b), (b, a)):
        taken = lp.Occupied()
        got = [req.key for req, _ in lp.place_labels([first, second], taken, bounds=(100, 0, 600, 600))]
        assert got == [first.key]


def test_labels_stay_inside_the_bounds():
    req = lp.LabelRequest("edge", (590, 10, 600, 20), 80, 12)
    placed = lp.place_labels([req], lp.Occupied(), bounds=(0, 0, 600, 400))
    assert placed and placed[0][1][2] <= 600 and placed[0][1][0] < 590  # moved to the left


@given(st.lists(st.tuples(coord, coord), min_size=1, max_size=200), st.floats(5, 80))
def test_grid_clusters_hold_each_point_once_and_only_cell_mates(points, cell):
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    groups = lp.grid_clusters(xs, ys, cell)
    assert sorted(i for g in groups for i in g) == list(range(len(points)))
    cells = [{(int(xs[i] // cell), int(ys[i] // cell)) for i in g} for g in groups]
    assert all(len(c) == 1 for c in cells)
    assert len({next(iter(c)) for c in cells}) == len(groups)  # one group per cell


@given(st.lists(st.tuples(st.integers(2, 500), coord, coord), max_size=60))
def test_merged_badges_never_overlap_and_keep_every_point(groups):
    out = lp.merge_badges(groups, 7.0, 18.0)
    assert sum(n for n, _, _ in out) == sum(n for n, _, _ in groups)
    rects = []
    for n, x, y in out:
        w, h = lp.badge_size(n, 7.0, 18.0)
        rects.append((x - w / 2, y - h / 2, x + w / 2, y + h / 2))
    assert not any(lp.intersects(a, b) for i, a in enumerate(rects) for b in rects[i + 1:])
    # Badges that did not meet any other stay as they were.
    assert len(out) <= len(groups)
