"""The import preview on real plans of real files: a big file opens without a widget per row, a
click queued for Cancel never lands on Import, every card says its fate, flagged cards can be
skipped one by one or all at once, several files name theirs and the refused ones, and a guessed
encoding can be changed before importing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QComboBox, QPushButton

from netdesk.core import importing
from netdesk.core.importing import Action, Decision
from netdesk.qt import i18n
from netdesk.qt.import_model import Column
from netdesk.ui.window.import_preview import ImportPreviewDialog, Stage
from netdesk.ui.window.import_preview_pages import Stat

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture(autouse=True)
def english_plurals(qapp) -> None:
    i18n.install()  # as the window does: "%n contact(s)" reads "1 contact", "4 contacts"


def wait_stage(qtbot, flow, stage: Stage) -> None:
    qtbot.waitUntil(lambda: flow.dialog is not None and flow.dialog.stage is stage, timeout=20_000)


def namesakes_file(path: Path, pairs: int) -> Path:
    """`pairs` people, each twice under the same name with another email: every second card is
    flagged "same name" for review."""
    cards = []
    for number in range(pairs):
        family = "".join(chr(ord("a") + int(d)) for d in f"{number:05d}").capitalize()
        for copy in ("a", "b"):
            cards += [
                "BEGIN:VCARD",
                "VERSION:3.0",
                f"UID:{number}-{copy}",
                f"FN:Ana {family}",
                f"N:{family};Ana;;;",
                f"EMAIL:p{number}{copy}@example.org",
                "END:VCARD",
            ]
    path.write_text("\r\n".join(cards) + "\r\n", encoding="utf-8")
    return path


def preview(qtbot, plan) -> ImportPreviewDialog:
    dialog = ImportPreviewDialog(None, plan.source_name)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.show_plan(plan)
    qtbot.waitUntil(lambda: dialog.stage is Stage.PREVIEW)
    return dialog


def editors(dialog: ImportPreviewDialog) -> list[QComboBox]:
    return dialog.table.findChildren(QComboBox, "choice_editor")


def close_popup(qtbot, combo: QComboBox) -> None:
    """The editor a click opened shows its list on the next turn; close it."""
    qtbot.waitUntil(combo.view().isVisible)
    combo.hidePopup()


def click_cell(qtbot, dialog: ImportPreviewDialog, row: int, column: int) -> None:
    index = dialog.proxy.index(row, column)
    dialog.table.scrollTo(index)
    centre = dialog.table.visualRect(index).center()
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)


# --- a big file ---------------------------------------------------------------------------------


def test_a_big_preview_paints_its_choices_instead_of_a_widget_per_row(store, tmp_path, qtbot):
    plan = importing.plan_file(namesakes_file(tmp_path / "big.vcf", 1500))
    assert plan.count(Action.DUPLICATE) == 1500
    dialog = preview(qtbot, plan)
    dialog.grab()  # the choice cells are painted
    assert editors(dialog) == []
    click_cell(qtbot, dialog, 1, Column.CHOICE)  # the second card is the flagged one
    qtbot.waitUntil(lambda: len(editors(dialog)) == 1)
    close_popup(qtbot, editors(dialog)[0])
    click_cell(qtbot, dialog, 3, Column.CHOICE)
    qtbot.waitUntil(lambda: len(editors(dialog)) == 1 and dialog.table.currentIndex().row() == 3)
    assert len(editors(dialog)) == 1  # one editor at a time
    close_popup(qtbot, editors(dialog)[0])


def test_a_choice_is_made_with_the_mouse_or_the_keyboard(store, tmp_path, qtbot):
    plan = importing.plan_file(namesakes_file(tmp_path / "pairs.vcf", 3))
    dialog = preview(qtbot, plan)
    click_cell(qtbot, dialog, 1, Column.CHOICE)
    qtbot.waitUntil(lambda: len(editors(dialog)) == 1)
    combo = editors(dialog)[0]
    close_popup(qtbot, combo)
    offered = [combo.itemText(i) for i in range(combo.count())]
    assert offered == ["Import", "Skip", "Merge into Ana Aaaaa"]
    combo.setCurrentIndex(combo.findData(Decision.SKIP.value))
    combo.activated.emit(combo.currentIndex())
    flagged = plan.items[1].index
    assert dialog.model.decisions()[flagged] is Decision.SKIP
    assert dialog.proxy.index(1, Column.CHOICE).data() == "Skip"
    qtbot.waitUntil(lambda: editors(dialog) == [])  # chosen: the editor closes
    dialog.table.setFocus()
    dialog.table.setCurrentIndex(dialog.proxy.index(3, Column.CHOICE))
    qtbot.keyClick(dialog.table, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: len(editors(dialog)) == 1)
    close_popup(qtbot, editors(dialog)[0])


def test_import_is_usable_only_once_the_plan_has_settled(store, tmp_path, qtbot):
    plan = importing.plan_file(namesakes_file(tmp_path / "pairs.vcf", 2))
    dialog = ImportPreviewDialog(None, plan.source_name)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.show_plan(plan)
    # a click queued while the plan was being shown is delivered now: Import must not take it
    assert not dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.stage is not Stage.IMPORTING
    qtbot.waitUntil(dialog.import_button.isEnabled)
    assert dialog.import_button.text() == "Import 4 contacts"


def test_cancel_is_where_it_was_when_the_plan_appears(store, tmp_path, qtbot):
    plan = importing.plan_file(namesakes_file(tmp_path / "pairs.vcf", 2))
    dialog = ImportPreviewDialog(None, plan.source_name)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.stage is Stage.READING
    cancel = next(b for b in dialog.findChildren(QPushButton) if b.isVisible()
                  and b.text() == "Cancel")
    aimed = cancel.mapTo(dialog, cancel.rect().center())
    aimed_from_right = dialog.width() - aimed.x()
    dialog.show_plan(plan)
    qtbot.waitUntil(lambda: dialog.stage is Stage.PREVIEW)
    # the dialog may have grown to its content: Cancel keeps its place from the right edge
    under = dialog.childAt(QPoint(dialog.width() - aimed_from_right, aimed.y()))
    assert under is dialog.cancel_button
    assert dialog.cancel_button.isVisible() and dialog.import_button.isVisible()
    assert dialog.import_button.geometry().left() > dialog.cancel_button.geometry().right()


# --- every card's fate --------------------------------------------------------------------------


def test_each_card_says_why_and_flagged_cards_can_be_skipped(store, tmp_path, qtbot):
    known = tmp_path / "known.vcf"
    known.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Souza\r\nEMAIL:ana@fjordlight.example\r\n"
        "END:VCARD\r\n",
        encoding="utf-8",
    )
    importing.import_path(known)  # Ana is in the store
    path = tmp_path / "cards.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Souza\r\nEMAIL:ana@fjordlight.example\r\n"
        "TITLE:<b>Lead</b>\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Souza\r\nEMAIL:ana@elsewhere.example\r\n"
        "END:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:<b>Ben</b> Okafor\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    plan = importing.plan_file(path)
    dialog = preview(qtbot, plan)
    why = [dialog.proxy.index(r, Column.REASON).data() for r in range(3)]
    assert why[0] == "updates Ana Souza: same email"
    assert why[1] == "new; same name as Ana Souza, review"
    assert why[2] == "new"
    assert dialog.proxy.index(1, Column.CHOICE).data() == "Import"  # flagged: imported
    assert dialog.proxy.index(0, Column.CHOICE).data() == ""  # nothing to choose
    tip = dialog.proxy.index(2, Column.NAME).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "<p>&lt;b&gt;Ben&lt;/b&gt; Okafor</p>"  # shown as typed, never bold
    assert dialog.flagged_buttons[Decision.SKIP].isVisible()
    assert dialog.import_button.text() == "Import 3 contacts"
    dialog.flagged_buttons[Decision.SKIP].click()
    assert dialog.proxy.index(1, Column.CHOICE).data() == "Skip"
    assert dialog.import_button.text() == "Import 2 contacts"  # the skipped card is not counted
    with qtbot.waitSignal(dialog.import_requested) as sent:
        dialog.import_button.click()
    assert sent.args[0] == {plan.items[1].index: Decision.SKIP}
    report = importing.apply(plan, decisions=sent.args[0])
    assert (report.new, report.updated, report.duplicates) == (1, 1, 1)  # Ben, Ana, left out


def test_a_shared_uid_under_another_name_is_flagged_and_imported_by_default(
    window, qtbot
):
    path = FIXTURES / "identity" / "shared_uid_different_names.vcf"
    window.file_actions.import_paths([path])
    flow = window.file_actions.imports[-1]
    wait_stage(qtbot, flow, Stage.PREVIEW)
    dialog = flow.dialog
    dialog.filter_buttons[Action.DUPLICATE].click()
    assert dialog.proxy.rowCount() == 1
    assert "review" in dialog.proxy.index(0, Column.REASON).data()
    assert dialog.proxy.index(0, Column.CHOICE).data() == "Import"
    dialog.import_button.click()
    wait_stage(qtbot, flow, Stage.REPORT)
    assert dialog.report.new == 2  # nothing is left out by default
    dialog.accept()


# --- several files ------------------------------------------------------------------------------


def test_several_files_name_each_card_s_file_and_the_refused_ones(
    window, qtbot, testdata, tmp_path
):
    empty = tmp_path / "empty.vcf"
    empty.write_bytes(b"")
    foreign = tmp_path / "notes.txt"
    foreign.write_text("Call the plumber on Monday.\n", encoding="utf-8")
    paths = [
        FIXTURES / "identity" / "same_name_colleagues.vcf",
        empty,
        FIXTURES / "vcards" / "malformed_property_lines.vcf",
        foreign,
        tmp_path / "gone.vcf",
    ]
    window.file_actions.import_paths(paths)
    flow = window.file_actions.imports[-1]
    wait_stage(qtbot, flow, Stage.PREVIEW)
    dialog = flow.dialog
    assert not dialog.table.isColumnHidden(Column.FILE)
    screen = dialog.screen().availableGeometry()
    assert dialog.width() <= screen.width()  # four names in the title wrap instead
    files = {dialog.proxy.index(r, Column.FILE).data() for r in range(dialog.proxy.rowCount())}
    assert files == {"same_name_colleagues.vcf", "malformed_property_lines.vcf"}
    refused = dialog.refused.text().splitlines()
    assert len(refused) == 3 and dialog.refused.isVisibleTo(dialog)
    assert "empty.vcf" in refused[0] and "empty" in refused[0].split("empty.vcf", 1)[1]
    assert "notes.txt" in refused[1] and "neither a vCard nor" in refused[1]
    assert "gone.vcf" in refused[2] and "does not exist" in refused[2]
    problems = dialog.problems.toPlainText().splitlines()
    assert problems and all(
        line.startswith(("empty.vcf", "notes.txt", "gone.vcf", "malformed_property_lines.vcf"))
        for line in problems
    )
    dialog.import_button.click()
    wait_stage(qtbot, flow, Stage.REPORT)
    assert dialog.report.new > 0
    dialog.accept()


def test_one_file_has_no_file_column_and_its_name_on_every_problem(store, qtbot):
    plan = importing.plan_file(FIXTURES / "vcards" / "malformed_property_lines.vcf")
    assert plan.problems
    dialog = preview(qtbot, plan)
    assert dialog.table.isColumnHidden(Column.FILE)
    lines = dialog.problems.toPlainText().splitlines()
    assert all(line.startswith("malformed_property_lines.vcf") for line in lines)


# --- encodings ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "read_as", "other", "before", "after"),
    [
        ("macroman_palm.vcf", "Mac Roman", "windows-1252", "François Lefèvre",
         "Fran\x8dois Lef\x8fvre"),
        ("cp1251_outlook.vcf", "Cyrillic (Windows-1251)", "koi8-r", "Иван Петров", None),
    ],
)
def test_a_guessed_encoding_is_named_and_another_can_be_picked(
    window, qtbot, name, read_as, other, before, after
):
    window.file_actions.import_paths([FIXTURES / "encodings" / name])
    flow = window.file_actions.imports[-1]
    wait_stage(qtbot, flow, Stage.PREVIEW)
    dialog = flow.dialog
    assert dialog.encoding_row.isVisible()
    assert dialog.encoding_label.text().startswith(f"Read as {read_as}.")
    offered = {dialog.encoding_combo.itemData(i) for i in range(dialog.encoding_combo.count())}
    assert {"iso-8859-2", "windows-1257", "mac_roman", "windows-1251"} <= offered
    assert dialog.proxy.index(0, Column.NAME).data() == before
    choice = dialog.encoding_combo.findData(other)
    dialog.encoding_combo.setCurrentIndex(choice)
    dialog.encoding_combo.activated.emit(choice)
    qtbot.waitUntil(
        lambda: dialog.stage is Stage.PREVIEW
        and dialog.proxy.index(0, Column.NAME).data() != before,
        timeout=10_000,
    )
    if after is not None:
        assert dialog.proxy.index(0, Column.NAME).data() == after
    assert dialog.encoding_row.isVisible()  # still there to pick again
    assert dialog.encoding_combo.currentData() == other
    dialog.import_button.click()
    wait_stage(qtbot, flow, Stage.REPORT)
    names = {row.name for row in importing.plan_file(
        FIXTURES / "encodings" / name, encoding=other).items}
    assert dialog.proxy.index(0, Column.NAME).data() in names
    dialog.accept()


# --- size and counts ----------------------------------------------------------------------------


def test_the_dialog_fits_its_content_within_the_screen(store, tmp_path, qtbot):
    small = preview(qtbot, importing.plan_file(namesakes_file(tmp_path / "one.vcf", 1)))
    big = preview(qtbot, importing.plan_file(namesakes_file(tmp_path / "many.vcf", 400)))
    screen = QGuiApplication.primaryScreen().availableGeometry()
    for dialog in (small, big):
        assert dialog.width() <= screen.width() and dialog.height() <= screen.height()
        assert dialog.table.horizontalScrollBar().maximum() == 0  # every column fits
    assert small.height() < big.height()
    assert small.table.verticalScrollBar().maximum() == 0  # two rows: no scrolling


def test_counts_agree_with_their_number(qtbot):
    dialog = ImportPreviewDialog(None, "x.vcf")
    qtbot.addWidget(dialog)
    stat: Stat = dialog.stats[Action.NEW]
    stat.set_count(1)
    assert stat.caption.text() == "new person"
    stat.set_count(2)
    assert stat.caption.text() == "new people"
    updates = dialog.stats[Action.UPDATE]
    updates.set_count(1)
    assert updates.caption.text() == "update"
