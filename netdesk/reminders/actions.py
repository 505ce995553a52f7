"""What the user does with a reminder, from the tray, a notification or the window's Today list.

Done completes what it is about, then retires the occurrence: a follow-up is set done (explicit
ones in `follow_ups`, interaction ones in `interactions`), a promised favour is marked done, and
for keep-in-touch "done" means "I got in touch": the user may log a quick interaction (which
resets the clock) or just dismiss this occurrence. Snooze hides occurrences until a later time.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence

from netdesk.core import favours, follow_ups, interactions, reminder_log
from netdesk.core.due import DueItem
from netdesk.core.interactions import InteractionDraft
from netdesk.qt import i18n
from netdesk.reminders.policy import Policy
from netdesk.values import DueKind, FavourStatus, InteractionKind


class Snooze(enum.StrEnum):
    HOUR = "hour"
    TOMORROW = "tomorrow"
    WEEK = "week"


def snooze_until(choice: Snooze, now: dt.datetime, policy: Policy) -> dt.datetime:
    if choice is Snooze.HOUR:
        return now + dt.timedelta(hours=1)
    days = 1 if choice is Snooze.TOMORROW else 7
    return policy.morning(now.date() + dt.timedelta(days=days))


def snooze(items: Sequence[DueItem], choice: Snooze, now: dt.datetime) -> dt.datetime:
    """Hide `items` until the moment `choice` means (a morning follows the quiet hours)."""
    until = snooze_until(choice, now, Policy.load())
    reminder_log.snooze(items, until, now)
    return until


def snooze_choices() -> list[tuple[Snooze, str]]:
    """The snoozes offered in menus, with their labels."""
    tr = i18n.tr
    return [
        (Snooze.HOUR, tr("Reminders", "For an hour")),
        (Snooze.TOMORROW, tr("Reminders", "Until tomorrow")),
        (Snooze.WEEK, tr("Reminders", "For a week")),
    ]


def complete(item: DueItem, now: dt.datetime, *, log_interaction: bool = False) -> int | None:
    """Mark `item` done; with `log_interaction`, a keep-in-touch item logs a contact today (its
    id is returned, for `reopen`)."""
    logged = None
    if item.kind is DueKind.FOLLOW_UP:
        if item.ref > 0:
            follow_ups.set_done(item.ref)
        elif item.ref < 0:  # core gives interaction follow-ups negative refs
            interactions.mark_follow_up_done(-item.ref)
    elif item.kind is DueKind.FAVOUR and item.ref:
        favours.set_status(item.ref, FavourStatus.DONE)
    elif item.kind is DueKind.KEEP_IN_TOUCH and log_interaction:
        summary = i18n.tr("Reminders", "Got in touch (from a reminder)")
        logged = interactions.log(
            InteractionDraft(
                when=now.date(),
                kind=InteractionKind.OTHER,
                summary=summary,
                people=[item.person_id],
            )
        )
    reminder_log.dismiss([item], now)
    return logged


def reopen(item: DueItem, logged: int | None) -> None:
    """Take back what `complete` did to what `item` is about (its log row is put back by the
    caller): the follow-up or promise is open again, the contact it logged is deleted."""
    if item.kind is DueKind.FOLLOW_UP:
        if item.ref > 0:
            follow_ups.set_done(item.ref, False)
        elif item.ref < 0:
            interactions.mark_follow_up_done(-item.ref, False)
    elif item.kind is DueKind.FAVOUR and item.ref:
        favours.set_status(item.ref, FavourStatus.OPEN)
    if logged is not None:
        interactions.delete(logged)


def done_choices(item: DueItem) -> list[tuple[str, bool]]:
    """The ways to finish `item`, as (label, log_interaction) pairs for menus and notifications."""
    tr = i18n.tr
    if item.kind is DueKind.KEEP_IN_TOUCH:
        return [
            (tr("Reminders", "I got in touch (log it)"), True),
            (tr("Reminders", "Dismiss"), False),
        ]
    if item.kind is DueKind.BIRTHDAY:
        return [(tr("Reminders", "Dismiss"), False)]
    return [(tr("Reminders", "Done"), False)]
