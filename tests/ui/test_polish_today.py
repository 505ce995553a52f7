"""Today's lines with a long name: the name elides with "…" and never runs under the badge, the
date or the line's buttons, selected or not, light or dark; its tooltip names it in full."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QEvent, QModelIndex, QRect
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHelpEvent, QImage, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem, QToolTip

from netdesk.core import follow_ups, settings
from netdesk.qt.due_model import Role
from tests.helpers.palette import dark_palette
from tests.helpers.people import person

TODAY = dt.date.today()
LONG = "Maximilian Alexander Friedrich von Hohenzollern-Sigmaringen"  # 59 characters
DETAIL = "Send the deck about the very long quarterly planning review"


@dataclass(frozen=True)
class Drawn:
    rect: QRect
    text: str
    font: QFont
    colour: QColor


class RecordingPainter(QPainter):
    """A real painter on an image that also notes where each text and badge went."""

    def __init__(self, image: QImage) -> None:
        super().__init__(image)
        self.texts: list[Drawn] = []
        self.badges: list[QRect] = []

    def drawText(self, *args):
        if isinstance(args[0], QRect):
            drawn = Drawn(QRect(args[0]), args[2], QFont(self.font()), self.pen().color())
            self.texts.append(drawn)
        return super().drawText(*args)

    def drawRoundedRect(self, *args):
        self.badges.append(QRect(args[0]))
        return super().drawRoundedRect(*args)


@pytest.fixture
def today(make_window, qtbot):
    """Today with a 59-character name due (a follow-up) and a short one, the long one's line
    selected: its buttons on show."""
    settings.put("quiet_start", "")  # whatever the hour the suite runs at
    settings.put("quiet_end", "")
    follow_ups.add(person(LONG), TODAY, DETAIL)
    follow_ups.add(person("Ana Lima"), TODAY, "Call back")
    window = make_window()
    assert window.sidebar.select_key("today")
    qtbot.waitUntil(lambda: window.center.currentWidget() is window.today)
    view = window.today
    qtbot.waitUntil(lambda: view.model().rowCount() == 2)
    view.setCurrentIndex(line_of(view, LONG))
    assert view.buttons.isVisible()
    return view


def line_of(view, name: str) -> QModelIndex:
    model = view.model()
    rows = [model.index(row, 0) for row in range(model.rowCount())]
    return next(index for index in rows if index.data(Role.ITEM).name == name)


def line_option(view, width: int, *, selected: bool, dark: bool) -> QStyleOptionViewItem:
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.widget = view
    option.rect = QRect(0, 0, width, 54)
    option.font = view.font()
    if dark:
        option.palette = dark_palette()
    if selected:
        option.state |= QStyle.StateFlag.State_Selected
    return option


def paint_line(view, option: QStyleOptionViewItem) -> RecordingPainter:
    """The line drawn by the view's own delegate."""
    image = QImage(option.rect.size(), QImage.Format.Format_ARGB32)
    painter = RecordingPainter(image)
    view.itemDelegate().paint(painter, option, line_of(view, LONG))
    painter.end()
    return painter


def name_of(painter: RecordingPainter) -> Drawn:
    [name] = [d for d in painter.texts if d.text and LONG.startswith(d.text.removesuffix("…"))]
    return name


def ink(drawn: Drawn) -> QRect:
    """Where the text's letters actually are (left aligned in its rect)."""
    advance = QFontMetrics(drawn.font).horizontalAdvance(drawn.text)
    return QRect(drawn.rect.left(), drawn.rect.top(), advance, drawn.rect.height())


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("line", ["selected", "under the pointer", "plain"])
@pytest.mark.parametrize("width", [460, 560, 700, 1000])
def test_a_long_name_elides_and_never_runs_under_the_badge_date_or_buttons(
    today, width, line, dark
):
    # the selected line and the one under the pointer share their width with Done, Log, Snooze
    # and Open; any other line has it all
    selected, with_buttons = line == "selected", line != "plain"
    if not with_buttons:
        today.setCurrentIndex(line_of(today, "Ana Lima"))
    option = line_option(today, width, selected=selected, dark=dark)
    painter = paint_line(today, option)
    name = name_of(painter)
    role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
    assert name.colour == option.palette.color(role)  # legible on the light or dark line
    avatar_end = 12 + 32
    buttons_start = width - 12 - (today.buttons.width() if with_buttons else 0)
    assert name.text == LONG or name.text.endswith("…")  # whole, or cut where it shows
    assert ink(name).width() <= name.rect.width()
    assert QFontMetrics(name.font).averageCharWidth() * 12 <= name.rect.width()  # not squeezed
    others = [d for d in painter.texts if d is not name]
    for part in [*painter.badges, *(ink(d) for d in others), ink(name)]:
        assert part.left() > avatar_end and part.right() < buttons_start
    for part in [*painter.badges, *(d.rect for d in others if d.text != DETAIL)]:
        assert not part.intersects(name.rect), part


def test_a_wide_line_shows_the_whole_name_with_its_badge_and_date(today):
    painter = paint_line(today, line_option(today, 1400, selected=True, dark=False))
    assert name_of(painter).text == LONG
    assert len(painter.badges) == 1
    assert "today" in [d.text for d in painter.texts]


def test_the_tooltip_names_the_person_and_the_reason_in_full(today, qtbot):
    view = today
    index = line_of(view, LONG)
    where = view.visualRect(index).center()
    event = QHelpEvent(QEvent.Type.ToolTip, where, view.viewport().mapToGlobal(where))
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.rect = view.visualRect(index)
    assert view.itemDelegate().helpEvent(event, view, option, index)
    qtbot.waitUntil(QToolTip.isVisible)
    text = QToolTip.text()
    QToolTip.hideText()
    assert LONG in text and DETAIL in text and "Follow-up:" in text
