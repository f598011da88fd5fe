"""A view that frames the work (#17, item 3): a project opens on where its zones are — the zones
of its last date holding most of the area — never on a view a far, small outlier stretched."""
from __future__ import annotations

from datetime import date

import pytest
from shapely.geometry import box

from desktop.model import CommandStack, Project, add_assessment, create_zone
from desktop.model.mercator import bbox_to_lonlat
from desktop.render.frame import default_bbox

D1, D2 = date(2025, 11, 24), date(2025, 12, 1)


def _project(*zones) -> Project:
    p = Project()
    st = CommandStack(p)
    cmd, aid = add_assessment(p, "A")
    st.push(cmd)
    for i, (geom, when) in enumerate(zones):
        st.push(create_zone(p, name=f"z{i}", assessment_id=aid, geometry=geom, status="ru_control", as_of=when)[0])
    return p


def test_a_far_small_outlier_does_not_frame_the_view():
    front = box(36.9, 48.0, 37.6, 48.5)
    joke = box(125.70, 39.00, 125.72, 39.02)  # "Pyongyang"
    w, s, e, n = bbox_to_lonlat(*default_bbox(_project((front, D1), (joke, D1))))
    assert 36.5 < w < 36.95 and 37.55 < e < 38.0 and 47.9 < s < 48.05 and 48.45 < n < 48.6


def test_every_zone_is_framed_when_none_is_an_outlier():
    a, b = box(36.9, 48.0, 37.2, 48.2), box(37.3, 48.3, 37.6, 48.5)
    w, s, e, n = bbox_to_lonlat(*default_bbox(_project((a, D1), (b, D1))))
    assert w < 36.9 and e > 37.6 and s < 48.0 and n > 48.5


def test_the_last_date_frames_the_view():
    old = box(30.0, 50.0, 30.5, 50.5)  # ended long ago, elsewhere
    p = _project((old, date(2022, 3, 1)))
    st = CommandStack(p)
    from desktop.model.edits import end_zone
    st.push(end_zone(p, next(iter(p.zones)), date(2022, 4, 1)))
    st.push(create_zone(p, name="now", assessment_id=next(iter(p.assessments)), geometry=box(37.0, 48.0, 37.3, 48.3),
                        status="ru_control", as_of=D2)[0])
    w, s, e, n = bbox_to_lonlat(*default_bbox(p))
    assert w > 36.5 and e < 37.8


def test_a_real_deepstate_snapshot_opens_on_the_front(shared_data):
    from desktop.storage.imports.importer import import_files
    folder = shared_data / "frontline" / "deepstate_raw_full_samples"
    files = sorted(folder.glob("*.geojson*"))  # named by Unix time: the last is 2025-08-03
    if not files:
        pytest.skip(f"no raw DeepState snapshot in {folder}")
    p = Project()
    import_files(p, [files[-1]])
    w, s, e, n = bbox_to_lonlat(*default_bbox(p))
    assert 21 < w and e < 45 and 43 < s and n < 54, (w, s, e, n)
