"""One entry point for every input format, chosen by the file name (and, failing that, content)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import shapely

from desktop.storage import formats
from desktop.storage.imports.crs import transformer_for
from desktop.storage.errors import InputError
from desktop.storage.imports.report import ERROR, Problem
from desktop.storage.project.schema import AREA_COLUMN, AREA_CRC_COLUMN
from desktop.storage.imports.input_files import MAX_BYTES, ParsedFile, RawFeature


def kind_of(path: str | Path) -> str:
    """The reader for a file: "geojson", "kml", "csv" or "ogr", by its name (the format
    registry), else by its first bytes (markup is KML, anything else is tried as GeoJSON)."""
    fmt = formats.for_reading(path)
    if fmt is not None:
        return fmt.reader
    try:
        with open(path, "rb") as f:
            head = f.read(256).lstrip()
    except OSError as e:
        raise InputError(f"{Path(path).name}: cannot read ({e.strerror})") from None
    if head.startswith(b"<"):
        return "kml"
    return "geojson"


def read_any(path: str | Path, memo=None) -> ParsedFile:
    """Read any supported file; content problems are in the result, a missing file raises.
    `memo` (`geojson_fast.GeometryMemo`) is shared by the files of one series (GeoJSON only)."""
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{p}: no such file")
    kind = kind_of(p)
    if kind == "kml":
        from desktop.storage.imports.kml_read import read_kml
        return read_kml(p)
    if kind == "csv":
        from desktop.storage.imports.csv_read import read_csv
        return read_csv(p)
    if kind == "ogr":
        return read_ogr(p)
    if memo is not None:
        from desktop.storage.imports.geojson_fast import read_geojson_with_memo
        return read_geojson_with_memo(p, memo)
    return read_geojson_whole(p)


# Above this many bytes a GeoJSON document's coordinate arrays are cut out as bytes before the
# JSON is parsed, and each is parsed on its own (`geojson_fast`, as a series' files are): Python's
# objects for a whole document's positions take about seven times its text.
SPLIT_ABOVE = 8 * 2**20


# From this many bytes on disk a GeoJSON FeatureCollection is read feature by feature as its
# bytes arrive (`geojson_stream`): memory is then its geometries and one feature's objects, never
# the document (a gzip file compresses 5-15 times, so it is streamed from a smaller size).
STREAM_ABOVE = 2 * 2**20
STREAM_GZIP_ABOVE = 256 * 2**10


def read_geojson_whole(path: Path) -> ParsedFile:
    """`geojson_read.read_geojson`: a large FeatureCollection streamed, another large document
    cut up first (the same result, in a third of the memory), anything else read whole."""
    from desktop.storage.imports.geojson_read import parse_geojson, read_bytes
    name = path.name
    if worth_streaming(path):
        from desktop.storage.imports.geojson_stream import read_streamed
        out = read_streamed(path)
        if out is not None:
            return out
    data = read_bytes(path, name)
    if isinstance(data, ParsedFile):
        return data
    held = [data]
    del data
    if len(held[0]) > SPLIT_ABOVE:
        out = _read_split(held, name)
        if out is not None:
            return out
        if not held:  # cut up and freed, then something unusual: read again, the ordinary way
            data = read_bytes(path, name)
            if isinstance(data, ParsedFile):
                return data
            held = [data]
            del data
    return parse_geojson(held, name)


def worth_streaming(path: Path) -> bool:
    """Is `path` large enough to be read feature by feature (`geojson_stream`)?"""
    try:
        size = path.stat().st_size
        with open(path, "rb") as f:
            gz = f.read(2) == b"\x1f\x8b"
    except OSError:
        return False  # (the ordinary reading says why)
    return size > (STREAM_GZIP_ABOVE if gz else STREAM_ABOVE)


def _read_split(held: list[bytes], name: str) -> ParsedFile | None:
    """The document of `held` read with its coordinates cut out (`geojson_fast`), or None when
    it must be read the ordinary way; `held` is emptied once the document is cut up."""
    from desktop.storage.imports.geojson_fast import GeometryMemo, read_with_memo
    return read_with_memo(held, name, GeometryMemo())


def read_ogr(path: Path) -> ParsedFile:
    """GeoPackage, Shapefile and other GDAL formats through pyogrio, every layer."""
    import pyogrio
    from pyogrio.errors import DataSourceError
    out = ParsedFile(path.name)
    if path.stat().st_size > MAX_BYTES:
        out.fatal = True
        out.problems.append(Problem(ERROR, path.name, f"larger than {MAX_BYTES // 2**20} MB; refused"))
        return out
    try:
        listed = pyogrio.list_layers(path)
    except (DataSourceError, OSError, RuntimeError) as e:
        out.fatal = True
        out.problems.append(Problem(ERROR, path.name, f"not a readable GIS file ({str(e).splitlines()[0][:120]})"))
        return out
    layers = [str(name) for name, gtype in listed if gtype]
    zones = _project_zones(path, {str(name) for name, _ in listed})
    index = 0
    for layer in layers:
        try:
            # The row ids (GeoPackage fid, Shapefile FID) name the features in every message.
            meta, fids, wkb, fields = pyogrio.raw.read(path, layer=layer, return_fids=True)
            transform = transformer_for(meta.get("crs"))
        except (DataSourceError, OSError, RuntimeError, InputError) as e:
            out.problems.append(Problem(ERROR, path.name, f"layer {layer}: cannot be read ({str(e)[:120]})"))
            continue
        geoms = shapely.from_wkb(wkb, on_invalid="ignore") if wkb is not None else [None] * len(fields[0] if fields else [])
        if transform is not None:
            geoms = shapely.transform(np.asarray(geoms), lambda xy: np.column_stack(
                transform.transform(xy[:, 0], xy[:, 1])))
        names = list(meta.get("fields", []))
        for i, g in enumerate(geoms):
            props = {n: _plain(fields[k][i]) for k, n in enumerate(names)}
            if zones and layer == "zone_versions" and props.get("zone_id") in zones:
                props = {**zones[props["zone_id"]], **props}
                # The file's own cache and row id, not data (the id names the version, which
                # the target project gives a new one); the id is kept as our exports name it,
                # so the project's evidence links find the version they back (`evidence_merge`).
                for col in (AREA_COLUMN, AREA_CRC_COLUMN):
                    props.pop(col, None)
                if props.get("id") is not None:
                    props["version_id"] = props.pop("id")
            elif zones and layer == "observations" and props.get("id") is not None:
                props["observation_id"] = props.pop("id")
            fid = _plain(fids[i]) if fids is not None else None
            out.features.append(RawFeature(index, fid, g, props, f"{layer}[{i}]"))
            index += 1
    return out


def _project_zones(path: Path, layers: set[str]) -> dict[str, dict]:
    """For a Frontline project file (or its .gpkg copy): each zone's name and extra properties by
    zone id, which live in the non-spatial `zones` table, not beside the versions' shapes."""
    if not {"frontline_meta", "zones", "zone_versions"} <= layers:
        return {}
    import pyogrio
    try:
        meta, _fids, _wkb, fields = pyogrio.raw.read(path, layer="zones", read_geometry=False)
    except Exception:  # noqa: BLE001 - a damaged table only costs the names
        return {}
    cols = {str(n): k for k, n in enumerate(meta.get("fields", []))}
    if "id" not in cols or "name" not in cols:
        return {}
    out = {}
    for i, zid in enumerate(fields[cols["id"]]):
        props = {}
        if "extra" in cols:
            try:
                props.update((str(k), v) for k, v in json.loads(fields[cols["extra"]][i] or "[]"))
            except (TypeError, ValueError):
                pass
        props["name"] = _plain(fields[cols["name"]][i])
        out[str(zid)] = props
    return out


def _plain(v):
    """numpy scalars and datetimes to plain Python values JSON can hold."""
    if v is None:
        return None
    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, float) and v != v:
        return None
    if hasattr(v, "isoformat"):
        return v.isoformat()
    if isinstance(v, bytes):
        return v.hex()
    return v
