"""Long work (import, export, caches) off the GUI thread, with a progress dialog and Cancel.

The work function runs in a QThread and must not touch widgets or push commands: it reads the
project and *computes* a result (for an import, the commands). The result comes back on the GUI
thread, where the window pushes it. Cancelling discards the result, so the project is left as
it was. The progress dialog is window-modal, which keeps the project still while the worker
reads it, yet the window goes on painting.
"""
from __future__ import annotations

import threading
import time
from typing import Any, Callable

import shiboken6
from PySide6.QtCore import QThread, QTimer, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget
from desktop.ui.i18n import tr

# The time left is shown once the rate so far means something: a few seconds in and a few per
# cent done (the first files of an import include the reader's start-up, which would promise a
# much longer wait than there is).
ESTIMATE_AFTER_S = 3.0
ESTIMATE_AFTER_FRACTION = 0.03


class Estimate:
    """Time left from the rate so far (the work done since the start, not the last step's rate:
    one slow file would make the figure jump). `clock` is injectable for tests."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._start = clock()

    def seconds_left(self, fraction: float) -> float | None:
        """Seconds left at `fraction` done, or None while the rate is not meaningful yet."""
        elapsed = self._clock() - self._start
        if elapsed < ESTIMATE_AFTER_S or fraction < ESTIMATE_AFTER_FRACTION or fraction >= 1.0:
            return None
        return elapsed * (1.0 - fraction) / fraction

    def text(self, fraction: float) -> str:
        """"About 2 min left", or "" while there is no meaningful estimate."""
        left = self.seconds_left(fraction)
        return "" if left is None else time_left_text(left)


def time_left_text(seconds: float) -> str:
    """Rounded as a person would say it: "Less than a minute left", "About 3 min left",
    "About 1 h 20 min left" (to the 5 s under a minute would flicker with every file)."""
    if seconds < 50:
        return tr("Less than a minute left")
    minutes = max(1, round(seconds / 60))
    if minutes < 60:
        return tr("About {n} min left").format(n=minutes)
    return tr("About {h} h {m} min left").format(h=minutes // 60, m=minutes % 60)


def with_estimate(text: str, estimate: str) -> str:
    """The dialog's label: what is being done, and the time left on a line of its own."""
    return f"{text}\n{estimate}" if estimate else text


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
        self.error_type: type[BaseException] | None = None
        self.dialog: QProgressDialog | None = None  # run_job's, while the job runs
        self.outcome = ""  # "done", "failed" or "cancelled" once ended

    def run(self) -> None:  # Qt override, worker thread
        try:
            # Kept even when a Cancel pressed at the very end wins (the check below): work that
            # holds something open (a project file) is then closed by whoever cancelled.
            self.result = self.work(self.progress)
            self.progress.check()
        except Cancelled:
            self.outcome = "cancelled"
        except Exception as e:  # the message reaches the user; a traceback would not help them
            self.outcome, self.error = "failed", f"{type(e).__name__}: {e}" if not str(e) else str(e)
            self.error_type = type(e)
        else:
            self.outcome = "done"

    def cancel(self) -> None:
        self.progress.cancel()


def run_job(parent: QWidget, title: str, work: Callable[[Progress], Any],
            on_done: Callable[[Any], None], on_failed: Callable[[str], None] | None = None,
            on_cancelled: Callable[[], None] | None = None, show_dialog: bool = True, *,
            show_after_ms: int = 0, busy: bool = False, first_text: str = "") -> Job:
    """Start `work` in a thread with a progress dialog; call back on the GUI thread. The
    dialog's label shows the time left once the rate so far is meaningful (`Estimate`)."""
    job = Job(work, parent)
    dialog = None
    if show_dialog:
        estimate = Estimate()
        said = [first_text or title]  # the work's last text, kept to append the estimate to it
        # A busy bar (no range) when the work cannot say how far it is.
        dialog = job.dialog = QProgressDialog(said[0], tr("Cancel"), 0, 0 if busy else 1000, parent)
        dialog.setWindowTitle(title)
        # Shown at once by default: being window-modal is what keeps the project still while the
        # worker reads it. Work that leaves the project alone (opening another) may wait a moment.
        dialog.setWindowModality(Qt.WindowModal)
        dialog.setMinimumWidth(360)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if show_after_ms > 0:
            dialog.setMinimumDuration(10**9)  # never by itself: the timer below shows it
            dialog.hide()
            QTimer.singleShot(show_after_ms, dialog, lambda: None if job.isFinished() else dialog.show())
        else:
            dialog.setMinimumDuration(0)
            dialog.setValue(0)
        dialog.canceled.connect(job.cancel)

        def progress(fraction: float, text: str) -> None:
            # A report still queued when the work ended, or when the window (the dialog's parent)
            # was closed under a running job: the dialog is gone.
            if job.dialog is None or not shiboken6.isValid(dialog):
                return
            if dialog.maximum():
                dialog.setValue(int(fraction * 1000))  # (a window-modal dialog runs events here)
                if job.dialog is None or not shiboken6.isValid(dialog):
                    return
            if text:
                said[0] = text
            label = with_estimate(said[0], estimate.text(fraction))
            if label != dialog.labelText():
                dialog.setLabelText(label)
        job.sigProgress.connect(progress)

    def finished() -> None:  # QThread.finished is delivered on the GUI thread
        if dialog is not None:
            job.dialog = None
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
