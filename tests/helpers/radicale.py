"""A real Radicale CardDAV/CalDAV server for the sync tests and the benchmark.

`python -m radicale` on 127.0.0.1 at a free port, htpasswd authentication (plain text: what
Radicale reads without extra packages), its storage in a folder of the test's. `stop()` and
`start()` again on the same port and storage stand for a server that goes away and comes back.
A `Phone` is a third client writing vCards and tasks with plain HTTP, as a phone's apps do.
"""

from __future__ import annotations

import base64
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

USER = "ana"
PASSWORD = "correct horse"
START_TIMEOUT = 30.0  # seconds; a loaded two-core machine can be slow to import radicale


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Radicale:
    """One Radicale process over `folder` (its config, users file and storage)."""

    folder: Path
    port: int = field(default_factory=free_port)
    tls: bool = False  # https with a self-signed certificate no client trusts
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}/"

    def start(self) -> None:
        config = self._write_config()
        log = (self.folder / "radicale.log").open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "radicale", "--config", str(config)],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self._wait_until_answering()

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None

    def _write_config(self) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        users = self.folder / "users"
        users.write_text(f"{USER}:{PASSWORD}\n")
        config = self.folder / "config"
        config.write_text(
            f"[server]\nhosts = 127.0.0.1:{self.port}\n"
            f"[auth]\ntype = htpasswd\nhtpasswd_filename = {users}\n"
            "htpasswd_encryption = plain\ndelay = 0\n"
            f"[storage]\nfilesystem_folder = {self.folder / 'collections'}\n"
            "[rights]\ntype = owner_only\n"
            "[logging]\nlevel = warning\n"
        )
        if self.tls:
            config.write_text(config.read_text().replace("[auth]", self._tls_lines() + "[auth]"))
        return config

    def _tls_lines(self) -> str:
        certificate, key = self_signed_certificate(self.folder)
        return f"ssl = True\ncertificate = {certificate}\nkey = {key}\n"

    def _wait_until_answering(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                log = (self.folder / "radicale.log").read_text(errors="replace")
                raise RuntimeError(f"radicale exited at start:\n{log}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"radicale did not answer on port {self.port}")


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 signed by itself, and its key."""
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    certificate_file, key_file = folder / "cert.pem", folder / "key.pem"
    certificate_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return certificate_file, key_file


class Phone:
    """A phone's contacts and tasks apps: PUT, GET and DELETE of single items over HTTP."""

    def __init__(self, server: Radicale, user: str = USER, password: str = PASSWORD) -> None:
        self.server = server
        token = base64.b64encode(f"{user}:{password}".encode()).decode()
        self.headers = {"Authorization": f"Basic {token}"}
        self.user = user

    def collection_url(self, name: str) -> str:
        return f"{self.server.url}{self.user}/{name}/"

    def items(self, collection: str) -> dict[str, str]:
        """Every item of a collection by file name, read as the phone sees it."""
        folder = self.server.folder / "collections" / "collection-root" / self.user / collection
        return {
            path.name: self.get(collection, path.name)
            for path in sorted(folder.iterdir())
            if not path.name.startswith(".")
        }

    def get(self, collection: str, name: str) -> str:
        return self._send("GET", self.collection_url(collection) + name).decode()

    def put(self, collection: str, name: str, text: str, content_type: str) -> None:
        data = text.replace("\r\n", "\n").replace("\n", "\r\n").encode()
        headers = {**self.headers, "Content-Type": f"{content_type}; charset=utf-8"}
        self._send("PUT", self.collection_url(collection) + name, data, headers)

    def make_address_book(self, name: str) -> None:
        """A new address book, as a server's default one (Fastmail's "Default")."""
        body = (
            '<?xml version="1.0"?><mkcol xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav">'
            "<set><prop><resourcetype><collection/><C:addressbook/></resourcetype></prop></set>"
            "</mkcol>"
        )
        headers = {**self.headers, "Content-Type": "application/xml"}
        self._send("MKCOL", self.collection_url(name), body.encode(), headers)

    def delete(self, collection: str, name: str) -> None:
        self._send("DELETE", self.collection_url(collection) + name)

    def _send(
        self, method: str, url: str, data: bytes | None = None, headers: dict | None = None
    ) -> bytes:
        request = urllib.request.Request(
            url, data=data, method=method, headers=headers or self.headers
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            return bytes(response.read())


@pytest.fixture
def radicale(tmp_path: Path) -> Iterator[Radicale]:
    """A real Radicale on 127.0.0.1 for one test (import the fixture where it is used)."""
    server = Radicale(tmp_path / "radicale")
    server.start()
    yield server
    server.stop()


@pytest.fixture
def tls_radicale(tmp_path: Path) -> Iterator[Radicale]:
    """A Radicale serving https with a certificate it signed itself (a new one at each start)."""
    server = Radicale(tmp_path / "tls", tls=True)
    server.start()
    yield server
    server.stop()
