"""Build the bundled basemap (`basemap.npz` + `labels.json`) from `../shared/data/basemap`.

The shared files cover 22-41°E / 44-53°N (the Natural Earth ones are clipped there); the frame
around it, out to 22-50°E / 43-54°N (the Russian rear east of Luhansk, the Don and the
Tsimlyansk Reservoir, the Caucasus coast), comes from `natural_earth_rear.geojson` beside this
script (Natural Earth 10m, cut by `clip_natural_earth.py`; see ATTRIBUTION.md). Land, rivers,
lakes, country borders and city labels continue across the seam with the same look.

Run once by a developer: `python resources/basemap/build_basemap.py [SOURCE_DIR]`. The app never
reads the source GeoJSON: loading it and projecting ~180k vertices costs about a second, while
the pre-projected, pre-simplified arrays written here load in a few milliseconds.

Output format (read by `desktop/render/basemap_data.py`):
- `basemap.npz`: for each layer key and level of detail `i`, `<key>@<i>_xy` (float32, N x 2,
  EPSG:3857 metres) and `<key>@<i>_starts` (int32, index of the first vertex of each part). Level
  0 is full detail; level i is simplified with tolerance `TOLERANCES[i]` metres. Polygon layers
  hold rings (filled with the odd-even rule), line layers hold lines.
- `labels.json`: `[x, y, name, kind, population]` per label, kinds "country", "oblast",
  "city", "town", "water".
"""
from __future__ import annotations

import functools
import json
import sys
import warnings
from pathlib import Path

import numpy as np
import pyogrio
import shapely
from pyproj import Transformer

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from clip_natural_earth import FRAME, REGION  # noqa: E402  (lon/lat W, S, E, N)

DEFAULT_SOURCE = HERE.parents[2] / "shared" / "data" / "basemap"
TOLERANCES = (0.0, 60.0, 250.0, 1000.0, 4000.0)  # metres in EPSG:3857
_TO_3857 = Transformer.from_crs("EPSG:4326", "EPSG:3857", always_xy=True)

MAJOR_ROADS = {"motorway", "trunk", "primary", "secondary", "tertiary", "motorway_link",
               "trunk_link", "primary_link", "secondary_link", "tertiary_link"}
MINOR_ROADS = {"residential", "unclassified", "living_street", "service", "pedestrian"}


def read(src: Path, name: str, columns: list[str]) -> tuple[np.ndarray, dict[str, list]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        meta, _, wkb, cols = pyogrio.raw.read(src / name, columns=columns)
    geoms = shapely.from_wkb(wkb)
    geoms = shapely.transform(geoms, lambda xy: np.column_stack(_TO_3857.transform(xy[:, 0], xy[:, 1])))
    return geoms, {c: list(v) for c, v in zip(meta["fields"], cols)}


def flat(geoms, tolerance: float) -> tuple[np.ndarray, np.ndarray]:
    """Rings or lines of `geoms` as one vertex array and the index where each part starts."""
    geoms = [g for g in geoms if g is not None and not g.is_empty]
    if tolerance > 0:
        geoms = [shapely.simplify(g, tolerance, preserve_topology=True) for g in geoms]
    parts = []
    for g in geoms:
        for p in shapely.get_parts(g):
            if p.is_empty:
                continue
            if p.geom_type == "Polygon":
                parts.append(p.exterior)
                parts.extend(p.interiors)
            else:
                parts.append(p)
    xy_list, starts, n = [], [], 0
    for p in parts:
        c = shapely.get_coordinates(p)
        if len(c) < 2:
            continue
        starts.append(n)
        xy_list.append(c)
        n += len(c)
    xy = np.concatenate(xy_list).astype(np.float32) if xy_list else np.zeros((0, 2), np.float32)
    return xy, np.asarray(starts, np.int32)


def boundaries(polys, outer=None) -> object:
    """Shared borders drawn once (dashes line up, strokes don't double), without the parts along
    `outer`'s edge: coastlines and the edges of the clipped source region are not borders."""
    lines = shapely.line_merge(shapely.union_all([shapely.boundary(p) for p in polys if p is not None]))
    if outer is not None:
        lines = lines.difference(shapely.boundary(outer).buffer(200.0))
    return lines


# Natural Earth's older spellings, and the Ukrainian national transliteration (2010) for names
# that OSM has only in Ukrainian, so every label on the map is in one script.
RENAME = {"Kiev": "Kyiv", "Kiev Reservoir": "Kyiv Reservoir", "Zaporizhzhya": "Zaporizhzhia",
          "Dnipropetrovs'k": "Dnipropetrovsk", "Mykolayiv": "Mykolaiv", "Odessa": "Odesa",
          "Vinnytsya": "Vinnytsia", "Khmelnytskyy": "Khmelnytskyi", "Transcarpathia": "Zakarpattia"}
TRANSLIT = dict(zip("абвгґдеєжзиіїйклмнопрстуфхцчшщьюя'’",
                    ["a", "b", "v", "h", "g", "d", "e", "ie", "zh", "z", "y", "i", "i", "i", "k", "l",
                     "m", "n", "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "",
                     "iu", "ia", "", ""]))
INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}


