"""People as plain dictionaries for `netdesk list --json` and other machine-readable output."""

from __future__ import annotations

from typing import Any

from netdesk.core import listing, lookup
from netdesk.db.models import Circle, PersonCircle, PersonTag, Tag

PAGE = 2000


def list_rows(query: listing.ListQuery) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    offset = 0
    while True:
        rows = listing.fetch(query, offset, PAGE)
        if not rows:
            return out
        ids = [r.id for r in rows]
        emails, phones = lookup.emails_and_phones(ids)
        circles = _names(ids, PersonCircle, Circle, PersonCircle.circle)
        tags = _names(ids, PersonTag, Tag, PersonTag.tag)
        for r in rows:
            out.append(
                {
                    "id": r.id,
                    "name": r.name,
                    "organization": r.organization,
                    "title": r.title,
                    "emails": emails.get(r.id, []),
                    "phones": phones.get(r.id, []),
                    "circles": circles.get(r.id, []),
                    "tags": tags.get(r.id, []),
                    "birthday": r.birthday.iso() if r.birthday else None,
                    "last_contact": r.last_contact.isoformat() if r.last_contact else None,
                    "next_due": r.next_due.isoformat() if r.next_due else None,
                    "status": str(r.status),
                    "nurture": r.nurture,
                }
            )
        offset += PAGE


def _names(ids: list[int], link: Any, target: Any, field: Any) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    query = (
        link.select(link.person, target.name)
        .join(target, on=(field == target.id))
        .where(link.person.in_(ids))
        .tuples()
    )
    for person_id, name in query:
        out.setdefault(person_id, []).append(name)
    return out
