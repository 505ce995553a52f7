"""Dates in the words a page or a sentence shows them in (ISO dates are for files)."""

from __future__ import annotations

import datetime as dt


def long_date(day: dt.date) -> str:
    """ "12 November 2024": unambiguous in every country, unlike 12/11/2024."""
    return f"{day.day} {day:%B %Y}"
