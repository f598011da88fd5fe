"""File menu work for team projects: Open Team Project…, Take Offline…, Push Offline Edits….

The settings keep the analyst's name (what the server records with each edit, else the
database role) and the recent team URLs, without their password. The server work itself is
`desktop.storage.team.sync` (Qt-free); this module asks, calls and reports. Nothing here is
imported until the File menu's team entries are used, except `add_team_menu`, which only makes
the actions.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLineEdit, QListWidget,
                               QMenu, QMessageBox, QPushButton, QVBoxLayout, QWidget)

from desktop.ui.i18n import tr
from desktop.ui.widgets.plain_text import plain_label
from desktop.ui.window import settings

if TYPE_CHECKING:
    from desktop.ui.window.api import WindowApi

ANALYST_KEY = "team/analyst"
RECENT_KEY = "team/recent_urls"
MAX_RECENT_URLS = 10
URL_CHARS = 48  # the URL box shows this many characters at least


# -- settings -----------------------------------------------------------------------------------
def analyst() -> str | None:
    """The analyst's name for attribution, None when unset (the server records the role)."""
    name = str(settings.value(ANALYST_KEY, "") or "").strip()
    return name or None


def set_analyst(name: str) -> None:
    settings.set_value(ANALYST_KEY, name.strip())


def recent_urls() -> list[str]:
    value = settings.value(RECENT_KEY, [])
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in (value or []) if v]


def add_recent_url(url: str) -> None:
    """Remember a team URL, without its password, first in the list."""
    from desktop.storage.team import parse_team_url
    shown = parse_team_url(url).display
    settings.set_value(RECENT_KEY, ([shown] + [u for u in recent_urls() if u != shown])[:MAX_RECENT_URLS])


# -- the menu -----------------------------------------------------------------------------------
def add_team_menu(window: "WindowApi", file_menu: QMenu) -> dict[str, QAction]:
    """The team entries of the File menu (kept on `window.team_actions`)."""
    acts = {
        "open": QAction(tr("Open &Team Project…"), window),
        "pull": QAction(tr("Take &Offline…"), window),
        "push": QAction(tr("&Push Offline Edits…"), window),
    }
    acts["open"].setStatusTip(tr("Open a project kept in PostgreSQL/PostGIS, shared with your team"))
    acts["pull"].setStatusTip(tr("Save a copy of the team project to work in without the server"))
    acts["push"].setStatusTip(tr("Send the edits made in an offline copy to the team project "
                                 "(or make a team project of this file)"))
    acts["open"].triggered.connect(lambda *_: open_team_dialog(window))
    acts["pull"].triggered.connect(lambda *_: take_offline(window))
    acts["push"].triggered.connect(lambda *_: push_offline(window))
    file_menu.addActions(list(acts.values()))
    window.team_actions = acts
    return acts


# -- dialogs (monkeypatched in tests) -------------------------------------------------------------
class OpenTeamDialog(QDialog):
    """A team URL (recent ones offered), the projects in that database, the analyst's name."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Open Team Project"))
        self.url = QComboBox(self)
        self.url.setEditable(True)
        self.url.addItems(recent_urls())
        self.url.lineEdit().setPlaceholderText("postgresql://host/database?project=name")
        # A URL is long: room for one (an editable combo box otherwise sizes to its items, and
        # with none showed "postgr…").
        self.url.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.url.setMinimumContentsLength(URL_CHARS)
        self.name = QLineEdit(analyst() or "", self)
        self.name.setPlaceholderText(tr("(the database role)"))
        self.projects = QListWidget(self)
        self.projects.itemClicked.connect(lambda item: self._choose(item.text()))
        list_button = QPushButton(tr("List Projects"), self)
        list_button.clicked.connect(self.list_projects)
        self.note = plain_label("", self, wrap=True)
        form = QFormLayout()
        row = QHBoxLayout()
        row.addWidget(self.url, 1)
        row.addWidget(list_button)
        form.addRow(tr("Server URL:"), row)
        form.addRow(tr("Your name for attribution:"), self.name)
        buttons = QDialogButtonBox(QDialogButtonBox.Open | QDialogButtonBox.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.projects)
        layout.addWidget(self.note)
        layout.addWidget(buttons)

    def chosen_url(self) -> str:
        return self.url.currentText().strip()

    def list_projects(self) -> None:
        from desktop.storage.team import list_team_projects
        from desktop.storage.errors import InputError
        self.projects.clear()
        try:
            names = list_team_projects(self.chosen_url())
        except InputError as e:
            self.note.setText(str(e))
            return
        self.projects.addItems(names)
        self.note.setText(tr("{n} project(s) in this database").format(n=len(names)) if names
                          else tr("No team project in this database yet (File ▸ Push Offline Edits… makes one "
                                  "of a project file)"))

    def _choose(self, project: str) -> None:
        """The URL with `project=` set to the one clicked (the rest as typed: urlunsplit would
        drop the // of a URL without a host, postgresql:///db?host=/run/postgresql)."""
        from urllib.parse import parse_qsl, urlencode
        base, _, query = self.chosen_url().partition("?")
        pairs = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if k != "project"]
        self.url.setEditText(f"{base}?{urlencode(pairs + [('project', project)], safe='/')}")


def ask_team_url(window) -> str | None:
    """The URL to open (the analyst's name saved), or None when cancelled."""
    dlg = OpenTeamDialog(window)
    if not dlg.exec() or not dlg.chosen_url():
        return None
    set_analyst(dlg.name.text())
    return dlg.chosen_url()


