"""Dates in the words a page or a sentence shows them in (ISO dates are for files)."""

from __future__ import annotations

import datetime as dt


def long_date(day: dt.date) -> str:
    """ "12 November 2024": unambiguous in every country, unlike 12/11/2024."""
    return f"{day.day} {day:%B %Y}"


def span(days: int) -> str:
    """A stretch of time in the words people use: "3 days", "5 weeks", "4 months", "12 years"."""
    for size, unit, below in ((1, "day", 14), (7, "week", 61), (30, "month", 730)):
        if days < below:
            count = days // size
            return f"{count} {unit}" if count == 1 else f"{count} {unit}s"
    years = days // 365
    return "1 year" if years == 1 else f"{years} years"
