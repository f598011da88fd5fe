"""A source's attachments: thumbnails for images, an icon with size and type for the rest,
and the authenticity mark of each (unverified, authentic, manipulated, AI-generated)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QIcon, QImageReader, QPainter, QPixmap
from PySide6.QtWidgets import (QComboBox, QFileDialog, QHBoxLayout, QListView, QListWidget, QListWidgetItem,
                               QPushButton, QVBoxLayout, QWidget)

from desktop.ui.i18n import QT_TR_NOOP, tr
from desktop.model.commands import CommandStack
from desktop.model.entities import AUTHENTICITY, Attachment
from desktop.model.evidence_commands import add_attachment, delete_attachment, set_authenticity
from desktop.model.evidence_files import IMAGE_MIMES, MAX_ATTACHMENT_BYTES, human_size, safe_filename, unique_names
from desktop.model.project import Project

from desktop.ui.evidence import common as evidence_common
from desktop.ui.evidence.badges import AUTHENTICITY_COLOURS, AUTHENTICITY_LABELS
from desktop.ui.evidence.common import CommandPusher, touches
from desktop.ui.widgets.project_listeners import listen
from desktop.ui.widgets.plain_text import plain_label, tooltip

THUMB = 96
MAX_THUMB_PIXELS = 40_000_000  # refuse to decode a "decompression bomb" just for a thumbnail


def choose_files(parent: QWidget | None) -> list[str]:
    """Ask for files to attach (tests monkeypatch this)."""
    filter_ = tr("Images, PDFs, text (*.png *.jpg *.jpeg *.gif *.webp *.pdf *.txt);;All files (*)")
    files, _ = QFileDialog.getOpenFileNames(parent, tr("Attach files"), "", filter_)
    return files


def choose_save_path(parent: QWidget | None, suggested: str) -> str:
    """Ask where to save one attachment (tests monkeypatch this)."""
    path, _ = QFileDialog.getSaveFileName(parent, tr("Save attachment as"), suggested)
    return path


def choose_folder(parent: QWidget | None) -> str:
    """Ask for a folder to save every attachment of the source into (tests monkeypatch this)."""
    return QFileDialog.getExistingDirectory(parent, tr("Save attachments into folder"))


def write_into(folder: str | Path, name: str, data: bytes) -> Path:
    """Write `data` as `name` inside `folder`, never anywhere else: the name is made safe again
    here (a project file from someone else may hold any name), and the result is checked."""
    root = Path(folder).resolve()
    target = (root / safe_filename(name)).resolve()
    if target.parent != root:  # cannot happen with a safe name; refuse rather than trust that
        raise OSError(f"{name!r} would leave the folder")
    target.write_bytes(data)
    return target


def thumbnail(data: bytes, size: int = THUMB) -> QPixmap | None:
    """A scaled-down image, decoded at the small size; None when it is not a readable image."""
    buf = QBuffer()
    buf.setData(QByteArray(data))
    buf.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buf)
    full = reader.size()
    if not full.isValid() or full.width() * full.height() > MAX_THUMB_PIXELS:
        return None
    reader.setScaledSize(full.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio))
    img = reader.read()
    return None if img.isNull() else QPixmap.fromImage(img)


def _file_icon(mime: str) -> QPixmap:
    from desktop.ui.widgets.icons import icon
    name = "file-pdf-outline" if mime == "application/pdf" else "file-document-outline"
    return icon(name, "#5f6368", "#5f6368").pixmap(THUMB // 2, THUMB // 2)


def attachment_icon(a: Attachment) -> QIcon:
    """The thumbnail (or file icon) on a square, with the authenticity mark as a corner band."""
    canvas = QPixmap(THUMB, THUMB)
    canvas.fill(QColor("#f1f3f4"))
    pm = thumbnail(a.data) if a.mime in IMAGE_MIMES else None
    if pm is None:
        pm = _file_icon(a.mime)
    p = QPainter(canvas)
    p.drawPixmap((THUMB - pm.width()) // 2, (THUMB - pm.height()) // 2, pm)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(AUTHENTICITY_COLOURS.get(a.authenticity, "#9e9e9e")))
    p.drawRect(QRectF(0, THUMB - 10, THUMB, 10))
    p.end()
    return QIcon(canvas)


TYPE_NAMES = {"image/png": QT_TR_NOOP("PNG image"), "image/jpeg": QT_TR_NOOP("JPEG image"),
              "image/gif": QT_TR_NOOP("GIF image"), "image/webp": QT_TR_NOOP("WebP image"), "application/pdf": "PDF",
              "text/plain": QT_TR_NOOP("Text")}
CAPTION_WIDTH = THUMB + 56


def attachment_caption(a: Attachment, metrics: QFontMetrics | None = None) -> str:
    """Three lines that each fit under the thumbnail: name (elided in the middle, so the
    extension stays), size and type, and the authenticity mark, which must never be cut off."""
    name = a.filename
    if metrics is not None:
        name = metrics.elidedText(name, Qt.TextElideMode.ElideMiddle, CAPTION_WIDTH)
    kind = tr(TYPE_NAMES[a.mime]) if a.mime in TYPE_NAMES else a.mime
    return f"{name}\n{human_size(len(a.data))} · {kind}\n{tr(AUTHENTICITY_LABELS.get(a.authenticity, a.authenticity))}"


class AttachmentsList(QWidget, CommandPusher):
    sigCommand = Signal(object)
    sigMessage = Signal(str)

    def __init__(self, project: Project, stack: CommandStack | None, source_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project, self.stack, self.source_id = project, stack, source_id
        self.list = QListWidget()
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setIconSize(QSize(THUMB, THUMB))
        self.list.setGridSize(QSize(CAPTION_WIDTH + 8, THUMB + 58))
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setMovement(QListView.Movement.Static)
        self.list.setWordWrap(False)  # captions are elided to one line each, never wrapped away
        self.list.setMinimumHeight(THUMB + 70)
        self.add_button = QPushButton(tr("Attach…"))
        self.remove_button = QPushButton(tr("Remove"))
        self.save_button = QPushButton(tr("Save as…"))
        self.save_button.setToolTip(tooltip(tr("Save a copy of the selected file to disk")))
        self.save_all_button = QPushButton(tr("Save all…"))
        self.save_all_button.setToolTip(tooltip(tr("Save a copy of every file of this source into a folder")))
        self.mark = QComboBox()
        for k in AUTHENTICITY:
            self.mark.addItem(tr(AUTHENTICITY_LABELS[k]), k)
        self.mark.setToolTip(tooltip(tr("Authenticity of the selected file")))
        self.problem = plain_label("", wrap=True)
        self.problem.setStyleSheet("color: #c62828;")
        self.mark.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addWidget(self.save_button)
        row.addWidget(self.save_all_button)
        row.addStretch(1)
        mark_row = QHBoxLayout()  # its own row: beside four buttons the mark was cut to "Unverifie"
        mark_row.addWidget(plain_label(tr("Authenticity of the selected file:")))
        mark_row.addWidget(self.mark)
        mark_row.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.list, 1)
        lay.addLayout(row)
        lay.addLayout(mark_row)
        lay.addWidget(self.problem)
        self.add_button.clicked.connect(self.attach_files)
        self.remove_button.clicked.connect(self.remove_selected)
        self.save_button.clicked.connect(lambda _c=False: self.save_selected())
        self.save_all_button.clicked.connect(lambda _c=False: self.save_all())
        self.list.itemDoubleClicked.connect(lambda _it: self.save_selected())
        self.mark.activated.connect(lambda _i: self.set_mark(self.mark.currentData()))
        self.list.currentItemChanged.connect(lambda *_: self._sync_buttons())
        self.sigMessage.connect(self.problem.setText)
        listen(self, project, lambda ch: touches(ch, frozenset({"attachments", "sources"})) and self.refresh())
        self.refresh()

    def attachments(self) -> list[Attachment]:
        return sorted((a for a in self.project.attachments.values() if a.source_id == self.source_id),
                      key=lambda a: (a.filename.lower(), a.id))

    def refresh(self) -> None:
        current = self.current_id()
        self.list.clear()
        for a in self.attachments():
            # Item text is never markup.
            item = QListWidgetItem(attachment_icon(a), attachment_caption(a, self.list.fontMetrics()))
            item.setData(Qt.ItemDataRole.UserRole, a.id)
            item.setToolTip(tooltip(f"{a.filename}\n{a.mime}, {human_size(len(a.data))}\n"
                                    f"{tr(AUTHENTICITY_LABELS.get(a.authenticity, a.authenticity))}"
                                    + (f"\n{a.notes}" if a.notes else "")))
            self.list.addItem(item)
            if a.id == current:
                self.list.setCurrentItem(item)
        self._sync_buttons()

    def current_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _sync_buttons(self) -> None:
        aid = self.current_id()
        self.add_button.setEnabled(self.source_id in self.project.sources)
        self.remove_button.setEnabled(aid is not None)
        self.save_button.setEnabled(aid is not None)
        self.save_all_button.setEnabled(bool(self.attachments()))
        self.mark.setEnabled(aid is not None)
        if aid in self.project.attachments:
            self.mark.setCurrentIndex(self.mark.findData(self.project.attachments[aid].authenticity))

    # -- actions ----------------------------------------------------------------------------
    def attach_files(self) -> None:
        for f in choose_files(self):
            self.attach_path(f)

    def attach_path(self, path: str) -> bool:
        p = Path(path)
        try:
            if p.stat().st_size > MAX_ATTACHMENT_BYTES:
                # Say so before reading a huge file into memory.
                self.sigMessage.emit(tr("{name} is {size}; attachments may be at most {limit}. Attach a smaller copy "
                                        "or a screenshot.").format(name=p.name, size=human_size(p.stat().st_size),
                                                                   limit=human_size(MAX_ATTACHMENT_BYTES)))
                return False
            data = p.read_bytes()
        except OSError as e:
            self.sigMessage.emit(f"{p.name}: {e.strerror or e}")
            return False
        return self.attach_bytes(p.name, data)

    def attach_bytes(self, filename: str, data: bytes) -> bool:
        if self.source_id is None:
            return False
        ok, msgs = self.push(lambda: add_attachment(self.project, self.source_id, filename, data))
        if ok:
            self.problem.setText("")
        return ok

    def set_mark(self, authenticity: str) -> None:
        aid = self.current_id()
        if aid:
            self.push(lambda: set_authenticity(self.project, aid, authenticity))

    def save_selected(self) -> Path | None:
        """Save the selected file where the analyst chooses; the suggested name is the safe one."""
        a = self.project.attachments.get(self.current_id() or "")
        if a is None:
            return None
        chosen = choose_save_path(self, safe_filename(a.filename))
        if not chosen:
            return None
        p = Path(chosen)
        try:
            out = write_into(p.parent, p.name, a.data)
        except OSError as e:
            self.sigMessage.emit(tr("Could not save {name}: {error}").format(
                name=safe_filename(a.filename), error=e.strerror or e))
            return None
        self.problem.setText("")
        return out

    def save_all(self) -> list[Path]:
        """Save every file of the source into one folder, under safe names made distinct."""
        atts = self.attachments()
        folder = choose_folder(self) if atts else ""
        if not folder:
            return []
        out = []
        try:
            for a, name in zip(atts, unique_names([a.filename for a in atts])):
                out.append(write_into(folder, name, a.data))
        except OSError as e:
            self.sigMessage.emit(tr("Could not save into {folder}: {error}").format(
                folder=folder, error=e.strerror or e))
        return out

    def remove_selected(self) -> None:
        aid = self.current_id()
        if aid is None:
            return
        a = self.project.attachments[aid]
        if evidence_common.confirm(self, tr("Remove attachment"), tr("Remove {name} from the project?").format(
            name=a.filename)):
            self.push(lambda: delete_attachment(self.project, aid))
