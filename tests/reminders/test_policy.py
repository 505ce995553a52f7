"""Quiet hours, pause and digest time read from settings."""

from __future__ import annotations

import datetime as dt

from netdesk.core import settings
from netdesk.reminders.policy import Policy


def at(hour: int, minute: int = 0, day: int = 10) -> dt.datetime:
    return dt.datetime(2025, 3, day, hour, minute)


def test_quiet_hours_that_wrap_midnight():
    policy = Policy(quiet_start=dt.time(22), quiet_end=dt.time(8))
    assert policy.quiet_until(at(21, 59)) is None
    assert policy.quiet_until(at(22)) == at(8, day=11)
    assert policy.quiet_until(at(3)) == at(8)
    assert policy.quiet_until(at(8)) is None


def test_quiet_hours_within_a_day():
    policy = Policy(quiet_start=dt.time(12), quiet_end=dt.time(14))
    assert policy.quiet_until(at(13)) == at(14)
    assert policy.quiet_until(at(14)) is None
    assert policy.quiet_until(at(11)) is None


def test_blocked_until_chains_pause_and_quiet_hours():
    policy = Policy(quiet_start=dt.time(22), quiet_end=dt.time(8), paused_until=at(23))
    assert policy.blocked_until(at(20)) == at(8, day=11)
    assert policy.blocked_until(at(9, day=11)) is None


def test_defaults_and_bad_values(store):
    policy = Policy.load()
    assert (policy.quiet_start, policy.quiet_end) == (dt.time(22), dt.time(8))
    assert policy.digest is None and policy.paused_until is None
    settings.put("quiet_start", "late")
    settings.put("digest_time", "09:30")
    settings.put("paused_until", "soon")
    policy = Policy.load()
    assert policy.quiet_start is None and policy.quiet_end is None
    assert policy.digest == dt.time(9, 30)
    assert policy.paused_until is None
    assert policy.morning(dt.date(2025, 3, 11)) == dt.datetime(2025, 3, 11, 9)


def test_equal_start_and_end_mean_no_quiet_hours(store):
    settings.put("quiet_start", "08:00")
    settings.put("quiet_end", "08:00")
    assert Policy.load().quiet_until(at(8)) is None
