"""Search: prefix, case- and accent-insensitive, over every indexed field, ranked."""

from __future__ import annotations

import datetime as dt

from netdesk.core import interactions, people, search
from netdesk.core.interactions import InteractionDraft
from netdesk.values import TagKind
from tests.helpers.people import person


def test_accentless_prefix(store):
    pid = person("José Álvarez Núñez")
    assert search.search_ids("jose") == [pid]
    assert search.search_ids("ALVA") == [pid]
    assert search.search_ids("nun") == [pid]
    assert search.search_ids("jo al") == [pid]


def test_email_and_phone(store):
    pid = person("Mia Chen", email="mia.chen@lumen.example", phone="+1 415 555 2671")
    other = person("Someone Else", phone="+44 20 7946 0958")
    assert search.search_ids("mia.chen@lu") == [pid]
    assert search.search_ids("lumen") == [pid]
    assert search.search_ids("4155552671") == [pid]
    assert search.search_ids("415 555") == [pid]
    assert search.search_ids("+14155") == [pid]
    assert search.search_ids("020") == [] or other in search.search_ids("2079")


def test_every_indexed_field(store):
    pid = person(
        "Kim Park",
        org="Tidewater Ventures",
        title="Partner",
        notes="Loves sourdough",
        why_stand_out="Climbed Denali",
        tags=[(TagKind.HOBBY, "Bouldering")],
        circles=["Internship"],
    )
    other = person("Ray", org="Elsewhere")
    interactions.log(
        InteractionDraft(dt.date(2026, 1, 2), summary="Chat about robotics", people=[pid])
    )
    for text in ("tidewater", "partn", "sourdo", "denali", "boulder", "internsh", "robot"):
        assert search.search_ids(text) == [pid], text
    assert search.search_ids("elsewh") == [other]


def test_name_ranks_above_notes(store):
    in_notes = person("Alex Green", notes="met Morgan's team")
    named = person("Morgan Hill")
    assert search.search_ids("morgan")[0] == named
    assert in_notes in search.search_ids("morgan")


def test_index_follows_rename_and_delete(store):
    pid = person("Old Name")
    draft = people.get(pid).as_draft()
    draft.display_name = "Fresh Name"
    people.update(pid, draft)
    assert search.search_ids("old") == []
    assert search.search_ids("fresh") == [pid]
    people.delete(pid)
    assert search.search_ids("fresh") == []


def test_query_syntax_is_never_interpreted(store):
    person("Quote Person")
    for text in ('"', "AND", "*", "NEAR(", "a OR b", "-x", "^", ""):
        search.search_ids(text)  # must not raise


def test_short_text_falls_back_to_every_field_when_no_name_matches(store):
    pid = person("Maren Ostby", org="Fjordlight Analytics")
    person("Ben Other")
    assert search.search_ids("fj") == [pid]
    assert search.search_ids("ma") == [pid]  # names only: alphabetical


def test_broad_matches_put_names_first_then_everyone_alphabetically(store, monkeypatch):
    """Past BROAD matches ranking everyone is skipped; the order must stay sensible and page."""
    from netdesk.core import listing

    monkeypatch.setattr(search, "BROAD", 3)
    helen = person("Zoe Helsing")
    others = [person(f"{n} Person", org="Helix University") for n in ("Dora", "Abe", "Carl")]
    archived = person("Bea Person", org="Helix University")
    people.set_archived(archived)
    expected = [helen, others[1], others[2], others[0]]  # the name match, then A, C, D
    assert search.search_ids("hel") == expected
    page = listing.ListQuery(search="hel")
    assert [r.id for r in listing.fetch(page, 0, 2)] + [
        r.id for r in listing.fetch(page, 2, 2)] == expected
    assert listing.count(page) == 4
    assert search.search_ids("hel", include_archived=True)[-1] != helen


def test_ranking_skips_archived_people_even_when_they_rank_first(store):
    ids = [person(f"Zed Number{n}") for n in range(30)]
    for pid in ids[:25]:
        people.set_archived(pid)
    found = search.search_ids("zed", limit=3)
    assert len(found) == 3 and set(found) <= set(ids[25:])
    assert sorted(search.search_ids("zed", limit=50)) == ids[25:]
