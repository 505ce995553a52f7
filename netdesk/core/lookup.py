"""Quick read-only look-ups for editors: name completion and short descriptions of people.

Completion goes through the full-text index (`core.search`), so typing "ana fjo" finds Ana Souza
at Fjordlight; names weigh most in its ranking, so people whose name matches come first.
"""

from __future__ import annotations

from dataclasses import dataclass

from netdesk.core.normalize import fold, normalize_email
from netdesk.core.search import RANK, fts_query
from netdesk.db import search_index
from netdesk.db.models import ContactPoint, Person, Position, database

PersonBrief = tuple[int, str, str]  # (id, display name, current organisation)


@dataclass(frozen=True)
class PersonSummary:
    """Enough to tell two people apart at a glance (the duplicates list)."""

    id: int
    name: str
    organization: str = ""
    email: str = ""
    phone: str = ""
    met: str = ""  # how met, else "" (a strong hint when two records differ)


def complete(prefix: str, limit: int = 20, *, exclude: set[int] | None = None) -> list[PersonBrief]:
    """People matching what has been typed so far, best first; archived people are left out."""
    query = fts_query(prefix)
    if not query:
        return []
    search_index.flush(database)
    skip = set(exclude or ())
    ids: list[int] = []
    # names first; then people whose organisation or email matches ("ana fjordlight")
    for columns in ("name", "{name organization email}"):
        for person_id in _matches(f"{columns} : ({query})", limit + len(skip) + len(ids)):
            if person_id not in skip and person_id not in ids:
                ids.append(person_id)
        if len(ids) >= limit:
            break
    return briefs(ids[:limit])


def _matches(match: str, limit: int) -> list[int]:
    sql = (
        "SELECT p.id FROM person_fts f JOIN person p ON p.id = f.rowid "
        f"WHERE person_fts MATCH ? AND p.archived = 0 ORDER BY {RANK} LIMIT ?"
    )
    return [row[0] for row in database.execute_sql(sql, (match, limit))]


def briefs(ids: list[int]) -> list[PersonBrief]:
    """(id, name, organisation) for each id that exists, in the order given."""
    if not ids:
        return []
    found: dict[int, PersonBrief] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        query = Person.select(Person.id, Person.display_name).where(Person.id.in_(chunk))
        for person_id, name in query.tuples():
            found[person_id] = (person_id, name, "")
    for person_id, organization in _organizations(list(found)):
        pid, name, _ = found[person_id]
        found[person_id] = (pid, name, organization)
    return [found[i] for i in ids if i in found]


def _organizations(ids: list[int]) -> list[tuple[int, str]]:
    """The current (else latest) organisation of each person, where one is known."""
    best: dict[int, str] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        query = (
            Position.select(Position.person, Position.organization)
            .where(Position.person.in_(chunk), Position.organization != "")
            # current positions (no end) last, so they overwrite ended ones below
            .order_by(Position.end.is_null(), Position.end, Position.id.desc())
            .tuples()
        )
        for person_id, organization in query:
            best[person_id] = organization
    return list(best.items())


def summaries(ids: list[int]) -> dict[int, PersonSummary]:
    """A PersonSummary for each id that exists."""
    out: dict[int, PersonSummary] = {}
    organizations = dict(_organizations(ids))
    emails, phones = emails_and_phones(ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        query = Person.select(Person.id, Person.display_name, Person.how_met).where(
            Person.id.in_(chunk)
        )
        for person_id, name, how_met in query.tuples():
            email, phone = (emails.get(person_id, [""])[0], phones.get(person_id, [""])[0])
            out[person_id] = PersonSummary(
                person_id, name, organizations.get(person_id, ""), email, phone, how_met
            )
    return out


def emails_and_phones(ids: list[int]) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """Each person's emails and phones, the preferred ones first, then as they were added."""
    emails: dict[int, list[str]] = {}
    phones: dict[int, list[str]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        query = (
            ContactPoint.select(ContactPoint.person, ContactPoint.kind, ContactPoint.value)
            .where(ContactPoint.person.in_(chunk), ContactPoint.kind.in_(["email", "phone"]))
            .order_by(ContactPoint.preferred.desc(), ContactPoint.id)
            .tuples()
        )
        for person_id, kind, value in query:
            (emails if kind == "email" else phones).setdefault(person_id, []).append(value)
    return emails, phones


def name_of(person_id: int) -> str:
    """The display name of a person, or "" when there is no such person."""
    row = briefs([person_id])
    return row[0][1] if row else ""


def person_with_email(email: str) -> int | None:
    """The (non-archived first) person who has this email address, if anyone does."""
    normalized = normalize_email(email)
    if not normalized:
        return None
    query = (
        ContactPoint.select(ContactPoint.person)
        .join(Person)
        .where(ContactPoint.kind == "email", ContactPoint.normalized == normalized)
        .order_by(Person.archived, Person.id)
        .limit(1)
        .tuples()
    )
    row = query.first()
    return int(row[0]) if row else None


def people_named(name: str, limit: int = 5) -> list[int]:
    """Non-archived people whose display name is exactly `name` (ignoring case and accents)."""
    key = fold(name)
    if not key:
        return []
    candidates = complete(name, limit=max(limit * 4, 20))
    return [pid for pid, display, _ in candidates if fold(display) == key][:limit]


__all__ = [
    "PersonBrief",
    "PersonSummary",
    "briefs",
    "complete",
    "name_of",
    "people_named",
    "person_with_email",
    "summaries",
]
