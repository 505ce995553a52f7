"""The top of the person pane: photo, names, badges (due, nurture, birthday, archived) and the
row of action buttons. Mixed into `PersonPane`, whose `action_requested` the buttons emit."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from netdesk.core.health import HealthState
from netdesk.qt import avatars, formatting, plain
from netdesk.ui.views.pane_parts import pane_label
from netdesk.ui.widgets import icons, theme
from netdesk.ui.widgets.flow_layout import FlowLayout

if TYPE_CHECKING:
    from netdesk.core.person_view import PersonView

AVATAR_SIZE = 76


class PaneHeader:
    """The header and action row of `PersonPane`."""

    def _header(self, view: PersonView, parent: QWidget) -> QWidget:
        detail = view.detail
        box = QWidget(parent)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(16)
        photo = QLabel(box)
        photo.setObjectName("pane_photo")
        photo.setPixmap(self._avatar(view))
        photo.setFixedSize(AVATAR_SIZE, AVATAR_SIZE)
        row.addWidget(photo, 0, Qt.AlignmentFlag.AlignTop)
        text = QVBoxLayout()
        text.setSpacing(3)
        name = pane_label(detail.display_name, box, name="pane_name", limit=plain.LINE)
        name.setFont(theme.scaled_font(name, 1.55, QFont.Weight.DemiBold))
        text.addWidget(name)
        position = detail.current_position
        if position and (position.title or position.organization):
            job = " · ".join(x for x in (position.title, position.organization) if x)
            text.addWidget(pane_label(job, box, name="pane_job", limit=plain.LINE))
        also = self._also_known_as(view)
        if also:
            text.addWidget(pane_label(also, box, muted=True, name="pane_names", limit=plain.LINE))
        badges = self._badges(view, box)
        if badges is not None:
            text.addWidget(badges)
        row.addLayout(text, 1)
        return box

    def _avatar(self, view: PersonView) -> QPixmap:
        ratio = self.devicePixelRatioF()
        return avatars.render(view.detail.display_name, view.detail.photo, AVATAR_SIZE, ratio)

    def _also_known_as(self, view: PersonView) -> str:
        d = view.detail
        full = " ".join(x for x in (d.prefix, d.given, d.additional, d.family, d.suffix) if x)
        parts = []
        if full and full != d.display_name:
            parts.append(full)
        if d.nickname:
            parts.append(f"“{d.nickname}”")
        return " · ".join(parts)

    def _badges(self, view: PersonView, parent: QWidget) -> QWidget | None:
        texts: list[tuple[str, int | None, str]] = []
        state = view.health.state if view.health else HealthState.NO_RHYTHM
        if state is not HealthState.NO_RHYTHM and view.next_due:
            when = formatting.in_days(view.next_due)
            text = {
                HealthState.DRIFTING: self.tr("Drifting · %1"),
                HealthState.OVERDUE: self.tr("Overdue · %1"),
            }.get(state, self.tr("Next catch-up %1"))
            texts.append((text.replace("%1", when), theme.health_hue(state), "badge_status"))
        if view.detail.nurture:
            texts.append((self.tr("Nurture"), 135, "badge_nurture"))
        if view.next_birthday:
            days = (view.next_birthday - dt.date.today()).days
            if days <= 30:
                when = formatting.in_days(view.next_birthday)
                text = (
                    self.tr("Turns %1 %2").replace("%1", str(view.turns)).replace("%2", when)
                    if view.turns
                    else self.tr("Birthday %1").replace("%1", when)
                )
                texts.append((text, 320, "badge_birthday"))
        if view.detail.archived:
            texts.append((self.tr("Archived"), None, "badge_archived"))
        if not texts:
            return None
        box = QWidget(parent)
        row = FlowLayout(box, spacing=6)  # "Drifting · 12 years late" and "Nurture" can be
        row.setContentsMargins(0, 4, 0, 0)  # wider than a narrow pane beside a long name
        for text, hue, name in texts:
            row.addWidget(self._badge(text, hue, box, name))
        return box

    def _badge(self, text: str, hue: int | None, parent: QWidget, name: str) -> QLabel:
        label = QLabel(text, parent)
        label.setObjectName(name)
        palette = self.palette()
        if hue is None:
            background, foreground = theme.subtle_fill(palette), theme.muted(palette)
        else:
            background, foreground = theme.hue_colours(hue, palette)
        label.setStyleSheet(
            f"QLabel {{ background: {background.name()}; color: {foreground.name()};"
            " border-radius: 9px; padding: 2px 9px; }"
        )
        font = QFont(label.font())
        font.setWeight(QFont.Weight.DemiBold)
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.9))
        label.setFont(font)
        return label

    def _actions(self, view: PersonView, parent: QWidget) -> QWidget:
        box = QWidget(parent)
        row = FlowLayout(box, spacing=6)  # five buttons are wider than a narrow pane: they wrap
        row.setContentsMargins(0, 12, 0, 2)
        palette = self.palette()
        for key, icon, text, tip in (
            ("log", "log", self.tr("Log"), self.tr("Log an interaction (Ctrl+L)")),
            ("favour", "favour", self.tr("Favour"), self.tr("Add a favour")),
            ("follow_up", "follow-up", self.tr("Follow up"), self.tr("Set a follow-up")),
            (
                "introduce",
                "link",
                self.tr("Introduce"),
                self.tr("Introduce them to someone (Ctrl+Shift+I)"),
            ),
            ("edit", "edit", self.tr("Edit"), self.tr("Edit every detail (Ctrl+E)")),
        ):
            button = QToolButton(box)
            button.setObjectName(f"pane_action_{key}")
            button.setText(text)
            button.setToolTip(tip)
            button.setIcon(icons.icon(icon, palette, 16, self.devicePixelRatioF()))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.clicked.connect(
                lambda _=False, k=key, pid=view.id: self.action_requested.emit(k, pid)
            )
            row.addWidget(button)
        return box
