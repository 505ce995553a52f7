"""The person pane: who someone is and the story so far.

Order matters: the photo and names, then why they stand out and their interests and hobbies
(what you want to remember before you call), then how to reach them, work, what they are
looking for and can help with, circles and tags, relationships, follow-ups, favours as plain
history, notes, and the timeline, newest first.
Contact points are links (mail, phone, browser); circles, tags and interests are edited in place;
names of other people go to that person.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont, QPalette, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.errors import NotFound
from netdesk.core.health import HealthState
from netdesk.core.store import ChangeSet
from netdesk.qt import avatars, formatting, plain
from netdesk.qt.people_model import health_text
from netdesk.qt.timeline_model import TimelineModel
from netdesk.ui.views.timeline_view import TimelineView
from netdesk.ui.widgets import icons, theme
from netdesk.ui.widgets.chips import InlineChips
from netdesk.ui.widgets.flow_layout import FlowLayout
from netdesk.ui.widgets.sparkline import Sparkline
from netdesk.values import (
    FavourDirection,
    FavourStatus,
    NeedKind,
    PointKind,
    TagKind,
    Topic,
)

if TYPE_CHECKING:
    from netdesk.core.needs import NeedEntry
    from netdesk.core.person_view import PersonView

AVATAR_SIZE = 76
TWO_COLUMNS_FROM = 720  # pane width (px) from which the sections flow into two columns
# Hues for chips: interests blue, hobbies violet, circles none (neutral), tags teal.
INTEREST_HUE, HOBBY_HUE, TAG_HUE = 210, 275, 175
PANE_TOPICS = frozenset(
    {
        Topic.PEOPLE,
        Topic.CIRCLES,
        Topic.TAGS,
        Topic.INTERACTIONS,
        Topic.EVENTS,
        Topic.FAVOURS,
        Topic.RELATIONSHIPS,
        Topic.REMINDERS,
        Topic.IMPORTS,
    }
)


def _e(text: str, limit: int = plain.TOOLTIP) -> str:
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


class _Section(QWidget):
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


def _label(
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


class PersonPane(QWidget):
    """Shows one person. Signals ask the window to act (it owns the undo stack and dialogs)."""

    person_link_activated = Signal(int)  # go to this person
    # "edit" | "log" | "favour" | "follow_up" | "introduce" | "links", and the person's id
    action_requested = Signal(str, int)
    circles_edited = Signal(int, list)  # person id, circle names
    tags_edited = Signal(int, list)  # person id, [(TagKind, name)]
    favour_done = Signal(int, bool)  # favour id, done
    follow_up_done = Signal(str, int, bool)  # source ("reminder"/"interaction"), ref, done
    need_added = Signal(int, str, str)  # person id, NeedKind, text
    need_removed = Signal(int)  # need id

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        circle_names: Callable[[], list[str]] | None = None,
        tag_names: Callable[[], list[tuple[TagKind, str]]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("person_pane")
        self._circle_names = circle_names or (lambda: [])
        self._tag_names = tag_names or (lambda: [])
        self.view: PersonView | None = None
        self.person_id = 0
        self.timeline_model = TimelineModel(self)
        self.stack = QStackedWidget(self)
        self.placeholder = _label(
            self.tr("Choose someone to see their story."), self, muted=True, name="pane_empty"
        )
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll = QScrollArea(self)
        self.scroll.setObjectName("pane_scroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self.scroll)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.content: QWidget | None = None
        self._columns = False
        self.setMinimumWidth(340)

    # --- public API ---------------------------------------------------------------------------

    def show_person(self, person_id: int) -> None:
        """Show this person (0: nobody)."""
        same = person_id == self.person_id
        self.person_id = person_id
        self._load(keep_scroll=same)

    def refresh_for(self, changes: ChangeSet) -> None:
        """Re-read the person when a change concerns them."""
        if not self.person_id or not changes.topics & PANE_TOPICS:
            return
        if self.person_id in changes.people or not changes.people:
            self._load(keep_scroll=True)

    # --- loading and building -----------------------------------------------------------------

    def _load(self, *, keep_scroll: bool) -> None:
        if not self.person_id:
            self.view = None
            self.stack.setCurrentWidget(self.placeholder)
            return
        from netdesk.core import person_view  # first use only: keeps start-up light

        try:
            view = person_view.load(self.person_id)
        except NotFound:
            self.person_id = 0
            self.view = None
            self.stack.setCurrentWidget(self.placeholder)
            return
        position = self.scroll.verticalScrollBar().value() if keep_scroll else 0
        self.view = view
        self._build(view)
        self.stack.setCurrentWidget(self.scroll)
        self.scroll.verticalScrollBar().setValue(position)

    def _two_columns(self) -> bool:
        return self.width() >= TWO_COLUMNS_FROM

    def _build(self, view: PersonView) -> None:
        content = QWidget()
        content.setObjectName("pane_content")
        outer = QVBoxLayout(content)
        outer.setContentsMargins(22, 18, 22, 24)
        outer.setSpacing(4)
        outer.addWidget(self._header(view, content))
        outer.addWidget(self._actions(view, content))
        self._columns = self._two_columns()
        left = QVBoxLayout()
        left.setSpacing(4)
        right = left
        if self._columns:  # wide: who they are on the left, what happened on the right
            right = QVBoxLayout()
            right.setSpacing(4)
            row = QHBoxLayout()
            row.setSpacing(36)
            row.addLayout(left, 1)
            row.addLayout(right, 1)
            outer.addLayout(row)
        else:
            outer.addLayout(left)
        left.addWidget(self._story(view, content))
        for target, build in (
            (right, self._health),
            (left, self._contact),
            (left, self._work),
            (left, self._needs),
            (left, self._circles_and_tags),
            (left, self._relationships),
            (right, self._follow_ups),
            (right, self._favours),
            (left, self._notes),
            (right, self._timeline),
        ):
            section = build(view, content)
            if section is not None:
                target.addWidget(section)
        left.addStretch(1)
        if right is not left:
            right.addStretch(1)
        outer.addStretch(1)
        self.scroll.setWidget(content)  # the previous content is deleted by the scroll area
        self.content = content

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.view is not None and self._two_columns() != self._columns:
            self._build(self.view)  # crossed the width where one column becomes two

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
        name = _label(detail.display_name, box, name="pane_name", limit=plain.LINE)
        name.setFont(theme.scaled_font(name, 1.55, QFont.Weight.DemiBold))
        text.addWidget(name)
        position = detail.current_position
        if position and (position.title or position.organization):
            job = " · ".join(x for x in (position.title, position.organization) if x)
            text.addWidget(_label(job, box, name="pane_job", limit=plain.LINE))
        also = self._also_known_as(view)
        if also:
            text.addWidget(_label(also, box, muted=True, name="pane_names", limit=plain.LINE))
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

    def _story(self, view: PersonView, parent: QWidget) -> QWidget:
        section = _Section(self.tr("Why they stand out"), parent, "pane_story")
        why = view.detail.why_stand_out.strip()
        if why:
            section.body.addWidget(_label(why, section, name="pane_why"))
        else:
            hint = _label(
                self.tr("Nothing yet. What makes them memorable? Edit to add it."),
                section,
                muted=True,
                name="pane_why",
            )
            section.body.addWidget(hint)
        grid = QGridLayout()
        grid.setContentsMargins(0, 6, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(6)
        interests = self._tag_chips(view, TagKind.INTEREST, INTEREST_HUE, self.tr("interest"))
        interests.setObjectName("pane_interests")
        hobbies = self._tag_chips(view, TagKind.HOBBY, HOBBY_HUE, self.tr("hobby"))
        hobbies.setObjectName("pane_hobbies")
        for row, (title, chips) in enumerate(
            ((self.tr("Interests"), interests), (self.tr("Hobbies"), hobbies))
        ):
            grid.addWidget(_label(title, section, muted=True), row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(chips, row, 1)
        grid.setColumnStretch(1, 1)
        section.body.addLayout(grid)
        met = self._how_met(view)
        if met:
            label = _label(met, section, rich=True, name="pane_how_met")
            label.linkActivated.connect(self._open_link)
            section.body.addWidget(label)
        return section

    def _health(self, view: PersonView, parent: QWidget) -> QWidget | None:
        """How the relationship is doing, in words, beside twelve months of contacts."""
        if view.health is None:
            return None
        section = _Section(self.tr("Keeping in touch"), parent, "pane_health")
        row = QHBoxLayout()
        row.setSpacing(12)
        words = f"{health_text(view.health.state)}. {view.health.sentence()}"
        row.addWidget(_label(words, section, name="pane_health_sentence"), 1)
        spark = Sparkline(section)
        spark.set_counts([n for _month, n in view.health.months], view.health.months_text())
        row.addWidget(spark, 0, Qt.AlignmentFlag.AlignTop)
        section.body.addLayout(row)
        return section

    def _how_met(self, view: PersonView) -> str:
        d = view.detail
        bits = []
        if d.how_met:
            bits.append(_e(d.how_met))
        if d.met_on:
            day = formatting.short_date(d.met_on)
            # "Conference in Lisbon · on 27 May 2024", or just the date when that is all we know
            bits.append(_e(self.tr("on %1").replace("%1", day) if d.how_met else day))
        if view.met_through:
            pid, name = view.met_through
            bits.append(_e(self.tr("introduced by")) + f' <a href="person:{pid}">{_e(name)}</a>')
        lines = [f"{_e(self.tr('How you met:'))} {' · '.join(bits)}"] if bits else []
        if d.connected_on:
            # "Connected on LinkedIn: 27 May 2024": where a network says you connected
            lines.append(
                _e(self.tr("Connected on %1: %2"))
                .replace("%1", _e(plain.clip(d.connected_via or self.tr("a network"), 60)))
                .replace("%2", _e(formatting.short_date(d.connected_on)))
            )
        return f"<span>{'<br>'.join(lines)}</span>" if lines else ""

    def _tag_chips(self, view: PersonView, kind: TagKind, hue: int, what: str) -> InlineChips:
        chips = InlineChips(
            self,
            add_text=what,
            suggestions=lambda: [n for k, n in self._tag_names() if k is kind],
            tint=hue,
        )
        chips.set_names(view.tags_of(kind))
        chips.edited.connect(lambda names, k=kind: self._emit_tags(k, names))
        return chips

    def _emit_tags(self, kind: TagKind, names: list[str]) -> None:
        if self.view is None:
            return
        others = [(k, n) for k, n in self.view.detail.tags if k is not kind]
        self.tags_edited.emit(self.view.id, others + [(kind, n) for n in names])

    def _contact(self, view: PersonView, parent: QWidget) -> QWidget | None:
        points = view.detail.points
        if not points:
            return None
        section = _Section(self.tr("Contact"), parent, "pane_contact")
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(5)
        palette = self.palette()
        muted = theme.muted(palette)
        ratio = self.devicePixelRatioF()
        glyphs = {
            PointKind.EMAIL: "mail",
            PointKind.PHONE: "phone",
            PointKind.URL: "link",
            PointKind.SOCIAL: "link",
            PointKind.ADDRESS: "place",
            PointKind.IM: "chat",
        }
        for row, point in enumerate(points):
            glyph = QLabel(section)
            glyph.setPixmap(icons.pixmap(glyphs[point.kind], muted, 16, ratio))
            grid.addWidget(glyph, row, 0, Qt.AlignmentFlag.AlignTop)
            url = point_url(point.kind, point.value)
            value = _e(point.value).replace("\n", "<br>")  # an address keeps its lines
            text = f'<a href="{_e(url, plain.BLOCK)}">{value}</a>' if url else value
            label = _label(text, section, rich=True)
            label.setObjectName(f"pane_point_{row}")
            label.linkActivated.connect(self._open_link)
            grid.addWidget(label, row, 1)
            kind_label = point.label or ""
            if point.preferred:
                kind_label = " · ".join(x for x in (kind_label, self.tr("preferred")) if x)
            grid.addWidget(
                _label(kind_label, section, muted=True), row, 2, Qt.AlignmentFlag.AlignTop
            )
        grid.setColumnStretch(1, 1)
        section.body.addLayout(grid)
        birthday = view.detail.birthday
        if birthday:
            day = dt.date(birthday.year or 2000, birthday.month, birthday.day)
            text = (
                formatting.long_date(day)
                if birthday.year
                else formatting.short_date(day).replace(" 2000", "")
            )
            label = _label(self.tr("Birthday: %1").replace("%1", text), section, muted=True)
            label.setObjectName("pane_birthday")
            section.body.addWidget(label)
        return section

    def _work(self, view: PersonView, parent: QWidget) -> QWidget | None:
        positions = [p for p in view.detail.positions if p.organization or p.title]
        if not positions:
            return None
        section = _Section(self.tr("Work"), parent, "pane_work")
        for p in positions:
            text = " · ".join(x for x in (p.title, p.organization, p.department) if x)
            if not p.current:
                text += "  " + self.tr("(before)")
            label = _label(text, section, muted=not p.current, limit=plain.TOOLTIP)
            section.body.addWidget(label)
        return section

    def _circles_and_tags(self, view: PersonView, parent: QWidget) -> QWidget:
        section = _Section(self.tr("Circles and tags"), parent, "pane_circles_tags")
        circles = InlineChips(section, add_text=self.tr("circle"), suggestions=self._circle_names)
        circles.setObjectName("pane_circles")
        circles.set_names(view.detail.circles)
        circles.edited.connect(lambda names: self.circles_edited.emit(view.id, names))
        tags = InlineChips(
            section,
            add_text=self.tr("tag"),
            suggestions=lambda: [
                n for k, n in self._tag_names() if k in (TagKind.LABEL, TagKind.SKILL)
            ],
            tint=TAG_HUE,
        )
        tags.setObjectName("pane_tags")
        tags.set_names(view.tags_of(TagKind.SKILL, TagKind.LABEL))
        tags.edited.connect(self._emit_labels)
        section.body.addWidget(circles)
        section.body.addWidget(tags)
        return section

    def _emit_labels(self, names: list[str]) -> None:
        if self.view is None:
            return
        kept = [(k, n) for k, n in self.view.detail.tags if k in (TagKind.INTEREST, TagKind.HOBBY)]
        skills = {n.casefold() for n in self.view.tags_of(TagKind.SKILL)}
        new = [(TagKind.SKILL if n.casefold() in skills else TagKind.LABEL, n) for n in names]
        self.tags_edited.emit(self.view.id, kept + new)

    def _relationships(self, view: PersonView, parent: QWidget) -> QWidget:
        from netdesk.ui.dialogs.relationship_roles import sentence

        section = _Section(self.tr("Relationships"), parent, "pane_relationships")
        this = _e(view.detail.display_name)
        for link in view.links:
            person = f'<a href="person:{link.other_id}">{_e(link.other_name)}</a>'
            text = sentence(link, person, this)
            if link.note:
                text += f" <span>— {_e(link.note)}</span>"
            label = _label(text, section, rich=True)
            label.setObjectName(f"pane_link_{link.other_id}")
            label.linkActivated.connect(self._open_link)
            section.body.addWidget(label)
        for _event_id, name, date in view.events[:6]:
            text = self.tr("Met at %1 (%2)").replace("%1", name)
            text = text.replace("%2", formatting.short_date(date))
            section.body.addWidget(_label(text, section, muted=True))
        edit = QToolButton(section)
        edit.setObjectName("pane_edit_links")
        edit.setText(self.tr("Link someone…") if not view.links else self.tr("Edit links…"))
        edit.setAutoRaise(True)
        edit.clicked.connect(lambda: self.action_requested.emit("links", view.id))
        section.body.addWidget(edit, 0, Qt.AlignmentFlag.AlignLeft)
        return section

    def _follow_ups(self, view: PersonView, parent: QWidget) -> QWidget | None:
        if not view.follow_ups:
            return None
        section = _Section(self.tr("Follow-ups"), parent, "pane_follow_ups")
        today = dt.date.today()
        for item in view.follow_ups:
            when = formatting.in_days(item.due, today)
            row = QHBoxLayout()
            row.setSpacing(6)
            box = QCheckBox(section)
            box.setObjectName(f"follow_up_{item.source}_{item.ref}")
            box.setChecked(item.done)
            text = f"{item.note or self.tr('Follow up')} — {when}"
            box.setAccessibleName(text)
            box.setToolTip(self.tr("Mark as done"))
            label = _label(text, section, name=f"follow_up_text_{item.source}_{item.ref}")
            if item.due < today and not item.done:
                palette = label.palette()
                palette.setColor(QPalette.ColorRole.WindowText, theme.attention(palette))
                label.setPalette(palette)
            box.toggled.connect(
                lambda done, s=item.source, r=item.ref: self.follow_up_done.emit(s, r, done)
            )
            row.addWidget(box, 0, Qt.AlignmentFlag.AlignTop)
            row.addWidget(label, 1)
            section.body.addLayout(row)
        return section

    def _favours(self, view: PersonView, parent: QWidget) -> QWidget | None:
        """Favours as plain history, newest first: no score is kept. A promise still open says
        when it is due (in the attention colour once late) and can be marked done."""
        if not view.favours:
            return None
        from netdesk.core.favours import promise_due
        from netdesk.ui.dialogs.favour_dialog import favour_line

        section = _Section(self.tr("Favours"), parent, "pane_favours")
        today = dt.date.today()
        for favour in view.favours[:12]:
            row = QHBoxLayout()
            done = favour.status is FavourStatus.DONE
            text = favour_line(favour, today)
            label = _label(text, section, muted=done, name=f"favour_text_{favour.id}")
            late = favour.direction is FavourDirection.GIVEN and promise_due(favour) < today
            if late and not done:
                palette = label.palette()
                palette.setColor(QPalette.ColorRole.WindowText, theme.attention(palette))
                label.setPalette(palette)
            row.addWidget(label, 1)
            if not done:
                button = QToolButton(section)
                button.setObjectName(f"favour_done_{favour.id}")
                button.setText(self.tr("Mark done"))
                button.setAutoRaise(True)
                button.clicked.connect(lambda _=False, f=favour.id: self.favour_done.emit(f, True))
                row.addWidget(button)
            section.body.addLayout(row)
        return section

    def _needs(self, view: PersonView, parent: QWidget) -> QWidget:
        """What they are looking for and can help with, one dated line each (an old one may be
        out of date), each removable, and a line to add one of each kind."""
        section = _Section(self.tr("Looking for / Can help with"), parent, "pane_needs")
        today = dt.date.today()
        for kind, title, hint in (
            (NeedKind.NEED, self.tr("Looking for"), self.tr("A job, a hire, a flat, advice on…")),
            (NeedKind.OFFER, self.tr("Can help with"), self.tr("Hiring, an intro to…, knows…")),
        ):
            section.body.addWidget(_label(title, section, muted=True, name=f"needs_title_{kind}"))
            for entry in (e for e in view.needs if e.kind is kind):
                stale = entry.is_stale(today, view.needs_stale_days)
                section.body.addLayout(self._need_row(entry, stale, today, section))
            add = QLineEdit(section)
            add.setObjectName(f"need_add_{kind}")
            add.setPlaceholderText(hint)
            add.setAccessibleName(self.tr("Add: %1").replace("%1", title))
            add.returnPressed.connect(lambda k=kind, line=add: self._add_need(k, line.text()))
            section.body.addWidget(add)
        return section

    def _need_row(
        self, entry: NeedEntry, stale: bool, today: dt.date, parent: QWidget
    ) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(6)
        text = f"{entry.text} · {formatting.short_date(entry.noted_on, today)}"
        if stale:
            text += " · " + self.tr("may be out of date")
        row.addWidget(_label(text, parent, muted=stale, name=f"need_text_{entry.id}"), 1)
        remove = QToolButton(parent)
        remove.setObjectName(f"need_remove_{entry.id}")
        remove.setText(self.tr("Remove"))
        remove.setAccessibleName(self.tr("Remove: %1").replace("%1", plain.clip(entry.text)))
        remove.setAutoRaise(True)
        remove.clicked.connect(lambda _=False, n=entry.id: self.need_removed.emit(n))
        row.addWidget(remove)
        return row

    def _add_need(self, kind: NeedKind, text: str) -> None:
        """The window stores it; the pane is rebuilt then, so on a failure the text stays."""
        if self.view is not None and text.strip():
            self.need_added.emit(self.view.id, str(kind), text)

    def _notes(self, view: PersonView, parent: QWidget) -> QWidget | None:
        d = view.detail
        if not d.family_notes.strip() and not d.notes.strip():
            return None
        section = _Section(self.tr("Notes"), parent, "pane_notes")
        if d.family_notes.strip():
            section.body.addWidget(
                _label(self.tr("Family: %1").replace("%1", d.family_notes.strip()), section)
            )
        if d.notes.strip():
            section.body.addWidget(_label(d.notes.strip(), section, name="pane_notes_text"))
        return section

    def _timeline(self, view: PersonView, parent: QWidget) -> QWidget:
        section = _Section(self.tr("Timeline"), parent, "pane_timeline_section")
        self.timeline_model = TimelineModel(section)
        self.timeline_model.set_entries(view.timeline)
        if not view.timeline:
            section.body.addWidget(
                _label(
                    self.tr("No interactions yet. Log one with Ctrl+L."),
                    section,
                    muted=True,
                    name="pane_timeline_empty",
                )
            )
            return section
        timeline = TimelineView(self.timeline_model, section)
        timeline.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        section.body.addWidget(timeline)
        timeline._fit()
        return section

    # --- links --------------------------------------------------------------------------------

    def _open_link(self, url: str) -> None:
        if url.startswith("person:"):
            self.person_link_activated.emit(int(url.split(":", 1)[1]))
            return
        QDesktopServices.openUrl(QUrl(url))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.view is not None:
            self._build(self.view)  # chips and badges take their colours from the palette
