"""Observations are drawn as a symbol for their kind, with their name beside the symbol."""
from __future__ import annotations

import numpy as np
from shapely.geometry import Point

from desktop.model.entities import Observation
from desktop.render.frame import Chrome, FrameSpec, render_image
from desktop.render.projection import MapView
from desktop.model.mercator import bbox_to_merc, to_merc
from desktop.render.symbols import symbol_for

from render.helpers import AOI, D1, rgb, two_zone_project

W, H = 800, 600


def dark(a: np.ndarray) -> np.ndarray:
    return a.max(axis=2) < 90


def frame(p, obs):
    spec = FrameSpec(project=p, when=D1, bbox=bbox_to_merc(*AOI), basemap=False, show_zones=False,
                     observations=((obs, 1.0),) if obs else None, chrome=Chrome(scale=1.0))
    return rgb(render_image(spec, W, H))


def test_symbols_follow_the_kind_and_the_name_is_written_beside(qapp):
    p, _, _ = two_zone_project()
    at = (37.2, 48.3)
    x, y = MapView(bbox_to_merc(*AOI), W, H).to_px(*to_merc(*at))
    x, y = round(x), round(y)
    flag = Observation("o1", "flag-raising", Point(*at), D1, name="Shybankova Square")
    strike = Observation("o2", "strike", Point(*at), D1, name="")
    blank, a, b = frame(p, None), frame(p, flag), frame(p, strike)
    assert not dark(blank[y - 12:y + 12, x - 12:x + 160]).any()  # nothing there without it
    near_a, near_b = dark(a[y - 12:y + 8, x - 12:x + 12]), dark(b[y - 12:y + 8, x - 12:x + 12])
    assert near_a.sum() > 10 and near_b.sum() > 10
    assert (near_a != near_b).sum() > 10  # a flag is not a burst
    label_a, label_b = dark(a[y - 12:y + 12, x + 12:x + 160]), dark(b[y - 12:y + 12, x + 12:x + 160])
    assert label_a.sum() > 60 and label_b.sum() == 0  # the name, and nothing where there is none
    assert {symbol_for(k) for k in ("flag-raising", "Strike", "unit position", "destroyed bridge",
                                    "geolocated video", "note")} == {"flag", "strike", "unit", "destroyed",
                                                                     "video", "dot"}
