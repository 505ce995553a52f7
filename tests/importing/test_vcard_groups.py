"""Importing group cards: each group becomes a circle holding its members from the same file."""

from __future__ import annotations

from pathlib import Path

from netdesk.core import importing, people
from netdesk.db.models import Circle
from tests.helpers.records import find

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "vcards"


def test_a_vcard4_group_becomes_a_circle_of_its_members(store) -> None:
    report = importing.import_path(FIXTURES / "groups_vcard4.vcf")
    assert (report.cards, report.new, report.invalid) == (3, 2, 0)
    assert people.count() == 2
    assert people.get(find("Amara Okafor")).circles == ["Staff"]
    assert people.get(find("Tomasz Wróbel")).circles == ["Staff"]
    (missing,) = [p for p in report.problems if "Staff" in p.message]
    assert missing.message.startswith("1 of the 3 members of the group “Staff”")
    assert missing.card == 3


def test_an_apple_group_joins_an_existing_circle_and_updates_known_people(store) -> None:
    book_club = people.circle_by_name("Book Club")
    uid = "6C1D2E3F-4A5B-4C6D-8E7F-90A1B2C3D4E5"  # Apple's bare UID, as the person card has it
    leila = people.create(people.PersonDraft("Leila Haddad", uid=uid))
    report = importing.import_path(FIXTURES / "groups_apple_icloud.vcf")
    assert (report.new, report.updated, report.invalid) == (1, 1, 0)
    assert [c.name for c in Circle.select() if c.name.lower() == "book club"] == ["Book Club"]
    assert people.get(leila).circles == [book_club.name]
    assert people.get(find("Kwame Ng")).circles == ["Book Club"]
    assert not report.problems


def test_the_plan_does_not_count_group_cards_as_unreadable(store) -> None:
    planned = importing.read_path(FIXTURES / "groups_vcard4.vcf")
    assert (planned.cards, len(planned.items), planned.unreadable) == (3, 2, 0)
    assert [g.name for g in planned.groups] == ["Staff"]
