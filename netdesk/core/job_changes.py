"""Who moved on: a newer export says a known person has another job or email.

An import never changes a known person's current job or email on its own: `Review` holds such
a difference back from the import (`hold_back`) and stores it as a proposed change (`JobChange`,
with the old and new value, the file and its date). The user then accepts or rejects each one:
an accepted job change ends the current position on the file's date and starts the new one on
that date; an accepted email becomes the preferred one and the old address stays, labelled
"old". A decision is taken back with `take_back`. A value that was answered once is never
proposed again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from netdesk.core import follow_ups, store
from netdesk.core.normalize import fold, normalize_point
from netdesk.db.models import ContactPoint, JobChange, Person, Position
from netdesk.values import PointKind, Topic

if TYPE_CHECKING:
    from netdesk.core.importing.plan import PlanItem
    from netdesk.core.importing.targets import PositionState, Target

OLD_EMAIL_LABEL = "old"
CHUNK = 500  # ids per IN (...) query


class Field(enum.StrEnum):
    ORGANIZATION = "organization"
    TITLE = "title"
    EMAIL = "email"


class Status(enum.StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


JOB_FIELDS = (Field.ORGANIZATION, Field.TITLE)


@dataclass(frozen=True)
class Proposal:
    """A difference found in a file, before it is stored."""

    person_id: int
    field: Field
    old_value: str
    new_value: str
    new_organization: str = ""
    new_title: str = ""


@dataclass(frozen=True)
class Change:
    """A stored proposed change, as the review list shows it."""

    id: int
    person_id: int
    person_name: str
    field: Field
    old_value: str
    new_value: str
    new_organization: str
    new_title: str
    source: str
    seen_on: dt.date
    status: Status


@dataclass(frozen=True)
class Congratulation:
    """A suggested follow-up after an accepted job change."""

    person_id: int
    person_name: str
    organization: str
    title: str
    change_id: int = 0

    @property
    def note(self) -> str:
        where = self.organization or self.title
        return f"Congratulate {self.person_name} on the new role at {where}"


# --- detection, during an import ---------------------------------------------------------------


@dataclass
class _Known:
    """One known person's emails and the values already proposed or answered for them."""

    emails: dict[str, tuple[str, bool]] = field(default_factory=dict)  # key -> (value, preferred)
    answered: dict[tuple[str, str], JobChange] = field(default_factory=dict)


@dataclass
class Review:
    """What an import finds for the known people it updates (`hold_back`), saved with `save`."""

    known: dict[int, _Known]
    found: dict[tuple[int, Field], Proposal] = field(default_factory=dict)

    @classmethod
    def for_people(cls, person_ids: Iterable[int]) -> Review:
        """Read the emails and earlier proposals of these people in bulk."""
        ids = sorted(set(person_ids))
        known: dict[int, _Known] = {pid: _Known() for pid in ids}
        for chunk in _chunks(ids):
            points = ContactPoint.select(
                ContactPoint.person,
                ContactPoint.value,
                ContactPoint.normalized,
                ContactPoint.preferred,
            ).where(ContactPoint.person.in_(chunk) & (ContactPoint.kind == str(PointKind.EMAIL)))
            for pid, value, normalized, preferred in points.tuples():
                known[pid].emails[normalized or fold(value)] = (value, bool(preferred))
            for row in JobChange.select().where(JobChange.person.in_(chunk)):
                known[row.person_id].answered[(row.field, fold(row.new_value))] = row
        return cls(known)

    def hold_back(self, target: Target, item: PlanItem) -> PlanItem:
        """The item without the job and email that differ from what the known person has;
        those become proposals. Everything else of the item is imported as always."""
        pid = target.person_id
        if pid is None or pid not in self.known:
            return item
        record = item.record
        positions = list(record.positions)
        job = next((p for p in positions if p.organization.strip() or p.title.strip()), None)
        if job is not None and self._job_differs(pid, target.positions, job):
            positions.remove(job)
        points = [
            p for p in item.points if not (p[0] is PointKind.EMAIL and self._email_differs(pid, p))
        ]
        if len(positions) == len(record.positions) and len(points) == len(item.points):
            return item
        record = dataclasses.replace(record, positions=positions)
        return dataclasses.replace(item, record=record, points=points)

    def _job_differs(self, pid: int, stored: list[PositionState], job: Any) -> bool:
        org, title = job.organization.strip(), job.title.strip()
        if any(_same_job(p, org, title) for p in stored):
            return False  # known, now or before: an older file says nothing new
        current = [p for p in stored if p.end is None and p.id is not None]
        if not current:
            return False  # no current job to replace: the import adds it as always
        same_org = [p for p in current if org and fold(p.organization) == fold(org)]
        if same_org:
            if not title or not same_org[0].title.strip():
                return False  # a missing title is filled in by the import
            old = same_org[0]
            proposal = Proposal(pid, Field.TITLE, old.title, title, old.organization, title)
        elif org:
            old = current[0]
            proposal = Proposal(pid, Field.ORGANIZATION, old.organization, org, org, title)
        else:
            old = current[0]
            proposal = Proposal(pid, Field.TITLE, old.title, title, old.organization, title)
        self._propose(proposal)
        return True

    def _email_differs(self, pid: int, point: tuple[Any, ...]) -> bool:
        emails = self.known[pid].emails
        key = point[4] or fold(point[1])
        if not emails or key in emails:
            return False  # nothing to replace, or already known
        if any(p.field is Field.EMAIL for (q, _), p in self.found.items() if q == pid):
            return False  # one proposal per file and person; the card's other emails are added
        old = next((v for v, preferred in emails.values() if preferred), None)
        old = old or next(iter(emails.values()))[0]
        self._propose(Proposal(pid, Field.EMAIL, old, point[1]))
        return True

    def _propose(self, proposal: Proposal) -> None:
        answered = self.known[proposal.person_id].answered
        earlier = answered.get((str(proposal.field), fold(proposal.new_value)))
        if earlier is None:
            self.found.setdefault((proposal.person_id, proposal.field), proposal)

    def save(self, *, source: str, seen_on: dt.date | None, batch_id: int | None) -> list[int]:
        """Store what was found (inside the import's write); a newer value replaces a pending
        proposal of the same field. Returns the people concerned."""
        day = seen_on or dt.date.today()
        for (pid, kind), proposal in self.found.items():
            pending = [
                row
                for (f, _), row in self.known[pid].answered.items()
                if f == kind and row.status == Status.PENDING
            ]
            if any(row.seen_on > day for row in pending):
                continue  # a newer file's proposal stands
            ids = [row.id for row in pending]
            if ids:
                JobChange.delete().where(JobChange.id.in_(ids)).execute()
            JobChange.create(
                person=pid,
                field=str(kind),
                old_value=proposal.old_value,
                new_value=proposal.new_value,
                new_organization=proposal.new_organization,
                new_title=proposal.new_title,
                source=source,
                seen_on=day,
                import_batch=batch_id,
            )
        return sorted({pid for pid, _ in self.found})


