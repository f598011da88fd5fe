"""A team project on screen: others' edits arrive live, and the window says whose project it is.

`follow(window)` runs on every `set_project`: for a team project it watches the store's LISTEN
socket (a QSocketNotifier wakes it at once) with a 1 s timer as a fallback (a socket that changed
after a reconnect, a notification lost), and applies `pending_remote()` to memory with
`project.load_changes`, then tells the project's listeners: canvas, inspector, layers and chart
refresh as they do after an undo. The undo stack, the selection and the cursor date are not
touched (a zone someone deleted leaves the selection, as after any delete). The History dock
lists each remote batch with its author.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier, QTimer

from desktop.model.changes import ChangeSet
from desktop.storage.team import parse_team_url
from desktop.ui.i18n import tr
from desktop.ui.messages import shown
from desktop.ui.widgets.plain_text import tooltip

FALLBACK_MS = 1000


def is_team(project: Any) -> bool:
    """Is `project` kept on a team server (its storage follows others' edits)?"""
    return hasattr(getattr(project, "storage", None), "pending_remote")


class TeamLive(QObject):
    """Follows one team project for one window."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.project = window.project
        self.store = self.project.storage
        self.notifier: QSocketNotifier | None = None
        self._fileno = -1
        self._watch()
        self.timer = QTimer(self)
        self.timer.setInterval(FALLBACK_MS)
        self.timer.timeout.connect(self.poll)
        self.timer.start()
        self._failed = False

    def _watch(self) -> None:
        """(Re)attach the socket notifier to the store's LISTEN socket."""
        from desktop.storage.errors import InputError
        try:
            fileno = self.store.notify_fileno()
        except InputError:
            fileno = -1
        if fileno == self._fileno:
            return
        if self.notifier is not None:
            self.notifier.setEnabled(False)
            self.notifier.deleteLater()
            self.notifier = None
        self._fileno = fileno
        if fileno >= 0:
            self.notifier = QSocketNotifier(fileno, QSocketNotifier.Type.Read, self)
            self.notifier.activated.connect(lambda *_: self.poll())

    def poll(self) -> ChangeSet:
        """Bring others' edits in now; returns them (empty when there were none)."""
        from desktop.storage.errors import InputError
        if self.project is not self.window.project or self.project.storage is not self.store:
            self.stop()
            return ChangeSet()
        try:
            remote = self.store.pending_remote()
        except InputError as e:
            if not self._failed:  # said once, not every second while the server is away
                self.window.message(tr("Team server: {error}").format(error=shown(e)), 0)
            self._failed = True
            self._watch()
            return ChangeSet()
        if self._failed:
            self._failed = False
            self._watch()
            self.window.message(tr("Team server reached again; others' edits follow"))
        elif self.store.listening_fileno() != self._fileno:
            # The LISTEN connection was made again (the server restarted between two polls,
            # which then did not fail): watch the new socket, not the closed one.
            self._watch()
        if remote:
            self.project.load_changes(remote)
            for listener in list(self.project.listeners):
                listener(remote)
            self._note(remote)
        return remote

    def _note(self, remote: ChangeSet) -> None:
        """One History row for the batch: what changed and by whom."""
        names = []
        for c in remote:
            rec = c.after if c.after is not None else c.before
            name = _name(self.project, c.table, rec)
            if name and name not in names:
                names.append(name)
        # The log says whose change sets these were; asking the server row by row would cost
        # a round trip per row (a colleague's import: hundreds, on the GUI thread).
        authors = list(dict.fromkeys(by for by, _at, _id in getattr(self.store, "last_remote", []) if by))[:3]
        for c in list(remote)[:3] if not authors else ():  # rows no log entry names (edited in QGIS)
            try:
                who = self.store.author_of(c.table, c.id)
            except Exception:  # noqa: BLE001 - attribution is a courtesy; the edit is in
                who = None
            if who and who[0] not in authors:
                authors.append(who[0])
        what = ", ".join(names[:3]) + ("…" if len(names) > 3 else "") or tr("{n} rows").format(n=len(remote))
        # What kind of edit it was, as the analyst's own History rows say ("Delete …").
        if all(c.after is None for c in remote):
            what = tr("Deleted {what}").format(what=what)
        elif all(c.before is None for c in remote):
            what = tr("Added {what}").format(what=what)
        else:
            what = tr("Changed {what}").format(what=what)
        by = ", ".join(authors) or tr("another analyst")
        add = getattr(self.window.history_dock, "add_remote", None)
        if add is not None:
            add(tr("{what} — by {who}").format(what=what, who=by))

    def stop(self) -> None:
        self.timer.stop()
        attribution = getattr(self, "attribution", None)
        if attribution is not None:
            self.attribution = None
            attribution.remove()
        if self.notifier is not None:
            self.notifier.setEnabled(False)
            self.notifier.deleteLater()
            self.notifier = None
        self.deleteLater()


def _name(project: Any, table: str, record: Any) -> str:
    if record is None:
        return ""
    if table == "versions":
        zone = project.zones.get(record.zone_id)
        return zone.name if zone else ""
    return getattr(record, "name", "") or getattr(record, "outlet", "") or ""


class Attribution:
    """One line under the inspector's title: who made the selected zone's version shown (as of
    the cursor) and when, by the server's record (`author_of`). Asked once per version and
    remembered until that version changes, so playback does not query the server per frame."""

    def __init__(self, window: Any, store: Any) -> None:
        from desktop.ui.widgets.plain_text import plain_label
        from desktop.ui.widgets.project_listeners import listen
        self.window, self.store = window, store
        self._known: dict[str, tuple[str, Any] | None] = {}
        inspector = window.inspector
        self.label = plain_label("", inspector, wrap=True)  # analysts' names are untrusted text
        self.label.setObjectName("teamAttribution")
        self.label.setStyleSheet("color: #5f6368;")
        lay = inspector.layout()
        lay.insertWidget(lay.indexOf(inspector.subtitle) + 1, self.label)
        for source in (window.selection, window.cursor):
            listen(self.label, source, self.update)
        listen(self.label, window.project, self._changed)
        self.update()

    def _changed(self, changes: Any) -> None:
        for c in changes:
            self._known.pop(c.id, None)
        self.update()

    def update(self, *_: Any) -> None:
        w = self.window
        zone = next((i for i in w.selection if i in w.project.zones), None)
        version = w.project.version_at(zone, w.cursor.date) if zone else None
        if version is None:
            self.label.setVisible(False)
            return
        if version.id not in self._known:
            try:
                self._known[version.id] = self.store.author_of("versions", version.id)
            except Exception:  # noqa: BLE001 - the server away: no line rather than a stale one
                self.label.setVisible(False)
                return
        who = self._known[version.id]
        if who is None:
            self.label.setVisible(False)
            return
        by, at = who
        when = f"{at:%Y-%m-%d %H:%M}" if hasattr(at, "strftime") else str(at or "")
        self.label.setText(tr("This version: by {who}, {when}").format(who=by, when=when))
        self.label.setVisible(True)

    def remove(self) -> None:
        self.label.setParent(None)
        self.label.deleteLater()


def follow(window: Any) -> None:
    """Stop following the window's previous project; follow its new one if it is a team project,
    and show whose it is in the status bar."""
    stop(window)
    project = window.project
    if not is_team(project):
        return
    window.team_live = TeamLive(window)
    store = project.storage
    window.team_live.attribution = Attribution(window, store)
    # Short (project, database, host): the whole URL's socket folder and options crowded the
    # status bar's messages out; the tooltip has it.
    url = parse_team_url(store.url)
    text = (tr("Team project: {project} in {database} on {host}") if url.host
            else tr("Team project: {project} in {database} on this computer"))
    window.status.path.setText(text.format(project=url.project, database=url.database, host=url.host))
    tip = tr("Others' edits appear as they make them; yours are recorded as {name}").format(name=store.analyst)
    window.status.path.setToolTip(tooltip(store.display + "\n" + tip))  # names: plain text


def stop(window: Any) -> None:
    live = getattr(window, "team_live", None)
    if live is not None:
        window.team_live = None
        live.stop()


def catch_up(window: Any) -> ChangeSet:
    """Others' edits now (before resolving a conflict): the view shows the server's rows."""
    live = getattr(window, "team_live", None)
    return live.poll() if live is not None else ChangeSet()


def title_name(window: Any) -> str | None:
    """The title bar's name of a team project ("postgresql://… — Team project"), else None."""
    if not is_team(window.project):
        return None
    return tr("{url} — Team project").format(url=window.project.storage.display)


# -- undo and redo on a team project ------------------------------------------------------------
# CommandStack.undo/redo take the command off its list before applying it; when the team server
# refuses the write (someone changed those rows since), the command is put back, so a refused
# undo leaves the stack exactly as it was. (Were the stack to pop only after applying, `refused`
# finds the command still there and changes nothing.)
def top_of(stack: Any, *, redo: bool) -> Any:
    """The command undo (or redo) would take next, or None."""
    done = stack.commands()
    if not redo:
        return done[-1] if done else None
    undone = getattr(stack, "_undone", [])
    return undone[-1] if undone else None


def refused(window: Any, command: Any, error: Exception, *, redo: bool) -> None:
    """An undo (redo) the server refused: the stack as it was, the reason in the status bar."""
    stack = window.stack
    if command is not None and top_of(stack, redo=redo) is not command:
        (stack._undone if redo else stack._done).append(command)
        stack._notify()
    conflicts = getattr(error, "conflicts", None)
    if conflicts:
        from desktop.storage.team.sync import conflict_line
        reason = conflict_line(window.project, conflicts[0])
        text = (tr("Redo refused: {reason} since; your edits stay as they are") if redo
                else tr("Undo refused: {reason} since; your edit stays"))
        window.message(text.format(reason=reason), 0)
    else:
        window.message(str(error), 0)
    catch_up(window)
