"""KML and KMZ reading: Placemarks with Polygon / LineString / Point / MultiGeometry / gx:Track,
TimeSpan and TimeStamp (inherited from folders; partial dates such as `2025` or `2025-11`),
names, descriptions and ExtendedData.

XML is parsed safely with expat directly: any entity declaration is refused (no external
entities, no entity-expansion bombs), nesting depth is limited, and a KMZ's inflated size too.
"""
from __future__ import annotations

import json

import re
import zipfile
from calendar import monthrange
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, TreeBuilder
from xml.parsers import expat

import shapely

from desktop.storage.errors import InputError
from desktop.storage.exports.export_props import LOOSE_EVIDENCE
from desktop.storage.imports.report import ERROR, WARNING, Problem
from desktop.storage.imports.repair_budget import self_intersection_note, validity
from desktop.storage.imports.input_files import (MAX_BYTES, MAX_DEPTH, MAX_VERTICES, LimitedStream, ParsedFile, RawFeature,
                                                open_limited)


class _Refused(Exception):
    pass


def parse_xml(data) -> Element:
    """An ElementTree of `data` (bytes, or a `LimitedStream` fed to the parser chunk by chunk, so
    the document is never held whole beside its tree) with namespaces stripped; InputError on
    anything unsafe or broken."""
    tb = TreeBuilder()
    p = expat.ParserCreate(namespace_separator="}")
    depth = [0]

    def start(name: str, attrs: dict) -> None:
        depth[0] += 1
        if depth[0] > MAX_DEPTH:
            raise _Refused(f"XML nested deeper than {MAX_DEPTH} levels")
        tb.start(name.rsplit("}", 1)[-1], attrs)

    def end(name: str) -> None:
        depth[0] -= 1
        tb.end(name.rsplit("}", 1)[-1])

    def refuse(*_a: Any) -> None:
        raise _Refused("XML entity declarations are not accepted (they can expand without bound "
                       "or read other files)")

    p.StartElementHandler = start
    p.EndElementHandler = end
    p.CharacterDataHandler = tb.data
    p.EntityDeclHandler = refuse
    p.UnparsedEntityDeclHandler = refuse
    p.ExternalEntityRefHandler = refuse
    p.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        if isinstance(data, (bytes, bytearray, memoryview)):
            p.Parse(data, True)
        else:
            for chunk in data.chunks():
                p.Parse(chunk, False)
            p.Parse(b"", True)
        return tb.close()
    except _Refused as e:
        raise InputError(str(e)) from None
    except expat.ExpatError as e:
        raise InputError(f"not well-formed XML ({expat.ErrorString(e.code)} at line {e.lineno})") from None


_PARTIAL = re.compile(r"^\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")


def kml_date(text: str | None, *, end: bool = False) -> date | None:
    """KML dateTime, date, gYearMonth (`2025-11`) or gYear (`2025`). An `end` given as a month or
    a year means through its last day, so it becomes the first day after it (ends are exclusive)."""
    if not text:
        return None
    m = _PARTIAL.match(text)
    if not m:
        return None
    y, mo, d = int(m[1]), m[2], m[3]
    try:
        if d:
            return date(y, int(mo), int(d))
        if mo:
            first = date(y, int(mo), 1)
            return first + timedelta(days=monthrange(y, int(mo))[1]) if end else first
        return date(y + 1, 1, 1) if end else date(y, 1, 1)
    except ValueError:
        return None


def _text(el: Element | None, tag: str) -> str | None:
    if el is None:
        return None
    c = el.find(tag)
    return c.text.strip() if c is not None and c.text else None


