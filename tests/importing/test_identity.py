"""The identity rules of an import: a shared email, phone or profile is evidence, not identity.

Each fixture in tests/fixtures/identity reproduces one pattern of real address books.
"""

from __future__ import annotations

from pathlib import Path

from netdesk.core import importing, people
from netdesk.core.importing import Action, Decision, Flag
from netdesk.db.models import Person
from netdesk.io.records import ContactRecord, PointRecord
from netdesk.io.vcard_writer import write_vcards
from netdesk.values import PointKind
from tests.helpers.records import record

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "identity"


def plan_file(name: str) -> importing.ImportPlan:
    return importing.read_path(FIXTURES / name)


def names() -> list[str]:
    return sorted(p.display_name for p in Person.select())


def test_a_family_home_phone_is_three_people(store):
    # A family's address book: Ana, Pedro and Lúcia Souza all list the home landline,
    # written three ways (+1 415 555 0134, (415) 555-0134, +14155550134).
    planned = plan_file("family_home_phone.vcf")
    assert [i.action for i in planned.items] == [Action.NEW] * 3
    assert [i.reason for i in planned.items] == [
        "new",
        "new; shares a phone with Ana Souza but the names differ",
        "new; shares a phone with Ana Souza but the names differ",
    ]
    importing.apply(planned)
    assert names() == ["Ana Souza", "Lúcia Souza", "Pedro Souza"]


def test_a_shared_phone_finds_the_sharer_whose_name_agrees(store):
    importing.import_path(FIXTURES / "family_home_phone.vcf")
    # Pedro's card from another source, without a UID: only the home phone links it
    planned = importing.plan(
        [record(1, "Pedro Souza", phone="+1 415 555 0134", note="plays the cello")],
        source_name="phone.vcf",
        fmt="vcard",
    )
    item = planned.items[0]
    assert (item.action, item.match_name, item.reason) == (
        Action.UPDATE,
        "Pedro Souza",
        "updates Pedro Souza: same phone",
    )


def test_colleagues_behind_one_switchboard_are_different_lines(store):
    # A company directory: everyone's work number is the switchboard plus an extension;
    # the receptionist's card carries the bare switchboard number.
    planned = plan_file("switchboard_extensions.vcf")
    assert [i.action for i in planned.items] == [Action.NEW] * 3
    assert all(i.reason == "new" for i in planned.items[:2])
    importing.apply(planned)
    assert names() == ["Hana Nakamura", "Inês Carvalho", "Tomas Berg"]
    # the same extension under the same name is the same person
    again = importing.plan(
        [record(1, "Inês Carvalho", phone="1 (800) 555-5588 ext. 5506")],
        source_name="directory.vcf",
        fmt="vcard",
    )
    assert again.items[0].reason == "updates Inês Carvalho: same phone"


