"""Fixtures for the reminders: a fake clock and a database without quiet hours unless a test
sets them (the defaults, 22:00 to 08:00, would make results depend on the
hour the suite runs)."""

from __future__ import annotations

import pytest

from netdesk.core import settings
from tests.helpers.reminders import FakeClock


@pytest.fixture(autouse=True)
def _no_session_bus(monkeypatch):
    """Unit tests never reach a real desktop (a developer's session bus would show popups);
    the desktop tests start their own bus in a subprocess."""
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def rstore(store):
    """The `store` fixture with quiet hours switched off."""
    settings.put("quiet_start", "")
    settings.put("quiet_end", "")
    return store
