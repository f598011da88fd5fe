"""GeoJSON reading with checks: every problem found is reported, with where it is.

One walk over the document both checks it (the messages follow geojsonhint's wording where it
has one, so analysts can compare) and builds shapely geometries. Coordinates go through numpy in
one call per ring; only when that fails is the ring walked position by position, to say exactly
what is wrong. `frontline validate` and import share this walk.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import GeometryCollection

from desktop.storage.imports.crs import crs_transformer
from desktop.storage.errors import InputError
from desktop.storage.imports.report import ERROR, WARNING, Problem
from desktop.storage.imports.repair_budget import self_intersection_note, validity
from desktop.storage.imports.input_files import MAX_VERTICES, ParsedFile, RawFeature, read_limited

GEOMETRY_TYPES = ("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon",
                  "GeometryCollection")
TYPES = GEOMETRY_TYPES + ("Feature", "FeatureCollection")
_LOWER = {t.lower(): t for t in TYPES}
_DEPTH = {"Point": 0, "MultiPoint": 1, "LineString": 1, "MultiLineString": 2, "Polygon": 2,
          "MultiPolygon": 3}
DUP = "\x00duplicates"  # key under which the JSON hook records repeated member names
MAX_DECIMALS = 7
NEST = "a number was found where a coordinate array should have been found: this needs to be nested more deeply"
RHR = "Polygons and MultiPolygons should follow the right-hand rule"


def _pairs(pairs: list[tuple[str, Any]]) -> dict:
    d: dict[str, Any] = {}
    dups = []
    for k, v in pairs:
        if k in d:
            dups.append(k)
        d[k] = v
    if dups:
        d[DUP] = dups
    return d


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def load_json(data: bytes | list[bytes], name: str) -> tuple[Any, Problem | None]:
    """The parsed document or the problem. `data` may be handed over in a one-item list, which
    is emptied: the bytes are then freed once decoded, not kept beside the text and the objects."""
    if isinstance(data, list):
        data = data.pop()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        return None, Problem(ERROR, name, f"not UTF-8 text (byte {e.start})")
    del data
    try:
        return json.loads(text, object_pairs_hook=_pairs, parse_constant=_no_constant), None
    except json.JSONDecodeError as e:
        return None, Problem(ERROR, name, f"not valid JSON: {e.msg} at line {e.lineno} column {e.colno}")
    except ValueError as e:
        return None, Problem(ERROR, name, f"not valid JSON: {e}")
    except RecursionError:
        return None, Problem(ERROR, name, "nested too deeply to be GeoJSON; refused")


def _jtype(x: Any) -> str:
    return {dict: "object", list: "Array", str: "string", bool: "boolean", int: "number",
            float: "number"}.get(type(x), "null")


def _is_num(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


class _Walker:
    def __init__(self, name: str) -> None:
        self.name = name
        self.out = ParsedFile(name)
        self.transform = None
        self.feature: int | None = None
        self.fid: Any = None
        self.bad = False
        self.vertices = 0
        self.flags: set[str] = set()  # per-feature warnings already given (precision...)

    # -- reporting ----------------------------------------------------------------------------
    def err(self, msg: str, where: str, repairable: bool = False) -> None:
        self.out.problems.append(Problem(ERROR, self.name, msg, self.feature, self.fid, where, repairable))
        if not repairable:
            self.bad = True

    def warn(self, msg: str, where: str, once: str = "") -> None:
        if once:
            if once in self.flags:
                return
            self.flags.add(once)
        self.out.problems.append(Problem(WARNING, self.name, msg, self.feature, self.fid, where, True))

    def _type(self, obj: dict, where: str) -> str | None:
        t = obj.get("type")
        if t is None:
            self.err('"type" member required', where)
            return None
        if not isinstance(t, str):
            self.err('"type" member should be a string', where + "/type")
            return None
        if t not in TYPES:
            if t.lower() in _LOWER:
                self.err(f"Expected {_LOWER[t.lower()]} but got {t} (case sensitive)", where + "/type")
            else:
                self.err(f"The type {t} is unknown", where + "/type")
            return None
        return t

    def _dups(self, obj: dict, where: str) -> None:
        if DUP in obj:
            names = obj.pop(DUP)
            self.err("An object contained duplicate members, making parsing ambiguous: " + ", ".join(names), where)

    def _bbox(self, obj: dict, where: str) -> None:
        if "bbox" not in obj:
            return
        b = obj["bbox"]
        if not isinstance(b, list):
            self.err("bbox member must be an array of numbers", where + "/bbox", repairable=True)
        elif not all(_is_num(x) for x in b):
            self.err("each element in a bbox member must be a number", where + "/bbox", repairable=True)
        elif len(b) not in (4, 6):
            self.err("bbox must contain 4 elements (for 2D) or 6 elements (for 3D)", where + "/bbox", repairable=True)

    # -- the document -------------------------------------------------------------------------
    def root(self, obj: Any) -> None:
        if not isinstance(obj, dict):
            self.err("The root of a GeoJSON object must be an object.", "")
            self.out.fatal = True
            return
        self._dups(obj, "")
        if self.bad:
            self.out.fatal = True
            return
        if "crs" in obj:
            self._crs(obj["crs"])
            if self.out.fatal:
                return
        t = self._type(obj, "")
        if t is None:
            self.out.fatal = True
            return
        if t == "FeatureCollection":
            self._collection(obj)
        elif t == "Feature":
            self._feature(obj, 0, "")
        else:
            self._begin_feature(0, None)
            geom = self.geometry(obj, "")
            self._end_feature(geom, {}, "")

    def _crs(self, crs: Any) -> None:
        self.warn("`crs` member (2008 GeoJSON format): RFC 7946 GeoJSON is always WGS84 lon/lat", "/crs")
        try:
            self.transform = crs_transformer(crs)
        except InputError as e:
            self.err(str(e), "/crs")
            self.out.fatal = True

    def _collection(self, obj: dict) -> None:
        for k, v in obj.items():
            if k not in ("type", "features", "crs", "bbox"):
                self.out.meta[k] = v
        self._bbox(obj, "")
        for member in ("properties", "coordinates"):
            if member in obj:
                self.warn(f'FeatureCollection object cannot contain a "{member}" member', "/" + member)
        feats = obj.get("features")
        if feats is None:
            self.err('"features" member required', "")
            self.out.fatal = True
            return
        if not isinstance(feats, list):
            self.err(f'"features" member should be an array, but is an {_jtype(feats)} instead', "/features")
            self.out.fatal = True
            return
        for i, f in enumerate(feats):
            self.member(i, f)

    def member(self, i: int, f: Any) -> None:
        """Element `i` of a FeatureCollection's features (also fed one at a time by
        `geojson_stream`, which never holds the whole array)."""
        where = f"/features/{i}"
        if not isinstance(f, dict):
            self.feature, self.fid = i, None
            self.err("Every feature must be an object", where)
            return
        self._feature(f, i, where)

    def _begin_feature(self, index: int, fid: Any) -> None:
        self.feature, self.fid, self.bad = index, fid, False
        self.flags = set()

    def _end_feature(self, geom: Any, props: dict, where: str) -> None:
        if not self.bad:
            self.out.features.append(RawFeature(self.feature, self.fid, geom, props, where))

    def _feature(self, f: dict, index: int, where: str) -> None:
        fid = f.get("id")
        self._begin_feature(index, fid if isinstance(fid, (str, int, float)) else None)
        self._dups(f, where)
        self._bbox(f, where)
        if "id" in f and not (isinstance(fid, str) or _is_num(fid)):
            self.err('Feature "id" member must have a string or number value', where + "/id", repairable=True)
        for member in ("features", "coordinates"):
            if member in f:
                self.err(f'Feature object cannot contain a "{member}" member', f"{where}/{member}")
        if f.get("type") != "Feature":
            self.err("GeoJSON features must have a type=feature member", where)
        props = f.get("properties", None)
        if "properties" not in f:
            self.err('"properties" member required', where, repairable=True)
        if props is None:
            props = {}
        elif not isinstance(props, dict):
            self.err(f'"properties" member should be object, but is an {_jtype(props)} instead',
                     where + "/properties", repairable=True)
            props = {}
        elif DUP in props:
            self.err("properties contain duplicate members: " + ", ".join(props.pop(DUP)), where + "/properties",
                     repairable=True)
        geom = None
        if "geometry" not in f:
            self.err('"geometry" member required', where)
        elif f["geometry"] is not None:
            if not isinstance(f["geometry"], dict):
                self.err('"geometry" member should be object', where + "/geometry")
            else:
                geom = self.geometry(f["geometry"], where + "/geometry")
        self._end_feature(geom, props, where)

    # -- geometry -----------------------------------------------------------------------------
    def geometry(self, g: dict, where: str, nested: bool = False) -> Any:
        self._dups(g, where)
        t = self._type(g, where)
        if t is None:
            return None
        if t in ("Feature", "FeatureCollection"):
            self.err(f"a {t} where a geometry was expected", where)
            return None
        self._bbox(g, where)
        for member in ("properties", "geometry", "features"):
            if member in g:
                self.err(f'geometry object cannot contain a "{member}" member', f"{where}/{member}")
        if t == "GeometryCollection":
            return self._collection_geometry(g, where, nested)
        if "coordinates" not in g:
            self.err('"coordinates" member required', where)
            return None
        return self._coordinates(t, g["coordinates"], where + "/coordinates")

    def _coordinates(self, t: str, coords: Any, where: str) -> Any:
        if not isinstance(coords, list):
            self.err('"coordinates" member should be an array', where)
            return None
        return self._build(t, coords, where)

    def _collection_geometry(self, g: dict, where: str, nested: bool) -> Any:
        geoms = g.get("geometries")
        if not isinstance(geoms, list):
            self.err('"geometries" member required' if geoms is None else '"geometries" member should be an array',
                     where)
            return None
        if len(geoms) == 1:
            self.warn("GeometryCollection with a single geometry should be avoided in favor of single part "
                      "or a single object of multi-part type", where + "/geometries")
        if not all(isinstance(x, dict) for x in geoms):
            self.err("The geometries array in a GeometryCollection must contain only geometry objects",
                     where + "/geometries")
            return None
        parts = []
        for i, x in enumerate(geoms):
            if x.get("type") == "GeometryCollection":
                self.warn("GeometryCollection should avoid nested geometry collections", f"{where}/geometries/{i}")
            p = self.geometry(x, f"{where}/geometries/{i}", nested=True)
            if p is not None:
                parts.append(p)
        return GeometryCollection(parts)

    def _positions(self, c: Any, where: str) -> np.ndarray | None:
        """A list of positions as an (n, 2) float array, or None with the problem reported."""
        try:
            arr = np.asarray(c)
            ok = arr.ndim == 2 and arr.dtype.kind in "fi" and arr.shape[1] >= 2
        except (ValueError, TypeError):
            ok = False
        if not ok:
            for i, p in enumerate(c):
                if not isinstance(p, list):
                    self.err(NEST, f"{where}/{i}")
                    return None
                if len(p) < 2:
                    self.err("position must have 2 or more elements", f"{where}/{i}")
                    return None
                if not all(_is_num(x) for x in p):
                    self.err("each element in a position must be a number", f"{where}/{i}")
                    return None
            if not c:
                return np.empty((0, 2))
            # Mixed 2- and 3-value positions: take lon/lat of each.
            arr = np.array([p[:2] for p in c], dtype=float)
            self.warn("positions mix 2 and 3 or more values", where, once="mixed")
        if arr.shape[1] > 3:
            self.warn("position should not have more than 3 elements; the extra values are dropped", where,
                      once="dims")
        arr = arr[:, :2].astype(float, copy=False)
        self.vertices += len(arr)
        if self.vertices > MAX_VERTICES:
            self.err(f"more than {MAX_VERTICES:,} vertices; refused", where)
            self.out.fatal = True
            return None
        if self.transform is not None:
            x, y = self.transform.transform(arr[:, 0], arr[:, 1])
            arr = np.column_stack([x, y])
            if not np.isfinite(arr).all():
                self.err("coordinates cannot be reprojected to lon/lat", where)
                return None
        elif len(arr) and "prec" not in self.flags:
            with np.errstate(over="ignore", invalid="ignore"):  # 1e400 is inf: refused just below
                scaled = arr * 10.0 ** MAX_DECIMALS
                rough = (np.abs(scaled - np.round(scaled)) > 1e-3).any()
            if rough:
                self.warn(f"precision of coordinates should be reduced (more than {MAX_DECIMALS} decimals)",
                          where, once="prec")
        if len(arr) and ((np.abs(arr[:, 0]) > 180).any() or (np.abs(arr[:, 1]) > 90).any()):
            self.err("coordinates outside longitude -180..180 / latitude -90..90 (projected coordinates "
                     "without a crs member?)", where)
            return None
        return arr

    def _dedup(self, arr: np.ndarray, where: str) -> np.ndarray:
        if len(arr) > 1:
            keep = np.ones(len(arr), dtype=bool)
            keep[1:] = (arr[1:] != arr[:-1]).any(axis=1)
            if not keep.all():
                self.warn("duplicate consecutive vertices; removed", where, once="dup")
                return arr[keep]
        return arr

    def _ring(self, c: Any, where: str, hole: bool) -> np.ndarray | None:
        if not isinstance(c, list) or (c and not isinstance(c[-1], list)):
            self.err(NEST, where)
            return None
        arr = self._positions(c, where)
        if arr is None:
            return None
        if len(arr) < 4:
            self.err("a LinearRing of coordinates needs to have four or more positions", where)
            if len(arr) and (arr[0] != arr[-1]).any():
                self.err("the first and last positions in a LinearRing of coordinates must be the same", where)
            return None
        if (arr[0] != arr[-1]).any():
            self.err("the first and last positions in a LinearRing of coordinates must be the same",
                     where, repairable=True)
            arr = np.vstack([arr, arr[:1]])
        arr = self._dedup(arr, where)
        if len(arr) < 4:
            self.err("a LinearRing needs three or more distinct positions", where)
            return None
        # geojsonhint's test: sum of (x2 - x1)(y2 + y1) >= 0 means clockwise.
        s = float(((arr[1:, 0] - arr[:-1, 0]) * (arr[1:, 1] + arr[:-1, 1])).sum())
        if (s >= 0) != hole:
            what = "an interior ring is counter-clockwise" if hole else "the exterior ring is clockwise"
            self.warn(f"{RHR} ({what}); rewound", where, once="rhr")
        return arr

    def _polygon(self, c: Any, where: str) -> Any:
        if not isinstance(c, list) or not c:
            self.err(NEST if not isinstance(c, list) else "a Polygon needs at least one ring", where)
            return None
        rings = []
        for i, r in enumerate(c):
            arr = self._ring(r, f"{where}/{i}", hole=i > 0)
            if arr is None:
                if i == 0:
                    return None
                continue
            rings.append(arr)
        holes = [shapely.linearrings(h) for h in rings[1:]]
        poly = shapely.polygons(rings[0], holes=holes or None)
        self._check_valid(poly, where)
        return poly

    def _check_valid(self, poly: Any, where: str) -> bool:
        valid, reason, crossings = validity(poly)
        if not valid:
            msg, refused = self_intersection_note(poly, reason, crossings)
            if refused:  # too many crossings to repair: import skips it, so it is an error
                self.err(msg, where)
            else:
                self.warn(msg, where, once="valid")
        return valid

    def _build(self, t: str, c: list, where: str) -> Any:
        depth = _DEPTH[t]
        if not c and t != "Point":
            return shapely.from_wkt(f"{t.upper()} EMPTY")  # RFC 7946 allows empty coordinates
        if depth and c and not isinstance(c[0], list) and t != "Point":
            self.err(NEST, where)
            return None
        if t == "Point":
            arr = self._positions([c], where)
            return None if arr is None else shapely.points(arr[0])
        if t == "MultiPoint":
            arr = self._positions(c, where) if c else np.empty((0, 2))
            return None if arr is None else shapely.multipoints(arr) if len(arr) else shapely.from_wkt("MULTIPOINT EMPTY")
        if t in ("LineString", "MultiLineString"):
            lines_in = [c] if t == "LineString" else c
            lines = []
            for i, ln in enumerate(lines_in):
                w = where if t == "LineString" else f"{where}/{i}"
                if not isinstance(ln, list):
                    self.err(NEST, w)
                    return None
                arr = self._positions(ln, w)
                if arr is None:
                    return None
                if len(arr) < 2:
                    self.err("a line needs to have two or more coordinates to be valid", w)
                    return None
                arr = self._dedup(arr, w)
                if len(arr) < 2:
                    self.err("a line of zero length (all its positions are the same)", w)
                    return None
                lines.append(shapely.linestrings(arr))
            return lines[0] if t == "LineString" else shapely.multilinestrings(lines)
        if t == "Polygon":
            return self._polygon(c, where)
        polys = []
        for i, pc in enumerate(c):
            p = self._polygon(pc, f"{where}/{i}")
            if p is not None:
                polys.append(p)
        return shapely.multipolygons(polys) if polys else None


def check_geojson(obj: Any, name: str) -> ParsedFile:
    w = _Walker(name)
    w.root(obj)
    return w.out


def read_geojson(path: str | Path) -> ParsedFile:
    """Read and check a GeoJSON file (plain or gzip). Never raises for bad content. (The files of
    a series are read by `geojson_fast.read_geojson_with_memo`, which skips unchanged shapes.)"""
    name = Path(path).name
    data = read_bytes(path, name)
    if isinstance(data, ParsedFile):
        return data
    held = [data]
    del data  # (handed over to load_json, which frees it once decoded)
    return parse_geojson(held, name)


def read_bytes(path: str | Path, name: str) -> bytes | ParsedFile:
    """The file's bytes, or a fatal ParsedFile saying why they cannot be read."""
    try:
        return read_limited(path)
    except InputError as e:
        out = ParsedFile(name, fatal=True)
        out.problems.append(Problem(ERROR, name, str(e).removeprefix(f"{name}: ")))
        return out


def parse_geojson(data: bytes | list[bytes], name: str) -> ParsedFile:
    obj, problem = load_json(data, name)
    if problem is not None:
        return ParsedFile(name, problems=[problem], fatal=True)
    return check_geojson(obj, name)
