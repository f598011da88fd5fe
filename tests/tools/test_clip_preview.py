"""Clipping without surprises (#14, item 5), as the tools show it: the neighbours a draw or a
reshape will cut are known before the committing click (`tool.cuts`), the finished edit's
message names each with the km² it lost, and drawing over a zone of the same status asks
whether it is more of that zone (merged, its quotes kept) or a separate one."""
from __future__ import annotations

import re
from datetime import date

from shapely.geometry import Polygon, box

from desktop.model.evidence_commands import add_quote, add_source, link_quote
from desktop.model.geodesy import area_km2
from desktop.tools import DrawPolygonTool, ReshapeTool

NEIGHBOUR = [(37.1, 48.0), (37.2, 48.0), (37.2, 48.1), (37.1, 48.1)]
OVER = [(37.15, 48.02), (37.25, 48.02), (37.25, 48.06), (37.15, 48.06)]  # its eastern half, and beyond


def _lost_km2(message: str, name: str) -> float:
    m = re.search(re.escape(name) + r" \(−([\d.,e+-]+) km²\)", message)
    assert m, f"{name!r} not named with its loss in {message!r}"
    return float(m.group(1).replace(",", ""))


def test_drawing_shows_the_neighbour_it_will_cut_before_the_last_click(h):
    n = h.draw(NEIGHBOUR, status="ru_control")
    h.ctx.status = "contested"
    tool = DrawPolygonTool(h.ctx)
    h.click(tool, *OVER[0])
    h.click(tool, *OVER[1])
    assert tool.cuts == ()  # two points: no area yet
    h.take(tool.move(h.ev(*OVER[2])))
    assert [c.zone_id for c in tool.cuts] == [n]
    cut = tool.cuts[0]
    expected = Polygon(OVER[:3]).intersection(box(37.1, 48.0, 37.2, 48.1))
    assert abs(cut.lost.area - expected.area) < 1e-12 and not cut.same_status
    said = [r.message for r in h.results if r.message]
    assert any(m == f"Will cut {h.project.zones[n].name}" for m in said), said
    h.take(tool.move(h.ev(37.2, 48.02)))  # back on the first side: no area, so nothing cut
    assert tool.cuts == () and h.results[-1].message == tool.help
    h.take(tool.key("Escape"))
    assert tool.cuts == ()


def test_the_finished_draw_names_each_clipped_neighbour_with_the_km2_it_lost(h):
    n = h.draw(NEIGHBOUR, status="ru_control")
    name = h.project.zones[n].name
    before = area_km2(h.shape(n))
    h.draw(OVER, status="contested")
    lost = before - area_km2(h.shape(n))
    assert lost > 1
    assert abs(_lost_km2(h.results[-1].message, name) - lost) < 0.01


def test_clip_self_mode_and_annotations_cut_nothing(h):
    h.draw(NEIGHBOUR, status="ru_control")
    for status, mode in (("contested", "clip_self"), ("ua_claim", "clip_others")):
        h.ctx.status, h.ctx.clip_mode = status, mode
        tool = DrawPolygonTool(h.ctx)
        for x, y in OVER[:3]:
            h.click(tool, x, y)
        assert tool.cuts == (), (status, mode)
        tool.cancel()


def test_reshape_shows_the_neighbour_before_the_line_is_finished(h):
    a = h.draw([(37.0, 48.0), (37.1, 48.0), (37.1, 48.1), (37.0, 48.1)], status="ru_control")
    b = h.draw(NEIGHBOUR, status="contested")
    h.ctx.selection.set([a])
    tool = ReshapeTool(h.ctx)
    for x, y in [(37.1, 48.02), (37.15, 48.02), (37.15, 48.07)]:
        h.click(tool, x, y)
    assert tool.cuts == ()  # the line does not end on the border yet
    tool.move(h.ev(37.1, 48.07))
    assert [c.zone_id for c in tool.cuts] == [b]
    r = h.take(tool.double_click(h.ev(37.1, 48.07)))
    assert "clipped " + h.project.zones[b].name in r.message


def test_drawing_over_the_same_status_offers_to_add_to_it_with_its_quotes(h):
    p = h.project
    n = h.draw(NEIGHBOUR, status="contested")
    h.stack.push(add_source(p, "Kyiv Independent", id_="src")[0])
    h.stack.push(add_quote(p, "src", "fighting in the north", id_="q")[0])
    h.stack.push(link_quote(p, "q", p.version_at(n, h.ctx.when).id, "supports")[0])
    zones_before = set(p.zones)
    h.ctx.cursor.set_date(date(2025, 11, 10))
    h.answer = 0  # "Add to ..."
    h.draw(OVER, status="contested")
    offer = h.offers[-1]
    assert p.zones[n].name in offer.question and len(offer.choices) == 2
    assert offer.choices[0].label.startswith("Add to") and offer.choices[1].label.startswith("New zone")
    assert set(p.zones) == zones_before  # no new zone: more of the same one
    v = p.version_at(n, date(2025, 11, 10))
    assert v.geometry.equals(box(37.1, 48.0, 37.2, 48.1).union(Polygon(OVER)))
    assert p.version_at(n, date(2025, 11, 9)).geometry.equals(box(37.1, 48.0, 37.2, 48.1))  # as it was
    linked = {(e.quote_id, e.stance) for e in p.evidence.values() if e.target_id == v.id}
    assert linked == {("q", "supports")}
    h.stack.undo()
    assert p.version_at(n, date(2025, 11, 10)).geometry.equals(box(37.1, 48.0, 37.2, 48.1))


def test_the_other_answer_draws_a_separate_zone_that_cuts_it(h):
    n = h.draw(NEIGHBOUR, status="contested")
    h.answer = 1
    z = h.draw(OVER, status="contested")
    assert z != n and z in h.project.zones
    assert h.shape(z).intersection(h.shape(n)).area < 1e-14


def test_a_neighbour_that_begins_later_is_named_with_the_date_it_loses_from(h):
    h.ctx.cursor.set_date(date(2025, 11, 8))
    n = h.draw(NEIGHBOUR, status="ru_control")
    h.ctx.cursor.set_date(date(2025, 11, 1))  # the new zone holds from before the neighbour began
    h.draw(OVER, status="contested")
    assert f"{h.project.zones[n].name} (−" in h.results[-1].message
    assert "km² from 2025-11-08)" in h.results[-1].message
