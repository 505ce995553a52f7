"""Who the person is, in the person pane: why they stand out (interests, hobbies, how you met),
contact points, work, circles and tags, relationships and notes. Mixed into `PersonPane`: the
chips emit its `circles_edited` and `tags_edited`, links go to its `_open_link`."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QToolButton, QWidget

from netdesk.qt import formatting, plain
from netdesk.ui.views.pane_parts import Section, escaped, pane_label, point_url
from netdesk.ui.widgets import icons, theme
from netdesk.ui.widgets.chips import InlineChips
from netdesk.values import PointKind, TagKind

if TYPE_CHECKING:
    from netdesk.core.person_view import PersonView

# Hues for chips: interests blue, hobbies violet, circles none (neutral), tags teal.
INTEREST_HUE, HOBBY_HUE, TAG_HUE = 210, 275, 175


class PaneProfile:
    """The sections of `PersonPane` that say who someone is."""

    def _story(self, view: PersonView, parent: QWidget) -> QWidget:
        section = Section(self.tr("Why they stand out"), parent, "pane_story")
        why = view.detail.why_stand_out.strip()
        if why:
            section.body.addWidget(pane_label(why, section, name="pane_why"))
        else:
            hint = pane_label(
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
            grid.addWidget(
                pane_label(title, section, muted=True), row, 0, Qt.AlignmentFlag.AlignTop
            )
            grid.addWidget(chips, row, 1)
        grid.setColumnStretch(1, 1)
        section.body.addLayout(grid)
        met = self._how_met(view)
        if met:
            label = pane_label(met, section, rich=True, name="pane_how_met")
            label.linkActivated.connect(self._open_link)
            section.body.addWidget(label)
        return section

    def _how_met(self, view: PersonView) -> str:
        d = view.detail
        bits = []
        if d.how_met:
            bits.append(escaped(d.how_met))
        if d.met_on:
            day = formatting.short_date(d.met_on)
            # "Conference in Lisbon · on 27 May 2024", or just the date when that is all we know
            bits.append(escaped(self.tr("on %1").replace("%1", day) if d.how_met else day))
        if view.met_through:
            pid, name = view.met_through
            bits.append(
                escaped(self.tr("introduced by")) + f' <a href="person:{pid}">{escaped(name)}</a>'
            )
        lines = [f"{escaped(self.tr('How you met:'))} {' · '.join(bits)}"] if bits else []
        if d.connected_on:
            # "Connected on LinkedIn: 27 May 2024": where a network says you connected
            lines.append(
                escaped(self.tr("Connected on %1: %2"))
                .replace("%1", escaped(plain.clip(d.connected_via or self.tr("a network"), 60)))
                .replace("%2", escaped(formatting.short_date(d.connected_on)))
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
        section = Section(self.tr("Contact"), parent, "pane_contact")
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
            value = escaped(point.value).replace("\n", "<br>")  # an address keeps its lines
            text = f'<a href="{escaped(url, plain.BLOCK)}">{value}</a>' if url else value
            label = pane_label(text, section, rich=True)
            label.setObjectName(f"pane_point_{row}")
            label.linkActivated.connect(self._open_link)
            grid.addWidget(label, row, 1)
            kind_label = point.label or ""
            if point.preferred:
                kind_label = " · ".join(x for x in (kind_label, self.tr("preferred")) if x)
            grid.addWidget(
                pane_label(kind_label, section, muted=True), row, 2, Qt.AlignmentFlag.AlignTop
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
            label = pane_label(self.tr("Birthday: %1").replace("%1", text), section, muted=True)
            label.setObjectName("pane_birthday")
            section.body.addWidget(label)
        return section

    def _work(self, view: PersonView, parent: QWidget) -> QWidget | None:
        positions = [p for p in view.detail.positions if p.organization or p.title]
        if not positions:
            return None
        section = Section(self.tr("Work"), parent, "pane_work")
        for p in positions:
            text = " · ".join(x for x in (p.title, p.organization, p.department) if x)
            if not p.current:
                text += "  " + self.tr("(before)")
            label = pane_label(text, section, muted=not p.current, limit=plain.TOOLTIP)
            section.body.addWidget(label)
        return section

    def _circles_and_tags(self, view: PersonView, parent: QWidget) -> QWidget:
        section = Section(self.tr("Circles and tags"), parent, "pane_circles_tags")
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

        section = Section(self.tr("Relationships"), parent, "pane_relationships")
        this = escaped(view.detail.display_name)
        for link in view.links:
            person = f'<a href="person:{link.other_id}">{escaped(link.other_name)}</a>'
            text = sentence(link, person, this)
            if link.note:
                text += f" <span>— {escaped(link.note)}</span>"
            label = pane_label(text, section, rich=True)
            label.setObjectName(f"pane_link_{link.other_id}")
            label.linkActivated.connect(self._open_link)
            section.body.addWidget(label)
        for _event_id, name, date in view.events[:6]:
            text = self.tr("Met at %1 (%2)").replace("%1", name)
            text = text.replace("%2", formatting.short_date(date))
            section.body.addWidget(pane_label(text, section, muted=True))
        edit = QToolButton(section)
        edit.setObjectName("pane_edit_links")
        edit.setText(self.tr("Link someone…") if not view.links else self.tr("Edit links…"))
        edit.setAutoRaise(True)
        edit.clicked.connect(lambda: self.action_requested.emit("links", view.id))
        section.body.addWidget(edit, 0, Qt.AlignmentFlag.AlignLeft)
        return section

    def _notes(self, view: PersonView, parent: QWidget) -> QWidget | None:
        d = view.detail
        if not d.family_notes.strip() and not d.notes.strip():
            return None
        section = Section(self.tr("Notes"), parent, "pane_notes")
        if d.family_notes.strip():
            section.body.addWidget(
                pane_label(self.tr("Family: %1").replace("%1", d.family_notes.strip()), section)
            )
        if d.notes.strip():
            section.body.addWidget(pane_label(d.notes.strip(), section, name="pane_notes_text"))
        return section
