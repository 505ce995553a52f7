"""The column-mapping step: a CSV of a layout netdesk does not know opens a drop-down per column
over its first rows (prefilled with the reader's guess, or the map chosen last time for the same
header) instead of a refusal, then the normal preview of what the map reads."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from netdesk.core.importing import Field
from netdesk.qt.import_model import Column
from netdesk.ui.dialogs import column_mapping
from netdesk.ui.window.import_preview import Stage

CSV = Path(__file__).resolve().parents[1] / "fixtures" / "csv"


def start(window, qtbot, path: Path):
    window.file_actions.import_paths([path])
    flow = window.file_actions.imports[-1]
    qtbot.waitUntil(
        lambda: flow.dialog is not None and flow.dialog.stage is Stage.MAPPING, timeout=20_000
    )
    return flow


def chosen(dialog) -> list[str]:
    return [box.currentData() for box in dialog.mapping_page.boxes]


def names(dialog) -> list[str]:
    return [dialog.proxy.index(r, Column.NAME).data() for r in range(dialog.proxy.rowCount())]


def go_on(qtbot, dialog) -> None:
    assert dialog.import_button.text() == "Continue" and dialog.import_button.isEnabled()
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.stage is Stage.PREVIEW, timeout=20_000)


def test_another_crm_s_export_is_mapped_then_previewed_and_the_map_is_remembered(
    window, qtbot
):
    path = CSV / "other_crm.csv"
    flow = start(window, qtbot, path)
    dialog = flow.dialog
    page = dialog.mapping_page
    assert "other_crm.csv" in page.intro.text()
    assert page.table.item(1, 1).text() == "Grace"  # the first rows under their drop-downs
    assert chosen(dialog) == [
        "ignore", "given", "family", "email", "phone", "organisation", "title", "ignore",
        "ignore",
    ]
    page.set_field(6, Field.NOTES)  # this CRM's "Job Title" is really a note
    go_on(qtbot, dialog)
    assert names(dialog) == ["Grace Hopper"]
    record = dialog.plan.items[0].record
    assert "Rear Admiral" in record.note and not record.positions[0].title
    dialog.reject()
    qtbot.waitUntil(lambda: flow.dialog is None)

    again = start(window, qtbot, path)  # the same header next time: the person's map
    assert chosen(again.dialog)[6] == "notes"
    again.dialog.reject()


def test_a_phone_s_headerless_table_is_mapped_from_its_values(window, qtbot):
    flow = start(window, qtbot, CSV / "headerless_phone.csv")
    dialog = flow.dialog
    page = dialog.mapping_page
    headers = [page.table.horizontalHeaderItem(i).text() for i in range(page.table.columnCount())]
    assert headers == ["Column 1", "Column 2", "Column 3"]
    assert page.table.item(1, 0).text() == "Anna Schmidt"  # no row taken as a header
    assert chosen(dialog) == ["full name", "phone", "email"]
    go_on(qtbot, dialog)
    assert names(dialog) == ["Anna Schmidt", "Bo Berg"]
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.stage is Stage.REPORT, timeout=20_000)
    assert dialog.report.new == 2
    dialog.accept()


def test_a_table_nothing_is_guessed_for_waits_for_a_column_that_names_people(
    window, qtbot, tmp_path
):
    path = tmp_path / "export.csv"
    path.write_text("Col A,Col B\nZed Ark,zed@example.org\nYu Li,yu@example.org\n", "utf-8")
    flow = start(window, qtbot, path)  # read before as "no column could be matched"
    dialog = flow.dialog
    page = dialog.mapping_page
    assert chosen(dialog) == ["ignore", "ignore"]
    assert page.warning.isVisibleTo(dialog) and not dialog.import_button.isEnabled()
    page.set_field(0, Field.FULL_NAME)
    page.set_field(1, Field.EMAIL)
    assert not page.warning.isVisibleTo(dialog)
    go_on(qtbot, dialog)
    assert names(dialog) == ["Zed Ark", "Yu Li"]
    assert dialog.plan.items[0].points[0][1] == "zed@example.org"
    dialog.reject()


def test_a_remembered_map_is_keyed_by_its_header_and_survives_bad_settings(private_settings):
    settings = QSettings(str(private_settings / "netdesk.ini"), QSettings.Format.IniFormat)
    header = ["Name", "Mail"]
    assert column_mapping.remembered(header, settings) is None
    column_mapping.remember(header, {0: Field.FULL_NAME, 1: Field.EMAIL}, settings)
    assert column_mapping.remembered(header, settings) == {0: Field.FULL_NAME, 1: Field.EMAIL}
    assert column_mapping.remembered(["Mail", "Name"], settings) is None  # another layout
    key = f"{column_mapping.SETTINGS_GROUP}/{column_mapping.header_key(header)}"
    settings.setValue(key, "{not json")
    assert column_mapping.remembered(header, settings) is None
    settings.setValue(key, '{"0": "full name", "7": "email", "1": "shoe size"}')
    assert column_mapping.remembered(header, settings) == {0: Field.FULL_NAME}


def test_a_dragged_table_is_mapped_too_and_the_step_fits_the_screen(window, qtbot):
    data = (CSV / "headerless_phone.csv").read_bytes()
    flow = window.file_actions.import_data(data, "from another app")
    qtbot.waitUntil(
        lambda: flow.dialog is not None and flow.dialog.stage is Stage.MAPPING, timeout=20_000
    )
    dialog = flow.dialog
    screen = dialog.screen().availableGeometry()
    assert dialog.width() <= screen.width() and dialog.height() <= screen.height()
    assert dialog.mapping_page.table.horizontalScrollBar().maximum() == 0  # all columns seen
    go_on(qtbot, dialog)
    assert names(dialog) == ["Anna Schmidt", "Bo Berg"]
    dialog.reject()
