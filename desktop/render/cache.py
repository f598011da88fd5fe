"""Render caches of one project (projected shapes, states per date, paths, overlays), kept
beside the project and told of its changes, and the visible state of a date."""
from __future__ import annotations

import weakref
from datetime import date

from desktop.model.entities import ZoneVersion
from desktop.model.lru import LRU
from desktop.model.project import Project

from desktop.render.paths import GeometryCache
from desktop.render.sprites import Sheets
from desktop.render.states import StateIndex


class ProjectCache:
    """Render caches of one project: projected shapes, states per date, paths, overlays."""

    def __init__(self) -> None:
        self.geoms = GeometryCache()
        self.states = LRU(32)
        self.paths = LRU(96)
        self.overlays = LRU(8)
        self.groups = LRU(8)
        self.generation = 0  # counts changes: part of the key of cached zone layer images
        self.index: StateIndex | None = None
        self.sprites = Sheets()  # zone sprites of the canvas's scrubs (validated by shape identity)

    def state_index(self, project: Project) -> StateIndex:
        ix = self.index
        if ix is None or ix.key != (len(project.versions), len(project.zones)):
            ix = self.index = StateIndex(project)
        return ix

    def on_change(self, _changes: object = None) -> None:
        # Shapes are validated by identity (paths.py); only answers about dates go stale.
        self.generation += 1
        self.index = None
        self.states.clear()
        self.overlays.clear()
        self.groups.clear()


_CACHES: "weakref.WeakKeyDictionary[Project, ProjectCache]" = weakref.WeakKeyDictionary()


def project_cache(project: Project) -> ProjectCache:
    c = _CACHES.get(project)
    if c is None:
        c = _CACHES[project] = ProjectCache()
        project.listeners.append(c.on_change)  # closes over the cache only, not the project
    return c


def visible_state(project: Project, when: date, assessments: frozenset[str] | None,
                  hidden: frozenset[str]) -> list[ZoneVersion]:
    """`state_at(when)` filtered by visibility, cached (the guard catches silent loads)."""
    cache = project_cache(project)
    key = (when, assessments, hidden, len(project.versions), len(project.zones))
    out = cache.states.get(key)
    if out is None:
        zones = project.zones
        out = [v for v in cache.state_index(project).at(when) if v.status not in hidden
               and (assessments is None or zones[v.zone_id].assessment_id in assessments)]
        cache.states.put(key, out)
    return out


__all__ = ["ProjectCache", "project_cache", "visible_state"]
