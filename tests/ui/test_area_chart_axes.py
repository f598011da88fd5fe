"""The area chart reads (#15): dates on the time axis at every range (never hours), km² with
thousands separators and no "(x0.001)" scale notes, small series against a second axis instead of
flattened under a large one, and an empty project with a hint.

The axes are checked on what pyqtgraph would draw: `generateDrawSpecs` lays out the tick texts
the axis paints (only the labels that fit), on the chart as shown."""
from __future__ import annotations

import re
import shutil
from datetime import date, datetime, timedelta

import numpy as np
import pytest
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication
from shapely.geometry import box

from desktop.model import CommandStack, Project
from desktop.model.cursor import TimelineCursor
from desktop.model.edits import add_assessment, create_zone, edit_zone
from desktop.ui.timeline.area_chart import (EMPTY_HINT, RIGHT_AXIS, AreaChart, DateAxis, KmAxis, from_x,
                                            km_text, legend_label)

DATE_LABEL = re.compile(r"^(?:(?P<day>\d{1,2}) )?(?P<month>[A-Z][a-z]{2})(?: (?P<year>\d{4}))?$|^(?P<only>\d{4})$")


def _chart(qtbot, project, step="week", size=(900, 320)) -> AreaChart:
    w = AreaChart(TimelineCursor(project, step=step))
    qtbot.addWidget(w)
    w.resize(*size)
    w.show()
    qtbot.waitExposed(w)
    for _ in range(3):  # axes widen to their text, the plots lay out again
        QApplication.processEvents()
    return w


def _drawn(axis) -> list[str]:
    """The tick texts the axis paints at its current size and range."""
    img = QImage(8, 8, QImage.Format_ARGB32_Premultiplied)
    p = QPainter(img)
    try:
        _, _, texts = axis.generateDrawSpecs(p)
    finally:
        p.end()
    return [t[2] for t in texts]


def _dates_of(labels: list[str], lo: date, hi: date) -> list[date]:
    """Every label read as a date (the year carried over from the last label that had one),
    each within [lo, hi]."""
    out, year = [], None
    for text in labels:
        m = DATE_LABEL.match(text)
        assert m, f"{text!r} is not a date"
        if m["only"]:
            year = int(m["only"])
            d = date(year, 1, 1)
        else:
            year = int(m["year"]) if m["year"] else year
            assert year is not None, f"no year before {text!r} in {labels}"
            d = datetime.strptime(f"{m['day'] or 1} {m['month']} {year}", "%d %b %Y").date()
        assert lo <= d <= hi, (text, lo, hi)
        out.append(d)
    return out


def _time_axis_reads_as_dates(w: AreaChart) -> list[date]:
    axis = w.net_plot.getAxis("bottom")
    assert isinstance(axis, DateAxis)
    (x0, x1), _ = w.net_plot.viewRange()
    labels = _drawn(axis)
    assert labels, "no date on the time axis"
    assert not any(":" in t for t in labels), labels  # no hours
    dates = _dates_of(labels, from_x(x0) - timedelta(days=1), from_x(x1) + timedelta(days=1))
    assert dates == sorted(dates) and len(set(dates)) == len(dates)
    return dates


def _project(dates: list[date], big_km2: float = 800.0) -> tuple[Project, dict[str, str]]:
    """A big occupied square growing a little each date, a ~15 km² contested zone and a small
    claim (lon/lat boxes near Pokrovsk; areas as measured)."""
    p = Project()
    st = CommandStack(p)
    cmd, aid = add_assessment(p, "Ours")
    st.push(cmd)
    side = (big_km2 / (111.3 * 74.2)) ** 0.5
    ids = {}
    cmd, ids["ru_control"] = create_zone(p, name="Red", assessment_id=aid, status="ru_control", as_of=dates[0],
                                         geometry=box(36.0, 48.0, 36.0 + side, 48.0 + side))
    st.push(cmd)
    cmd, ids["contested"] = create_zone(p, name="Grey", assessment_id=aid, status="contested", as_of=dates[0],
                                        geometry=box(37.25, 48.2, 37.30, 48.235))
    st.push(cmd)
    cmd, ids["ru_claim"] = create_zone(p, name="Claim", assessment_id=aid, status="ru_claim", as_of=dates[0],
                                       geometry=box(37.4, 48.2, 37.43, 48.22))
    st.push(cmd)
    for i, d in enumerate(dates[1:], 1):
        st.push(edit_zone(p, ids["ru_control"], d, geometry=box(36.0, 48.0, 36.0 + side * (1 + 0.01 * i), 48.0 + side)))
        st.push(edit_zone(p, ids["contested"], d, geometry=box(37.25, 48.2, 37.30 + 0.01 * (i % 3), 48.235)))
    return p, ids


