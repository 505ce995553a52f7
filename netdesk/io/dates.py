"""Date text as found in contact exports -> `Birthday` (a date that may lack its year).

vCard dates go through `Birthday.parse`; exports add their own habits: Outlook writes `3/7/1975`
(month first in the US, `20/01/1991` day first in Europe) and `0/0/00` for "none", LinkedIn writes
`14 Mar 2024`, German tools `07.03.1975`, Japanese ones `1975/03/07`. Whether a slashed date is day
first is decided once per file (`day_first`), from its values and the language of its header.
Month names are matched here rather than with `strptime("%b")`, which follows the process locale.
Apple's 1604 means "no year" in any of these forms; other placeholder years (before 1850) are
dropped, with a problem line, by `record_checks`.
"""

from __future__ import annotations

import datetime as dt
import re

from netdesk.values import Birthday

# languages whose exports write 20/01/1991 for 20 January (English ones are left to the values)
DAY_FIRST_LANGUAGES = frozenset({"de", "fr", "es", "it", "nl", "pt", "pl", "ru"})

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_SLASHED = re.compile(r"^(\d{1,2})[/-](\d{1,2})[/-](\d{2}|\d{4})$")  # month/day or day/month
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$")  # European day.month.year
_YEAR_FIRST = re.compile(r"^(\d{4})[/.年](\d{1,2})[/.月](\d{1,2})日?$")  # Japanese, Chinese
APPLE_NO_YEAR = 1604
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ -,]*(\d{4})$")
_MONTH_DAY_YEAR = re.compile(r"^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})$")
# Outlook's ways of saying "none", in US and European date order
_EMPTY = {"", "0/0/00", "0/0/0000", "00/00/00", "1/1/4501", "0.0.00", "0.0.0000", "00.00.0000",
          "00.00.00"}


def is_empty_date(text: str) -> bool:
    return text.strip() in _EMPTY


def parse_date(text: str, *, day_first: bool = False) -> Birthday:
    """Read a date in any of the known export forms; raise ValueError when it is not one."""
    text = text.strip()
    try:
        return Birthday.parse(text)
    except ValueError:
        pass
    if match := _SLASHED.match(text):
        first, second = int(match[1]), int(match[2])
        month, day = (second, first) if day_first else (first, second)
        return _dated(month, day, _full_year(match[3]))
    if match := _DOTTED.match(text):
        return _dated(int(match[2]), int(match[1]), _full_year(match[3]))
    if match := _YEAR_FIRST.match(text):
        return _dated(int(match[2]), int(match[3]), int(match[1]))
    if match := _DAY_MONTH_YEAR.match(text):
        return Birthday(_month(match[2]), int(match[1]), int(match[3]))
    if match := _MONTH_DAY_YEAR.match(text):
        return Birthday(_month(match[1]), int(match[2]), int(match[3]))
    raise ValueError(f"not a date: {text!r}")


def _dated(month: int, day: int, year: int) -> Birthday:
    return Birthday(month, day, None if year == APPLE_NO_YEAR else year)


def day_first(values: list[str], language: str = "") -> bool:
    """Whether a file's slashed dates put the day first: any first field over 12 says so, any
    second field over 12 says not; otherwise the header's language decides (`de`, `fr`... yes)."""
    for value in values:
        if match := _SLASHED.match(value.strip()):
            if int(match[1]) > 12:
                return True
            if int(match[2]) > 12:
                return False
    return language in DAY_FIRST_LANGUAGES


def parse_day(text: str) -> dt.date:
    """A full calendar date (year required), e.g. LinkedIn's "Connected On"."""
    date = parse_date(text)
    if date.year is None:
        raise ValueError(f"date without a year: {text!r}")
    return dt.date(date.year, date.month, date.day)


def _month(name: str) -> int:
    try:
        return _MONTHS[name.lower()]
    except KeyError:
        raise ValueError(f"not a month: {name!r}") from None


def _full_year(text: str) -> int:
    if len(text) == 4:
        return int(text)
    year = int(text)  # two digits: assume the most recent matching year that is not in the future
    century = dt.date.today().year // 100 * 100
    return century + year if century + year <= dt.date.today().year else century - 100 + year
