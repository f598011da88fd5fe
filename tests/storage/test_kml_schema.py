"""KML that validates against the OGC KML 2.2 schema, with untrusted text shown as text (#16, item 3).

The schema is the one fastkml ships (ogckml22.xsd with the atom, xAL and gx schemas it imports,
side by side in fastkml/schema/), read with lxml with no network: every import resolves to a file
beside it. Google Earth renders a <description> as HTML, so a quote's `<script>` must reach it as
`&lt;script&gt;` (text), never as a tag.
"""
from __future__ import annotations

import html
import importlib.util
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from lxml import etree
from shapely.geometry import Point, box

from desktop.model import CommandStack, Project
from desktop.model.entities import Assessment, Evidence, Observation, ProjectInfo, Quote, Source, Zone, ZoneVersion
from desktop.model.legend import Status, default_legend
from desktop.model.record_commands import put_record
from desktop.storage.exports.exporter import export_project
from desktop.storage.exports.kml_write import (OBSERVATION_ID_PREFIX, VERSION_ID_PREFIX, id_of_kml, kml_document,
                                               kml_id)
from desktop.storage.imports.importer import import_files
from desktop.storage.project.projectfile import close_project, open_project

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "pokrovsk_myrnohrad_2025.gpkg"
NS = {"k": "http://www.opengis.net/kml/2.2"}
K = "{http://www.opengis.net/kml/2.2}"


def _schema_dir() -> Path:
    spec = importlib.util.find_spec("fastkml")
    assert spec is not None and spec.origin, "fastkml (a test dependency) is not installed"
    return Path(spec.origin).parent / "schema"


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    d = _schema_dir()
    # Offline: each schema's imports name a file beside it, never a URL.
    for xsd in d.glob("*.xsd"):
        for loc in re.findall(r'schemaLocation="([^"]+)"', xsd.read_text(encoding="utf-8")):
            assert "://" not in loc and (d / loc).is_file(), (xsd.name, loc)
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.parse(str(d / "ogckml22.xsd"), parser))


def _valid(schema: etree.XMLSchema, path: Path) -> etree._ElementTree:
    doc = etree.parse(str(path), etree.XMLParser(no_network=True, resolve_entities=False))
    ok = schema.validate(doc)
    assert ok, "\n".join(f"line {e.line}: {e.message}" for e in list(schema.error_log)[:10])
    return doc


@pytest.fixture(scope="module")
def sample() -> Project:
    p = open_project(SAMPLE, read_only=True)
    yield p
    close_project(p)


@pytest.mark.parametrize("at", [None, date(2025, 12, 1)], ids=["history", "at-date"])
def test_the_sample_export_validates(sample, schema, tmp_path, at):
    out = tmp_path / "s.kml"
    export_project(sample, out, at=at)
    doc = _valid(schema, out)
    pms = doc.findall(".//k:Placemark", NS)
    assert pms
    # Every Placemark id reverses to the version or observation it was made from.
    want = {v.id for v in (sample.state_at(at) if at else sample.versions.values())}
    got = {id_of_kml(VERSION_ID_PREFIX, pm.get("id")) for pm in pms} - {None}
    assert got == want
    obs = {id_of_kml(OBSERVATION_ID_PREFIX, pm.get("id")) for pm in pms} - {None}
    assert obs and obs <= set(sample.observations)
    _styles_resolve(doc)


def _styles_resolve(doc: etree._ElementTree) -> None:
    ids = {s.get("id") for s in doc.findall(".//k:Style", NS)}
    for url in doc.findall(".//k:Placemark/k:styleUrl", NS):
        assert url.text.startswith("#") and url.text[1:] in ids, url.text


@pytest.mark.parametrize("raw", ["86c7b3314c8cced8", "04279546df0172a4", "obs-axis-north", "", "a.b",
                                 "7 obs/é:x", "_x.41_", "\U0001f600", "-", "zone\n1"])
def test_ids_are_ncnames_and_reverse(raw):
    kid = kml_id(VERSION_ID_PREFIX, raw)
    assert re.fullmatch(r"[A-Za-z_][A-Za-z0-9._-]*", kid)
    assert id_of_kml(VERSION_ID_PREFIX, kid) == raw
    assert id_of_kml(OBSERVATION_ID_PREFIX, kid) is None
    assert kml_id(VERSION_ID_PREFIX, raw) == kid  # stable


# Untrusted text: quotes come from anywhere, zone and legend names from imported files.
EVIL = "<script>alert('x')</script> ]]> &amp; & \"q\" $[geDirections] <b>bold</b>"
CONTROL = "bell\x07 nul\x00 cr\r\nend"


