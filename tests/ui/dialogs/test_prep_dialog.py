"""Meeting prep in the window: the page read on a worker and shown with every person's text as
typed, Copy as plain text, Save as PDF (a valid file, or one sentence when it cannot be
written); and File > Import calendar…, where nobody is created unless ticked."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QDialogButtonBox, QPushButton

from netdesk.core import events, prep
from netdesk.db.models import ContactPoint, Event, Person
from netdesk.qt import i18n, prep_document
from netdesk.qt.workers import Workers
from netdesk.ui.dialogs import prep_dialog
from netdesk.ui.dialogs.calendar_import_dialog import CalendarImportDialog
from netdesk.values import TagKind
from tests.helpers.paths import FIXTURES
from tests.helpers.people import person
from tests.ui.test_plain_text import canary  # noqa: F401 - the FIFO canary fixture

HOSTILE = '<img src="/dev/zero"> <b>Bold</b> & <a href="x">link</a>'


@pytest.fixture
def workers(qtbot):
    """The window's background workers, which the dialogs borrow."""
    pool = Workers()
    yield pool
    pool.shutdown()


def open_prep(qtbot, workers, ids: list[int]) -> prep_dialog.PrepDialog:
    dialog = prep_dialog.for_people(None, workers, ids)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.prep is not None, timeout=10_000)
    return dialog


def images(dialog: prep_dialog.PrepDialog) -> int:
    """How many images the shown page holds (an image would make Qt read its source)."""
    found, block = 0, dialog.browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            found += it.fragment().charFormat().isImageFormat()
            it += 1
        block = block.next()
    return found


def test_the_page_shows_what_to_remember_and_text_from_people_as_typed(store, qtbot, workers):
    ana = person("Ana Souza", tags=[(TagKind.HOBBY, "sailing")], why_stand_out=HOSTILE)
    dialog = open_prep(qtbot, workers, [ana])
    shown = dialog.browser.toPlainText()
    assert "Ana Souza" in shown and "Hobbies" in shown and "sailing" in shown
    assert HOSTILE in shown  # the markup is text, not an image, bold or a link
    assert images(dialog) == 0
    assert dialog.windowTitle() == "Meeting prep"
    assert all(b.isEnabled() for b in (dialog.copy_button, dialog.pdf_button, dialog.print_button))


def test_the_position_line_reads_on_a_dark_window(store, qtbot, workers):
    ana = person("Ana Souza", org="Lumen", title="Data Lead")
    dialog = prep_dialog.for_people(None, workers, [ana])
    qtbot.addWidget(dialog)
    dark = QPalette()
    dark.setColor(QPalette.ColorRole.Base, QColor(28, 29, 31))
    dark.setColor(QPalette.ColorRole.Text, QColor(226, 226, 226))
    dialog.setPalette(dark)
    qtbot.waitUntil(lambda: dialog.prep is not None, timeout=10_000)
    block = dialog.browser.document().find("Data Lead").block()
    grey = block.begin().fragment().charFormat().foreground().color()
    assert grey.lightness() - QColor(28, 29, 31).lightness() > 80  # #555 was 55 above it
    assert prep_document.PAPER_GREY in prep_document.html_page(prep.for_people([ana]))  # paper


def test_tab_goes_through_the_buttons_in_the_order_shown(store, qtbot, workers):
    dialog = open_prep(qtbot, workers, [person("Ana Souza")])
    dialog.show()
    close = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    reached, widget = [], dialog.browser
    for _ in range(4):
        widget = widget.nextInFocusChain()
        while not isinstance(widget, QPushButton):
            widget = widget.nextInFocusChain()
        reached.append(widget)
    assert reached == [dialog.copy_button, dialog.pdf_button, dialog.print_button, close]
    assert close.isDefault()  # Enter closes


def test_the_html_escapes_every_text_from_people(store):
    ana = person(HOSTILE, family_notes="Partner <Leo> & the kids")
    page = prep_document.html_page(prep.for_people([ana]))
    assert "<img" not in page and "<b>" not in page and "<a " not in page
    assert "&lt;img src=&quot;/dev/zero&quot;&gt;" in page
    assert "Partner &lt;Leo&gt; &amp; the kids" in page


