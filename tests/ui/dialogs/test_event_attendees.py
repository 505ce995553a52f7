"""Event capture keeps what was typed and makes no duplicates: Enter takes the suggestion, a
wrong attendee comes off again, each attendee's follow-up and details are set in the flow."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from netdesk.core import events, follow_ups, people
from netdesk.ui.dialogs.event_capture import EventCaptureDialog
from netdesk.values import PointKind, TagKind
from tests.helpers.people import person


@pytest.fixture
def capture(store, qtbot):
    dialog = EventCaptureDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


@pytest.fixture
def at_dinner(capture, qtbot):
    """The capture dialog on its second step, for a dinner."""
    qtbot.keyClicks(capture.event_name, "Partner dinner")
    qtbot.keyClick(capture.event_name, Qt.Key.Key_Return)
    assert capture.event_id is not None
    return capture


def type_line(qtbot, dialog, text: str, shift: bool = False) -> None:
    qtbot.keyClicks(dialog.attendee_input, text)
    modifier = Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier
    qtbot.keyClick(dialog.attendee_input, Qt.Key.Key_Return, modifier)


def choose(dialog, person_id: int) -> None:
    for row in range(dialog.attendees.count()):
        if dialog.attendees.item(row).data(Qt.ItemDataRole.UserRole + 1) == person_id:
            dialog.attendees.setCurrentRow(row)
            return
    raise AssertionError(f"{person_id} is not on the list")


def test_enter_on_a_first_name_takes_the_suggestion_instead_of_a_new_person(at_dinner, qtbot):
    tobias = person("Tobias Quenneville")
    type_line(qtbot, at_dinner, "Tobias")
    assert events.attendees(at_dinner.event_id) == [tobias]
    assert people.count() == 1 and at_dinner.created_ids == []
    type_line(qtbot, at_dinner, "Tobias", shift=True)  # Shift+Enter: someone new on purpose
    assert people.count() == 2 and len(events.attendees(at_dinner.event_id)) == 2


def test_a_company_typed_with_the_name_is_not_overruled_by_a_suggestion(at_dinner, qtbot):
    person("Tobias Quenneville", org="Fjordlight")
    type_line(qtbot, at_dinner, "Tobias, Helix Lab")
    assert people.count() == 2
    assert people.get(at_dinner.created_ids[0]).current_position.organization == "Helix Lab"


def test_a_new_attendee_typed_as_one_name_gets_given_and_family_names(at_dinner, qtbot):
    type_line(qtbot, at_dinner, "Amara Okafor")
    amara = people.get(at_dinner.created_ids[0])
    assert (amara.given, amara.family) == ("Amara", "Okafor")


def test_delete_takes_a_wrong_existing_attendee_off_the_event(at_dinner, qtbot):
    ana = person("Ana Souza")
    ben = person("Ben Okafor", how_met="Sailing club")
    type_line(qtbot, at_dinner, "Ana Souza")
    type_line(qtbot, at_dinner, "Ben Okafor")
    choose(at_dinner, ana)
    at_dinner.attendees.setFocus()
    qtbot.keyClick(at_dinner.attendees, Qt.Key.Key_Delete)
    assert events.attendees(at_dinner.event_id) == [ben]
    assert at_dinner.attendee_ids == [ben] and at_dinner.count_label.text() == "1 added"
    assert follow_ups.for_person(ana) == []
    detail = people.get(ana)
    assert (detail.how_met, detail.met_on) == ("", None)  # what the event filled in goes
    assert people.get(ben).how_met == "Sailing club"


def test_a_person_created_by_mistake_is_deleted_from_the_context_menu(at_dinner, qtbot):
    type_line(qtbot, at_dinner, "Tobais")  # a typo: someone new
    assert people.count() == 1
    assert at_dinner.attendees.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    assert at_dinner.remove_action in at_dinner.attendees.actions()
    at_dinner.remove_action.trigger()
    assert people.count() == 0 and events.attendees(at_dinner.event_id) == []
    assert at_dinner.attendees.count() == 0 and not at_dinner.remove_button.isEnabled()


def test_the_remove_button_takes_off_the_chosen_attendee(at_dinner, qtbot):
    ana = person("Ana Souza")
    type_line(qtbot, at_dinner, "Ana Souza")
    qtbot.mouseClick(at_dinner.remove_button, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert events.attendees(at_dinner.event_id) == []
    assert people.exists(ana)  # someone who was already there stays


def test_an_attendees_follow_up_is_moved_or_dropped_in_the_flow(at_dinner, qtbot):
    ana, ben = person("Ana Souza"), person("Ben Okafor")
    type_line(qtbot, at_dinner, "Ana Souza")
    details = at_dinner.details
    later = dt.date.today() + dt.timedelta(days=10)
    details.follow_up.set_date(later)
    qtbot.mouseClick(details.save_button, Qt.MouseButton.LeftButton)
    assert [f.due for f in follow_ups.for_person(ana)] == [later]
    type_line(qtbot, at_dinner, "Ben Okafor")
    details.follow_up.check.setChecked(False)
    at_dinner.accept()  # Done keeps what was typed about the last attendee
    assert follow_ups.for_person(ben) == []
    assert [f.due for f in follow_ups.for_person(ana)] == [later]


def test_what_you_learn_about_an_attendee_is_stored(at_dinner, qtbot):
    type_line(qtbot, at_dinner, "Amara Okafor")
    amara = at_dinner.created_ids[0]
    details = at_dinner.details
    assert details.isEnabled() and details.title() == "About Amara Okafor"
    qtbot.keyClicks(details.phone, "+47 912 34 567")
    qtbot.keyClicks(details.email, "amara@helix.example")
    details.tags[TagKind.HOBBY].set_tags(["Sailing"])
    details.tags[TagKind.INTEREST].set_tags(["Reef restoration"])
    qtbot.keyClicks(details.why, "Gave the talk on coral nurseries")
    qtbot.keyClicks(details.note, "Moving to Oslo in May")
    type_line(qtbot, at_dinner, "Ben Okafor")  # choosing the next one saves the last
    detail = people.get(amara)
    assert {(p.kind, p.value) for p in detail.points} == {
        (PointKind.PHONE, "+47 912 34 567"),
        (PointKind.EMAIL, "amara@helix.example"),
    }
    assert set(detail.tags) == {(TagKind.HOBBY, "Sailing"), (TagKind.INTEREST, "Reef restoration")}
    assert (detail.why_stand_out, detail.notes) == (
        "Gave the talk on coral nurseries",
        "Moving to Oslo in May",
    )


def test_a_bad_email_keeps_the_attendee_chosen_with_what_was_typed(at_dinner, qtbot):
    type_line(qtbot, at_dinner, "Amara Okafor")
    amara = at_dinner.created_ids[0]
    qtbot.keyClicks(at_dinner.details.email, "amara at helix")
    type_line(qtbot, at_dinner, "Ben Okafor")
    assert at_dinner.attendees.currentItem().data(Qt.ItemDataRole.UserRole + 1) == amara
    assert at_dinner.details.email.text() == "amara at helix"
    assert at_dinner.details.message.text() == "“amara at helix” is not an email address."


def test_the_event_label_is_a_buddy_not_a_literal_ampersand(capture):
    labels = [label for label in capture.findChildren(QLabel) if label.text() == "&Event"]
    assert [label.buddy() for label in labels] == [capture.event_name]


def test_escape_with_unsaved_details_asks_and_save_keeps_them(at_dinner, qtbot):
    type_line(qtbot, at_dinner, "Amara Okafor")
    qtbot.keyClicks(at_dinner.details.why, "Gave the coral talk")
    qtbot.keyClick(at_dinner, Qt.Key.Key_Escape)
    box = at_dinner.findChild(QMessageBox, "discard_changes")
    assert box is not None and box.isVisible() and at_dinner.isVisible()
    box.button(QMessageBox.StandardButton.Save).click()
    assert not at_dinner.isVisible()
    assert people.get(at_dinner.created_ids[0]).why_stand_out == "Gave the coral talk"


def test_escape_on_a_typed_event_asks_before_dropping_it(capture, qtbot):
    qtbot.keyClicks(capture.event_name, "Partner dinner")
    qtbot.keyClick(capture, Qt.Key.Key_Escape)
    box = capture.findChild(QMessageBox, "discard_changes")
    assert box is not None and capture.isVisible()
    box.button(QMessageBox.StandardButton.Discard).click()
    assert not capture.isVisible() and capture.event_id is None
