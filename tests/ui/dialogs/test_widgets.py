"""The small widgets the editors are built from: tags, chips, dates and inline messages."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

from netdesk.ui.dialogs.dates import BirthdayEdit, parse_loose_date
from netdesk.ui.dialogs.feedback import FieldMessage, Severity, severity_colour
from netdesk.ui.widgets.chips import ChipBox, TagEdit
from netdesk.values import Birthday
from tests.helpers.palette import dark_palette


def test_tag_edit_enter_comma_and_backspace(qtbot):
    edit = TagEdit(known=["Jazz", "Reefs"])
    qtbot.addWidget(edit)
    qtbot.keyClicks(edit.edit, "climbing,")
    qtbot.keyClicks(edit.edit, "jazz")
    qtbot.keyClick(edit.edit, Qt.Key.Key_Return)
    qtbot.keyClicks(edit.edit, "Climbing")
    qtbot.keyClick(edit.edit, Qt.Key.Key_Return)  # same tag in another case: not twice
    assert edit.tags() == ["climbing", "jazz"]
    qtbot.keyClicks(edit.edit, "sourdough")
    assert edit.tags() == ["climbing", "jazz", "sourdough"]  # typed but not committed counts
    edit.edit.clear()
    qtbot.keyClick(edit.edit, Qt.Key.Key_Backspace)
    assert edit.tags() == ["climbing"]
    edit.set_tags(["a", "b"])
    assert edit.tags() == ["a", "b"]


def test_tag_edit_suggests_the_tags_that_exist(qtbot):
    edit = TagEdit(known=["Jazz", "Reefs", "Reef diving"])
    qtbot.addWidget(edit)
    edit.show()
    qtbot.keyClicks(edit.edit, "reef")
    popup = edit.edit.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    assert edit.edit.completer().completionModel().rowCount() == 2
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)  # the highlighted suggestion, not what was typed
    qtbot.waitUntil(lambda: edit.edit.text() == "")
    assert edit.tags() == ["Reef diving"]


def test_chip_box_remove_button(qtbot):
    box = ChipBox()
    qtbot.addWidget(box)
    assert box.add(7, "Ana") and not box.add(7, "Ana again")
    box.add(8, "Ben")
    with qtbot.waitSignal(box.removed) as removed:
        qtbot.mouseClick(box.chip(7).button, Qt.MouseButton.LeftButton)
    assert removed.args == [7]
    assert box.key_list() == [8] and box.texts() == ["Ben"]



def test_chips_follow_the_palette(qtbot):
    """One chip for the pane and the editors; a dark palette redraws it (light text on dark)."""
    from netdesk.ui.widgets.chips import Chip

    holder = QWidget()
    qtbot.addWidget(holder)
    box = ChipBox(holder)
    box.add(1, "Jazz")
    chip = box.chip(1)
    assert isinstance(chip, Chip) and chip.text() == "Jazz"
    light = chip.styleSheet()
    holder.setPalette(dark_palette())
    qtbot.waitUntil(lambda: chip.styleSheet() != light)
    assert "color: #e6e6e6" in chip.styleSheet()
    tinted = Chip("Climbing", holder, tint=210)
    assert tinted.styleSheet() != chip.styleSheet()

@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("", None),
        ("2021", dt.date(2021, 1, 1)),
        ("2021-4", dt.date(2021, 4, 1)),
        ("2021/04/09", dt.date(2021, 4, 9)),
    ],
)
def test_parse_loose_date(text, day):
    assert parse_loose_date(text) == day


@pytest.mark.parametrize("text", ["spring", "2021-13", "2021-02-30", "21"])
def test_parse_loose_date_refuses(text):
    with pytest.raises(ValueError):
        parse_loose_date(text)


def test_birthday_edit_states(qtbot):
    edit = BirthdayEdit()
    qtbot.addWidget(edit)
    assert edit.birthday() is None and not edit.day.isEnabled()
    edit.set_birthday(Birthday(2, 29, None))
    assert edit.birthday() == Birthday(2, 29, None) and not edit.year.isEnabled()
    edit.no_year.setChecked(False)
    edit.year.setValue(2001)
    assert edit.problem() == "2001 had no 29 February; tick “Year unknown” if unsure."
    edit.set_birthday(Birthday(4, 30, 1990))
    edit.day.setValue(31)
    assert edit.problem() == "April has only 30 days."


def test_messages_follow_the_palette(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    message = FieldMessage(parent, "m")
    message.show_error("Broken")
    light = message.palette().color(QPalette.ColorRole.WindowText)
    dark = QPalette()
    dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#e8eaed"))
    parent.setPalette(dark)
    assert message.palette().color(QPalette.ColorRole.WindowText) == severity_colour(
        dark, Severity.ERROR
    )
    assert message.palette().color(QPalette.ColorRole.WindowText) != light
    assert message.palette().color(QPalette.ColorRole.WindowText).lightnessF() > 0.5
    message.clear_message()
    assert message.isHidden() and message.severity is None
