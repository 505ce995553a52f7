"""What one notification says: a single reminder, a summary, a digest or a catch-up. The daily
digest also lists this week's plan (`core.week`): each person with the reason, short.

A `Note` is plain data; its title and body are translated here, so every notifier backend (tray
message, D-Bus, log) shows the same words. They are plain text: a backend whose server reads the
body as markup escapes it with `markup_body`.
"""

from __future__ import annotations

import enum
import html
from dataclasses import dataclass

from netdesk.core.due import DueItem
from netdesk.core.week import PlanItem
from netdesk.qt import i18n, plain
from netdesk.values import DueKind

MAX_BODY_LINES = 8
MAX_PLAN_LINES = 5  # of the week's plan, in a digest
PLAN_REASON = 70  # characters of a plan line's reason


class NoteKind(enum.StrEnum):
    ITEM = "item"  # one occurrence
    SUMMARY = "summary"  # several fell due at once
    AWAY = "away"  # catching up after sleep or a long absence
    DIGEST = "digest"  # the daily digest
    STATUS = "status"  # what is due now, on request (a second start)


_tr = i18n.translator("Reminders")


def _plural(n: int, one: str, many: str) -> str:
    """English singular or plural; translators get the %Ln form to adapt for their language."""
    return _tr(one) if n == 1 else _tr(many, n)


@dataclass(frozen=True)
class Note:
    kind: NoteKind
    items: tuple[DueItem, ...]
    plan: tuple[PlanItem, ...] = ()  # this week's plan (a digest's)

    @property
    def single(self) -> DueItem | None:
        """The one item of a note about one occurrence."""
        return self.items[0] if len(self.items) == 1 else None

    @property
    def title(self) -> str:
        n = len(self.items)
        if self.kind is NoteKind.ITEM and self.single is not None:
            return item_title(self.single)
        if self.kind is NoteKind.AWAY:
            one, many = "While you were away: 1 reminder", "While you were away: %Ln reminders"
            return _plural(n, one, many)
        if self.kind is NoteKind.DIGEST:
            if not n and self.plan:
                one, many = (
                    "This week: 1 person to reach out to",
                    "This week: %Ln people to reach out to",
                )
                return _plural(len(self.plan), one, many)
            return _tr("Today's reminders: %Ln", n)
        if self.kind is NoteKind.STATUS:
            if not n:
                return _tr("netdesk: nothing is due")
            return _plural(n, "netdesk: 1 thing is due", "netdesk: %Ln things are due")
        return _plural(n, "netdesk: 1 reminder", "netdesk: %Ln reminders")

    @property
    def body(self) -> str:
        if self.kind is NoteKind.ITEM and self.single is not None:
            return plain.clip(self.single.detail, plain.TOOLTIP)
        if not self.items and not self.plan:
            return _tr("You are all caught up.")
        lines = [f"{plain.clip(i.name)}: {kind_label(i.kind)}" for i in self.items[:MAX_BODY_LINES]]
        extra = len(self.items) - MAX_BODY_LINES
        if extra > 0:
            lines.append(_tr("…and %Ln more", extra))
        return "\n".join([*lines, *self._plan_lines(heading=bool(lines))])

    def _plan_lines(self, *, heading: bool) -> list[str]:
        """The week's plan, a short line per person (under a heading after the reminders)."""
        if not self.plan:
            return []
        lines = [_tr("This week:")] if heading else []
        for item in self.plan[:MAX_PLAN_LINES]:
            lines.append(f"{plain.clip(item.name)}: {plain.clip(item.reason, PLAN_REASON)}")
        extra = len(self.plan) - MAX_PLAN_LINES
        if extra > 0:
            lines.append(_tr("…and %Ln more", extra))
        return lines

    def as_text(self) -> str:
        """One line for the log."""
        return f"{self.title} | {self.body.replace(chr(10), '; ')}"


def item_title(item: DueItem) -> str:
    templates = {
        DueKind.KEEP_IN_TOUCH: _tr("Keep in touch with {name}"),
        DueKind.BIRTHDAY: _tr("Birthday: {name}"),
        DueKind.FOLLOW_UP: _tr("Follow up with {name}"),
        DueKind.FAVOUR: _tr("Your favour for {name}"),
    }
    return templates.get(item.kind, "{name}").format(name=plain.clip(item.name))


def markup_body(text: str) -> str:
    """A notification body for a server that reads markup in it (freedesktop "body-markup"):
    "&", "<" and ">" are shown as written, so a name can neither style nor link."""
    return html.escape(text, quote=False)


def kind_label(kind: DueKind) -> str:
    labels = {
        DueKind.KEEP_IN_TOUCH: _tr("keep in touch"),
        DueKind.BIRTHDAY: _tr("birthday"),
        DueKind.FOLLOW_UP: _tr("follow up"),
        DueKind.FAVOUR: _tr("favour you offered"),
    }
    return labels.get(kind, str(kind))