def latin(name: str) -> str:
    name = RENAME.get(name, name)
    if not any("\u0400" <= ch <= "\u04ff" for ch in name):
        return name.replace("'", "")
    out, start = [], True
    for ch in name:
        low = ch.lower()
        t = INITIAL.get(low) if start and low in INITIAL else TRANSLIT.get(low, ch)
        out.append(t.capitalize() if ch != low else t)
        start = not ch.isalpha()
    return "".join(out)


REAR = HERE / "natural_earth_rear.geojson"


@functools.cache
def rear(layer: str) -> tuple[list, list[dict]]:
    """The features of one layer of `natural_earth_rear.geojson` (EPSG:3857) and their properties."""
    geoms, cols = read(REAR.parent, REAR.name, ["layer", "name", "scalerank", "pop"])
    keep = [i for i, v in enumerate(cols["layer"]) if v == layer]
    props = [{k: cols[k][i] for k in cols} for i in keep]
    return [geoms[i] for i in keep], props


def build(src: Path, out: Path) -> None:
    layers: dict[str, list] = {}
    countries, c = read(src, "ne_10m_admin_0_countries_deu_region.geojson", ["NAME_EN", "ADM0_A3"])
    ua = [g for g, a in zip(countries, c["ADM0_A3"]) if a == "UKR"]
    # The shared files cover `REGION`; natural_earth_rear.geojson the frame around it, out to
    # `FRAME`. Beyond the frame (north, west and east of it) land, so a wide view does not show
    # sea there; the south (Black Sea) stays water.
    (fx0, fy0), (fx1, fy1) = _TO_3857.transform(FRAME[0], FRAME[1]), _TO_3857.transform(FRAME[2], FRAME[3])
    far = 4e6
    beyond = shapely.box(fx0 - far, fy0, fx1 + far, fy1 + far).difference(shapely.box(fx0, fy0, fx1, fy1))
    rear_land = rear("land")[0]
    layers["land_other"] = ([g for g, a in zip(countries, c["ADM0_A3"]) if a != "UKR"]
                            + rear_land + [beyond])
    all_land = shapely.union_all(list(countries))
    # Shared borders inside the region, less the coast and the region's own edges (the edges of
    # the clipped countries: where the land goes on in the frame they are no border), and
    # Natural Earth's land boundaries in the frame.
    (x0, y0), (x1, y1) = _TO_3857.transform(REGION[0], REGION[1]), _TO_3857.transform(REGION[2], REGION[3])
    region_edges = shapely.boundary(shapely.box(x0, y0, x1, y1)).buffer(5.0)
    region_borders = boundaries(countries, shapely.union(all_land, beyond)).difference(region_edges)
    layers["country_borders"] = [region_borders] + rear("border")[0]
    oblasts, o = read(src, "minregion_oblasts_2020.geojson", ["ADMIN_1"])
    # The Minregion oblasts are the detailed outline of Ukraine; Natural Earth fills gaps (sea inlets).
    oblasts = shapely.coverage_simplify(shapely.make_valid(oblasts), 30.0)
    land_ua = shapely.union_all(list(oblasts) + ua)
    layers["land_ua"] = [land_ua]
    layers["oblast_borders"] = [boundaries(oblasts, land_ua)]
    raions, _ = read(src, "minregion_raions_2020_from_hromadas.geojson", ["ADMIN_2"])
    layers["raion_borders"] = [boundaries(shapely.make_valid(raions), land_ua)]
    hromadas, _ = read(src, "minregion_hromadas_donetsk.geojson", ["name"])
    hromadas = shapely.make_valid(hromadas)
    layers["hromada_borders"] = [boundaries(hromadas, shapely.union_all(list(hromadas)))]
    lakes, lk = read(src, "ne_10m_lakes_region.geojson", ["name"])
    rear_lakes, rear_lake_props = rear("lake")
    layers["lakes"] = list(lakes) + rear_lakes
    r1, _ = read(src, "ne_10m_rivers_lake_centerlines_region.geojson", ["scalerank"])
    r2, _ = read(src, "ne_10m_rivers_europe_region.geojson", ["scalerank"])
    layers["rivers"] = list(r1) + list(r2) + rear("river")[0]
    towns, t = read(src, "osm_donbas_towns.geojson", ["name", "name:en", "place", "population"])
    layers["towns"] = list(towns)
    streets, s = read(src, "osm_pokrovsk_area_streets.geojson", ["highway"])
    layers["streets_major"] = [g for g, h in zip(streets, s["highway"]) if h in MAJOR_ROADS]
    layers["streets_minor"] = [g for g, h in zip(streets, s["highway"]) if h in MINOR_ROADS]
    rails, r = read(src, "osm_pokrovsk_area_railways.geojson", ["service", "usage"])
    layers["rail_main"] = [g for g, sv in zip(rails, r["service"]) if not sv]
    layers["rail_service"] = [g for g, sv in zip(rails, r["service"]) if sv]

    arrays: dict[str, np.ndarray] = {}
    for key, geoms in layers.items():
        for i, tol in enumerate(TOLERANCES):
            xy, starts = flat(geoms, tol)
            arrays[f"{key}@{i}_xy"], arrays[f"{key}@{i}_starts"] = xy, starts
    np.savez_compressed(out / "basemap.npz", **arrays)

    labels = []
    for g, name, cc in zip(countries, c["NAME_EN"], c["ADM0_A3"]):
        if cc != "UKR":
            p = shapely.point_on_surface(g)
            labels.append([round(p.x), round(p.y), latin(name), "country", 0])
    pts, lp = read(src, "ne_10m_admin_1_label_points_region.geojson", ["name", "admin"])
    for g, name, admin in zip(pts, lp["name"], lp["admin"]):
        if admin == "Ukraine" and name:
            labels.append([round(g.x), round(g.y), latin(name), "oblast", 0])
    town_pts = []
    for g, name, en, place, pop in zip(towns, t["name"], t["name:en"], t["place"], t["population"]):
        p = shapely.point_on_surface(g)
        town_pts.append(p)
        kind = "city" if place == "city" else "town"
        pop = 0 if pop is None or pop != pop else int(pop)
        labels.append([round(p.x), round(p.y), latin(en or name), kind, pop])
    places, pp = read(src, "ne_10m_populated_places_region.geojson", ["NAME_EN", "NAME", "POP_MAX"])
    tree = shapely.STRtree(town_pts)
    for g, en, name, pop in zip(places, pp["NAME_EN"], pp["NAME"], pp["POP_MAX"]):
        if len(tree.query(g, predicate="dwithin", distance=12_000)):
            continue  # the OSM town outline already labels this place
        labels.append([round(g.x), round(g.y), latin(en or name), "city", int(pop or 0)])
    for g, p in zip(*rear("place")):
        labels.append([round(g.x), round(g.y), latin(p["name"]), "city", int(p["pop"] or 0)])
    lake_names = lk["name"] + [p["name"] for p in rear_lake_props]
    for g, name in zip(layers["lakes"], lake_names):
        if name:
            p = shapely.point_on_surface(g)
            labels.append([round(p.x), round(p.y), latin(name), "water", 0])
    (out / "labels.json").write_text(json.dumps(labels, ensure_ascii=False, separators=(",", ":")),
                                     encoding="utf-8")


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SOURCE, HERE)
    print("wrote", HERE / "basemap.npz", HERE / "labels.json")
