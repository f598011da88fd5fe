"""Gains and losses since an earlier date: the geometry of a frame's change overlay (computed
from the versions that came or went only, cached per step); `gains.py` paints it."""
from __future__ import annotations

from collections import defaultdict
from datetime import date

import shapely
from shapely.geometry.base import BaseGeometry

from desktop.model.difference import version_differences
from desktop.model.entities import ZoneVersion

from desktop.render.cache import visible_state
from desktop.model.mercator import project_geometry
from desktop.render.spec import FrameSpec


def overlay_geometries(spec: FrameSpec, tol: float = 0.0) -> dict[str, tuple[list, list]]:
    """status -> (gained pieces, lost pieces) since `spec.previous`, EPSG:3857.

    Computed like `Project.changes_between` (per assessment and status: the union on the later
    date minus the union on the earlier one, and back), over the versions that came or went
    only, from the records' own differences; `gains.change_paths` projects and caches them."""
    project = spec.project
    zones = project.zones

    def groups(d: date) -> dict[tuple[str, str], list[ZoneVersion]]:
        out: dict[tuple[str, str], list[ZoneVersion]] = defaultdict(list)
        for v in visible_state(project, d, spec.assessments, spec.hidden_statuses):
            out[(zones[v.zone_id].assessment_id, v.status)].append(v)
        return out

    before, after = groups(spec.previous), groups(spec.when)
    merged: dict[str, tuple[list, list]] = defaultdict(lambda: ([], []))
    # Sorted here and below: the pieces' order is the paths' order, which moves antialiased and
    # dashed pixels where pieces meet and is written into SVG files (set order is not stable).
    for k in sorted(set(before) | set(after)):
        a_all, b_all = before.get(k, []), after.get(k, [])
        # Versions valid on both dates (most of them) cancel out: (B ∪ U) − (A ∪ U) is
        # (B − A) − U, so only versions that came or went are overlaid.
        kept = {id(v) for v in a_all} & {id(v) for v in b_all}
        old = {v.zone_id: v for v in a_all if id(v) not in kept}  # one version per zone and date
        new = {v.zone_id: v for v in b_all if id(v) not in kept}
        if not old and not new:
            continue
        # Per zone, old and new differ by the records' own differences, which the step's
        # captions measured anyway (cached, full detail, lon/lat). With G_z the gain of zone z,
        # B − A = ∪ G_z − A, and G_z never meets z's own old shape, so each G_z only loses
        # where another of the group's earlier shapes meets it (rarely: assessed zones do not
        # overlap). Losses likewise.
        gains: list[tuple[BaseGeometry, ZoneVersion | None]] = []
        losses: list[tuple[BaseGeometry, ZoneVersion | None]] = []
        for z in sorted(old.keys() | new.keys()):
            o, n = old.get(z), new.get(z)
            if o is not None and n is not None:
                g, lo = version_differences(o, n)
                gains.append((g, o))
                losses.append((lo, n))
            elif n is not None:
                gains.append((n.geometry, None))
            else:
                losses.append((o.geometry, None))
        earlier, later = _Others(a_all), _Others(b_all)
        gained = [earlier.cut(g, own) for g, own in gains]
        lost = [later.cut(lo, own) for lo, own in losses]
        merged[k[1]][0].extend(_projected(g, tol) for g in gained if not g.is_empty)
        merged[k[1]][1].extend(_projected(g, tol) for g in lost if not g.is_empty)
    # Legend order, as the zones are painted (where two statuses' hatches overlap, the same one
    # is on top in every process: set order of strings changes with Python's hash seed).
    order = {k: st.order for k, st in project.legend.items()}
    return {k: merged[k] for k in sorted(merged, key=lambda k: (order.get(k, 999), k))
            if merged[k][0] or merged[k][1]}


class _Others:
    """A group's shapes on one date, to cut other pieces with; their search tree is built on
    first use and serves every piece of the group (a step of the full front cuts dozens)."""

    __slots__ = ("versions", "_tree")

    def __init__(self, versions: list[ZoneVersion]) -> None:
        self.versions = versions
        self._tree: shapely.STRtree | None = None

    def cut(self, geom: BaseGeometry, own: ZoneVersion | None) -> BaseGeometry:
        """`geom` minus the shapes (but `own`) that meet it, usually none."""
        if geom.is_empty or not self.versions:
            return geom
        if self._tree is None:
            self._tree = shapely.STRtree([v.geometry for v in self.versions])
        hit = [self.versions[i].geometry for i in self._tree.query(geom, predicate="intersects").tolist()
               if self.versions[i] is not own]
        if not hit:
            return geom
        return shapely.difference(geom, shapely.union_all(hit))


def _projected(geom: BaseGeometry, tol: float) -> BaseGeometry:
    g = project_geometry(geom)
    if tol > 0 and shapely.get_num_coordinates(g) > 64:
        # Filled and hatched only, never measured or overlaid again: topology need not be
        # preserved (a sliver that touches itself at under half a pixel does not show), and
        # dropping it makes the simplification 5-10x cheaper (as for zones, paths.py).
        g = shapely.simplify(g, tol, preserve_topology=False)
    return g


__all__ = ["overlay_geometries"]
