"""The main window driven as a user would: real widgets offscreen over a real database.

Dialogs owned by ui/dialogs are replaced only at their modal prompt (`ask`), as the brief allows;
everything after the prompt (the write, the undo stack, the notifier, the views) is real.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QLabel, QPushButton

from netdesk.core import circles, favours, interactions, listing, people
from netdesk.core.favours import FavourDraft
from netdesk.core.interactions import InteractionDraft
from netdesk.core.people import PersonDraft, PointDraft, PositionDraft
from netdesk.qt import formatting
from netdesk.qt.sidebar_model import Kind
from netdesk.ui.dialogs import favour_dialog, interaction_dialog, person_editor
from netdesk.values import (
    FavourDirection,
    FavourStatus,
    InteractionKind,
    KeepInTouch,
    PointKind,
    RelationshipKind,
)
from tests.helpers.people import person


def names_in_list(window) -> list[str]:
    return [row.name for row in window.people_model.rows()]


def select(window, *person_ids: int) -> None:
    """Select rows in the people table the way a user's clicks do."""
    table = window.table
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
    for person_id in person_ids:
        row = window.people_model.row_of(person_id)
        assert row >= 0, f"person {person_id} is not in the list"
        table.selectionModel().setCurrentIndex(
            window.people_model.index(row, 0), flags | QItemSelectionModel.SelectionFlag.Rows
        )
        flags = QItemSelectionModel.SelectionFlag.Select


def test_first_run_shows_the_empty_state_with_its_buttons(window):
    assert window.center.currentWidget() is window.empty
    assert window.empty.findChild(QPushButton, "empty_import").isVisible()
    assert window.empty.findChild(QPushButton, "empty_add").isVisible()
    assert "Drag vCard or CSV files here" in window.empty.text.text()


def test_add_a_person_then_undo(window, qtbot, monkeypatch):
    draft = PersonDraft(
        display_name="Ana Souza",
        why_stand_out="Explains queueing theory with coffee cups.",
        points=[PointDraft(PointKind.EMAIL, "ana@fjordlight.example")],
        positions=[PositionDraft("Fjordlight Analytics", "Head of Data")],
    )
    monkeypatch.setattr(person_editor, "ask", lambda parent, detail: draft)
    window.act_new.trigger()
    qtbot.waitUntil(lambda: "Ana Souza" in names_in_list(window))
    assert window.center.currentWidget() is window.table
    assert window.pane.findChild(QLabel, "pane_name").text() == "Ana Souza"
    assert "queueing theory" in window.pane.findChild(QLabel, "pane_why").text()
    window.act_undo.trigger()
    qtbot.waitUntil(lambda: names_in_list(window) == [])
    assert window.center.currentWidget() is window.empty


def test_edit_a_person(make_window, qtbot, monkeypatch):
    ana = person("Ana Souza", email="ana@fjordlight.example", org="Fjordlight")
    window = make_window()
    select(window, ana)
    seen = {}

    def ask(parent, detail):
        seen["detail"] = detail
        return people.with_changes(detail, display_name="Ana M. Souza", nickname="Ani")

    monkeypatch.setattr(person_editor, "ask", ask)
    window.act_edit.trigger()
    assert seen["detail"].id == ana
    qtbot.waitUntil(lambda: names_in_list(window) == ["Ana M. Souza"])
    assert people.get(ana).nickname == "Ani"
    assert window.pane.findChild(QLabel, "pane_name").text() == "Ana M. Souza"
    assert people.get(ana).points[0].value == "ana@fjordlight.example"  # the rest is kept
    window.act_undo.trigger()
    qtbot.waitUntil(lambda: names_in_list(window) == ["Ana Souza"])


