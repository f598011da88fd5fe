"""Stance everywhere a quote is shown (#15, item 3): one mark and colour per stance, supporting
first — in the caption lines of frames and presentation, the changes list, and the exports."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import date

from shapely.geometry import box

from desktop.model import CommandStack, Project, Quote, Source, add_assessment, create_zone
from desktop.model import stance
from desktop.model.evidence_commands import link_quote
from desktop.model.record_commands import put_record
from desktop.model.timeline import WEEK, changes_in_step, frame_captions
from desktop.storage.exports.exporter import export_project

D1 = date(2025, 11, 24)


def _project() -> tuple[Project, str]:
    """One contested zone with a context, a contradicting and a supporting quote, linked in that
    order (so any ordering by link or date would put the supporting one last)."""
    p = Project()
    st = CommandStack(p)
    cmd, aid = add_assessment(p, "Ours")
    st.push(cmd)
    cmd, zid = create_zone(p, name="North of the railway", assessment_id=aid,
                           geometry=box(37.15, 48.29, 37.2, 48.31), status="contested", as_of=D1)
    st.push(cmd)
    st.push(put_record(p, "sources", Source("ki", "Kyiv Independent", reliability="B"), "source"))
    st.push(put_record(p, "sources", Source("kr", "Kremlin", reliability="F"), "source"))
    for qid, sid, text, said in (("ctx", "ki", "Strikes recorded in the north", date(2025, 11, 20)),
                                 ("claim", "kr", "Pokrovsk was taken", date(2025, 11, 21)),
                                 ("dig", "ki", "the area above the railway line has proved difficult",
                                  date(2025, 11, 22))):
        st.push(put_record(p, "quotes", Quote(qid, sid, text, said_on=said, credibility=2), "quote"))
    vid = p.version_at(zid, D1).id
    for qid, s in (("ctx", "context"), ("claim", "contradicts"), ("dig", "supports")):
        st.push(link_quote(p, qid, vid, s)[0])
    return p, zid


def test_marks_tell_the_stances_apart_by_shape_and_colour():
    assert len(set(stance.SYMBOL.values())) == 3 and len(set(stance.COLOUR.values())) == 3
    assert [s for s in sorted(stance.SYMBOL, key=stance.rank)] == ["supports", "contradicts", "context"]
    assert stance.counts_text(["context", "supports", "supports", "contradicts"]) == "\u27132 \u27171 \u25cb1"
    assert stance.stance_of("\u21b3 \u2717 Kremlin (F2)") == "contradicts"
    assert stance.stance_of("North: new, Contested") is None


def test_frame_captions_mark_each_quote_supporting_first():
    p, _ = _project()
    lines = frame_captions(p, D1, WEEK)
    assert lines[0].startswith("North of the railway: new")
    quotes = lines[1:]
    assert [stance.stance_of(q) for q in quotes] == ["supports", "contradicts", "context"]
    assert "above the railway" in quotes[0] and "was taken" in quotes[1]
    (row,) = changes_in_step(p, D1, WEEK)
    assert row.quote_stances == ("supports", "contradicts", "context") and row.quote_count == 3


def test_exports_carry_the_stance_supporting_first(tmp_path):
    p, _ = _project()
    gj = tmp_path / "z.geojson"
    export_project(p, gj)
    ev = json.loads(gj.read_text())["features"][0]["properties"]["evidence"]
    assert [e["stance"] for e in ev] == ["supports", "contradicts", "context"]
    kml = tmp_path / "z.kml"
    export_project(p, kml)
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    desc = ET.parse(kml).getroot().find(".//k:Placemark/k:description", ns).text
    marked = [ln for ln in desc.splitlines() if ln[:1] in stance.SYMBOL.values()]
    assert [ln.split(":")[0] for ln in marked] == ["\u2713 supports", "\u2717 contradicts", "\u25cb context"]
    assert "Kremlin (F2)" in marked[1] and "\u201cPokrovsk was taken\u201d" in marked[1]
