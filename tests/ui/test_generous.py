"""Generous without a scoreboard: favours are plain history in the pane and the favour dialog,
and what someone is looking for or can help with is added, shown as plain text, removed and
undone from the pane."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QMessageBox, QWidget

from netdesk.core import favours, needs
from netdesk.qt import formatting, i18n
from netdesk.ui.dialogs.favour_dialog import FavourDialog
from netdesk.ui.views.person_pane import PersonPane
from netdesk.values import FavourDirection, FavourStatus, NeedKind
from tests.helpers.people import person

# The tally and its nudges as they were worded: "Given 1, received 2", "given 1, received 2.",
# "They have done more for you", "Giving first makes asking easy later".
SCOREBOARD = re.compile(r"\bgiven\b|\breceived\b|balance|more for you|asking", re.IGNORECASE)


def shown_texts(widget: QWidget) -> list[str]:
    labels = [label.text() for label in widget.findChildren(QLabel)]
    return labels + [button.text() for button in widget.findChildren(QAbstractButton)]


def favours_both_ways() -> int:
    ana = person("Ana Souza")
    favours.add(ana, FavourDirection.GIVEN, "Read her grant draft", status=FavourStatus.DONE)
    favours.add(ana, FavourDirection.RECEIVED, "Intro to the Helix lab", status=FavourStatus.DONE)
    favours.add(ana, FavourDirection.RECEIVED, "Lent me her projector", status=FavourStatus.DONE)
    soon = dt.date.today() + dt.timedelta(days=3)
    favours.add(ana, FavourDirection.GIVEN, "Send the workshop slides", due=soon)
    return ana


def test_the_pane_keeps_no_score(store, qtbot):
    ana = favours_both_ways()
    i18n.install()  # as the window does: "in %n day(s)" reads "in 3 days"
    pane = PersonPane()
    qtbot.addWidget(pane)
    pane.show_person(ana)
    texts = shown_texts(pane)
    assert [t for t in texts if SCOREBOARD.search(t)] == []
    today = formatting.short_date(dt.date.today())
    assert {t for t in texts if "helped with" in t or "offered" in t} == {
        f"You helped with: Read her grant draft · {today}",
        f"They helped with: Intro to the Helix lab · {today}",
        f"They helped with: Lent me her projector · {today}",
        "You offered: Send the workshop slides — in 3 days",
    }


def test_the_favour_dialog_keeps_no_score(store, qtbot):
    ana = favours_both_ways()
    dialog = FavourDialog(None, ana)
    qtbot.addWidget(dialog)
    texts = shown_texts(dialog)
    assert [t for t in texts if SCOREBOARD.search(t)] == []
    assert dialog.history.text().startswith("With Ana Souza so far:\n")


def need_lines(window) -> list[str]:
    return sorted(
        label.text()
        for label in window.pane.findChildren(QLabel)
        if label.objectName().startswith("need_text_")
    )


def type_into(qtbot, field: QLineEdit, text: str) -> None:
    field.setFocus()
    qtbot.keyClicks(field, text)
    field.returnPressed.emit()


def test_needs_added_removed_and_undone_from_the_pane(make_window, qtbot):
    jamal = person("Jamal Reed")
    needs.add(jamal, NeedKind.OFFER, "knows Lisbon well", dt.date.today() - dt.timedelta(200))
    window = make_window()
    window.reveal_person(jamal)
    qtbot.waitUntil(lambda: window.pane.view is not None and window.pane.view.id == jamal)
    old = formatting.short_date(dt.date.today() - dt.timedelta(200))
    assert need_lines(window) == [f"knows Lisbon well · {old} · may be out of date"]
    today = formatting.short_date(dt.date.today())
    type_into(qtbot, window.pane.findChild(QLineEdit, "need_add_need"), "an analyst role")
    qtbot.waitUntil(lambda: len(need_lines(window)) == 2)
    assert need_lines(window)[0] == f"an analyst role · {today}"
    [added] = [e for e in needs.for_person(jamal) if e.kind is NeedKind.NEED]
    assert window.undo_stack.undoText() == "Add what they are looking for"
    window.pane.findChild(QAbstractButton, f"need_remove_{added.id}").click()
    qtbot.waitUntil(lambda: len(need_lines(window)) == 1)
    assert window.undo_stack.undoText() == "Remove “an analyst role”"
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: len(need_lines(window)) == 2)
    [back] = [e for e in needs.for_person(jamal) if e.kind is NeedKind.NEED]
    assert (back.text, back.noted_on) == ("an analyst role", dt.date.today())
    window.undo_stack.redo()
    qtbot.waitUntil(lambda: len(need_lines(window)) == 1)
    assert [e.text for e in needs.for_person(jamal)] == ["knows Lisbon well"]


def test_a_refused_need_is_one_sentence_and_keeps_what_was_typed(make_window, qtbot):
    jamal = person("Jamal Reed")
    window = make_window()
    window.reveal_person(jamal)
    qtbot.waitUntil(lambda: window.pane.view is not None and window.pane.view.id == jamal)
    field = window.pane.findChild(QLineEdit, "need_add_offer")
    type_into(qtbot, field, "x" * 301)
    box = window.findChild(QMessageBox, "error_box")
    assert box.text() == "Keep it under 300 characters."
    assert field.text() == "x" * 301 and needs.for_person(jamal) == []


def test_needs_show_as_plain_text(store, qtbot):
    ana = person("Ana Souza")
    needs.add(ana, NeedKind.NEED, "<b>a flat</b> <img src='/dev/zero'>")
    pane = PersonPane()
    qtbot.addWidget(pane)
    pane.show_person(ana)
    [label] = [
        label for label in pane.findChildren(QLabel) if label.objectName().startswith("need_text_")
    ]
    assert label.textFormat() == label.textFormat().PlainText
    assert label.text().startswith("<b>a flat</b> <img src='/dev/zero'> · ")
