"""Messages composed in the Qt-free core (#18): English exactly as before for the CLI, logs and
tests, yet translatable where shown — the template and the data kept apart."""
from __future__ import annotations

import copy
import pickle
import string
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from shapely.geometry import LineString, box

from desktop.model import CommandStack, EditError, Project, add_assessment, create_zone, edit_zone, merge_zones
from desktop.model.clip_report import describe_losses
from desktop.model.edits import end_zone, set_version_dates, split_zone
from desktop.model.entities import Attachment, Quote, Source
from desktop.model.evidence_commands import link_quote, set_authenticity, supporting_warning
from desktop.model.messages import Message, joined, message_of, message_templates, with_notes
from desktop.model.record_commands import put_record
from desktop.model.slivers import AREA_KM2, WIDTH_M
from desktop.tools.measure import measure_text

D1, D2, D3 = date(2025, 9, 1), date(2025, 9, 8), date(2025, 9, 15)


def marked(template: str) -> str:
    """A stand-in translator: the template's words in capitals, its {fields} untouched."""
    out = []
    for literal, field, spec, conv in string.Formatter().parse(template):
        out.append(literal.upper().replace("{", "{{").replace("}", "}}"))
        if field is not None:
            out.append("{" + field + ("!" + conv if conv else "") + (":" + spec if spec else "") + "}")
    return "".join(out)


@pytest.fixture
def env():
    p = Project()
    stack = CommandStack(p)
    cmd, aid = add_assessment(p, "Ours")
    stack.push(cmd)
    return p, stack, aid


def _draw(p, stack, aid, geom, name, when=D1, status="ru_control"):
    cmd, zid = create_zone(p, name=name, assessment_id=aid, geometry=geom, status=status, as_of=when)
    stack.push(cmd)
    return cmd, zid


def test_command_labels_read_as_before(env):
    p, stack, aid = env
    cmd, a = _draw(p, stack, aid, box(0, 0, 2, 2), "A")
    assert cmd.label == "Draw A" and isinstance(cmd.label, Message)
    _, b = _draw(p, stack, aid, box(3, 0, 5, 2), "B")
    assert edit_zone(p, a, D2, geometry=box(0, 0, 1, 1)).label == "Edit A as of 2025-09-08"
    assert merge_zones(p, [a, b], D3).label == "Merge A, B as of 2025-09-15"
    assert merge_zones(p, [a], D3, shape=box(0, 0, 3, 3)).label == "Add to A as of 2025-09-15"
    assert end_zone(p, a, D3).label == "End A on 2025-09-15"
    v = p.version_at(a, D1)
    assert set_version_dates(p, v.id, D1, None).label == "Dates of A: 2025-09-01 – open"
    assert set_version_dates(p, v.id, D1, D3).label == "Dates of A: 2025-09-01 – 2025-09-15"


def test_refusals_read_as_before_and_carry_their_message(env):
    p, stack, aid = env
    _, a = _draw(p, stack, aid, box(0, 0, 2, 2), "A")
    v = p.version_at(a, D1)
    with pytest.raises(EditError) as e:
        edit_zone(p, "nope", D1)
    assert str(e.value) == "no zone 'nope'" and isinstance(message_of(e.value), Message)
    with pytest.raises(EditError) as e:
        set_version_dates(p, v.id, D2, D1)
    assert str(e.value) == "A: 'valid to' (2025-09-01) must be after 'valid from' (2025-09-08)"
    assert e.value.message.template == "{zone}: 'valid to' ({to}) must be after 'valid from' ({start})"
    with pytest.raises(EditError) as e:
        split_zone(p, a, LineString([(5, 5), (6, 6)]), D1)
    assert str(e.value) == "the line must cross the zone from one side to the other"
    # A plain-text EditError (a caller's own) still works as before.
    assert str(EditError("plain")) == "plain" and message_of(EditError("plain")) == "plain"


