"""The quote editor: exact words, speaker, date said, language and translation, credibility, source."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout,
                               QHBoxLayout, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget)

from desktop.ui.i18n import tr
from desktop.model.commands import CommandStack
from desktop.model.entities import CREDIBILITY
from desktop.model.evidence_commands import add_quote, edit_quote
from desktop.model.project import Project

from desktop.ui.evidence.badges import AdmiraltyBadge
from desktop.ui.widgets.date_inputs import date_edit
from desktop.ui.evidence.common import CommandPusher
from desktop.ui.widgets.plain_text import elide, plain_label, tooltip

MAX_QUOTE_CHARS = 20_000  # a quote is words someone said, not a whole article


class QuoteDialog(QDialog, CommandPusher):
    """Edit `quote_id`, or make a new quote (of `source_id`, pre-filled with `text`).

    Accepting pushes one command; `quote_id` then names the quote.
    """
    sigCommand = Signal(object)
    sigMessage = Signal(str)

    def __init__(self, project: Project, stack: CommandStack | None, *, quote_id: str | None = None,
                 source_id: str | None = None, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project, self.stack, self.quote_id = project, stack, quote_id
        q = project.quotes.get(quote_id) if quote_id else None
        self.setWindowTitle(tr("Edit quote") if q else tr("New quote"))
        self.setMinimumWidth(520)

        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(tr("The exact words, as published"))
        self.text.setTabChangesFocus(True)
        self.speaker = QLineEdit()
        self.speaker.setPlaceholderText(tr("e.g. unnamed commander, 38th Marine Brigade"))
        self.said_known = QCheckBox(tr("known"))
        self.said_on = date_edit()
        self.language = QComboBox()
        self.language.setEditable(True)
        self.language.addItems(["en", "uk", "ru", "de", "fr", "pl"])
        self.translation = QPlainTextEdit()
        self.translation.setPlaceholderText(tr("Translation into the project's language, if the words are not in it"))
        self.translation.setTabChangesFocus(True)
        self.translation.setMaximumHeight(80)
        self.credibility = QComboBox()
        for k, meaning in CREDIBILITY.items():
            self.credibility.addItem(f"{k} – {tr(meaning)}", k)
        self.source = QComboBox()
        for s in sorted(project.sources.values(), key=lambda s: s.outlet.lower()):
            self.source.addItem(elide(s.outlet + (f" – {s.title}" if s.title else ""), 70), s.id)
            self.source.setItemData(self.source.count() - 1, tooltip(s.outlet), 3)  # 3 = ToolTipRole
        self.badge = AdmiraltyBadge("F", 6)
        self.problem = plain_label("", wrap=True)
        self.problem.setStyleSheet("color: #c62828;")

        date_row = QHBoxLayout()
        date_row.addWidget(self.said_on, 1)
        date_row.addWidget(self.said_known)
        cred_row = QHBoxLayout()
        cred_row.addWidget(self.credibility, 1)
        cred_row.addWidget(self.badge)
        form = QFormLayout()
        form.addRow(tr("Source"), self.source)
        form.addRow(tr("Words"), self.text)
        form.addRow(tr("Speaker"), self.speaker)
        form.addRow(tr("Said on"), date_row)
        form.addRow(tr("Language"), self.language)
        form.addRow(tr("Translation"), self.translation)
        form.addRow(tr("Credibility"), cred_row)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.problem)
        lay.addWidget(self.buttons)

        if q is not None:
            source_id, text = q.source_id, q.text
            self.speaker.setText(q.speaker)
            self._set_date(q.said_on)
            self.language.setCurrentText(q.language)
            self.translation.setPlainText(q.translation)
            self.credibility.setCurrentIndex(max(0, self.credibility.findData(q.credibility)))
        else:
            self._set_date(None)
            self.credibility.setCurrentIndex(self.credibility.findData(6))
        self.text.setPlainText(text[:MAX_QUOTE_CHARS])
        if source_id:
            self.source.setCurrentIndex(max(0, self.source.findData(source_id)))
        self.said_known.toggled.connect(self.said_on.setEnabled)
        for sig in (self.source.currentIndexChanged, self.credibility.currentIndexChanged,
                    self.text.textChanged):
            sig.connect(self._validate)
        self._validate()

    @classmethod
    def from_clipboard(cls, project: Project, stack: CommandStack | None, source_id: str | None = None,
                       parent: QWidget | None = None) -> "QuoteDialog":
        """A new quote pre-filled with the clipboard's text (trimmed of surrounding blank space
        and typographic quote marks copied with it)."""
        text = QGuiApplication.clipboard().text().strip().strip("\"“”«»„").strip()
        return cls(project, stack, source_id=source_id, text=text, parent=parent)

    # -- fields -----------------------------------------------------------------------------
    def _set_date(self, d: date | None) -> None:
        self.said_known.setChecked(d is not None)
        self.said_on.setEnabled(d is not None)
        # Unknown: offered as the date the window shows (the field's own fallback: today).
        self.said_on.setDate(d or self.said_on.cursor_date())

    def values(self) -> dict:
        return dict(
            text=self.text.toPlainText().strip(),
            speaker=self.speaker.text().strip(),
            said_on=self.said_on.value() if self.said_known.isChecked() else None,
            language=self.language.currentText().strip() or "en",
            translation=self.translation.toPlainText().strip(),
            credibility=int(self.credibility.currentData()),
        )

    def _validate(self) -> None:
        sid = self.source.currentData()
        problem = ""
        if sid is None:
            problem = tr("Add a source first: every quote belongs to one.")
        elif not self.text.toPlainText().strip():
            problem = tr("Type or paste the exact words.")
        elif len(self.text.toPlainText()) > MAX_QUOTE_CHARS:
            problem = tr("A quote may be at most {n} characters.").format(n=f"{MAX_QUOTE_CHARS:,}")
        self.problem.setText(problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)
        src = self.project.sources.get(sid) if sid else None
        self.badge.set_grade(src.reliability if src else "F", int(self.credibility.currentData() or 6))

    def accept(self) -> None:
        # A date typed but not confirmed is read now; one that is not a date keeps the dialog open.
        if self.said_known.isChecked() and not self.said_on.commit():
            self.problem.setText(tr("Said on: {error}").format(error=self.said_on.error))
            return
        self._validate()
        if self.problem.text():
            return
        v, sid = self.values(), self.source.currentData()
        if self.quote_id and self.quote_id in self.project.quotes:
            ok, msgs = self.push(lambda: edit_quote(self.project, self.quote_id, source_id=sid, **v))
        else:
            text = v.pop("text")
            made: dict = {}

            def make():
                cmd, made["id"] = add_quote(self.project, sid, text, **v)
                return cmd
            ok, msgs = self.push(make)
            if ok:
                self.quote_id = made["id"]
        if not ok and msgs:  # refused by the model: say why and keep the dialog open
            self.problem.setText(msgs[0])
            return
        super().accept()
