"""Plain value types shared by every layer (io, db, core, qt, ui).

Nothing here touches the database or Qt, so readers, the store and the widgets can all speak
the same small vocabulary.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import re
from dataclasses import dataclass


class PointKind(enum.StrEnum):
    """How a person can be reached."""

    EMAIL = "email"
    PHONE = "phone"
    URL = "url"
    ADDRESS = "address"
    IM = "im"
    SOCIAL = "social"


class TagKind(enum.StrEnum):
    INTEREST = "interest"
    HOBBY = "hobby"
    SKILL = "skill"
    LABEL = "label"


class InteractionKind(enum.StrEnum):
    EMAIL = "email"
    CALL = "call"
    VIDEO = "video"
    MEETING = "meeting"
    COFFEE = "coffee"
    MEAL = "meal"
    MESSAGE = "message"
    EVENT = "event"
    INTRODUCTION = "introduction"  # the user introduced two people to each other
    OTHER = "other"


class FavourDirection(enum.StrEnum):
    GIVEN = "given"  # the user did something for them
    RECEIVED = "received"  # they did something for the user


class FavourStatus(enum.StrEnum):
    OPEN = "open"
    DONE = "done"


class NeedKind(enum.StrEnum):
    NEED = "need"  # what someone is working on or looking for
    OFFER = "offer"  # what they offer or know about


class RelationshipKind(enum.StrEnum):
    INTRODUCED = "introduced"  # person A introduced the user to person B
    INTRODUCED_BY_ME = "introduced_by_me"  # the user introduced A and B to each other
    FAMILY = "family"
    COLLEAGUE = "colleague"
    MENTOR = "mentor"
    FRIEND = "friend"
    PARTNER = "partner"
    OTHER = "other"


class KeepInTouch(enum.StrEnum):
    """Keep-in-touch status of a tracked person."""

    UNTRACKED = "untracked"
    OK = "ok"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"


class DueKind(enum.StrEnum):
    KEEP_IN_TOUCH = "keep_in_touch"
    BIRTHDAY = "birthday"
    FOLLOW_UP = "follow_up"
    FAVOUR = "favour"


class Topic(enum.StrEnum):
    """What a write changed, as the store's subscribers hear it (`core.store.changed`)."""

    PEOPLE = "people"
    CIRCLES = "circles"
    TAGS = "tags"
    INTERACTIONS = "interactions"
    EVENTS = "events"
    IMPORTS = "imports"
    FAVOURS = "favours"
    RELATIONSHIPS = "relationships"
    REMINDERS = "reminders"
    REMINDER_LOG = "reminder_log"
    SAVED_SEARCHES = "saved_searches"
    SETTINGS = "settings"
    DUPLICATES = "duplicates"


_BIRTHDAY_FULL = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})")
_BIRTHDAY_NO_YEAR = re.compile(r"^--(\d{2})-?(\d{2})$")


@dataclass(frozen=True, slots=True)
class Birthday:
    """A yearly date, with or without a known year (never a made-up one)."""

    month: int
    day: int
    year: int | None = None

    def __post_init__(self) -> None:
        leap_year = 2000  # 29 February is a valid birthday even when the year is unknown
        calendar_year = self.year if self.year is not None else leap_year
        dt.date(calendar_year, self.month, self.day)  # raises ValueError when impossible

    def iso(self) -> str:
        """`YYYY-MM-DD`, or `--MM-DD` when the year is unknown."""
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @classmethod
    def parse(cls, text: str) -> Birthday:
        """Read `YYYY-MM-DD`, `YYYYMMDD`, `--MM-DD` or `--MMDD`; Apple's year 1604 means no year."""
        text = text.strip()
        if m := _BIRTHDAY_NO_YEAR.match(text):
            return cls(int(m[1]), int(m[2]))
        if m := _BIRTHDAY_FULL.match(text):
            year = int(m[1])
            return cls(int(m[2]), int(m[3]), None if year in (1604, 0) else year)
        raise ValueError(f"not a birthday: {text!r}")

    def occurrence(self, year: int) -> dt.date:
        """This birthday's date in `year`; 29 February falls on 28 February in common years."""
        day = self.day
        if self.month == 2 and day == 29 and not calendar.isleap(year):
            day = 28
        return dt.date(year, self.month, day)

    def next_on_or_after(self, today: dt.date) -> dt.date:
        this_year = self.occurrence(today.year)
        return this_year if this_year >= today else self.occurrence(today.year + 1)

    def age_on(self, day: dt.date) -> int | None:
        if self.year is None:
            return None
        # counted against this year's occurrence, so a 29 February birthday ages on 28 Feb
        return day.year - self.year - (day < self.occurrence(day.year))