def test_split_sliver_notes_read_as_before(env):
    p, stack, aid = env
    _, a = _draw(p, stack, aid, box(0, 0, 0.2, 0.2), "A")
    # A line grazing a corner would cut off only a sliver (refused, saying so).
    with pytest.raises(EditError) as e:
        split_zone(p, a, LineString([(-0.01, 0.19999), (0.3, 0.19999)]), D1)
    text = str(e.value)
    assert text.startswith("the line would cut only slivers off A (1 sliver part of ")
    assert text.endswith(f" km² (under {AREA_KM2} km² or thinner than {WIDTH_M:g} m) stayed with A)")
    assert e.value.message.render(marked).startswith("THE LINE WOULD CUT ONLY SLIVERS OFF A (1 SLIVER PART OF ")


def test_clip_report_and_measure_read_as_before():
    losses = [("Northern Pokrovsk", 0.4213, D2), ("Zone 3", 0.0123, D3)]
    assert describe_losses(losses, D2) == ("clipped Northern Pokrovsk (−0.42 km²), "
                                           "Zone 3 (−0.012 km² from 2025-09-15)")
    assert describe_losses([], D2) == ""
    translated = describe_losses(losses, D2).render(marked)
    assert translated == "CLIPPED Northern Pokrovsk (−0.42 KM²), Zone 3 (−0.012 KM² FROM 2025-09-15)"
    text = measure_text([(37.0, 48.0), (37.1, 48.0), (37.1, 48.1)])
    assert text.startswith("Distance ") and " · area " in text and text.endswith(" km²")
    assert text.render(marked).startswith("DISTANCE ") and " · AREA " in text.render(marked)
    assert text.render(marked).split(" · ")[0].endswith(" KM")  # the unit is translatable too
    assert measure_text([(37.0, 48.0), (37.001, 48.0)]) == "Distance 75 m"
    assert measure_text([(37.0, 48.0)]) == "Click the points to measure"


def test_evidence_labels_and_warnings_read_as_before():
    p = Project()
    stack = CommandStack(p)
    stack.push(put_record(p, "sources", Source("s", "Outlet"), "add"))
    stack.push(put_record(p, "quotes", Quote("q", "s", "words"), "add"))
    stack.push(put_record(p, "attachments", Attachment("a", "s", "x.png", "image/png", b"1",
                                                       "ai-generated"), "add"))
    assert supporting_warning(p, "q") == "the quote's only attachment is marked AI-generated"
    assert supporting_warning(p, "q").render(marked) == "THE QUOTE'S ONLY ATTACHMENT IS MARKED AI-GENERATED"
    assert set_authenticity(p, "a", "ai-generated").label == "Mark x.png ai-generated"
    with pytest.raises(EditError, match="link target must be a zone version or an observation"):
        link_quote(p, "q", "nowhere")


data = st.text(max_size=30)


@given(name=data, when=data)
def test_data_is_filled_in_unchanged_in_every_language(name, when):
    """Zone names and dates are data: braces or template-like text in them stay as they are."""
    m = Message("{zone} drawn as of {date}", zone=name, date=when)
    assert m == f"{name} drawn as of {when}"
    assert m.render() == str(m)
    assert m.render(marked) == f"{name} DRAWN AS OF {when}"


@given(names=st.lists(data, max_size=4))
def test_nested_and_joined_messages_translate_part_by_part(names):
    parts = [Message("{zone} (−{km2} km²)", zone=n, km2="0.42") for n in names]
    m = with_notes(Message("Split {zone}", zone="A"), [Message("clipped {zones}", zones=joined(", ", parts))])
    english = "Split A" + (" (clipped " + ", ".join(f"{n} (−0.42 km²)" for n in names) + ")")
    assert m == english
    assert m.render(marked) == "SPLIT A (CLIPPED " + ", ".join(f"{n} (−0.42 KM²)" for n in names) + ")"
    assert with_notes("head", ["", ""]) == "head"


def test_a_translation_that_lost_a_placeholder_falls_back_to_english():
    m = Message("{zone} drawn as of {date}", zone="A", date="2025-09-01")
    assert m.render(lambda t: "накреслено {zona}") == "A drawn as of 2025-09-01"
    assert m.render(lambda t: "{zone}: накреслено {date}") == "A: накреслено 2025-09-01"


