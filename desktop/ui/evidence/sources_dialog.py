"""Add or edit one source: outlet, title, URL, published date, kind, reliability, notes, files."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout,
                               QHBoxLayout, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget)

from desktop.ui.i18n import tr
from desktop.model.commands import CommandStack
from desktop.model.entities import RELIABILITY, SOURCE_KINDS
from desktop.model.evidence_commands import add_source, duplicate_url_sources, edit_source
from desktop.model.project import Project

from desktop.ui.evidence.attachments_list import AttachmentsList
from desktop.ui.widgets.date_inputs import date_edit
from desktop.ui.evidence.common import CommandPusher, safe_web_url
from desktop.ui.widgets.plain_text import plain_label


class SourceDialog(QDialog, CommandPusher):
    """Accepting pushes one command; `source_id` then names the source. Attachments (of a
    source that exists) are pushed as their own commands as they are added or marked."""
    sigCommand = Signal(object)
    sigMessage = Signal(str)

    def __init__(self, project: Project, stack: CommandStack | None, source_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project, self.stack, self.source_id = project, stack, source_id
        s = project.sources.get(source_id) if source_id else None
        self.setWindowTitle(tr("Edit source") if s else tr("New source"))
        self.setMinimumWidth(560)
        self.outlet = QLineEdit()
        self.outlet.setPlaceholderText(tr("Outlet or author, e.g. The Kyiv Independent"))
        self.title = QLineEdit()
        self.url = QLineEdit()
        self.url.setPlaceholderText(tr("https://…"))
        self.published_known = QCheckBox(tr("known"))
        self.published = date_edit()
        self.kind = QComboBox()
        self.kind.addItems(SOURCE_KINDS)
        self.reliability = QComboBox()
        for k, meaning in RELIABILITY.items():
            self.reliability.addItem(f"{k} – {tr(meaning)}", k)
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(70)
        self.notes.setTabChangesFocus(True)
        self.warning = plain_label("", wrap=True)
        self.warning.setStyleSheet("color: #b26a00;")
        self.attachments = AttachmentsList(project, stack, source_id, self)
        self.attachments.sigCommand.connect(self.sigCommand)
        self.attachments.setEnabled(s is not None)
        if s is None:
            self.attachments.problem.setText(tr("Save the source first to attach files to it."))

        pub_row = QHBoxLayout()
        pub_row.addWidget(self.published, 1)
        pub_row.addWidget(self.published_known)
        form = QFormLayout()
        form.addRow(tr("Outlet / author"), self.outlet)
        form.addRow(tr("Title"), self.title)
        form.addRow(tr("URL"), self.url)
        form.addRow(tr("Published"), pub_row)
        form.addRow(tr("Kind"), self.kind)
        form.addRow(tr("Reliability"), self.reliability)
        form.addRow(tr("Notes"), self.notes)
        form.addRow(tr("Attachments"), self.attachments)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.warning)
        lay.addWidget(self.buttons)

        if s is not None:
            self.outlet.setText(s.outlet)
            self.title.setText(s.title)
            self.url.setText(s.url)
            self.kind.setCurrentText(s.kind)
            self.reliability.setCurrentIndex(self.reliability.findData(s.reliability))
            self.notes.setPlainText(s.notes)
        else:
            self.kind.setCurrentText("media")
            self.reliability.setCurrentIndex(self.reliability.findData("F"))
        self._set_published(s.published if s else None)
        self.published_known.toggled.connect(self.published.setEnabled)
        self.outlet.textChanged.connect(self._validate)
        self.url.textChanged.connect(self._validate)
        self._validate()

    def _set_published(self, d: date | None) -> None:
        self.published_known.setChecked(d is not None)
        self.published.setEnabled(d is not None)
        # Unknown: offered as the date the window shows (the field's own fallback: today).
        self.published.setDate(d or self.published.cursor_date())

    def values(self) -> dict:
        known = self.published_known.isChecked()
        return dict(outlet=self.outlet.text().strip(), title=self.title.text().strip(),
                    url=self.url.text().strip(),
                    published=self.published.value() if known else None,
                    kind=self.kind.currentText(), reliability=self.reliability.currentData(),
                    notes=self.notes.toPlainText().strip())

    def _validate(self) -> None:
        """Warn as the URL is typed: a duplicate is allowed but said; a non-web URL is kept as
        text but will never be opened."""
        url = self.url.text().strip()
        notes = []
        dups = duplicate_url_sources(self.project, url, exclude_id=self.source_id)
        if dups:
            notes.append(tr("Another source has the same URL: {outlets}").format(
                outlets=", ".join(d.outlet for d in dups)))
        if url and safe_web_url(url) is None:
            notes.append(tr("Only http and https addresses can be opened from Frontline."))
        if not self.outlet.text().strip():
            notes.append(tr("Name the outlet or author."))
        self.warning.setText("\n".join(notes))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.outlet.text().strip()))

    def accept(self) -> None:
        # A date typed but not confirmed is read now; one that is not a date keeps the dialog open.
        if self.published_known.isChecked() and not self.published.commit():
            self.warning.setText(tr("Published: {error}").format(error=self.published.error))
            return
        v = self.values()
        if not v["outlet"]:
            return
        if self.source_id and self.source_id in self.project.sources:
            ok, msgs = self.push(lambda: edit_source(self.project, self.source_id, **v))
        else:
            made: dict = {}

            def make():
                cmd, made["id"] = add_source(self.project, v.pop("outlet"), **v)
                return cmd
            ok, msgs = self.push(make)
            if ok:
                self.source_id = made["id"]
        if not ok and msgs:
            self.warning.setText(msgs[0])
            return
        super().accept()
