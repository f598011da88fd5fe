"""Builders shared by storage tests."""
from __future__ import annotations

from datetime import date

from shapely.geometry import LineString, MultiPolygon, Point, Polygon, box

from desktop.model import CommandStack, add_assessment, create_zone, edit_zone
from desktop.model.entities import Attachment, Observation, Quote, Source
from desktop.model.record_commands import put_record, set_info
from desktop.model.evidence_commands import link_quote


def populate(project) -> CommandStack:
    """Every kind of record, with every field set to something other than its default."""
    st = CommandStack(project)
    st.push(set_info(project, title="Pokrovsk — test ✓", aoi=(36.8, 48.05, 37.7, 48.55), notes="n"))
    cmd, aid = add_assessment(project, "Ours", origin="own", notes="our view")
    st.push(cmd)
    holed = Polygon(box(37.0, 48.0, 37.3, 48.3).exterior.coords,
                    [box(37.1, 48.1, 37.12, 48.12).exterior.coords])
    cmd, z = create_zone(project, name="Pokrovsk south", assessment_id=aid, geometry=holed,
                         status="ru_control", as_of=date(2025, 11, 3), confidence="high",
                         notes="<b>not bold</b>", recorded_on=date(2025, 11, 5), approximate=True,
                         extra=(("fill", "#ff0000"), ("n", 3)))
    st.push(cmd)
    multi = MultiPolygon([box(37.4, 48.2, 37.45, 48.25), box(37.5, 48.2, 37.55, 48.25)])
    cmd, z2 = create_zone(project, name="north", assessment_id=aid, geometry=multi, status="contested",
                          as_of=date(2025, 11, 10))
    st.push(cmd)
    st.push(edit_zone(project, z, date(2025, 11, 17), geometry=box(37.0, 48.0, 37.31234567891234, 48.3)))
    st.push(put_record(project, "sources", Source("s1", "Kyiv Independent", "Pokrovsk in Russia's grip",
                                                  "https://kyivindependent.com/x", date(2025, 12, 3),
                                                  "media", "B", "notes"), "src"))
    st.push(put_record(project, "quotes", Quote("q1", "s1", "It's stupid to keep them surrounded there",
                                                "anonymous drone pilot", date(2025, 12, 3), "uk",
                                                "translated", 3), "q"))
    st.push(put_record(project, "attachments", Attachment("a1", "s1", "still.png", "image/png",
                                                          b"\x89PNG\x00\x01", "ai-generated", "fake"), "a"))
    vid = project.version_at(z, date(2025, 11, 20)).id
    st.push(link_quote(project, "q1", vid, "contradicts")[0])
    obs = Observation("o1", "flag-raising", Point(37.18, 48.28), date(2025, 12, 1), "10:30",
                      "Shybankova Square", "MoD video", (("k", "v"),))
    st.push(put_record(project, "observations", obs, "o"))
    st.push(put_record(project, "observations", Observation("o2", "attack direction",
                       LineString([(37.1, 48.2), (37.15, 48.25)]), date(2025, 12, 2)), "o2"))
    return st


def pokrovsk_series(shared_data, weeks: int | None = None):
    """DeepState's weekly occupied area around Pokrovsk (Sep-Dec 2025) as one dated zone, edited
    as of each file's date: (project, stack, assessment id, zone id, the files' dates)."""
    import json
    from pathlib import Path

    from shapely.geometry import shape

    from desktop.model import Project
    folder = Path(shared_data) / "frontline" / "deepstate_cyterat_pokrovsk_2025"
    p = Project()
    st = CommandStack(p)
    cmd, aid = add_assessment(p, "DeepState")
    st.push(cmd)
    zid, dates = None, []
    for f in sorted(folder.glob("*.geojson"))[:weeks]:
        doc = json.loads(f.read_text())
        d, g = date.fromisoformat(doc["deepstate_date"]), shape(doc["features"][0]["geometry"])
        if zid is None:
            cmd, zid = create_zone(p, name="Occupied", assessment_id=aid, geometry=g, status="ru_control", as_of=d)
            st.push(cmd)
        else:
            st.push(edit_zone(p, zid, d, geometry=g))
        dates.append(d)
    return p, st, aid, zid, dates