def test_log_an_interaction_with_two_participants(make_window, qtbot, monkeypatch):
    long_ago = dt.date.today() - dt.timedelta(days=200)
    ana = person("Ana Souza", circles=["Family"], met_on=long_ago)
    ben = person("Ben Okafor", circles=["Family"], met_on=long_ago)
    window = make_window()
    assert {r.status for r in window.people_model.rows()} == {KeepInTouch.OVERDUE}
    select(window, ana, ben)
    asked = {}

    def ask(parent, ids):
        asked["people"] = list(ids)
        return InteractionDraft(
            when=dt.date.today(),
            kind=InteractionKind.COFFEE,
            summary="Coffee at the harbour",
            people=list(ids),
        )

    monkeypatch.setattr(interaction_dialog, "ask", ask)
    window.act_log.trigger()
    assert sorted(asked["people"]) == sorted([ana, ben])
    qtbot.waitUntil(lambda: {r.status for r in window.people_model.rows()} == {KeepInTouch.OK})
    for someone, other in ((ana, "Ben Okafor"), (ben, "Ana Souza")):
        window.reveal_person(someone)
        entries = [
            window.pane.timeline_model.entry(r)
            for r in range(window.pane.timeline_model.rowCount())
        ]
        assert [e.summary for e in entries] == ["Coffee at the harbour"]
        assert entries[0].others == (other,)
        assert listing.row(someone).last_contact == dt.date.today()


def test_add_a_favour_joins_the_history(make_window, qtbot, monkeypatch):
    ana = person("Ana Souza")
    received = favours.add(
        ana, FavourDirection.RECEIVED, "Intro to a designer", status=FavourStatus.DONE
    )
    window = make_window()
    select(window, ana)
    today = formatting.short_date(dt.date.today())
    texts = lambda: {  # noqa: E731 - a tiny helper
        label.text() for label in window.pane.findChildren(QLabel) if "helped" in label.text()
    }
    assert texts() == {f"They helped with: Intro to a designer · {today}"}
    assert window.pane.findChild(QLabel, f"favour_text_{received}") is not None
    draft = FavourDraft(
        FavourDirection.GIVEN,
        "Reviewed her pitch deck",
        dt.date.today(),
        None,
        FavourStatus.DONE,
        "",
    )
    monkeypatch.setattr(favour_dialog, "ask", lambda parent, person_id: draft)
    window.act_favour.trigger()
    qtbot.waitUntil(lambda: len(texts()) == 2)
    assert texts() == {
        f"They helped with: Intro to a designer · {today}",
        f"You helped with: Reviewed her pitch deck · {today}",
    }


def test_typing_in_search_narrows_the_list(make_window, qtbot):
    person("Ana Souza", org="Fjordlight Analytics")
    person("Ben Okafor", org="Tidewater Ventures")
    person("Chloé Dubois", org="Fjordlight Analytics")
    window = make_window()
    assert len(names_in_list(window)) == 3
    window.act_find.trigger()
    assert window.search.hasFocus()
    qtbot.keyClicks(window.search, "fjord")
    qtbot.waitUntil(lambda: sorted(names_in_list(window)) == ["Ana Souza", "Chloé Dubois"])
    qtbot.keyClicks(window.search, " chl")
    qtbot.waitUntil(lambda: names_in_list(window) == ["Chloé Dubois"])
    qtbot.keyClick(window.search, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: len(names_in_list(window)) == 3)


def test_search_without_matches_says_so(make_window, qtbot):
    person("Ana Souza")
    window = make_window()
    window.search.setText("zebra")
    qtbot.waitUntil(lambda: window.center.currentWidget() is window.nobody)
    assert "zebra" in window.nobody.label.text()


def test_sidebar_counts_and_filters(make_window, qtbot):
    person("Ana Souza", circles=["Colleagues"])
    person("Ben Okafor", circles=["Colleagues"])
    person("Chloé Dubois", circles=["Family"], nurture=True)
    window = make_window()
    entries = {e.key: e for e in window.sidebar_model.entries()}
    assert entries["all"].count == 3
    assert entries["nurture"].count == 1
    colleagues = next(e for e in entries.values() if e.label == "Colleagues")
    assert colleagues.count == 2
    assert window.sidebar.select_key(colleagues.key)
    qtbot.waitUntil(lambda: sorted(names_in_list(window)) == ["Ana Souza", "Ben Okafor"])
    assert window.sidebar.select_key("nurture")
    qtbot.waitUntil(lambda: names_in_list(window) == ["Chloé Dubois"])
    assert "3 people" in window.counts_label.text()


