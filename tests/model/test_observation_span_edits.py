"""A lasting observation (issue 17: one DeepState point over many days) holds on [date,
valid_to): an edit that would put its date on or past its end is refused, so it never vanishes
from every date; moving its date within the span, or ending it later, goes through."""
from __future__ import annotations

from datetime import date

import pytest
from shapely.geometry import Point

from desktop.model import CommandStack, Project
from desktop.model.edits import EditError
from desktop.model.entities import Observation
from desktop.model.record_commands import add_observation, update_record


def _lasting() -> tuple[Project, CommandStack]:
    p = Project()
    st = CommandStack(p)
    st.push(add_observation(p, Observation("o1", "units", Point(37.1, 48.3), date(2025, 3, 1), name="unit",
                                           valid_to=date(2025, 3, 10))))
    return p, st


@pytest.mark.parametrize("day", [date(2025, 3, 10), date(2025, 3, 20)])
def test_a_date_on_or_past_the_end_is_refused_and_nothing_changes(day):
    p, st = _lasting()
    before = p.snapshot()
    with pytest.raises(EditError, match="seen until 2025-03-10 must start before that day"):
        st.push(update_record(p, "observations", "o1", date=day))
    assert p.snapshot() == before
    assert [o.id for o in p.observations_on(date(2025, 3, 5))] == ["o1"]


def test_moving_the_date_within_the_span_or_the_end_later_goes_through():
    p, st = _lasting()
    st.push(update_record(p, "observations", "o1", date=date(2025, 3, 9)))
    st.push(update_record(p, "observations", "o1", date=date(2025, 3, 15), valid_to=date(2025, 3, 30)))
    assert p.observations["o1"].date == date(2025, 3, 15)
    assert [o.id for o in p.observations_on(date(2025, 3, 20))] == ["o1"]
