"""A real Radicale server per test and the phone that writes to it."""

from __future__ import annotations

import pytest

from tests.helpers.radicale import Phone, radicale, tls_radicale  # noqa: F401

# A real Secret Service (gnome-keyring on a private bus), as the keyring tests start it.
from tests.system.test_secrets import bus_folder, keyring_daemon  # noqa: F401


@pytest.fixture
def phone(radicale) -> Phone:  # noqa: F811 (the fixture imported above)
    return Phone(radicale)
