"""Cut `natural_earth_rear.geojson`: the Natural Earth layers around the shared basemap region.

The shared Natural Earth files (`../shared/data/basemap/ne_*_region.geojson`) are clipped to
22-41°E / 44-53°N, which ends the map just east of Luhansk. This writes the same kinds of
Natural Earth 10m data for the frame around that region, out to 22-50°E / 43-54°N (the Russian
rear east of Luhansk, the Don and the Tsimlyansk Reservoir, the Kuban and Caucasus coast, the
strip north of 53°N), so `build_basemap.py` can extend the map without changing anything inside
the region. Only the frame is kept (the region itself comes from the shared files as before).

Run once by a developer, on a folder of Natural Earth 10m GeoJSON files (v4.0.0, as extracted
from `martynafford/natural-earth-geojson`, see ATTRIBUTION.md):

    .venv/bin/python resources/basemap/clip_natural_earth.py NE_FOLDER

Each feature has `layer` ("land", "border", "lake", "river", "place"), `name`, `scalerank` and
`pop` (places: POP_MAX). Lines and rings are simplified by 0.0005° (~40-55 m, far below the 10m
data's own accuracy) and coordinates rounded to 5 decimals (~1 m) to keep the file small.
"""
from __future__ import annotations

import json
import sys
import warnings
from pathlib import Path

import numpy as np
import pyogrio
import shapely

HERE = Path(__file__).resolve().parent
OUT = HERE / "natural_earth_rear.geojson"
REGION = (22.0, 44.0, 41.0, 53.0)  # what the shared ne_*_region files cover (W, S, E, N)
FRAME = (22.0, 43.0, 50.0, 54.0)  # what the bundled basemap covers with this file
SIMPLIFY = 0.0005  # degrees

# (layer, source file, name column)
SOURCES = (
    ("land", "ne_10m_land.json", None),
    ("border", "ne_10m_admin_0_boundary_lines_land.json", "name"),
    ("lake", "ne_10m_lakes.json", "name"),
    ("river", "ne_10m_rivers_lake_centerlines.json", "name"),
    ("river", "ne_10m_rivers_europe.json", "name"),
    ("place", "ne_10m_populated_places.json", "NAME_EN"),
)


def _read(path: Path, columns: list[str]) -> tuple[np.ndarray, dict[str, list]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        meta, _, wkb, cols = pyogrio.raw.read(path, columns=columns, bbox=FRAME)
    return shapely.from_wkb(wkb), {c: list(v) for c, v in zip(meta["fields"], cols)}


def _rounded(g):
    return shapely.transform(g, lambda xy: np.round(xy, 5))


def clip(src: Path, out: Path = OUT) -> int:
    ring = shapely.box(*FRAME).difference(shapely.box(*REGION))
    features = []
    for layer, name, name_col in SOURCES:
        columns = [c for c in (name_col, "NAME", "scalerank", "SCALERANK", "POP_MAX") if c]
        geoms, cols = _read(src / name, columns)
        for i, g in enumerate(geoms):
            if g is None or g.is_empty:
                continue
            g = shapely.intersection(g, ring)
            if g.is_empty:
                continue
            if layer != "place":
                g = shapely.simplify(g, SIMPLIFY, preserve_topology=True)
            g = _rounded(g)
            if layer in ("land", "lake"):
                g = shapely.make_valid(g)
                g = shapely.union_all([p for p in shapely.get_parts(g) if p.geom_type == "Polygon"])
            if g.is_empty:
                continue
            props = {"layer": layer}
            nm = cols.get(name_col, [None] * len(geoms))[i] if name_col else None
            if layer == "place":
                nm = nm or cols["NAME"][i]
                props["pop"] = int(cols["POP_MAX"][i] or 0)
            if nm:
                props["name"] = str(nm)
            rank = cols.get("scalerank", cols.get("SCALERANK", [None] * len(geoms)))[i]
            if rank is not None:
                props["scalerank"] = int(rank)
            features.append({"type": "Feature", "properties": props,
                             "geometry": json.loads(shapely.to_geojson(g))})
    text = json.dumps({"type": "FeatureCollection", "features": features},
                      ensure_ascii=False, separators=(",", ":"))
    out.write_text(text, encoding="utf-8")
    return len(features)


if __name__ == "__main__":
    n = clip(Path(sys.argv[1]))
    print(f"wrote {OUT} ({n} features, {OUT.stat().st_size / 1024:.0f} KiB)")
