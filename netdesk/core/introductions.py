"""Introductions the user makes: two people who should meet, an email that tells each why, and
the act remembered.

The draft says, for each side, what the other should know: their work now, what they are
looking for and can help with (fresh needs and offers only) and why they stand out, and first
of all a need of one that the other's offer or work meets. It is an opt-in introduction: either
may decline without a reason. It goes out through the user's own mail program as a `mailto:`
URL (RFC 6068) or is copied; netdesk sends nothing itself.

Recording an introduction is one write: one interaction of kind "introduction" with both as
participants and a follow-up two weeks on (its note asks how it went, `core.follow_ups`), and a
relationship of kind "introduced by me" between the two. That link is what warm paths read as
"you introduced Ana to Jamal"; `met_through` would be wrong, as it says who introduced the user
to someone. `take_back` removes exactly what `record` added, so undo leaves an older link alone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import quote

from netdesk.core import interactions, needs, people, store, suggestions
from netdesk.core.errors import NotFound, ValidationError
from netdesk.core.interactions import InteractionDraft
from netdesk.core.needs import NeedEntry
from netdesk.core.people import PersonDetail
from netdesk.db.models import Relationship
from netdesk.values import InteractionKind, NeedKind, PointKind, RelationshipKind, Topic

FOLLOW_UP_DAYS = 14
KIND = RelationshipKind.INTRODUCED_BY_ME


@dataclass(frozen=True, slots=True)
class Side:
    """One of the two people, as the email presents them."""

    id: int
    name: str
    first_name: str
    email: str  # their preferred address, "" when they have none
    reasons: tuple[str, ...]  # sentences about them, in the order the email uses


@dataclass(frozen=True, slots=True)
class Draft:
    a: Side
    b: Side
    subject: str
    body: str

    @property
    def recipients(self) -> list[str]:
        return [side.email for side in (self.a, self.b) if side.email]

    @property
    def without_email(self) -> list[str]:
        """The names of those the email cannot reach."""
        return [side.name for side in (self.a, self.b) if not side.email]


@dataclass(frozen=True, slots=True)
class Recorded:
    """What `record` stored, for `take_back`."""

    interaction_id: int
    relationship_id: int  # 0 when the two were already linked this way


def draft(a_id: int, b_id: int, today: dt.date | None = None) -> Draft:
    """The introduction of a and b, ready to edit."""
    if a_id == b_id:
        raise ValidationError("Choose two different people to introduce.", "person")
    today = today or dt.date.today()
    a, b = _detail(a_id), _detail(b_id)
    a_needs, b_needs = _fresh_needs(a_id, today), _fresh_needs(b_id, today)
    a_side = _side(a, a_needs)
    b_side = _side(b, b_needs)
    why_now = [*_met(a, a_needs, b, b_needs), *_met(b, b_needs, a, a_needs)]
    subject = f"Introduction: {a_side.name} <> {b_side.name}"
    return Draft(a_side, b_side, subject, _body(a_side, b_side, why_now))


def mailto_url(recipients: list[str], subject: str, body: str) -> str:
    """A `mailto:` URL for the user's mail program; every part percent-encoded, line breaks
    as CRLF as RFC 6068 asks."""
    to = ",".join(quote(address.strip(), safe="@") for address in recipients)
    crlf = "\r\n".join(body.splitlines())
    return f"mailto:{to}?subject={quote(subject, safe='')}&body={quote(crlf, safe='')}"


def summary(a_name: str, b_name: str) -> str:
    return f"Introduced {a_name} and {b_name}"


def record(a_id: int, b_id: int, *, notes: str = "", when: dt.date | None = None) -> Recorded:
    """Remember that the user introduced a and b (see the module's notes)."""
    if a_id == b_id:
        raise ValidationError("Choose two different people to introduce.", "person")
    when = when or dt.date.today()
    with store.write():
        a, b = _detail(a_id), _detail(b_id)
        interaction_id = interactions.log(
            InteractionDraft(
                when=when,
                kind=InteractionKind.INTRODUCTION,
                summary=summary(a.display_name, b.display_name),
                notes=notes,
                follow_up=when + dt.timedelta(days=FOLLOW_UP_DAYS),
                people=[a_id, b_id],
            )
        )
        relationship_id = 0
        if _link(a_id, b_id) is None:
            relationship_id = int(Relationship.create(person_a=a_id, person_b=b_id, kind=KIND).id)
        store.changed(Topic.RELATIONSHIPS, a_id, b_id)
        return Recorded(interaction_id, relationship_id)


def take_back(recorded: Recorded) -> None:
    """Remove what `record` added (what is already gone stays gone)."""
    with store.write():
        interactions.delete(recorded.interaction_id)
        row = Relationship.get_or_none(Relationship.id == recorded.relationship_id)
        if row is not None:
            row.delete_instance()
            store.changed(Topic.RELATIONSHIPS, row.person_a_id, row.person_b_id)


def introduced(a_id: int, b_id: int) -> bool:
    """Whether the user is known to have introduced these two, either way round."""
    return _link(a_id, b_id) is not None


def _link(a_id: int, b_id: int) -> Relationship | None:
    either = ((Relationship.person_a == a_id) & (Relationship.person_b == b_id)) | (
        (Relationship.person_a == b_id) & (Relationship.person_b == a_id)
    )
    return Relationship.get_or_none(either & (Relationship.kind == str(KIND)))


def _detail(person_id: int) -> PersonDetail:
    if not people.exists(person_id):
        raise NotFound(f"Person {person_id} does not exist.")
    return people.get(person_id)


def _fresh_needs(person_id: int, today: dt.date) -> list[NeedEntry]:
    days = needs.stale_days()
    return [n for n in needs.for_person(person_id) if not n.is_stale(today, days)]


def _first_name(person: PersonDetail) -> str:
    name = person.display_name.strip()
    return person.given.strip() or person.nickname.strip() or (name.split() or [name])[0]


def _email(person: PersonDetail) -> str:
    emails = [p for p in person.points if p.kind is PointKind.EMAIL and p.value.strip()]
    emails.sort(key=lambda p: not p.preferred)
    return emails[0].value.strip() if emails else ""


def _side(person: PersonDetail, their_needs: list[NeedEntry]) -> Side:
    first = _first_name(person)
    reasons = []
    _, work = _work(person)
    if work:
        reasons.append(f"{first} {work}.")
    for need in their_needs:
        # an offer is written as the pane asks ("hiring analysts", "knows many designers"),
        # so it follows a colon rather than a verb of ours
        said = "is looking for " if need.kind is NeedKind.NEED else "offers: "
        reasons.append(f"{first} {said}{need.text}.")
    why = " ".join(person.why_stand_out.split())
    if why:
        reasons.append(why if why.endswith((".", "!", "?")) else f"{why}.")
    return Side(person.id, person.display_name, first, _email(person), tuple(reasons))


def _met(
    seeker: PersonDetail,
    seeker_needs: list[NeedEntry],
    helper: PersonDetail,
    helper_needs: list[NeedEntry],
) -> list[str]:
    """Each need of `seeker` that the helper's offers or current work share words with, said
    as why they should meet now."""
    seeker_name, helper_name = _first_name(seeker), _first_name(helper)
    offers = (n.text for n in helper_needs if n.kind is NeedKind.OFFER)
    can_help = [(text, f"can help there ({text})") for text in offers]
    work, phrase = _work(helper)
    if work:
        can_help.append((work, phrase))
    found = []
    for need in (n for n in seeker_needs if n.kind is NeedKind.NEED):
        wanted = set(suggestions.words(need.text))
        for text, said in can_help:
            if wanted & set(suggestions.words(text)):
                found.append(f"{seeker_name} is looking for {need.text}, and {helper_name} {said}.")
                break
    return found


def _work(person: PersonDetail) -> tuple[str, str]:
    """Their current work as words to match ("Head of Data Lumen") and as a phrase ("works as
    Head of Data at Lumen"); ("", "") for none."""
    work = person.current_position
    if work is None or not work.current:
        return "", ""
    title, organization = work.title.strip(), work.organization.strip()
    at = f" at {organization}" if organization else ""
    phrase = f"works as {title}{at}" if title else (f"works{at}" if at else "")
    return f"{title} {organization}".strip(), phrase


def _body(a: Side, b: Side, why_now: list[str]) -> str:
    paragraphs = [f"Hi {a.first_name} and {b.first_name},", "I'd like you two to meet."]
    paragraphs += [" ".join(why_now)] if why_now else []
    for reader, about in ((a, b), (b, a)):
        said = " ".join(about.reasons) or f"{about.first_name} is someone I think you'd enjoy."
        paragraphs.append(f"{reader.first_name}, meet {about.name}. {said}")
    paragraphs.append(
        "I'm only putting you in touch because I think you'd both like it: if either of you "
        "would rather not, just tell me, no reason needed. Otherwise I'll leave it to you two "
        "to take it from here."
    )
    paragraphs.append("Best wishes,")
    return "\n\n".join(paragraphs) + "\n"
