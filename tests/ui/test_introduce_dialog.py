"""Introduce…: from the person shown (menu, pane) or from a suggestion (both pre-filled), the
second person picked by typing, the email drafted and editable, sent as a percent-encoded
mailto: URL to the desktop's mail handler or copied, the introduction recorded as one command
that one Ctrl+Z takes back; someone without an email address is said so."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QToolButton

from netdesk.core import follow_ups, introductions, needs
from netdesk.db.models import Interaction, Relationship
from netdesk.ui.dialogs.introduce_dialog import IntroduceDialog
from netdesk.values import InteractionKind, NeedKind
from tests.helpers.people import person


class MailProgram(QObject):
    """Stands in for the user's mail program, which a test machine does not have: Qt's own
    handler hook for a URL scheme receives what `QDesktopServices.openUrl` would hand over."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url)


@pytest.fixture
def mail_program(qapp):
    program = MailProgram()
    QDesktopServices.setUrlHandler("mailto", program, "open")
    yield program
    QDesktopServices.unsetUrlHandler("mailto")


@pytest.fixture
def folks(store) -> dict[str, int]:
    jamal = person("Jamal Reed", given="Jamal", email="jamal@example.org")
    ana = person("Ana Souza", given="Ana", email="ana+work@lumen.example", org="Lumen")
    tobias = person("Tobias <b>Q</b>", given="Tobias")
    needs.add(jamal, NeedKind.NEED, "an analyst role")
    needs.add(ana, NeedKind.OFFER, "hiring analysts")
    return {"jamal": jamal, "ana": ana, "tobias": tobias}


def opened(window) -> IntroduceDialog:
    dialog = window.person_actions.introduce_dialog
    assert isinstance(dialog, IntroduceDialog)  # the window's child, deleted on close
    return dialog


def test_introduce_from_the_person_menu_sends_and_one_undo_takes_it_back(
    folks, window, qtbot, mail_program
):
    window.reveal_person(folks["jamal"])
    window.act_introduce.trigger()
    dialog = opened(window)
    assert dialog.who.text() == "Who should Jamal Reed meet?"
    assert not dialog.send_button.isEnabled() and not dialog.copy_button.isEnabled()
    qtbot.keyClicks(dialog.picker, "Ana")
    qtbot.keyClick(dialog.picker, Qt.Key.Key_Return)
    assert dialog.who.text() == "Introducing Jamal Reed and Ana Souza."
    assert dialog.subject.text() == "Introduction: Jamal Reed <> Ana Souza"
    body = dialog.body.toPlainText()
    assert body.startswith("Hi Jamal and Ana,")
    assert "Jamal is looking for an analyst role, and Ana can help there (hiring analysts)." in body
    assert not dialog.note.isVisible()
    dialog.body.appendPlainText("P.S. Coffee & cake on me?")  # the draft is the user's to edit
    with qtbot.waitSignal(dialog.finished):
        dialog.send_button.click()
    (url,) = mail_program.opened
    expected = introductions.mailto_url(
        ["jamal@example.org", "ana+work@lumen.example"],
        "Introduction: Jamal Reed <> Ana Souza",
        body + "\nP.S. Coffee & cake on me?",
    )
    assert url.toString(QUrl.ComponentFormattingOption.FullyEncoded) == expected
    assert "%26%20cake" in expected and "ana%2Bwork@" in expected
    (row,) = Interaction.select()
    assert (row.kind, row.follow_up) == (
        InteractionKind.INTRODUCTION,
        dt.date.today() + dt.timedelta(days=14),
    )
    assert row.notes.endswith("P.S. Coffee & cake on me?")
    assert introductions.introduced(folks["jamal"], folks["ana"])
    assert window.undo_stack.undoText() == "Introduce Jamal Reed and Ana Souza"
    window.act_undo.trigger()
    assert Interaction.select().count() == 0 and Relationship.select().count() == 0
    assert follow_ups.for_person(folks["ana"]) == []
    window.act_redo.trigger()
    assert Interaction.select().count() == 1 and introductions.introduced(
        folks["ana"], folks["jamal"]
    )


def test_someone_without_an_email_is_said_and_the_email_can_be_copied(folks, window, qtbot):
    window.person_actions.introduce(folks["ana"], folks["tobias"])
    dialog = opened(window)
    assert dialog.who.textFormat() == Qt.TextFormat.PlainText
    assert dialog.who.text() == "Introducing Ana Souza and Tobias <b>Q</b>."
    assert dialog.note.isVisible() and dialog.note.textFormat() == Qt.TextFormat.PlainText
    assert dialog.note.text() == (
        "No email address for Tobias <b>Q</b>: copy the email and send it to them your own way."
    )
    with qtbot.waitSignal(dialog.finished):
        dialog.copy_button.click()
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith(
        "To: ana+work@lumen.example\nSubject: Introduction: Ana Souza <> Tobias <b>Q</b>\n\n"
        "Hi Ana and Tobias,"
    )
    assert Interaction.select().count() == 1


