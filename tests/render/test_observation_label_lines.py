"""Map labels never cut a word (#15, item 6): an observation's name wraps at words onto at most
two lines; past that the last line ends, at a word, with an ellipsis."""
from __future__ import annotations

from hypothesis import given, strategies as st

from desktop.render.observations import LABEL_LINE_CHARS, label_lines

words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzАБВ,", min_size=1, max_size=14)


@given(st.lists(words, min_size=1, max_size=14))
def test_lines_are_whole_words_in_order(ws):
    name = " ".join(ws)
    lines = label_lines(name)
    assert 1 <= len(lines) <= 2
    shown = " ".join(lines)
    cut = shown.endswith("\u2026")
    shown_words = shown.rstrip("\u2026").split()
    src = name.split()
    # Every word shown is a whole word of the name, in order (the last may lose trailing
    # punctuation before the ellipsis).
    assert shown_words[:-1] == src[:len(shown_words) - 1]
    assert src[len(shown_words) - 1].startswith(shown_words[-1])
    assert cut or shown_words == src
    for line in lines:
        assert len(line) <= LABEL_LINE_CHARS or " " not in line.rstrip("\u2026")


def test_the_sample_label_that_was_cut_mid_word_now_wraps():
    assert label_lines("Reported Ukrainian positions, northern Pokrovsk") == [
        "Reported Ukrainian", "positions, northern Pokrovsk"]
