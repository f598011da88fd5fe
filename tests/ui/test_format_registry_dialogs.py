"""The File menu's and the media export's file dialogs offer what the format registries hold
(storage/formats.py, render/outputs.py): a format added there is offered here."""
from __future__ import annotations

from desktop.render import outputs
from desktop.storage import formats
from desktop.ui.dialogs import file_menu, media_export


class _Window:
    """Stands in for the main window until a dialog is cancelled: every check it is asked
    ("is the project read-only?") answers no."""

    def __getattr__(self, name):
        return lambda *args, **kwargs: False


def _asked(monkeypatch, name: str) -> list[str]:
    """Replace one of file_menu's dialogs with one that records its filter and is cancelled."""
    seen: list[str] = []

    def ask(window, title, filter_, suggested=None):
        seen.append(filter_)
        return [] if name == "ask_open_paths" else ""
    monkeypatch.setattr(file_menu, name, ask)
    return seen


def test_import_and_export_dialogs_offer_a_registered_format(monkeypatch):
    fancy = formats.Format("fancy", "Fancy map", (".fancy",), reader="geojson", writer=True)
    monkeypatch.setattr(formats, "FORMATS", formats.FORMATS + (fancy,))
    window = _Window()
    opened = _asked(monkeypatch, "ask_open_paths")
    assert file_menu.import_files(window) is None  # cancelled
    saved = _asked(monkeypatch, "ask_save_path")
    assert file_menu.export_project(window) is None
    assert opened == [formats.import_filter()] and "*.fancy" in opened[0] and "*.kmz" in opened[0]
    assert saved == [formats.export_filter()] and "Fancy map (*.fancy)" in saved[0]


def test_project_dialogs_use_the_project_format():
    assert file_menu.PROJECT_FILTER == "Frontline project (*.gpkg)" == formats.project_filter()
    assert file_menu.PROJECT_SUFFIX == ".gpkg"


def test_media_dialogs_come_from_the_output_registry(monkeypatch):
    assert media_export.IMAGE_SUFFIXES == outputs.image_suffixes() == (".png", ".svg", ".pdf")
    assert media_export.IMAGE_FILTER == "PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"
    assert [k for k, _ in media_export.VIDEO_KINDS] == [o.key for o in outputs.videos()] + ["folder"]
    seen = []
    monkeypatch.setattr(file_menu, "ask_save_path",
                        lambda window, title, filter_, suggested=None: seen.append(filter_) or "")
    media_export.ask_video_path(None, "gif")
    media_export.ask_video_path(None, "mp4")
    assert seen == ["GIF animation (*.gif)", "MP4 video (*.mp4)"]