@pytest.mark.parametrize("dates, step", [
    ([date(2025, 11, 3)], "week"),  # one date: the axis was in hours
    ([date(2025, 11, 3), date(2025, 11, 10), date(2025, 11, 17)], "day"),  # two weeks, daily
    ([date(2022, 3, 7) + timedelta(days=91 * i) for i in range(16)], "month"),  # four years
    ([date(2015, 1, 5), date(2025, 6, 2)], "month"),  # ten years
])
def test_time_axis_shows_dates_at_every_range(qtbot, dates, step):
    p, _ = _project(dates)
    w = _chart(qtbot, p, step)
    shown = _time_axis_reads_as_dates(w)
    assert len(shown) >= 2
    (x0, x1), _ = w.net_plot.viewRange()
    assert from_x(x0) <= dates[0] and dates[-1] <= from_x(x1)


def test_time_axis_of_an_empty_project_shows_dates_and_a_hint(qtbot):
    w = _chart(qtbot, Project())
    _time_axis_reads_as_dates(w)
    assert w.hint.isVisible() and w.hint.textItem.toPlainText() == EMPTY_HINT
    (x0, x1), (y0, y1) = w.area_plot.viewRange()
    pos = w.hint.pos()
    assert x0 < pos.x() < x1 and y0 < pos.y() < y1  # in sight
    assert not w.area_plot.listDataItems()


def test_hint_goes_once_a_zone_is_drawn(qtbot):
    p = Project()
    st = CommandStack(p)
    w = _chart(qtbot, p)
    assert w.hint.isVisible()
    cmd, aid = add_assessment(p, "Ours")
    st.push(cmd)
    cmd, _ = create_zone(p, name="A", assessment_id=aid, status="ru_control", as_of=date(2025, 11, 3),
                         geometry=box(37.0, 48.0, 37.1, 48.1))
    st.push(cmd)
    qtbot.waitUntil(lambda: bool(w.table), timeout=2000)
    assert not w.hint.isVisible()


def _numbers(labels: list[str]) -> list[float]:
    for t in labels:
        assert re.fullmatch(r"-?\d{1,3}(,\d{3})*(\.\d+)?", t), f"{t!r} is not a plain km² figure"
    return [float(t.replace(",", "")) for t in labels]


def test_km_axes_have_thousands_separators_and_no_scale_notes(qtbot):
    dates = [date(2025, 9, 1) + timedelta(weeks=i) for i in range(6)]
    p, _ = _project(dates, big_km2=4000.0)
    w = _chart(qtbot, p)
    left = w.area_plot.getAxis("left")
    assert isinstance(left, KmAxis) and left.labelString().find("x0") < 0
    values = _numbers(_drawn(left))
    assert any(v >= 1000 for v in values)
    assert any("," in t for t in _drawn(left))
    for plot in (w.area_plot, w.net_plot):
        for side in ("left", "right"):
            axis = plot.getAxis(side)
            assert axis.autoSIPrefixScale == 1.0
            assert "(x" not in axis.labelString()
    assert [km_text(v) for v in (1234567.0, -1500.0, -0.2, 0.0)] == ["1,234,567", "-1,500", "0", "0"]
    assert KmAxis("left").tickStrings([0.0, 0.5, 1.0], 1.0, 0.5) == ["0.0", "0.5", "1.0"]
    assert KmAxis("left").tickStrings([0.0, 2000.0], 1.0, 2000.0) == ["0", "2,000"]


def test_net_axis_of_a_small_zone_is_on_its_scale(qtbot):
    # One date of a 15 km² zone: no change at all, and the net axis showed ±400 "(x0.001)".
    p = Project()
    st = CommandStack(p)
    cmd, aid = add_assessment(p, "Ours")
    st.push(cmd)
    cmd, _ = create_zone(p, name="Grey", assessment_id=aid, status="contested", as_of=date(2025, 11, 3),
                         geometry=box(37.25, 48.2, 37.30, 48.235))
    st.push(cmd)
    w = _chart(qtbot, p)
    assert 10 < float(next(iter(w.table.values())).max()) < 20
    _, (y0, y1) = w.net_plot.viewRange()
    assert -5 < y0 < 0 < y1 < 5
    assert all(abs(v) <= 5 for v in _numbers(_drawn(w.net_plot.getAxis("left"))))
    # With changes, the net axis spans them (and zero), not much more.
    d2 = date(2025, 11, 10)
    st.push(edit_zone(p, next(iter(p.zones)), d2, geometry=box(37.25, 48.2, 37.32, 48.235)))
    qtbot.waitUntil(lambda: d2 in w.dates, timeout=2000)
    net = next(iter(w.net_change().values()))
    _, (y0, y1) = w.net_plot.viewRange()
    assert y0 <= min(0.0, net.min()) and y1 >= net.max() > 0
    assert y1 - y0 <= 1.5 * (net.max() - min(0.0, net.min()))