class _Kml:
    def __init__(self, name: str) -> None:
        self.out = ParsedFile(name)
        self.name = name
        self.vertices = 0
        self.index = 0  # the next Placemark's index
        self.current = 0  # the index of the Placemark being read (problems name it)
        self.fid: str | None = None  # the id attribute of the Placemark being read

    def problem(self, level: str, msg: str, where: str, feature: int | None = None) -> None:
        fid = self.fid if feature is not None else None
        self.out.problems.append(Problem(level, self.name, msg, feature, fid, where, level == WARNING))

    def coords(self, el: Element | None, where: str) -> list[tuple[float, float]] | None:
        text = el.text if el is not None and el.text else ""
        # Sloppy files put spaces after the commas; join those back to tuples first.
        tuples = re.sub(r"\s*,\s*", ",", text.strip()).split()
        pts = []
        for t in tuples:
            vals = t.split(",")
            if len(vals) < 2:
                self.problem(ERROR, f"coordinate tuple {t[:30]!r} needs longitude,latitude", where, self.current)
                return None
            try:
                lon, lat = float(vals[0]), float(vals[1])
            except ValueError:
                self.problem(ERROR, f"coordinate tuple {t[:30]!r} is not numbers", where, self.current)
                return None
            if not (-180 <= lon <= 180 and -90 <= lat <= 90):
                self.problem(ERROR, f"coordinate {lon},{lat} outside longitude/latitude range", where, self.current)
                return None
            pts.append((lon, lat))
        self.vertices += len(pts)
        if self.vertices > MAX_VERTICES:
            raise InputError(f"more than {MAX_VERTICES:,} vertices; refused")
        return pts

    def ring(self, el: Element | None, where: str) -> list | None:
        pts = self.coords(el.find("coordinates") if el is not None else None, where)
        if pts is None:
            return None
        if len(pts) >= 3 and pts[0] != pts[-1]:
            self.problem(WARNING, "LinearRing not closed; closed", where, self.current)
            pts = pts + [pts[0]]
        if len(pts) < 4:
            self.problem(ERROR, "a LinearRing needs four or more positions", where, self.current)
            return None
        return pts

    def geometry(self, g: Element, where: str) -> Any:
        tag = g.tag
        w = f"{where}/{tag}"
        if tag == "Point":
            pts = self.coords(g.find("coordinates"), w)
            return shapely.points(pts[0]) if pts else None
        if tag == "LineString":
            pts = self.coords(g.find("coordinates"), w)
            if pts is None or len(pts) < 2:
                if pts is not None:
                    self.problem(ERROR, "a LineString needs two or more positions", w, self.current)
                return None
            return shapely.linestrings(pts)
        if tag == "LinearRing":
            pts = self.ring(g, w)
            return shapely.polygons(pts) if pts else None
        if tag == "Polygon":
            outer = g.find("outerBoundaryIs/LinearRing")
            shell = self.ring(outer, w + "/outerBoundaryIs")
            if shell is None:
                return None
            holes = [self.ring(r, w + "/innerBoundaryIs") for r in g.findall("innerBoundaryIs/LinearRing")]
            poly = shapely.polygons(shell, holes=[shapely.linearrings(h) for h in holes if h] or None)
            self.check_valid(poly, w)
            return poly
        if tag == "MultiGeometry":
            parts = [self.geometry(c, w) for c in g if c.tag in GEOMETRIES]
            parts = [p for p in parts if p is not None]
            return shapely.geometrycollections(parts) if parts else None
        if tag in ("Track", "MultiTrack"):
            pts = []
            for c in g.iter("coord"):
                vals = (c.text or "").split()
                if len(vals) >= 2:
                    try:
                        pts.append((float(vals[0]), float(vals[1])))
                    except ValueError:
                        pass
            if len(pts) >= 2:
                return shapely.linestrings(pts)
            return shapely.points(pts[0]) if pts else None
        return None

    def check_valid(self, poly: Any, where: str) -> None:
        """Say that a polygon is invalid (how many vertices, whether it self-intersects); an
        error when it has more crossings than import can repair within its budget."""
        valid, reason, crossings = validity(poly)
        if not valid:
            msg, refused = self_intersection_note(poly, reason, crossings)
            self.problem(ERROR if refused else WARNING, msg, where, self.current)

    def walk(self, el: Element, where: str, span: tuple[date | None, date | None]) -> None:
        counts: dict[str, int] = {}
        for c in el:
            if c.tag not in ("Document", "Folder", "Placemark"):
                continue
            counts[c.tag] = counts.get(c.tag, 0) + 1
            w = f"{where}/{c.tag}[{counts[c.tag]}]" if where else f"{c.tag}[{counts[c.tag]}]"
            is_pm = c.tag == "Placemark"
            self.fid = c.get("id") if is_pm else None
            own, unread = self.time_of(c, w, self.index if is_pm else None)
            s = (own if own != (None, None) else span)
            if is_pm:
                self.placemark(c, w, s, unread)
            else:
                if c.tag == "Document":
                    self.loose_evidence(c)
                self.walk(c, w, s)

    def loose_evidence(self, doc: Element) -> None:
        """A Frontline export's sources and quotes that no Placemark carries (the Document's
        ExtendedData): kept for the import's evidence merge, as a GeoJSON export's member is."""
        for ext in doc.findall("ExtendedData"):
            for data in ext.findall("Data"):
                if data.get("name") != LOOSE_EVIDENCE:
                    continue
                try:
                    items = json.loads(_text(data, "value") or "[]")
                except (ValueError, RecursionError):
                    continue
                if isinstance(items, list):
                    self.out.meta.setdefault("frontline", {})["loose_evidence"] = items

    def time_of(self, el: Element, where: str, feature: int | None) -> tuple[tuple[date | None, date | None], str]:
        """The element's own (begin, end), and the text of any part that is not a date (reported:
        the time then comes from the enclosing folder or the file, never silently)."""
        span = el.find("TimeSpan")
        stamp = el.find("TimeStamp")
        if span is not None:
            parts = (("TimeSpan/begin", _text(span, "begin"), False), ("TimeSpan/end", _text(span, "end"), True))
        elif stamp is not None:
            parts = (("TimeStamp/when", _text(stamp, "when"), False),)
        else:
            return (None, None), ""
        dates, unread = [], []
        for tag, text, is_end in parts:
            d = kml_date(text, end=is_end)
            if text and d is None:
                unread.append(text)
                self.problem(WARNING, f"<{tag.rsplit('/', 1)[1]}> {text[:40]!r} is not a date (YYYY, YYYY-MM, "
                             "YYYY-MM-DD or a date-time); ignored", f"{where}/{tag}", feature)
            dates.append(d)
        begin, end = (dates + [None])[:2]
        return (begin, end), " / ".join(unread)

    def placemark(self, pm: Element, where: str, span: tuple[date | None, date | None], unread: str = "") -> None:
        idx = self.current = self.index
        self.index += 1
        props: dict[str, Any] = {}
        if unread:  # kept as a property, so the text the file gave is exported back, not lost
            props["kml_time"] = unread
        for tag in ("name", "description", "styleUrl"):
            v = _text(pm, tag)
            if v is not None:
                props["notes" if tag == "description" else tag] = v
        for d in pm.iter("Data"):
            if d.get("name"):
                props[d.get("name")] = _text(d, "value") or ""
        for d in pm.iter("SimpleData"):
            if d.get("name"):
                props[d.get("name")] = (d.text or "").strip()
        geom_el = next((c for c in pm if c.tag in GEOMETRIES), None)
        if geom_el is None:
            self.problem(WARNING, "Placemark without a geometry; nothing to import", where, idx)
            self.out.features.append(RawFeature(idx, pm.get("id"), None, props, where, *span))
            return
        n_problems = len(self.out.problems)
        geom = self.geometry(geom_el, where)
        if any(p.level == ERROR for p in self.out.problems[n_problems:]):
            # An error (a bad hole, a bad part of a MultiGeometry) rejects the feature, as validate
            # says: importing what is left would change the shape without saying so.
            return
        self.out.features.append(RawFeature(idx, pm.get("id"), geom, props, where, *span))


