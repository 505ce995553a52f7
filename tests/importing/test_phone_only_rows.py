"""A row or card with nothing but a phone number is a person, imported like any other: named by
the number until the user names them, found again by it on the next import."""

from __future__ import annotations

from netdesk.core import importing, people
from netdesk.db.models import ContactPoint, Person
from tests.helpers.paths import FIXTURES

CSV = FIXTURES / "csv"


def test_an_outlook_row_with_only_a_phone_is_imported_as_a_person(store):
    # outlook_de.csv: a German Outlook export whose second row has only "Mobiltelefon" filled
    report = importing.import_path(CSV / "outlook_de.csv")
    assert (report.new, report.invalid) == (2, 0)
    nameless = Person.get(Person.display_name == "+49 172 3333333")
    assert [p.value for p in ContactPoint.select().where(ContactPoint.person == nameless)] == [
        "+49 172 3333333"
    ]
    again = importing.import_path(CSV / "outlook_de.csv")
    assert (again.new, again.updated) == (0, 2)  # found again by the number, not doubled
    assert people.count() == 2


def test_a_phones_own_layout_imports_its_nameless_row(store):
    # nokia_suite.csv: Nokia PC Suite's layout ("General mobile"), one row with only a number
    report = importing.import_path(CSV / "nokia_suite.csv")
    assert (report.new, report.invalid) == (2, 0)
    assert people.count() == 2


def test_a_card_with_only_a_tel_is_a_person(store, tmp_path):
    card = tmp_path / "tel.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nTEL:+44 20 7946 0018\r\nEND:VCARD\r\n")
    report = importing.import_path(card)
    assert report.new == 1
    assert Person.get().display_name == "+44 20 7946 0018"
