"""Peewee models: the whole netdesk data model (see docs/architecture.md).

Models are bound to `database`, a proxy that `netdesk.db.open()` initialises; peewee keeps one
SQLite connection per thread, so a worker thread automatically gets its own connection.
"""

from __future__ import annotations

import datetime as dt

import peewee as pw

from netdesk.db.transactions import NetdeskProxy

database = NetdeskProxy()


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


class BaseModel(pw.Model):
    class Meta:
        database = database
        legacy_table_names = False


class ImportBatch(BaseModel):
    """One import run, so it can be undone."""

    source = pw.TextField()  # the file name the user imported
    format = pw.TextField()
    created = pw.DateTimeField(default=_now)
    cards = pw.IntegerField(default=0)
    created_count = pw.IntegerField(default=0)
    updated_count = pw.IntegerField(default=0)
    skipped_count = pw.IntegerField(default=0)
    undone = pw.BooleanField(default=False)
    # JSON snapshots of people the import changed, for undo
    snapshot = pw.TextField(default="[]")


class Circle(BaseModel):
    name = pw.TextField(unique=True)
    default_cadence_days = pw.IntegerField(null=True)
    position = pw.IntegerField(default=0)  # display order


class Tag(BaseModel):
    name = pw.TextField()
    kind = pw.TextField(default="label")

    class Meta:
        indexes = ((("kind", "name"), True),)


class Person(BaseModel):
    display_name = pw.TextField()
    sort_name = pw.TextField(index=True)  # lower-cased family-first key for fast ordering
    prefix = pw.TextField(default="")
    given = pw.TextField(default="")
    additional = pw.TextField(default="")
    family = pw.TextField(default="")
    suffix = pw.TextField(default="")
    nickname = pw.TextField(default="")
    photo = pw.BlobField(null=True)  # bounded thumbnail
    birthday_month = pw.IntegerField(null=True)
    birthday_day = pw.IntegerField(null=True)
    birthday_year = pw.IntegerField(null=True)
    how_met = pw.TextField(default="")
    met_on = pw.DateField(null=True)
    met_through = pw.ForeignKeyField("self", null=True, on_delete="SET NULL", backref="+")
    connected_on = pw.DateField(null=True)  # a network's connection date, not a meeting
    connected_via = pw.TextField(default="")
    why_stand_out = pw.TextField(default="")
    family_notes = pw.TextField(default="")  # partner, children, what matters at home
    notes = pw.TextField(default="")
    nurture = pw.BooleanField(default=False, index=True)
    cadence_days = pw.IntegerField(null=True)  # null: use the circle's default
    archived = pw.BooleanField(default=False, index=True)
    last_contact = pw.DateField(null=True, index=True)  # newest interaction, kept by core
    uid = pw.TextField(null=True, index=True)
    vcard_extra = pw.TextField(default="")  # unmodelled vCard lines, one per line
    import_batch = pw.ForeignKeyField(ImportBatch, null=True, on_delete="SET NULL")
    created = pw.DateTimeField(default=_now)
    updated = pw.DateTimeField(default=_now)


class ContactPoint(BaseModel):
    person = pw.ForeignKeyField(Person, backref="points", on_delete="CASCADE")
    kind = pw.TextField()
    label = pw.TextField(default="")
    value = pw.TextField()
    normalized = pw.TextField(default="")  # lower-cased email, E.164 phone; see Meta
    search_text = pw.TextField(default="")  # extra tokens for search (national phone digits)
    preferred = pw.BooleanField(default=False)
    import_batch = pw.ForeignKeyField(ImportBatch, null=True, on_delete="SET NULL")

    class Meta:
        indexes = ((("kind", "normalized"), False),)  # matching looks points up by both


class Position(BaseModel):
    person = pw.ForeignKeyField(Person, backref="positions", on_delete="CASCADE")
    organization = pw.TextField(default="")
    title = pw.TextField(default="")
    department = pw.TextField(default="")
    start = pw.DateField(null=True)
    end = pw.DateField(null=True)  # null: current


