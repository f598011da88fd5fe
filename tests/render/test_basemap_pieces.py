"""The basemap's culling pieces (vectorised) are the pieces the per-part loop made."""
from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from desktop.render.basemap import PIECE, basemap_data, piece_bounds, piece_boxes


def loop_pieces(xy: np.ndarray, starts: np.ndarray, filled: bool) -> tuple[np.ndarray, np.ndarray]:
    """The reference: one piece per ring, or 64-vertex stretches of a line sharing end vertices."""
    bounds = list(starts) + [len(xy)]
    pieces = []
    for a, b in zip(bounds[:-1], bounds[1:]):
        if filled:
            pieces.append((a, b))
        else:
            pieces.extend((i, min(i + PIECE + 1, b)) for i in range(a, b - 1, PIECE))
    se = np.array(pieces, np.int64).reshape(-1, 2)
    boxes = np.array([[xy[a:b, 0].min(), xy[a:b, 1].min(), xy[a:b, 0].max(), xy[a:b, 1].max()]
                      for a, b in se]).reshape(-1, 4)
    return se, boxes


@given(st.lists(st.integers(1, 300), min_size=1, max_size=12), st.booleans(), st.integers(0, 2**32 - 1))
def test_pieces_match_the_loop(part_lengths, filled, seed):
    if filled:
        part_lengths = [max(n, 2) for n in part_lengths]
    xy = np.random.default_rng(seed).normal(size=(sum(part_lengths), 2)).astype(np.float32)
    starts = np.cumsum([0] + part_lengths[:-1]).astype(np.int32)
    se, boxes = loop_pieces(xy, starts, filled)
    got = piece_bounds(starts, len(xy), filled)
    assert np.array_equal(got, se)
    if len(se):
        assert np.array_equal(piece_boxes(xy, got), boxes)
    # every segment of every part lies in some piece (no gap between two line pieces)
    covered = {(i, i + 1) for a, b in got for i in range(a, b - 1)}
    for a, n in zip(starts, part_lengths):
        assert all((i, i + 1) in covered for i in range(a, a + n - 1))


def test_real_basemap_layers_match_the_loop():
    data = basemap_data()
    for key in ("rivers", "oblast_borders", "land_ua", "towns"):
        for level in (1, 3):
            xy, starts = data._arrays[f"{key}@{level}_xy"], data._arrays[f"{key}@{level}_starts"]
            for filled in (True, False):
                se, boxes = loop_pieces(xy, starts, filled)
                got = piece_bounds(starts, len(xy), filled)
                assert np.array_equal(got, se)
                assert np.array_equal(piece_boxes(xy, got), boxes)
