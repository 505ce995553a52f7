"""The meeting prep page as data and as plain text: each person's interests and hobbies, family,
why they stand out, how you met, the last three conversations before today (never the meeting
itself), open follow-ups and fresh needs and offers; empty sections left out."""

from __future__ import annotations

import datetime as dt

import pytest

from netdesk.core import events, follow_ups, interactions, needs, people, prep
from netdesk.core.errors import NotFound
from netdesk.core.interactions import InteractionDraft
from netdesk.values import InteractionKind, NeedKind, TagKind
from tests.helpers.people import person

TODAY = dt.date(2026, 12, 6)


def talk(who: int, when: dt.date, kind: InteractionKind, summary: str = "") -> None:
    interactions.log(InteractionDraft(when=when, kind=kind, summary=summary, people=[who]))


@pytest.fixture
def ana(store) -> int:
    ben = person("Ben Okafor")
    ana = person(
        "Ana Souza",
        org="Fjordlight",
        title="Head of Data",
        tags=[
            (TagKind.INTEREST, "climate tech"),
            (TagKind.HOBBY, "sailing"),
            (TagKind.INTEREST, "open data"),
            (TagKind.SKILL, "SQL"),
        ],
        family_notes="Partner Leo.\nTwo kids, Mia (7) and Tom (4).",
        why_stand_out="Ran the city's open-data programme",
        how_met="Web Summit 2024",
        met_on=dt.date(2024, 11, 12),
        met_through_id=ben,
    )
    talk(ana, dt.date(2026, 3, 1), InteractionKind.EMAIL, "intro to the data team")
    talk(ana, dt.date(2026, 9, 14), InteractionKind.COFFEE, "her move to Lisbon")
    talk(ana, dt.date(2026, 10, 2), InteractionKind.CALL)
    talk(ana, dt.date(2026, 11, 20), InteractionKind.MEAL, "hiring analysts")
    talk(ana, dt.date(2026, 12, 20), InteractionKind.MEETING, "planned, not yet held")
    follow_ups.add(ana, dt.date(2026, 12, 10), "send the Lisbon contacts")
    needs.add(ana, NeedKind.NEED, "a senior analyst", dt.date(2026, 11, 1))
    needs.add(ana, NeedKind.OFFER, "intros to Lisbon investors", dt.date(2026, 10, 1))
    needs.add(ana, NeedKind.NEED, "a flat in Porto", dt.date(2025, 1, 1))  # stale by now
    return ana


def sections(page: prep.PersonPrep) -> dict[str, tuple[str, ...]]:
    return {s.heading: s.lines for s in page.sections}


def test_a_persons_page_holds_what_to_remember(ana):
    [page] = prep.for_people([ana], TODAY).people
    assert (page.name, page.position) == ("Ana Souza", "Head of Data, Fjordlight")
    assert sections(page) == {
        "Interests": ("climate tech, open data",),
        "Hobbies": ("sailing",),
        "Family": ("Partner Leo.", "Two kids, Mia (7) and Tom (4)."),
        "Why they stand out": ("Ran the city's open-data programme",),
        "How you met": ("Web Summit 2024; met on 12 November 2024; introduced by Ben Okafor",),
        "Last conversations": (
            "20 November 2026 · Meal: hiring analysts",
            "2 October 2026 · Call",
            "14 September 2026 · Coffee: her move to Lisbon",
        ),
        "Open follow-ups": ("due 10 December 2026: send the Lisbon contacts",),
        "Looking for": ("a senior analyst",),
        "Can help with": ("intros to Lisbon investors",),
    }


def test_someone_with_nothing_noted_has_no_sections_and_the_text_says_so(store):
    cleo = person("Cleo Brandt")
    page = prep.for_people([cleo], TODAY)
    assert page.people[0].sections == ()
    assert prep.as_text(page) == f"Meeting prep\n\nCleo Brandt\n  {prep.NOTHING_NOTED}\n"


def test_an_events_page_is_its_attendees_without_the_meeting_itself(ana):
    cleo = person("Cleo Brandt")
    call = events.create("Partnership call", dt.date(2026, 11, 25), "Fjordlight office")
    events.add_attendee(call, ana, follow_up_days=0)
    events.add_attendee(call, cleo, follow_up_days=0)
    page = prep.for_event(call, TODAY)
    assert (page.title, page.subtitle) == (
        "Meeting prep: Partnership call",
        "25 November 2026 · Fjordlight office",
    )
    assert [p.name for p in page.people] == ["Cleo Brandt", "Ana Souza"]  # as the list sorts
    last = sections(page.people[1])["Last conversations"]
    assert last[0] == "20 November 2026 · Meal: hiring analysts"
    # in a prep for the people alone, the meeting is a conversation like any other
    recent = sections(prep.for_people([ana], TODAY).people[0])["Last conversations"]
    assert recent[0] == "25 November 2026 · Event: Partnership call"


def test_an_event_that_does_not_exist_is_one_sentence(store):
    with pytest.raises(NotFound, match=r"^Event 42 does not exist\.$"):
        prep.for_event(42, TODAY)


def test_people_gone_and_repeated_ids_are_left_out(ana):
    cleo = person("Cleo Brandt")
    people.delete(cleo)
    assert [p.person_id for p in prep.for_people([ana, cleo, ana], TODAY).people] == [ana]


def test_the_text_lists_each_section_under_each_person(ana):
    text = prep.as_text(prep.for_people([ana], TODAY))
    assert text.startswith("Meeting prep\n\nAna Souza (Head of Data, Fjordlight)\n  Interests:\n")
    assert "  Family:\n    Partner Leo.\n    Two kids, Mia (7) and Tom (4).\n" in text
    assert "  Looking for:\n    a senior analyst\n" in text
    assert "a flat in Porto" not in text