def test_numbers_keep_their_format_in_translation():
    m = Message("Distance {distance} · area {km2:,.3f} km²", distance="2.5 km", km2=1234.56789)
    assert m == "Distance 2.5 km · area 1,234.568 km²"
    ukrainian = m.render(lambda t: "Відстань {distance} · площа {km2:,.3f} км²")
    assert ukrainian == "Відстань 2.5 km · площа 1,234.568 км²"


def test_messages_survive_copy_and_pickle():
    m = with_notes(Message("Draw {name}", name="A"), [Message("clipped {zones}", zones=joined(", ", ["B"]))])
    for again in (copy.deepcopy(m), pickle.loads(pickle.dumps(m)), copy.copy(m)):
        assert again == m and isinstance(again, Message)
        assert again.render(marked) == m.render(marked) == "DRAW A (CLIPPED B)"


def _dummy(spec: str):
    return 1.5 if spec and spec[-1] in "fgeE%" else 2 if spec and spec[-1] in "dn" else "x"


def test_every_core_template_is_a_literal_that_formats():
    templates, not_literal = message_templates()
    assert not not_literal, f"templates the translators never see: {not_literal}"
    assert len(templates) > 100
    assert "{zone} drawn as of {date}" in templates and "Will cut {zones}" in templates
    for t in templates:
        fields = {f: _dummy(spec) for _, f, spec, _ in string.Formatter().parse(t) if f}
        assert Message(t, **fields) == t.format(**fields)


def test_observation_and_record_labels_keep_their_keys_in_english():
    from shapely.geometry import Point

    from desktop.model.entities import Observation
    from desktop.model.record_commands import add_observation, update_record
    p = Project()
    stack = CommandStack(p)
    cmd = add_observation(p, Observation("o", "attack_direction", Point(0, 0), D1, name="Axis "))
    assert cmd.label == "Add attack_direction Axis"
    stack.push(cmd)
    assert add_observation(p, Observation("o2", "video", Point(0, 0), D1)).label == "Add video"
    assert update_record(p, "observations", "o", notes="n").label == "Edit observation"
    # The key is a word the interface translates; the analyst's name is data.
    assert cmd.label.render(marked) == "ADD ATTACK_DIRECTION Axis"


# -- typed dates, attachments, slivers and evidence badges (#18) --------------------------------

@pytest.mark.parametrize("text, english", [
    ("", "no date typed: type a date as 2025-12-01 or 01.12.2025"),
    ("2024/10/07", "'2024/10/07' is not a whole date: type a date as 2025-12-01 or 01.12.2025"),
    ("0000-01-01", "'0000-01-01': year 0 does not exist"),
    ("2024-13-01", "'2024-13-01': there is no month 13"),
    (" 2025-02-29 ", "'2025-02-29': February 2025 has no day 29"),
    ("31.04.2025", "'31.04.2025': April 2025 has no day 31"),
])
def test_typed_date_refusals_read_as_before_and_translate(text, english):
    from desktop.model.date_text import DateTextError, parse_date_text
    with pytest.raises(DateTextError) as e:
        parse_date_text(text)
    assert str(e.value) == english and isinstance(message_of(e.value), Message)
    upper = e.value.message.render(marked)
    # Every word is the translator's (the hint and the month too); the typed text is data.
    assert upper == english.upper().replace(repr(text.strip()).upper(), repr(text.strip()))


def test_attachment_refusals_read_as_before_and_keep_their_message():
    from desktop.model.evidence_commands import add_attachment
    from desktop.model.evidence_files import MAX_ATTACHMENT_BYTES, AttachmentError, check_attachment
    p = Project()
    CommandStack(p).push(put_record(p, "sources", Source("s", "Outlet"), "add"))
    cases = [
        (b"", "x.png is empty"),
        (b"\x00\x01\x02\xff", "x.png is not an image (PNG, JPEG, GIF, WebP), a PDF or a UTF-8 text file; only "
                              "those can be attached"),
        (b"\x89PNG\r\n\x1a\n" + bytes(MAX_ATTACHMENT_BYTES), "x.png is 20.0 MB; attachments may be at most 20.0 MB. "
                                                           "Attach a smaller copy or a screenshot."),
    ]
    for data, english in cases:
        with pytest.raises(AttachmentError) as e:
            check_attachment("../x.png", data)
        assert str(e.value) == english and isinstance(message_of(e.value), Message)
        with pytest.raises(EditError) as e:  # the command keeps the Message for the interface
            add_attachment(p, "s", "../x.png", data)
        assert str(e.value) == english
        assert message_of(e.value).render(marked).startswith("x.png IS ")


