"""Tools > Sort people into circles…: one person at a time with one key each (1-6, S, Backspace,
Ctrl+Z, Enter for the suggestion, Escape), the counter, the suggested circle highlighted, every
choice stored at once, and the offer after an import that left people in no circle."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from netdesk.core import people
from netdesk.ui.dialogs.circle_triage_dialog import CircleTriageDialog
from tests.helpers.people import person


@pytest.fixture
def unsorted(store) -> dict[str, int]:
    """Maria is Family and three people at acme.com are Colleagues; Ed (acme.com), Tobias (no
    evidence) and Ana Souza are in no circle."""
    person("Maria Souza", circles=["Family"])
    for name in ("Al", "Bea", "Cy"):
        person(f"{name} Acme", email=f"{name.lower()}@acme.com", circles=["Colleagues"])
    return {
        "ed": person("Ed Newman", email="ed@acme.com", org="Acme", title="Engineer"),
        "tobias": person("Tobias Quenneville", how_met="The <b>climbing</b> gym"),
        "ana": person("Ana Souza"),
    }


def circles_of(person_id: int) -> list[str]:
    return people.get(person_id).circles


def open_triage(window, qtbot) -> CircleTriageDialog:
    dialog = window.person_actions.sort_into_circles()
    assert isinstance(dialog, CircleTriageDialog)  # the window's child, deleted on close
    qtbot.waitUntil(lambda: dialog.evidence is not None, timeout=10_000)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def press(qtbot, dialog, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(dialog, key, modifier)


def test_the_keyboard_sorts_everyone(unsorted, window, qtbot):
    dialog = open_triage(window, qtbot)
    assert [b.text() for b in dialog.circle_buttons] == [
        "1  Family",
        "2  Friends of family",
        "3  Friends",
        "4  Colleagues",
        "5  Internship",
        "6  National service",
    ]
    assert dialog.skip_button.text() == "S  Skip"
    # Ed first (by family name): the domain suggests Colleagues, whose button is the default
    assert dialog.counter.text() == "1 of 3"
    assert dialog.name.text() == "Ed Newman"
    assert dialog.details.text() == "Engineer — Acme\ned@acme.com"
    assert dialog.suggestion.text() == (
        "Suggested: Colleagues, as 3 people at acme.com are Colleagues (Enter)."
    )
    assert dialog.circle_buttons[3].isDefault() and dialog.circle_buttons[3].font().bold()
    assert not any(b.isDefault() for i, b in enumerate(dialog.circle_buttons) if i != 3)
    press(qtbot, dialog, Qt.Key.Key_Return)
    assert circles_of(unsorted["ed"]) == ["Colleagues"]
    # Tobias: nothing to suggest, Enter does nothing, S skips him
    assert (dialog.counter.text(), dialog.name.text()) == ("2 of 3", "Tobias Quenneville")
    assert dialog.details.text() == "Met: The <b>climbing</b> gym"
    assert dialog.details.textFormat() == Qt.TextFormat.PlainText
    assert not any(b.isDefault() for b in dialog.circle_buttons)
    press(qtbot, dialog, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.name.text() == "Tobias Quenneville"
    press(qtbot, dialog, Qt.Key.Key_S)
    assert circles_of(unsorted["tobias"]) == []
    # Ana: the surname she shares with Maria suggests Family; 3 puts her in Friends
    assert (dialog.counter.text(), dialog.name.text()) == ("3 of 3", "Ana Souza")
    assert dialog.suggestion.text() == (
        "Suggested: Family, as Shares the surname Souza with Maria Souza in Family (Enter)."
    )
    press(qtbot, dialog, Qt.Key.Key_3)
    assert circles_of(unsorted["ana"]) == ["Friends"]
    assert dialog.name.text() == "Everyone is sorted."
    assert dialog.details.text() == "2 placed in a circle, 1 skipped."


def test_backspace_and_ctrl_z_take_the_last_choice_back(unsorted, window, qtbot):
    dialog = open_triage(window, qtbot)
    press(qtbot, dialog, Qt.Key.Key_5)
    assert circles_of(unsorted["ed"]) == ["Internship"]
    press(qtbot, dialog, Qt.Key.Key_Backspace)
    assert circles_of(unsorted["ed"]) == []
    assert (dialog.counter.text(), dialog.name.text()) == ("1 of 3", "Ed Newman")
    press(qtbot, dialog, Qt.Key.Key_4)
    press(qtbot, dialog, Qt.Key.Key_S)
    press(qtbot, dialog, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the skip
    assert (dialog.counter.text(), dialog.name.text()) == ("2 of 3", "Tobias Quenneville")
    press(qtbot, dialog, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert circles_of(unsorted["ed"]) == []
    assert not dialog.undo_button.isEnabled()


def test_escape_closes_and_the_choices_stay(unsorted, window, qtbot):
    dialog = open_triage(window, qtbot)
    press(qtbot, dialog, Qt.Key.Key_6)
    with qtbot.waitSignal(dialog.finished):
        press(qtbot, dialog, Qt.Key.Key_Escape)
    assert circles_of(unsorted["ed"]) == ["National service"]
    # the window's sidebar counts the circle's new member once the change reaches it
    qtbot.waitUntil(
        lambda: any(
            c.name == "National service" and c.count == 1 for c in window.sidebar_data.circles
        ),
        timeout=10_000,
    )


def test_tools_menu_opens_it_and_nobody_to_sort_is_said(store, window, qtbot):
    person("Maria Souza", circles=["Family"])
    assert window.act_triage.text() == "Sort people into ci&rcles…"
    window.act_triage.trigger()
    dialog = window.person_actions.triage_dialog
    qtbot.waitUntil(lambda: dialog.evidence is not None, timeout=10_000)
    assert dialog.name.text() == "Everyone is in a circle already."
    assert not any(b.isEnabled() for b in [*dialog.circle_buttons, dialog.skip_button])


def test_an_empty_netdesk_says_there_is_nobody_yet_rather_than_everyone_sorted(
    store, window, qtbot
):
    window.act_triage.trigger()
    dialog = window.person_actions.triage_dialog
    qtbot.waitUntil(lambda: dialog.evidence is not None, timeout=10_000)
    assert dialog.name.text() == "Nobody to sort yet: add or import people first."


def test_an_import_that_left_people_in_no_circle_offers_to_sort_them(store, window, qtbot):
    from netdesk.ui.window.import_preview import Stage

    person("Already Here")  # in no circle either, but not brought in by this import
    flow = window.file_actions.import_data(
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Souza\r\nN:Souza;Ana;;;\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo Chen\r\nN:Chen;Bo;;;\r\nEND:VCARD\r\n",
        "two cards",
    )
    qtbot.waitUntil(lambda: flow.dialog.import_button.isEnabled(), timeout=20_000)
    flow.dialog.import_button.click()
    qtbot.waitUntil(lambda: flow.dialog.stage is Stage.REPORT, timeout=20_000)
    offer = flow.dialog.triage_button
    assert offer.isVisible() and offer.text() == "Sort 2 into circles…"
    offer.click()
    (dialog,) = [d for d in window.findChildren(CircleTriageDialog) if d.isVisible()]
    qtbot.waitUntil(lambda: dialog.evidence is not None, timeout=10_000)
    assert (dialog.counter.text(), dialog.name.text()) == ("1 of 2", "Bo Chen")
    dialog.circle_buttons[2].click()
    assert dialog.name.text() == "Ana Souza" and circles_of(dialog.people[0]) == ["Friends"]
    dialog.undo_button.click()  # Bo back in no circle: the import undoes without asking
    dialog.reject()
    flow.dialog.undo_button.click()
    qtbot.waitUntil(lambda: not offer.isVisible(), timeout=10_000)
    flow.dialog.accept()  # the flow lets go of the window's undo stack


def test_the_offer_after_an_import_leaves_out_those_sorted_since(store, window, qtbot):
    from netdesk.ui.window.import_preview import Stage

    flow = window.file_actions.import_data(
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Souza\r\nN:Souza;Ana;;;\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo Chen\r\nN:Chen;Bo;;;\r\nEND:VCARD\r\n",
        "two cards",
    )
    qtbot.waitUntil(lambda: flow.dialog.import_button.isEnabled(), timeout=20_000)
    flow.dialog.import_button.click()
    qtbot.waitUntil(lambda: flow.dialog.stage is Stage.REPORT, timeout=20_000)
    offer = flow.dialog.triage_button
    for shown, left in (("1 of 2", "Sort 1 into circles…"), ("1 of 1", "")):
        offer.click()
        (dialog,) = [d for d in window.findChildren(CircleTriageDialog) if d.isVisible()]
        qtbot.waitUntil(lambda d=dialog: d.evidence is not None, timeout=10_000)
        assert dialog.counter.text() == shown  # the second time, only the one left
        dialog.circle_buttons[2].click()
        dialog.reject()
        assert offer.isVisible() == bool(left) and (not left or offer.text() == left)
    flow.dialog.accept()


def test_every_place_they_work_now_is_shown(store, window, qtbot):
    import datetime as dt

    from netdesk.core.people import PersonDraft, PositionDraft

    people.create(
        PersonDraft(
            display_name="Ed Newman",
            positions=[
                PositionDraft("Acme", "Engineer"),
                PositionDraft("Lumen", "Advisor"),
                PositionDraft("Old Co", "Intern", end=dt.date(2019, 6, 30)),
            ],
        )
    )
    dialog = open_triage(window, qtbot)
    assert dialog.details.text() == "Engineer — Acme; also at Lumen"


def test_a_hebrew_name_starts_at_the_left_under_the_counter(store, window, qtbot):
    person("דוד כהן")
    dialog = open_triage(window, qtbot)
    assert dialog.name.text() == "דוד כהן"
    image = dialog.name.grab().toImage()
    background = image.pixelColor(image.width() - 1, 0)
    inked = [
        x
        for x in range(image.width())
        if any(image.pixelColor(x, y) != background for y in range(image.height()))
    ]
    assert inked[0] < 10 and inked[-1] < image.width() / 2  # Qt put it at the far right


def test_how_you_met_that_starts_with_met_is_not_said_twice(store, window, qtbot):
    person("Ida Berg", how_met="Met at the Lumen offsite")
    dialog = open_triage(window, qtbot)
    assert dialog.details.text() == "Met at the Lumen offsite"
