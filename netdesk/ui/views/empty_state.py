"""What a new user sees: an invitation to drop contacts in or add someone, with buttons for both.

Also used, with other words, when a view or a search has nobody in it.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from netdesk.qt import plain
from netdesk.ui.widgets import icons, theme


class _Illustration(QWidget):
    """A small network: three people joined by links, in palette-derived colours."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedSize(150, 92)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        nodes = [((34, 56), 22, 210), ((116, 56), 22, 135), ((75, 28), 24, 36)]
        painter.setPen(QPen(theme.muted(palette), 2.0))
        for (a, _, _), (b, _, _) in (
            (nodes[0], nodes[2]),
            (nodes[1], nodes[2]),
            (nodes[0], nodes[1]),
        ):
            painter.drawLine(a[0], a[1], b[0], b[1])
        for (x, y), radius, hue in nodes:
            background, foreground = theme.hue_colours(hue, palette)
            painter.setBrush(background)
            painter.setPen(QPen(foreground, 2.0))
            painter.drawEllipse(QRectF(x - radius, y - radius, 2 * radius, 2 * radius))
            # a head and shoulders inside each circle
            painter.setBrush(foreground)
            painter.setPen(Qt.PenStyle.NoPen)
            head = radius * 0.32
            painter.drawEllipse(QRectF(x - head, y - radius * 0.55, 2 * head, 2 * head))
            painter.drawChord(
                QRectF(x - radius * 0.62, y + radius * 0.12, radius * 1.24, radius * 1.1),
                0,
                180 * 16,
            )
        painter.end()


class _DropZone(QFrame):
    """A dashed rounded frame: the place to drop files."""

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(theme.muted(self.palette()), 1.6, Qt.PenStyle.DashLine)
        pen.setDashPattern([5, 4])
        painter.setPen(pen)
        painter.setBrush(QColor(0, 0, 0, 0))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 14, 14)
        painter.end()


class EmptyState(QWidget):
    import_clicked = Signal()
    add_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("empty_state")
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 40, 40, 40)
        outer.addStretch(2)
        zone = _DropZone(self)
        zone.setObjectName("empty_drop_zone")
        zone.setMaximumWidth(600)
        zone.setMinimumWidth(460)
        column = QVBoxLayout(zone)
        column.setContentsMargins(36, 34, 36, 34)
        column.setSpacing(12)
        art = _Illustration(zone)
        column.addWidget(art, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addSpacing(6)
        self.title = QLabel(self.tr("Your network starts here"), zone)
        self.title.setObjectName("empty_title")
        self.title.setFont(theme.scaled_font(self.title, 1.6, QFont.Weight.DemiBold))
        self.title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(self.title)
        self.text = QLabel(
            self.tr(
                "Drag vCard or CSV files here, or add someone.\n"
                "Exports from your phone, Google, Outlook and LinkedIn all work."
            ),
            zone,
        )
        self.text.setObjectName("empty_text")
        self.text.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.text.setWordWrap(True)
        palette = self.text.palette()
        palette.setColor(QPalette.ColorRole.WindowText, theme.muted(self.palette()))
        self.text.setPalette(palette)
        column.addWidget(self.text)
        column.addSpacing(8)
        buttons = QHBoxLayout()
        buttons.setSpacing(10)
        buttons.addStretch(1)
        self.import_button = QPushButton(self.tr("Import contacts…"), zone)
        self.import_button.setObjectName("empty_import")
        self.import_button.setIcon(icons.icon("import", self.palette(), 16))
        self.import_button.clicked.connect(self.import_clicked)
        self.add_button = QPushButton(self.tr("Add a person"), zone)
        self.add_button.setObjectName("empty_add")
        self.add_button.setIcon(icons.icon("add-person", self.palette(), 16))
        self.add_button.setDefault(True)
        self.add_button.clicked.connect(self.add_clicked)
        for button in (self.import_button, self.add_button):
            button.setMinimumHeight(34)
            button.setMinimumWidth(160)
            buttons.addWidget(button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(zone, 3)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(3)


class NobodyHere(QWidget):
    """A quiet message for an empty view or a search without matches, with at most one way on
    (a search that found nobody in one list offers to look through everyone)."""

    action_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("nobody_here")
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        column = QVBoxLayout(self)
        column.addStretch(1)
        self.label = QLabel(self)
        self.label.setObjectName("nobody_text")
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # it repeats what was searched for
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        palette = self.label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, theme.muted(self.palette()))
        self.label.setPalette(palette)
        column.addWidget(self.label)
        self.action = QPushButton(self)
        self.action.setObjectName("nobody_action")
        self.action.clicked.connect(self.action_clicked)
        self.action.hide()
        column.addWidget(self.action, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(2)

    def set_text(self, text: str, action: str = "") -> None:
        self.label.setText(plain.clip(text, plain.TOOLTIP))
        self.action.setText(action)
        self.action.setVisible(bool(action))
