"""Presentation mode (F11): the map full screen, painted by the shared frame painter, no chrome.

The view paints exactly `desktop.render.frame.paint_frame` with the spec of `timeline_frame`,
the same the replay export renders, so what the audience sees is what gets exported. Playback
controls fade in over the bottom edge while the mouse moves and hide again when it rests.
Esc (or F11) leaves; arrows step; space plays. The view moves and reads the window's one
timeline cursor (through its playback), so leaving it finds the map on the date it ended on.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QImage, QKeyEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from desktop.ui.i18n import QT_TR_NOOP, tr
from desktop.model.cursor import DATE, STEP
from desktop.render.chrome import paint_title
from desktop.render.frame import chrome_scale, paint_frame
from desktop.render.spec import FrameSpec
from desktop.render.step_frames import step_spec

from desktop.ui.widgets.icons import icon
from desktop.ui.widgets.project_listeners import listen
from desktop.ui.timeline.playback import Playback

HIDE_CONTROLS_MS = 2500
LEGEND_WIDTH = 330  # about the widest legend box at chrome scale 1 (status labels, swatches)


def _icon(name: str):
    return icon(name, "#ffffff", "#ffffff")


class PlaybackOverlay(QFrame):
    """Back, play/pause, forward, the date and a close button, on a dark translucent band."""

    def __init__(self, playback: Playback, parent: QWidget) -> None:
        super().__init__(parent)
        self.cursor = cursor = playback.cursor
        self.setObjectName("playbackOverlay")
        self.setStyleSheet("#playbackOverlay { background: rgba(32, 33, 36, 190); border-radius: 8px; }"
                           "QLabel { color: white; font-size: 15px; } QToolButton { border: none; }")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(12, 6, 12, 6)
        self.buttons: dict[str, QToolButton] = {}
        for key, icon, tip, slot in (("first", "page-first", QT_TR_NOOP("First step (Home)"), cursor.go_first),
                                     ("back", "chevron-left", QT_TR_NOOP("Previous step (Left)"), cursor.step_back),
                                     ("play", "play", QT_TR_NOOP("Play or pause (Space)"), playback.toggle_play),
                                     ("forward", "chevron-right", QT_TR_NOOP("Next step (Right)"), cursor.step_forward),
                                     ("last", "page-last", QT_TR_NOOP("Last step (End)"), cursor.go_last)):
            b = QToolButton(self)
            b.setIcon(_icon(icon))
            b.setToolTip(tr(tip))
            b.setFocusPolicy(Qt.NoFocus)
            b.clicked.connect(slot)
            lay.addWidget(b)
            self.buttons[key] = b
        self.date_label = QLabel(self)
        self.date_label.setTextFormat(Qt.PlainText)
        lay.addSpacing(8)
        lay.addWidget(self.date_label)
        lay.addSpacing(8)
        self.close_button = QToolButton(self)
        self.close_button.setIcon(_icon("close"))
        self.close_button.setToolTip(tr("Leave presentation mode (Esc)"))
        self.close_button.setFocusPolicy(Qt.NoFocus)
        lay.addWidget(self.close_button)
        listen(self, cursor, self._on_cursor)
        playback.sigPlayingChanged.connect(self._on_playing)
        self._on_date(cursor.date)
        self._on_playing(playback.is_playing())

    def _on_cursor(self, what: str) -> None:
        if what in (DATE, STEP):
            self._on_date(self.cursor.date)

    def _on_date(self, d: date) -> None:
        self.date_label.setText(tr("{date}  \u00b7  step: {step}").format(
            date=d.isoformat(), step=tr(self.cursor.step)))

    def _on_playing(self, playing: bool) -> None:
        self.buttons["play"].setIcon(_icon("pause" if playing else "play"))


class PresentationView(QWidget):
    sigClosed = Signal()

    def __init__(self, playback: Playback, project: Any = None, *, base: FrameSpec | None = None,
                 bbox: tuple[float, float, float, float] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.Window)
        self.playback = playback
        self.cursor = cursor = playback.cursor
        self.project = project if project is not None else cursor.project
        self.base, self.bbox = base, bbox
        self._spec: FrameSpec | None = None
        self._closed = False
        self.setWindowTitle(tr("{title} \u2014 presentation").format(title=self.project.info.title))
        self.setAttribute(Qt.WA_OpaquePaintEvent)  # the frame covers every pixel
        self.setAttribute(Qt.WA_DeleteOnClose)
        self.setMouseTracking(True)
        self.setCursor(Qt.BlankCursor)
        self.setFocusPolicy(Qt.StrongFocus)
        self.controls = PlaybackOverlay(playback, self)
        self.controls.close_button.clicked.connect(self.close)
        self.controls.hide()
        self.hide_timer = QTimer(self)
        self.hide_timer.setSingleShot(True)
        self.hide_timer.setInterval(HIDE_CONTROLS_MS)
        self.hide_timer.timeout.connect(self.hide_controls)
        # Heard until the view is deleted (it deletes itself once closed).
        listen(self, cursor, self._on_cursor)
        self.project.listeners.append(self._on_changes)
        self.act_leave = QAction(tr("Leave presentation"), self)
        self.act_leave.setShortcuts(["Esc", "F11"])
        self.act_leave.triggered.connect(self.close)
        self.addAction(self.act_leave)

    # -- the frame --------------------------------------------------------------------------
    def spec(self) -> FrameSpec:
        """The spec painted now (kept until the date, step or project changes)."""
        if self._spec is None:
            self._spec = step_spec(self.project, self.cursor.date, self.cursor.step, bbox=self.bbox, base=self.base)
        return self._spec

    def _on_cursor(self, what: str) -> None:
        if what in (DATE, STEP):
            self._invalidate()

    def _invalidate(self, *_: Any) -> None:
        self._spec = None
        self.update()

    def _on_changes(self, changes: Any) -> None:
        self._invalidate()

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        paint_frame(p, self.width(), self.height(), self.spec())
        p.end()

    def resizeEvent(self, event: Any) -> None:
        self._place_controls()
        super().resizeEvent(event)

    # -- controls on hover ------------------------------------------------------------------
    def _title_rect(self) -> QRectF:
        """Where the frame painter puts the title and date box (measured, not painted)."""
        spec = self.spec()
        img = QImage(1, 1, QImage.Format_ARGB32_Premultiplied)
        p = QPainter(img)
        rect = paint_title(p, spec.chrome, spec.when, spec.previous, chrome_scale(spec, self.height()))
        p.end()
        return rect

    def _place_controls(self) -> None:
        c = self.controls
        c.adjustSize()
        # Top centre, clear of the title box at the top left; where the window is too narrow for
        # that, just under the title (the legend takes the top right, captions the bottom).
        x, y = (self.width() - c.width()) // 2, 16
        title = self._title_rect() if self.project is not None else QRectF()
        legend_room = LEGEND_WIDTH * chrome_scale(self.spec(), self.height())
        if not title.isEmpty() and x < title.right() + 12:
            if title.right() + 12 + c.width() <= self.width() - legend_room:
                x = int(title.right() + 12)  # between the title and the legend
            else:
                x, y = int(title.left()), int(title.bottom() + 10)
        c.move(max(0, min(x, self.width() - c.width())), y)

    def show_controls(self) -> None:
        self._place_controls()
        self.controls.show()
        self.controls.raise_()
        self.unsetCursor()
        self.hide_timer.start()

    def hide_controls(self) -> None:
        # Keep them while the pointer rests on them: the analyst is about to click.
        if self.controls.underMouse():
            self.hide_timer.start()
            return
        self.controls.hide()
        self.setCursor(Qt.BlankCursor)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self.show_controls()
        super().mouseMoveEvent(event)

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Leave:
            self.hide_timer.start(300)
        return super().event(e)

    # -- keys -------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        c, key = self.cursor, event.key()
        actions = {Qt.Key_Left: c.step_back, Qt.Key_Right: c.step_forward, Qt.Key_Space: self.playback.toggle_play,
                   Qt.Key_Home: c.go_first, Qt.Key_End: c.go_last, Qt.Key_Escape: self.close,
                   Qt.Key_F11: self.close}
        fn = actions.get(key)
        if fn is None:
            super().keyPressEvent(event)
            return
        if event.modifiers() & Qt.ControlModifier and key in (Qt.Key_Left, Qt.Key_Right):
            fn = c.prev_change if key == Qt.Key_Left else c.next_change
        fn()
        event.accept()

    def start(self) -> None:
        self.showFullScreen()
        self.activateWindow()
        self.setFocus()

    def closeEvent(self, event: Any) -> None:
        super().closeEvent(event)
        if self._closed:
            return
        self._closed = True
        if self._on_changes in self.project.listeners:
            self.project.listeners.remove(self._on_changes)
        self.sigClosed.emit()


__all__ = ["PresentationView", "PlaybackOverlay"]
