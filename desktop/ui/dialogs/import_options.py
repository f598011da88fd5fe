"""The import options dialog: into which assessment, with which status, as a dated series?"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QVBoxLayout, QWidget)
from PySide6.QtCore import Qt

DEFAULT_ASSESSMENT = "Imported"
DEEPSTATE_ASSESSMENT = "DeepState"
# The first choice leaves the assessment to the import: DeepState's files go into "DeepState"
# (credited and worded as DeepState), any other into "Imported".
AUTOMATIC = f"Automatic: \u201c{DEEPSTATE_ASSESSMENT}\u201d for DeepState's data, else \u201c{DEFAULT_ASSESSMENT}\u201d"


@dataclass(frozen=True)
class ImportOptions:
    assessment: str | None  # None: automatic (see AUTOMATIC)
    status: str | None = None  # None: from each feature's properties
    series: bool = False
    keep: str = "last"  # a series with several revisions of a day keeps its "last" or "first"


class ImportDialog(QDialog):
    def __init__(self, window, paths: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setWindowTitle("Import")
        project = window.project
        names = ", ".join(Path(p).name for p in paths[:3]) + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")
        what = QLabel(f"{len(paths)} file(s): {names}", self)
        what.setTextFormat(Qt.PlainText)
        what.setWordWrap(True)
        self.assessment = QComboBox(self)
        self.assessment.setEditable(True)
        existing = sorted({a.name for a in project.assessments.values()}, key=str.lower)
        self.assessment.addItem(AUTOMATIC, None)
        for n in existing:
            self.assessment.addItem(n, n)
        self.assessment.setToolTip("Imported zones go into this assessment (made if new; type a name for a new "
                                   "one); assessments never clip each other. Automatic: DeepState's data goes "
                                   "into \u201cDeepState\u201d, credited to DeepStateMap.live")
        self.status = QComboBox(self)
        self.status.addItem("From the file's properties", None)
        for s in sorted(project.legend.values(), key=lambda s: s.order):
            self.status.addItem(s.label, s.key)
        self.series = QCheckBox("Dated snapshots (one file per date) become zone versions", self)
        self.series.setChecked(len(paths) > 1)
        self.keep = QComboBox(self)
        self.keep.addItem("keep the last", "last")
        self.keep.addItem("keep the first", "first")
        self.keep.setToolTip("A series keeps one snapshot a day; of several revisions of one day (DeepState's "
                             "archive has up to a few), the last or the first is kept and the others set aside")
        self.keep.setEnabled(self.series.isChecked())
        self.series.toggled.connect(self.keep.setEnabled)
        form = QFormLayout()
        form.addRow("Into assessment", self.assessment)
        form.addRow("Status", self.status)
        form.addRow("", self.series)
        form.addRow("Several revisions a day", self.keep)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(what)
        lay.addLayout(form)
        lay.addWidget(buttons)

    def options(self) -> ImportOptions:
        return ImportOptions(self.chosen_assessment(), self.status.currentData(), self.series.isChecked(),
                             self.keep.currentData())

    def chosen_assessment(self) -> str | None:
        """The name typed or picked; None for the automatic choice (or nothing typed)."""
        text = self.assessment.currentText().strip()
        return None if not text or text == AUTOMATIC else text


def ask_import_options(window, paths: list[str]) -> ImportOptions | None:
    dlg = ImportDialog(window, paths)
    return dlg.options() if dlg.exec() else None
