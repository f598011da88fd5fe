"""Commands for raster basemap layers (MBTiles files, georeferenced images).

The project keeps each raster's path, name, opacity, visibility and place in the stack; the
files themselves stay where the analyst keeps them (they can be gigabytes). `order` runs from
the bottom (0) up; the painter draws rasters in that order.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from desktop.model.changes import ChangeBuilder
from desktop.model.commands import Command
from desktop.model.edits import EditError
from desktop.model.entities import RASTER_KINDS, RasterLayer, new_id
from desktop.model.messages import Message
from desktop.model.project import Project


def stacked(project: Project) -> list[RasterLayer]:
    """The raster layers bottom to top (ties by name, then id, so the order is stable)."""
    return sorted(project.rasters.values(), key=lambda r: (r.order, r.name.lower(), r.id))


def add_raster(project: Project, kind: str, path: str, *, name: str = "", opacity: float = 1.0,
               layer_id: str | None = None) -> tuple[Command, str]:
    """Add a raster on top of the others; the path is stored absolute so it survives the
    working directory changing (not the file moving: the layers dock then flags it)."""
    if kind not in RASTER_KINDS:
        raise EditError(Message("raster kind must be one of {kinds}, not {kind}", kinds=", ".join(RASTER_KINDS),
                                 kind=repr(kind)))
    if not str(path).strip():
        raise EditError(Message("a raster layer needs a file"))
    p = Path(path).expanduser()
    rid = layer_id or new_id()
    top = max((r.order for r in project.rasters.values()), default=-1)
    layer = RasterLayer(rid, name.strip() or p.stem, kind, str(p.resolve()), _clamp(opacity), True, top + 1)
    b = ChangeBuilder(project)
    b.put("rasters", rid, layer)
    return Command(Message("Add raster {name}", name=layer.name), b.build()), rid


def _clamp(opacity: float) -> float:
    return max(0.0, min(1.0, float(opacity)))


def _get(project: Project, layer_id: str) -> RasterLayer:
    layer = project.rasters.get(layer_id)
    if layer is None:
        raise EditError(Message("no raster layer {id}", id=repr(layer_id)))
    return layer


def _put(project: Project, layer: RasterLayer, label: str) -> Command:
    b = ChangeBuilder(project)
    b.put("rasters", layer.id, layer)
    return Command(label, b.build())


def set_raster_opacity(project: Project, layer_id: str, opacity: float) -> Command:
    layer = _get(project, layer_id)
    return _put(project, replace(layer, opacity=_clamp(opacity)), Message("Opacity of {name}", name=layer.name))


def set_raster_visible(project: Project, layer_id: str, visible: bool) -> Command:
    layer = _get(project, layer_id)
    return _put(project, replace(layer, visible=bool(visible)), (Message("Show {name}", name=layer.name) if visible
                                                               else Message("Hide {name}", name=layer.name)))


def rename_raster(project: Project, layer_id: str, name: str) -> Command:
    layer = _get(project, layer_id)
    if not name.strip():
        raise EditError(Message("a raster layer needs a name"))
    return _put(project, replace(layer, name=name.strip()), Message("Rename raster {name}", name=layer.name))


def relocate_raster(project: Project, layer_id: str, path: str) -> Command:
    """Point a layer at its file's new place (the analyst moved or renamed it); same kind only,
    so an MBTiles layer cannot silently become an image layer with other bounds."""
    layer = _get(project, layer_id)
    if not str(path).strip():
        raise EditError(Message("a raster layer needs a file"))
    p = Path(path).expanduser()
    kind = "mbtiles" if p.suffix.lower() == ".mbtiles" else "image"
    if kind != layer.kind:
        what = Message("an MBTiles file") if layer.kind == "mbtiles" else Message("a georeferenced image")
        raise EditError(Message("{name} is {what}: choose a file of the same kind ({file} is not)",
                                name=layer.name, what=what, file=p.name))
    return _put(project, replace(layer, path=str(p.resolve())),
                Message("Locate file of raster {name}", name=layer.name))


def move_raster(project: Project, layer_id: str, steps: int) -> Command:
    """Move a layer `steps` places up (positive) or down the stack; renumbers 0..n-1 so the
    orders stay dense. An empty command when it is already at that end."""
    layers = stacked(project)
    ids = [r.id for r in layers]
    if layer_id not in ids:
        raise EditError(Message("no raster layer {id}", id=repr(layer_id)))
    i = ids.index(layer_id)
    j = max(0, min(len(ids) - 1, i + int(steps)))
    ids.insert(j, ids.pop(i))
    b = ChangeBuilder(project)
    for order, rid in enumerate(ids):
        r = project.rasters[rid]
        if r.order != order:
            b.put("rasters", rid, replace(r, order=order))
    name = project.rasters[layer_id].name
    return Command(Message("Move raster {name} up", name=name) if steps > 0
                   else Message("Move raster {name} down", name=name), b.build())


def remove_raster(project: Project, layer_id: str) -> Command:
    layer = _get(project, layer_id)
    b = ChangeBuilder(project)
    b.delete("rasters", layer_id)
    return Command(Message("Remove raster {name}", name=layer.name), b.build())
