"""Observation labels on a real frame (issue 17, item 2): with hundreds of named points, no two
drawn labels overlap, none covers a place name or a symbol, the higher-priority name keeps its
place, and at small scales the points of one grid cell become one badge with their count."""
from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from shapely.geometry import Point

from desktop.model.entities import Observation, ProjectInfo
from desktop.model.mercator import bbox_to_merc, to_merc
from desktop.model.project import Project
from desktop.render import label_placement as lp
from desktop.render.frame import Chrome, FrameSpec, render_image
from desktop.render.observations import CLUSTER_ABOVE, layout_observations, place_name_boxes
from desktop.render.projection import MapView

from render.helpers import rgb

W, H = 1600, 1000
D = date(2025, 6, 1)
DONBAS = (37.0, 48.0, 38.0, 48.6)  # ~70 m per px at 1600 px: every point its own symbol
FRONT = (33.0, 46.0, 40.0, 50.5)  # the whole front: ~490 m per px, points grouped


def random_points(n: int, box, seed: int = 1) -> list[tuple[Observation, float]]:
    rng = random.Random(seed)
    out = []
    for k in range(n):
        lon, lat = rng.uniform(box[0], box[2]), rng.uniform(box[1], box[3])
        name = f"{rng.randint(1, 155)}th brigade" + (" (motorised rifle, reinforced)" if k % 3 == 0 else "")
        kind = rng.choice(["unit", "airfield", "strike", "flag"])
        out.append((Observation(f"o{k}", kind, Point(lon, lat), D - timedelta(days=k % 5), name=name), 1.0))
    return out


def spec_for(box, items, basemap=True) -> FrameSpec:
    return FrameSpec(project=Project(ProjectInfo()), when=D, bbox=bbox_to_merc(*box), observations=tuple(items),
                     basemap=basemap, show_zones=False, chrome=Chrome(scale=1.0))


def test_no_label_overlaps_another_a_place_name_or_a_symbol(qapp):
    items = random_points(400, DONBAS)
    spec = spec_for(DONBAS, items)
    view = MapView(spec.bbox, W, H)
    assert view.resolution < CLUSTER_ABOVE
    names = place_name_boxes(view, spec, 1.0)
    assert len(names) > 10  # the test means something only with place names on the frame
    layout = layout_observations(view, items, 1.0, names)
    labels = [r for _, _, r in layout.labels]
    symbols = [r for _, _, _, r in layout.symbols]
    assert len(layout.symbols) > 300 and 20 < len(labels) < len(layout.symbols)  # crowded: some drop out
    for i, a in enumerate(labels):
        assert not any(lp.intersects(a, b) for b in labels[i + 1:])
        assert not any(lp.intersects(a, b) for b in names)
        assert not any(lp.intersects(a, b) for b in symbols)
        assert 0 <= a[0] and a[2] <= W and 0 <= a[1] and a[3] <= H


def test_the_higher_priority_label_survives(qapp):
    # Twelve observations at one spot: one name fits right of the symbol, one left, one above,
    # one below; those four go to the newest, and the step's own before the faded ones.
    spot = Point(37.5, 48.3)
    items = [(Observation(f"o{k}", "unit", spot, D - timedelta(days=k), name=f"unit {k}"), 1.0) for k in range(12)]
    items.append((Observation("old", "unit", spot, D + timedelta(days=3), name="faded"), 0.4))
    random.Random(3).shuffle(items)
    view = MapView(bbox_to_merc(*DONBAS), W, H)
    layout = layout_observations(view, items, 1.0, [])
    kept = {items[i][0].id for i, _, _ in layout.labels}
    assert kept == {"o0", "o1", "o2", "o3"}


def test_points_of_one_cell_become_one_badge_with_their_count(qapp):
    spot = (36.0, 48.0)
    n = 17
    items = [(Observation(f"o{k}", "unit", Point(*spot), D, name=f"unit {k}"), 1.0) for k in range(n)]
    items.append((Observation("far", "unit", Point(34.0, 47.0), D, name="alone"), 1.0))
    spec = spec_for(FRONT, items, basemap=False)
    view = MapView(spec.bbox, W, H)
    assert view.resolution >= CLUSTER_ABOVE
    layout = layout_observations(view, items, 1.0, [])
    assert [b[0] for b in layout.badges] == [n]
    assert [items[i][0].id for i, *_ in layout.symbols] == ["far"]  # a lone point keeps its symbol
    assert [items[i][0].id for i, *_ in layout.labels] == ["far"]  # and its name; a badge has none
    # Drawn: a dark badge over the spot, wider than one symbol.
    x, y = (round(c) for c in view.to_px(*to_merc(*spot)))
    img = rgb(render_image(spec, W, H))
    dark = img[y - 8:y + 9, x - 8:x + 9].max(axis=2) < 90
    assert dark.mean() > 0.5
    # Zoomed in far enough, the same points are symbols again.
    near = MapView(bbox_to_merc(35.9, 47.95, 36.1, 48.05), W, H)
    assert near.resolution < CLUSTER_ABOVE
    assert not layout_observations(near, items, 1.0, []).badges


def test_the_painted_labels_are_the_layout(qapp):
    # The painter draws what the layout says: ink inside each label rectangle.
    items = random_points(60, DONBAS, seed=5)
    spec = spec_for(DONBAS, items, basemap=False)
    view = MapView(spec.bbox, W, H)
    layout = layout_observations(view, items, 1.0, [])
    img = rgb(render_image(spec, W, H))
    for _, _, r in layout.labels:
        x0, y0, x1, y1 = (int(round(v)) for v in r)
        assert (img[y0:y1, x0:x1].max(axis=2) < 90).sum() > 10


def test_a_moved_observation_is_drawn_where_it_now_is(qapp):
    # The layout is kept between frames showing the same records; an edited record (same id,
    # new place) is a new record, laid out again.
    from desktop.render.observations import cached_layout
    obs = Observation("o1", "unit", Point(37.2, 48.2), D, name="moved unit")
    spec = spec_for(DONBAS, [(obs, 1.0)], basemap=False)
    view = MapView(spec.bbox, W, H)
    first = cached_layout(view, [(obs, 1.0)], 1.0, spec)
    assert cached_layout(view, [(obs, 1.0)], 1.0, spec) is first  # the same records: kept
    moved = obs.with_(geometry=Point(37.6, 48.4))
    again = cached_layout(view, [(moved, 1.0)], 1.0, spec)
    x, y = view.to_px(*to_merc(37.6, 48.4))
    assert again.symbols[0][1:3] == pytest.approx((x, y))
    assert again.labels[0][2][0] > x  # its name beside its new place