def _hostile() -> Project:
    legend = dict(default_legend())
    legend["1 odd/key é"] = Status("1 odd/key é", f"label {EVIL}", "assessed", "#123456")
    p = Project(ProjectInfo(title=f"Title {EVIL}", subtitle=f"Sub {EVIL}", organisation="A&B <i>"), legend)
    st = CommandStack(p)
    st.push(put_record(p, "assessments", Assessment("9a", f"Ours {EVIL}"), "assessment"))
    st.push(put_record(p, "zones", Zone("1z", f"Zone {EVIL}", "9a"), "zone"))
    st.push(put_record(p, "versions", ZoneVersion("0abc", "1z", box(37.1, 48.2, 37.2, 48.3), "1 odd/key é",
                                                  date(2025, 11, 1), notes=f"Notes {EVIL} {CONTROL}"), "version"))
    st.push(put_record(p, "versions", ZoneVersion("2 def/é", "1z", box(37.1, 48.2, 37.25, 48.3), "ru_control",
                                                  date(2025, 11, 8), date(2025, 12, 1)), "version"))
    st.push(put_record(p, "observations", Observation("7 obs/é:x", "strike", Point(37.15, 48.25),
                                                      date(2025, 11, 3), name=f"Obs {EVIL}",
                                                      notes=f"Seen {EVIL}"), "observation"))
    st.push(put_record(p, "sources", Source("s1", f"Outlet {EVIL}", url="https://x.example/?a=1&b=2"), "source"))
    st.push(put_record(p, "quotes", Quote("q1", "s1", f"Quote {EVIL} <img src=x onerror=alert(1)>",
                                          speaker=f"<i>Speaker</i> {EVIL}"), "quote"))
    st.push(put_record(p, "evidence", Evidence("e1", "q1", "0abc", "supports"), "link"))
    st.push(put_record(p, "evidence", Evidence("e2", "q1", "7 obs/é:x", "context"), "link"))
    return p


class _Tags(HTMLParser):
    """The elements an HTML renderer (Google Earth's balloon) would make of a text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text += data


def _as_html(fragment: str) -> _Tags:
    t = _Tags()
    t.feed(fragment)
    t.close()
    return t


@pytest.mark.parametrize("at", [None, date(2025, 11, 5)], ids=["history", "at-date"])
def test_a_project_with_hostile_text_validates_and_shows_it_as_text(schema, tmp_path, at):
    p = _hostile()
    out = tmp_path / "h.kml"
    export_project(p, out, at=at)
    doc = _valid(schema, out)
    _styles_resolve(doc)
    descs = doc.findall(".//k:description", NS)
    assert len(descs) == 1 + len(doc.findall(".//k:Placemark", NS))
    for d in descs:
        # What Google Earth renders as HTML: text only, no element, no entity it would substitute.
        shown = _as_html(d.text or "")
        assert shown.tags == [], shown.tags
        assert "$[" not in (d.text or "")
    by_id = {pm.get("id"): pm for pm in doc.findall(".//k:Placemark", NS)}
    pm = by_id[kml_id(VERSION_ID_PREFIX, "0abc")]
    shown = _as_html(pm.find("k:description", NS).text).text
    # The notes and the quote line exactly as typed (controls XML cannot hold become U+FFFD).
    assert f"Notes {EVIL} bell\ufffd nul\ufffd cr\r\nend" in shown
    assert f"Quote {EVIL} <img src=x onerror=alert(1)>" in shown and f"Outlet {EVIL}" in shown
    # ExtendedData is data: the raw text (GDAL, QGIS and our importer read it as fields).
    data = {s.get("name"): s.text or "" for s in pm.iter(f"{K}SimpleData")}
    assert data["notes"] == f"Notes {EVIL} bell\ufffd nul\ufffd cr\r\nend"
    assert data["status"] == "1 odd/key é" and data["version_id"] == "0abc"
    assert pm.find("k:name", NS).text == f"Zone {EVIL}"
    # The balloon shows the escaped description only, not the default one (which would put the
    # name and the ExtendedData values in as they are).
    for bs in doc.findall(".//k:Style/k:BalloonStyle/k:text", NS):
        assert _as_html(bs.text).tags == ["div"] and "$[description]" in bs.text
        assert "$[name]" not in bs.text and "$[frontline" not in bs.text
    obs = by_id[kml_id(OBSERVATION_ID_PREFIX, "7 obs/é:x")]
    assert f"Seen {EVIL}" in _as_html(obs.find("k:description", NS).text).text
    assert id_of_kml(OBSERVATION_ID_PREFIX, obs.get("id")) == "7 obs/é:x"
    doc_desc = _as_html(doc.find("k:Document/k:description", NS).text).text
    assert doc_desc.splitlines() == [f"Sub {EVIL}", "\u00a9 A&B <i>"]


def test_no_cdata_or_raw_markup_escapes_the_text():
    text = kml_document(_hostile())
    assert "<script" not in text and "<img" not in text and "<![CDATA[" not in text
    assert "\x00" not in text and "\x07" not in text
    etree.fromstring(text.encode("utf-8"))  # well-formed


def test_our_hostile_export_imports_back_as_the_same_text(tmp_path):
    out = tmp_path / "h.kml"
    export_project(_hostile(), out)
    p = Project()
    import_files(p, [out])
    assert {z.name for z in p.zones.values()} == {f"Zone {EVIL}"}
    notes = sorted(v.notes for v in p.versions.values())
    assert notes == ["", f"Notes {EVIL} bell\ufffd nul\ufffd cr\r\nend"]