def forget_import(batch_id: int) -> None:
    """An import was undone: its proposals nobody decided on go with it."""
    JobChange.delete().where(
        (JobChange.import_batch == batch_id) & (JobChange.status == Status.PENDING)
    ).execute()


def _same_job(position: PositionState, org: str, title: str) -> bool:
    return fold(position.organization) == fold(org) and fold(position.title) == fold(title)


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


# --- reading ------------------------------------------------------------------------------------


def pending() -> list[Change]:
    """Every change waiting for the user's word, by person and field."""
    return _changes(JobChange.status == Status.PENDING)


def get(change_ids: Iterable[int]) -> list[Change]:
    return _changes(JobChange.id.in_(list(change_ids)))


def _changes(condition: Any) -> list[Change]:
    query = (
        JobChange.select(JobChange, Person.id, Person.display_name)
        .join(Person)
        .where(condition)
        .order_by(Person.sort_name, Person.id, JobChange.field, JobChange.id)
    )
    return [_change(row, row.person.display_name) for row in query]


def _change(row: JobChange, name: str) -> Change:
    return Change(
        int(row.id),
        int(row.person_id),
        name,
        Field(row.field),
        row.old_value,
        row.new_value,
        row.new_organization,
        row.new_title,
        row.source,
        row.seen_on,
        Status(row.status),
    )


# --- decisions ----------------------------------------------------------------------------------


def accept(change_ids: Iterable[int]) -> list[Congratulation]:
    """Apply these pending changes in one write; returns a congratulation per new job."""
    out: list[Congratulation] = []
    with store.write():
        for row in _pending_rows(change_ids):
            undo = _apply_email(row) if row.field == Field.EMAIL else _apply_job(row)
            _decide(row, Status.ACCEPTED, undo)
            if row.field != Field.EMAIL:
                name = row.person.display_name
                out.append(
                    Congratulation(
                        row.person_id, name, row.new_organization, row.new_title, int(row.id)
                    )
                )
    return out


def reject(change_ids: Iterable[int]) -> None:
    """Leave the person as they are; the same value is not proposed again."""
    with store.write():
        for row in _pending_rows(change_ids):
            _decide(row, Status.REJECTED, {})


def take_back(change_ids: Iterable[int]) -> None:
    """Undo decisions: an accepted change is taken back where the store still holds what it
    left (the old position open again, the new one gone; the old email preferred again), and
    every change is pending again."""
    with store.write():
        rows = JobChange.select().where(
            JobChange.id.in_(list(change_ids)) & (JobChange.status != Status.PENDING)
        )
        for row in rows:
            if row.status == Status.ACCEPTED and row.undo:
                _take_back(row, json.loads(row.undo))
            row.status, row.decided, row.undo = Status.PENDING, None, ""
            row.save(only=[JobChange.status, JobChange.decided, JobChange.undo])
            store.changed(Topic.PEOPLE, row.person_id)


