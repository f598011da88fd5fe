"""File menu work: new, open, open recent, save a copy, import, export, add assessment.

File dialogs are module-level functions (`ask_save_path`, `ask_open_path`...) so tests can
monkeypatch them. Imports and exports run as jobs off the GUI thread (see jobs.py).
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from desktop.ui.i18n import tr_filter, tr
from desktop.model import edits
from desktop.storage import formats
from desktop.storage.errors import InputError, ProjectFileError

from desktop.ui.window import settings
from desktop.ui.widgets.plain_text import tooltip
from desktop.ui.widgets.jobs import Cancelled, Progress, run_job
from desktop.storage.team.url import is_team_url

if TYPE_CHECKING:
    from desktop.ui.window.api import WindowApi

# Suffixes and filters come from the format registry (the import and export filters are asked
# for when a dialog opens).
PROJECT_FILTER = formats.project_filter()
PROJECT_SUFFIX = formats.project_format().suffixes[0]


def _start_dir() -> str:
    recent = settings.recent_files()
    return str(Path(recent[0]).parent) if recent else str(Path.home())


# -- dialogs (monkeypatched in tests) ---------------------------------------------------------
def ask_save_path(window, title: str, filter_: str, suggested: str | None = None) -> str:
    path, _ = QFileDialog.getSaveFileName(window, title, suggested or _start_dir(), tr_filter(filter_))
    return path


def project_path_for_names(window) -> Path | None:
    """The path exports are named after: the project file, or for a team project ~/<project>
    (its URL would make a file name of the server's address and options, a password too);
    None for a project only in memory."""
    path = getattr(window, "path", None)
    if not isinstance(path, (str, Path)) or not path:
        return None
    if is_team_url(str(path)):
        stored = getattr(getattr(window, "project", None), "storage", None)
        return Path(stored.path) if getattr(stored, "path", None) else None
    return Path(path)


def suggested_path(window, suffix: str) -> str:
    """Where a save dialog starts: the project's folder and name with the output's suffix
    ("pokrovsk.gpkg" -> "pokrovsk.geojson" beside it), not the last folder used."""
    p = project_path_for_names(window)
    if p is None:  # a project only in memory
        return str(Path(_start_dir()) / f"frontline{suffix}")
    folder = p.parent
    try:  # the sample's copy lives in the app's hidden data folder: not where exports belong
        if folder.resolve().is_relative_to(settings.data_dir().resolve()):
            folder = settings.documents_dir()
    except OSError:
        pass
    return str(folder / (p.stem + suffix))


def ask_open_path(window, title: str, filter_: str) -> str:
    path, _ = QFileDialog.getOpenFileName(window, title, _start_dir(), tr_filter(filter_))
    return path


def ask_open_paths(window, title: str, filter_: str) -> list[str]:
    paths, _ = QFileDialog.getOpenFileNames(window, title, _start_dir(), tr_filter(filter_))
    return paths


def ask_text(window, title: str, label: str, default: str = "") -> str | None:
    text, ok = QInputDialog.getText(window, title, label, text=default)
    return text.strip() if ok and text.strip() else None


def show_error(window, title: str, text: str) -> None:
    box = QMessageBox(QMessageBox.Warning, title, text, QMessageBox.Ok, window)
    box.setTextFormat(Qt.PlainText)  # file names and messages are untrusted text
    box.open()  # not exec: never blocks tests or the offscreen screenshot


def _with_suffix(path: str, suffix: str) -> str:
    return path if path.lower().endswith(suffix) else path + suffix


# -- project files ----------------------------------------------------------------------------
def _switch(window: "WindowApi", project, path: str) -> None:
    from desktop.storage.project.projectfile import close_project
    old = window.project
    window.set_project(project, path)
    close_project(old)
    settings.add_recent_file(path)


def new_project(window: "WindowApi", path: str | None = None) -> bool:
    from desktop.storage.project.projectfile import create_project
    path = path or ask_save_path(window, tr("New project"), PROJECT_FILTER)
    if not path:
        return False
    path = _with_suffix(path, PROJECT_SUFFIX)
    try:
        project = create_project(path, title=Path(path).stem.replace("_", " "))
        cmd, aid = edits.add_assessment(project, "Our assessment", origin="own")
        project.apply(cmd.changes)  # a fresh project starts with somewhere to draw; not an undo step
    except (InputError, OSError) as e:
        show_error(window, tr("New project"), str(e))
        return False
    _switch(window, project, path)
    window.message(tr("New project {name}").format(name=Path(path).name))
    return True


# A project that opens in less than this shows no dialog at all (most do).
OPEN_DIALOG_AFTER_MS = 600


def read_project(window: "WindowApi", path: str):
    """Open the project file at `path` in a worker while the window stays responsive: after a
    moment a progress dialog shows the reading (with the time left once it is meaningful) and
    can be cancelled. Returns the project, or None when cancelled; raises what `open_project`
    raises. A cancelled open closes what it read and the window's project stays open: the
    storage layer reports its reading (`progress=`, which raises once Cancel is pressed), so a
    Cancel during the reading stops it before anything is written."""
    from PySide6.QtCore import QCoreApplication, QEventLoop
    from desktop.storage.project.projectfile import close_project, open_project
    name = Path(path).name
    reading = tr("Reading {name}…").format(name=name)

    def work(progress: Progress):
        def report(fraction: float, *_: object) -> None:
            progress.report(fraction, reading)  # raises Cancelled once Cancel was pressed
        project = open_project(path, progress=report)
        if progress.cancelled:
            close_project(project)
            raise Cancelled()
        return project

    outcome: dict = {}

    def done(project) -> None:
        outcome["project"] = project

    def failed(msg: str) -> None:
        outcome["error"] = job.error_type, msg

    def cancelled() -> None:
        if job.result is not None:  # Cancel won at the very end: the file was read, close it
            close_project(job.result)

    job = run_job(window, tr("Opening {name}").format(name=name), work, done, failed, cancelled,
                  show_after_ms=OPEN_DIALOG_AFTER_MS, first_text=reading)
    job.sigEnded.connect(lambda: outcome.setdefault("ended", True))
    # Waits here as a modal dialog would, the window painting meanwhile. Until the dialog shows
    # (a moment), the user's clicks and keys wait too: the window-modal dialog blocks them after.
    while "ended" not in outcome:
        dialog = job.dialog
        shown = dialog is not None and dialog.isVisible()
        flags = QEventLoop.WaitForMoreEvents | (QEventLoop.AllEvents if shown else QEventLoop.ExcludeUserInputEvents)
        QCoreApplication.processEvents(flags)
    if "error" in outcome:
        kind, msg = outcome["error"]
        raise (kind if kind in (ProjectFileError, OSError) else ProjectFileError)(msg)
    return outcome.get("project")


def open_path(window: "WindowApi", path: str) -> bool:
    try:
        project = read_project(window, path)
    except (ProjectFileError, OSError) as e:
        if not Path(path).exists():
            settings.remove_recent_file(path)
        window.message(str(e))
        show_error(window, tr("Open project"), str(e))
        return False
    if project is None:
        window.message(tr("Opening {name} cancelled; {current} is still open").format(
            name=Path(path).name, current=Path(window.path).name if window.path else tr("the project in memory")))
        return False
    _switch(window, project, path)
    if not project.open_warnings:  # else the window shows the first of them (set_project)
        window.message(tr("Opened {name}").format(
            name=Path(path).name) + (tr(" (read-only)") if project.read_only else ""))
    return True


def open_sample(window: "WindowApi") -> bool:
    """A fresh copy of the bundled sample in the data folder (earlier copies keep their edits)."""
    from desktop.storage.project.sample import copy_sample_to
    from desktop.ui.window.settings import data_dir
    return open_path(window, str(copy_sample_to(data_dir())))


def open_project_dialog(window: "WindowApi") -> bool:
    path = ask_open_path(window, tr("Open project"), PROJECT_FILTER + ";;" + tr("All files (*)"))
    return open_path(window, path) if path else False


def fill_recent_menu(window: "WindowApi") -> None:
    menu = window.menus["recent"]
    menu.clear()
    files = settings.recent_files()
    for i, f in enumerate(files):
        act = menu.addAction(f"&{i + 1} {Path(f).name}" if i < 9 else Path(f).name)
        act.setToolTip(tooltip(f))
        act.setStatusTip(f)
        act.setEnabled(Path(f).exists())
        act.triggered.connect(lambda checked=False, f=f: open_path(window, f))
    if not files:
        menu.addAction(tr("No recent projects")).setEnabled(False)
    else:
        menu.addSeparator()
        menu.addAction(tr("Clear List")).triggered.connect(lambda: settings.set_value("recent_files", []))


def save_as(window: "WindowApi", path: str | None = None) -> bool:
    """Write a copy; the open file stays the one edited (it is already saved)."""
    from desktop.storage.project.projectfile import save_copy
    path = path or ask_save_path(window, tr("Save a copy as"), PROJECT_FILTER, suggested_path(window, " copy.gpkg"))
    if not path:
        return False
    path = _with_suffix(path, PROJECT_SUFFIX)
    if window.path and Path(path).resolve() == Path(window.path).resolve():
        window.message(tr("That is the open file; every edit is already saved in it"))
        return False
    try:
        save_copy(window.project, path)
    except (InputError, OSError) as e:
        show_error(window, tr("Save As"), str(e))
        return False
    settings.add_recent_file(path)
    window.message(tr("Saved a copy as {name}; you are still editing {current}").format(
        name=Path(path).name, current=Path(window.path).name if window.path else tr("the project in memory")))
    return True


# -- the undo history -------------------------------------------------------------------------
def ask_undo_limit(window: "WindowApi", n: int | None = None) -> int | None:
    """Edit ▸ Undo History Length: how many steps undo can go back (kept for later sessions).
    Every edit is written to the file as it is made, so a shorter history loses no edit."""
    if n is None:
        n, ok = QInputDialog.getInt(
            window, tr("Undo History Length"),
            tr("Undo steps to keep (older ones stay saved in the project, but cannot be undone):"),
            settings.undo_limit(), settings.MIN_UNDO_LIMIT, settings.MAX_UNDO_LIMIT, 100)
        if not ok:
            return None
    settings.set_undo_limit(n)
    n = settings.undo_limit()
    window.stack.set_limit(n)
    window.message(tr("Undo keeps the last {n} steps").format(n=n))
    return n


# -- assessments ------------------------------------------------------------------------------
def add_assessment(window: "WindowApi", name: str | None = None) -> str | None:
    name = name or ask_text(window, tr("Add assessment"), tr("Name of the assessment:"), "")
    if not name:
        return None
    cmd, aid = edits.add_assessment(window.project, name)
    if window.push(cmd):
        window.set_editing_assessment(aid)
        return aid
    return None


# -- import and export (jobs) -----------------------------------------------------------------
def import_files(window: "WindowApi", paths: list[str] | None = None, *, assessment: str | None = None,
                 status: str | None = None, series: bool = False):
    """Plan the import in a worker, push its one command on the GUI thread. Returns the Job."""
    from desktop.ui.dialogs.import_options import ImportOptions, ask_import_options
    if window.refuses_edits():
        return None
    paths = paths or ask_open_paths(window, tr("Import"), formats.import_filter())
    if not paths:
        return None
    if assessment is None:
        opts = ask_import_options(window, paths)
        if opts is None:
            return None
    else:
        opts = ImportOptions(assessment, status, series)
    project = window.project

    def work(progress: Progress):
        from desktop.storage.imports import importer

        def report(n: int, total: int) -> bool:
            progress.report(n / max(total, 1), tr("Reading {n} of {total}…").format(
                n=min(n + 1, len(paths)), total=len(paths)))
            return True
        if opts.series:
            from desktop.storage.imports.series import plan_series
            return plan_series(project, paths, assessment=opts.assessment, status=opts.status, progress=report,
                               keep=opts.keep)
        return importer.plan_import(project, paths, assessment=opts.assessment, status=opts.status, progress=report)

    def done(result) -> None:
        cmd, rep = result
        if project is not window.project:
            return  # the user switched projects meanwhile; the plan was for the other one
        # The Editing box stays where the analyst put it: an import is someone else's picture,
        # and the next zone drawn must not land in it unasked (e.g. in DeepState's layer).
        if cmd and window.push(cmd):
            window.message(rep.summary())

    def failed(msg: str) -> None:
        window.message(tr("Import failed: {error}").format(error=msg))
        show_error(window, tr("Import"), msg)

    return run_job(window, tr("Importing…"), work, done, failed,
                   lambda: window.message(tr("Import cancelled; the project is unchanged")))


def ask_export_scope(window, when) -> bool | None:
    """True: the whole history; False: only what is valid on `when`; None: cancelled."""
    box = QMessageBox(QMessageBox.Question, tr("Export"), tr("Export the whole history (every version, with its dates), "
                      "or only the zones valid on {when}?").format(when=when.isoformat()), QMessageBox.Cancel, window)
    history = box.addButton(tr("Whole history"), QMessageBox.AcceptRole)
    only = box.addButton(tr("Only {when}").format(when=when.isoformat()), QMessageBox.AcceptRole)
    box.setDefaultButton(history)
    box.exec()
    clicked = box.clickedButton()
    return True if clicked is history else False if clicked is only else None


def export_project(window: "WindowApi", path: str | None = None, *, history: bool | None = None):
    """Export in a worker (the project is only read). Returns the Job, or None."""
    from desktop.storage.exports.exporter import export_project as export
    path = path or ask_save_path(window, tr("Export"), formats.export_filter(), suggested_path(window, ".geojson"))
    if not path:
        return None
    if formats.for_writing(path) is None:
        path += formats.writable()[0].suffixes[0]  # GeoJSON
    project, when = window.project, window.cursor.date
    if history is None:
        history = True if not formats.for_writing(path).takes_date else ask_export_scope(window, when)
        if history is None:
            return None

    def work(progress: Progress):
        progress.report(0.05, tr("Writing {name}…").format(name=Path(path).name))
        result = export(project, path, None if history else when)
        progress.report(1.0)
        return result

    def failed(msg: str) -> None:
        window.message(tr("Export failed: {error}").format(error=msg))
        show_error(window, tr("Export"), msg)

    return run_job(window, tr("Exporting…"), work, window.message, failed, lambda: window.message(tr("Export cancelled")))
