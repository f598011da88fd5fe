"""The kinds of observation the analyst picks from, with what the analyst reads.

The point kinds are those the map has a symbol for (desktop/render/symbols.py matches kinds
loosely, so imported files may bring kinds of their own); the attack direction is the kind of a
line. The toolbar's chooser and the inspector's form both list them from here.
"""
from __future__ import annotations

POINT_KINDS: tuple[tuple[str, str], ...] = (
    ("video", "Geolocated video"), ("flag", "Flag raised"), ("strike", "Strike"),
    ("unit", "Unit position"), ("destroyed", "Destroyed"), ("observation", "Other"))
LINE_KINDS: tuple[tuple[str, str], ...] = (("attack_direction", "Attack direction"),)
