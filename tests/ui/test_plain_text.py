"""Text from people and files is never rich text: every widget that shows person data is built
for someone whose every text field holds `<img src="FIFO">`, bold and a link.

Qt takes a string that looks like HTML for rich text in tooltips, labels and message boxes, and
then loads the image: a FIFO would block the window forever, /dev/zero exhausts its memory. The
canary here is a FIFO watched by a separate process (a blocked GUI thread may hold the GIL): a
reader that opens it blocks until the watcher opens the other end, which the watcher records
and which lets the reader go on. So an attempt to read it fails the test instead of hanging it.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QAction, QTextDocument, QTextDocumentFragment
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QToolTip, QWidget

from netdesk.core import (
    circles,
    events,
    favours,
    follow_ups,
    importing,
    interactions,
    people,
    relationships,
)
from netdesk.core.interactions import InteractionDraft
from netdesk.core.people import PersonDraft, PointDraft, PositionDraft
from netdesk.qt import plain
from netdesk.qt.people_model import Column, PeopleModel
from netdesk.values import FavourDirection, InteractionKind, PointKind, RelationshipKind, TagKind

BOLD = "<b>bold</b>"
might_be_rich = GuiQt.mightBeRichText  # Qt's own guess (QtGui adds it to the namespace)
LINK = '<a href="https://x.example">link</a>'

WATCHER = """
import os, sys, time
fifo, marker = sys.argv[1], sys.argv[2]
while True:
    try:
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)  # succeeds only while someone reads
    except OSError:
        time.sleep(0.02)
        continue
    open(marker, "a").write("opened\\n")
    os.close(fd)  # the reader sees the end of the file and goes on
