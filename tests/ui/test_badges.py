"""The Admiralty badge's colour follows the weaker half of the grade."""
from __future__ import annotations

import pytest

from desktop.ui.evidence.badges import RELIABILITY_COLOURS, badge_colour


@pytest.mark.parametrize("code, like", [("A1", "A"), ("B2", "B"), ("B6", "F"), ("A5", "E"), ("E2", "E"),
                                        ("C3", "C"), ("F1", "F"), ("D4", "D")])
def test_the_weaker_half_sets_the_colour(code, like):
    assert badge_colour(code) == RELIABILITY_COLOURS[like]


def test_odd_codes_are_grey():
    assert badge_colour("") == badge_colour("Z9") == "#616161"
    assert badge_colour("B") == RELIABILITY_COLOURS["B"]  # a grade without credibility: the letter's
