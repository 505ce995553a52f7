"""The change number per person: everyone marked on upgrade, bulk imports mark their range."""

from __future__ import annotations

import peewee as pw

from netdesk.core import importing
from netdesk.db import migrations, person_changes
from tests.helpers.people import person


def triggers(db) -> list[str]:
    cursor = db.execute_sql(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'person_change_%'"
    )
    return sorted(name for (name,) in cursor)


def test_an_upgraded_database_has_everyone_changed(tmp_path):
    database = pw.SqliteDatabase(str(tmp_path / "old.db"))
    migrations.upgrade(database, target=8)
    for name in ("Ana Souza", "Ben Okafor"):
        database.execute_sql(
            "INSERT INTO person (display_name, sort_name, prefix, given, additional, family,"
            " suffix, nickname, how_met, why_stand_out, family_notes, notes, nurture, archived,"
            " vcard_extra, created, updated) VALUES (?, ?, '', '', '', '', '', '', '', '', '',"
            " '', 0, 0, '', '2026-01-01', '2026-01-01')",
            (name, name),
        )
    migrations.upgrade(database)
    assert person_changes.changed_since(database, 0) == {1, 2}
    assert person_changes.changed_since(database, person_changes.high_water(database)) == set()
    database.close()


def test_a_bulk_import_marks_its_new_people_and_keeps_the_triggers(store):
    before = person_changes.high_water(store)
    kept = triggers(store)
    cards = "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nEND:VCARD\r\n"
        for name in ("Cy Tan", "Di Moreau", "Eli Brandt")
    )
    importing.apply(importing.plan_bytes(cards.encode(), "phone.vcf"))
    new = {pid for (pid,) in store.execute_sql("SELECT id FROM person")}
    assert len(new) == 3 and person_changes.changed_since(store, before) == new
    assert triggers(store) == kept and kept


def test_a_deleted_circle_marks_its_members(store):
    ana = person("Ana Souza", circles=["Friends"])
    person("Ben Okafor", circles=["Family"])
    mark = person_changes.high_water(store)
    with store.atomic():
        store.execute_sql("DELETE FROM circle WHERE name = 'Friends'")
    assert person_changes.changed_since(store, mark) == {ana}
