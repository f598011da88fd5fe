"""Which quote backs which zone version or observation, and with what stance.

Rules are by zone and by the week a version starts (week 0 = 2025-09-01). A version the
article says nothing specific about gets the article's general assessment as context, so
every assessed line on the map can be defended with the words it rests on.
"""
from __future__ import annotations

from datetime import date

from sample_plan import FIRST_MONDAY

Rule = tuple[int, int, str, str]  # first week, last week (inclusive), quote key, stance
ALWAYS = (0, 99)

ZONE_RULES: dict[str, list[Rule]] = {
    "zone-southern-front": [(0, 7, "fog", "context"), (0, 10, "flanks", "context"), (11, 99, "flanks", "supports"),
                            (8, 12, "swarm", "supports"), (13, 99, "pincers_met", "supports")],
    "zone-northern-pincer": [(9, 99, "noose", "supports"), (13, 99, "pincers_met", "supports"),
                             (13, 99, "encircled", "supports")],
    "zone-pokrovsk-south": [(7, 12, "swarm", "supports"), (7, 10, "infiltration", "supports"),
                            (11, 12, "overrun", "context"), (13, 99, "south_control", "supports"),
                            (13, 99, "pohorilyi", "supports"), (13, 99, "square_far", "supports"),
                            (13, 99, "overrun", "supports"), (13, 99, "de_facto", "context")],
    "zone-pokrovsk-centre": [(*ALWAYS, "infiltration", "supports"), (*ALWAYS, "swarm", "context")],
    "zone-pokrovsk-north": [(*ALWAYS, "north_strikes", "supports"), (*ALWAYS, "dig_in", "supports"),
                            (12, 99, "pilot_positions", "supports"), (12, 99, "pilot_stupid", "context")],
    "zone-myrnohrad-south": [(*ALWAYS, "broken_in", "supports"), (*ALWAYS, "critical", "context"),
                             (13, 99, "hellish", "context")],
    "zone-corridor": [(5, 12, "no_vehicles", "supports"), (5, 10, "drones", "supports"),
                      (10, 12, "last_rotation", "context"), (11, 12, "critical", "context"),
                      (13, 99, "thinnest", "supports"), (13, 99, "pincers_met", "supports"),
                      (13, 99, "rotations", "supports"), (13, 99, "encircled", "contradicts"),
                      (13, 99, "last_rotation", "contradicts")],
    "zone-claim-ru": [(*ALWAYS, "putin", "supports"), (*ALWAYS, "mod_video", "supports"),
                      (*ALWAYS, "simonyan", "supports"), (*ALWAYS, "genstaff", "contradicts"),
                      (*ALWAYS, "pilot_positions", "contradicts"), (*ALWAYS, "de_facto", "context")],
    "zone-claim-ua": [(*ALWAYS, "genstaff", "supports"), (*ALWAYS, "overrun", "supports"),
                      (*ALWAYS, "pilot_positions", "supports"), (*ALWAYS, "pohorilyi", "context")],
}
FALLBACK = ("fog", "context")

OBSERVATION_LINKS: dict[str, list[tuple[str, str]]] = {
    "obs-flag-shybankova": [("mod_video", "supports"), ("square_far", "supports"), ("simonyan", "context"),
                            ("genstaff", "context"), ("ai_image", "contradicts")],
    "obs-ua-positions-north": [("pilot_positions", "supports"), ("pilot_cut_off", "supports"),
                               ("pilot_stupid", "supports")],
    "obs-destroyed-bridge": [("bridge", "supports")],
    "obs-axis-south": [("pincers_met", "context")],
    "obs-axis-north": [("noose", "supports")],
}


def week_of(d: date) -> int:
    return (d - FIRST_MONDAY).days // 7


def links_for_version(zone_id: str, valid_from: date, tier: str) -> list[tuple[str, str]]:
    w = week_of(valid_from)
    out = [(q, stance) for first, last, q, stance in ZONE_RULES.get(zone_id, []) if first <= w <= last]
    if not out and tier == "assessed":
        out.append(FALLBACK)
    return out
