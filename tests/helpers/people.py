"""Small builders for tests."""

from __future__ import annotations

from netdesk.core import people
from netdesk.core.people import PersonDraft, PointDraft, PositionDraft
from netdesk.values import PointKind


def person(
    name: str,
    *,
    email: str = "",
    phone: str = "",
    org: str = "",
    title: str = "",
    circles: list[str] | None = None,
    **fields,
) -> int:
    points = []
    if email:
        points.append(PointDraft(PointKind.EMAIL, email))
    if phone:
        points.append(PointDraft(PointKind.PHONE, phone))
    positions = [PositionDraft(org, title)] if org or title else []
    draft = PersonDraft(
        display_name=name, points=points, positions=positions, circles=circles or [], **fields
    )
    return people.create(draft)
