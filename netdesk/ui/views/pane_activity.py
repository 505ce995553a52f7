"""What is going on with the person, in the person pane: how keeping in touch is going, what they
are looking for and can help with, follow-ups, favours and the timeline. Mixed into
`PersonPane`, whose signals (`follow_up_done`, `favour_done`, `need_added`, `need_removed`)
the controls emit."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QSizePolicy, QToolButton, QWidget

from netdesk.qt import formatting, plain
from netdesk.qt.people_model import health_text
from netdesk.qt.timeline_model import TimelineModel
from netdesk.ui.views.pane_parts import Section, pane_label
from netdesk.ui.views.timeline_view import TimelineView
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.sparkline import Sparkline
from netdesk.values import FavourDirection, FavourStatus, NeedKind

if TYPE_CHECKING:
    from netdesk.core.needs import NeedEntry
    from netdesk.core.person_view import PersonView


class PaneActivity:
    """The sections of `PersonPane` that say what is going on."""

    def _health(self, view: PersonView, parent: QWidget) -> QWidget | None:
        """How the relationship is doing, in words, beside twelve months of contacts."""
        if view.health is None:
            return None
        section = Section(self.tr("Keeping in touch"), parent, "pane_health")
        row = QHBoxLayout()
        row.setSpacing(12)
        words = f"{health_text(view.health.state)}. {view.health.sentence()}"
        row.addWidget(pane_label(words, section, name="pane_health_sentence"), 1)
        spark = Sparkline(section)
        spark.set_counts([n for _month, n in view.health.months], view.health.months_text())
        row.addWidget(spark, 0, Qt.AlignmentFlag.AlignTop)
        section.body.addLayout(row)
        return section

    def _follow_ups(self, view: PersonView, parent: QWidget) -> QWidget | None:
        if not view.follow_ups:
            return None
        section = Section(self.tr("Follow-ups"), parent, "pane_follow_ups")
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
            label = pane_label(text, section, name=f"follow_up_text_{item.source}_{item.ref}")
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

        section = Section(self.tr("Favours"), parent, "pane_favours")
        today = dt.date.today()
        for favour in view.favours[:12]:
            row = QHBoxLayout()
            done = favour.status is FavourStatus.DONE
            text = favour_line(favour, today)
            label = pane_label(text, section, muted=done, name=f"favour_text_{favour.id}")
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
        section = Section(self.tr("Looking for / Can help with"), parent, "pane_needs")
        today = dt.date.today()
        for kind, title, hint in (
            (NeedKind.NEED, self.tr("Looking for"), self.tr("A job, a hire, a flat, advice on…")),
            (NeedKind.OFFER, self.tr("Can help with"), self.tr("Hiring, an intro to…, knows…")),
        ):
            section.body.addWidget(
                pane_label(title, section, muted=True, name=f"needs_title_{kind}")
            )
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
        row.addWidget(pane_label(text, parent, muted=stale, name=f"need_text_{entry.id}"), 1)
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

    def _timeline(self, view: PersonView, parent: QWidget) -> QWidget:
        section = Section(self.tr("Timeline"), parent, "pane_timeline_section")
        self.timeline_model = TimelineModel(section)
        self.timeline_model.set_entries(view.timeline)
        if not view.timeline:
            section.body.addWidget(
                pane_label(
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
