"""A real Radicale server per test and the phone that writes to it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.helpers.radicale import Phone, Radicale

# A real Secret Service (gnome-keyring on a private bus), as the keyring tests start it.
from tests.system.test_secrets import bus_folder, keyring_daemon  # noqa: F401


@pytest.fixture
def radicale(tmp_path) -> Iterator[Radicale]:
    server = Radicale(tmp_path / "radicale")
    server.start()
    yield server
    server.stop()


@pytest.fixture
def phone(radicale) -> Phone:
    return Phone(radicale)


@pytest.fixture
def tls_radicale(tmp_path) -> Iterator[Radicale]:
    """A Radicale serving https with a certificate it signed itself (a new one at each start)."""
    server = Radicale(tmp_path / "tls", tls=True)
    server.start()
    yield server
    server.stop()
