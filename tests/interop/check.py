"""`make interop`, the other tools' side: run with Debian's python (/usr/bin/python3), which has
QGIS 3.22 (python3-qgis) and GDAL 3.6 (python3-gdal), on the folder `prepare.py` filled.

- GDAL's validate_gpkg.py passes on a new project, the upgraded sample and the upgraded v0.1
  fixture (its warnings count as errors).
- QGIS adds the project's zone_versions as its app does (the layer, then loadDefaultStyle: the
  style in `layer_styles`; nothing is set here): its Temporal Controller is on, and at eight
  dates the features its temporal filter selects for that day's frame (the filter
  QgsVectorLayerRenderer applies; QgsTemporalNavigationObject's one-day frames) are exactly the
  versions Frontline shows (`Project.state_at`). The history GeoJSON, with the `.qml` written
  beside it (which QGIS loads as the file's default style), shows the same.
- GDAL 3.6 (osgeo.ogr) reads every version of the history GeoJSON and KML with its dates, the
  still-valid ones (no end) among them.

Prints a table; exits 1 on any failure.
"""
from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path

RESULTS: list[tuple[str, str, str, bool]] = []  # (check, subject, result, ok)
KEEP: list = []  # QGIS objects kept alive to the end: tearing QGIS down from Python can crash


def row(check: str, subject: str, result: str, ok: bool) -> None:
    RESULTS.append((check, subject, result, ok))


# --- validate_gpkg.py -----------------------------------------------------------------------

def validate(folder: Path) -> None:
    try:
        from osgeo_utils.samples import validate_gpkg
    except ImportError:  # older packaging: the examples folder of python3-gdal
        sys.path.insert(0, "/usr/share/doc/python3-gdal/examples")
        import validate_gpkg
    for name in ("new.gpkg", "sample.gpkg", "v0_1.gpkg"):
        try:
            errors = validate_gpkg.check(str(folder / name), abort_at_first_error=False,
                                         warning_msg=False, warning_as_error=True)
        except Exception as e:  # the checker raises on what it cannot go on from
            errors = [(None, str(e))]
        text = "; ".join(f"Req {r}: {m}" if r else m for r, m in errors)
        row("validate_gpkg.py", name, "passes" if not errors else text[:160], not errors)


# --- QGIS -----------------------------------------------------------------------------------

