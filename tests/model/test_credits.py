"""Whose each layer is: `credits.attributions` and `credits.status_label`, which every painter of
a map, frame or export asks (#15, item 4)."""
from __future__ import annotations

from desktop.model import CommandStack, Project
from desktop.model.credits import attribution_line, attributions, licences, own_labels, status_label
from desktop.model.entities import Assessment
from desktop.model.record_commands import put_record


def _project() -> Project:
    p = Project()
    st = CommandStack(p)
    for a in (Assessment("ds", "DeepState", credit="\u00a9 DeepStateMap.live", licence="Credit DeepState",
                         labels=(("ru_control", "DeepState: occupied"),)),
              Assessment("ds2", "DeepState 2022", credit=" \u00a9 DeepStateMap.live "),
              Assessment("ours", "Our assessment"),
              Assessment("isw", "ISW", credit="\u00a9 ISW")):
        st.push(put_record(p, "assessments", a, "a"))
    return p


def test_attributions_of_the_shown_layers_once_each_in_order():
    p = _project()
    assert attributions(p, ["ours"]) == []
    assert attributions(p, ["ds", "ds2", "ours"]) == ["\u00a9 DeepStateMap.live"]
    assert attributions(p, ["isw", "ds"]) == ["\u00a9 ISW", "\u00a9 DeepStateMap.live"]
    assert attributions(p, ["gone"]) == []
    assert attributions(p) == ["\u00a9 DeepStateMap.live", "\u00a9 ISW"]  # all, by name
    assert attribution_line(p, ["isw", "ds"]) == "\u00a9 ISW \u00b7 \u00a9 DeepStateMap.live"
    assert attribution_line(p, []) == ""
    assert licences(p, ["ds", "ours"]) == [("DeepState", "Credit DeepState")]


def test_a_layers_own_words_else_the_legends():
    p = _project()
    assert status_label(p, "ru_control", "ds") == "DeepState: occupied"
    assert status_label(p, "contested", "ds") == "Contested / grey zone"
    assert status_label(p, "ru_control", "ours") == "Russian-controlled (assessed)"
    assert status_label(p, "ru_control") == "Russian-controlled (assessed)"
    assert status_label(p, "no_such", "ds") == "no_such"
    assert own_labels(p, "ds") == {"ru_control": "DeepState: occupied"} and own_labels(p, None) == {}
