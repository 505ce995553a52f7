"""Cards written by phones (vCard 3.0 as iOS and Android write them) come in whole, and what
netdesk does not model goes back out with netdesk's edits."""

from __future__ import annotations

import base64

from netdesk.core import people
from netdesk.core.sync import reconcile
from netdesk.db.models import Person
from netdesk.values import PointKind
from tests.core.sync.test_reconcile import TODAY, only
from tests.helpers.records import jpeg_bytes


def ios_card() -> bytes:
    photo = base64.b64encode(jpeg_bytes((120, 120))).decode("ascii")
    folded = "\r\n ".join(photo[i : i + 74] for i in range(0, len(photo), 74))
    return (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//iPhone OS 17.5//EN\r\n"
        "N:Souza;Ana;;;\r\nFN:Ana Souza\r\nORG:Lumen Freight;\r\n"
        "EMAIL;type=INTERNET;type=WORK;type=pref:ana@lumen.example\r\n"
        "item1.TEL;type=pref:+44 20 7946 0958\r\nitem1.X-ABLabel:_$!<Mobile>!$_\r\n"
        "item2.TEL:+44 20 7946 0111\r\nitem2.X-ABLabel:Studio\r\n"
        "X-ABShowAs:PERSON\r\nX-APPLE-SUBADMINISTRATIVEAREA:Hordaland\r\n"
        f"PHOTO;ENCODING=b;TYPE=JPEG:{folded}\r\n"
        "UID:6A0C1F5E-1B7E-4C3A-9C1B-IPHONE\r\nEND:VCARD\r\n"
    ).encode()


ANDROID = (
    b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Okafor;Ben;;;\r\nFN:Ben Okafor\r\n"
    b"TEL;TYPE=CELL,PREF:+44 20 7946 0222\r\nEMAIL;TYPE=HOME:ben@example.com\r\n"
    b"X-ANDROID-CUSTOM:vnd.android.cursor.item/nickname;Benny;1;;;;;;;;;;;;;\r\n"
    b"X-PHONETIC-LAST-NAME:Okafor\r\nUID:android-ben-42\r\nEND:VCARD\r\n"
)


def test_phone_cards_come_in_with_labels_preference_and_photo(store, folder):
    (folder / "6A0C1F5E-iphone.vcf").write_bytes(ios_card())
    (folder / "android-ben-42.vcf").write_bytes(ANDROID)
    report = reconcile(folder, today=TODAY)
    assert report.pulled_new == 2 and report.errors == []
    ana = people.get(Person.get(Person.display_name == "Ana Souza").id)
    phones = {(p.value, p.label, p.preferred) for p in ana.points if p.kind is PointKind.PHONE}
    assert phones == {("+44 20 7946 0958", "mobile", True), ("+44 20 7946 0111", "Studio", False)}
    assert ana.photo is not None and ana.positions[0].organization == "Lumen Freight"
    assert "X-APPLE-SUBADMINISTRATIVEAREA:Hordaland" in ana.vcard_extra
    ben = people.get(Person.get(Person.display_name == "Ben Okafor").id)
    assert [(p.value, p.preferred) for p in ben.points if p.kind is PointKind.PHONE] == [
        ("+44 20 7946 0222", True)
    ]
    assert "X-PHONETIC-LAST-NAME:Okafor" in ben.vcard_extra


def test_their_unknown_lines_go_back_out_with_an_edit_here(store, folder):
    (folder / "android-ben-42.vcf").write_bytes(ANDROID)
    reconcile(folder, today=TODAY)
    pid = Person.get(Person.display_name == "Ben Okafor").id
    people.update(pid, people.with_changes(people.get(pid), notes="Knows the harbour master"))
    assert reconcile(folder, today=TODAY).pushed == 1
    text = only(folder)
    assert "NOTE:Knows the harbour master" in text
    assert "X-PHONETIC-LAST-NAME:Okafor" in text
    assert "X-ANDROID-CUSTOM:vnd.android.cursor.item/nickname;Benny" in text
    assert "UID:android-ben-42" in text and (folder / "android-ben-42.vcf").exists()


def test_grouped_labels_survive_the_round_trip(store, folder):
    (folder / "ana.vcf").write_bytes(ios_card())
    reconcile(folder, today=TODAY)
    text = only(folder)
    assert "X-ABLabel:Studio" in text and "PHOTO;ENCODING=b;TYPE=JPEG:" in text
    assert "UID:6A0C1F5E-1B7E-4C3A-9C1B-IPHONE" in text
    again = reconcile(folder, today=TODAY)
    assert (again.pulled_updated, again.pushed) == (0, 0)