def test_nobody_with_an_email_can_only_be_copied(folks, window, qtbot):
    lone = person("Lone Wolf")
    window.person_actions.introduce(folks["tobias"], lone)
    dialog = opened(window)
    assert not dialog.send_button.isEnabled() and dialog.copy_button.isEnabled()
    assert dialog.note.text().startswith("No email address for Tobias <b>Q</b>, Lone Wolf:")
    dialog.reject()
    assert Interaction.select().count() == 0  # cancelling records nothing


def test_introduce_on_a_suggestion_fills_in_both(folks, window, qtbot):
    suggestions = window.person_actions.ways_to_help()
    qtbot.waitUntil(lambda: bool(suggestions.found), timeout=10_000)
    (button,) = suggestions.introduce_buttons()
    assert button.text() == "Introduce…"
    button.click()
    dialog = opened(window)
    assert (dialog.first, dialog.second) == (folks["jamal"], folks["ana"])
    assert dialog.subject.text() == "Introduction: Jamal Reed <> Ana Souza"
    assert dialog.send_button.isEnabled()


def test_the_pane_offers_introduce_for_the_person_shown(folks, window, qtbot):
    window.reveal_person(folks["ana"])
    qtbot.waitUntil(lambda: window.pane.findChild(QToolButton, "pane_action_introduce") is not None)
    window.pane.findChild(QToolButton, "pane_action_introduce").click()
    dialog = opened(window)
    assert dialog.first == folks["ana"] and dialog.second == 0
    assert dialog.windowTitle() == "Introduce Ana Souza"


def test_enter_in_the_subject_keeps_the_dialog_open(folks, window, qtbot):
    window.person_actions.introduce(folks["jamal"], folks["ana"])
    dialog = opened(window)
    dialog.subject.setFocus()
    qtbot.keyClick(dialog.subject, Qt.Key.Key_Return)
    assert dialog.isVisible() and Interaction.select().count() == 0


def test_the_lists_context_menu_offers_introduce(folks, window, qtbot):
    window.reveal_person(folks["tobias"])
    row = window.table.visualRect(window.table.currentIndex()).center()
    menu = window.menus.show_people_menu(row)
    assert window.act_introduce in menu.actions()
    window.act_introduce.trigger()
    menu.close()
    assert opened(window).first == folks["tobias"]


def test_ways_to_help_with_nothing_to_suggest_is_a_sentence_not_an_empty_box(store, window, qtbot):
    person("Ana Souza")
    suggestions = window.person_actions.ways_to_help()
    suggestions.show()
    qtbot.waitUntil(lambda: suggestions.status.text().startswith("No need matches"))
    assert not suggestions.scroll.isVisible()
    assert suggestions.height() < 200


def test_the_pane_actions_wrap_rather_than_push_the_pane_wider_than_the_window(
    folks, window, qtbot
):
    window.resize(1280, 760)
    window.splitter.setSizes([190, 760, 330])  # the pane's share of a 1280-pixel screen
    window.reveal_person(folks["ana"])
    qtbot.waitUntil(lambda: window.pane.findChild(QToolButton, "pane_action_edit") is not None)
    qtbot.wait(50)  # the new content laid out
    viewport = window.pane.scroll.viewport()
    assert window.pane.scroll.widget().width() <= viewport.width()
    for button in window.pane.findChildren(QToolButton):
        if button.objectName().startswith("pane_action_"):
            right = button.mapTo(viewport, button.rect().topRight()).x()
            assert right <= viewport.width(), button.text()


def test_tab_leaves_the_email_for_the_buttons_rather_than_typing_a_tab(folks, window, qtbot):
    window.person_actions.introduce(folks["ana"], folks["jamal"])
    dialog = opened(window)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.body.setFocus()
    drafted = dialog.body.toPlainText()
    qtbot.keyClick(dialog.body, Qt.Key.Key_Tab)
    assert dialog.body.toPlainText() == drafted
    assert dialog.focusWidget() is dialog.send_button


def test_a_way_to_help_that_starts_with_an_arabic_name_reads_left_to_right(store, window, qtbot):
    needs.add(person("محمد الهاشمي"), NeedKind.NEED, "an analyst role")
    needs.add(person("Ben Ode"), NeedKind.OFFER, "hiring analysts")
    suggestions = window.person_actions.ways_to_help()
    suggestions.resize(1000, 400)  # the sentence fits on one line
    qtbot.waitUntil(lambda: bool(suggestions.found), timeout=10_000)
    label = suggestions.list.findChild(QLabel, "sentence")
    assert label.text().endswith(suggestions.found[0].sentence)
    qtbot.waitUntil(lambda: label.width() > 800)
    image = label.grab().toImage()
    background = image.pixelColor(image.width() - 1, 0)
    inked = [
        x
        for x in range(image.width())
        if any(image.pixelColor(x, y) != background for y in range(image.height()))
    ]
    assert inked[0] < 10 and inked[-1] < image.width() - 50  # not laid out from the right
