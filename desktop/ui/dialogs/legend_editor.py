"""The legend editor: each status's key, label, tier, colour, fill, hatch and outline.

The dialog edits a working copy; `commands()` turns the differences into model commands
(`records.set_legend_entry` / `delete_legend_entry`) that the window pushes as one undo step.
"""
from __future__ import annotations

import re
from dataclasses import replace

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QCheckBox, QColorDialog, QComboBox, QDialog, QDialogButtonBox,
                               QDoubleSpinBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget)

from desktop.ui.i18n import tr
from desktop.model import record_commands as records
from desktop.model.commands import Command
from desktop.model.edits import EditError
from desktop.model.legend import PATTERNS, TIERS, Status
from desktop.model.project import Project

from desktop.ui.widgets.status_look import status_icon
from desktop.ui.widgets.swatch import swatch

HATCHES = PATTERNS
KEY_RE = re.compile(r"^[a-z][a-z0-9_]*$")


class LegendEditor(QDialog):
    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Legend"))
        self.project = project
        self.original = dict(project.legend)
        self.entries: dict[str, Status] = dict(project.legend)
        self._loading = False
        self._build()
        self._fill_list()
        if self.list.count():
            self.list.setCurrentRow(0)

    def _build(self) -> None:
        self.list = QListWidget(self)
        self.list.setIconSize(QSize(28, 16))  # the status looks (status_icon), pattern and outline visible
        self.list.currentItemChanged.connect(lambda cur, prev: self._show(cur))
        self.key = QLineEdit(self)
        self.key.setReadOnly(True)
        self.key.setToolTip(tr("The key is stored with every zone version; it cannot be changed"))
        self.label = QLineEdit(self)
        self.tier = QComboBox(self)
        self.tier.addItems(list(TIERS))
        self.tier.setToolTip(tr("assessed: zones of one assessment never overlap; claim and annotation may overlap"))
        self.colour = QPushButton(self)
        self.colour.clicked.connect(self._pick_colour)
        self.opacity = QDoubleSpinBox(self)
        self.opacity.setRange(0.0, 1.0)
        self.opacity.setSingleStep(0.05)
        self.hatch = QComboBox(self)
        for h in HATCHES:
            self.hatch.addItem(h or tr("none"), h)
        self.hatch.setToolTip(tr("The pattern drawn over the fill. A colour too pale to read against the basemap is "
                              "stippled and outlined in a darker shade of itself whatever this says."))
        self.dashed = QCheckBox(tr("dashed outline"), self)
        for w in (self.label,):
            w.editingFinished.connect(self._store)
        for w in (self.tier, self.hatch):
            w.currentIndexChanged.connect(self._store)
        self.opacity.valueChanged.connect(self._store)
        self.dashed.toggled.connect(self._store)

        form = QFormLayout()
        form.addRow(tr("Key"), self.key)
        form.addRow(tr("Label"), self.label)
        form.addRow(tr("Tier"), self.tier)
        form.addRow(tr("Colour"), self.colour)
        form.addRow(tr("Fill opacity"), self.opacity)
        form.addRow(tr("Hatch"), self.hatch)
        form.addRow("", self.dashed)
        self.error = QLabel(self)
        self.error.setTextFormat(Qt.PlainText)
        self.error.setStyleSheet("color: #b3261e;")

        self.new_key = QLineEdit(self)
        self.new_key.setPlaceholderText(tr("new_status_key"))
        add = QPushButton(tr("Add status"), self)
        add.clicked.connect(lambda: self.add_entry(self.new_key.text().strip()))
        self.remove = QPushButton(tr("Remove"), self)
        self.remove.clicked.connect(self.remove_current)
        row = QHBoxLayout()
        row.addWidget(self.new_key)
        row.addWidget(add)
        row.addWidget(self.remove)

        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.list, 0)
        top.addLayout(form, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addLayout(row)
        lay.addWidget(self.error)
        lay.addWidget(buttons)
        self.resize(760, 380)

    def _fill_list(self) -> None:
        current = self.current_key()
        self.list.clear()
        for s in sorted(self.entries.values(), key=lambda s: s.order):
            item = QListWidgetItem(status_icon(s), s.label)
            item.setData(Qt.UserRole, s.key)
            self.list.addItem(item)
            if s.key == current:
                self.list.setCurrentItem(item)
        # Wide enough for the longest label (they run to ~35 characters), never a sideways scroll.
        frame = 2 * self.list.frameWidth() + self.list.verticalScrollBar().sizeHint().width() + 4
        self.list.setMinimumWidth(min(420, max(160, self.list.sizeHintForColumn(0) + frame)))

    def current_key(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.UserRole) if item else None

    def _show(self, item: QListWidgetItem | None) -> None:
        s = self.entries.get(item.data(Qt.UserRole)) if item else None
        if s is None:
            return
        self._loading = True
        self.key.setText(s.key)
        self.label.setText(s.label)
        self.tier.setCurrentText(s.tier)
        self._paint_colour(s.colour)
        self.opacity.setValue(s.fill_opacity)
        self.hatch.setCurrentIndex(max(0, self.hatch.findData(s.hatch)))
        self.dashed.setChecked(s.dashed)
        self._loading = False

    def _paint_colour(self, colour: str) -> None:
        self.colour.setText(colour)
        self.colour.setIcon(swatch(colour, 14))

    def _pick_colour(self) -> None:
        c = QColorDialog.getColor(QColor(self.colour.text()), self, tr("Status colour"))
        if c.isValid():
            self.set_colour(c.name())

    def set_colour(self, colour: str) -> None:
        self._paint_colour(colour)
        self._store()

    def _store(self) -> None:
        key = self.current_key()
        if self._loading or key is None:
            return
        s = self.entries[key]
        self.entries[key] = replace(s, label=self.label.text().strip() or s.label, tier=self.tier.currentText(),
                                    colour=self.colour.text(), fill_opacity=round(self.opacity.value(), 2),
                                    hatch=self.hatch.currentData() or "", dashed=self.dashed.isChecked())
        item = self.list.currentItem()
        item.setText(self.entries[key].label)
        item.setIcon(status_icon(self.entries[key]))

    def add_entry(self, key: str) -> bool:
        if not KEY_RE.match(key):
            self.error.setText(tr("A key is lower-case letters, digits and _ (e.g. ua_control)"))
            return False
        if key in self.entries:
            self.error.setText(tr("{key} is already in the legend").format(key=key))
            return False
        order = max((s.order for s in self.entries.values()), default=-1) + 1
        self.entries[key] = Status(key, key.replace("_", " ").capitalize(), "annotation", "#607d8b", 0.2, order=order)
        self.error.clear()
        self.new_key.clear()
        self._fill_list()
        self.list.setCurrentRow(self.list.count() - 1)
        return True

    def remove_current(self) -> None:
        key = self.current_key()
        if key is None:
            return
        if any(v.status == key for v in self.project.versions.values()):
            self.error.setText(tr("{key} is still used by zones; change their status first").format(key=key))
            return
        del self.entries[key]
        self.error.clear()
        self._fill_list()

    def commands(self) -> list[Command]:
        """The edits, as commands, in a stable order: changed and added first, then removed."""
        out: list[Command] = []
        for key, s in self.entries.items():
            if self.original.get(key) != s:
                out.append(records.set_legend_entry(self.project, s))
        for key in self.original:
            if key not in self.entries:
                try:
                    out.append(records.delete_legend_entry(self.project, key))
                except EditError as e:
                    self.error.setText(str(e))
        return out
