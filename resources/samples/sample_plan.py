"""Week by week, what the sample analyst assessed: zone shapes and statuses per Monday.

Week 0 is Monday 2025-09-01, week 15 Monday 2025-12-15. Shapes come from `sample_shapes`:
town parts cut along the railway and hand-placed cut lines inside the towns; key-frame
polygons (hand-placed vertices, interpolated between key weeks) outside them. Each week's
assessed zones are made disjoint here, in priority order, so the model's clipping has
nothing left to do and the partition is exactly what is drawn.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import shapely
from shapely.geometry import LineString, Polygon
from shapely.geometry.base import BaseGeometry

import sample_shapes as S

FIRST_MONDAY = date(2025, 9, 1)


def monday(week: int) -> date:
    return FIRST_MONDAY + timedelta(weeks=week)


@dataclass(frozen=True)
class ZoneSpec:
    key: str  # also the zone id
    name: str
    confidence: str
    notes: str


ZONES = {z.key: z for z in (
    ZoneSpec("zone-pokrovsk-south", "Pokrovsk south of the railway", "medium",
             "Cut from the town outline along the main railway line and hand-placed lines marking how far "
             "the reported advance had come."),
    ZoneSpec("zone-pokrovsk-centre", "Pokrovsk centre (infiltration)", "low",
             "Infiltration groups reported in the centre ahead of the controlled south."),
    ZoneSpec("zone-pokrovsk-north", "Northern Pokrovsk", "low",
             "Town outline north of the railway: strikes on both sides recorded, no side holds it."),
    ZoneSpec("zone-myrnohrad-south", "Southern Myrnohrad (infiltration)", "low",
             "Infiltration into the southern edge of the town; the line is otherwise held."),
    ZoneSpec("zone-southern-front", "Front south and east of the towns", "high",
             "Hand-placed front line south of the towns, rising between them as the southern pincer, "
             "and along Myrnohrad's eastern flank."),
    ZoneSpec("zone-northern-pincer", "Northern pincer", "medium",
             "Hand-placed: the Russian advance northeast of Pokrovsk curling round north of Myrnohrad."),
)}

# -- key frames (week -> vertices), all hand-placed -------------------------------------------
# The front south and east of the towns: a west-to-east line at fixed longitudes (rising between
# the towns as the southern pincer), then north along Myrnohrad's eastern flank, closed along the
# east and south edges of the area.
_FRONT_X = (36.95, 37.05, 37.09, 37.12, 37.15, 37.18, 37.205, 37.222, 37.232, 37.242, 37.26, 37.28, 37.30)
_FRONT_Y = {
    0: (48.248, 48.244, 48.250, 48.246, 48.238, 48.231, 48.226, 48.222, 48.223, 48.225, 48.230, 48.234, 48.240),
    4: (48.252, 48.248, 48.254, 48.250, 48.243, 48.236, 48.232, 48.230, 48.232, 48.233, 48.234, 48.237, 48.242),
    8: (48.262, 48.258, 48.262, 48.264, 48.264, 48.264, 48.262, 48.256, 48.258, 48.255, 48.242, 48.242, 48.245),
    10: (48.268, 48.266, 48.272, 48.276, 48.276, 48.276, 48.276, 48.274, 48.278, 48.270, 48.248, 48.246, 48.247),
    13: (48.278, 48.280, 48.286, 48.289, 48.290, 48.290, 48.290, 48.306, 48.312, 48.300, 48.252, 48.250, 48.250),
    15: (48.282, 48.284, 48.289, 48.289, 48.290, 48.290, 48.290, 48.314, 48.317, 48.305, 48.254, 48.252, 48.252),
}
# Myrnohrad's eastern flank: held, with one small loss in early November.
_FLANK = {
    0: [(37.312, 48.262), (37.318, 48.276), (37.322, 48.295), (37.330, 48.312), (37.350, 48.345), (37.47, 48.345)],
    8: [(37.312, 48.262), (37.318, 48.276), (37.322, 48.295), (37.330, 48.312), (37.350, 48.345), (37.47, 48.345)],
    9: [(37.308, 48.262), (37.312, 48.276), (37.316, 48.295), (37.322, 48.310), (37.345, 48.340), (37.47, 48.340)],
}
_CLOSE = [(37.47, 48.15), (36.95, 48.15)]


def _front(week: int) -> list[tuple[float, float]]:
    line = list(zip(_FRONT_X, S.interpolate({w: [(0.0, y) for y in ys] for w, ys in _FRONT_Y.items()},
                                            week)))
    return [(x, y) for x, (_, y) in line] + S.interpolate(_FLANK, week) + _CLOSE


# The northern pincer, a ring from its north-west corner; vertex 5 is the tip pointing south.
NORTH = {
    0: [(37.226, 48.45), (37.221, 48.405), (37.229, 48.392), (37.233, 48.385), (37.240, 48.372), (37.246, 48.362),
        (37.256, 48.360), (37.275, 48.358), (37.300, 48.356), (37.330, 48.345), (37.360, 48.335),
        (37.47, 48.335), (37.47, 48.45)],
    8: [(37.226, 48.45), (37.221, 48.405), (37.228, 48.392), (37.232, 48.378), (37.236, 48.360), (37.240, 48.345),
        (37.252, 48.348), (37.272, 48.350), (37.300, 48.348), (37.330, 48.338), (37.360, 48.330),
        (37.47, 48.330), (37.47, 48.45)],
    11: [(37.226, 48.45), (37.221, 48.405), (37.228, 48.390), (37.231, 48.372), (37.235, 48.352),
         (37.236, 48.330), (37.248, 48.342), (37.270, 48.344), (37.300, 48.343), (37.330, 48.334),
         (37.360, 48.327), (37.47, 48.327), (37.47, 48.45)],
    13: [(37.226, 48.45), (37.221, 48.405), (37.227, 48.390), (37.230, 48.368), (37.233, 48.345),
         (37.234, 48.320), (37.246, 48.338), (37.270, 48.341), (37.300, 48.341), (37.330, 48.332),
         (37.360, 48.325), (37.47, 48.325), (37.47, 48.45)],
    15: [(37.226, 48.45), (37.221, 48.405), (37.227, 48.388), (37.229, 48.366), (37.232, 48.342),
         (37.233, 48.318), (37.245, 48.336), (37.270, 48.339), (37.300, 48.339), (37.330, 48.330),
         (37.360, 48.323), (37.47, 48.323), (37.47, 48.45)],
}

# Inside Pokrovsk: how far south of which line the Russian side is (west to east cut lines).
_P = (37.11, 37.14, 37.17, 37.20, 37.24)
POKROVSK_CUTS = {
    7: list(zip(_P, (48.262, 48.261, 48.258, 48.262, 48.262))),
    8: list(zip(_P, (48.268, 48.266, 48.264, 48.266, 48.266))),
    9: list(zip(_P, (48.272, 48.271, 48.268, 48.270, 48.272))),
    10: list(zip(_P, (48.278, 48.276, 48.272, 48.274, 48.276))),
    12: list(zip(_P, (48.282, 48.280, 48.277, 48.278, 48.280))),
}
CENTRE_CUT_W11 = list(zip(_P, (48.286, 48.284, 48.281, 48.281, 48.284)))
MYRNOHRAD_CUTS = {
    11: [(37.23, 48.262), (37.26, 48.263), (37.28, 48.261), (37.31, 48.262)],
    12: [(37.23, 48.265), (37.26, 48.267), (37.28, 48.264), (37.31, 48.264)],
    13: [(37.23, 48.268), (37.255, 48.271), (37.28, 48.268), (37.31, 48.266)],
    14: [(37.23, 48.271), (37.255, 48.274), (37.28, 48.271), (37.31, 48.268)],
    15: [(37.23, 48.273), (37.255, 48.277), (37.28, 48.273), (37.31, 48.270)],
}

# The corridor to Myrnohrad: a band along this axis, from inside the town to the north-west.
CORRIDOR_AXIS = [(37.262, 48.318), (37.240, 48.317), (37.222, 48.3185), (37.200, 48.326), (37.180, 48.332)]
CORRIDOR_FIRST_WEEK = 5
CORRIDOR_HALF_WIDTH_M = (1200, 1100, 1000, 900, 800, 700, 600, 500, 400, 320, 250)  # weeks 5..15


def corridor(week: int) -> BaseGeometry | None:
    i = week - CORRIDOR_FIRST_WEEK
    if i < 0:
        return None
    w = CORRIDOR_HALF_WIDTH_M[min(i, len(CORRIDOR_HALF_WIDTH_M) - 1)]
    return S.tidy(S.buffer_m(LineString(CORRIDOR_AXIS), w, cap_style="flat", join_style="round"))


def assessed(week: int) -> dict[str, tuple[str, BaseGeometry]]:
    """Zone key -> (status, shape) of every assessed zone on Monday `week`."""
    p_south, p_north = S.pokrovsk_halves()
    pok, myr = S.town("Pokrovsk"), S.town("Myrnohrad")
    out: dict[str, tuple[str, BaseGeometry]] = {}
    taken: list[BaseGeometry] = []

    def put(key: str, status: str, g: BaseGeometry) -> None:
        g = S.tidy(g.difference(shapely.union_all(taken)) if taken else g)
        if not g.is_empty:
            out[key] = (status, g)
            taken.append(g)

    # Inside Pokrovsk, south of the railway: infiltration from Oct 20, control from Nov 17.
    if week >= 13:
        put("zone-pokrovsk-south", "ru_control", p_south)
    elif week >= 7:
        cut = POKROVSK_CUTS[max(k for k in POKROVSK_CUTS if k <= week)]
        put("zone-pokrovsk-south", "ru_control" if week >= 11 else "ru_advance", S.below(cut, p_south))
        if week == 11:
            put("zone-pokrovsk-centre", "ru_advance", S.below(CENTRE_CUT_W11, p_south))
        elif week == 12:
            put("zone-pokrovsk-centre", "ru_advance", p_south)
    # North of the railway: contested from Nov 17 (its eastern part first).
    if week >= 12:
        put("zone-pokrovsk-north", "contested", p_north)
    elif week == 11:
        put("zone-pokrovsk-north", "contested", p_north.intersection(Polygon(
            [(37.15, 48.28), (37.24, 48.28), (37.24, 48.33), (37.15, 48.33)])))
    if week >= 11:
        cut = MYRNOHRAD_CUTS[max(k for k in MYRNOHRAD_CUTS if k <= week)]
        put("zone-myrnohrad-south", "ru_advance", S.below(cut, myr))
    # Outside the towns: key frames, kept off the towns and off the corridor.
    towns = pok.union(myr)
    gap = corridor(week)
    off = towns.union(gap) if gap is not None else towns
    put("zone-southern-front", "ru_control", Polygon(_front(week)).difference(off))
    put("zone-northern-pincer", "ru_control", Polygon(S.interpolate(NORTH, week)).difference(off))
    return out


def claims() -> list[tuple[str, str, str, date, BaseGeometry, str]]:
    """(zone id, name, status, from, shape, notes) of the claim-tier zones."""
    p_south, p_north = S.pokrovsk_halves()
    return [
        ("zone-claim-ru", "Russian claim: all of Pokrovsk", "ru_claim", date(2025, 12, 1),
         S.tidy(S.buffer_m(S.town("Pokrovsk"), 150)),
         "Claimed by President Putin and the Defence Ministry on Dec 1: the whole town outline."),
        ("zone-claim-ua", "Ukrainian claim: presence in Pokrovsk", "ua_claim", date(2025, 12, 2),
         S.tidy(p_north),
         "Kyiv denies the capture and still claims a presence in the town; drawn over the north, where "
         "Ukrainian positions are reported."),
    ]
