"""Replay playback: the timer that moves the window's timeline cursor one step per frame.

The date, step and range live in the Qt-free `desktop.model.cursor.TimelineCursor`, which every
view reads; only what needs an event loop is here: the timer, its speed, looping, play/pause.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.model.cursor import TimelineCursor

MIN_FPS, MAX_FPS = 0.25, 60.0


class Playback(QObject):
    sigPlayingChanged = Signal(bool)
    sigSettingsChanged = Signal()  # fps or loop

    def __init__(self, cursor: TimelineCursor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cursor = cursor
        self._loop = False
        self._fps = 4.0
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._tick)
        self._apply_interval()

    @property
    def loop(self) -> bool:
        return self._loop

    @property
    def fps(self) -> float:
        return self._fps

    def is_playing(self) -> bool:
        return self.timer.isActive()

    def set_loop(self, loop: bool) -> None:
        if bool(loop) != self._loop:
            self._loop = bool(loop)
            self.sigSettingsChanged.emit()

    def set_fps(self, fps: float) -> None:
        fps = min(MAX_FPS, max(MIN_FPS, float(fps)))
        if fps != self._fps:
            self._fps = fps
            self._apply_interval()
            self.sigSettingsChanged.emit()

    def _apply_interval(self) -> None:
        self.timer.setInterval(max(1, round(1000.0 / self._fps)))

    def play(self) -> None:
        if self.is_playing() or not self.cursor.rewind_if_finished():
            return
        self.timer.start()
        self.sigPlayingChanged.emit(True)

    def pause(self) -> None:
        if self.timer.isActive():
            self.timer.stop()
            self.sigPlayingChanged.emit(False)

    def toggle_play(self) -> None:
        if self.is_playing():
            self.pause()
        else:
            self.play()

    def _tick(self) -> None:
        if not self.cursor.advance(self._loop):
            self.pause()
