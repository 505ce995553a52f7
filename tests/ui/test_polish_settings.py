"""Settings fits a 1280x800 screen with room to spare, however many circles there are, and
every setting in it can still be reached."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QLineEdit,
    QScrollArea,
    QTabWidget,
    QWidget,
)

from netdesk.core import circles as core_circles
from tests.helpers.people import person

ROOM_ON_A_LAPTOP = 620  # 800 px high, less a panel, a title bar and some air


def open_settings(window):
    window.act_settings.trigger()
    dialog = window.settings_dialog
    dialog.resize(dialog.sizeHint())
    return dialog


def settings_in(dialog) -> list[QWidget]:
    """Every control a user can change or press inside the tabs."""
    kinds = (QAbstractSpinBox, QAbstractButton, QLineEdit)
    found = [w for kind in kinds for w in dialog.tabs.findChildren(kind)]
    # a spin box's own line edit and a tab bar's scroll arrows are parts, not settings
    return [
        w
        for w in found
        if not isinstance(w.parent(), QAbstractSpinBox) and w.parent() is not dialog.tabs.tabBar()
    ]


def page_of(tabs: QTabWidget, widget: QWidget) -> int:
    for number in range(tabs.count()):
        if tabs.widget(number).isAncestorOf(widget):
            return number
    raise AssertionError(f"{widget.objectName()!r} is on no tab")


def can_be_seen(dialog, widget: QWidget) -> bool:
    """Shown, inside the dialog, and inside the visible part of any scroll area around it."""
    if not widget.isVisible():
        return False
    shown = QRect(widget.mapTo(dialog, widget.rect().topLeft()), widget.size())
    if not dialog.rect().contains(shown):
        return False
    parent = widget.parentWidget()
    while parent is not None and parent is not dialog:
        if isinstance(parent, QScrollArea):
            port = parent.viewport()
            seen = QRect(port.mapTo(dialog, port.rect().topLeft()), port.size())
            if not seen.contains(shown):
                return False
        parent = parent.parentWidget()
    return True


@pytest.mark.parametrize("circles", [0, 8, 40])
def test_settings_fits_a_laptop_screen_and_every_setting_can_be_reached(
    make_window, qtbot, circles
):
    if circles:
        person("Ana Lima", circles=[f"Circle {n:02}" for n in range(circles)])
    dialog = open_settings(make_window())
    qtbot.waitExposed(dialog)
    assert dialog.sizeHint().height() <= ROOM_ON_A_LAPTOP
    assert dialog.height() <= ROOM_ON_A_LAPTOP
    controls = settings_in(dialog)
    names = {w.objectName() for w in controls}
    assert {
        "birthday_lead_days",
        "people_per_week",
        "quiet_hours",
        "quiet_start",
        "quiet_end",
        "digest",
        "digest_time",
        "reminders_with_window",
        "reminders_at_login",
        "database_path",
        "backup_now",
    } <= names
    assert len(dialog.cadences) == len(core_circles.circles()) >= circles  # each has its line
    assert set(dialog.cadences.values()) <= set(controls)
    for control in controls:
        dialog.tabs.setCurrentIndex(page_of(dialog.tabs, control))
        scroll = next(
            (a for a in dialog.findChildren(QScrollArea) if a.isAncestorOf(control)), None
        )
        if scroll is not None:
            scroll.ensureWidgetVisible(control)
        qtbot.waitUntil(lambda c=control: can_be_seen(dialog, c))
    dialog.reject()
