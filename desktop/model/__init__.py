"""The Qt-free domain model: dated zones, evidence, time queries, topology and commands."""
from desktop.model.changes import Change, ChangeBuilder, ChangeSet
from desktop.model.commands import Command, CommandStack
from desktop.model.edits import (CLIP_OTHERS, CLIP_SELF, EditError, add_assessment, create_zone, delete_version,
                    delete_zones, edit_zone, end_zone, merge_zones, rename_zone, set_version_fields,
                    split_zone)
from desktop.model.entities import (Assessment, Attachment, Evidence, Observation, ProjectInfo, Quote, Source, Zone,
                       ZoneVersion, new_id)
from desktop.model.geodesy import area_km2, length_km
from desktop.model.legend import Status, default_legend
from desktop.model.project import Project, ReadOnlyError

__all__ = [n for n in dir() if not n.startswith("_")]
