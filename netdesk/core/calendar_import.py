"""Meetings from a calendar file become netdesk events, with the people who were there.

Each attendee is matched to someone stored by email address, else by name when exactly one
person (not archived) has it. Nobody is created unless the user says so, attendee by attendee
(`apply(create=...)`); an attendee left unmatched is reported and left off the event. A meeting
already imported (the same UID; without one, the same name on the same day) is not created
again: attendees matched since are added to it. A meeting before today gets no follow-up
reminder (it would fall due at once for every meeting of an old calendar); one from today on
gets the usual follow-up a few days after it.

An import is an `ImportBatch` of format "ics" (so `netdesk imports` lists it and `netdesk
undo-import N` and the window's Undo take it back like a contact import) whose snapshot keeps
what `core.event_takeback` needs: the events it created, the people it created (marked with the
batch) and the attendances and how-we-met it added to people already known.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from netdesk.core import event_takeback, events, lookup, people, snapshots, store
from netdesk.core.importing.plan import Refusal
from netdesk.core.normalize import fold, normalize_email
from netdesk.core.people import PersonDraft, PointDraft
from netdesk.db import backup
from netdesk.db.connection import current_path
from netdesk.db.models import Event, ImportBatch, Person
from netdesk.io import ics_reader
from netdesk.io.errors import ReadError
from netdesk.io.ics_reader import Attendee, CalendarEntry, CalendarFile
from netdesk.values import PointKind, Topic

MEETING_KIND = "meeting"
BATCH_FORMAT = "ics"
SUFFIXES = frozenset({".ics", ".ical", ".icalendar"})


def is_calendar(path: Path) -> bool:
    """Whether `netdesk import` reads the file as a calendar (by its extension)."""
    return path.suffix.lower() in SUFFIXES


def attendee_key(attendee: Attendee) -> str:
    """One attendee across the meetings of a file: their address, else their name."""
    return normalize_email(attendee.email) or fold(attendee.name)


@dataclass(frozen=True, slots=True)
class AttendeeMatch:
    attendee: Attendee
    person_id: int | None  # None: nobody stored is this attendee
    person_name: str = ""
    how: str = ""  # "email" or "name"; for an unmatched attendee, why not ("" or a sentence)

    @property
    def key(self) -> str:
        return attendee_key(self.attendee)


@dataclass(frozen=True, slots=True)
class PlannedMeeting:
    entry: CalendarEntry
    event_id: int | None  # the event an earlier import made of this meeting
    attendees: tuple[AttendeeMatch, ...]


@dataclass
class CalendarPlan:
    file: str
    meetings: list[PlannedMeeting] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def unmatched(self) -> list[Attendee]:
        """Each attendee nobody stored matches, once, in the order they first appear."""
        found: dict[str, Attendee] = {}
        for meeting in self.meetings:
            for match in meeting.attendees:
                if match.person_id is None:
                    found.setdefault(match.key, match.attendee)
        return list(found.values())


def plan_file(path: Path, zone: dt.tzinfo | None = None) -> CalendarPlan:
    """Read and match a calendar file; io.errors.ReadError (one sentence) when it is none."""
    return plan(ics_reader.read_file(path, zone), str(path))


def plan(calendar: CalendarFile, file: str = "") -> CalendarPlan:
    matcher = _Matcher()
    meetings = [
        PlannedMeeting(entry, _stored_event(entry), tuple(map(matcher.match, entry.attendees)))
        for entry in calendar.entries
    ]
    return CalendarPlan(file, meetings, list(calendar.problems))


def _stored_event(entry: CalendarEntry) -> int | None:
    if entry.uid:
        where = Event.uid == entry.uid
    else:
        where = Event.uid.is_null() & (Event.name == entry.summary) & (Event.date == entry.day)
    row = Event.select(Event.id).where(where).order_by(Event.id).first()
    return int(row.id) if row is not None else None


class _Matcher:
    """Matches attendees to stored people, each address and name looked up once per file."""

    def __init__(self) -> None:
        self._known: dict[str, AttendeeMatch] = {}

    def match(self, attendee: Attendee) -> AttendeeMatch:
        key = attendee_key(attendee)
        if key not in self._known:
            self._known[key] = self._look_up(attendee)
        known = self._known[key]
        return AttendeeMatch(attendee, known.person_id, known.person_name, known.how)

    @staticmethod
    def _look_up(attendee: Attendee) -> AttendeeMatch:
        by_email = lookup.person_with_email(attendee.email) if attendee.email else None
        if by_email is not None:
            return AttendeeMatch(attendee, by_email, lookup.name_of(by_email), "email")
        named = lookup.people_named(attendee.name, limit=2) if attendee.name else []
        if len(named) == 1:
            return AttendeeMatch(attendee, named[0], lookup.name_of(named[0]), "name")
        why = f"{len(named)} people are called {attendee.name}" if named else ""
        return AttendeeMatch(attendee, None, "", why)


@dataclass(frozen=True, slots=True)
class MeetingResult:
    summary: str
    day: dt.date
    uid: str
    event_id: int | None  # None: a dry run's new event
    created: bool  # False: an earlier import made it
    recurring: bool
    matched: tuple[tuple[int, str, str], ...]  # (person id, name, "email" / "name")
    new: tuple[tuple[int | None, str], ...]  # people created for it: (id, None in a dry run; name)
    unmatched: tuple[Attendee, ...]


@dataclass
class CalendarReport:
    file: str
    meetings: list[MeetingResult] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    dry_run: bool = False
    batch_id: int | None = None  # the undoable batch, once written

    @property
    def events_created(self) -> int:
        return sum(m.created for m in self.meetings)

    @property
    def people_created(self) -> int:
        return len({person for m in self.meetings for person in m.new})

    def lines(self) -> list[str]:
        """The report as text: a line for the file, one per meeting, one per problem."""
        verb = "would import" if self.dry_run else "imported"
        meetings = len(self.meetings)
        lines = [
            f"{self.file} (ics): {meetings} meetings; {verb} {self.events_created} new events "
            f"({meetings - self.events_created} already imported); "
            f"{self.people_created} new people"
        ]
        lines += [f"  {m.day.isoformat()} {m.summary}: {_who(m)}" for m in self.meetings]
        lines += [f"  {problem}" for problem in self.problems]
        if self.batch_id is not None:
            lines.append(f"  to undo: netdesk undo-import {self.batch_id}")
        if any(m.unmatched for m in self.meetings) and not self.dry_run:
            lines.append(
                "  to add the unmatched attendees as people: run it again with --create-people"
            )
        return lines

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "format": "ics",
            "dry_run": self.dry_run,
            "batch_id": self.batch_id,
            "events": len(self.meetings),
            "events_new": self.events_created,
            "events_already_imported": len(self.meetings) - self.events_created,
            "people_new": self.people_created,
            "meetings": [_meeting_json(m) for m in self.meetings],
            "problems": self.problems,
        }


def _who(meeting: MeetingResult) -> str:
    parts = [name for _, name, _ in meeting.matched]
    parts += [f"{name} (new)" for _, name in meeting.new]
    parts += [f"{a.label} (unmatched)" for a in meeting.unmatched]
    return ", ".join(parts) or "no attendees"


def with_calendars(report_json: str, reports: list[CalendarReport]) -> str:
    """An import's JSON report (`importing.report_json`) with each calendar's under
    "calendars"."""
    out = json.loads(report_json)
    out["calendars"] = [r.as_json() for r in reports]
    return json.dumps(out, ensure_ascii=False, indent=1)


def import_files(
    paths: list[Path], refused: list[Refusal], *, create_people: bool, dry_run: bool
) -> list[CalendarReport]:
    """Import (or preview) each calendar file, every unmatched attendee created with
    `create_people`; a file that cannot be read joins `refused`, the others go on."""
    reports = []
    for path in paths:
        try:
            planned = plan_file(path)
        except ReadError as exc:
            refused.append(Refusal(str(path), f"{path}: {exc}"))
            continue
        create = [attendee_key(a) for a in planned.unmatched()] if create_people else []
        if dry_run:
            reports.append(preview(planned, create=create))
        else:
            reports.append(apply(planned, create=create))
    return reports


def _meeting_json(result: MeetingResult) -> dict[str, Any]:
    return {
        "event_id": result.event_id,
        "uid": result.uid,
        "summary": result.summary,
        "date": result.day.isoformat(),
        "new": result.created,
        "recurring": result.recurring,
        "matched": [{"id": i, "name": n, "by": how} for i, n, how in result.matched],
        "new_people": [{"id": i, "name": n} for i, n in result.new],
        "unmatched": [{"name": a.name, "email": a.email} for a in result.unmatched],
    }


def preview(plan: CalendarPlan, *, create: Collection[str] = ()) -> CalendarReport:
    """What `apply` would do, writing nothing (people to be created have no id yet)."""
    report = CalendarReport(plan.file, problems=list(plan.problems), dry_run=True)
    for meeting in plan.meetings:
        matched = {
            m.person_id: (m.person_id, m.person_name, m.how)
            for m in meeting.attendees
            if m.person_id is not None
        }
        chosen = [m.attendee for m in meeting.attendees if m.person_id is None]
        report.meetings.append(
            _result(
                meeting,
                meeting.event_id,
                tuple(matched.values()),
                tuple((None, a.name or a.email) for a in chosen if attendee_key(a) in create),
                tuple(a for a in chosen if attendee_key(a) not in create),
            )
        )
    return report


def _result(
    meeting: PlannedMeeting,
    event_id: int | None,
    matched: tuple[tuple[int, str, str], ...],
    new: tuple[tuple[int | None, str], ...],
    unmatched: tuple[Attendee, ...],
) -> MeetingResult:
    entry = meeting.entry
    return MeetingResult(
        entry.summary,
        entry.day,
        entry.uid,
        event_id,
        meeting.event_id is None,
        entry.recurring,
        matched,
        new,
        unmatched,
    )


def apply(
    plan: CalendarPlan, *, create: Collection[str] = (), today: dt.date | None = None
) -> CalendarReport:
    """Write the plan in one transaction; `create` holds the keys (`attendee_key`) of the
    unmatched attendees to add as new people."""
    today = today or dt.date.today()
    wanted = set(create)
    created: dict[str, tuple[int, str]] = {}
    report = CalendarReport(plan.file, problems=list(plan.problems))
    if not plan.meetings:
        return report  # nothing to write
    backup.before_import(current_path())  # a restore can take back even a wrong import
    known = sorted({m.person_id for p in plan.meetings for m in p.attendees if m.person_id})
    touched = sorted({p.event_id for p in plan.meetings if p.event_id is not None})
    with store.write():
        before = snapshots.capture_profile(known)
        held = event_takeback.known_rows(touched)
        for meeting in plan.meetings:
            report.meetings.append(_write(meeting, wanted, created, today))
        new_people = [person_id for person_id, _ in created.values()]
        new_events = [m.event_id for m in report.meetings if m.created and m.event_id]
        work = event_takeback.finish(
            events=new_events, created=new_people, before=before, touched=touched, known=held
        )
        if not work.empty:
            report.batch_id = _record(plan, report, work)
    return report


def _record(plan: CalendarPlan, report: CalendarReport, work: event_takeback.Work) -> int:
    """The batch that lets undo take this import back; its new people are marked with it."""
    batch = ImportBatch.create(
        source=Path(plan.file).name or "calendar",
        format=BATCH_FORMAT,
        cards=len(report.meetings),
        created_count=report.people_created,
        updated_count=len(work.known),
        snapshot=json.dumps({"calendar": work.as_json()}, ensure_ascii=False),
    )
    Person.update(import_batch=batch.id).where(Person.id.in_(work.created.person_ids)).execute()
    store.changed(Topic.IMPORTS)
    return int(batch.id)


def undo_batch(batch: ImportBatch, *, force: bool = False) -> tuple[int, int, str]:
    """Take back a calendar import's batch: (people removed, people taken back, what was left
    because it changed since). LaterWork (nothing changed) when it would delete work added since,
    unless `force`."""
    work = event_takeback.Work.from_json(json.loads(batch.snapshot)["calendar"])

    def mark_undone() -> None:
        ImportBatch.update(undone=True).where(ImportBatch.id == batch.id).execute()
        store.changed(Topic.IMPORTS)

    what = f"import {batch.id} ({batch.source})"
    kept = event_takeback.undo(work, what, force=force, then=mark_undone)
    return len(work.created.person_ids), len(work.known), kept


def _write(
    meeting: PlannedMeeting,
    wanted: set[str],
    created: dict[str, tuple[int, str]],
    today: dt.date,
) -> MeetingResult:
    entry = meeting.entry
    event_id = meeting.event_id
    if event_id is None:
        event_id = events.create(
            entry.summary,
            entry.day,
            entry.place,
            MEETING_KIND,
            entry.description,
            uid=entry.uid,
        )
    matched: list[tuple[int, str, str]] = []
    new: list[tuple[int | None, str]] = []
    unmatched: list[Attendee] = []
    attending: set[int] = set()  # one person under two addresses is there once
    for match in meeting.attendees:
        if match.person_id is not None:
            person_id = match.person_id
            if person_id not in attending:
                matched.append((person_id, match.person_name, match.how))
        elif match.key in wanted:
            if match.key not in created:
                created[match.key] = _create_person(match.attendee)
            person_id = created[match.key][0]
            new.append(created[match.key])
        else:
            unmatched.append(match.attendee)
            continue
        if person_id not in attending:
            attending.add(person_id)
            follow_up_days = None if entry.day >= today else 0
            events.add_attendee(event_id, person_id, follow_up_days=follow_up_days)
    return _result(meeting, event_id, tuple(matched), tuple(new), tuple(unmatched))


def _create_person(attendee: Attendee) -> tuple[int, str]:
    """A person made from an attendee: their name (else their address) and their address."""
    name = attendee.name or attendee.email
    points = [PointDraft(PointKind.EMAIL, attendee.email)] if attendee.email else []
    return people.create(PersonDraft(display_name=name, points=points)), name
