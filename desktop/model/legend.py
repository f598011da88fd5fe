"""The legend: status keys, their labels, tiers and looks (DESIGN.md's default vocabulary)."""
from __future__ import annotations

from dataclasses import dataclass

TIERS = ("assessed", "claim", "annotation")
PATTERNS = ("", "diagonal", "cross", "stipple")  # a status's own pattern (Status.hatch); "": none


@dataclass(frozen=True)
class Status:
    key: str
    label: str
    tier: str  # one of TIERS
    colour: str  # "#rrggbb"
    fill_opacity: float = 0.35
    hatch: str = ""  # pattern: "" or "diagonal" / "cross" / "stipple"
    dashed: bool = False
    order: int = 0  # draw and list order

    def __post_init__(self) -> None:
        if self.tier not in TIERS:
            raise ValueError(f"status {self.key!r}: tier must be one of {TIERS}, not {self.tier!r}")


DEFAULT_STATUSES: tuple[Status, ...] = (
    Status("ru_control", "Russian-controlled (assessed)", "assessed", "#a52714", 0.35, order=0),
    Status("ru_control_2014", "Held by Russia since 2014", "assessed", "#880e4f", 0.40, order=1),
    Status("ru_advance", "Russian advance / infiltration (assessed)", "assessed", "#d84315", 0.20,
           hatch="diagonal", dashed=True, order=2),
    Status("contested", "Contested / grey zone", "assessed", "#bdbdbd", 0.45, order=3),
    Status("ua_liberated", "Retaken by Ukraine", "assessed", "#0f9d58", 0.35, order=4),
    Status("ru_claim", "Claimed by Russia, not assessed", "claim", "#ef6c00", 0.12, order=5),
    Status("ua_claim", "Claimed by Ukraine, not assessed", "claim", "#4fc3f7", 0.12, order=6),
    Status("corridor", "Supply corridor / encirclement gap", "annotation", "#7b1fa2", 0.10,
           dashed=True, order=7),
)


def default_legend() -> dict[str, Status]:
    return {s.key: s for s in DEFAULT_STATUSES}


# Looks of statuses met in imported data but not in the legend: one colour in turn with each
# pattern, then the next colour, so two such statuses never look the same (up to 16 of them).
UNKNOWN_COLOURS = ("#607d8b", "#8d6e63", "#00897b", "#5c6bc0")
UNKNOWN_PATTERNS = PATTERNS


def unknown_status(key: str, order: int = 100) -> Status:
    """A legend entry for a status met in imported data but not in the legend."""
    i = max(0, order - 100)
    n = len(UNKNOWN_PATTERNS)
    return Status(key, key.replace("_", " ").capitalize(), "annotation", UNKNOWN_COLOURS[(i // n) % len(UNKNOWN_COLOURS)],
                  0.2, hatch=UNKNOWN_PATTERNS[i % n], order=order)


def short_label(label: str) -> str:
    """A status label without its closing qualifier, for narrow columns: "Russian-controlled
    (assessed)" -> "Russian-controlled" (the full label goes in the tooltip)."""
    if label.endswith(")") and " (" in label:
        return label[: label.rindex(" (")]
    return label
