"""The floors of the start-up figures, as whole processes (venv python, offscreen):

  bare_view.py empty OUT.png W H        import PySide6.QtWidgets, show an empty window, grab it
  bare_view.py path OUT.png W H FILE    import pyqtgraph, read FILE with GDAL, project it, show a
                                        bare pyqtgraph view of one plain path of it, grab it

Both save the grab (so the window really was painted) and exit; the caller times the process.
"""
import sys


def empty(out: str, w: int, h: int) -> None:
    from PySide6.QtWidgets import QApplication, QWidget
    app = QApplication(sys.argv[:1])
    win = QWidget()
    win.resize(w, h)
    win.show()
    app.processEvents()
    win.grab().save(out)


def path(out: str, w: int, h: int, file: str) -> None:
    import numpy as np
    import pyqtgraph as pg
    import shapely
    from pyogrio.raw import read
    from pyproj import Transformer
    from PySide6.QtGui import QBrush, QColor, QPen
    from PySide6.QtWidgets import QApplication, QGraphicsPathItem
    app = QApplication(sys.argv[:1])
    geoms = shapely.from_wkb(read(file)[2])
    tr = Transformer.from_crs("EPSG:4326", "EPSG:3857", always_xy=True)
    rings = shapely.get_rings(shapely.get_parts(geoms))
    xy, idx = shapely.get_coordinates(rings, return_index=True)
    x, y = tr.transform(xy[:, 0], xy[:, 1])
    connect = np.append(idx[1:] == idx[:-1], False).astype(np.int32)
    item = QGraphicsPathItem(pg.functions.arrayToQPath(np.asarray(x), np.asarray(y), connect=connect))
    item.setBrush(QBrush(QColor(165, 39, 20, 89)))
    pen = QPen(QColor(165, 39, 20))
    pen.setCosmetic(True)
    item.setPen(pen)
    view = pg.GraphicsView(background="w")
    view.setAntialiasing(True)
    vb = pg.ViewBox(lockAspect=1.0)
    view.setCentralItem(vb)
    vb.addItem(item)
    view.resize(w, h)
    view.show()
    app.processEvents()
    view.grab().save(out)


if __name__ == "__main__":
    mode, out, w, h = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    empty(out, w, h) if mode == "empty" else path(out, w, h, sys.argv[5])
