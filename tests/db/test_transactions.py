"""Transactions that SQLite itself ends: the user sees the real error, and nothing is half-done."""

from __future__ import annotations

import pytest

from netdesk.core import people
from netdesk.core import store as core_store
from netdesk.core.people import PersonDraft
from netdesk.db.models import Person
from tests.helpers.diskfull import disk_full_after


def _fill_until_full(database) -> None:
    # A schema change in the transaction makes SQLite roll the whole of it back on SQLITE_FULL.
    database.execute_sql("CREATE TABLE filler (x BLOB)")
    for _ in range(200):
        database.execute_sql("INSERT INTO filler VALUES (zeroblob(4000))")


@pytest.mark.parametrize("nested", [False, True], ids=["top-level", "nested"])
def test_a_full_disk_reports_full_and_keeps_what_was_stored(store, nested):
    database = store
    people.create(PersonDraft(display_name="Ana Souza"))
    with disk_full_after(20), pytest.raises(Exception, match="full"), core_store.write():
        people.create(PersonDraft(display_name="Ben Okafor"))
        if nested:
            with core_store.write():
                _fill_until_full(database)
        else:
            _fill_until_full(database)
    assert _names() == ["Ana Souza"]
    people.create(PersonDraft(display_name="Chloé Müller"))  # the store works on
    assert _names() == ["Ana Souza", "Chloé Müller"]


def _names() -> list[str]:
    return [p.display_name for p in Person.select().order_by(Person.id)]
