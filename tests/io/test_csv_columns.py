"""Any other CSV is read through a column map: guessed from the header words (or, without a
header, from the values), shown to the caller, and replaced by the caller's own map."""

from __future__ import annotations

from pathlib import Path

from netdesk.io.csv_layouts import Field, guess_columns, label_of
from netdesk.io.csv_readers import CsvReader, read_csv
from netdesk.io.reading import iter_records, read_bytes, read_file
from netdesk.values import Birthday, PointKind

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "csv"


def test_another_crms_export_is_read_with_the_guessed_map() -> None:
    reader = iter_records(FIXTURES / "other_crm.csv")
    csv = reader.csv
    assert csv is not None and csv.needs_mapping and csv.has_header
    assert csv.header[:4] == ["Record ID", "First Name", "Last Name", "Email"]
    assert csv.preview(1) == [["101", "Grace", "Hopper", "grace@example.com", "+1 555 0199",
                               "Navy", "Rear Admiral", "2024-01-05", "customer"]]
    assert csv.columns == {1: Field.GIVEN, 2: Field.FAMILY, 3: Field.EMAIL, 4: Field.PHONE,
                           5: Field.ORGANISATION, 6: Field.TITLE}
    (grace,) = reader.records()
    assert reader.format == "csv"
    assert grace.display_name() == "Grace Hopper"
    assert [(p.kind, p.value) for p in grace.points] == [(PointKind.EMAIL, "grace@example.com"),
                                                        (PointKind.PHONE, "+1 555 0199")]


def test_the_callers_map_replaces_the_guess() -> None:
    columns = {1: Field.GIVEN, 2: Field.FAMILY, 7: Field.BIRTHDAY, 8: Field.NOTES}
    (grace,) = read_file(FIXTURES / "other_crm.csv", columns=columns).records
    assert (grace.given, grace.family, grace.points) == ("Grace", "Hopper", [])
    assert grace.birthday == Birthday(1, 5, 2024) and grace.note == "customer"
    # a known layout can be remapped too; the header shown is the one the file writes
    spanish = CsvReader((FIXTURES / "outlook_es.csv").read_bytes())
    assert spanish.header[:4] == ["Tratamiento", "Nombre", "Segundo nombre", "Apellidos"]
    assert spanish.columns[1] is Field.GIVEN and not spanish.needs_mapping
    (jose,) = read_file(FIXTURES / "outlook_es.csv", columns={1: Field.FULL_NAME}).records
    assert jose.display_name() == "José" and jose.points == []


def test_a_file_without_a_header_is_mapped_from_its_values() -> None:
    reader = CsvReader((FIXTURES / "headerless_phone.csv").read_bytes())
    assert not reader.has_header and reader.needs_mapping
    assert reader.header == ["Column 1", "Column 2", "Column 3"]
    assert reader.columns == {0: Field.FULL_NAME, 1: Field.PHONE, 2: Field.EMAIL}
    anna, bo = reader.records()
    assert anna.line == 1 and anna.display_name() == "Anna Schmidt"
    assert [p.value for p in anna.points] == ["+49 170 1234567", "anna@example.de"]
    assert bo.display_name() == "Bo Berg"


def test_columns_that_say_nothing_ask_for_a_map_instead_of_failing() -> None:
    data = b"a,b,c\n1,2,3\nx,y,z\n"
    result = read_bytes(data, "numbers.csv")
    assert result.format == "csv" and result.records == []
    assert [p.fatal for p in result.problems] == [True]
    assert "choose what each column holds" in result.problems[0].message
    mapped = read_bytes(data, "numbers.csv", columns={2: Field.FULL_NAME, 0: Field.PHONE})
    assert [r.display_name() for r in mapped.records] == ["3", "z"]


def test_header_words_in_many_languages() -> None:
    header = ["Vorname", "Nachname", "Handy", "E-Mail privat", "Geburtsdatum", "Firma",
              "Téléphone travail", "Correo electrónico", "Телефон", "携帯電話", "Фамилия",
              "Tel. dienstlich", "Fax privat", "E-Mail-Typ", "Sonstiges"]
    assert guess_columns(header) == {
        0: Field.GIVEN, 1: Field.FAMILY, 2: Field.PHONE, 3: Field.EMAIL, 4: Field.BIRTHDAY,
        5: Field.ORGANISATION, 6: Field.PHONE, 7: Field.EMAIL, 8: Field.PHONE, 9: Field.PHONE,
        10: Field.FAMILY, 11: Field.PHONE, 12: Field.PHONE}
    labels = [label_of(header[i]) for i in (2, 3, 6, 9, 11, 12)]
    assert labels == ["mobile", "home", "work", "mobile", "work", "home fax"]


def test_a_single_column_of_emails_is_a_contacts_file() -> None:
    result = read_csv(b"Email\r\nann@example.com\r\nbo@example.com\r\n")
    assert [r.display_name() for r in result.records] == ["ann@example.com", "bo@example.com"]
