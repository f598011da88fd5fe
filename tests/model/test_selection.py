"""The Qt-free selection: one owner of the picked ids, heard by the views that show them."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from desktop.model.selection import Selection

ids = st.lists(st.sampled_from(["z1", "z2", "z3", "o1", "o2"]), max_size=8)


@given(ids)
def test_set_keeps_the_order_picked_and_drops_repeats(picked):
    s = Selection()
    s.set(picked)
    assert s.ids == tuple(dict.fromkeys(picked))
    assert list(s) == list(s.ids) and len(s) == len(set(picked))
    assert all(i in s for i in picked) and "elsewhere" not in s


@given(ids, ids)
def test_listeners_hear_a_change_and_only_a_change(first, second):
    s = Selection(first)
    seen: list[tuple[str, ...]] = []
    s.listeners.append(seen.append)
    s.set(second)
    s.set(second)  # the same again: nothing to hear
    changed = tuple(dict.fromkeys(first)) != tuple(dict.fromkeys(second))
    assert seen == ([tuple(dict.fromkeys(second))] if changed else [])


@given(ids, ids)
def test_discard_drops_only_what_is_gone(picked, gone):
    s = Selection(picked)
    s.discard(gone)
    assert s.ids == tuple(i for i in dict.fromkeys(picked) if i not in gone)


def test_clear_and_one_bare_id_is_refused():
    s = Selection(["z1", "z2"])
    seen: list[tuple[str, ...]] = []
    s.listeners.append(seen.append)
    s.clear()
    assert s.ids == () and not s and seen == [()]
    with pytest.raises(TypeError):
        s.set("z1")  # would select "z" and "1"
