"""The person pane: who someone is and the story so far.

Order matters: the photo and names, then why they stand out and their interests and hobbies
(what you want to remember before you call), then how to reach them, work, what they are
looking for and can help with, circles and tags, relationships, follow-ups, favours as plain
history, notes, and the timeline, newest first.
Contact points are links (mail, phone, browser); circles, tags and interests are edited in place;
names of other people go to that person.

The sections are built by the mixins beside this module: `pane_header` (photo, names, badges,
actions), `pane_profile` (who they are) and `pane_activity` (what is going on); `pane_parts`
holds the pieces they share. This module lays them out and loads the person.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.errors import NotFound
from netdesk.core.store import ChangeSet
from netdesk.qt.timeline_model import TimelineModel
from netdesk.ui.views.pane_activity import PaneActivity
from netdesk.ui.views.pane_header import PaneHeader
from netdesk.ui.views.pane_parts import pane_label
from netdesk.ui.views.pane_profile import PaneProfile
from netdesk.values import TagKind, Topic

if TYPE_CHECKING:
    from netdesk.core.person_view import PersonView

TWO_COLUMNS_FROM = 720  # pane width (px) from which the sections flow into two columns
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


class PersonPane(PaneHeader, PaneProfile, PaneActivity, QWidget):
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
        self.placeholder = pane_label(
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
