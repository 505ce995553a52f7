"""Birthdays, with or without a known year; 29 February counts on the 28th in common years."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from netdesk.db.models import Person
from netdesk.values import Birthday


@dataclass(frozen=True)
class UpcomingBirthday:
    person_id: int
    name: str
    birthday: Birthday
    on: dt.date  # the next occurrence
    turns: int | None  # age on that day, when the year is known


def upcoming(today: dt.date, days: int) -> list[UpcomingBirthday]:
    """Birthdays from `today` to `today + days`, soonest first."""
    months = {(today + dt.timedelta(days=n)).month for n in range(days + 1)}
    query = (
        Person.select(
            Person.id,
            Person.display_name,
            Person.birthday_month,
            Person.birthday_day,
            Person.birthday_year,
        )
        .where(Person.birthday_month.in_(sorted(months)), ~Person.archived)
        .tuples()
    )
    horizon = today + dt.timedelta(days=days)
    out = []
    for person_id, name, month, day, year in query:
        try:
            birthday = Birthday(month, day, year)
        except ValueError:
            continue
        on = birthday.next_on_or_after(today)
        if on <= horizon:
            out.append(UpcomingBirthday(person_id, name, birthday, on, birthday.age_on(on)))
    return sorted(out, key=lambda b: (b.on, b.name))