def test_copy_puts_the_page_as_plain_text_on_the_clipboard(store, qtbot, workers):
    ana = person("Ana Souza", family_notes="Partner Leo")
    dialog = open_prep(qtbot, workers, [ana])
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == prep.as_text(dialog.prep)
    assert "  Family:\n    Partner Leo\n" in QGuiApplication.clipboard().text()
    assert dialog.status.text() == "Copied."


def test_save_as_pdf_writes_a_valid_pdf(store, qtbot, workers, tmp_path):
    ids = [person(f"Person {n}", family_notes="\n".join(["a line"] * 40)) for n in range(3)]
    dialog = open_prep(qtbot, workers, ids)
    assert dialog.save_pdf(tmp_path / "prep")  # the suffix is added
    data = (tmp_path / "prep.pdf").read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert prep_document.page_count(data) >= 2
    assert dialog.status.text() == f"Saved as {tmp_path / 'prep.pdf'}"


def test_open_to_print_hands_the_pdf_to_the_desktops_viewer(store, qtbot, workers, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    opened = []
    # the desktop's PDF viewer does not exist on a test machine: record what it is asked to open
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    dialog = open_prep(qtbot, workers, [person("Ana Souza", family_notes="Partner Leo")])
    path = dialog.open_to_print()
    assert [url.toLocalFile() for url in opened] == [str(path)]
    assert path.read_bytes().startswith(b"%PDF-") and prep_document.page_count(path.read_bytes())
    assert oct(path.parent.stat().st_mode & 0o777) == "0o700"  # private, like the database


def test_a_pdf_that_cannot_be_written_is_one_sentence(store, qtbot, workers, tmp_path):
    dialog = open_prep(qtbot, workers, [person("Ana Souza")])
    target = tmp_path / "missing" / "prep.pdf"
    assert not dialog.save_pdf(target)
    assert dialog.status.text() == f"{target} cannot be written: No such file or directory."
    database = tmp_path / "archive.pdf"  # a database under a PDF's name is still a database
    with sqlite3.connect(database) as connection:
        connection.execute("CREATE TABLE kept (x)")
    before = database.read_bytes()
    assert not dialog.save_pdf(database)
    assert "never replaces a database" in dialog.status.text()
    assert database.read_bytes() == before


def test_the_person_menu_opens_the_prep_for_the_selected_people(make_window, qtbot):
    ana = person("Ana Souza", why_stand_out="Ran the open-data programme")
    window = make_window()
    window.reveal_person(ana)
    menus = [a.menu() for a in window.menuBar().actions() if a.menu() is not None]
    assert any(window.act_prep in menu.actions() for menu in menus)
    window.act_prep.trigger()
    dialog = window.person_actions.prep_dialog
    qtbot.waitUntil(lambda: dialog.prep is not None, timeout=10_000)
    assert [p.person_id for p in dialog.prep.people] == [ana]
    assert "Ran the open-data programme" in dialog.browser.toPlainText()
    dialog.close()


def test_meeting_prep_is_greyed_out_until_someone_is_chosen(make_window, qtbot):
    ana = person("Ana Souza")
    window = make_window()
    assert not window.act_prep.isEnabled()  # its key did nothing, silently
    window.reveal_person(ana)
    assert window.act_prep.isEnabled()


def open_calendar(qtbot, workers, name: str) -> CalendarImportDialog:
    i18n.install()  # as the window does: "%n meeting(s)" reads "2 meetings"
    dialog = CalendarImportDialog(None, workers, FIXTURES / "ics" / name)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=10_000)
    return dialog


