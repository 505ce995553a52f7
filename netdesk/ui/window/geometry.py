"""The window's size, its three panes and the list's columns: remembered between starts
(QSettings) and always left usable (no pane collapsed, no list too narrow for names)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from netdesk.ui.window.main_window import MainWindow

MIN_SIZE = (960, 620)  # below this the three panes cannot show a usable list
PANE_MIN_WIDTH = 340  # PersonPane's own minimum, kept by the stand-in before it is built


def restore(window: MainWindow) -> None:
    settings = window.settings
    geometry = settings.value("window/geometry")
    restored = geometry is not None and window.restoreGeometry(geometry)
    if not restored or window.width() < MIN_SIZE[0] or window.height() < MIN_SIZE[1]:
        _default(window)
    splitter = settings.value("window/splitter")
    if splitter is not None:
        window.splitter.restoreState(splitter)
        keep_panes_usable(window)
    header = settings.value("people/header")
    if header is not None:
        window.table.restore_columns(header)


def save(window: MainWindow) -> None:
    settings = window.settings
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/splitter", window.splitter.saveState())
    settings.setValue("people/header", window.table.horizontalHeader().saveState())
    settings.sync()


def keep_panes_usable(window: MainWindow) -> None:
    """A saved layout (or one from a start with nobody, when the pane was hidden) never leaves
    the person pane collapsed or the list squeezed."""
    if window.pane_slot().isHidden():
        return  # nobody to show yet; this runs again when the pane appears
    sidebar, center, pane = window.splitter.sizes()
    if pane >= PANE_MIN_WIDTH and center >= window.table.name_min_width():
        return
    total = max(sidebar + center + pane, window.width())
    pane = max(pane, PANE_MIN_WIDTH)
    window.splitter.setSizes([sidebar, max(total - sidebar - pane, 0), pane])


def _default(window: MainWindow) -> None:
    """First start (or a saved size too small to use): most of the screen, centred."""
    screen = window.screen().availableGeometry() if window.screen() else None
    if screen is None or screen.width() <= 0:
        window.resize(1400, 860)
        return
    width = max(MIN_SIZE[0], min(1500, int(screen.width() * 0.92)))
    height = max(MIN_SIZE[1], min(950, int(screen.height() * 0.92)))
    window.resize(min(width, screen.width()), min(height, screen.height()))
    window.move(screen.center() - window.rect().center())
    # the list gets what the sidebar and the person pane leave, so names are never cut
    pane = max(PANE_MIN_WIDTH, int(window.width() * 0.28))
    window.splitter.setSizes([210, window.width() - 210 - pane, pane])