def test_today_lists_what_is_due(make_window, qtbot):
    ana = person("Ana Souza", circles=["Family"], met_on=dt.date.today() - dt.timedelta(days=90))
    window = make_window()
    assert window.sidebar.select_key("today")
    qtbot.waitUntil(lambda: window.center.currentWidget() is window.today)
    item = window.due_model.item(0)
    assert item.person_id == ana
    window.today.setCurrentIndex(window.due_model.index(0, 0))
    assert window.pane.person_id == ana


def test_a_search_can_be_saved_as_a_smart_list(make_window, qtbot):
    person("Ana Souza", org="Fjordlight Analytics")
    person("Ben Okafor")
    window = make_window()
    window.search.setText("fjordlight")
    assert window.act_save_search.isVisible()
    window.person_actions.save_smart_list("Fjordlight people", "fjordlight")
    qtbot.waitUntil(lambda: any(e.kind is Kind.SMART for e in window.sidebar_model.entries()))
    smart = next(e for e in window.sidebar_model.entries() if e.kind is Kind.SMART)
    assert (smart.label, smart.count) == ("Fjordlight people", 1)
    window.search.clear()
    qtbot.waitUntil(lambda: len(names_in_list(window)) == 2)
    window.sidebar.select_key(smart.key)
    qtbot.waitUntil(lambda: names_in_list(window) == ["Ana Souza"])
    assert window.search.text() == "fjordlight"


def test_archive_and_delete_can_be_undone(make_window, qtbot):
    ana = person("Ana Souza", email="ana@x.example")
    ben = person("Ben Okafor")
    window = make_window()
    select(window, ana)
    window.act_archive.trigger()
    qtbot.waitUntil(lambda: names_in_list(window) == ["Ben Okafor"])
    assert people.get(ana).archived
    window.act_undo.trigger()
    qtbot.waitUntil(lambda: sorted(names_in_list(window)) == ["Ana Souza", "Ben Okafor"])
    select(window, ben)
    window.act_delete.trigger()
    qtbot.waitUntil(lambda: names_in_list(window) == ["Ana Souza"])
    assert not people.exists(ben)
    window.act_undo.trigger()
    qtbot.waitUntil(lambda: sorted(names_in_list(window)) == ["Ana Souza", "Ben Okafor"])
    window.act_redo.trigger()
    qtbot.waitUntil(lambda: names_in_list(window) == ["Ana Souza"])


def test_merging_two_people_keeps_every_contact_point(make_window, qtbot, monkeypatch):
    ana = person("Ana Souza", email="ana@fjordlight.example", phone="+44 20 7946 0000")
    ana2 = person("Ana M. Souza", email="ana.souza@mail.example", phone="+351 21 000 4242")
    people.add_points(ana2, [PointDraft(PointKind.URL, "https://ana.example")])
    before = {p.value for p in people.get(ana).points} | {p.value for p in people.get(ana2).points}
    window = make_window()
    select(window, ana, ana2)
    assert window.act_merge.isEnabled()
    asked = {}

    def ask(keep_id, other_id):
        asked["pair"] = (keep_id, other_id)
        return {}

    # the merge dialog's modal prompt
    monkeypatch.setattr(window.person_actions, "ask_merge_choices", ask)
    window.act_merge.trigger()
    keep, other = asked["pair"]
    qtbot.waitUntil(lambda: len(names_in_list(window)) == 1)
    assert {p.value for p in people.get(keep).points} == before
    assert not people.exists(other)
    window.act_undo.trigger()
    qtbot.waitUntil(lambda: len(names_in_list(window)) == 2)
    assert {p.value for p in people.get(other).points}


