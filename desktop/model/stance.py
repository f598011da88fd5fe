"""How a quote's stance is shown wherever a quote is: a symbol and a colour, supporting first.

One table, so the map's captions, replay frames, the changes panel, the evidence panel and the
exports mark a quote the same way. The symbols are in DejaVu Sans (bundled): ✓ supports,
✗ contradicts, ○ context — told apart by shape as well as colour, for colour-blind readers and
black-and-white print.
"""
from __future__ import annotations

from desktop.model.entities import STANCES

SYMBOL = {"supports": "\u2713", "contradicts": "\u2717", "context": "\u25cb"}
COLOUR = {"supports": "#2e7d32", "contradicts": "#c62828", "context": "#616161"}
WORD = {"supports": "supports", "contradicts": "contradicts", "context": "context"}
ORDER = {s: i for i, s in enumerate(STANCES)}  # supports, contradicts, context


def symbol(stance: str) -> str:
    return SYMBOL.get(stance, "\u00b7")


def colour(stance: str) -> str:
    return COLOUR.get(stance, COLOUR["context"])


def rank(stance: str) -> int:
    """Sort key: supporting quotes first, then contradicting, then context."""
    return ORDER.get(stance, len(ORDER))


def stance_of(line: str) -> str | None:
    """The stance whose symbol begins a caption line (after an indent arrow), for a painter
    that colours the symbol; None for a line that is not a quote."""
    text = line.lstrip("\u21b3 ")
    for stance, sym in SYMBOL.items():
        if text.startswith(sym + " "):
            return stance
    return None


def counts_text(stances: list[str] | tuple[str, ...]) -> str:
    """"✓2 ✗1" for a list of stances, supporting first; "" for none."""
    out = []
    for s in sorted(set(stances), key=rank):
        out.append(f"{symbol(s)}{sum(1 for x in stances if x == s)}")
    return " ".join(out)