def ask_url_for_new_team_project(window) -> str | None:
    from desktop.ui.dialogs.file_menu import ask_text
    recent = recent_urls()
    return ask_text(window, tr("Push Offline Edits"),
                    tr("This file was not pulled from a team project. Make a team project of it at "
                       "(postgresql://host/database?project=name):"), recent[0] if recent else "")


def show_report(window, title: str, lines: list[str], conflicts: bool) -> str:
    """The push report as plain text; with conflicts: "reapply", "drop" or "keep" (for later)."""
    box = QMessageBox(QMessageBox.Warning if conflicts else QMessageBox.Information, title, "\n".join(lines),
                      QMessageBox.NoButton, window)
    box.setTextFormat(Qt.PlainText)  # zone names and analysts' names are untrusted text
    if not conflicts:
        box.addButton(QMessageBox.Ok)
        box.exec()
        return "keep"
    reapply = box.addButton(tr("Reapply Mine on Top"), QMessageBox.AcceptRole)
    drop = box.addButton(tr("Drop Mine"), QMessageBox.DestructiveRole)
    box.addButton(tr("Keep for Later"), QMessageBox.RejectRole)
    box.exec()
    clicked = box.clickedButton()
    return "reapply" if clicked is reapply else "drop" if clicked is drop else "keep"


# -- the work ---------------------------------------------------------------------------------------
def open_team_url(window: "WindowApi", url: str) -> bool:
    """Switch the window to the team project at `url`."""
    from desktop.storage.errors import InputError
    from desktop.storage.project.projectfile import close_project
    from desktop.storage.team.any_project import display_name, open_any
    from desktop.ui.dialogs.file_menu import show_error
    try:
        project = open_any(url, analyst=analyst())
    except InputError as e:
        window.message(str(e))
        show_error(window, tr("Open Team Project"), str(e))
        return False
    old = window.project
    window.set_project(project, url)
    close_project(old)
    add_recent_url(url)
    window.message(tr("Opened team project {name}").format(name=display_name(url)))
    return True


def open_team_dialog(window: "WindowApi") -> bool:
    url = ask_team_url(window)
    return open_team_url(window, url) if url else False


def take_offline(window: "WindowApi", path: str | None = None) -> bool:
    """Pull the open team project into a GeoPackage and work in that copy."""
    from desktop.storage.errors import InputError
    from desktop.ui.dialogs import file_menu
    from desktop.ui.window.team_live import is_team
    store = window.project.storage
    if not is_team(window.project):
        window.message(tr("Take Offline works on a team project (File ▸ Open Team Project…)"))
        return False
    if not path:
        from desktop.storage.team import parse_team_url
        suggested = settings.documents_dir() / f"{parse_team_url(store.url).project}{file_menu.PROJECT_SUFFIX}"
        path = file_menu.ask_save_path(window, tr("Take offline as"), file_menu.PROJECT_FILTER, str(suggested))
    if not path:
        return False
    from desktop.storage.team.sync import pull
    window.message(tr("Taking the team project offline…"), 0)
    try:
        pull(store.url, file_menu._with_suffix(path, file_menu.PROJECT_SUFFIX), analyst=analyst(), overwrite=True)
    except InputError as e:
        window.message(str(e))
        file_menu.show_error(window, tr("Take Offline"), str(e))
        return False
    if not file_menu.open_path(window, file_menu._with_suffix(path, file_menu.PROJECT_SUFFIX)):
        return False
    window.message(tr("Offline copy saved and opened: your edits are kept for File ▸ Push Offline Edits…"), 0)
    return True


def push_offline(window: "WindowApi", url: str | None = None) -> bool:
    """Push the open copy's offline edits to its team project, reporting what went in and what
    conflicted; or make a team project of a plain project file."""
    from desktop.storage.errors import InputError
    from desktop.storage.team import offline_log
    from desktop.storage.team.sync import push_file, push_log
    from desktop.ui.dialogs.file_menu import show_error
    pf = window.project.storage
    con = getattr(pf, "con", None)
    from desktop.ui.window.team_live import is_team
    if con is None or is_team(window.project):
        window.message(tr("Push Offline Edits works on a project file (an offline copy, or one to share)"))
        return False
    origin = offline_log.origin_of(con)
    try:
        if origin is None:
            url = url or ask_url_for_new_team_project(window)
            if not url:
                return False
            report = push_file(window.path, url, analyst=analyst())
            add_recent_url(url)
            show_report(window, tr("Push Offline Edits"), report.lines(cli=False), False)
            return True
        if window.project.read_only:
            window.message(tr("The copy is open read-only: its offline edits cannot be marked as pushed"))
            return False
        how = "keep"
        while True:
            window.message(tr("Pushing offline edits…"), 0)
            report = push_log(window.project, url or origin.url, analyst=analyst(), on_conflict=how)
            if how != "keep" or not report.conflicts:
                break
            how = show_report(window, tr("Push Offline Edits"), report.lines(cli=False) + [
                "", tr("The conflicted edits stay in this copy until you reapply them on top of the others' "
                       "or drop them.")], True)
            if how == "keep":
                window.message(" ".join(report.lines(cli=False)[:1]))
                return True
    except InputError as e:
        window.message(str(e))
        show_error(window, tr("Push Offline Edits"), str(e))
        return False
    show_report(window, tr("Push Offline Edits"), report.lines(cli=False), False)
    window.message(report.lines(cli=False)[0])
    return True