def test_contact_points_are_links_and_relationships_navigate(make_window, qtbot, monkeypatch):
    from netdesk.core import relationships

    ben = person("Ben Okafor")
    ana = person("Ana Souza", email="ana@fjordlight.example", phone="+44 20 7946 0000")
    people.add_points(ana, [PointDraft(PointKind.URL, "fjordlight.example/ana")])
    relationships.link(ben, ana, RelationshipKind.INTRODUCED)
    window = make_window()
    window.reveal_person(ana)
    texts = [label.text() for label in window.pane.findChildren(QLabel)]
    assert any('href="mailto:ana@fjordlight.example"' in t for t in texts)
    assert any('href="tel:+442079460000"' in t for t in texts)
    assert any('href="https://fjordlight.example/ana"' in t for t in texts)
    opened = []
    monkeypatch.setattr(  # the desktop's browser and mail app do not exist in a test
        "netdesk.ui.views.person_pane.QDesktopServices.openUrl",
        lambda url: opened.append(url.toString()),
    )
    window.pane.findChild(QLabel, "pane_point_0").linkActivated.emit(
        "mailto:ana@fjordlight.example"
    )
    assert opened == ["mailto:ana@fjordlight.example"]
    link = window.pane.findChild(QLabel, f"pane_link_{ben}")
    assert "Ben Okafor" in link.text()
    link.linkActivated.emit(f"person:{ben}")
    assert window.pane.person_id == ben
    assert window.table.current_person() == ben


def test_circles_and_interests_are_edited_in_place(make_window, qtbot):
    from netdesk.ui.widgets.chips import InlineChips
    from netdesk.values import TagKind

    ana = person("Ana Souza", circles=["Friends"])
    window = make_window()
    window.reveal_person(ana)
    window.pane.findChild(InlineChips, "pane_circles").add("Colleagues")
    qtbot.waitUntil(lambda: people.get(ana).circles == ["Friends", "Colleagues"])
    window.pane.findChild(InlineChips, "pane_interests").add("sailing")
    qtbot.waitUntil(lambda: (TagKind.INTEREST, "sailing") in people.get(ana).tags)

    def circle_chips() -> InlineChips:
        return window.pane.findChild(InlineChips, "pane_circles")

    qtbot.waitUntil(lambda: circle_chips().names() == ["Friends", "Colleagues"])
    circle_chips().remove("Friends")
    qtbot.waitUntil(lambda: people.get(ana).circles == ["Colleagues"])
    window.act_undo.trigger()
    qtbot.waitUntil(lambda: people.get(ana).circles == ["Friends", "Colleagues"])


