"""Google Contacts' own groups ("* myContacts", "* starred", "System Group: …") say where Google
keeps a contact, not what the user called them: an import makes no tags of them, and keeps the
labels the user made. Fixtures: tests/fixtures/csv/google.csv (the "Labels" column of today's
Google CSV) and google_legacy.csv (the "Group Membership" column before 2022)."""

from __future__ import annotations

from netdesk.core import importing
from netdesk.db.models import Person, PersonTag, Tag
from tests.helpers.paths import FIXTURES


def _tags() -> dict[str, list[str]]:
    rows = (
        PersonTag.select(Person.display_name, Tag.name)
        .join_from(PersonTag, Person)
        .join_from(PersonTag, Tag)
        .tuples()
    )
    out: dict[str, list[str]] = {p.display_name: [] for p in Person.select()}
    for name, tag in rows:
        out[name].append(tag)
    return out


def test_google_system_groups_become_no_tags_and_the_users_labels_stay(store):
    for name in ("google.csv", "google_legacy.csv"):
        report = importing.import_path(FIXTURES / "csv" / name)
        assert report.new >= 1 and report.invalid == 0
    assert _tags() == {"Ann Lee": ["Friends"], "Ravi Menon": [], "Bo Berg": ["Chess"]}
    assert not Tag.select().where(Tag.name.contains("Contacts") | Tag.name.contains("starred"))
