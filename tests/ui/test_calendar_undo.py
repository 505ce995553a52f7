"""File > Import calendar… in the real window: one Ctrl+Z takes the meetings back, redo imports
them again."""

from __future__ import annotations

from netdesk.core import people
from netdesk.db.models import Event, Person
from tests.helpers.paths import FIXTURES
from tests.helpers.people import person

GOOGLE = FIXTURES / "ics" / "google.ics"


def test_a_calendar_import_is_undone_and_redone_from_the_window(make_window, qtbot):
    ana = person("Ana Souza", email="ana.souza@example.com")
    window = make_window()
    dialog = window.file_actions.import_calendar(GOOGLE)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=10_000)
    dialog.checks["chloe.martin@example.org"].setChecked(True)
    dialog.import_button.click()
    qtbot.waitUntil(lambda: Event.select().count() == 2, timeout=10_000)
    qtbot.waitUntil(lambda: window.undo_stack.canUndo())
    assert window.undo_stack.undoText() == "Import calendar google.ics"
    message = "Imported 2 new meetings, 1 new person from google.ics"
    assert window.statusBar().currentMessage() == message

    window.act_undo.trigger()
    assert Event.select().count() == 0
    assert [p.display_name for p in Person.select()] == ["Ana Souza"]
    assert people.get(ana).how_met == ""

    window.act_redo.trigger()
    assert sorted(e.name for e in Event.select()) == ["Partnership call", "Weekly mentoring"]
    assert Person.select().count() == 2
    assert people.get(ana).how_met != ""
