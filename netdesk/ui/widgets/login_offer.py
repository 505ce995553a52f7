"""A line across the top of the window offering, once, to start the reminders at login."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from netdesk.ui.widgets import theme


class LoginOffer(QFrame):
    """Emits `answered(at_login)` when the user presses OK; not modal, nothing else waits."""

    answered = Signal(bool)

    def __init__(self, *, at_login: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("login_offer")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, theme.subtle_fill(palette))
        self.setPalette(palette)
        row = QHBoxLayout(self)
        row.setContentsMargins(14, 8, 10, 8)
        text = QLabel(
            self.tr(
                "netdesk reminds you when it is time to get back in touch, "
                "also when this window is closed."
            ),
            self,
        )
        text.setTextFormat(Qt.TextFormat.PlainText)
        text.setWordWrap(True)
        self.at_login = QCheckBox(self.tr("Remind me at login"), self)
        self.at_login.setObjectName("login_offer_at_login")
        self.at_login.setChecked(at_login)
        self.ok = QPushButton(self.tr("OK"), self)
        self.ok.setObjectName("login_offer_ok")
        self.ok.clicked.connect(self._answer)
        row.addWidget(text, 1)
        row.addWidget(self.at_login)
        row.addWidget(self.ok)

    def _answer(self) -> None:
        self.hide()
        self.answered.emit(self.at_login.isChecked())
