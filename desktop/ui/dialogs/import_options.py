"""The import options dialog: into which assessment, with which status, as a dated series?"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QVBoxLayout, QWidget)
from PySide6.QtCore import Qt
from desktop.ui.i18n import tr

DEFAULT_ASSESSMENT = "Imported"
DEEPSTATE_ASSESSMENT = "DeepState"
# The first choice leaves the assessment to the import: DeepState's files go into "DeepState"
# (credited and worded as DeepState), any other into "Imported".
AUTOMATIC = f"Automatic: \u201c{DEEPSTATE_ASSESSMENT}\u201d for DeepState's data, else \u201c{DEFAULT_ASSESSMENT}\u201d"


def automatic_text() -> str:
    """AUTOMATIC in the interface's language (the assessment names are data: untranslated)."""
    return tr("Automatic: \u201c{deepstate}\u201d for DeepState's data, else \u201c{default}\u201d").format(
        deepstate=DEEPSTATE_ASSESSMENT, default=DEFAULT_ASSESSMENT)


@dataclass(frozen=True)
class ImportOptions:
    assessment: str | None  # None: automatic (see AUTOMATIC)
    status: str | None = None  # None: from each feature's properties
    series: bool = False
    keep: str = "last"  # a series with several revisions of a day keeps its "last" or "first"


class ImportDialog(QDialog):
    def __init__(self, window, paths: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setWindowTitle(tr("Import"))
        project = window.project
        names = ", ".join(Path(p).name for p in paths[:3]) + (
            tr(" and {n} more").format(n=len(paths) - 3) if len(paths) > 3 else "")
        what = QLabel(tr("{n} file(s): {names}").format(n=len(paths), names=names), self)
        what.setTextFormat(Qt.PlainText)
        what.setWordWrap(True)
        self.assessment = QComboBox(self)
        self.assessment.setEditable(True)
        existing = sorted({a.name for a in project.assessments.values()}, key=str.lower)
        self.assessment.addItem(automatic_text(), None)
        for n in existing:
            self.assessment.addItem(n, n)
        self.assessment.setToolTip(tr("Imported zones go into this assessment (made if new; type a name for a new "
                                   "one); assessments never clip each other. Automatic: DeepState's data goes "
                                   "into \u201cDeepState\u201d, credited to DeepStateMap.live"))
        self.status = QComboBox(self)
        self.status.addItem(tr("From the file's properties"), None)
        for s in sorted(project.legend.values(), key=lambda s: s.order):
            self.status.addItem(s.label, s.key)
        self.series = QCheckBox(tr("Dated snapshots (one file per date) become zone versions"), self)
        self.series.setChecked(len(paths) > 1)
        self.keep = QComboBox(self)
        self.keep.addItem(tr("keep the last"), "last")
        self.keep.addItem(tr("keep the first"), "first")
        self.keep.setToolTip(tr("A series keeps one snapshot a day; of several revisions of one day (DeepState's "
                             "archive has up to a few), the last or the first is kept and the others set aside"))
        self.keep.setEnabled(self.series.isChecked())
        self.series.toggled.connect(self.keep.setEnabled)
        form = QFormLayout()
        form.addRow(tr("Into assessment"), self.assessment)
        form.addRow(tr("Status"), self.status)
        form.addRow("", self.series)
        form.addRow(tr("Several revisions a day"), self.keep)
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
        return None if not text or text in (AUTOMATIC, automatic_text()) else text


def ask_import_options(window, paths: list[str]) -> ImportOptions | None:
    dlg = ImportDialog(window, paths)
    return dlg.options() if dlg.exec() else None