def test_calendar_import_lists_meetings_and_creates_only_the_people_ticked(store, qtbot, workers):
    ana = person("Ana Souza", email="ana.souza@example.com")
    dialog = open_calendar(qtbot, workers, "google.ics")
    assert dialog.summary.text() == "2 meetings"
    rows = [
        [dialog.meetings.topLevelItem(i).text(c) for c in range(3)]
        for i in range(dialog.meetings.topLevelItemCount())
    ]
    assert rows[0][1] == "Partnership call"
    assert rows[0][2] == "Ana Souza, Bruno Keller (?), chloe.martin@example.org (?)"
    assert [box.text() for box in dialog.checks.values()] == [
        "Bruno Keller",
        "chloe.martin@example.org",
        "David Osei",
    ]
    assert not any(box.isChecked() for box in dialog.checks.values())
    dialog.checks["d.osei@example.net"].setChecked(True)
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        dialog.import_button.click()
    assert sorted(p.display_name for p in Person.select()) == ["Ana Souza", "David Osei"]
    assert ContactPoint.get(ContactPoint.value == "d.osei@example.net").person_id != ana
    assert Event.select().count() == 2
    mentoring = Event.get(Event.name == "Weekly mentoring")
    assert len(events.attendees(mentoring.id)) == 2
    assert dialog.report.people_created == 1


def test_calendar_import_of_a_file_that_is_no_calendar_says_why(store, qtbot, workers, tmp_path):
    fake = tmp_path / "fake.ics"
    fake.write_text("BEGIN:VCARD\r\nFN:Ana\r\nEND:VCARD\r\n")
    dialog = CalendarImportDialog(None, workers, fake)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: "iCalendar" in dialog.summary.text(), timeout=10_000)
    assert dialog.summary.text() == "This is not an iCalendar file (no BEGIN:VCALENDAR)."
    assert not dialog.import_button.isEnabled()
    assert Event.select().count() == 0


def test_the_file_menu_offers_import_calendar(make_window, qtbot):
    window = make_window()
    file_menu = window.menuBar().actions()[0].menu()
    assert window.act_import_calendar in file_menu.actions()
    dialog = window.file_actions.import_calendar(FIXTURES / "ics" / "apple.ics")
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=10_000)
    assert dialog.plan.meetings[0].entry.day == dt.date(2026, 11, 18)
    dialog.close()


def test_person_text_that_names_a_file_is_never_loaded(store, canary, qtbot, workers, tmp_path):  # noqa: F811
    """Every text of the page holding `<img src=FIFO>`, shown, copied and saved as PDF: the
    file is never opened (the canary fails the test if it is)."""
    c = canary.field
    ana = person(
        c("Ana"),
        org=c("Fjordlight"),
        title=c("Lead"),
        tags=[(TagKind.INTEREST, c("sailing"))],
        family_notes=c("Leo"),
        why_stand_out=c("open data"),
        how_met=c("Web Summit"),
    )
    dialog = open_prep(qtbot, workers, [ana])
    dialog.browser.grab()  # laid out and painted
    assert canary.text in dialog.browser.toPlainText()
    dialog.copy_button.click()
    assert dialog.save_pdf(tmp_path / "prep.pdf")
    calendar = tmp_path / "fifo.ics"
    calendar.write_bytes(
        (FIXTURES / "ics" / "thunderbird.ics")
        .read_bytes()
        .replace(b"Coffee with the hiring panel", c("Coffee").encode())
        .replace(b"CN=Ana Souza", f'CN="{c("Ana")}"'.encode())
    )
    imported = CalendarImportDialog(None, workers, calendar)
    qtbot.addWidget(imported)
    qtbot.waitUntil(lambda: imported.plan is not None, timeout=10_000)
    imported.grab()
    assert imported.meetings.topLevelItem(0).text(1) == c("Coffee")


def test_a_calendar_dropped_on_the_window_opens_its_import(make_window, qtbot):
    from tests.ui.test_import_flow import drop, file_mime

    window = make_window()
    calendar, cards = FIXTURES / "ics" / "apple.ics", FIXTURES / "vcards" / "names.vcf"
    assert drop(window.table.viewport(), file_mime(calendar, cards))
    [dialog] = window.findChildren(CalendarImportDialog)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=10_000)
    assert [m.entry.summary for m in dialog.plan.meetings] == ["Climate Tech Summit"]
    [flow] = window.file_actions.imports  # the contacts go to their own preview
    qtbot.waitUntil(lambda: flow.dialog is not None, timeout=10_000)
    flow.dialog.reject()
    dialog.close()
