"""Settings shows and edits when the reminders speak: quiet hours, a daily digest, and whether the
window starts the reminders service. They live in the database, where the service reads them."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTime

from netdesk.core import settings
from netdesk.reminders.policy import Policy


def open_settings(window):
    window.act_settings.trigger()
    return window.settings_dialog


def test_the_stored_quiet_hours_and_no_digest_are_shown(make_window):
    dialog = open_settings(make_window())
    assert dialog.quiet.isChecked()  # the defaults: 22:00 to 08:00
    assert dialog.quiet_start.time() == QTime(22, 0)
    assert dialog.quiet_end.time() == QTime(8, 0)
    assert not dialog.digest.isChecked()
    assert not dialog.digest_time.isEnabled()
    assert dialog.with_window.isChecked()
    dialog.reject()


def test_quiet_hours_digest_and_starting_with_the_window_are_saved(make_window):
    dialog = open_settings(make_window())
    dialog.quiet_start.setTime(QTime(23, 30))
    dialog.quiet_end.setTime(QTime(7, 0))
    dialog.digest.setChecked(True)
    dialog.digest_time.setTime(QTime(8, 15))
    dialog.with_window.setChecked(False)
    dialog.accept()
    policy = Policy.load()
    assert (policy.quiet_start, policy.quiet_end) == (dt.time(23, 30), dt.time(7, 0))
    assert policy.digest == dt.time(8, 15)
    assert settings.get("reminders_with_window") is False
    again = open_settings(make_window())
    assert again.quiet_start.time() == QTime(23, 30)
    assert again.digest.isChecked() and again.digest_time.time() == QTime(8, 15)
    assert not again.with_window.isChecked()
    again.reject()


def test_switching_quiet_hours_and_the_digest_off(make_window):
    settings.put("digest_time", "09:00")
    dialog = open_settings(make_window())
    assert dialog.digest.isChecked()
    dialog.quiet.setChecked(False)
    dialog.digest.setChecked(False)
    dialog.accept()
    policy = Policy.load()
    assert policy.quiet_start is None and policy.quiet_end is None
    assert policy.digest is None


def test_quiet_hours_that_end_when_they_start_are_refused_in_one_line(make_window):
    dialog = open_settings(make_window())
    dialog.quiet_start.setTime(QTime(8, 0))
    dialog.quiet_end.setTime(QTime(8, 0))
    dialog.lead_days.setValue(9)
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.error.text() == "Quiet hours must end at another time than they start."
    assert settings.get("quiet_start") == "22:00"  # nothing of the form was stored
    assert settings.birthday_lead_days() == 3
    dialog.reject()


def test_a_malformed_stored_time_shows_as_off(make_window):
    settings.put("digest_time", "half past nine")
    dialog = open_settings(make_window())
    assert not dialog.digest.isChecked()
    dialog.reject()