def congratulations(change_ids: Iterable[int]) -> list[Congratulation]:
    """A congratulation per accepted job change among these."""
    return [
        Congratulation(c.person_id, c.person_name, c.new_organization, c.new_title, c.id)
        for c in get(change_ids)
        if c.status is Status.ACCEPTED and c.field in JOB_FIELDS
    ]


def congratulate(congratulation: Congratulation, due: dt.date | None = None) -> int:
    """The suggested follow-up, due today unless said otherwise; returns the reminder's id."""
    return follow_ups.add(congratulation.person_id, due or dt.date.today(), congratulation.note)


def _pending_rows(change_ids: Iterable[int]) -> list[JobChange]:
    query = (
        JobChange.select(JobChange, Person.id, Person.display_name)
        .join(Person)
        .where(JobChange.id.in_(list(change_ids)) & (JobChange.status == Status.PENDING))
        .order_by(JobChange.id)
    )
    return list(query)


def _decide(row: JobChange, status: Status, undo: dict[str, Any]) -> None:
    row.status, row.decided = status, dt.datetime.now().replace(microsecond=0)
    row.undo = json.dumps(undo) if undo else ""
    row.save(only=[JobChange.status, JobChange.decided, JobChange.undo])
    store.changed(Topic.PEOPLE, row.person_id)


def _apply_job(row: JobChange) -> dict[str, Any]:
    """End the current job the change replaces on the file's date; start the new one then."""
    day = row.seen_on
    closed = []
    for position in _current_positions(row):
        end = max(day, position.start) if position.start else day
        Position.update(end=end).where(Position.id == position.id).execute()
        closed.append([int(position.id), end.isoformat()])
    opened = Position.insert(
        person=row.person_id, organization=row.new_organization, title=row.new_title, start=day
    ).execute()
    return {"closed": closed, "opened": int(opened)}


def _current_positions(row: JobChange) -> list[Position]:
    """The open positions the change ends: at the old organisation, or with the old title
    there."""
    current = Position.select().where((Position.person == row.person_id) & Position.end.is_null())
    if row.field == Field.ORGANIZATION:
        return [p for p in current if fold(p.organization) == fold(row.old_value)]
    return [
        p
        for p in current
        if fold(p.organization) == fold(row.new_organization)
        and fold(p.title) == fold(row.old_value)
    ]


def _apply_email(row: JobChange) -> dict[str, Any]:
    """The new address becomes the preferred one; the old one stays, labelled "old"."""
    emails = list(
        ContactPoint.select().where(
            (ContactPoint.person == row.person_id) & (ContactPoint.kind == str(PointKind.EMAIL))
        )
    )
    before = [[int(p.id), p.label, bool(p.preferred)] for p in emails]
    ContactPoint.update(preferred=False).where(
        ContactPoint.id.in_([p.id for p in emails])
    ).execute()
    old = [p.id for p in emails if fold(p.value) == fold(row.old_value)]
    ContactPoint.update(label=OLD_EMAIL_LABEL).where(ContactPoint.id.in_(old)).execute()
    normalized, search_text = normalize_point(PointKind.EMAIL, row.new_value)
    added = ContactPoint.insert(
        person=row.person_id,
        kind=str(PointKind.EMAIL),
        value=row.new_value.strip(),
        normalized=normalized,
        search_text=search_text,
        preferred=True,
    ).execute()
    return {"points": before, "added": int(added), "old": [int(i) for i in old]}


def _take_back(row: JobChange, undo: dict[str, Any]) -> None:
    if "opened" in undo:
        Position.delete().where(
            (Position.id == undo["opened"])
            & Position.end.is_null()
            & (Position.organization == row.new_organization)
            & (Position.title == row.new_title)
        ).execute()
        for position_id, end in undo["closed"]:
            Position.update(end=None).where(
                (Position.id == position_id) & (Position.end == dt.date.fromisoformat(end))
            ).execute()
        return
    ContactPoint.delete().where(
        (ContactPoint.id == undo["added"]) & (ContactPoint.value == row.new_value.strip())
    ).execute()
    for point_id, label, preferred in undo["points"]:
        still = ContactPoint.select().where(
            (ContactPoint.id == point_id)
            & (ContactPoint.label == (OLD_EMAIL_LABEL if point_id in undo["old"] else label))
        )
        if still.exists():  # as the accept left it: put its label and preference back
            ContactPoint.update(label=label, preferred=preferred).where(
                ContactPoint.id == point_id
            ).execute()
