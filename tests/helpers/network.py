"""A small network whose Network page is known by heart, seen from TODAY.

Ada and Bea are Family (every 2 weeks), Cal, Dee, Eve and Hal Friends (every month), Finn has no
circle but is nurtured (a month by default), Gus has no rhythm, Hal is archived. Eve is nurtured
too. Their last contacts make one state each:

    Ada   7 Nov (29 days, twice 14 is 28)      drifting
    Bea   3 Dec                               on track (due in 11 days)
    Cal  27 Oct (40 days)                     overdue
    Dee  11 Nov (25 days)                     due soon (due in 5 days)
    Eve   4 Dec                               on track, nurtured
    Finn 28 Aug (100 days, twice 30 is 60)    drifting, nurtured
    Gus  (met at the Harbour dinner)          no rhythm
    Hal  27 Oct                               archived: never counted

Besides, Cal and Dee talked on 15 March and Cal on 30 Nov 2025 (before the twelve months); the
Harbour dinner (26 Nov) had Bea, Eve and Gus, the Spring meetup (10 April) Cal, and the Winter
fair (20 Dec, ahead) Gus.

Contacts per month, Jan-Dec 2026: 0 0 1 1 0 0 0 1 0 2 3 2.
"""

from __future__ import annotations

import datetime as dt

from netdesk.core import events, interactions
from netdesk.core.interactions import InteractionDraft
from netdesk.db.models import Person
from tests.helpers.people import person

TODAY = dt.date(2026, 12, 6)
MONTHS = [0, 0, 1, 1, 0, 0, 0, 1, 0, 2, 3, 2]
LONG_AGO = dt.date(2020, 1, 1)


def known_network() -> dict[str, int]:
    """Ids by first name, and of the events ("harbour", "spring", "winter")."""
    ids = {
        "Ada": person("Ada Ash", circles=["Family"], met_on=LONG_AGO),
        "Bea": person("Bea Birch", circles=["Family"], met_on=LONG_AGO),
        "Cal": person("Cal Cedar", circles=["Friends"], met_on=LONG_AGO),
        "Dee": person("Dee Dogwood", circles=["Friends"], met_on=LONG_AGO),
        "Eve": person("Eve Elm", circles=["Friends"], met_on=LONG_AGO, nurture=True),
        "Finn": person("Finn Fir", met_on=LONG_AGO, nurture=True),
        "Gus": person("Gus Gum"),
        "Hal": person("Hal Hazel", circles=["Friends"], met_on=LONG_AGO),
    }
    for day, names in (
        (dt.date(2025, 11, 30), ["Cal"]),
        (dt.date(2026, 3, 15), ["Cal", "Dee"]),
        (dt.date(2026, 8, 28), ["Finn"]),
        (dt.date(2026, 10, 27), ["Cal"]),
        (dt.date(2026, 10, 27), ["Hal"]),
        (dt.date(2026, 11, 7), ["Ada"]),
        (dt.date(2026, 11, 11), ["Dee"]),
        (dt.date(2026, 12, 3), ["Bea"]),
        (dt.date(2026, 12, 4), ["Eve"]),
    ):
        interactions.log(InteractionDraft(when=day, people=[ids[n] for n in names]))
    for key, name, day, names in (
        ("spring", "Spring meetup", dt.date(2026, 4, 10), ["Cal"]),
        ("harbour", "Harbour dinner", dt.date(2026, 11, 26), ["Bea", "Eve", "Gus"]),
        ("winter", "Winter fair", dt.date(2026, 12, 20), ["Gus"]),
    ):
        ids[key] = events.create(name, day)
        for n in names:
            events.add_attendee(ids[key], ids[n], follow_up_days=0)
    Person.update(archived=True).where(Person.id == ids["Hal"]).execute()
    return ids
