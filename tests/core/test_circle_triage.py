"""Circle triage: who is still in no circle, what a card shows, placing and unplacing, and the
hint drawn from people already sorted (surname, email domain, organisation) with fixed data."""

from __future__ import annotations

from netdesk.core import circle_triage, importing, people
from netdesk.core.circle_triage import Hint
from netdesk.db.models import Person
from tests.helpers.people import person


def circles_of(person_id: int) -> list[str]:
    return people.get(person_id).circles


def hint_for(person_id: int) -> Hint | None:
    return circle_triage.evidence().hint(circle_triage.card(person_id))


def test_the_unsorted_are_everyone_in_no_circle_by_name(store):
    zoe = person("Zoe Adler")
    person("Maria Souza", circles=["Family"])
    bo = person("Bo Chen")
    archived = person("Al Archer")
    people.set_archived(archived)
    assert circle_triage.unsorted() == [zoe, bo]  # sorted family name first: Adler, Chen


def test_the_unsorted_of_one_import(store, tmp_path):
    person("Already Here")
    card = tmp_path / "two.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Souza\r\nN:Souza;Ana;;;\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo Chen\r\nN:Chen;Bo;;;\r\nEND:VCARD\r\n"
    )
    report = importing.apply(importing.plan_file(card))
    imported = [p.id for p in Person.select().where(Person.import_batch == report.batch_id)]
    assert sorted(circle_triage.unsorted(report.batch_id)) == sorted(imported)
    assert len(imported) == 2


def test_a_card_shows_work_emails_and_how_they_met(store):
    ana = person(
        "Ana Souza",
        email="ana@lumen.example",
        org="Lumen",
        title="Head of Data",
        how_met="Her talk at PyCon",
    )
    card = circle_triage.card(ana)
    assert (card.name, card.organization, card.title) == ("Ana Souza", "Lumen", "Head of Data")
    assert card.emails == ("ana@lumen.example",)
    assert card.how_met == "Her talk at PyCon"


def test_placing_keeps_other_circles_and_unplacing_takes_only_that_one(store):
    ana = person("Ana Souza")
    circle_triage.place(ana, "Colleagues")
    assert circles_of(ana) == ["Colleagues"]
    assert circle_triage.unsorted() == []
    circle_triage.place(ana, "Friends")
    circle_triage.unplace(ana, "Colleagues")
    assert circles_of(ana) == ["Friends"]


def test_no_evidence_no_hint(store):
    person("Maria Souza", circles=["Family"])
    loner = person("Tobias Quenneville", email="tq@gmail.com")
    person("Someone Else", email="se@gmail.com", circles=["Friends"])  # a public mail service
    assert hint_for(loner) is None


def test_a_surname_shared_with_family(store):
    person("Maria Souza", family="Souza", circles=["Family"])
    person("Pedro Souza", circles=["Friends"])  # not family: says nothing
    ana = person("Ana Souza", family="Souza")
    assert hint_for(ana) == Hint("Family", "Shares the surname Souza with Maria Souza in Family", 1)


def test_a_surname_read_from_the_name_when_no_parts_are_stored(store):
    first = person("Maria Souza", circles=["Family"])
    Person.update(family="").where(Person.id == first).execute()
    person("João Souza", circles=["Family"])
    ana = person("Ana Souza")
    found = hint_for(ana)
    assert found is not None and found.circle == "Family"


def test_an_email_domain_shared_with_a_circle(store):
    for name in ("Al", "Bea", "Cy"):
        person(f"{name} Acme", email=f"{name.lower()}@ACME.com", circles=["Colleagues"])
    person("Di Acme", email="di@acme.com", circles=["Friends"])
    newcomer = person("Ed Newman", email="ed@acme.com")
    assert hint_for(newcomer) == Hint("Colleagues", "3 people at acme.com are Colleagues", 3)


def test_an_organisation_shared_with_a_circle(store):
    person("Al Ames", org="Lumen Labs", circles=["Internship"])
    person("Bea Bond", org="lumen labs ", circles=["Internship"])
    newcomer = person("Ed Newman", org="Lumen Labs", title="Intern")
    assert hint_for(newcomer) == Hint("Internship", "2 people at Lumen Labs are Internship", 2)


def test_one_person_is_named_and_circles_outside_the_keys_are_no_hint(store):
    person("Al Ames", org="Lumen", circles=["Colleagues"])
    person("Bea Bond", org="Lumen", circles=["School"])
    person("Cy Cole", org="Lumen", circles=["School"])
    newcomer = person("Ed Newman", org="Lumen")
    assert hint_for(newcomer) == Hint("Colleagues", "1 person at Lumen is in Colleagues", 1)


def test_archived_people_are_no_evidence(store):
    gone = person("Al Acme", email="al@acme.com", circles=["Colleagues"])
    people.set_archived(gone)
    newcomer = person("Ed Newman", email="ed@acme.com")
    assert hint_for(newcomer) is None


def test_the_strongest_evidence_wins(store):
    person("Maria Newman", family="Newman", circles=["Family"])
    for name in ("Al", "Bea"):
        person(f"{name} Acme", email=f"{name.lower()}@acme.com", circles=["Colleagues"])
    newcomer = person("Ed Newman", family="Newman", email="ed@acme.com")
    found = hint_for(newcomer)
    assert found is not None and found.circle == "Colleagues"


def test_the_evidence_follows_the_people_the_triage_places(store):
    person("Al Acme", email="al@acme.com", circles=["Colleagues"])
    ed = circle_triage.card(person("Ed Newman", family="Newman", email="ed@acme.com", org="Acme"))
    zoe = circle_triage.card(person("Zoe Newman", family="Newman", email="zoe@acme.com"))
    evidence = circle_triage.evidence()
    assert evidence.hint(zoe) == Hint("Colleagues", "1 person at acme.com is in Colleagues", 1)
    circle_triage.place(ed.id, "Family")
    evidence.placed(ed, "Family")
    assert evidence.hint(zoe) == Hint(
        "Family", "Shares the surname Newman with Ed Newman in Family", 1
    )
    assert evidence.domains["acme.com"]["Family"] == 1
    evidence.placed(ed, "Family", -1)
    assert evidence.hint(zoe) == Hint("Colleagues", "1 person at acme.com is in Colleagues", 1)
    # what was counted is what the store now says, read again
    circle_triage.unplace(ed.id, "Family")
    assert circle_triage.evidence().hint(zoe) == evidence.hint(zoe)


def test_a_card_keeps_what_the_hint_rests_on(store):
    ana = person("Ana Souza", email="ana@Lumen.example", org="Lumen ", title="Lead")
    card = circle_triage.card(ana)
    assert (card.surname, card.domains, card.organizations) == (
        "Souza",
        ("lumen.example",),
        ("Lumen",),
    )
    gmail = circle_triage.card(person("Bo Chen", email="bo@gmail.com"))
    assert gmail.domains == ()  # a public mail service says nothing
