"""The everyday flows a new user walks through, each once broken: real window, real database,
real child processes for the writes made outside the window."""

from __future__ import annotations

import subprocess
import sys

from netdesk.ui.window.main_window import PANE_MIN_WIDTH
from tests.helpers.people import person


def names_in_list(window) -> list[str]:
    return sorted(row.name for row in window.people_model.rows())


def write_card(path, name: str):
    given, family = name.split()
    path.write_text(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nN:{family};{given};;;\r\nEND:VCARD\r\n"
    )
    return path


def click_sidebar(window, key: str) -> None:
    """What a mouse click on a sidebar entry does: the view's current index moves there."""
    sidebar = window.sidebar
    row = sidebar.sidebar_model.row_of(key)
    index = sidebar.sidebar_model.index(row, 0)
    sidebar.clicked.emit(index)
    sidebar.setCurrentIndex(index)


def test_the_pane_appears_after_a_first_start_with_nobody(make_window, qtbot, settings):
    window = make_window()
    assert window.center.currentWidget() is window.empty
    window.save_state()  # the empty start's layout is what the next start restores
    window.close()
    ana = person("Ana Souza")
    again = make_window()
    again.resize(1200, 800)
    again.reveal_person(ana)
    qtbot.waitUntil(lambda: again.pane.isVisible())
    assert again.splitter.sizes()[2] >= PANE_MIN_WIDTH
    assert again.pane.person_id == ana


def test_a_restored_layout_never_hides_the_pane_or_squeezes_names(make_window, qtbot):
    person("Amara Okafor-Lindqvist")
    window = make_window()
    window.resize(1200, 800)
    window.splitter.setSizes([200, 1000, 0])  # a layout saved with the pane collapsed
    window.table.setColumnWidth(0, 12)  # and the Name column dragged to nothing
    window.save_state()
    window.close()
    again = make_window()
    assert again.splitter.sizes()[2] >= PANE_MIN_WIDTH
    assert again.splitter.sizes()[1] > 0
    assert again.table.columnWidth(0) >= again.table.fontMetrics().horizontalAdvance("Amara Okafor")
    again.resize(again.minimumSize())  # the narrowest window still shows whole names
    qtbot.waitUntil(lambda: again.table.columnWidth(0) >= again.table.name_min_width() - 1)
    again.resize(2000, 900)  # and the other columns come back when there is room
    qtbot.waitUntil(lambda: not any(map(again.table.isColumnHidden, range(1, 6))))


def test_all_people_after_showing_an_import_shows_everyone(make_window, qtbot, tmp_path):
    person("Ana Souza")
    window = make_window()
    card = write_card(tmp_path / "ben.vcf", "Ben Okafor")
    from netdesk.core import importing

    report = importing.import_path(card)
    window.show_import_batch(report.batch_id)
    qtbot.waitUntil(lambda: names_in_list(window) == ["Ben Okafor"])
    click_sidebar(window, "all")
    qtbot.waitUntil(lambda: names_in_list(window) == ["Ana Souza", "Ben Okafor"])
    assert window.sidebar.current_key() == "all"


def test_the_window_follows_writes_from_another_process(make_window, qtbot, tmp_path, db_path):
    person("Ana Souza")
    window = make_window()
    card = write_card(tmp_path / "cleo.vcf", "Cleo Park")
    done = subprocess.run(
        [sys.executable, "-m", "netdesk", "import", str(card), "--db", str(db_path)],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    qtbot.waitUntil(lambda: names_in_list(window) == ["Ana Souza", "Cleo Park"], timeout=5000)
    qtbot.waitUntil(lambda: window.sidebar_data.people == 2, timeout=5000)


def test_a_search_that_finds_nobody_in_an_event_offers_everyone(make_window, qtbot):
    import datetime as dt

    from netdesk.core import events

    ana, _ben = person("Ana Souza"), person("Ben Okafor")
    dinner = events.create("Harbour dinner", dt.date.today())
    events.add_attendee(dinner, ana)
    window = make_window()
    qtbot.waitUntil(lambda: window.sidebar.select_key(f"event:{dinner}"))
    qtbot.waitUntil(lambda: names_in_list(window) == ["Ana Souza"])
    qtbot.keyClicks(window.search, "Ben")
    qtbot.waitUntil(lambda: window.center.currentWidget() is window.nobody)
    assert window.nobody.label.text() == "Nobody in “Harbour dinner” matches “Ben”."
    assert window.nobody.action.isVisibleTo(window.nobody)
    window.nobody.action.click()
    qtbot.waitUntil(lambda: names_in_list(window) == ["Ben Okafor"])
    assert window.sidebar.current_key() == "all"
    assert window.search.text() == "Ben"
