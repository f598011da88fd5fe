"""Which legend status an imported feature gets: the `status` property, its usual names, or
DeepState's own vocabulary (the i18n key, or the English / Ukrainian label in older files).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

# Usual names of a status, lower case, spaces and hyphens as underscores.
SYNONYMS = {
    "occupied": "ru_control", "russian_control": "ru_control", "russian_controlled": "ru_control",
    "ru": "ru_control", "russia": "ru_control", "enemy": "ru_control", "assessed_russian_control": "ru_control",
    "grey_zone": "contested", "gray_zone": "contested", "grey": "contested", "gray": "contested",
    "unknown": "contested", "unknown_status": "contested", "contested": "contested", "disputed": "contested",
    "liberated": "ua_liberated", "retaken": "ua_liberated", "dismissed": "ua_liberated",
    "counteroffensive": "ua_liberated", "ukraine_liberated": "ua_liberated",
    "ordlo": "ru_control_2014", "crimea": "ru_control_2014", "occupied_since_2014": "ru_control_2014",
    "cadr_and_calr": "ru_control_2014",
    "advance": "ru_advance", "russian_advance": "ru_advance", "infiltration": "ru_advance",
    "claimed_by_russia": "ru_claim", "russian_claim": "ru_claim",
    "claimed_by_ukraine": "ua_claim", "ukrainian_claim": "ua_claim",
}


def normalise_key(value: str) -> str:
    s = re.sub(r"[\s\-/]+", "_", value.strip().lower())
    return re.sub(r"[^\w]", "", s)


def map_status(value: Any, legend: dict) -> tuple[str | None, bool]:
    """(legend key, is_new). A value that is neither a key nor a usual name is a new key."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, False
    raw = str(value)
    if raw in legend:
        return raw, False
    key = normalise_key(raw)
    if key in legend:
        return key, False
    if key in SYNONYMS:
        return SYNONYMS[key], False
    return key or "imported", True


# -- DeepState ----------------------------------------------------------------------------------
SATIRICAL_KEYS = ("territories.karelia", "territories.prussia", "territories.kuril", "territories.petsamo",
                  "territories.salla", "territories.estonia", "territories.latvia",
                  "territories.pechorsky-district", "territories.abkhazia", "territories.tskhinvali-district",
                  "territories.transnistria", "territories.ichkeria", "territories.tuzla", "zmiinyi_island",
                  "orban", "fitso")
SATIRICAL_WORDS = ("карел", "karelia", "прусс", "prussia", "куриль", "kuril", "петсамо", "petsamo", "салла",
                   "salla", "естоні", "estonia", "латві", "latvia", "печорськ", "pechor", "абхаз", "abkhaz",
                   "цхінвал", "tskhinval", "придністров", "transnistria", "ічкері", "ichkeri", "тузла",
                   "tuzla", "зміїний", "snake island", "орбан", "orban", "фицо", "фіцо", "fico")
_KEY = re.compile(r"geoJSON\.([\w.\-]+)")
# DeepState's point icons (`{icon=...}` in the description) for what is editorial, not seen on
# the ground: the capitals it marks (Kyiv, Minsk, Moscow; Pyongyang as a joke) and its clowns
# (Orban, Fico). Its newer files key the capitals under `territories.`, like the satirical
# polygons; its older files have no key, only the icon.
EDITORIAL_ICONS = ("russiacapital", "ukrainecapital", "clown")
# The kind a keyless point has by its icon, as the newer files key the same icons (units).
ICON_KINDS = {"enemy": "units", "headquarter": "units", "eblorussia": "units", "iblorussia": "units"}
_ICON = re.compile(r"\{icon=([\w\-]+)")
# DeepState's fill colours, the last resort for polygons of its older files whose name has no
# i18n key and no status word. Blue #0288d1 is liberated ground: in the spring 2022 file it fills
# every "Звільнено" (liberated) polygon, and the three named only by a date or a place ("24.03",
# "Дорога Тростянець-Суми 31.03", "Орки відсутні 30.03": "no orcs", described as roads free and
# local government back); later files draw `status.dismissed` in the same blue.
FILL_STATUS = {"#a52714": "ru_control", "#bcaaa4": "contested", "#bdbdbd": "contested",
               "#0f9d58": "ua_liberated", "#0288d1": "ua_liberated", "#880e4f": "ru_control_2014"}


