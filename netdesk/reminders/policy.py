"""When the reminders may speak: quiet hours, a daily digest time and a pause, from settings.

All times are naive local wall-clock times, like the rest of netdesk's dates. Quiet hours may wrap
midnight (22:00 to 08:00); equal start and end, or an empty value, means no quiet hours.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from netdesk.core import settings

log = logging.getLogger(__name__)

DEFAULT_MORNING = dt.time(9, 0)  # "tomorrow" snoozes land here when there are no quiet hours


@dataclass(frozen=True)
class Policy:
    quiet_start: dt.time | None = None
    quiet_end: dt.time | None = None
    digest: dt.time | None = None
    paused_until: dt.datetime | None = None

    @classmethod
    def load(cls) -> Policy:
        """Read the settings; a malformed value is logged and treated as unset."""
        start = _time(settings.get("quiet_start"), "quiet_start")
        end = _time(settings.get("quiet_end"), "quiet_end")
        if start is None or end is None or start == end:
            start = end = None
        return cls(
            quiet_start=start,
            quiet_end=end,
            digest=_time(settings.get("digest_time"), "digest_time"),
            paused_until=_datetime(settings.get("paused_until"), "paused_until"),
        )

    def quiet_until(self, now: dt.datetime) -> dt.datetime | None:
        """The end of the quiet period `now` falls in, or None outside quiet hours."""
        if self.quiet_start is None or self.quiet_end is None:
            return None
        t = now.time()
        if self.quiet_start < self.quiet_end:
            if self.quiet_start <= t < self.quiet_end:
                return dt.datetime.combine(now.date(), self.quiet_end)
            return None
        if t >= self.quiet_start:  # evening part of a period that wraps midnight
            return dt.datetime.combine(now.date() + dt.timedelta(days=1), self.quiet_end)
        if t < self.quiet_end:
            return dt.datetime.combine(now.date(), self.quiet_end)
        return None

    def blocked_until(self, now: dt.datetime) -> dt.datetime | None:
        """When notifying may resume, if a pause or quiet hours hold it back at `now`."""
        moment = now
        for _ in range(4):  # a pause may end inside quiet hours, and the other way round
            if self.paused_until is not None and self.paused_until > moment:
                moment = self.paused_until
            quiet = self.quiet_until(moment)
            if quiet is None:
                break
            moment = quiet
        return moment if moment > now else None

    def digest_at(self, day: dt.date) -> dt.datetime | None:
        return dt.datetime.combine(day, self.digest) if self.digest is not None else None

    def morning(self, day: dt.date) -> dt.datetime:
        """A sensible time to be reminded on `day`: the end of quiet hours, or 09:00."""
        return dt.datetime.combine(day, self.quiet_end or DEFAULT_MORNING)


def _time(value: object, key: str) -> dt.time | None:
    if not value:
        return None
    try:
        return dt.time.fromisoformat(str(value))
    except ValueError:
        log.warning("ignoring setting %s=%r: not a time like 22:00", key, value)
        return None


def _datetime(value: object, key: str) -> dt.datetime | None:
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(str(value))
    except ValueError:
        log.warning("ignoring setting %s=%r: not an ISO date and time", key, value)
        return None