"""


@dataclass
class Canary:
    fifo: Path
    marker: Path

    @property
    def text(self) -> str:
        return f'<img src="{self.fifo}"> {BOLD} {LINK}'

    def field(self, what: str) -> str:
        """A distinct value per field, each with the image, bold and a link."""
        return f"{what} {self.text}"

    def was_opened(self) -> bool:
        return self.marker.exists()


@pytest.fixture
def canary(tmp_path) -> Iterator[Canary]:
    # a short path, so a canary fits even in a tag (tags are capped like an import caps them)
    short = Path(tempfile.mkdtemp(prefix="c", dir="/tmp"))
    fifo, marker = short / "f", tmp_path / "canary.opened"
    os.mkfifo(fifo)
    watcher = subprocess.Popen([sys.executable, "-c", WATCHER, str(fifo), str(marker)])
    found = Canary(fifo, marker)
    try:
        yield found
    finally:
        watcher.terminate()
        watcher.wait()
        # An empty file takes the FIFO's place: a widget left over from this test that reads it
        # later finds nothing instead of blocking the next test forever.
        spare = short / "spare"
        spare.write_bytes(b"")
        spare.replace(fifo)
    assert not found.was_opened(), "Qt read the <img> file named in person text"


class ResourceLog(QTextDocument):
    """A document that records every image it is asked to load instead of loading it."""

    def __init__(self) -> None:
        super().__init__()
        self.requested: list[str] = []

    def loadResource(self, kind: int, name) -> object:
        self.requested.append(name.toString())
        return None


def markup_problem(text: str, where: str) -> str | None:
    """Why `text` would show markup from the data as rich text, or None when it is safe."""
    if not text or not might_be_rich(text):
        return None
    document = ResourceLog()
    document.setHtml(text)
    document.size()  # lays it out, which is when images are asked for
    if document.requested:
        return f"{where}: rich text loads {document.requested}"
    if any(tag in text for tag in ("<img", BOLD, LINK)):
        return f"{where}: rich text with the data's own tags: {text[:200]!r}"
    return None


def label_problem(label: QLabel) -> str | None:
    text = label.text()
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and might_be_rich(text)
    )
    return markup_problem(text, f"label {label.objectName()!r}") if rich else None


def _columns(model, parent: QModelIndex) -> int:
    try:
        return model.columnCount(parent)
    except TypeError:  # a list model: PySide makes its columnCount private
        return 1


def view_tooltips(view: QAbstractItemView) -> Iterator[tuple[str, str]]:
    model = view.model()
    if model is None:
        return
    pending = [QModelIndex()]
    while pending:
        parent = pending.pop()
        for row in range(min(model.rowCount(parent), 200)):
            for column in range(_columns(model, parent)):
                index = model.index(row, column, parent)
                tip = index.data(Qt.ItemDataRole.ToolTipRole)
                if isinstance(tip, str):
                    yield tip, f"{view.objectName()} row {row} column {column}"
            pending.append(model.index(row, 0, parent))


def tooltips(root: QWidget) -> Iterator[tuple[str, str]]:
    for widget in [root, *root.findChildren(QWidget)]:
        yield widget.toolTip(), f"tooltip of {type(widget).__name__} {widget.objectName()!r}"
        if isinstance(widget, QAbstractItemView):
            yield from view_tooltips(widget)
    for action in root.findChildren(QAction):
        yield action.toolTip(), f"tooltip of action {action.objectName()!r}"


def check_plain(root: QWidget, canary: Canary) -> list[str]:
    """Render `root`, show each of its tooltips as Qt would, and list what is not plain."""
    root.grab()  # paints every visible child: labels lay out (and would load) their text
    problems = [p for label in root.findChildren(QLabel) if (p := label_problem(label))]
    for tip, where in tooltips(root):
        if tip:
            QToolTip.showText(QPoint(10, 10), tip, root)
            QApplication.processEvents()
            problems.append(markup_problem(tip, where))
    QToolTip.hideText()
    problems = [p for p in problems if p]
    if canary.was_opened():
        problems.append("the canary file was opened")
    return problems


def shown_text(tip: str) -> str:
    """What a tooltip shows, as text."""
    return QTextDocumentFragment.fromHtml(tip).toPlainText() if might_be_rich(tip) else tip


def canary_person(canary: Canary, name: str = "Ana") -> int:
    c = canary.field
    draft = PersonDraft(
        display_name=c(name),
        prefix=c("prefix"),
        given=c("given"),
        family=c("family"),
        nickname=c("nick"),
        how_met=c("how met"),
        met_on=dt.date(2024, 5, 27),
        why_stand_out=c("why"),
        family_notes=c("family notes"),
        notes=c("notes"),
        nurture=True,
        cadence_days=7,
        points=[
            PointDraft(PointKind.EMAIL, "ana@fjordlight.example", c("label")),
            PointDraft(PointKind.URL, c("url")),
            PointDraft(PointKind.ADDRESS, c("address")),
        ],
        positions=[PositionDraft(c("org"), c("title"), c("department"))],
        circles=[c("circle")],
        tags=[
            (TagKind.INTEREST, c("interest")),
            (TagKind.HOBBY, c("hobby")),
            (TagKind.LABEL, c("tag")),
        ],
    )
    return people.create(draft)


@pytest.fixture
def everything(store, canary) -> tuple[int, int]:
    """Two people with canaries everywhere, linked, with an event, favours and follow-ups."""
    ana = canary_person(canary, "Ana")
    ben = canary_person(canary, "Ben")
    c = canary.field
    long_ago = dt.date.today() - dt.timedelta(days=60)
    interactions.log(
        InteractionDraft(
            long_ago, InteractionKind.COFFEE, c("summary"), c("notes"), people=[ana, ben]
        )
    )
    follow_ups.add(ana, dt.date.today() - dt.timedelta(days=1), c("follow-up"))
    favours.add(ana, FavourDirection.GIVEN, c("favour"), long_ago, due=long_ago)
    event = events.create(c("event"), long_ago, c("place"), notes=c("event notes"))
    events.add_attendee(event, ana)
    relationships.link(ana, ben, RelationshipKind.FRIEND, c("link note"))
    circles.save_search(c("smart list"), "Ana")
    return ana, ben


def test_the_window_shows_person_text_as_text(everything, make_window, canary, qtbot):
    ana, _ben = everything
    window = make_window()
    window.reveal_person(ana)
    qtbot.waitUntil(lambda: window.pane.person_id == ana)
    assert check_plain(window, canary) == []
    assert BOLD in window.pane.findChild(QLabel, "pane_name").text()  # shown literally
    window.sidebar.select_key("today")
    qtbot.waitUntil(lambda: window.center.currentWidget() is window.today)
    qtbot.waitUntil(lambda: window.today.has_plan())  # "This week": Ana's follow-up
    assert check_plain(window, canary) == []


def test_the_list_tooltip_shows_title_and_organisation_literally(everything, qtbot):
    model = PeopleModel()
    model.set_query(model.query)
    tip = model.index(0, Column.NAME).data(Qt.ItemDataRole.ToolTipRole)
    assert markup_problem(tip, "list tooltip") is None
    assert "title <img src=" in shown_text(tip) and BOLD in shown_text(tip)


def test_the_import_preview_shows_the_file_as_text(store, canary, tmp_path, qtbot):
    from netdesk.ui.window.import_preview import ImportPreviewDialog

    canary_person(canary, "Ana")  # the file's first card matches her: the Why names her
    c = canary.field
    card = "\r\n".join(
        [
            "BEGIN:VCARD",
            "VERSION:3.0",
            f"FN:{c('Ana')}",
            f"N:{c('family')};{c('given')};;;",
            f"ORG:{c('org')}",
            f"TITLE:{c('title')}",
            f"NOTE:{c('note')}",
            "EMAIL:ana@fjordlight.example",
            "END:VCARD",
            "BEGIN:VCARD",
            "VERSION:3.0",
            f"FN:{c('Cleo')}",
            f"ORG:{c('org')}",
            "END:VCARD",
            "",
        ]
    )
    path = tmp_path / "canary.vcf"
    path.write_text(card, encoding="utf-8")
    plan = importing.read_path(path)
    dialog = ImportPreviewDialog(None, path.name)
    qtbot.addWidget(dialog)
    dialog.show_plan(plan)
    dialog.show()
    assert check_plain(dialog, canary) == []
    names = [dialog.model.index(r, 1).data(Qt.ItemDataRole.ToolTipRole) for r in range(2)]
    assert all(BOLD in shown_text(tip) for tip in names)


def dialogs(ana: int, ben: int, db_path: Path) -> Iterator[QWidget]:
    from netdesk.qt.workers import Workers
    from netdesk.ui.dialogs.duplicates_dialog import DuplicatesDialog
    from netdesk.ui.dialogs.event_capture import EventCaptureDialog
    from netdesk.ui.dialogs.favour_dialog import FavourDialog
    from netdesk.ui.dialogs.follow_up_dialog import FollowUpDialog
    from netdesk.ui.dialogs.interaction_dialog import InteractionDialog
    from netdesk.ui.dialogs.merge_dialog import MergeDialog
    from netdesk.ui.dialogs.person_editor import PersonEditor
    from netdesk.ui.dialogs.settings_dialog import SettingsDialog

    yield PersonEditor(None, people.get(ana))
    yield SettingsDialog(None, db_path, Workers())  # a cadence row per circle, named
    yield MergeDialog(None, ana, ben)
    yield FavourDialog(None, ana)
    yield FollowUpDialog(None, ana)
    yield InteractionDialog(None, [ana, ben])
    yield EventCaptureDialog(None)
    yield DuplicatesDialog(None, Workers(), autoload=False)  # workers the window would lend


def test_the_dialogs_show_person_text_as_text(everything, canary, db_path, qtbot):
    ana, ben = everything
    for dialog in dialogs(ana, ben, db_path):
        qtbot.addWidget(dialog)
        dialog.show()
        prepare = getattr(dialog, "reload", None)
        if prepare is not None:  # the duplicates dialog: Ana and Ben share an email
            with qtbot.waitSignal(dialog.loaded, timeout=10_000):
                prepare()
            assert dialog.pair_list() == [(ana, ben)]
        assert check_plain(dialog, canary) == [], type(dialog).__name__
        dialog.close()


def test_event_capture_shows_the_event_and_people_as_text(everything, canary, qtbot):
    from netdesk.ui.dialogs.event_capture import EventCaptureDialog

    ana, _ben = everything
    dialog = EventCaptureDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.event_name.setText(canary.field("meetup"))
    dialog.create_event()
    dialog.add_existing(ana, people.get(ana).display_name)
    assert check_plain(dialog, canary) == []
    assert BOLD in dialog.people_title.text()
    assert dialog.people_title.textFormat() == Qt.TextFormat.PlainText


def test_error_boxes_are_plain_text(everything, make_window, canary):
    window = make_window()
    window.report_error(f"{canary.text} cannot be saved")
    [box] = [w for w in window.findChildren(QWidget, "error_box")]
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert check_plain(box, canary) == []
    box.close()


def test_a_smart_list_name_dialog_repeats_the_search_literally(store, make_window, canary):
    window = make_window()
    dialog = window.person_actions.ask_smart_list_name(canary.text)
    assert check_plain(dialog, canary) == []
    assert any(BOLD in label.text() for label in dialog.findChildren(QLabel))
    dialog.reject()


def test_a_3_mb_title_is_shown_bounded(store, make_window, qtbot):
    from netdesk.db.models import Position

    huge = "T" * 3_000_000
    longest = "N" * people.MAX_NAME
    draft = PersonDraft(
        display_name=longest,
        notes="x" * people.MAX_TEXT,
        positions=[PositionDraft("Org", "CTO")],
    )
    ana = people.create(draft)
    # a title and organisation stored before imports and editors capped them
    Position.update(organization=huge, title=huge).where(Position.person == ana).execute()
    window = make_window()
    window.reveal_person(ana)
    tip = window.people_model.index(0, Column.NAME).data(Qt.ItemDataRole.ToolTipRole)
    assert len(shown_text(tip)) <= plain.TOOLTIP
    name = window.people_model.index(0, Column.NAME).data(Qt.ItemDataRole.DisplayRole)
    assert len(name) <= plain.LINE
    for label in ("pane_name", "pane_job"):
        assert len(window.pane.findChild(QLabel, label).text()) <= plain.LINE
    assert max(len(label.text()) for label in window.findChildren(QLabel)) <= plain.BLOCK
    window.grab()  # the list and the pane paint with the clipped text


def test_a_tooltip_shows_its_text_literally_and_keeps_its_lines(qapp):
    tip = plain.tooltip(f"Ana {BOLD} & co\n{LINK}")
    assert might_be_rich(tip)  # Qt takes it as rich text made only of text
    assert shown_text(tip) == f"Ana {BOLD} & co\n{LINK}"
    assert markup_problem(tip, "tooltip") is None
    assert plain.tooltip("") == ""  # still means "no tooltip"


def test_menu_text_shows_an_ampersand_and_long_text_is_clipped():
    assert plain.action_text("R&D") == "R&&D"
    clipped = plain.clip("x" * 1000, 10)
    assert len(clipped) == 10 and clipped.endswith(plain.ELLIPSIS)
    assert plain.clip("short") == "short"


def test_the_editor_shows_a_3_mb_title_clipped_and_will_not_store_it(store, qtbot):
    from PySide6.QtWidgets import QStyleOptionViewItem

    from netdesk.db.models import Position
    from netdesk.ui.dialogs.person_editor import PersonEditor

    huge = "T" * 3_000_000
    ana = people.create(PersonDraft(display_name="Ana", positions=[PositionDraft("Org", "CTO")]))
    # a title stored before imports and editors capped it: written past the store's checks
    Position.update(title=huge).where(Position.person == ana).execute()
    editor = PersonEditor(None, people.get(ana))
    qtbot.addWidget(editor)
    table = editor.positions.table
    index = table.model().index(0, editor.positions.TITLE)
    option = QStyleOptionViewItem()
    table.itemDelegateForIndex(index).initStyleOption(option, index)
    assert len(option.text) <= plain.LINE  # what the cell paints
    assert editor.draft().positions[0].title == huge  # nothing is cut behind the user's back
    assert editor.problems()["positions"][1] == "That organisation or title is too long."
    assert editor.display_name.maxLength() == people.MAX_NAME == 200


def test_introductions_and_circle_triage_show_person_text_as_text(everything, canary, qtbot):
    from netdesk.core import needs
    from netdesk.qt.workers import Workers
    from netdesk.ui.dialogs.circle_triage_dialog import CircleTriageDialog
    from netdesk.ui.dialogs.introduce_dialog import IntroduceDialog
    from netdesk.ui.dialogs.suggestions_dialog import SuggestionsDialog
    from netdesk.values import NeedKind

    ana, ben = everything
    needs.add(ana, NeedKind.NEED, canary.field("an analyst role"))
    needs.add(ben, NeedKind.OFFER, canary.field("hiring analysts"))
    workers = Workers()  # the window's, which the suggestions borrow
    suggestions = SuggestionsDialog(None, workers)
    qtbot.addWidget(suggestions)
    qtbot.waitUntil(lambda: bool(suggestions.found), timeout=10_000)
    introduce = IntroduceDialog(None, ana, ben, record=lambda *_: 0)
    triage = CircleTriageDialog(None, workers, [ana, ben])
    qtbot.waitUntil(lambda: triage.evidence is not None, timeout=10_000)
    for dialog in (suggestions, introduce, triage):
        qtbot.addWidget(dialog)
        dialog.show()
        assert check_plain(dialog, canary) == [], type(dialog).__name__
    assert canary.text in introduce.body.toPlainText()
    workers.shutdown()
