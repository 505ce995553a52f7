"""Date text as found in contact exports -> `Birthday` (a date that may lack its year).

vCard dates go through `Birthday.parse`; exports add their own habits: Outlook writes `3/7/1975`
(month first) and `0/0/00` for "none", LinkedIn writes `14 Mar 2024`, German tools `07.03.1975`.
Month names are matched here rather than with `strptime("%b")`, which follows the process locale.
"""

from __future__ import annotations

import datetime as dt
import re

from netdesk.values import Birthday

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
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")  # US month/day/year
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")  # European day.month.year
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ -,]*(\d{4})$")
_MONTH_DAY_YEAR = re.compile(r"^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})$")
_EMPTY = {"", "0/0/00", "0/0/0000", "00/00/00", "1/1/4501"}  # Outlook's ways of saying "none"


def is_empty_date(text: str) -> bool:
    return text.strip() in _EMPTY


def parse_date(text: str) -> Birthday:
    """Read a date in any of the known export forms; raise ValueError when it is not one."""
    text = text.strip()
    try:
        return Birthday.parse(text)
    except ValueError:
        pass
    if match := _SLASHED.match(text):
        return Birthday(int(match[1]), int(match[2]), _full_year(match[3]))
    if match := _DOTTED.match(text):
        return Birthday(int(match[2]), int(match[1]), int(match[3]))
    if match := _DAY_MONTH_YEAR.match(text):
        return Birthday(_month(match[2]), int(match[1]), int(match[3]))
    if match := _MONTH_DAY_YEAR.match(text):
        return Birthday(_month(match[1]), int(match[2]), int(match[3]))
    raise ValueError(f"not a date: {text!r}")


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