def qgis_checks(folder: Path, expect: dict) -> dict:
    from qgis.core import (QgsApplication, QgsDateTimeRange, QgsFeatureRequest, QgsInterval,
                           QgsTemporalNavigationObject, QgsUnitTypes, QgsVectorLayer,
                           QgsVectorLayerTemporalContext, QgsVectorLayerTemporalProperties, Qgis)
    from qgis.PyQt.QtCore import QDate, QDateTime, QTime

    app = QgsApplication([], False)
    app.initQgis()
    row("QGIS", "version", Qgis.QGIS_VERSION, True)
    dates = sorted(expect["dates"])
    first = date.fromisoformat(dates[0])
    nav = QgsTemporalNavigationObject()  # the Temporal Controller's frames, one day each
    start = QDateTime(QDate(first.year, first.month, first.day), QTime(0, 0))
    nav.setTemporalExtents(QgsDateTimeRange(start, start.addDays(400)))
    nav.setFrameDuration(QgsInterval(1, QgsUnitTypes.TemporalDays))
    ranges = {d: nav.dateTimeRangeForFrameNumber((date.fromisoformat(d) - first).days) for d in dates}
    layers = []

    def add(uri: str):
        """A layer as QGIS's app adds one: made, then given its default style (the app calls
        loadDefaultStyle after making the layer, whose constructor resets the temporal
        properties to the provider's)."""
        layer = QgsVectorLayer(uri, "layer", "ogr")
        layer.loadDefaultStyle()
        layers.append(layer)
        return layer

    def shown(layer, key: str, props=None) -> dict[str, list[str]]:
        """The versions each day's frame draws: the filter QgsVectorLayerRenderer applies."""
        props = props or layer.temporalProperties()
        ctx = QgsVectorLayerTemporalContext()
        ctx.setLayer(layer)
        out = {}
        for d in dates:
            flt = props.createFilterString(ctx, ranges[d])
            req = QgsFeatureRequest()
            if flt:
                req.setFilterExpression(flt)
            ids = {str(f[key]) for f in layer.getFeatures(req)} - {"", "NULL", "None"}
            out[d] = sorted(i for i in ids if i in expect["versions"])
        return out

    def fields_mode(limit) -> QgsVectorLayerTemporalProperties:
        p = QgsVectorLayerTemporalProperties(None, True)
        p.setMode(QgsVectorLayerTemporalProperties.ModeFeatureDateTimeStartAndEndFromFields)
        p.setStartField("valid_from")
        p.setEndField("valid_to")
        p.setLimitMode(limit)
        return p

    results = {}
    project = add(f"{folder / 'sample.gpkg'}|layername=zone_versions")
    tp = project.temporalProperties()
    style_ok = (project.isValid() and tp.isActive()
                and tp.mode() == QgsVectorLayerTemporalProperties.ModeFeatureDateTimeStartAndEndFromExpressions
                and tp.startExpression() == 'to_datetime("valid_from")'
                and tp.endExpression().startswith('coalesce(to_datetime("valid_to")')
                and tp.limitMode() == Qgis.VectorTemporalLimitMode.IncludeBeginExcludeEnd
                and project.renderer().type() == "categorizedSymbol")
    row("QGIS default style", "sample.gpkg zone_versions",
        f"temporal {'on' if tp.isActive() else 'off'}, mode {int(tp.mode())}, {tp.startExpression()} .. "
        f"{tp.endExpression()[:30]}..., "
        f"limitMode {int(tp.limitMode())}, renderer {project.renderer().type()}", style_ok)
    for name in ("new.gpkg", "v0_1.gpkg"):
        other = add(f"{folder / name}|layername=zone_versions")
        row("QGIS default style", f"{name} zone_versions",
            f"temporal {'on' if other.temporalProperties().isActive() else 'off'}, "
            f"renderer {other.renderer().type()}",
            other.isValid() and other.temporalProperties().isActive() and other.renderer().type() == "categorizedSymbol")
    results["project"] = shown(project, "id")

    gj = add(str(folder / "history.geojson"))
    gtp = gj.temporalProperties()
    row("QGIS default style", "history.geojson (+ history.qml)",
        f"temporal {'on' if gtp.isActive() else 'off'}, mode {int(gtp.mode())}, limitMode {int(gtp.limitMode())}",
        gj.isValid() and gtp.isActive())
    results["geojson"] = shown(gj, "version_id")

    # Before, for the record: the project with no style (the Temporal Controller does not filter
    # it: every version at once); in the fields mode (valid_from/valid_to, start included and end
    # excluded), whose filter QGIS compiles to SQL, where the DATE text '2025-09-08' is less than
    # '2025-09-08T00:00:00' (each version shows a day early); the history GeoJSON in that mode
    # (GDAL 3.6 drops every NULL end from the OGR SQL filter QGIS compiles).
    from osgeo import gdal
    gdal.PushErrorHandler("CPLQuietErrorHandler")  # GDAL 3.6 says "Failed to parse date ''" per feature
    bare = QgsVectorLayer(f"{folder / 'sample.gpkg'}|layername=zone_versions", "bare", "ogr")
    layers.append(bare)
    none = QgsVectorLayerTemporalProperties(None, False)
    results["no_style"] = shown(bare, "id", none)
    results["gpkg_fields"] = shown(bare, "id", fields_mode(Qgis.VectorTemporalLimitMode.IncludeBeginExcludeEnd))
    bare_gj = QgsVectorLayer(str(folder / "history.geojson"), "bare", "ogr")
    layers.append(bare_gj)
    results["geojson_fields"] = shown(bare_gj, "version_id",
                                      fields_mode(Qgis.VectorTemporalLimitMode.IncludeBeginExcludeEnd))
    gdal.PopErrorHandler()
    KEEP.extend([app, layers])  # QGIS is never torn down: `main` ends the process (os._exit)
    return results


# --- GDAL -----------------------------------------------------------------------------------