def test_small_series_read_against_a_second_axis(qtbot):
    dates = [date(2025, 9, 1) + timedelta(weeks=i) for i in range(8)]
    p, _ = _project(dates)
    w = _chart(qtbot, p)
    aid = next(iter(p.assessments))
    big, grey, claim = (aid, "ru_control"), (aid, "contested"), (aid, "ru_claim")
    assert w.small_series() == {grey, claim}
    right = w.area_plot.getAxis("right")
    assert right.isVisible() and w.small_factor > 1
    (_, _), (y0, y1) = w.area_plot.viewRange()
    curves = {c.series_key: c for c in w.area_plot.listDataItems()}
    # Each series' peak stands well above zero (the claim's was 0.5% of the height, on one
    # axis), the largest of the small ones in the plot's upper half like the largest of all.
    height = {key: curves[key].getData()[1].max() / (y1 - y0) for key in (big, grey, claim)}
    assert min(height.values()) >= 0.1, height
    assert height[big] >= 0.5 and height[grey] >= 0.5, height
    # The curves are the table's km², the small ones read on the right axis's scale.
    for key, km2 in w.series_km2().items():
        np.testing.assert_allclose(km2, w.table[key], rtol=1e-9)
    np.testing.assert_allclose(curves[grey].getData()[1] * right.scale, w.table[grey], rtol=1e-9)
    # The right axis's labels are km² figures covering the small series' peak.
    right_values = _numbers(_drawn(right))
    assert max(right_values) >= 0.5 * float(w.table[grey].max())
    assert max(right_values) <= 2 * max(float(w.table[k].max()) for k in (grey, claim))
    # The legend says which series read on the right.
    names = w.series_names()
    labels = {lab.text: lab for _, lab in w.legend.items}
    assert legend_label(names[grey]) + RIGHT_AXIS in labels and legend_label(names[claim]) + RIGHT_AXIS in labels
    assert legend_label(names[big]) in labels
    # The stacked plots keep the same width: their dates line up.
    a, n = w.area_plot.getViewBox().sceneBoundingRect(), w.net_plot.getViewBox().sceneBoundingRect()
    assert (a.left(), a.right()) == pytest.approx((n.left(), n.right()), abs=1)


def test_one_series_needs_no_second_axis(qtbot):
    p = Project()
    st = CommandStack(p)
    cmd, aid = add_assessment(p, "Ours")
    st.push(cmd)
    cmd, _ = create_zone(p, name="A", assessment_id=aid, status="ru_control", as_of=date(2025, 11, 3),
                         geometry=box(37.0, 48.0, 37.1, 48.1))
    st.push(cmd)
    w = _chart(qtbot, p)
    assert not w.small_series() and not w.area_plot.getAxis("right").isVisible()
    assert not w.net_plot.getAxis("right").isVisible()


def test_the_sample_reads(qtbot, tmp_path):
    from desktop.storage.project.projectfile import close_project, open_project
    from desktop.storage.project.sample import sample_path
    path = tmp_path / "sample.gpkg"
    shutil.copyfile(sample_path(), path)
    p = open_project(path, read_only=True)
    try:
        w = _chart(qtbot, p)
        dates = _time_axis_reads_as_dates(w)
        assert any(d.year == w.dates[0].year for d in dates)
        small = w.small_series()
        assert small and len(small) < len(w.table)
        (_, _), (y0, y1) = w.area_plot.viewRange()
        for c in w.area_plot.listDataItems():
            assert c.getData()[1].max() / (y1 - y0) >= 0.1, c.series_key  # none flat on the zero line
        assert not any("(x" in w.area_plot.getAxis(s).labelString() for s in ("left", "right"))
        assert not w.hint.isVisible()
    finally:
        w.detach()
        close_project(p)