def test_follow_ups_show_and_can_be_ticked_off(make_window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QCheckBox

    from netdesk.core import follow_ups
    from netdesk.ui.dialogs import follow_up_dialog

    ana = person("Ana Souza")
    window = make_window()
    window.reveal_person(ana)
    due = dt.date.today() + dt.timedelta(days=3)
    monkeypatch.setattr(follow_up_dialog, "ask", lambda parent, pid: (due, "Send the article"))
    window.act_follow.trigger()
    qtbot.waitUntil(lambda: window.pane.findChild(QCheckBox) is not None)
    box = window.pane.findChild(QCheckBox)
    assert "Send the article" in box.accessibleName()
    box.setChecked(True)
    qtbot.waitUntil(lambda: follow_ups.for_person(ana) == [])


def test_messages_from_a_second_start(make_window, qtbot, testdata):
    ana = person("Ana Souza")
    window = make_window()
    window.handle_message({"cmd": "show_person", "id": ana})
    assert window.pane.person_id == ana
    file = testdata / "vcards" / "ez-vcard" / "John_Doe_IPHONE.vcf"
    window.handle_message({"cmd": "open_files", "files": [str(file)]})
    assert len(window.file_actions.imports) == 1
    qtbot.waitUntil(lambda: window.file_actions.imports[0].dialog.plan is not None, timeout=10_000)
    window.file_actions.imports[0].dialog.reject()


def test_geometry_and_splitters_are_remembered(make_window, settings):
    window = make_window()
    window.resize(780, 560)  # the offscreen screen is 800 x 600
    window.splitter.setSizes([180, 200, 400])
    size, sizes = window.size(), window.splitter.sizes()
    window.close()
    again = make_window()
    assert again.size() == size
    assert again.splitter.sizes() == sizes


def test_shortcuts_dialog_lists_the_window_shortcuts(window):
    window.act_shortcuts.trigger()
    table = window.shortcuts_dialog.table
    rows = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    assert rows["Log interaction"] == "Ctrl+L"
    assert rows["Find"] == "Ctrl+F"
    assert "Undo" in rows
    window.shortcuts_dialog.close()


def test_status_bar_counts_people_and_things_due(make_window):
    person("Ana Souza", circles=["Family"], met_on=dt.date.today() - dt.timedelta(days=90))
    person("Ben Okafor")
    window = make_window()
    assert window.counts_label.text() == "2 people  ·  1 due"


def test_export_runs_in_a_worker(make_window, qtbot, tmp_path):
    person("Ana Souza", email="ana@x.example")
    window = make_window()
    out = tmp_path / "out.vcf"
    task = window.file_actions.export_to(out, "vcard")
    qtbot.waitUntil(lambda: task.done, timeout=10_000)
    assert "FN:Ana Souza" in out.read_text()


def test_upcoming_reminders_export_to_a_calendar_file(make_window, qtbot, tmp_path):
    import vobject

    from netdesk.core import follow_ups
    from netdesk.ui.window.file_actions import CALENDAR, _with_suffix

    ana = person("Ana Souza")
    follow_ups.add(ana, dt.date.today() + dt.timedelta(days=2), "Send the deck")
    window = make_window()
    out = _with_suffix(tmp_path / "netdesk.vcf", CALENDAR)  # the dialog's name, calendar type
    assert out.name == "netdesk.ics"
    task = window.file_actions.export_to(out, CALENDAR)
    qtbot.waitUntil(lambda: task.done, timeout=10_000)
    event = vobject.readOne(out.read_text(encoding="utf-8")).vevent
    assert event.summary.value == "Follow up with Ana Souza"
    qtbot.waitUntil(
        lambda: window.statusBar().currentMessage() == "Exported 1 reminder to netdesk.ics"
    )


def test_back_up_now_makes_a_copy(make_window, qtbot, db_path):
    person("Ana Souza")
    window = make_window()
    task = window.file_actions.back_up_now()
    qtbot.waitUntil(lambda: task.done, timeout=10_000)
    copies = list((db_path.parent / "backups").glob("*.db"))
    assert len(copies) == 1


def test_the_window_follows_a_dark_palette(make_window, qtbot):
    from PySide6.QtGui import QPalette

    from netdesk.core.health import HealthState
    from netdesk.ui.widgets import theme
    from tests.helpers.palette import DARK_WINDOW, dark_palette

    ana = person("Ana Souza", circles=["Family"], met_on=dt.date.today() - dt.timedelta(days=90))
    window = make_window()
    window.reveal_person(ana)
    window.setPalette(dark_palette())
    qtbot.waitUntil(lambda: theme.is_dark(window.pane.palette()))
    badge = window.pane.findChild(QLabel, "badge_status")
    # Family: every 2 weeks, met 90 days ago and silent since: drifting
    background, foreground = theme.health_colours(HealthState.DRIFTING, window.pane.palette())
    assert background.name() in badge.styleSheet()
    assert foreground.lightness() - background.lightness() > 90  # light text on a dark badge
    # the sidebar lists on the window's colour, in the new palette too
    assert window.sidebar.palette().color(QPalette.ColorRole.Base) == DARK_WINDOW
    assert not window.grab().isNull()


def test_settings_change_cadence_and_birthday_notice(make_window, qtbot):
    from netdesk.core import settings as core_settings

    window = make_window()
    window.act_settings.trigger()
    dialog = window.settings_dialog
    family = next(c for c in circles.circles() if c.name == "Family")
    dialog.cadences[family.id].setValue(21)
    dialog.lead_days.setValue(7)
    dialog.accept()
    assert next(c for c in circles.circles() if c.name == "Family").default_cadence_days == 21
    assert core_settings.birthday_lead_days() == 7


def test_settings_back_up_now(make_window, qtbot, db_path):
    person("Ana Souza")
    window = make_window()
    window.act_settings.trigger()
    dialog = window.settings_dialog
    dialog.backup_button.click()
    qtbot.waitUntil(lambda: "Backed up to" in dialog.backup_status.text(), timeout=10_000)
    assert list((db_path.parent / "backups").glob("*.db"))
    dialog.reject()


def test_a_change_is_shown_when_the_sidebar_counts_arrive_before_the_views_refresh(
    make_window, qtbot
):
    """The counts of an earlier change can land between a write and the list's refresh; the
    write must still reach the list."""
    person("Ana Souza")
    window = make_window()
    person("Ben Okafor")  # written on the GUI thread: the window is told at once
    window._sidebar_loaded(window.sidebar_data)  # counts from before, landing first
    qtbot.waitUntil(lambda: sorted(names_in_list(window)) == ["Ana Souza", "Ben Okafor"])


def test_views_refresh_when_another_part_writes(make_window, qtbot):
    ana = person("Ana Souza")
    window = make_window()
    window.reveal_person(ana)
    interactions.log(InteractionDraft(dt.date.today(), summary="Lunch", people=[ana]))
    qtbot.waitUntil(lambda: window.pane.timeline_model.rowCount() == 1)
    person("Ben Okafor")
    qtbot.waitUntil(lambda: len(names_in_list(window)) == 2)
    qtbot.waitUntil(lambda: window.sidebar_data is not None and window.sidebar_data.people == 2)


def test_find_duplicates_then_merge_a_pair(make_window, qtbot, monkeypatch):
    ana = person("Ana Souza", email="ana@fjordlight.example")
    twin = person("Ana Souza", email="ANA@fjordlight.example", phone="+44 20 7946 0000")
    window = make_window()
    # the modal prompt
    monkeypatch.setattr(window.person_actions, "ask_merge_choices", lambda keep, other: {})
    window.act_duplicates.trigger()
    dialog = window.person_actions.duplicates_dialog
    qtbot.waitUntil(lambda: not dialog.is_loading() and bool(dialog.pair_list()), timeout=10_000)
    assert set(dialog.pair_list()[0]) == {ana, twin}
    dialog.merge_requested.emit(*dialog.pair_list()[0])
    qtbot.waitUntil(lambda: len(names_in_list(window)) == 1)
    survivor = window.people_model.rows()[0].id
    values = {p.value.lower() for p in people.get(survivor).points}
    assert {"ana@fjordlight.example", "+44 20 7946 0000"} <= values
    assert dialog.pair_list() == []
    dialog.close()


def test_find_duplicates_merges_a_pair_in_one_click_and_undo_splits_it(make_window, qtbot):
    """Same name, nothing else in common: imported as two people, proposed as a pair, and one
    click on Merge folds them with the suggested values (no field-by-field dialog: a modal would
    fail this test)."""
    maren = person("Maren Ostby", met_on=dt.date(2023, 5, 1), why_stand_out="Runs the meetup")
    stub = person("Maren Ostby", phone="+47 912 34 567")
    window = make_window()
    window.act_duplicates.trigger()
    dialog = window.person_actions.duplicates_dialog
    qtbot.waitUntil(lambda: not dialog.is_loading() and bool(dialog.pair_list()), timeout=10_000)
    assert set(dialog.pair_list()[0]) == {maren, stub}
    dialog.pairs.setCurrentItem(dialog.pairs.topLevelItem(0))
    qtbot.mouseClick(dialog.merge_now_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(names_in_list(window)) == 1)
    merged = people.get(window.people_model.rows()[0].id)
    assert merged.met_on == dt.date(2023, 5, 1) and merged.why_stand_out == "Runs the meetup"
    assert "+4791234567" in {p.value.replace(" ", "") for p in merged.points}
    assert dialog.pair_list() == []
    window.act_undo.trigger()
    qtbot.waitUntil(lambda: len(names_in_list(window)) == 2)
    dialog.close()


def test_event_capture_shows_the_event(make_window, qtbot, monkeypatch):
    from netdesk.core import events
    from netdesk.ui.dialogs import event_capture

    ana = person("Ana Souza")

    def ask(parent, keep=None):  # the prompt alone: no dialog to keep for the undo stack
        event_id = events.create("Harbour dinner", dt.date.today(), "Pier 9")
        events.add_attendee(event_id, ana)
        return event_id

    window = make_window()
    monkeypatch.setattr(event_capture, "ask", ask)
    window.act_event.trigger()
    qtbot.waitUntil(lambda: window.sidebar.current_key().startswith("event:"), timeout=10_000)
    assert window.sidebar.current_entry().label == "Harbour dinner"
    qtbot.waitUntil(lambda: names_in_list(window) == ["Ana Souza"])


def test_icons_follow_a_palette_change(window):
    from PySide6.QtGui import QColor, QPalette

    before = window.act_new.icon().pixmap(18).toImage()
    dark = QPalette(window.palette())
    dark.setColor(QPalette.ColorRole.WindowText, QColor(235, 235, 235))
    window.setPalette(dark)
    after = window.act_new.icon().pixmap(18).toImage()
    assert before != after


def test_down_in_search_goes_to_the_first_person_found(make_window, qtbot):
    person("Ana Souza", org="Fjordlight")
    person("Ben Okafor")
    window = make_window()
    window.act_find.trigger()
    qtbot.keyClicks(window.search, "fjord")
    qtbot.keyClick(window.search, Qt.Key.Key_Down)
    assert window.table.hasFocus()
    assert window.pane.findChild(QLabel, "pane_name").text() == "Ana Souza"


def test_a_saved_size_too_small_to_use_is_replaced(make_window, settings):
    """A geometry saved from a tiny window (or another screen) must not open a useless one."""
    from PySide6.QtWidgets import QWidget

    from netdesk.ui.window import main_window

    tiny = QWidget()
    tiny.resize(500, 250)
    settings.setValue("window/geometry", tiny.saveGeometry())
    window = make_window()
    assert window.width() >= main_window.MIN_SIZE[0]
    assert window.height() >= main_window.MIN_SIZE[1]


def test_the_person_pane_is_built_once_the_window_is_on_screen(store, db_path, settings, qtbot):
    """Start-up shows the window first; the pane replaces its stand-in right after the first
    paint, in the same place and size, and callbacks queued for that moment run once."""
    from netdesk.ui.window.main_window import MainWindow

    person("Ana Souza")
    window = MainWindow(db_path, settings=settings)
    qtbot.addWidget(window)
    ran: list[str] = []
    window.after_first_paint(lambda: ran.append("after paint"))
    assert window._pane is None and window.current_person() == 0
    stand_in = window.splitter.widget(2)
    assert stand_in.text() == "Choose someone to see their story."
    window.show()
    qtbot.waitUntil(lambda: window._pane is not None)
    assert window.splitter.widget(2) is window.pane and window.pane.isVisible()
    assert window.splitter.sizes()[2] >= 340
    qtbot.waitUntil(lambda: ran == ["after paint"])
    assert not window.windowIcon().isNull()  # netdesk's icon on the title bar and task switcher
    window.after_first_paint(lambda: ran.append("later"))  # after the fact: runs at once
    qtbot.waitUntil(lambda: ran == ["after paint", "later"])
    window.workers.wait()
    window.notifier.stop()
