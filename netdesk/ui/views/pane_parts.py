"""The pieces every section of the person pane is made of: a titled section, a wrapping label
that shows person text as plain text (or escaped inside a link), and the link a contact point
opens."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from netdesk.qt import plain
from netdesk.ui.widgets import theme
from netdesk.values import PointKind


def escaped(text: str, limit: int = plain.TOOLTIP) -> str:
    """Person text for a rich label (one with links): clipped, then escaped."""
    return html.escape(plain.clip(text, limit), quote=True)


def point_url(kind: PointKind, value: str) -> str:
    """The link a contact point opens: mailto:, tel:, a web address, or "" for none."""
    value = value.strip()
    if kind is PointKind.EMAIL:
        return "mailto:" + value
    if kind is PointKind.PHONE:
        return "tel:" + "".join(c for c in value if c.isdigit() or c == "+")
    if kind in (PointKind.URL, PointKind.SOCIAL):
        if value.lower().startswith(("http://", "https://")):
            return value
        if "." in value and " " not in value:
            return "https://" + value
    return ""


class Section(QWidget):
    """A titled block of the pane."""

    def __init__(self, title: str, parent: QWidget | None = None, object_name: str = "") -> None:
        super().__init__(parent)
        if object_name:
            self.setObjectName(object_name)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(0, 14, 0, 0)
        self.body.setSpacing(6)
        heading = QLabel(title, self)
        heading.setObjectName("section_title")
        font = QFont(heading.font())
        font.setWeight(QFont.Weight.DemiBold)
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        font.setCapitalization(QFont.Capitalization.AllUppercase)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 106)
        heading.setFont(font)
        palette = heading.palette()
        palette.setColor(QPalette.ColorRole.WindowText, theme.muted(self.palette()))
        heading.setPalette(palette)
        self.body.addWidget(heading)


def pane_label(
    text: str,
    parent: QWidget,
    *,
    rich: bool = False,
    muted: bool = False,
    name: str = "",
    limit: int = plain.BLOCK,
) -> QLabel:
    """A wrapping label; plain text (clipped to `limit`) unless `rich`, whose text the caller
    escaped."""
    label = QLabel(text if rich else plain.clip(text, limit), parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.LinksAccessibleByMouse
        | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        | Qt.TextInteractionFlag.TextSelectableByMouse
        if rich
        else Qt.TextInteractionFlag.TextSelectableByMouse
    )
    if muted:
        palette = label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, theme.muted(label.palette()))
        label.setPalette(palette)
    if name:
        label.setObjectName(name)
    return label
