"""Event capture: create the event, then add existing and new people with the keyboard only."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from netdesk.core import events, follow_ups, people
from netdesk.db.models import Event
from netdesk.ui.dialogs import event_capture
from netdesk.ui.dialogs.event_capture import Entry, EventCaptureDialog, parse_entry
from netdesk.values import PointKind
from tests.helpers.people import person


@pytest.fixture
def capture(store, qtbot):
    dialog = EventCaptureDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def type_line(qtbot, dialog: EventCaptureDialog, text: str, shift: bool = False) -> None:
    field = dialog.attendee_input
    qtbot.keyClicks(field, text)
    modifier = Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier
    qtbot.keyClick(field, Qt.Key.Key_Return, modifier)


def attendee_names(event_id: int) -> set[str]:
    return {people.get(i).display_name for i in events.attendees(event_id)}


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("Ana Souza", Entry("Ana Souza")),
        ("  Ana   Souza ,  Fjordlight Analytics ", Entry("Ana Souza", "Fjordlight Analytics")),
        ("Kai Brandt <kai@brandt.example>", Entry("Kai Brandt", "", "kai@brandt.example")),
        (
            "Kai Brandt, Lumen <kai@lumen.example>",
            Entry("Kai Brandt", "Lumen", "kai@lumen.example"),
        ),
        ("Kai Brandt kai@lumen.example", Entry("Kai Brandt", "", "kai@lumen.example")),
        ("<kai@lumen.example>", Entry("", "", "kai@lumen.example")),
    ],
)
def test_parse_entry(text, entry):
    assert parse_entry(text) == entry


def test_keyboard_only_capture(capture, qtbot):
    ana = person("Ana Souza", org="Fjordlight")
    ben = person("Ben Okafor", email="ben@tidewater.example")
    lea = person("Léa Dubois")
    dialog = capture
    qtbot.keyClicks(dialog.event_name, "Partner dinner")
    qtbot.keyClicks(dialog.event_place, "Oslo")
    dialog.event_kind.setCurrentIndex(dialog.event_kind.findData("dinner"))
    qtbot.keyClick(dialog.event_place, Qt.Key.Key_Return)  # Enter creates the event
    assert dialog.event_id is not None and dialog.stack.currentIndex() == 1
    event_id = dialog.event_id
    row = Event.get_by_id(event_id)
    assert (row.name, row.kind, row.place, row.date) == (
        "Partner dinner",
        "dinner",
        "Oslo",
        dt.date.today(),
    )
    # an existing person through the completion list
    qtbot.keyClicks(dialog.attendee_input, "sou")
    popup = dialog.attendee_input._completer.popup()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    # new people, with a company and with an email
    type_line(qtbot, dialog, "Mira Olsen, Tidewater Ventures")
    type_line(qtbot, dialog, "Kai Brandt <kai@brandt.example>")
    # an email already known adds that person rather than a duplicate
    type_line(qtbot, dialog, "Benjamin O. <BEN@tidewater.example>")
    # the exact name of one existing person adds them (case and accents aside)...
    type_line(qtbot, dialog, "lea dubois")
    assert dialog.attendee_ids[-1] == lea
    assert dialog.status.text().startswith("Added Léa Dubois, already in netdesk.")
    type_line(qtbot, dialog, "Ana Souza")  # already there: not added twice
    assert "already on the list" in dialog.status.text()
    # ...and Shift+Enter creates a namesake on purpose
    type_line(qtbot, dialog, "Ana Souza", shift=True)
    ana_twin = dialog.attendee_ids[-1]
    assert dialog.result() == 0  # none of those Enters closed the dialog
    qtbot.keyClick(dialog.attendee_input, Qt.Key.Key_Return)  # empty Enter does nothing
    assert dialog.isVisible()

    attendees = events.attendees(event_id)
    mira, kai = dialog.created_ids[:2]
    assert set(attendees) == {ana, mira, kai, ben, lea, ana_twin}
    assert dialog.attendees.count() == 6 and dialog.count_label.text() == "6 added"
    assert people.get(mira).current_position.organization == "Tidewater Ventures"
    kai_detail = people.get(kai)
    assert [(p.kind, p.value) for p in kai_detail.points] == [
        (PointKind.EMAIL, "kai@brandt.example")
    ]
    for someone in (mira, kai, ana_twin):
        detail = people.get(someone)
        assert (detail.how_met, detail.met_on) == ("Partner dinner", dt.date.today())
        due = [f.due for f in follow_ups.for_person(someone)]
        assert due == [dt.date.today() + dt.timedelta(days=events.FOLLOW_UP_AFTER_DAYS)]
    assert attendee_names(event_id) >= {"Ana Souza", "Mira Olsen", "Kai Brandt", "Ben Okafor"}

    qtbot.keyClick(dialog.attendee_input, Qt.Key.Key_Escape)  # Esc is Done: all is saved
    assert dialog.result() == 1


def test_ctrl_enter_moves_on_and_finishes(capture, qtbot):
    dialog = capture
    qtbot.keyClicks(dialog.event_name, "Meetup")
    qtbot.keyClick(dialog.event_name, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.stack.currentIndex() == 1
    qtbot.keyClicks(dialog.attendee_input, "Lea Dubois")
    qtbot.keyClick(dialog.attendee_input, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.attendee_input, "half typed")
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(dialog.attendee_input, Qt.Key.Key_Return, ctrl)
    assert dialog.result() == 1
    assert attendee_names(dialog.event_id) == {"Lea Dubois"}  # Ctrl+Enter adds nobody


def test_ambiguous_name_asks_to_pick(capture, qtbot):
    person("Ana Souza", org="Fjordlight")
    person("Ana Souza", org="Helix University")
    dialog = capture
    dialog.event_name.setText("Meetup")
    event_id = dialog.create_event()
    type_line(qtbot, dialog, "Ana Souza")
    assert "Several people are called Ana Souza" in dialog.status.text()
    assert events.attendees(event_id) == []
    assert dialog.attendee_input.text() == "Ana Souza"  # kept, so the user can pick
    dialog.attendee_input.clear()
    type_line(qtbot, dialog, "Ana Souza, Helix University")  # the company settles it
    assert len(events.attendees(event_id)) == 1
    assert people.get(events.attendees(event_id)[0]).current_position.organization == (
        "Helix University"
    )


def test_event_needs_a_name(capture, qtbot):
    dialog = capture
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.event_id is None and dialog.stack.currentIndex() == 0
    assert dialog.event_name_message.text() == "Give the event a name."
    assert Event.select().count() == 0


def test_ask_returns_the_event_or_none(store, drive):
    def fill(dialog: EventCaptureDialog) -> None:
        dialog.event_name.setText("Company day")
        dialog.create_event()
        dialog.enter_text("Lea Dubois")

    drive(EventCaptureDialog, fill, accept=False)  # Esc after step 1 still keeps it all
    event_id = event_capture.ask(None)
    assert event_id is not None and attendee_names(event_id) == {"Lea Dubois"}
    drive(EventCaptureDialog, lambda d: d.event_name.setText("Never made"), accept=False)
    assert event_capture.ask(None) is None
    assert Event.select().count() == 1