GEOMETRIES = ("Point", "LineString", "LinearRing", "Polygon", "MultiGeometry", "Track", "MultiTrack")


def _inside_too_large() -> str:
    return f"the KML inside is larger than {MAX_BYTES // 2**20} MB; refused"


def _kmz_root(path: Path) -> Element:
    """The tree of a KMZ's KML document, inflated and parsed chunk by chunk. The zip header's size
    is only believed when it says too large: the bytes are counted as they are inflated."""
    try:
        with zipfile.ZipFile(path) as z:
            names = [i for i in z.infolist() if i.filename.lower().endswith(".kml")]
            if not names:
                raise InputError("a KMZ without a .kml document inside")
            info = next((i for i in names if i.filename.lower() == "doc.kml"), names[0])
            if info.file_size > MAX_BYTES:
                raise InputError(_inside_too_large())
            with z.open(info) as f:
                return parse_xml(LimitedStream(f, MAX_BYTES, path.name, _inside_too_large()))
    except zipfile.BadZipFile as e:
        raise InputError(f"not a valid KMZ (zip) file ({e})" if "CRC" in str(e) else "not a valid KMZ (zip) file") \
            from None
    except (zipfile.LargeZipFile, NotImplementedError, RuntimeError) as e:
        raise InputError(f"not a readable KMZ (zip) file ({e})") from None


def read_kml(path: str | Path) -> ParsedFile:
    p = Path(path)
    k = _Kml(p.name)
    try:
        if p.suffix.lower() == ".kmz" or zipfile.is_zipfile(p):
            root = _kmz_root(p)
        else:
            with open_limited(p, MAX_BYTES) as stream:
                root = parse_xml(stream)
        if root.tag != "kml":
            raise InputError(f"the root element is <{root.tag}>, not <kml>")
        k.walk(root, "", (None, None))
        # A bare Placemark directly under <kml> is handled by walk; NetworkLinkControl etc. are ignored.
    except InputError as e:
        k.out.fatal = True
        k.out.problems.append(Problem(ERROR, p.name, str(e).removeprefix(f"{p.name}: ")))
    return k.out