class PersonCircle(BaseModel):
    # no index of their own: the primary key and the (circle, person) index lead with them
    person = pw.ForeignKeyField(Person, on_delete="CASCADE", index=False)
    circle = pw.ForeignKeyField(Circle, on_delete="CASCADE", index=False)

    class Meta:
        primary_key = pw.CompositeKey("person", "circle")
        indexes = ((("circle", "person"), False),)


class PersonTag(BaseModel):
    person = pw.ForeignKeyField(Person, on_delete="CASCADE", index=False)  # as PersonCircle
    tag = pw.ForeignKeyField(Tag, on_delete="CASCADE", index=False)

    class Meta:
        primary_key = pw.CompositeKey("person", "tag")
        indexes = ((("tag", "person"), False),)


class Interaction(BaseModel):
    when = pw.DateField(index=True)
    kind = pw.TextField(default="other")
    summary = pw.TextField(default="")
    notes = pw.TextField(default="")
    follow_up = pw.DateField(null=True, index=True)
    follow_up_done = pw.BooleanField(default=False)
    they_started = pw.BooleanField(default=False)  # the other person reached out
    created = pw.DateTimeField(default=_now)


class Participant(BaseModel):
    # indexed by the two composite indexes below, each leading with one of them
    interaction = pw.ForeignKeyField(
        Interaction, backref="participants", on_delete="CASCADE", index=False
    )
    person = pw.ForeignKeyField(Person, backref="participations", on_delete="CASCADE", index=False)

    class Meta:
        indexes = ((("interaction", "person"), True), (("person", "interaction"), False))


class Event(BaseModel):
    """A work event; its attendees are the participants of its interaction."""

    name = pw.TextField()
    kind = pw.TextField(default="event")  # conference, dinner, company day, ...
    date = pw.DateField(index=True)
    place = pw.TextField(default="")
    notes = pw.TextField(default="")
    interaction = pw.ForeignKeyField(Interaction, unique=True, on_delete="CASCADE")
    uid = pw.TextField(null=True, index=True)  # a calendar's UID, when imported from one


class Favour(BaseModel):
    person = pw.ForeignKeyField(Person, backref="favours", on_delete="CASCADE")
    direction = pw.TextField()  # given / received
    what = pw.TextField()
    date = pw.DateField()
    due = pw.DateField(null=True)  # when the user promised to deliver
    status = pw.TextField(default="open")
    notes = pw.TextField(default="")


class Need(BaseModel):
    """What someone is looking for (kind "need") or can help with ("offer"), as of a day: a need
    goes stale, so the day it was noted is kept."""

    person = pw.ForeignKeyField(Person, backref="needs", on_delete="CASCADE")
    kind = pw.TextField()  # need / offer
    text = pw.TextField()
    noted_on = pw.DateField()


class Relationship(BaseModel):
    """A directed link: for `introduced`, person_a introduced the user to person_b."""

    person_a = pw.ForeignKeyField(Person, backref="+", on_delete="CASCADE")
    person_b = pw.ForeignKeyField(Person, backref="+", on_delete="CASCADE")
    kind = pw.TextField()
    note = pw.TextField(default="")

    class Meta:
        indexes = ((("person_a", "person_b", "kind"), True), (("person_b",), False))


class Reminder(BaseModel):
    """An explicit follow-up the user set."""

    person = pw.ForeignKeyField(Person, backref="reminders", on_delete="CASCADE")
    due = pw.DateField(index=True)
    note = pw.TextField(default="")
    done = pw.BooleanField(default=False)
    event = pw.ForeignKeyField(Event, null=True, on_delete="SET NULL")
    created = pw.DateTimeField(default=_now)


class ReminderLog(BaseModel):
    """One reminder occurrence and what happened to it, so nothing fires twice."""

    kind = pw.TextField()
    person = pw.ForeignKeyField(Person, on_delete="CASCADE")
    due = pw.DateField()
    ref = pw.IntegerField(default=0)  # reminder, interaction or favour id where relevant
    notified_at = pw.DateTimeField(null=True)
    snoozed_until = pw.DateTimeField(null=True)
    dismissed_at = pw.DateTimeField(null=True)

    class Meta:
        indexes = ((("kind", "person", "due", "ref"), True),)


