"""Importing the real sample files: CSV layouts, the vCard corpus, and export round trips."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from netdesk import db
from netdesk.core import exporting, importing, job_changes, people
from netdesk.core.importing import Action
from netdesk.db.models import Person
from netdesk.io import reading
from netdesk.values import Birthday, PointKind, TagKind
from tests.helpers.records import counts, find


def _by_name(name: str) -> people.PersonDetail:
    return people.get(find(name))


def _emails(d: people.PersonDetail) -> list[str]:
    return [p.value for p in d.points if p.kind is PointKind.EMAIL]


def test_linkedin_connections(store, testdata):
    report = importing.import_path(testdata / "csv" / "linkedin_Connections.csv")
    assert (report.format, report.cards, report.new, report.invalid) == ("linkedin", 6, 6, 0)
    maren = _by_name("Maren Ostby")
    assert (maren.connected_on, maren.met_on) == (dt.date(2024, 3, 14), None)  # "Connected On"
    assert [(p.kind, p.value) for p in maren.points] == [
        (PointKind.URL, "https://www.linkedin.com/in/maren-ostby-4b1a2c")
    ]
    assert (maren.current_position.organization, maren.current_position.title) == (
        "Fjordlight Analytics",
        "Head of Data",
    )
    tobias = _by_name("Tobias Quenneville")
    assert _emails(tobias) == ["tobias.q@example.com"]
    assert tobias.current_position.organization == "Quenneville & Daughters, LLC"
    kenji = _by_name("Kenji")
    assert kenji.connected_on == dt.date(2025, 9, 30) and kenji.positions == []
    zoe = _by_name("Zoe Ferreira")  # accents folded in search
    assert zoe.display_name == "Zoë Ferreira-Lindqvist"
    assert zoe.current_position.title == 'Fundadora "Café com Dados" ☕'


def test_google_contacts(store, testdata):
    report = importing.import_path(testdata / "csv" / "google_contacts.csv")
    assert (report.format, report.cards, report.new) == ("google", 5, 5)
    odalys = _by_name("Odalys")
    primary = [p for p in odalys.points if p.preferred]
    assert [(p.kind, p.value) for p in primary] == [(PointKind.EMAIL, "odalys@example.com")]
    assert sorted(_emails(odalys)) == ["odalys.b@example.net", "odalys@example.com"]
    phones = sorted(p.value for p in odalys.points if p.kind is PointKind.PHONE)
    assert phones == ["+1 555-0142", "+1 555-0199"]
    assert odalys.birthday == Birthday(4, 15, 1987)
    assert odalys.tags == [(TagKind.LABEL, "Conference 2024")]  # not the "* myContacts" label
    assert 'Follow up re: "Q3 pilot", pricing' in odalys.notes
    assert "ANNIVERSARY:2015-06-20" in odalys.vcard_extra.splitlines()
    henrik = _by_name("Henrik Albrecht")
    assert henrik.prefix == "Dr." and _emails(henrik) == ["h.albrecht@example.de"]
    assert [p.value for p in _by_name("Sakura").points] == ["090-5550-0101"]
    assert _emails(_by_name("noreply-billing")) == ["noreply-billing@example.org"]
    chidi = _by_name("Chidi")
    assert chidi.nickname == "CK" and chidi.tags == [(TagKind.LABEL, "Mentors")]


def test_google_legacy_and_outlook_layouts(store, testdata):
    for name in (
        "google_contacts_legacy.csv",
        "google_contacts_outlook_format.csv",
        "outlook_com_contacts.csv",
        "outlook_desktop_contacts.csv",
    ):
        report = importing.import_path(testdata / "csv" / name)
        assert report.invalid == 0 and report.new == report.cards, name
    wilhelmina = _by_name("Wilhelmina")
    assert wilhelmina.birthday == Birthday(11, 2, 1979)
    assert wilhelmina.current_position.organization == "Kōwhai Trust"
    assert wilhelmina.tags == [(TagKind.LABEL, "Board")]
    marisol = _by_name("Marisol")
    assert _emails(marisol) == ["marisol@example.com"]
    beatriz = _by_name("Beatriz")
    assert beatriz.birthday == Birthday(9, 14, 1983)
    assert beatriz.current_position.organization == "Calloway, Finch & Ruiz"
    assert beatriz.notes == "Prefers email; assistant handles scheduling"
    ignatius = _by_name("Ignatius")
    assert ignatius.birthday == Birthday(3, 7, 1975)  # Outlook's "3/7/1975"
    assert (ignatius.current_position.organization, ignatius.current_position.title) == (
        "Harrowgate Instruments",
        "CTO",
    )
    assert sorted(n for _, n in ignatius.tags) == ["Advisors", "Clients"]
    lea = _by_name("Léa Marchetti")
    assert lea.birthday is None  # "0/0/00" is Outlook's empty date
    assert _emails(lea) == ["lea.marchetti@example.fr"]


def test_every_csv_twice_creates_no_duplicates(store, testdata):
    files = sorted((testdata / "csv").glob("*.csv"))
    for path in files:
        importing.import_path(path)
    before = counts()
    reports = [importing.import_path(path) for path in files]
    assert sum(r.new for r in reports) == 0
    assert sum(r.duplicates for r in reports) == 0
    assert counts()["person"] == before["person"]
    assert counts()["contact_point"] == before["contact_point"]


def test_a_newer_export_updates_people_in_place(store, tmp_path):
    people.create(
        people.PersonDraft(
            display_name="Ana Souza",
            given="Ana",
            family="Souza",
            uid="urn:uuid:ana",
            why_stand_out="Runs a jazz trio",
            points=[
                people.PointDraft(PointKind.EMAIL, "ana@lumen.example"),
                people.PointDraft(PointKind.PHONE, "+44 20 7946 0958"),
            ],
            positions=[people.PositionDraft("Lumen", "Ops Lead")],
        )
    )
    people.create(people.PersonDraft(given="Ben", family="Okafor", uid="urn:uuid:ben"))
    first = tmp_path / "first.vcf"
    exporting.export(first, "vcard3")
    text = first.read_text(encoding="utf-8")
    assert "TEL;TYPE=" in text or "TEL:" in text
    newer = text.replace("+44 20 7946 0958", "+44 20 7946 0000").replace("Ops Lead", "COO")
    second = tmp_path / "second.vcf"
    second.write_text(newer, encoding="utf-8", newline="")
    report = importing.import_path(second)
    assert (report.new, report.updated, report.unchanged, report.duplicates) == (0, 2, 1, 0)
    assert Person.select().count() == 2
    ana = _by_name("Ana Souza")
    phones = sorted(p.value for p in ana.points if p.kind is PointKind.PHONE)
    assert phones == ["+44 20 7946 0000", "+44 20 7946 0958"]  # the old number is kept too
    assert ana.current_position.title == "Ops Lead"  # a new title waits for the user's word
    [change] = job_changes.pending()
    assert (change.field, change.old_value, change.new_value) == ("title", "Ops Lead", "COO")
    job_changes.accept([change.id])
    ana = _by_name("Ana Souza")
    assert ana.current_position.title == "COO"
    assert [(p.title, p.current) for p in ana.positions] == [("COO", True), ("Ops Lead", False)]
    assert ana.why_stand_out == "Runs a jazz trio"


def test_cards_count_includes_broken_cards(store, testdata):
    report = importing.import_path(testdata / "vcards" / "khard" / "unparsable.vcf")
    assert report.cards == 1


def _profile() -> set[tuple]:
    ids = [i for (i,) in Person.select(Person.id).tuples()]
    out = set()
    for d in exporting.details(ids):
        out.add(
            (
                d.display_name,
                (d.prefix, d.given, d.additional, d.family, d.suffix, d.nickname),
                tuple(sorted((p.kind.value, p.value, p.label.lower()) for p in d.points)),
                d.birthday.iso() if d.birthday else None,
                # vCard has no end dates: only current positions are exported
                tuple(
                    sorted(
                        (p.organization, p.title, p.department) for p in d.positions if p.current
                    )
                ),
                tuple(sorted((k.value, n) for k, n in d.tags)),
                d.notes,
                d.family_notes,
                d.uid,
                d.met_on,
                d.photo,
                tuple(sorted(d.vcard_extra.splitlines())),
            )
        )
    return out


def test_vcard_corpus_round_trip(tmp_path, testdata):
    files = sorted((testdata / "vcards").glob("**/*.vcf"))
    assert len(files) >= 200
    db.open(tmp_path / "first.db")
    try:
        unreadable = []
        for path in files:
            try:
                importing.import_path(path)
            except importing.FileRefused:
                unreadable.append(path.name)
        assert unreadable == ["Empty.vcf"]
        first = _profile()
        exported = tmp_path / "all.vcf"
        assert exporting.export(exported, "vcard") == len(first)
    finally:
        db.close_database()
    db.open(tmp_path / "second.db")
    try:
        planned = importing.read_path(exported)
        # every exported card is its own person: nothing is merged into another; cards that
        # share a name are flagged for review and imported all the same
        assert planned.count(Action.UPDATE) == 0 and planned.count(Action.INVALID) == 0
        dups = [i for i in planned.items if i.action is Action.DUPLICATE]
        assert all(i.flag and i.reason.endswith(", review") for i in dups)
        importing.apply(planned)
        second = _profile()
    finally:
        db.close_database()
    assert len(first) > 1000
    assert second == first


def test_export_formats_and_archived(store):
    a = people.create(
        people.PersonDraft(
            display_name="Ana Souza",
            given="Ana",
            family="Souza",
            how_met="Data Summit",
            why_stand_out="Jazz trio",
            family_notes="Partner: Sam",
            circles=["Colleagues"],
            cadence_days=30,
            nurture=True,
            vcard_extra="X-CUSTOM:1\nANNIVERSARY:2015-06-20",
            birthday=Birthday(4, 15),
        )
    )
    b = people.create(people.PersonDraft(display_name="Archived Person"))
    people.set_archived(b)
    out = io.StringIO()
    assert exporting.export(out, "vcard") == 1
    text = out.getvalue()
    assert "ANNIVERSARY:20150620" in text or "ANNIVERSARY:2015-06-20" in text
    assert "X-NETDESK-WHY-STAND-OUT:Jazz trio" in text and "X-CUSTOM:1" in text
    assert "Archived Person" not in text
    csv_out = io.StringIO()
    assert exporting.export(csv_out, "csv", include_archived=True) == 2
    assert csv_out.getvalue().splitlines()[0].startswith("Name,")
    assert exporting.export(io.StringIO(), "vcard3", person_ids=[b]) == 1
    # netdesk's own fields come back on import into an empty store
    record = reading.read_bytes(text.encode(), "a.vcf").records[0]
    people.delete(a)
    importing.apply(importing.plan([record], source_name="a.vcf", fmt="vcard"))
    again = _by_name("Ana Souza")
    assert (again.how_met, again.why_stand_out, again.family_notes) == (
        "Data Summit",
        "Jazz trio",
        "Partner: Sam",
    )
    assert (again.circles, again.cadence_days, again.nurture) == (["Colleagues"], 30, True)
    assert again.vcard_extra.splitlines() == ["X-CUSTOM:1", "ANNIVERSARY:2015-06-20"]


def test_a_failed_export_leaves_no_file(store, tmp_path):
    people.create(people.PersonDraft(display_name="Ana"))
    target = tmp_path / "out.vcf"

    def progress(done: int, total: int) -> None:
        raise OSError("disk is full")  # fails after the first page was written

    with pytest.raises(OSError):
        exporting.export(target, "vcard", progress=progress)
    assert not target.exists()
    assert not [p for p in Path(tmp_path).iterdir() if p.name.endswith(".part")]
