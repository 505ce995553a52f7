"""Day-first dates are decided once per file, from its values and its header's language; a
placeholder birth year is kept year-less with a problem line."""

from __future__ import annotations

from pathlib import Path

from netdesk.io.csv_readers import read_csv
from netdesk.io.dates import day_first, parse_date
from netdesk.io.reading import read_file
from netdesk.values import Birthday

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "csv"
HEADER = "First Name,Last Name,E-mail Address,Company,Job Title,Birthday\r\n"


def test_parse_date_forms() -> None:
    assert parse_date("3/7/1975") == Birthday(3, 7, 1975)
    assert parse_date("3/7/1975", day_first=True) == Birthday(7, 3, 1975)
    assert parse_date("20-01-1991", day_first=True) == Birthday(1, 20, 1991)
    assert parse_date("15.04.1970") == Birthday(4, 15, 1970)
    assert parse_date("1970/4/15") == Birthday(4, 15, 1970)
    assert parse_date("1970年4月15日") == Birthday(4, 15, 1970)
    assert parse_date("3/7/1604") == Birthday(3, 7)  # Apple's "no year"


def test_day_first_from_values_then_language() -> None:
    assert day_first(["3/7/1975", "20/01/1991"]) is True
    assert day_first(["3/7/1975", "12/31/1990"]) is False
    assert day_first(["3/7/1975"]) is False
    assert day_first(["3/7/1975"], "fr") is True
    assert day_first(["12/31/1990"], "fr") is False  # the values outrank the language


def test_one_day_first_value_decides_for_the_whole_file() -> None:
    # a British Outlook: the first row alone could be 7 March; the second row is 20 January
    olivia, harry = read_file(FIXTURES / "outlook_uk.csv").records
    assert olivia.birthday == Birthday(7, 3, 1975)
    assert harry.birthday == Birthday(1, 20, 1991)


def test_a_us_file_stays_month_first() -> None:
    data = (HEADER + "Ann,Lee,,,,3/7/1975\r\nBo,Ray,,,,12/31/1990\r\n").encode()
    ann, bo = read_csv(data).records
    assert (ann.birthday, bo.birthday) == (Birthday(3, 7, 1975), Birthday(12, 31, 1990))


def test_the_header_language_decides_ambiguous_dates() -> None:
    # Italian Outlook: 7/3/1975 is 7 March there, not 3 July
    (niccolo,) = read_file(FIXTURES / "outlook_it.csv").records
    assert niccolo.birthday == Birthday(3, 7, 1975)


def test_a_placeholder_birth_year_is_dropped_with_a_problem_line() -> None:
    data = (HEADER + "Ann,Lee,,,,1/2/1800\r\nBo,Ray,,,,1/2/1604\r\nCy,Fox,,,,1/2/1901\r\n")
    result = read_csv(data.encode())
    ann, bo, cy = result.records
    assert (ann.birthday, bo.birthday, cy.birthday) == (
        Birthday(1, 2), Birthday(1, 2), Birthday(1, 2, 1901))
    assert [(p.card, "1800" in p.message) for p in result.problems] == [(1, True)]


def test_a_german_header_of_an_unknown_layout_makes_dates_day_first() -> None:
    data = "Vorname;Nachname;Handy;Geburtsdatum\r\nKarin;Lang;+49 170 1;07/03/1975\r\n"
    (karin,) = read_csv(data.encode()).records
    assert karin.birthday == Birthday(3, 7, 1975)
