"""Introductions: a draft that names both people and says why each should meet the other, a
mailto: URL with every part percent-encoded, and one write that logs the introduction with its
follow-up and links the two, taken back exactly by `take_back`."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from netdesk.core import follow_ups, interactions, introductions, needs, relationships, warm_paths
from netdesk.core.errors import ValidationError
from netdesk.db.models import Interaction, Participant, Relationship
from netdesk.values import InteractionKind, NeedKind, RelationshipKind
from tests.helpers.people import person

TODAY = dt.date(2026, 12, 6)


@pytest.fixture
def pair(store) -> tuple[int, int]:
    """Jamal looks for an analyst role; Ana hires analysts at Lumen and stands out."""
    jamal = person("Jamal Reed", given="Jamal", email="jamal@example.org", org="Fjordlight")
    ana = person(
        "Ana Souza",
        given="Ana",
        email="ana+work@lumen.example",
        org="Lumen",
        title="Head of Data",
        why_stand_out="Ran the city's open-data meetup for five years",
    )
    needs.add(jamal, NeedKind.NEED, "an analyst role in Lisbon", TODAY - dt.timedelta(days=3))
    needs.add(ana, NeedKind.OFFER, "hiring analysts", TODAY - dt.timedelta(days=10))
    needs.add(ana, NeedKind.NEED, "a flat", TODAY - dt.timedelta(days=400))  # stale: left out
    return jamal, ana


def test_the_draft_names_both_and_says_why_each_should_meet(pair):
    jamal, ana = pair
    draft = introductions.draft(jamal, ana, today=TODAY)
    assert draft.subject == "Introduction: Jamal Reed <> Ana Souza"
    assert draft.recipients == ["jamal@example.org", "ana+work@lumen.example"]
    assert draft.without_email == []
    body = draft.body
    assert body.startswith("Hi Jamal and Ana,\n\n")
    # why now: Jamal's need meets Ana's offer, said before the two portraits
    assert (
        "Jamal is looking for an analyst role in Lisbon, and Ana can help there (hiring"
        " analysts)." in body
    )
    assert (
        "Jamal, meet Ana Souza. Ana works as Head of Data at Lumen. Ana offers: hiring"
        " analysts. Ran the city's open-data meetup for five years." in body
    )
    assert (
        "Ana, meet Jamal Reed. Jamal works at Fjordlight. Jamal is looking for an analyst role"
        " in Lisbon." in body
    )
    assert "a flat" not in body  # a stale need says nothing about now
    assert "if either of you would rather not" in body  # either may decline


def test_the_mailto_url_is_percent_encoded_for_both_addresses(pair):
    jamal, ana = pair
    draft = introductions.draft(jamal, ana, today=TODAY)
    url = introductions.mailto_url(draft.recipients, draft.subject, "Hi & welcome?\nLine 2 = ok")
    assert url.startswith("mailto:jamal@example.org,ana%2Bwork@lumen.example?subject=")
    assert "subject=Introduction%3A%20Jamal%20Reed%20%3C%3E%20Ana%20Souza&" in url
    assert url.endswith("&body=Hi%20%26%20welcome%3F%0D%0ALine%202%20%3D%20ok")
    parts = urlsplit(url)
    assert unquote(parts.path) == "jamal@example.org,ana+work@lumen.example"
    query = parse_qs(parts.query)
    assert query["subject"] == [draft.subject]
    assert query["body"] == ["Hi & welcome?\r\nLine 2 = ok"]


def test_someone_without_an_email_is_named_and_left_off_the_recipients(store):
    ana = person("Ana Souza", email="ana@lumen.example")
    tobias = person("Tobias Quenneville")
    draft = introductions.draft(ana, tobias, today=TODAY)
    assert draft.recipients == ["ana@lumen.example"]
    assert draft.without_email == ["Tobias Quenneville"]
    assert "Ana, meet Tobias Quenneville. Tobias is someone I think you'd enjoy." in draft.body


def test_one_person_cannot_be_introduced_to_themselves(store):
    ana = person("Ana Souza")
    with pytest.raises(ValidationError, match=r"^Choose two different people to introduce\.$"):
        introductions.draft(ana, ana)
    with pytest.raises(ValidationError):
        introductions.record(ana, ana)
    assert Interaction.select().count() == 0


def test_recording_logs_one_introduction_links_them_and_asks_how_it_went(pair):
    jamal, ana = pair
    done = introductions.record(jamal, ana, notes="the email", when=TODAY)
    (row,) = Interaction.select()
    assert row.id == done.interaction_id
    assert row.kind == InteractionKind.INTRODUCTION
    assert row.summary == "Introduced Jamal Reed and Ana Souza"
    assert row.notes == "the email"
    assert row.follow_up == TODAY + dt.timedelta(days=14)
    assert sorted(interactions.participants(row.id)) == sorted([jamal, ana])
    link = Relationship.get_by_id(done.relationship_id)
    assert (link.person_a_id, link.person_b_id, link.kind) == (jamal, ana, "introduced_by_me")
    assert introductions.introduced(ana, jamal)
    # the follow-up, on each of them, says what to do
    (follow,) = follow_ups.for_person(ana)
    assert follow.due == TODAY + dt.timedelta(days=14)
    assert follow.note == "Ask how the introduction went (Introduced Jamal Reed and Ana Souza)"
    # both timelines show it, and their last contact moves
    assert [e.kind for e in interactions.timeline(jamal)] == [InteractionKind.INTRODUCTION]
    (shown,) = relationships.links(ana)
    assert shown.kind is RelationshipKind.INTRODUCED_BY_ME and shown.other_id == jamal


def test_warm_paths_go_through_someone_you_introduced(pair):
    """Introduced a year ago; you spoke with Jamal since, not with Ana: Jamal is the warm way."""
    jamal, ana = pair
    introductions.record(jamal, ana, when=TODAY - dt.timedelta(days=365))
    interactions.log(interactions.InteractionDraft(when=TODAY, people=[jamal]))
    found = warm_paths.find("Lumen", today=TODAY)
    via_jamal = [p for p in found if len(p.steps) == 2 and p.steps[0].person.id == jamal]
    assert [p.steps[1].link.why for p in via_jamal] == ["you introduced Ana to Jamal"]


def test_taking_back_removes_exactly_what_was_recorded(pair):
    jamal, ana = pair
    done = introductions.record(jamal, ana, when=TODAY)
    introductions.take_back(done)
    assert Interaction.select().count() == 0 and Participant.select().count() == 0
    assert not introductions.introduced(jamal, ana)
    assert follow_ups.for_person(ana) == []


def test_a_second_introduction_keeps_the_earlier_link_when_taken_back(pair):
    jamal, ana = pair
    first = introductions.record(jamal, ana, when=TODAY)
    again = introductions.record(ana, jamal, when=TODAY)
    assert again.relationship_id == 0  # already linked, either way round
    introductions.take_back(again)
    assert Interaction.select().count() == 1
    assert Relationship.get_by_id(first.relationship_id).kind == "introduced_by_me"
