"""QGIS peer: load a vector file and render it headless, as an analyst's PyQGIS script would.

Runs under the *system* python (`/usr/bin/python3`, Debian's python3-qgis), never in the venv.
Reads one JSON job from argv[1], prints one JSON line of timings (seconds) on stdout:

  {"file": PATH, "bbox": [x0, y0, x1, y1] (EPSG:3857, already at the image's aspect),
   "width": W, "height": H, "runs": N, "fill": "#rrggbb", "fill_alpha": 0.35,
   "out": optional PNG path (the last run's image is saved there), "png_level": -1..9}

Each run loads the layer afresh and renders it (`QgsMapRendererParallelJob`, antialiased,
EPSG:3857 destination, on-the-fly reprojection from the file's EPSG:4326) into a QImage: the
"load plus render" figure of the issue. With "out", the save is timed on its own.
"""
import json
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
t_start = time.perf_counter()

from qgis.core import (QgsApplication, QgsCoordinateReferenceSystem, QgsFillSymbol,  # noqa: E402
                       QgsMapRendererParallelJob, QgsMapSettings, QgsRectangle,
                       QgsSingleSymbolRenderer, QgsVectorLayer)
from qgis.PyQt.QtCore import QSize  # noqa: E402
from qgis.PyQt.QtGui import QColor  # noqa: E402


def main() -> None:
    job = json.loads(sys.argv[1])
    app = QgsApplication([], False)
    app.initQgis()
    t_init = time.perf_counter()
    path = job["file"]
    uri = "/vsigzip/" + path if path.endswith(".gz") else path
    dest = QgsCoordinateReferenceSystem("EPSG:3857")
    w, h = job["width"], job["height"]
    colour = QColor(job.get("fill", "#a52714"))
    alpha = int(round(255 * job.get("fill_alpha", 0.35)))
    loads, renders, totals = [], [], []
    image = None
    for _ in range(job.get("runs", 5)):
        t0 = time.perf_counter()
        layer = QgsVectorLayer(uri, "zones", "ogr")
        if not layer.isValid():
            print(json.dumps({"error": f"QGIS could not open {path}"}))
            return
        sym = QgsFillSymbol.createSimple({
            "color": f"{colour.red()},{colour.green()},{colour.blue()},{alpha}",
            "outline_color": f"{colour.red()},{colour.green()},{colour.blue()},255",
            "outline_width": "0.26", "outline_width_unit": "MM"})
        layer.setRenderer(QgsSingleSymbolRenderer(sym))
        layer.featureCount()  # forces the provider to open the file
        t1 = time.perf_counter()
        settings = QgsMapSettings()
        settings.setLayers([layer])
        settings.setDestinationCrs(dest)
        settings.setOutputSize(QSize(w, h))
        settings.setExtent(QgsRectangle(*job["bbox"]))
        settings.setBackgroundColor(QColor(255, 255, 255))
        settings.setFlag(QgsMapSettings.Antialiasing, True)
        settings.setOutputDpi(96)
        render = QgsMapRendererParallelJob(settings)
        render.start()
        render.waitForFinished()
        image = render.renderedImage()
        t2 = time.perf_counter()
        loads.append(t1 - t0)
        renders.append(t2 - t1)
        totals.append(t2 - t0)
    out = {"load": loads, "render": renders, "total": totals, "init": t_init - t_start,
           "features": layer.featureCount()}
    if job.get("out"):
        t0 = time.perf_counter()
        image.save(job["out"], "PNG", job.get("png_level", -1))
        out["save"] = time.perf_counter() - t0
    out["process"] = time.perf_counter() - t_start
    print(json.dumps(out), flush=True)
    # QGIS 3.22 often segfaults in exitQgis() when run headless; the timings are out, so leave
    # without tearing Qt down (the process's own exit is what an analyst's script pays anyway).
    os._exit(0)


if __name__ == "__main__":
    main()
