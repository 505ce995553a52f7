"""Merge dialog: side-by-side choices map onto core.merge, and nothing is lost."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel

from netdesk.core import interactions, merge, people
from netdesk.core.interactions import InteractionDraft
from netdesk.ui.dialogs import merge_dialog
from netdesk.ui.dialogs.merge_dialog import MergeDialog, describe
from netdesk.values import Birthday
from tests.helpers.people import person


def two_records() -> tuple[int, int]:
    keep = person(
        "Ana Souza",
        given="Ana",
        family="Souza",
        email="ana@fjordlight.example",
        org="Fjordlight",
        how_met="Oslo dinner",
        birthday=Birthday(3, 14, None),
        notes="Likes jazz",
        circles=["Colleagues"],
    )
    other = person(
        "Ana M. Souza-Lima",
        given="Ana Maria",
        family="Souza-Lima",
        email="ana.lima@mail.example",
        phone="+47 912 34 567",
        org="Helix University",
        how_met="Reef talk",
        birthday=Birthday(3, 14, 1988),
        notes="Runs a reef charity",
        nickname="Nina",
        circles=["Friends"],
    )
    return keep, other


def test_choices_map_defaults_and_user_picks(store, qtbot):
    keep, other = two_records()
    dialog = MergeDialog(None, keep, other)
    qtbot.addWidget(dialog)
    offered = [c.field for c in merge.merge_preview(keep, other)]
    assert list(dialog.choices()) == offered
    assert dialog.choices() == {c.field: c.default for c in merge.merge_preview(keep, other)}
    assert dialog.choices()["notes"] == merge.BOTH
    # choosing the other's name brings its name parts along, unless chosen one by one
    dialog.set_choice("family", merge.KEEP)
    dialog.set_choice("display_name", merge.OTHER)
    choices = dialog.choices()
    assert choices["display_name"] == choices["given"] == merge.OTHER
    assert choices["family"] == merge.KEEP
    # clicking a value's text chooses it, like clicking its radio button
    cell = dialog.buttons_by_field["birthday"][merge.OTHER].parentWidget()
    qtbot.mouseClick(cell, Qt.MouseButton.LeftButton, pos=QPoint(cell.width() - 4, 4))
    assert dialog.choices()["birthday"] == merge.OTHER
    dialog.set_choice("how_met", merge.OTHER)

    choices = dialog.choices()
    merge.merge(keep, other, choices)
    merged = people.get(keep)
    assert not people.exists(other)
    assert merged.display_name == "Ana M. Souza-Lima" and merged.family == "Souza"
    assert merged.birthday == Birthday(3, 14, 1988)
    assert merged.how_met == "Reef talk"
    assert "Likes jazz" in merged.notes and "Runs a reef charity" in merged.notes
    assert {p.value for p in merged.points} == {
        "ana@fjordlight.example",
        "ana.lima@mail.example",
        "+47 912 34 567",
    }
    assert set(merged.circles) == {"Colleagues", "Friends"}


def test_dialog_says_what_is_always_kept(store, qtbot):
    keep, other = two_records()
    interactions.log(InteractionDraft(dt.date.today(), people=[other], summary="Coffee"))
    dialog = MergeDialog(None, keep, other)
    qtbot.addWidget(dialog)
    intro = dialog.findChild(QLabel, "always_kept")
    assert intro is not None and "always all kept" in intro.text()
    summary = dialog.findChild(QLabel, "kept_summary")
    assert summary.text().startswith("After merging: 3 contact details, 2 positions, 2 circles")
    merge.merge(keep, other, dialog.choices())
    assert [e.summary for e in interactions.timeline(keep)] == ["Coffee"]


def test_identical_people_have_nothing_to_choose(store, qtbot):
    a = person("Ben Okafor")
    b = person("Ben Okafor")
    dialog = MergeDialog(None, a, b)
    qtbot.addWidget(dialog)
    assert dialog.choices() == {}
    assert dialog.findChild(QLabel, "no_differences") is not None


def test_values_are_described_for_people(store, qapp):
    intro = person("Bodil Haugen")
    assert describe("birthday", Birthday(2, 29, None)) == "29 February"
    assert describe("met_through_id", intro) == "Bodil Haugen"
    assert describe("nurture", True) == "Yes"
    assert describe("cadence_days", 30) == "every 30 days"
    assert describe("notes", "") == ""


def test_ask(store, drive):
    keep, other = two_records()
    drive(MergeDialog, lambda d: d.set_choice("how_met", merge.OTHER))
    choices = merge_dialog.ask(None, keep, other)
    assert choices is not None and choices["how_met"] == merge.OTHER
    drive(MergeDialog, lambda d: None, accept=False)
    assert merge_dialog.ask(None, keep, other) is None
    assert people.exists(other)  # the dialog itself never merges