def gdal_checks(folder: Path, expect: dict) -> None:
    from osgeo import gdal, ogr
    gdal.UseExceptions()
    row("GDAL", "version", gdal.__version__, True)
    versions = expect["versions"]
    open_ended = {k for k, v in versions.items() if v["valid_to"] is None}
    for name in ("history.geojson", "history.kml"):
        ds = ogr.Open(str(folder / name))
        seen: dict[str, tuple] = {}
        for i in range(ds.GetLayerCount()):
            layer = ds.GetLayer(i)
            defn = layer.GetLayerDefn()
            names = {defn.GetFieldDefn(j).GetName() for j in range(defn.GetFieldCount())}
            if "version_id" not in names:
                continue
            for f in layer:
                vid = f.GetField("version_id")
                if not vid:
                    continue
                vf = f.GetFieldAsString("valid_from")[:10].replace("/", "-") if f.IsFieldSetAndNotNull("valid_from") else None
                vt = f.GetFieldAsString("valid_to")[:10].replace("/", "-") if f.IsFieldSetAndNotNull("valid_to") else None
                if "begin" in names:  # KML's TimeSpan, as LIBKML reads it: the same days, no end when open
                    span = tuple(f.GetFieldAsString(k)[:10].replace("/", "-") if f.IsFieldSetAndNotNull(k) else None
                                 for k in ("begin", "end"))
                    if span != (vf, vt):
                        vf = f"TimeSpan {span}"
                seen[vid] = (vf, vt, f.GetGeometryRef() is not None and not f.GetGeometryRef().IsEmpty())
        missing = sorted(set(versions) - set(seen))
        wrong = sorted(k for k, (vf, vt, g) in seen.items() if k in versions and
                       ((vf, vt) != (versions[k]["valid_from"], versions[k]["valid_to"]) or not g))
        still = sum(1 for k in open_ended if k in seen and seen[k][1] is None)
        ok = not missing and not wrong and still == len(open_ended)
        detail = f"{len(seen)}/{len(versions)} versions, still valid {still}/{len(open_ended)}"
        if missing:
            detail += f", missing {missing[:3]}"
        if wrong:
            detail += f", dates or shape wrong {wrong[:3]}"
        row("GDAL " + ds.GetDriver().GetName(), name, detail, ok)


def main(folder: Path) -> int:
    expect = json.loads((folder / "expect.json").read_text(encoding="utf-8"))
    validate(folder)
    try:
        shown = qgis_checks(folder, expect)
    except ImportError as e:
        row("QGIS", "python3-qgis", f"not importable: {e}", False)
        shown = {}
    gdal_checks(folder, expect)

    width = max(len(r[0]) for r in RESULTS), max(len(r[1]) for r in RESULTS)
    print(f"{'check':<{width[0]}}  {'subject':<{width[1]}}  ok    result")
    for check, subject, result, ok in RESULTS:
        print(f"{check:<{width[0]}}  {subject:<{width[1]}}  {'PASS' if ok else 'FAIL'}  {result}")
    failed = [r for r in RESULTS if not r[3]]
    if shown:
        print()
        print("Zones shown per day by QGIS's Temporal Controller (one-day frames). Checked: Frontline "
              "(state_at) = the project with its default style = the history GeoJSON with its .qml. "
              "For the record, before: the project with no style, and the project and the GeoJSON in "
              "QGIS's fields mode (valid_from/valid_to).")
        head = ("date", "Frontline", "QGIS gpkg", "QGIS json", "", "no style", "gpkg fields", "json fields")
        print(f"{head[0]:<10}  {head[1]:>9}  {head[2]:>9}  {head[3]:>9}  ok    {head[5]:>8}  {head[6]:>11}  {head[7]:>11}")
        for d, ids in sorted(expect["dates"].items()):
            a, b = shown["project"][d], shown["geojson"][d]
            ok = a == ids and b == ids
            if not ok:
                failed.append(("QGIS Temporal Controller", d, "", False))
            print(f"{d:<10}  {len(ids):>9}  {len(a):>9}  {len(b):>9}  {'PASS' if ok else 'FAIL'}  "
                  f"{len(shown['no_style'][d]):>8}  {len(shown['gpkg_fields'][d]):>11}  {len(shown['geojson_fields'][d]):>11}")
    print()
    print(f"interop: {len(failed)} failure(s)" if failed else "interop: all checks pass")
    return 1 if failed else 0


if __name__ == "__main__":
    code = main(Path(sys.argv[1] if len(sys.argv) > 1 else "build/interop"))
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)  # no interpreter teardown of QGIS's objects (a segfault on some builds)