@dataclass(frozen=True)
class Classified:
    kind: str  # "zone", "observation", "satirical", "unknown"
    status: str = ""  # for zones
    obs_kind: str = ""  # for observations
    name: str = ""


def english_name(name: str) -> str:
    """The readable part of a trilingual DeepState name: English if present, else the first."""
    parts = [p.replace("\xa0", " ").strip() for p in name.split("///")]
    parts = [p for p in parts if p and not p.startswith("geoJSON.")]
    if len(parts) >= 2:
        return parts[1]
    return parts[0] if parts else name.strip()


def is_deepstate(parsed_meta: dict, features: list) -> bool:
    """DeepState files: trilingual names with `///`, an i18n key, KML style hashes, or cyterat's name."""
    if str(parsed_meta.get("name", "")).startswith("deepstatemap_data"):
        return True
    if any(k.startswith("deepstate") for k in parsed_meta):
        return True
    for f in features[:50]:
        p = f.properties
        if "zone_id" in p and "status" in p:
            return False  # our own export, which may carry DeepState's style members as extras
        n = p.get("name")
        if isinstance(n, str) and ("///" in n or "geoJSON." in n):
            return True
        if "styleHash" in p or "styleMapHash" in p:
            return True
    return False


def classify_deepstate(props: dict, polygonal: bool) -> Classified:
    """What a DeepState feature is, by its name (i18n key or words), icon and fill."""
    name, description, fill = props.get("name"), props.get("description"), props.get("fill")
    return _classify_cached(name if type(name) is str else str(name or ""),
                            description if type(description) is str else str(description or ""),
                            fill if type(fill) is str else str(fill or ""), polygonal)


# A snapshot series repeats the same few hundred names file after file: each is classified once.
@lru_cache(maxsize=8192)
def _classify_cached(name: str, description: str, fill: str, polygonal: bool) -> Classified:
    m = _ICON.search(description) if "{icon=" in description else None
    return _classify(name, m[1] if m else "", fill.lower(), polygonal)


def _classify(name: str, icon: str, fill: str, polygonal: bool) -> Classified:
    low = name.lower().replace("\xa0", " ")
    m = _KEY.search(name)
    key = m[1] if m else ""
    label = english_name(name) if name else ""
    if key:
        if key.startswith(SATIRICAL_KEYS):
            return Classified("satirical", name=label)
        if key.startswith("status.occupied"):
            return Classified("zone", "ru_control", name=label)
        if key.startswith("status.unknown"):
            return Classified("zone", "contested", name=label)
        if key.startswith("status.dismissed"):
            return Classified("zone", "ua_liberated", name=label)
        if key in ("territories.ordlo", "territories.crimea"):
            return Classified("zone", "ru_control_2014", name=label)
        if not polygonal and (key.startswith("territories.") or icon in EDITORIAL_ICONS):
            return Classified("satirical", name=label)  # capitals and jokes, not observations
        if not polygonal:
            kind = key.split(".")[0] if not key.startswith("status.") else key.split(".")[1]
            return Classified("observation", obs_kind=kind.replace("-", "_"), name=label)
        if key.startswith("territories."):
            return Classified("satirical", name=label)
        return Classified("unknown", name=label)
    if any(w in low for w in SATIRICAL_WORDS):
        return Classified("satirical", name=label)
    if not polygonal:
        if icon in EDITORIAL_ICONS:
            return Classified("satirical", name=label)
        kind = "attack_direction" if ("напрямок удару" in low or "direction of attack" in low) \
            else ICON_KINDS.get(icon, "marker")
        return Classified("observation", obs_kind=kind, name=label)
    if "ордло" in low or "cadr" in low or "крим" in low or "crimea" in low:
        return Classified("zone", "ru_control_2014", name=label)
    if "звільнено" in low or "liberated" in low:
        return Classified("zone", "ua_liberated", name=label)
    if "статус невідомий" in low or "unknown status" in low or "під питанням" in low:
        return Classified("zone", "contested", name=label)
    if "окупован" in low or "occupied" in low or "зайняті ворогом" in low:
        return Classified("zone", "ru_control", name=label)
    if fill in FILL_STATUS:
        return Classified("zone", FILL_STATUS[fill], name=label)
    if not name and polygonal:
        return Classified("zone", "ru_control", name="")  # cyterat: one merged occupied polygon
    return Classified("unknown", name=label)
