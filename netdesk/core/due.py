"""What needs the user's attention on a given day: one list for the window, CLI and reminders."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, replace

from netdesk.core import birthdays, favours, follow_ups, health, keep_in_touch, settings
from netdesk.core.dates import long_date
from netdesk.db.models import database
from netdesk.values import DueKind


@dataclass(frozen=True, slots=True)
class DueItem:
    person_id: int
    name: str
    kind: DueKind
    due: dt.date
    detail: str
    ref: int = 0  # the follow-up, interaction or favour it comes from (0 for rules)

    def key(self) -> tuple[str, int, dt.date, int]:
        """Identity of this occurrence, so it is notified once."""
        return (str(self.kind), self.person_id, self.due, self.ref)

    def as_json(self) -> dict[str, object]:
        data = asdict(self)
        data["kind"] = str(self.kind)
        data["due"] = self.due.isoformat()
        del data["ref"]
        return data


def compute(at: dt.date, *, birthday_lead_days: int | None = None) -> list[DueItem]:
    """Everything due on or before `at` (birthdays: within the lead days after `at`)."""
    lead = settings.birthday_lead_days() if birthday_lead_days is None else birthday_lead_days
    items = [*keep_in_touch_due(at), *birthday_due(at, lead), *follow_up_due(at), *favour_due(at)]
    return sorted(items, key=lambda i: (i.due, i.name.casefold(), str(i.kind)))


BIRTHDAY_DAY_REF = 1  # the on-the-day birthday notice; the advance notice has ref 0


def occurrences(day: dt.date) -> list[DueItem]:
    """`compute(day)` with a birthday's day an occurrence of its own (ref 1): the reminders say
    "in 3 days" and then "today", and dismissing the advance notice leaves the day itself."""
    return [
        replace(i, ref=BIRTHDAY_DAY_REF) if i.kind is DueKind.BIRTHDAY and i.due == day else i
        for i in compute(day)
    ]


def upcoming(today: dt.date, days: int) -> list[DueItem]:
    """Everything due from now to `days` ahead, including what is overdue already (birthdays:
    only those still to come in that time), by date."""
    until = today + dt.timedelta(days=days)
    items = [
        *keep_in_touch_due(until),
        *birthday_due(today, days),
        *follow_up_due(until),
        *favour_due(until),
    ]
    return sorted(items, key=lambda i: (i.due, i.name.casefold(), str(i.kind)))


def keep_in_touch_due(at: dt.date) -> list[DueItem]:
    sql = (
        f"SELECT p.id, p.display_name, due, p.last_contact, cadence FROM ("
        f"SELECT p.id AS id, {keep_in_touch.NEXT_DUE_SQL} AS due, "
        f"{keep_in_touch.CADENCE_SQL} AS cadence FROM person p WHERE p.archived = 0) d "
        "JOIN person p ON p.id = d.id WHERE due IS NOT NULL AND due <= ? ORDER BY due"
    )
    items = []
    for pid, name, due, last, cadence in database.execute_sql(sql, (at.isoformat(),)):
        last_day = keep_in_touch.parse_sql_date(last)
        last_text = f"last contact {long_date(last_day)}" if last_day else "no contact logged yet"
        items.append(
            DueItem(
                pid,
                name,
                DueKind.KEEP_IN_TOUCH,
                keep_in_touch.parse_sql_date(due) or at,
                f"Get back in touch: {last_text} ({health.every(cadence)})",
            )
        )
    return items


def birthday_due(at: dt.date, lead_days: int) -> list[DueItem]:
    items = []
    for b in birthdays.upcoming(at, lead_days):
        detail = f"Turns {b.turns}" if b.turns is not None else "Birthday"
        when = "today" if b.on == at else f"on {b.on:%d %B}"
        items.append(DueItem(b.person_id, b.name, DueKind.BIRTHDAY, b.on, f"{detail} {when}"))
    return items


def follow_up_due(at: dt.date) -> list[DueItem]:
    return [
        DueItem(
            f.person_id,
            f.person_name,
            DueKind.FOLLOW_UP,
            f.due,
            f.note or "Follow up",
            f.ref if f.source == "reminder" else -f.ref,
        )
        for f in follow_ups.due_by(at)
    ]


def favour_due(at: dt.date) -> list[DueItem]:
    items = []
    for f in favours.open_promises():
        due = favours.promise_due(f)
        if due <= at:
            items.append(
                DueItem(
                    f.person_id, f.person_name, DueKind.FAVOUR, due, f"You offered: {f.what}", f.id
                )
            )
    return items
