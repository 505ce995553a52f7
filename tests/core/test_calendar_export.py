"""Upcoming reminders as an iCalendar file."""

from __future__ import annotations

import datetime as dt

import pytest
import vobject

from netdesk.core import calendar_export, favours, follow_ups, interactions, people
from netdesk.core.interactions import InteractionDraft
from netdesk.values import Birthday, FavourDirection
from tests.helpers.people import person

TODAY = dt.date(2026, 11, 27)
NOW = dt.datetime(2026, 11, 27, 8, 0, tzinfo=dt.UTC)


def _events(tmp_path, days: int = 90) -> list:
    path = tmp_path / "upcoming.ics"
    count = calendar_export.export(path, today=TODAY, days=days, now=NOW)
    calendar = vobject.readOne(path.read_text(encoding="utf-8"))
    found = calendar.contents.get("vevent", [])
    assert len(found) == count
    return found


def _by_summary(found) -> dict[str, object]:
    return {e.summary.value: e for e in found}


def test_every_kind_of_reminder_in_the_horizon_becomes_an_event(store, tmp_path):
    overdue = person("Ana Souza", circles=["Family"], met_on=TODAY - dt.timedelta(100))
    person("Ben Okafor", birthday=Birthday(12, 3, 1986))
    person("Chloé Dubois", birthday=Birthday(12, 10))  # no year
    fol = person("Dmitri Petrov")
    follow_ups.add(fol, TODAY + dt.timedelta(5), "Send the deck")
    giver = person("Eun-ji Park")
    favours.add(giver, FavourDirection.GIVEN, "Book list", TODAY, due=TODAY + dt.timedelta(3))
    later = person("Far Later")
    follow_ups.add(later, TODAY + dt.timedelta(200), "Much later")
    gone = person("Archived Person", birthday=Birthday(12, 1, 1970))
    people.set_archived(gone)

    found = _by_summary(_events(tmp_path))
    assert set(found) == {
        "Get in touch with Ana Souza",
        "Ben Okafor's birthday",
        "Chloé Dubois's birthday",
        "Follow up with Dmitri Petrov",
        "A favour for Eun-ji Park",
    }
    catch_up = found["Get in touch with Ana Souza"]
    assert catch_up.dtstart.value == TODAY  # overdue lands on today...
    assert catch_up.description.value.startswith("Overdue since")  # ...and says since when
    assert catch_up.uid.value == f"keep-in-touch-{overdue}@netdesk"
    ben = found["Ben Okafor's birthday"]
    assert ben.dtstart.value == dt.date(2026, 12, 3)
    assert "Turns 40" in ben.description.value
    assert ben.categories.value == ["netdesk", "Birthday"]
    assert found["Follow up with Dmitri Petrov"].description.value == "Send the deck"
    assert found["A favour for Eun-ji Park"].dtstart.value == TODAY + dt.timedelta(3)
    assert [e.dtstart.value for e in found.values()] == sorted(
        e.dtstart.value for e in found.values()
    )


def test_the_horizon_decides_what_is_included(store, tmp_path):
    pid = person("Fol Low")
    follow_ups.add(pid, TODAY + dt.timedelta(40), "In forty days")
    assert _events(tmp_path, days=30) == []
    assert len(_events(tmp_path, days=45)) == 1
    with pytest.raises(ValueError):
        calendar_export.events(TODAY, 0)


def test_a_catch_up_keeps_its_uid_when_its_date_moves(store, tmp_path):
    """Importing a newer export into a calendar moves the event instead of adding another."""
    pid = person("Ana Souza", circles=["Friends"], met_on=TODAY - dt.timedelta(70))
    before = _events(tmp_path)[0]
    interactions.log(InteractionDraft(TODAY - dt.timedelta(2), summary="Coffee", people=[pid]))
    after = _events(tmp_path, days=365)[0]
    assert after.uid.value == before.uid.value
    assert after.dtstart.value > before.dtstart.value


def test_the_file_is_private_and_replaced_whole(store, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    path = out / "upcoming.ics"
    path.write_text("old")
    calendar_export.export(path, today=TODAY, now=NOW)
    assert path.stat().st_mode & 0o077 == 0
    assert path.read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
    assert [p.name for p in out.iterdir()] == ["upcoming.ics"]  # no temporary left
