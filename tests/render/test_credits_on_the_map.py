"""Every layer says whose it is, on the map (#15, items 4-5): the credit of each assessment shown
("© DeepStateMap.live") and the project's own (organisation, licence) are in the attribution of
every frame and export where that layer is shown; the legend uses a layer's own words for the
statuses only it draws; the title carries the project's subtitle. Read back from SVG exports,
whose chrome is text."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date

from shapely.geometry import box

from desktop.model import CommandStack, Project, add_assessment, create_zone

from desktop.model.mercator import bbox_to_merc
from desktop.model.record_commands import put_record, set_info
from desktop.render.export import write_image
from desktop.render.step_frames import step_spec

D = date(2025, 12, 1)
BBOX = bbox_to_merc(36.9, 48.2, 37.4, 48.45)


def _project() -> tuple[Project, str, str]:
    p = Project()
    st = CommandStack(p)
    cmd, ours = add_assessment(p, "Our assessment")
    st.push(cmd)
    cmd, ds = add_assessment(p, "DeepState")
    st.push(cmd)
    a = p.assessments[ds]
    st.push(put_record(p, "assessments", replace(a, credit="© DeepStateMap.live", licence="see README",
                                                 labels=(("ru_control", "DeepState: occupied"),)), "credit"))
    st.push(create_zone(p, name="Occupied 1", assessment_id=ds, geometry=box(37.0, 48.25, 37.1, 48.3),
                        status="ru_control", as_of=D)[0])
    st.push(create_zone(p, name="Grey 1", assessment_id=ours, geometry=box(37.2, 48.3, 37.3, 48.35),
                        status="contested", as_of=D)[0])
    st.push(set_info(p, title="Pokrovsk axis", subtitle="Weekly control, as assessed",
                     organisation="Frontline desk", licence="CC BY 4.0"))
    return p, ours, ds


def _texts(spec, tmp_path, name="f.svg") -> list[str]:
    out = tmp_path / name
    write_image(spec, (1600, 900), out)
    return [" ".join("".join(t.itertext()).split()) for t in ET.parse(out).getroot().iter()
            if t.tag.endswith("text")]


def test_a_shown_layer_brings_its_credit_and_words_and_the_project_its_own(qapp, tmp_path):
    p, ours, ds = _project()
    texts = _texts(step_spec(p, D, bbox=BBOX), tmp_path)
    joined = " | ".join(texts)
    assert "© DeepStateMap.live" in joined and "© Frontline desk · CC BY 4.0" in joined
    assert "© OpenStreetMap contributors" in joined  # the basemap's credit stays
    assert "DeepState: occupied" in texts and "Russian-controlled (assessed)" not in texts
    assert "Pokrovsk axis" in texts and "Weekly control, as assessed" in texts


def test_a_hidden_layer_takes_its_credit_and_words_away(qapp, tmp_path):
    p, ours, ds = _project()
    shown = replace(step_spec(p, D, bbox=BBOX), assessments=frozenset({ours}))
    spec = step_spec(p, D, base=shown)  # as presentation mode builds it from the map's layers
    joined = " | ".join(_texts(spec, tmp_path))
    assert "DeepStateMap" not in joined and "DeepState: occupied" not in joined
    assert "© Frontline desk · CC BY 4.0" in joined


def test_a_status_two_layers_draw_keeps_the_legend_word(qapp, tmp_path):
    p, ours, ds = _project()
    st = CommandStack(p)
    st.push(create_zone(p, name="Ours red", assessment_id=ours, geometry=box(36.95, 48.38, 37.05, 48.42),
                        status="ru_control", as_of=D)[0])
    texts = _texts(step_spec(p, D, bbox=BBOX), tmp_path)
    assert "Russian-controlled (assessed)" in texts and "DeepState: occupied" not in texts
