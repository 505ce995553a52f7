"""Fixtures for the window tests: a real database, the real main window offscreen, settings in
tmp, and no modal dialog may start (one that does fails the test instead of hanging it)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from tests.helpers.modals import refuse_modals

# real Radicale servers for the sync settings tests
from tests.helpers.radicale import radicale, tls_radicale  # noqa: F401


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    refuse_modals(monkeypatch)


@pytest.fixture(autouse=True)
def private_settings(tmp_path, monkeypatch):
    """QSettings written by the window go to tmp, never to the user's config."""
    folder = tmp_path / "config"
    folder.mkdir()
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))
    return folder


@pytest.fixture
def settings(private_settings):
    return QSettings(str(private_settings / "netdesk.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def make_window(store, db_path, settings, qtbot):
    """Builds the real main window (shown, offscreen) once the test has put data in."""
    from netdesk.ui.window.main_window import MainWindow

    windows: list[MainWindow] = []

    def make() -> MainWindow:
        window = MainWindow(db_path, settings=settings)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: window.sidebar_data is not None, timeout=10_000)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.workers.wait()
        window.notifier.stop()


@pytest.fixture
def window(make_window):
    return make_window()
