"""The Qt-free domain model: dated zones, evidence, time queries, topology and commands."""
from .changes import Change, ChangeBuilder, ChangeSet
from .commands import Command, CommandStack
from .edits import (CLIP_OTHERS, CLIP_SELF, EditError, add_assessment, create_zone, delete_version,
                    delete_zones, edit_zone, end_zone, merge_zones, rename_zone, set_version_fields,
                    split_zone)
from .entities import (Assessment, Attachment, Evidence, Observation, ProjectInfo, Quote, Source, Zone,
                       ZoneVersion, new_id)
from .geodesy import area_km2, length_km
from .legend import Status, default_legend
from .project import Project, ReadOnlyError

__all__ = [n for n in dir() if not n.startswith("_")]
