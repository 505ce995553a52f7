"""The three-way merge as pure functions, and on texts and files as vdirsyncer hands them."""

from __future__ import annotations

import pytest

from netdesk.core import people
from netdesk.core.sync import (
    CardError,
    list_conflicts,
    merge_conflicting_files,
    merge_vcard_texts,
    reconcile,
)
from netdesk.core.sync.merge3 import FieldConflict, fields_of_text, merge
from tests.core.sync.test_reconcile import TODAY, only
from tests.helpers.people import person


def card(*lines: str) -> str:
    body = "".join(f"{line}\r\n" for line in lines)
    head = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Souza\r\nN:Souza;Ana;;;\r\n"
    return f"{head}{body}UID:ana\r\nEND:VCARD\r\n"


def fields(*lines: str):
    return fields_of_text(card(*lines))[0]


def test_a_field_changed_on_one_side_takes_that_side():
    base = fields("NOTE:old", "TITLE:Analyst")
    local = fields("NOTE:new here", "TITLE:Analyst")
    remote = fields("NOTE:old", "TITLE:Lead")
    merged, conflicts = merge(base, local, remote)
    assert merged["note"] == "new here" and conflicts == []
    assert merged["positions"] == ("\x1fLead\x1f",)


def test_the_same_change_on_both_sides_is_no_conflict():
    merged, conflicts = merge(fields("NOTE:old"), fields("NOTE:same"), fields("NOTE:same"))
    assert merged["note"] == "same" and conflicts == []


def test_different_changes_keep_local_and_return_remote():
    merged, conflicts = merge(fields("NOTE:old"), fields("NOTE:mine"), fields("NOTE:theirs"))
    assert merged["note"] == "mine"
    assert conflicts == [FieldConflict("note", "mine", "theirs")]
    assert conflicts[0].label == "notes"


def test_sets_keep_both_sides_additions_and_each_sides_removals():
    base = fields("EMAIL:a@x.example", "EMAIL:b@x.example", "CATEGORIES:one")
    local = fields("EMAIL:a@x.example", "EMAIL:c@x.example", "CATEGORIES:one,two")
    remote = fields("EMAIL:b@x.example", "EMAIL:d@x.example", "CATEGORIES:one,three")
    merged, conflicts = merge(base, local, remote)
    assert [v.split("\x1f")[0] for v in merged["emails"]] == ["c@x.example", "d@x.example"]
    assert [v.split("\x1f")[1] for v in merged["categories"]] == ["one", "two", "three"]
    assert conflicts == []


def test_without_a_base_a_gap_is_filled_and_a_difference_conflicts():
    merged, conflicts = merge(None, fields("NOTE:mine"), fields("NOTE:theirs", "NICKNAME:Ani"))
    assert merged["nickname"] == "Ani" and merged["note"] == "mine"
    assert conflicts == [FieldConflict("note", "mine", "theirs")]


def test_merging_texts_never_lets_one_side_win():
    base = card("NOTE:old", "TEL:+1 415 555 0100")
    a = card("NOTE:mine", "TEL:+1 415 555 0100", "EMAIL:ana@a.example")
    b = card("NOTE:theirs", "TEL:+1 415 555 0199")
    outcome = merge_vcard_texts(base, a, b)
    assert "NOTE:mine" in outcome.text and "EMAIL:ana@a.example" in outcome.text
    assert "+1 415 555 0199" in outcome.text and "0100" not in outcome.text
    assert "UID:ana" in outcome.text
    assert outcome.conflicts == [FieldConflict("note", "mine", "theirs")]


def test_merging_a_text_that_is_no_card_says_so():
    with pytest.raises(CardError):
        merge_vcard_texts(None, card("NOTE:x"), "hello")


def test_conflicting_files_are_merged_into_both_and_the_conflict_is_kept(store, folder, tmp_path):
    pid = person("Sol Varga", email="sol@example.com", notes="old")
    reconcile(folder, today=TODAY)
    base = only(folder)
    (path,) = folder.glob("*.vcf")
    other = tmp_path / "server" / path.name
    other.parent.mkdir()
    path.write_bytes(base.replace("NOTE:old", "NOTE:mine").encode())
    other.write_bytes(base.replace("NOTE:old", "NOTE:theirs")
                      .replace("EMAIL:sol@example.com", "EMAIL:sol@example.com\r\nTEL:+1 555 0100")
                      .encode())
    outcome = merge_conflicting_files(path, other)
    assert path.read_bytes() == other.read_bytes() == outcome.text.encode()
    assert "NOTE:mine" in outcome.text and "TEL:+1 555 0100" in outcome.text
    (row,) = list_conflicts()
    assert (row.person_id, row.local_value, row.remote_value) == (pid, "mine", "theirs")
    assert people.get(pid).notes == "old"  # the next pass pulls the merged card
    reconcile(folder, today=TODAY)
    assert people.get(pid).notes == "mine"


def test_a_base_the_caller_kept_is_the_one_merged_against(store, folder, tmp_path):
    pid = person("Tia Moss", email="tia@example.com", notes="kept")
    reconcile(folder, today=TODAY)
    agreed = only(folder).replace("NOTE:kept", "NOTE:agreed")
    (path,) = folder.glob("*.vcf")
    other = tmp_path / path.name
    path.write_bytes(agreed.replace("NOTE:agreed", "NOTE:mine").encode())
    other.write_bytes(agreed.encode())
    outcome = merge_conflicting_files(path, other, base=agreed)
    assert "NOTE:mine" in outcome.text and outcome.conflicts == []
    assert list_conflicts() == [] and people.get(pid).notes == "kept"