def test_sliver_notes_read_as_before_and_translate():
    from desktop.model.slivers import describe
    gave, = describe({"Zone 3": 0.001234})
    assert gave == (f"Zone 3 gave up slivers of 0.0012 km² to the edited zone "
                    f"(parts under {AREA_KM2} km² or thinner than {WIDTH_M:g} m)")
    assert gave.render(marked) == (f"Zone 3 GAVE UP SLIVERS OF 0.0012 KM² TO THE EDITED ZONE "
                                   f"(PARTS UNDER {AREA_KM2} KM² OR THINNER THAN {WIDTH_M:g} M)")
    dropped, = describe({"A, B": 0.00005}, dropped=True)
    assert dropped == "Slivers of 0.0001 km² left by clipping against A, B were dropped from the new shape"
    assert dropped.render(marked) == "SLIVERS OF 0.0001 KM² LEFT BY CLIPPING AGAINST A, B WERE DROPPED FROM THE NEW SHAPE"


def test_sliver_notes_of_a_real_edit_are_messages(env):
    p, stack, aid = env
    _draw(p, stack, aid, box(36.99996, 48.0, 37.08, 48.02), "B")
    # A drawn 3 m short of B's west edge: the clip would leave B a 3 m strip there; it goes to A.
    cmd, _ = _draw(p, stack, aid, box(37.0, 47.99, 37.05, 48.03), "A")
    gave = [w for w in cmd.warnings if "gave up slivers" in w]
    assert gave and all(isinstance(w, Message) for w in gave), cmd.warnings
    assert "B GAVE UP SLIVERS OF " in gave[0].render(marked)


def test_admiralty_meanings_read_as_before_and_translate_whole():
    from desktop.model.entities import CREDIBILITY, RELIABILITY
    from desktop.model.evidence_queries import CREDIBILITY_WORDS, RELIABILITY_WORDS, admiralty_meaning
    assert {k: str(v) for k, v in RELIABILITY_WORDS.items()} == {k: v.lower() for k, v in RELIABILITY.items()}
    assert {k: str(v) for k, v in CREDIBILITY_WORDS.items()} == {k: v.lower() for k, v in CREDIBILITY.items()}
    for r in [*RELIABILITY, "Z"]:
        for c in [*CREDIBILITY, 9]:
            before = (f"{r}: source {RELIABILITY.get(r, 'unknown reliability').lower()}; "
                      f"{c}: information {CREDIBILITY.get(c, 'unknown credibility').lower()}")
            assert admiralty_meaning(r, c) == before
    assert admiralty_meaning("B", 6).render(marked) == "B: SOURCE USUALLY RELIABLE; 6: INFORMATION TRUTH CANNOT BE JUDGED"


def test_an_unnamed_observation_is_called_by_its_kind_in_every_language():
    from shapely.geometry import Point

    from desktop.model.entities import Observation
    from desktop.model.evidence_queries import target_label
    from desktop.model.record_commands import add_observation
    p = Project()
    stack = CommandStack(p)
    stack.push(add_observation(p, Observation("o", "attack_direction", Point(0, 0), D1)))
    stack.push(add_observation(p, Observation("n", "video", Point(0, 0), D1, name="Bridge", valid_to=D3)))
    assert target_label(p, "o") == "attack_direction (2025-09-01)"
    assert target_label(p, "o").render(marked) == "ATTACK_DIRECTION (2025-09-01)"
    assert target_label(p, "n") == "Bridge (2025-09-01 – 2025-09-14)"
    assert target_label(p, "n").render(marked) == "Bridge (2025-09-01 – 2025-09-14)"  # a name is data
