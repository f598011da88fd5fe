"""Long work (import, export, caches) off the GUI thread, with a progress dialog and Cancel.

The work function runs in a QThread and must not touch widgets or push commands: it reads the
project and *computes* a result (for an import, the commands). The result comes back on the GUI
thread, where the window pushes it. Cancelling discards the result, so the project is left as
it was. The progress dialog is window-modal, which keeps the project still while the worker
reads it, yet the window goes on painting.
"""
from __future__ import annotations

import threading
from typing import Any, Callable

from PySide6.QtCore import QThread, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget
from desktop.ui.i18n import tr


class Cancelled(Exception):
    """Raised inside work by `Progress.check()` once the user pressed Cancel."""


class Progress:
    """Handed to the work function: report progress, and check for Cancel now and then."""

    def __init__(self, job: "Job") -> None:
        self._job = job
        self._cancel = threading.Event()

    def report(self, fraction: float, text: str = "") -> None:
        self.check()
        self._job.sigProgress.emit(max(0.0, min(1.0, float(fraction))), text)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()

    def cancel(self) -> None:
        self._cancel.set()


class Job(QThread):
    sigProgress = Signal(float, str)
    sigDone = Signal(object)  # the result (GUI thread)
    sigFailed = Signal(str)  # a one-line message
    sigCancelled = Signal()
    sigEnded = Signal()  # after any of the three above

    def __init__(self, work: Callable[[Progress], Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.work = work
        self.progress = Progress(self)
        self.result: Any = None
        self.error: str = ""
        self.outcome = ""  # "done", "failed" or "cancelled" once ended

    def run(self) -> None:  # Qt override, worker thread
        try:
            result = self.work(self.progress)
            self.progress.check()  # a Cancel pressed at the very end still wins
        except Cancelled:
            self.outcome = "cancelled"
        except Exception as e:  # the message reaches the user; a traceback would not help them
            self.outcome, self.error = "failed", f"{type(e).__name__}: {e}" if not str(e) else str(e)
        else:
            self.outcome, self.result = "done", result

    def cancel(self) -> None:
        self.progress.cancel()


def run_job(parent: QWidget, title: str, work: Callable[[Progress], Any],
            on_done: Callable[[Any], None], on_failed: Callable[[str], None] | None = None,
            on_cancelled: Callable[[], None] | None = None, show_dialog: bool = True) -> Job:
    """Start `work` in a thread with a progress dialog; call back on the GUI thread."""
    job = Job(work, parent)
    dialog = None
    if show_dialog:
        dialog = QProgressDialog(title, tr("Cancel"), 0, 1000, parent)
        dialog.setWindowTitle(title)
        # Shown at once: being window-modal is what keeps the project still while the worker reads it.
        dialog.setWindowModality(Qt.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setValue(0)
        dialog.canceled.connect(job.cancel)

        def progress(fraction: float, text: str) -> None:
            dialog.setValue(int(fraction * 1000))
            if text:
                dialog.setLabelText(text)
        job.sigProgress.connect(progress)

    def finished() -> None:  # QThread.finished is delivered on the GUI thread
        if dialog is not None:
            dialog.close()
            dialog.deleteLater()
        if job.outcome == "done":
            job.sigDone.emit(job.result)
            on_done(job.result)
        elif job.outcome == "failed":
            job.sigFailed.emit(job.error)
            if on_failed:
                on_failed(job.error)
        else:
            job.sigCancelled.emit()
            if on_cancelled:
                on_cancelled()
        job.sigEnded.emit()
        job.deleteLater()

    job.finished.connect(finished)
    job.start()
    return job