def test_a_main_line_on_every_card_identifies_no_one(store):
    # Outlook's "Company Main Phone" column: the same number on every colleague's card
    given = ["Ana", "Ben", "Caro", "Dee", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jon"]
    family = ["Souza", "Okafor", "Lindqvist", "Park", "Moss", "Oduya"]
    colleagues = [
        record(i, f"{g} {f}", email=f"{g}.{f}@lumen.example", phone="+44 20 7946 0000")
        for i, (g, f) in enumerate(((g, f) for f in family for g in given), start=1)
    ]
    planned = importing.plan(colleagues, source_name="outlook.csv", fmt="outlook")
    assert planned.count(Action.NEW) == 60
    importing.apply(planned)
    again = importing.plan(
        [record(1, "Ana Souza", phone="+44 20 7946 0000")], source_name="a.csv", fmt="outlook"
    )
    assert again.items[0].reason == "new; same name as Ana Souza, review"


def test_one_uid_under_two_names_keeps_both_and_flags_the_second(store):
    # A sync tool that copied one card as a template for another kept its UID:
    # two different people, names and emails under one UID.
    planned = plan_file("shared_uid_different_names.vcf")
    first, second = planned.items
    assert (first.action, second.action) == (Action.NEW, Action.DUPLICATE)
    assert second.flag is Flag.SAME_UID
    assert second.reason == "new; same UID as Ben Okafor but the names differ, review"
    report = importing.apply(planned)
    assert (report.new, report.updated, report.flagged) == (2, 0, 1)
    assert names() == ["Ben Okafor", "Caro Lindqvist"]
    again = importing.import_path(FIXTURES / "shared_uid_different_names.vcf")
    assert (again.new, again.updated, again.unchanged) == (0, 2, 2)


def test_a_reused_uid_yields_to_the_person_the_email_names(store):
    known = people.create(
        people.PersonDraft(
            given="Caro",
            family="Lindqvist",
            points=[people.PointDraft(PointKind.EMAIL, "caro.lindqvist@verdant.example")],
        )
    )
    second = plan_file("shared_uid_different_names.vcf").items[1]
    assert (second.action, second.person_id) == (Action.UPDATE, known)
    assert second.reason == "updates Caro Lindqvist: same email"


def test_same_name_colleagues_are_both_imported_and_flagged(store):
    # Two people called Ana Souza at different companies, each with a UID, email and phone.
    planned = plan_file("same_name_colleagues.vcf")
    first, second = planned.items
    assert (first.action, second.action) == (Action.NEW, Action.DUPLICATE)
    assert (second.flag, second.into) == (Flag.SAME_NAME, 0)
    assert second.reason == "new; same name as Ana Souza, review"
    report = importing.apply(planned)
    assert (report.new, report.flagged, report.duplicates) == (2, 1, 0)
    assert names() == ["Ana Souza", "Ana Souza"]


def test_a_team_mailbox_does_not_merge_the_team(store):
    # A shared sales@ address on two colleagues' cards; a third card ("F. Haddad") from a
    # phone export is Farah again: the mailbox plus an agreeing name.
    planned = plan_file("team_mailbox.vcf")
    assert [(i.action, i.into) for i in planned.items] == [
        (Action.NEW, None),
        (Action.NEW, None),
        (Action.UPDATE, 0),
    ]
    assert planned.items[1].reason == (
        "new; shares an email with Farah Haddad but the names differ"
    )
    assert planned.items[2].reason == "updates Farah Haddad (card 1): same email"
    importing.apply(planned)
    assert names() == ["Dmitri Petrov", "Farah Haddad"]


def test_a_name_written_family_first_is_the_same_name(store):
    importing.import_path(FIXTURES / "same_name_colleagues.vcf")
    planned = importing.plan(
        [record(1, "Souza, Ana", email="ana@harbour.example")], source_name="a.csv", fmt="csv"
    )
    assert planned.items[0].reason == "new; same name as Ana Souza, review"


def test_the_same_uid_as_a_person_an_import_made_is_that_person(store):
    importing.import_path(FIXTURES / "same_name_colleagues.vcf")
    renamed = ContactRecord(
        card=1,
        formatted_name="Ana Souza-Lima",
        given="Ana",
        family="Souza-Lima",
        uid="colleague-ana-2",
        points=[PointRecord(PointKind.EMAIL, "ana@newjob.example")],
    )
    item = importing.plan([renamed], source_name="a.vcf", fmt="vcard").items[0]
    assert (item.action, item.reason) == (Action.UPDATE, "updates Ana Souza: same UID")


def test_fixtures_imported_twice_create_no_one(store):
    files = sorted(FIXTURES.glob("*.vcf"))
    first = [importing.import_path(path) for path in files]
    before = Person.select().count()
    again = [importing.import_path(path) for path in files]
    assert sum(r.new for r in first) == before == 12
    assert sum(r.new for r in again) == 0
    assert all(r.unchanged == r.updated for r in again)
    assert Person.select().count() == before


def test_skipping_a_flagged_card_and_merging_one(store):
    importing.import_path(FIXTURES / "same_name_colleagues.vcf")
    planned = importing.plan(
        [
            record(1, "Ana Souza", email="ana.s@harbour.example"),
            record(2, "Ana Souza", email="souza.a@quay.example"),
        ],
        source_name="more.vcf",
        fmt="vcard",
    )
    assert [i.flag for i in planned.items] == [Flag.SAME_NAME, Flag.SAME_NAME]
    report = importing.apply(planned, decisions={0: Decision.SKIP, 1: Decision.MERGE})
    assert (report.new, report.updated, report.duplicates) == (0, 1, 1)
    assert [f.reason for f in report.fates] == [
        "left out by your choice; same name as Ana Souza",
        "updates Ana Souza: merged by your choice (same name as Ana Souza)",
    ]
    assert people.count() == 2


def _repeating_names(count: int, distinct: int) -> list[ContactRecord]:
    """A generated address book whose given and family names repeat (as in a big network),
    each card with its own UID, email and phone."""
    given = ["Ana", "Ben", "Chloé", "Dmitri", "Farah", "Kenji", "Léa", "Mateo", "Priya", "Sven"]
    family = ["Souza", "Okafor", "Müller", "Nakamura", "Haddad", "García", "Chen", "Rossi"]
    out = []
    for i in range(count):
        n = i % distinct
        first, last = given[n % len(given)], family[n // len(given) % len(family)]
        out.append(
            ContactRecord(
                card=i + 1,
                formatted_name=f"{first} {last}",
                given=first,
                family=last,
                uid=f"urn:uuid:gen-{i:05d}",
                points=[
                    PointRecord(PointKind.EMAIL, f"p{i}@lumen.example"),
                    PointRecord(PointKind.PHONE, f"+44 20 7946 {i:04d}"),
                ],
            )
        )
    return out


def test_a_generated_book_with_repeating_names_imports_everyone(store, tmp_path):
    book = tmp_path / "big.vcf"
    with book.open("w", encoding="utf-8", newline="") as out:
        write_vcards(_repeating_names(600, 40), out, "3.0")
    report = importing.import_path(book)
    assert (report.new, report.flagged, report.duplicates) == (600, 560, 0)
    assert people.count() == 600
    again = importing.import_path(book)
    assert (again.new, again.updated, again.unchanged) == (0, 600, 600)
