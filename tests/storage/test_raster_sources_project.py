"""Raster layer commands (desktop.model.rasters): add, opacity, visibility, order, remove, with
undo and redo, written through to the project file and found again on reopening."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.model.commands import CommandStack
from desktop.model.edits import EditError
from desktop.model.entities import ProjectInfo
from desktop.model.project import Project
from desktop.model.rasters import (add_raster, move_raster, remove_raster, rename_raster, set_raster_opacity,
                                   set_raster_visible, stacked)
from desktop.storage.project.projectfile import close_project, create_project, open_project


def test_add_edit_undo_redo_in_memory(tmp_path):
    p = Project(ProjectInfo(title="t"))
    stack = CommandStack(p)
    cmd, a = add_raster(p, "mbtiles", str(tmp_path / "a.mbtiles"), opacity=0.5)
    stack.push(cmd)
    cmd, b = add_raster(p, "image", str(tmp_path / "scan.png"), name="  Scan 1  ")
    stack.push(cmd)
    assert [r.id for r in stacked(p)] == [a, b]  # the newest goes on top
    assert p.rasters[a].name == "a" and p.rasters[b].name == "Scan 1"
    assert p.rasters[a].path == str((tmp_path / "a.mbtiles").resolve()) and p.rasters[a].opacity == 0.5
    stack.push(set_raster_opacity(p, a, 1.7))
    assert p.rasters[a].opacity == 1.0  # clamped
    stack.push(set_raster_visible(p, b, False))
    stack.push(rename_raster(p, b, "Scan"))
    assert (p.rasters[b].visible, p.rasters[b].name) == (False, "Scan")
    stack.push(remove_raster(p, a))
    assert list(p.rasters) == [b]
    for _ in range(4):
        stack.undo()
    assert p.rasters[a].opacity == 0.5 and p.rasters[b].visible and p.rasters[b].name == "Scan 1"
    stack.redo()
    assert p.rasters[a].opacity == 1.0


def test_bad_inputs_are_refused(tmp_path):
    p = Project(ProjectInfo(title="t"))
    with pytest.raises(EditError, match="kind"):
        add_raster(p, "wms", "x")
    with pytest.raises(EditError, match="file"):
        add_raster(p, "image", "  ")
    with pytest.raises(EditError, match="no raster layer"):
        set_raster_opacity(p, "nope", 0.5)
    cmd, a = add_raster(p, "image", str(tmp_path / "s.png"))
    p.apply(cmd.changes)
    with pytest.raises(EditError, match="name"):
        rename_raster(p, a, " ")


@given(st.lists(st.tuples(st.integers(0, 5), st.integers(-6, 6)), max_size=12))
def test_moves_keep_a_dense_order_and_undo_exactly(moves):
    p = Project(ProjectInfo(title="t"))
    stack = CommandStack(p)
    ids = []
    for i in range(6):
        cmd, rid = add_raster(p, "image", f"/tmp/r{i}.png", layer_id=f"r{i}")
        stack.push(cmd)
        ids.append(rid)
    expected = list(ids)
    snapshots = []
    for which, steps in moves:
        before = p.snapshot()["rasters"]
        rid = ids[which]
        if stack.push(move_raster(p, rid, steps)):  # a move to where it is changes nothing
            snapshots.append(before)
        i = expected.index(rid)
        expected.insert(max(0, min(len(expected) - 1, i + steps)), expected.pop(i))
        assert [r.id for r in stacked(p)] == expected
        assert sorted(r.order for r in p.rasters.values()) == list(range(6))
    for snap in reversed(snapshots):
        stack.undo()
        assert p.snapshot()["rasters"] == snap


def test_saved_with_the_project_and_found_on_reopening(tmp_path):
    path = tmp_path / "p.gpkg"
    p = create_project(path, title="Rasters")
    stack = CommandStack(p)
    cmd, a = add_raster(p, "mbtiles", str(tmp_path / "tiles.mbtiles"), opacity=0.4)
    stack.push(cmd)
    cmd, b = add_raster(p, "image", str(tmp_path / "scan.jpg"))
    stack.push(cmd)
    stack.push(set_raster_visible(p, a, False))
    stack.push(move_raster(p, b, -1))
    want = dict(p.rasters)
    close_project(p)
    q = open_project(path)
    try:
        assert q.rasters == want
        assert [r.id for r in stacked(q)] == [b, a]
        assert q.rasters[a].opacity == 0.4 and q.rasters[a].visible is False
    finally:
        close_project(q)
