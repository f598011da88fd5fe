"""Benchmark: moving the timeline cursor on the full-front series (111 weeks) and a 2,000-zone
stress project. Prints medians and ratios against named baselines; asserts only sanity.

Figures printed:
- the "changes this step" rows and captions of a week (model only);
- the chart's km² table over all weeks by one sweep, beside the baseline of one
  `Project.area_series` call (one `state_at` per week);
- a cursor move repainting the timeline bar, the area chart and the changes list together
  (the issue's budget for a move, map included, is 50 ms median);
- a cursor move repainting presentation mode at 1920x1080 (the shared frame painter; the
  issue's budget for a full styled frame is 16 ms median).
"""
from __future__ import annotations

import json
import random
import statistics
from datetime import date
from pathlib import Path

import pytest
from shapely.geometry import shape

from desktop.model import Project
from desktop.model.changes import ChangeBuilder
from desktop.model.entities import Assessment, Zone, ZoneVersion
from desktop.model import timeline
from desktop.model.timeline import WEEK, area_table, changes_in_step, frame_captions, steps_between

from benchmarks.bench_data import measure, stress_project

WEEKLY = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "frontline" / "deepstate_cyterat_weekly"
MOVES = 30


def _ms(xs: list[float]) -> str:
    return f"{statistics.median(xs) * 1e3:7.2f} ms median, {max(xs) * 1e3:7.2f} ms max"


def full_front() -> tuple[Project, list[date]]:
    """The 111 weekly DeepState files as one zone with a version per week, as a series import makes."""
    files = sorted(WEEKLY.glob("*.geojson"))
    p = Project()
    b = ChangeBuilder(p)
    b.put("assessments", "a", Assessment("a", "DeepState"))
    b.put("zones", "z", Zone("z", "Occupied", "a"))
    weeks = [date.fromisoformat(f.stem[-8:-4] + "-" + f.stem[-4:-2] + "-" + f.stem[-2:]) for f in files]
    for i, (f, d) in enumerate(zip(files, weeks)):
        g = shape(json.loads(f.read_text())["features"][0]["geometry"])
        end = weeks[i + 1] if i + 1 < len(weeks) else None
        b.put("versions", f"v{i}", ZoneVersion(f"v{i}", "z", g, "ru_control", d, end))
    p.apply(b.build())
    return p, weeks


def _bench_model(name: str, p: Project, weeks: list[date]) -> None:
    rng = random.Random(1)
    picks = [rng.choice(weeks[1:]) for _ in range(MOVES)]
    it = iter(picks * 4)

    def cold() -> None:
        timeline._DIFF_CACHE.clear()  # measure the overlays, not the memo
        changes_in_step(p, next(it), WEEK)

    rows = measure(cold, MOVES)
    for d in picks:
        changes_in_step(p, d, WEEK)
    it1 = iter(picks * 4)
    warm = measure(lambda: changes_in_step(p, next(it1), WEEK), MOVES)
    it2 = iter(picks * 4)
    caps = measure(lambda: frame_captions(p, next(it2), WEEK), MOVES)
    steps = steps_between(weeks[0], weeks[-1], WEEK)
    sweep = measure(lambda: area_table(p, steps), 5)
    base = measure(lambda: p.area_series(steps), 3)
    print(f"\n[{name}] {len(p.zones)} zones, {len(p.versions)} versions, {len(steps)} weeks")
    print(f"  changes this step, cold       {_ms(rows)}")
    print(f"  changes this step, seen pair  {_ms(warm)}")
    print(f"  frame captions                {_ms(caps)}")
    print(f"  km² table, one sweep          {_ms(sweep)}")
    print(f"  baseline Project.area_series  {_ms(base)}   ratio {statistics.median(base) / statistics.median(sweep):6.1f}x faster")


def _bench_widgets(name: str, p: Project, weeks: list[date], qtbot) -> None:
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from desktop.ui.timeline.area_chart import AreaChart
    from desktop.ui.timeline.changes_panel import ChangesPanel
    from desktop.ui.map.presentation import PresentationView
    from desktop.ui.timeline.bar import TimelineBar
    from desktop.model.cursor import TimelineCursor
    from desktop.ui.timeline.playback import Playback

    cursor = TimelineCursor(p)
    playback = Playback(cursor)
    host = QWidget()
    lay = QVBoxLayout(host)
    bar, chart, panel = TimelineBar(playback), AreaChart(cursor), ChangesPanel(cursor)
    for w in (bar, chart, panel):
        lay.addWidget(w)
    host.resize(1600, 520)
    qtbot.addWidget(host)
    host.show()
    qtbot.waitExposed(host)
    rng = random.Random(2)
    picks = iter([rng.choice(weeks) for _ in range(4 * MOVES)])

    def move() -> None:
        cursor.set_date(next(picks))
        host.repaint()

    moves = measure(move, MOVES)
    view = PresentationView(playback)
    view.resize(1920, 1080)
    view.show()
    qtbot.waitExposed(view)

    def present() -> None:
        cursor.set_date(next(picks))
        view.repaint()

    frames = measure(present, MOVES)
    view.close()
    print(f"  cursor move: bar+chart+list   {_ms(moves)}   (issue budget for a move, map included: 50 ms)")
    print(f"  cursor move: presentation     {_ms(frames)}   (issue budget for a styled 1080p frame: 16 ms)")
    assert chart.dates and panel.rows is not None


@pytest.mark.skipif(not WEEKLY.is_dir(), reason="../shared/data/frontline is absent")
def test_bench_timeline_full_front(qtbot):
    p, weeks = full_front()
    assert len(weeks) == 111
    _bench_model("full front, 111 weeks", p, weeks)
    _bench_widgets("full front", p, weeks, qtbot)


def test_bench_timeline_stress(qtbot):
    p, weeks = stress_project()
    assert len(p.zones) == 2000
    _bench_model("stress, 2,000 zones", p, weeks)
    _bench_widgets("stress", p, weeks, qtbot)
