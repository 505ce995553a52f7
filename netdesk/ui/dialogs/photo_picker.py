"""The photo corner of the person editor: a round avatar, Choose… and Remove.

A chosen file becomes a bounded thumbnail through `netdesk.io.photos` (which refuses files that
are not images or that declare absurd sizes) before anything is kept. Without a photo the avatar
shows the person's initials in palette colours.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal, Slot
from PySide6.QtGui import (
    QDragEnterEvent,
    QDropEvent,
    QFont,
    QPainter,
    QPainterPath,
    QPalette,
    QPixmap,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from netdesk.io.photos import MAX_PHOTO_BYTES, PhotoError, make_thumbnail

THUMBNAIL_SIZE = 256
AVATAR_SIZE = 112
IMAGE_FILTER = "*.jpg *.jpeg *.png *.gif *.webp *.bmp"


def initials(name: str) -> str:
    words = [w for w in name.replace("-", " ").split() if w[:1].isalpha()]
    if not words:
        return "?"
    letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    return letters.upper()


def avatar_pixmap(
    photo: bytes | None, name: str, size: int, palette: QPalette, ratio: float
) -> QPixmap:
    """A round avatar: the photo cropped to a circle, or initials on a palette-coloured disc."""
    pixels = round(size * ratio)
    canvas = QPixmap(pixels, pixels)
    canvas.fill(Qt.GlobalColor.transparent)
    painter = QPainter(canvas)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    circle = QPainterPath()
    circle.addEllipse(QRectF(0, 0, pixels, pixels))
    image = QPixmap()
    if photo and image.loadFromData(photo):
        painter.setClipPath(circle)
        scaled = image.scaled(
            pixels,
            pixels,
            Qt.AspectRatioMode.KeepAspectRatioByExpanding,
            Qt.TransformationMode.SmoothTransformation,
        )
        painter.drawPixmap((pixels - scaled.width()) // 2, (pixels - scaled.height()) // 2, scaled)
    else:
        painter.fillPath(circle, palette.color(QPalette.ColorRole.Mid))
        font = QFont(painter.font())
        font.setPixelSize(int(pixels * 0.38))
        font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(font)
        painter.setPen(palette.color(QPalette.ColorRole.Light))
        painter.drawText(QRectF(0, 0, pixels, pixels), Qt.AlignmentFlag.AlignCenter, initials(name))
    painter.end()
    canvas.setDevicePixelRatio(ratio)
    return canvas


class PhotoPicker(QWidget):
    """Avatar plus buttons; `photo()` is the thumbnail bytes or None."""

    changed = Signal()
    problem = Signal(str)  # one sentence when a chosen file could not be used

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("photo")
        self._photo: bytes | None = None
        self._name = ""
        self.avatar = QLabel(self)
        self.avatar.setObjectName("photo_avatar")
        self.avatar.setFixedSize(QSize(AVATAR_SIZE, AVATAR_SIZE))
        self.avatar.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.avatar.setToolTip(self.tr("Drop an image here, or choose one"))
        self.choose_button = QPushButton(self.tr("Choose…"), self)
        self.choose_button.setObjectName("photo_choose")
        self.choose_button.setAutoDefault(False)
        self.clear_button = QPushButton(self.tr("Remove"), self)
        self.clear_button.setObjectName("photo_clear")
        self.clear_button.setAutoDefault(False)
        self.choose_button.clicked.connect(self._choose)
        self.clear_button.clicked.connect(self.clear_photo)
        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.avatar, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.setAcceptDrops(True)
        self._render()

    def photo(self) -> bytes | None:
        return self._photo

    def set_photo(self, photo: bytes | None) -> None:
        self._photo = photo or None
        self._render()

    def set_name(self, name: str) -> None:
        """The name whose initials stand in while there is no photo."""
        if name != self._name:
            self._name = name
            if self._photo is None:
                self._render()

    @Slot()
    def clear_photo(self) -> None:
        if self._photo is not None:
            self._photo = None
            self._render()
            self.changed.emit()

    def load_file(self, path: str | os.PathLike[str]) -> bool:
        """Make a thumbnail of the image at `path`; on failure emit `problem` and keep the old."""
        file = Path(path)
        try:
            if file.stat().st_size > MAX_PHOTO_BYTES:
                raise PhotoError(self.tr("That image is larger than 5 MB; choose a smaller one."))
            thumbnail = make_thumbnail(file.read_bytes(), THUMBNAIL_SIZE)
        except PhotoError as exc:
            self.problem.emit(str(exc))
            return False
        except OSError as exc:
            self.problem.emit(
                self.tr("{file} could not be read ({reason}).").format(
                    file=file.name, reason=exc.strerror or exc
                )
            )
            return False
        self._photo = thumbnail
        self._render()
        self.changed.emit()
        return True

    @Slot()
    def _choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a photo"),
            "",
            self.tr("Images ({patterns})").format(patterns=IMAGE_FILTER),
        )
        if path:
            self.load_file(path)

    def _render(self) -> None:
        ratio = self.devicePixelRatioF()
        self.avatar.setPixmap(
            avatar_pixmap(self._photo, self._name, AVATAR_SIZE, self.palette(), ratio)
        )
        self.clear_button.setEnabled(self._photo is not None)
        self.avatar.setAccessibleName(self.tr("Photo") if self._photo else self.tr("No photo"))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if len(urls) == 1 and urls[0].isLocalFile():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            # the window's own drop handler must not also see this as an import
            event.acceptProposedAction()
            self.load_file(urls[0].toLocalFile())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._render()
