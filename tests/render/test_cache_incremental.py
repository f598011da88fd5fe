"""The render cache follows an edit by what it touches (issue 17, item 6), counted, not timed.

On a copy of the bundled sample, random edits (drawing, reshaping, restating, notes, renames,
sources, undo and redo) go through a command stack. After each one the cache's `StateIndex`
must never have been rebuilt from all versions, must have taken in only the versions the edit
changed, and must still equal an index built from scratch (same versions in the same order,
same spans, same boxes); the zone layer images (`generation`) may go stale only when what is
drawn changed.
"""
from __future__ import annotations

import random
import shutil
from datetime import timedelta

import numpy as np
import pytest
from shapely import affinity
from shapely.geometry import Point

import desktop.render.cache as cache_mod
from desktop.model import edits
from desktop.model.commands import CommandStack
from desktop.model.evidence_commands import add_source
from desktop.render.cache import project_cache, visible_state
from desktop.render.states import StateIndex
from desktop.storage.project.projectfile import open_project
from desktop.ui.app import SAMPLE

EDITS = 60


@pytest.fixture
def project(tmp_path):
    if not SAMPLE.exists():
        pytest.skip("the bundled sample is not built (resources/samples)")
    path = tmp_path / "p.gpkg"
    shutil.copyfile(SAMPLE, path)  # never the bundled file itself: opening upgrades it
    return open_project(path)


def _same_as_fresh(project) -> None:
    ix = project_cache(project).state_index(project)
    fresh = StateIndex(project)
    assert [v.id for v in ix.versions] == [v.id for v in fresh.versions]
    assert all(a is b for a, b in zip(ix.versions, fresh.versions))  # the records of now, notes too
    np.testing.assert_array_equal(ix.start, fresh.start)
    np.testing.assert_array_equal(ix.end, fresh.end)
    assert ix.row == fresh.row
    np.testing.assert_allclose(ix.boxes, fresh.boxes)


def _command(project, rng: random.Random, n: int):
    d0, d1 = project.date_range()
    as_of = d0 + timedelta(days=rng.randrange((d1 - d0).days + 1))
    kind = rng.choice(["create", "reshape", "status", "notes", "rename", "source"])
    zones = [z for z in project.zones if project.version_at(z, as_of) is not None]
    if kind == "create" or not zones:
        shape = Point(37.0 + rng.random() * 0.35, 48.15 + rng.random() * 0.2).buffer(0.006, quad_segs=4)
        aid = next(iter(project.assessments))
        return kind, edits.create_zone(project, name=f"Z{n}", assessment_id=aid, geometry=shape,
                                       status="contested", as_of=as_of, mode=edits.CLIP_SELF)[0]
    zid = rng.choice(zones)
    v = project.version_at(zid, as_of)
    if kind == "reshape":
        return kind, edits.edit_zone(project, zid, as_of, geometry=affinity.scale(v.geometry, 1.04, 0.97),
                                     mode=edits.CLIP_SELF)
    if kind == "status":
        return kind, edits.edit_zone(project, zid, as_of, status=rng.choice(["ru_control", "contested"]),
                                     mode=edits.CLIP_SELF)
    if kind == "notes":
        return kind, edits.set_version_fields(project, v.id, notes=f"note {n}")
    if kind == "rename":
        return kind, edits.rename_zone(project, zid, f"renamed {n}")
    return kind, add_source(project, f"Outlet {n}", title=f"Report {n}")[0]


def test_each_edit_updates_the_index_by_the_versions_it_touched(project, monkeypatch):
    cache = project_cache(project)
    d0, _ = project.date_range()
    visible_state(project, d0, None, frozenset())
    _ = cache.state_index(project).boxes  # computed: the update must keep them too
    assert cache.index_builds == 1
    taken_in: list[int] = []
    real = cache_mod.update_index
    monkeypatch.setattr(cache_mod, "update_index", lambda *a: taken_in.append(real(*a)) or taken_in[-1])
    stack = CommandStack(project)
    rng = random.Random(6)
    done = 0
    kinds = set()
    while done < EDITS:
        if done and rng.random() < 0.15:
            cmd_run = stack.undo if stack.can_undo() else None
            if cmd_run is None:
                continue
            kind = "undo"
            before_gen = cache.generation
            taken_in.clear()
            changed = stack.commands()[stack.index - 1].changes
            cmd_run()
        else:
            try:
                kind, cmd = _command(project, rng, done)
            except edits.EditError:
                continue
            if not cmd:
                continue
            before_gen = cache.generation
            taken_in.clear()
            changed = cmd.changes
            assert stack.push(cmd)
        done += 1
        kinds.add(kind)
        version_changes = {c.id for c in changed if c.table == "versions"}
        # Only the versions the edit touched were taken in; no rebuild from all of them.
        assert sum(taken_in) <= len(version_changes)
        assert cache.index_builds == 1, kind
        if kind in ("notes", "rename", "source"):
            assert cache.generation == before_gen, f"{kind} must not invalidate the zones' pixels"
        elif kind in ("create", "reshape"):
            assert cache.generation > before_gen
        _same_as_fresh(project)
    assert {"create", "reshape", "notes", "source"} <= kinds
