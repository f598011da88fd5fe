"""A record's fields come from its dataclass: equality, change sets and edits follow every field,
including one added later (tests/storage/test_added_field.py adds one to a copy of the code)."""
from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from typing import Any

import pytest
from shapely.geometry import LineString, Point, box

import desktop.model.clock as clock
from desktop.model import CommandStack, EditError, Project, add_assessment, create_zone, edit_zone, split_zone
from desktop.model.changes import Change, ChangeSet
from desktop.model.edits import IN_PLACE_FIELDS, VERSION_FIELDS, set_version_fields
from desktop.model.entities import Observation, ZoneVersion
from desktop.model.fields import default_of, has_default, value_type

D1, D2 = date(2025, 11, 3), date(2025, 11, 17)
# Fields whose values are checked against a list: a valid value other than the default.
VALID = {"confidence": "high", "status": "contested"}


def other_value(f: dataclasses.Field, v: Any) -> Any:
    """A value of field `f` unlike `v`, chosen by the field's type alone, so a field added to the
    dataclass is covered without touching this test."""
    if f.name in VALID and VALID[f.name] != v:
        return VALID[f.name]
    kind = value_type(f)
    if kind == "geometry":
        return box(0, 0, 1, 2) if v.equals(box(0, 0, 1, 1)) else box(0, 0, 1, 1)
    if kind == "date":
        return (v or D1) + timedelta(days=1)
    if kind == "bool":
        return not v
    if kind in ("int", "float"):
        return (v or 0) + 1
    if kind == "str":
        return v + "·changed"
    return tuple(v or ()) + (("k", "v"),)


def _version() -> ZoneVersion:
    return ZoneVersion(id="v1", zone_id="z1", geometry=box(0, 0, 1, 1), status="ru_control", valid_from=D1)


def _observation() -> Observation:
    return Observation(id="o1", kind="flag-raising", geometry=Point(1, 2), date=D1)


def test_the_lists_once_kept_by_hand_follow_the_dataclass():
    # What shipped before the lists were derived: a derived list must still say the same.
    assert VERSION_FIELDS == ("status", "approximate", "recorded_on", "confidence", "notes")
    assert IN_PLACE_FIELDS == ("approximate", "recorded_on", "confidence", "notes")


@pytest.mark.parametrize("record", [_version(), _observation()], ids=["version", "observation"])
def test_a_change_of_any_one_field_is_kept_by_compact(record):
    table = "versions" if isinstance(record, ZoneVersion) else "observations"
    for f in dataclasses.fields(record):
        changed = dataclasses.replace(record, **{f.name: other_value(f, getattr(record, f.name))})
        assert changed != record, f.name
        kept = ChangeSet([Change(table, record.id, record, changed)]).compact()
        assert len(kept) == 1, f"a change of only {f.name} was dropped"
        same = dataclasses.replace(record)
        assert ChangeSet([Change(table, record.id, record, same)]).compact() == ()


@pytest.fixture
def env():
    p = Project()
    st = CommandStack(p)
    cmd, aid = add_assessment(p, "Ours")
    st.push(cmd)
    return p, st, aid


def _non_defaults() -> dict[str, Any]:
    """Every in-place attribute of a version set to something other than its default."""
    out = {}
    for f in dataclasses.fields(ZoneVersion):
        if f.name in IN_PLACE_FIELDS:
            assert has_default(f), f"{f.name} needs a default, or older files cannot be read"
            out[f.name] = other_value(f, default_of(f))
    return out


def test_every_attribute_is_carried_by_create_reshape_and_split(env):
    p, st, aid = env
    attrs = _non_defaults()
    cmd, z = create_zone(p, name="A", assessment_id=aid, geometry=box(0, 0, 2, 2), status="ru_control",
                         as_of=D1, **attrs)
    st.push(cmd)
    first = p.version_at(z, D1)
    assert {k: getattr(first, k) for k in attrs} == attrs
    # Carried, all but the day it was recorded: what an edit places is recorded on the day of the edit.
    carried = {k: v for k, v in attrs.items() if k != "recorded_on"}
    st.push(edit_zone(p, z, D2, geometry=box(0, 0, 3, 2)))  # reshape as of a later date
    later = p.version_at(z, D2)
    assert later.id != first.id and {k: getattr(later, k) for k in carried} == carried
    assert later.recorded_on == clock.today()
    cmd, new = split_zone(p, z, LineString([(1.5, -1), (1.5, 3)]), D2)
    st.push(cmd)
    for zid in [z, *new]:
        v = p.version_at(zid, D2)
        assert {k: getattr(v, k) for k in carried} == carried and v.recorded_on == clock.today(), zid


def test_one_field_set_in_place_is_one_undoable_change(env):
    p, st, aid = env
    cmd, z = create_zone(p, name="A", assessment_id=aid, geometry=box(0, 0, 2, 2), status="ru_control", as_of=D1)
    st.push(cmd)
    v = p.version_at(z, D1)
    for name, value in _non_defaults().items():
        cmd = set_version_fields(p, v.id, **{name: value})
        assert len(cmd.changes) == 1, name
        st.push(cmd)
        assert getattr(p.versions[v.id], name) == value
        st.undo()
        assert p.versions[v.id] == v


def test_edits_refuse_a_field_they_do_not_take(env):
    p, st, aid = env
    cmd, z = create_zone(p, name="A", assessment_id=aid, geometry=box(0, 0, 2, 2), status="ru_control", as_of=D1)
    st.push(cmd)
    vid = p.version_at(z, D1).id
    # Once, an unknown name was dropped in silence: the edit "worked" and changed nothing.
    with pytest.raises(EditError, match="unit_name"):
        edit_zone(p, z, D2, unit_name="38th Marine Brigade")
    with pytest.raises(EditError, match="unit_name"):
        create_zone(p, name="B", assessment_id=aid, geometry=box(5, 5, 6, 6), status="contested", as_of=D1,
                    unit_name="x")
    # A status change may clip neighbours: it goes through edit_zone, as of a date.
    with pytest.raises(EditError, match="status"):
        set_version_fields(p, vid, status="contested")
    with pytest.raises(EditError, match="valid_from"):
        set_version_fields(p, vid, valid_from=D2)
