"""Preferences shared by the window and the reminders service, stored in the database.

Window-only state (geometry, splitters) lives in QSettings; what the reminders process must also
know lives here, so both processes read one source of truth.
"""

from __future__ import annotations

import json
from typing import Any

from netdesk.core import store
from netdesk.db.models import Setting
from netdesk.values import Topic

DEFAULTS: dict[str, Any] = {
    "birthday_lead_days": 3,
    "quiet_start": "22:00",  # no notifications from
    "quiet_end": "08:00",  # until
    "digest_time": "",  # "" = notify as things fall due; "09:00" = one daily digest
    "paused_until": "",  # ISO datetime; reminders paused until then
    "reminders_with_window": True,  # the window starts the reminders service when it is not running
    "phone_region": "",
    "people_per_week": 5,  # how many people Today's "This week" plan names
}
MAX_PEOPLE_PER_WEEK = 50


def get(key: str) -> Any:
    row = Setting.get_or_none(Setting.key == key)
    if row is None:
        return DEFAULTS.get(key)
    return json.loads(row.value)


def put(key: str, value: Any) -> None:
    with store.write():
        Setting.insert(key=key, value=json.dumps(value)).on_conflict_replace().execute()
        store.changed(Topic.SETTINGS)


def birthday_lead_days() -> int:
    return int(get("birthday_lead_days"))


def people_per_week() -> int:
    """The size of the week's plan: 0 (no plan) to MAX_PEOPLE_PER_WEEK; a value that is not a
    number (edited by hand) counts as the default."""
    try:
        size = int(get("people_per_week"))
    except (TypeError, ValueError):
        size = int(DEFAULTS["people_per_week"])
    return min(max(size, 0), MAX_PEOPLE_PER_WEEK)
