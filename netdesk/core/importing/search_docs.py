"""The search documents of the people an import creates, built from the values it inserts.

The `person_search_doc` view (`db/migrations.py`) defines a person's document, and every other
write reaches the index through it. For a bulk import's new people the same text is built here
from what is being inserted: reading 10,000 of them back through the view's seven lookups per
person cost more than indexing them. `tests/importing/test_search_docs.py` holds both to the
same bytes for every person of a varied import.
"""

from __future__ import annotations

from typing import Any

from netdesk.core.importing.targets import Target


def document(target: Target, tag_names: list[str], circle_names: list[str]) -> tuple[Any, ...]:
    """(person id, name, organization, title, email, phone, notes, tags, interactions), as the
    view gives them: a list of no rows is NULL, tags and circles in id order."""
    f = target.fields
    positions = target.positions
    points = target.new_points  # in POINT_COLUMNS order: kind, label, value, normalized, search
    emails = [f"{p[2]} {p[4]}" for p in points if p[0] != "phone"]
    phones = [f"{p[2]} {p[3]} {p[4]}" for p in points if p[0] == "phone"]
    return (
        target.person_id,
        f"{f['display_name']} {f['prefix']} {f['given']} {f['additional']} {f['family']} "
        f"{f['suffix']} {f['nickname']}",
        " ".join([f"{p.organization} {p.department}" for p in positions]) if positions else None,
        " ".join([p.title for p in positions]) if positions else None,
        " ".join(emails) if emails else None,
        " ".join(phones) if phones else None,
        f"{f['notes']} {f['why_stand_out']} {f['how_met']} {f['family_notes']}",
        f"{' '.join(tag_names)} {' '.join(circle_names)}",
        None,  # a new person has no interactions yet
    )
