"""The person editor: every field into a PersonDraft, inline validation, editing keeps the rest."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QDialog

from netdesk.core import circles, people
from netdesk.core import store as core_store
from netdesk.core.keep_in_touch import NURTURE_DEFAULT_DAYS
from netdesk.core.people import PersonDraft, PointDraft, PositionDraft
from netdesk.qt import plain
from netdesk.ui.dialogs import person_editor
from netdesk.ui.dialogs.person_editor import PersonEditor
from netdesk.values import Birthday, PointKind, TagKind
from tests.helpers.people import person


@pytest.fixture
def editor(store, qtbot):
    def make(detail=None) -> PersonEditor:
        dialog = PersonEditor(None, detail)
        qtbot.addWidget(dialog)
        return dialog

    return make


@pytest.fixture
def png(tmp_path):
    image = QImage(640, 480, QImage.Format.Format_RGB32)
    image.fill(QColor(40, 120, 200))
    path = tmp_path / "face.png"
    assert image.save(str(path))
    return path


def circle_item(dialog: PersonEditor, name: str):
    items = [dialog.circles.item(r) for r in range(dialog.circles.count())]
    return next(i for i in items if i.data(person_editor.NAME_ROLE) == name)


def set_cell(table, row: int, column: int, text: str) -> None:
    table.table.item(row, column).setText(text)


def test_new_person_with_every_field(editor, qtbot, png):
    introducer = person("Bodil Haugen", org="Kōwhai Trust")
    with core_store.write():  # a circle nobody is in yet
        people.circle_by_name("Climbing club")
    dialog = editor()
    qtbot.keyClicks(dialog.given, "Ana")
    qtbot.keyClicks(dialog.family, "Souza")
    qtbot.keyClicks(dialog.prefix, "Dr")
    qtbot.keyClicks(dialog.additional, "Maria")
    qtbot.keyClicks(dialog.suffix, "PhD")
    qtbot.keyClicks(dialog.nickname, "Nina")
    assert dialog.display_name.text() == "Dr Ana Maria Souza PhD"
    assert dialog.photo.load_file(png)
    dialog.birthday.known.setChecked(True)
    dialog.birthday.no_year.setChecked(True)
    dialog.birthday.month.setCurrentIndex(1)
    dialog.birthday.day.setValue(29)
    qtbot.keyClicks(dialog.why_stand_out, "Gave the reef restoration talk")
    for kind, text in (
        (TagKind.INTEREST, "reefs, jazz"),
        (TagKind.HOBBY, "climbing"),
        (TagKind.SKILL, "grant writing"),
        (TagKind.LABEL, "mentor"),
    ):
        edit = dialog.tag_edits[kind].edit
        qtbot.keyClicks(edit, text)
        qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert dialog.result() == 0  # Enter in a tag field adds the tag, it never saves
    qtbot.keyClicks(dialog.family_notes, "Two kids, Leo and Mia")
    qtbot.keyClicks(dialog.how_met, "Oslo climate dinner")
    dialog.met_on.set_date(dt.date(2024, 3, 14))
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.tabs.setCurrentIndex(1)
    dialog.met_through.setFocus()
    qtbot.keyClicks(dialog.met_through, "bodil")
    popup = dialog.met_through._completer.popup()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    dialog.nurture.setChecked(True)
    dialog.use_default.setChecked(False)
    dialog.cadence.setValue(45)
    circle_item(dialog, "Friends").setCheckState(Qt.CheckState.Checked)
    qtbot.keyClicks(dialog.new_circle, "Reef volunteers")
    qtbot.keyClick(dialog.new_circle, Qt.Key.Key_Return)
    assert dialog.result() == 0  # Enter in the new-circle field adds it, it never saves
    row = dialog.points.add_empty_row()
    set_cell(dialog.points, row, dialog.points.VALUE, "ana@reef.example")
    set_cell(dialog.points, row, dialog.points.LABEL, "work")
    dialog.points.table.item(row, dialog.points.PREFERRED).setCheckState(Qt.CheckState.Checked)
    row = dialog.points.add_empty_row()
    dialog.points.set_kind(row, PointKind.PHONE)
    set_cell(dialog.points, row, dialog.points.VALUE, "+47 912 34 567")
    row = dialog.positions.add_empty_row()
    set_cell(dialog.positions, row, dialog.positions.ORG, "Fjordlight Analytics")
    set_cell(dialog.positions, row, dialog.positions.TITLE, "Head of Data")
    set_cell(dialog.positions, row, dialog.positions.START, "2021-04")
    row = dialog.positions.add_empty_row()
    set_cell(dialog.positions, row, dialog.positions.ORG, "Helix University")
    set_cell(dialog.positions, row, dialog.positions.END, "2021")
    qtbot.keyClicks(dialog.notes, "Prefers mornings")
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted

    draft = dialog.draft()
    assert (draft.prefix, draft.given, draft.additional, draft.family, draft.suffix) == (
        "Dr",
        "Ana",
        "Maria",
        "Souza",
        "PhD",
    )
    assert draft.display_name == "Dr Ana Maria Souza PhD"
    assert draft.nickname == "Nina"
    assert draft.photo and draft.photo[:3] == b"\xff\xd8\xff"  # a JPEG thumbnail
    assert draft.birthday == Birthday(2, 29, None)
    assert draft.why_stand_out == "Gave the reef restoration talk"
    assert sorted(draft.tags) == sorted(
        [
            (TagKind.INTEREST, "reefs"),
            (TagKind.INTEREST, "jazz"),
            (TagKind.HOBBY, "climbing"),
            (TagKind.SKILL, "grant writing"),
            (TagKind.LABEL, "mentor"),
        ]
    )
    assert draft.family_notes == "Two kids, Leo and Mia"
    assert (draft.how_met, draft.met_on) == ("Oslo climate dinner", dt.date(2024, 3, 14))
    assert draft.met_through_id == introducer
    assert (draft.nurture, draft.cadence_days) == (True, 45)
    assert draft.circles == ["Friends", "Reef volunteers"]
    assert draft.points == [
        PointDraft(PointKind.EMAIL, "ana@reef.example", "work", True),
        PointDraft(PointKind.PHONE, "+47 912 34 567", "", False),
    ]
    assert draft.positions == [
        PositionDraft("Fjordlight Analytics", "Head of Data", "", dt.date(2021, 4, 1), None),
        PositionDraft("Helix University", "", "", None, dt.date(2021, 1, 1)),
    ]
    assert draft.notes == "Prefers mornings"
    stored = people.get(people.create(draft))
    assert stored.circles == ["Friends", "Reef volunteers"]
    assert stored.birthday == Birthday(2, 29, None)


def test_display_name_follows_parts_until_edited(editor, qtbot):
    dialog = editor()
    qtbot.keyClicks(dialog.given, "Ana")
    qtbot.keyClicks(dialog.family, "Souza")
    assert dialog.display_name.text() == "Ana Souza"
    dialog.display_name.clear()
    qtbot.keyClicks(dialog.display_name, "Ana S.")
    qtbot.keyClicks(dialog.family, "-Lima")
    assert dialog.display_name.text() == "Ana S."
    # clearing the display name hands it back to the parts
    dialog.display_name.selectAll()
    qtbot.keyClick(dialog.display_name, Qt.Key.Key_Backspace)
    assert dialog.display_name.text() == "Ana Souza-Lima"


def test_editing_round_trips_every_field_and_keeps_hidden_ones(editor):
    intro = person("Bodil Haugen")
    draft = PersonDraft(
        display_name="Ana (Reef) Souza",
        given="Ana",
        family="Souza",
        nickname="Nina",
        birthday=Birthday(7, 31, 1988),
        how_met="Dinner",
        met_on=dt.date(2023, 5, 2),
        met_through_id=intro,
        why_stand_out="Reefs",
        family_notes="Partner: Jo",
        notes="Mornings",
        nurture=True,
        cadence_days=20,
        uid="urn:uuid:1234",
        vcard_extra="X-SPOUSE:Jo",
        points=[
            PointDraft(PointKind.EMAIL, "ana@reef.example", "work", True),
            PointDraft(PointKind.URL, "https://reef.example", "site"),
        ],
        positions=[PositionDraft("Fjordlight", "Lead", "Data", dt.date(2020, 1, 1), None)],
        circles=["Colleagues"],
        tags=[(TagKind.INTEREST, "reefs"), (TagKind.SKILL, "SQL")],
    )
    detail = people.get(people.create(draft))
    dialog = editor(detail)
    assert dialog.windowTitle() == "Edit Ana (Reef) Souza"
    assert dialog.save_button.isEnabled()
    result = dialog.draft()
    assert sorted(result.tags) == sorted(detail.tags)
    result.tags = detail.tags
    assert result == detail.as_draft()
    assert result.uid == "urn:uuid:1234" and result.vcard_extra == "X-SPOUSE:Jo"


def test_missing_name_blocks_save_with_a_message(editor, qtbot):
    dialog = editor()
    assert not dialog.save_button.isEnabled()
    assert dialog.messages["display_name"].isHidden()  # no scolding before typing anything
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    message = dialog.messages["display_name"]
    assert not message.isHidden() and message.text() == "A person needs a name."
    qtbot.keyClicks(dialog.nickname, "Nina")
    assert dialog.save_button.isEnabled() and message.isHidden()


def test_bad_email_is_an_error_and_odd_phone_only_a_warning(editor, qtbot):
    dialog = editor()
    qtbot.keyClicks(dialog.display_name, "Ana")
    row = dialog.points.add_empty_row()
    set_cell(dialog.points, row, dialog.points.VALUE, "ana@")
    message = dialog.points.message
    assert not dialog.save_button.isEnabled()
    assert not message.isHidden() and "not an email address" in message.text()
    tooltip = dialog.points.table.item(row, dialog.points.VALUE).toolTip()
    assert tooltip == plain.tooltip(message.text())
    assert not dialog.tabs.tabIcon(person_editor.TAB_CONTACT).isNull()
    set_cell(dialog.points, row, dialog.points.VALUE, "ana@reef.example")
    assert dialog.save_button.isEnabled() and message.isHidden()
    row = dialog.points.add_empty_row()
    dialog.points.set_kind(row, PointKind.PHONE)
    set_cell(dialog.points, row, dialog.points.VALUE, "call reception")
    assert dialog.save_button.isEnabled()  # a warning never blocks
    assert not message.isHidden() and "does not look like a phone number" in message.text()


def test_impossible_birthday_and_self_introduction_are_errors(editor, qtbot):
    detail = people.get(person("Ana Souza"))
    dialog = editor(detail)
    dialog.birthday.known.setChecked(True)
    dialog.birthday.year.setValue(2023)
    dialog.birthday.month.setCurrentIndex(1)
    dialog.birthday.day.setValue(29)
    message = dialog.messages["birthday"]
    assert not dialog.save_button.isEnabled()
    assert "2023 had no 29 February" in message.text()
    dialog.birthday.no_year.setChecked(True)
    assert dialog.save_button.isEnabled() and message.isHidden()
    dialog.set_met_through(detail.id, detail.display_name)
    assert not dialog.save_button.isEnabled()
    assert dialog.messages["met_through"].text() == (
        "Someone cannot be introduced through themselves."
    )
    dialog.accept()
    assert dialog.tabs.currentIndex() == person_editor.TAB_MET  # shows where the problem is


def test_position_dates_are_checked(editor, qtbot):
    dialog = editor()
    qtbot.keyClicks(dialog.display_name, "Ana")
    row = dialog.positions.add_empty_row()
    set_cell(dialog.positions, row, dialog.positions.ORG, "Fjordlight")
    set_cell(dialog.positions, row, dialog.positions.START, "spring 2020")
    assert not dialog.save_button.isEnabled()
    assert "is not a date" in dialog.positions.message.text()
    set_cell(dialog.positions, row, dialog.positions.START, "2020-03")
    set_cell(dialog.positions, row, dialog.positions.END, "2019")
    assert dialog.positions.message.text() == "A position cannot end before it started."
    # ticking Current clears the end date
    current = dialog.positions.table.item(row, dialog.positions.CURRENT)
    current.setCheckState(Qt.CheckState.Checked)
    assert dialog.positions.table.item(row, dialog.positions.END).text() == ""
    assert dialog.save_button.isEnabled()


def test_photo_bad_file_warns_and_keeps_the_old_one(editor, png, testdata):
    dialog = editor()
    assert dialog.photo.load_file(png)
    first = dialog.photo.photo()
    vcard = next((testdata / "vcards" / "aosp-vcard").glob("*.vcf"))
    assert not dialog.photo.load_file(vcard)
    assert dialog.photo.photo() == first
    assert "not a JPEG, PNG" in dialog.messages["photo"].text()
    dialog.photo.clear_photo()
    assert dialog.photo.photo() is None and dialog.messages["photo"].isHidden()


def test_cadence_hint_explains_the_circle_default(editor):
    dialog = editor()
    assert dialog.cadence_hint.text().startswith("Not tracked")
    circle_item(dialog, "Colleagues").setCheckState(Qt.CheckState.Checked)
    default = next(c for c in circles.circles() if c.name == "Colleagues").default_cadence_days
    assert dialog.cadence_hint.text() == (
        f"Their circles suggest every {default} days (Colleagues)."
    )
    assert dialog.draft().cadence_days is None


def test_the_greyed_out_cadence_agrees_with_the_circle_suggestion(editor):
    dialog = editor()
    circle_item(dialog, "Colleagues").setCheckState(Qt.CheckState.Checked)
    default = next(c for c in circles.circles() if c.name == "Colleagues").default_cadence_days
    assert default != NURTURE_DEFAULT_DAYS  # else the field would agree by chance
    assert not dialog.cadence.isEnabled() and dialog.cadence.value() == default
    dialog.use_default.setChecked(False)  # your own cadence starts from the suggestion
    assert dialog.draft().cadence_days == default
    dialog.use_default.setChecked(True)
    circle_item(dialog, "Colleagues").setCheckState(Qt.CheckState.Unchecked)
    dialog.nurture.setChecked(True)
    assert dialog.cadence.value() == NURTURE_DEFAULT_DAYS


def test_ask_returns_the_draft_or_none(store, drive, qtbot):
    def fill(dialog):
        qtbot.keyClicks(dialog.given, "Kai")

    drive(PersonEditor, fill)
    assert person_editor.ask(None).display_name == "Kai"
    drive(PersonEditor, fill, accept=False)
    assert person_editor.ask(None) is None
