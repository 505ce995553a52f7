"""One Ctrl+Z takes a whole event capture back, in the real window over a real database: the
event, its interaction, the people it created and what it filled in about people already known."""

from __future__ import annotations

import datetime as dt

from netdesk.core import events, interactions, people
from netdesk.core.interactions import InteractionDraft
from netdesk.db.models import Event, Interaction, Person, Reminder
from netdesk.ui.dialogs.event_capture import EventCaptureDialog
from netdesk.ui.window import import_flow
from netdesk.values import InteractionKind
from tests.helpers.people import person


def capture_dinner(dialog: EventCaptureDialog) -> None:
    """Oslo dinner: Ana (already known, a note typed about her) and Kai (new)."""
    dialog.event_name.setText("Oslo dinner")
    dialog.create_event()
    dialog.enter_text("Ana Souza")
    dialog.details.note.setPlainText("Knows everyone in Oslo's climate scene.")
    dialog.enter_text("Kai Brandt, Lumen")  # choosing Kai saves what was typed about Ana


def named(name: str) -> Person | None:
    return Person.get_or_none(Person.display_name == name)


def test_one_undo_takes_the_capture_back_and_redo_writes_it_again(make_window, drive, qtbot):
    ana = person("Ana Souza", notes="Met at a meetup.")
    window = make_window()
    drive(EventCaptureDialog, capture_dinner)
    window.capture_event()
    event = Event.get(Event.name == "Oslo dinner")
    assert people.get(ana).how_met == "Oslo dinner"
    assert people.get(ana).notes == "Knows everyone in Oslo's climate scene."
    assert named("Kai Brandt") is not None
    assert window.undo_stack.undoText() == "Capture people at Oslo dinner"

    window.act_undo.trigger()
    assert Event.select().count() == 0 and Interaction.select().count() == 0
    assert named("Kai Brandt") is None
    assert Reminder.select().count() == 0
    detail = people.get(ana)
    assert (detail.how_met, detail.met_on, detail.notes) == ("", None, "Met at a meetup.")

    window.act_redo.trigger()
    assert Event.get_by_id(event.id).name == "Oslo dinner"
    kai = named("Kai Brandt")
    assert kai is not None
    assert set(events.attendees(event.id)) == {ana, kai.id}
    assert people.get(ana).notes == "Knows everyone in Oslo's climate scene."
    assert Reminder.select().where(Reminder.event == event.id).count() == 2


def test_undo_leaves_what_was_changed_since_about_someone_known(make_window, drive, qtbot):
    ana = person("Ana Souza", notes="Met at a meetup.")
    window = make_window()
    drive(EventCaptureDialog, capture_dinner)
    window.capture_event()
    people.update(ana, people.with_changes(people.get(ana), notes="Moved to Bergen."))

    window.act_undo.trigger()
    detail = people.get(ana)
    assert detail.notes == "Moved to Bergen."  # typed after the capture: kept
    assert detail.how_met == ""
    assert window.statusBar().currentMessage() == "Left as changed since: Ana Souza (notes)."


def test_undo_asks_before_deleting_a_new_person_with_later_work(
    make_window, drive, qtbot, monkeypatch
):
    person("Ana Souza")
    window = make_window()
    drive(EventCaptureDialog, capture_dinner)
    window.capture_event()
    kai = named("Kai Brandt")
    assert kai is not None
    interactions.log(
        InteractionDraft(
            when=dt.date.today(), kind=InteractionKind.CALL, summary="Call", people=[kai.id]
        )
    )
    asked: list[tuple[str, str]] = []
    monkeypatch.setattr(
        import_flow,
        "confirm_undo",
        lambda _parent, reason, title="": asked.append((reason, title)),
    )

    window.act_undo.trigger()  # declined: nothing is undone
    assert asked == [
        (
            "Undoing the capture at Oslo dinner would delete work added since: "
            "Kai Brandt (1 interaction).",
            "Undo the capture",
        )
    ]
    assert named("Kai Brandt") is not None and Event.select().count() == 1
    qtbot.waitUntil(lambda: window.undo_stack.canUndo() and not window.undo_stack.canRedo())

    monkeypatch.setattr(import_flow, "confirm_undo", lambda _parent, _reason, _title="": True)
    window.act_undo.trigger()  # undo anyway
    assert named("Kai Brandt") is None and Event.select().count() == 0
