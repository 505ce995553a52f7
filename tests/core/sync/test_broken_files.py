"""A file in the folder that is not one readable card is named in the report and left alone;
nothing of it, and nothing of the person it was, is lost."""

from __future__ import annotations

from netdesk.core import people
from netdesk.core.sync import reconcile
from netdesk.db.models import ImportBatch, Person
from tests.core.sync.test_reconcile import TODAY, cards
from tests.helpers.people import person

BROKEN = {
    "garbage.vcf": b"\x00\xff\xfe not a card at all \x00" * 50,
    "empty.vcf": b"",
    "two.vcf": (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:One\r\nEMAIL:one@example.com\r\n"
                b"END:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Two\r\nEND:VCARD\r\n"),
    "latin1.vcf": "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jos\xe9\r\nEND:VCARD\r\n".encode("latin-1"),
    "nameless.vcf": b"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:nameless\r\nEND:VCARD\r\n",
    "img.vcf": b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:<img src=/dev/zero>\r\nUID:img\r\nEND:VCARD\r\n",
}


def test_broken_files_are_reported_one_line_each_and_left_alone(store, folder):
    for name, data in BROKEN.items():
        (folder / name).write_bytes(data)
    report = reconcile(folder, today=TODAY)
    named = {name for name in BROKEN if any(e.startswith(name) for e in report.errors)}
    assert named == {"garbage.vcf", "empty.vcf", "two.vcf", "latin1.vcf", "nameless.vcf"}
    assert all("\n" not in error for error in report.errors)
    for name, data in BROKEN.items():
        assert (folder / name).read_bytes() == data or name == "img.vcf"
    # the card named like markup is a person like any other, its name kept as text
    assert [p.display_name for p in Person.select()] == ["<img src=/dev/zero>"]


def test_a_synced_card_broken_there_keeps_its_person_and_its_base(store, folder):
    pid = person("Quinn Adler", email="quinn@example.com", notes="Keep me")
    reconcile(folder, today=TODAY)
    (path,) = folder.glob("*.vcf")
    path.write_bytes(b"BEGIN:VCARD\r\nthis is not right")
    report = reconcile(folder, today=TODAY)
    assert len(report.errors) == 1 and path.name in report.errors[0]
    quinn = people.get(pid)
    assert not quinn.archived and quinn.notes == "Keep me"
    assert path.read_bytes() == b"BEGIN:VCARD\r\nthis is not right"  # not overwritten either
    people.update(pid, people.with_changes(quinn, notes="Changed here"))
    assert reconcile(folder, today=TODAY).pushed == 0
    assert ImportBatch.select().count() == 0


def test_two_files_with_one_uid_take_the_first_and_name_the_second(store, folder):
    card = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Rae Doyle\r\nUID:same\r\nEND:VCARD\r\n"
    (folder / "a.vcf").write_bytes(card)
    (folder / "b.vcf").write_bytes(card.replace(b"Rae Doyle", b"Rae D."))
    report = reconcile(folder, today=TODAY)
    assert report.errors == ["b.vcf has the same UID as a.vcf; it was left as it is."]
    assert [p.display_name for p in Person.select()] == ["Rae Doyle"]
    assert set(cards(folder)) == {"a.vcf", "b.vcf"}