class DismissedDuplicate(BaseModel):
    """A pair the user said are different people, never proposed again."""

    person_a = pw.ForeignKeyField(Person, on_delete="CASCADE")
    person_b = pw.ForeignKeyField(Person, on_delete="CASCADE")

    class Meta:
        indexes = ((("person_a", "person_b"), True),)


class SavedSearch(BaseModel):
    name = pw.TextField(unique=True)
    query = pw.TextField()


class Setting(BaseModel):
    """Preferences both processes need (cadences live on Circle; this holds the rest)."""

    key = pw.TextField(primary_key=True)
    value = pw.TextField()


class JobChange(BaseModel):
    """A change an import found for a known person (a new current job or email), kept until the
    user accepts or rejects it; a rejected value is not proposed again."""

    person = pw.ForeignKeyField(Person, on_delete="CASCADE")
    field = pw.TextField()  # organization / title / email
    old_value = pw.TextField(default="")
    new_value = pw.TextField()
    new_organization = pw.TextField(default="")  # the job the file names (job fields only)
    new_title = pw.TextField(default="")
    source = pw.TextField(default="")  # the file it came from
    seen_on = pw.DateField()  # the file's date, else the day of the import
    status = pw.TextField(default="pending", index=True)  # pending / accepted / rejected
    decided = pw.DateTimeField(null=True)
    undo = pw.TextField(default="")  # JSON: the rows an accept changed, for undo
    import_batch = pw.ForeignKeyField(ImportBatch, null=True, on_delete="SET NULL")
    created = pw.DateTimeField(default=_now)

    class Meta:
        indexes = ((("person", "field"), False),)


class SyncState(BaseModel):
    """One card of a synced folder (per account): who it is and the text both sides last
    agreed on, the base of the next three-way merge."""

    account = pw.TextField()
    uid = pw.TextField()
    href = pw.TextField(default="")  # the file's name; "" while a removal waits for the user
    person = pw.ForeignKeyField(Person, null=True, on_delete="SET NULL")
    base = pw.TextField(default="")
    base_hash = pw.TextField(default="")
    synced_at = pw.DateTimeField(default=_now)

    class Meta:
        indexes = ((("account", "uid"), True), (("person",), False))


class SyncConflict(BaseModel):
    """A field both sides changed differently (netdesk kept its value) or a card removed on the
    other side while it changed here, waiting for the user's word."""

    account = pw.TextField()
    person = pw.ForeignKeyField(Person, on_delete="CASCADE")
    field = pw.TextField()
    local_value = pw.TextField(default="")
    remote_value = pw.TextField(default="")
    kind = pw.TextField(default="field")  # field / deleted
    created = pw.DateTimeField(default=_now)

    class Meta:
        indexes = ((("person", "field"), False),)


class SyncTask(BaseModel):
    """A to-do written to a synced tasks folder: an open follow-up or a keep-in-touch date."""

    account = pw.TextField()
    uid = pw.TextField()
    kind = pw.TextField()  # follow_up / keep_in_touch
    ref = pw.IntegerField()  # the interaction or the person
    due = pw.DateField()
    done = pw.BooleanField(default=False)  # ticked off in the folder

    class Meta:
        indexes = ((("account", "uid"), True), (("account", "kind", "ref"), False))


MODELS: list[type[BaseModel]] = [
    ImportBatch,
    Circle,
    Tag,
    Person,
    ContactPoint,
    Position,
    PersonCircle,
    PersonTag,
    Interaction,
    Participant,
    Event,
    Favour,
    Need,
    Relationship,
    Reminder,
    ReminderLog,
    DismissedDuplicate,
    SavedSearch,
    Setting,
    JobChange,
    SyncState,
    SyncConflict,
    SyncTask,
]


# A database opened before the models were loaded (the window's start) binds to them now.
from netdesk.db import connection as _connection  # noqa: E402 - after the models it binds

_connection.bind_models()
