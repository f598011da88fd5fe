"""The frame spec of a timeline step, shared by presentation mode and replay export.

No widgets here (only `desktop.render` and the model), so the command line can build exactly
the spec presentation mode paints without importing QtWidgets: an exported frame and the
presentation of the same date and size are then the same picture.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from desktop.model import timeline as tl
from desktop.render.frame import default_bbox
from desktop.render.spec import Chrome, FrameSpec


def previous_frame_date(project: Any, d: date, step: str) -> date | None:
    """The date gains and losses are measured from: the previous step boundary, or None when
    nothing existed then (the first frame would otherwise hatch the whole map as gained)."""
    r = project.date_range()
    prev = tl.prev_step(d, step)
    if r is None or prev < r[0]:
        return None
    return prev


def step_spec(project: Any, d: date, step: str = tl.WEEK, *, bbox: tuple[float, float, float, float] | None = None,
              base: FrameSpec | None = None, title: str | None = None, captions: bool = True,
              keep_observation_steps: int = 0) -> FrameSpec:
    """The full presentation frame at `d`: title, date caption, legend, scale bar, north arrow,
    attribution, gains and losses since the previous step, and caption lines for the step.

    `base` carries the view and layer choices (bbox, visible assessments and statuses, basemap
    layers) from the map canvas; `bbox` overrides its view. Selection is never shown.
    """
    chrome = Chrome(
        title=project.info.title if title is None else title,
        date_caption=True, legend=True, scale_bar=True, north_arrow=True, attribution=True,
        captions=tl.frame_captions(project, d, step, assessments=base.assessments if base else None)
        if captions else (),
    )
    fields = dict(project=project, when=d, previous=previous_frame_date(project, d, step), chrome=chrome,
                  selection=frozenset(),
                  observations=tuple(tl.observations_in_step(project, d, step, keep_observation_steps)))
    if base is not None:
        spec = replace(base, **fields)
        return replace(spec, bbox=bbox) if bbox is not None else spec
    return FrameSpec(bbox=bbox if bbox is not None else default_bbox(project), **fields)
