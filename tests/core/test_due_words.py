"""What a due keep-in-touch item says: the last contact as a date in words and the rhythm as
people say it, as This week and the health sentence do."""

from __future__ import annotations

import datetime as dt

from netdesk.core import due, interactions
from netdesk.core.interactions import InteractionDraft
from tests.helpers.people import person


def test_a_due_person_is_said_with_a_long_date_and_the_rhythm_in_words(store):
    lars = person("Lars Rahman", cadence_days=120)
    interactions.log(InteractionDraft(when=dt.date(2025, 7, 2), people=[lars]))
    quiet = person("Quiet Quinn", cadence_days=30, met_on=dt.date(2025, 1, 1))
    found = {i.person_id: i.detail for i in due.keep_in_touch_due(dt.date(2026, 12, 6))}
    assert found[lars] == "Get back in touch: last contact 2 July 2025 (every 4 months)"
    assert found[quiet] == "Get back in touch: no contact logged yet (every month)"
