"""CSV layouts recognised from their header: localised Outlook, Thunderbird, Yahoo, old Gmail,
KMail, Palm, the Windows Address Book and netdesk's own export.

The fixtures are in tests/fixtures/csv (make_fixtures.py there says which program each imitates).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from netdesk.io.csv_readers import read_csv
from netdesk.io.csv_writer import write_csv
from netdesk.io.encodings import public_name
from netdesk.io.reading import read_file
from netdesk.io.records import ContactRecord, PointRecord, PositionRecord, RelatedRecord
from netdesk.values import Birthday, PointKind, TagKind

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "csv"


def points(record: ContactRecord, kind: PointKind) -> list[tuple[str, str]]:
    return [(p.value, p.label) for p in record.points if p.kind is kind]


# file -> (encoding netdesk names, name, email, mobile, birthday, organisation)
OUTLOOK = {
    "outlook_de.csv": ("windows-1252", "Herr Jürgen Weiß", "juergen@example.de",
                       "+49 170 1111111", Birthday(1, 20, 1991), "Bäckerei Weiß GmbH"),
    "outlook_fr.csv": ("windows-1252", "Mme Hélène Dupré", "helene@example.fr",
                       "+33 6 12 34 56 78", Birthday(2, 5, 1980), "Crédit Agricole"),
    "outlook_es.csv": (None, "Sr. José Núñez García", "jose@example.es", "+34 600 123 456",
                       Birthday(4, 15, 1970), "Telefónica"),
    "outlook_it.csv": ("windows-1252", "Niccolò Rossi", "niccolo@example.it", "+39 333 1234567",
                       Birthday(3, 7, 1975), "Caffè Rossi"),
    "outlook_nl.csv": ("windows-1252", "Daniëlle van den Berg", "danielle@example.nl",
                       "+31 6 12345678", Birthday(4, 15, 1970), "Brouwerij IJsselmeer"),
    "outlook_pt.csv": (None, "João Conceição", "joao@example.com.br", "+55 11 98765-4321",
                       Birthday(9, 30, 1985), "Padaria São Jorge"),
    "outlook_pl.csv": ("windows-1250", "Łukasz Wiśniewski", "lukasz@example.pl",
                       "+48 601 234 567", Birthday(5, 13, 1982), "Zakład Usług Śląskich"),
    "outlook_ru.csv": ("windows-1251", "Иван Сергеевич Петров", "ivan@example.ru",
                       "+7 916 123-45-67", Birthday(6, 11, 1978), "Газпром"),
    "outlook_ja.csv": ("shift_jis", "太郎 山田", "taro@example.jp", "090-1234-5678",
                       Birthday(4, 15, 1970), "株式会社ソニー"),
}


@pytest.mark.parametrize("name", sorted(OUTLOOK))
def test_localised_outlook_exports(name: str) -> None:
    encoding, display, email, mobile, birthday, organisation = OUTLOOK[name]
    result = read_file(FIXTURES / name)
    assert result.format == "outlook"
    assert result.encoding_fallback == encoding
    record = result.records[0]
    assert record.display_name() == display
    assert points(record, PointKind.EMAIL)[0] == (email, "")
    assert (mobile, "mobile") in points(record, PointKind.PHONE)
    assert record.birthday == birthday
    assert record.positions[0].organization == organisation


def test_every_phone_and_email_column_of_outlook_is_read() -> None:
    jurgen, only_phone = read_file(FIXTURES / "outlook_de.csv").records
    assert points(jurgen, PointKind.PHONE) == [
        ("+49 89 1234567", "work"), ("+49 89 1234568", "work"), ("+49 89 7654321", "home"),
        ("+49 89 7654322", "home"), ("+49 170 1111111", "mobile"), ("+49 171 2222222", "mobile")]
    # the display-name column beside the address is not an address
    assert points(jurgen, PointKind.EMAIL) == [("juergen@example.de", ""), ("jw@example.org", "")]
    assert [name for _, name in jurgen.tags] == ["Kunden", "Bayern"]
    # a row with only a phone number is a person, as a card with only TEL would be
    assert only_phone.is_valid() and only_phone.display_name() == "+49 172 3333333"
    english = ("First Name,Last Name,Home Phone 2,E-mail 2 Address,Mobile Phone\r\n"
               ",,+1 555 0100,b@example.com,\r\n")
    (record,) = read_csv(english.encode()).records
    assert points(record, PointKind.PHONE) == [("+1 555 0100", "home")]
    assert points(record, PointKind.EMAIL) == [("b@example.com", "")]


def test_a_phones_own_layout_reads_every_phone_column() -> None:
    # Nokia PC Suite names phones "General mobile", "Home phone", "Business mobile"...
    ada, anonymous = read_file(FIXTURES / "nokia_suite.csv").records
    assert sorted(points(ada, PointKind.PHONE)) == sorted([
        ("+44 7700 900001", "mobile"), ("+44 20 7946 0001", ""), ("+44 7700 900002", "mobile"),
        ("+44 20 7946 0002", "home"), ("+44 7700 900003", "mobile"),
        ("+44 20 7946 0003", "work"), ("+44 20 7946 0004", "fax")])
    assert points(ada, PointKind.EMAIL) == [("ada@example.com", ""), ("ada@home.example", "home"),
                                           ("ada@work.example", "work")]
    assert anonymous.is_valid() and points(anonymous, PointKind.PHONE) == [
        ("+44 7700 900009", "mobile")]


@pytest.mark.parametrize(("name", "encoding"), [("thunderbird_en.csv", None),
                                                ("thunderbird_de.csv", None),
                                                ("thunderbird_ja.csv", "shift_jis")])
def test_thunderbird_in_each_encoding(name: str, encoding: str | None) -> None:
    result = read_file(FIXTURES / name)
    assert result.format == "thunderbird" and result.encoding_fallback == encoding
    record = result.records[0]
    assert record.birthday is not None and record.birthday.year is not None
    assert any(label == "mobile" for _, label in points(record, PointKind.PHONE))
    assert points(record, PointKind.EMAIL)


def test_thunderbird_fields() -> None:
    maren, sam = read_file(FIXTURES / "thunderbird_en.csv").records
    assert (maren.formatted_name, maren.given, maren.family) == ("Maren Østby", "Maren", "Ostby")
    assert [(p.value, p.preferred) for p in maren.points if p.kind is PointKind.EMAIL] == [
        ("maren@example.no", True), ("m.ostby@example.com", False)]
    assert maren.birthday == Birthday(7, 21, 1984)
    assert points(maren, PointKind.ADDRESS) == [("Storgata 1, Oslo, 0155, Norway", "home")]
    assert maren.positions == [PositionRecord("Fjordlight", "Head of Data")]
    assert sam.birthday == Birthday(12, 3)  # no birth year
    hanako = read_file(FIXTURES / "thunderbird_ja.csv").records[0]
    assert (hanako.given, hanako.family) == ("花子", "佐藤")
    assert hanako.birthday == Birthday(12, 24, 1988)


def test_yahoo() -> None:
    result = read_file(FIXTURES / "yahoo.csv")
    (tobias,) = result.records
    assert result.format == "yahoo"
    assert (tobias.given, tobias.family, tobias.nickname) == ("Tobias", "Quenneville", "Toby")
    assert points(tobias, PointKind.PHONE) == [("+1 555 0100", "home"), ("+1 555 0101", "work"),
                                               ("+1 555 0102", "mobile")]
    assert points(tobias, PointKind.EMAIL) == [("tobias@example.com", ""),
                                               ("tq@example.org", "")]
    assert points(tobias, PointKind.ADDRESS) == [("1 Main St, Springfield, IL, 62701, USA",
                                                  "work")]
    assert tobias.tags == [(TagKind.LABEL, "Friends")] and tobias.note == "Met at a fair"


def test_old_gmail_sections() -> None:
    result = read_file(FIXTURES / "gmail_old.csv")
    (aiyana,) = result.records
    assert result.format == "gmail-old" and aiyana.formatted_name == "Aiyana Redcloud"
    assert points(aiyana, PointKind.EMAIL) == [
        ("aiyana@example.com", ""), ("aiyana.home@example.com", "home"),
        ("aiyana@work.example.com", "work")]
    assert points(aiyana, PointKind.PHONE) == [("+1 555 0111", "home"),
                                               ("+1 555 0112", "mobile"),
                                               ("+1 555 0113", "work")]
    assert points(aiyana, PointKind.ADDRESS) == [("12 Elm St, Boulder CO", "home")]


def test_kmail_palm_and_windows_address_book() -> None:
    kmail = read_file(FIXTURES / "kmail.csv")
    (premysl,) = kmail.records
    assert kmail.format == "kmail" and premysl.birthday == Birthday(8, 16, 1969)
    assert (premysl.given, premysl.family) == ("Přemysl", "Dvořák")
    assert [name for _, name in premysl.tags] == ["Work", "Prague"]
    palm = read_file(FIXTURES / "palm.csv")
    (zoe,) = palm.records
    assert palm.format == "palm" and palm.encoding_fallback == "windows-1252"
    assert points(zoe, PointKind.PHONE) == [("+49 30 1234567", "work"), ("+49 30 7654321", "home")]
    assert zoe.positions == [PositionRecord("Atelier Müller", "Designer")]
    wab = read_file(FIXTURES / "wab.csv")
    (ann,) = wab.records
    assert wab.format == "wab" and ann.formatted_name == "Ann Lee"
    assert points(ann, PointKind.PHONE) == [("+44 113 496 0000", "home"),
                                            ("+44 7700 900456", "mobile")]


def test_google_system_groups_are_not_tags() -> None:
    current = ("First Name,Last Name,Labels,E-mail 1 - Label,E-mail 1 - Value\r\n"
               "Ann,Lee,* myContacts ::: * starred ::: Friends,* Home,a@example.com\r\n")
    assert read_csv(current.encode()).records[0].tags == [(TagKind.LABEL, "Friends")]
    legacy = ("Name,Given Name,Family Name,Group Membership,E-mail 1 - Type,E-mail 1 - Value\r\n"
              "Bo Berg,Bo,Berg,* My Contacts ::: System Group: Friends ::: Chess,Home,b@x.se\r\n")
    assert read_csv(legacy.encode()).records[0].tags == [(TagKind.LABEL, "Chess")]


def test_netdesks_own_export_reads_back_to_the_same_fields() -> None:
    original = ContactRecord(
        card=1, prefix="Dr", given="Zoë", additional="Q", family="O'Neil", suffix="PhD",
        nickname="Zo", birthday=Birthday(2, 29), anniversary=Birthday(6, 1, 2010),
        points=[PointRecord(PointKind.EMAIL, "zoe@example.com", "work"),
                PointRecord(PointKind.PHONE, "+44 20 7946 0958", "mobile"),
                PointRecord(PointKind.PHONE, "555 (ext 2)"),
                PointRecord(PointKind.ADDRESS, "1 Main St, Springfield", "home"),
                PointRecord(PointKind.URL, "https://example.com/zoe"),
                PointRecord(PointKind.IM, "zoe@jabber.org", "jabber"),
                PointRecord(PointKind.SOCIAL, "zoe_tw", "twitter")],
        positions=[PositionRecord("Fjordlight", "CTO", "R&D"), PositionRecord("Acme", "Adviser")],
        tags=[(TagKind.LABEL, "Friends"), (TagKind.LABEL, "=cmd")], note="Line one\nLine two",
        related=[RelatedRecord("Ann", "spouse")], uid="urn:uuid:1234")
    out = io.StringIO(newline="")
    write_csv([original], out, bom=True)
    result = read_csv(out.getvalue().encode("utf-8"))
    assert result.format == "netdesk" and not result.problems
    (again,) = result.records
    for name in ("prefix", "given", "additional", "family", "suffix", "nickname", "birthday",
                 "anniversary", "points", "positions", "tags", "note", "related", "uid",
                 "formatted_name"):
        assert getattr(again, name) == getattr(original, name), name


# the ANSI code page of each language's Windows, and how each fixture is stored
LEGACY = {"outlook_de.csv": "cp1252", "outlook_fr.csv": "cp1252", "outlook_es.csv": "cp1252",
          "outlook_it.csv": "cp1252", "outlook_nl.csv": "cp1252", "outlook_pt.csv": "cp1252",
          "outlook_pl.csv": "cp1250", "outlook_ru.csv": "cp1251", "outlook_ja.csv": "cp932"}
STORED = {**LEGACY, "outlook_es.csv": "utf-8-sig", "outlook_pt.csv": "utf-16"}


def _rewritten(name: str, codec: str, delimiter: str) -> bytes:
    """An Outlook fixture as the same Outlook writes it with the other list separator, or as
    "Unicode" (UTF-16), UTF-8 or the ANSI code page."""
    text = (FIXTURES / name).read_bytes().decode(STORED[name])
    header = text.split("\r\n", 1)[0]
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";" if ";" in header else ","))
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode(LEGACY[name] if codec == "legacy" else codec)


@pytest.mark.parametrize("name", sorted(OUTLOOK))
@pytest.mark.parametrize("delimiter", [",", ";"])
@pytest.mark.parametrize("codec", ["legacy", "utf-8-sig", "utf-16"])
def test_localised_outlook_with_either_separator_in_each_encoding(
    name: str, delimiter: str, codec: str
) -> None:
    result = read_csv(_rewritten(name, codec, delimiter))
    assert result.format == "outlook"
    legacy = public_name(LEGACY[name]) if codec == "legacy" else None
    assert result.encoding_fallback == legacy
    record = result.records[0]
    assert record.display_name() == OUTLOOK[name][1]
    assert record.birthday == OUTLOOK[name][4]
