"""Nothing personal leaves the machine: no module of netdesk imports a way to talk over the
network. The one exception is a sync the user set up, and even that talks through vdirsyncer,
run as a child process (`netdesk --vdirsyncer`, dispatched in the command line's entry point);
only when vdirsyncer was refused a server's certificate does netdesk fetch that certificate
itself (a TLS handshake, nothing sent), to show its fingerprint before the person trusts it.
Introductions open the user's own mail program (a mailto: URL), never a mail server.

Imports are read, not run, as in test_layers.py.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "netdesk"

# Modules (and names) that open network connections. Local sockets (QLocalSocket, a socketpair
# for the reminders' self-test) are not listed: they never leave the machine.
NETWORK_MODULES = (
    "urllib.request",
    "http.client",
    "http.server",
    "ftplib",
    "smtplib",
    "imaplib",
    "poplib",
    "requests",
    "httpx",
    "aiohttp",
    "websockets",
    "vdirsyncer",
)
NETWORK_NAMES = {
    "QNetworkAccessManager",
    "QTcpSocket",
    "QUdpSocket",
    "QSslSocket",
    "create_connection",
    "get_server_certificate",
}
# where vdirsyncer's own command line is started, inside a process of its own
ALLOWED = {
    "cli/__init__.py": {"vdirsyncer.cli"},
    "core/sync/certificates.py": {"get_server_certificate"},  # a refused certificate, to show
}


def _imports(source: str) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {alias.name for alias in node.names}
    return found


def _network(names: set[str]) -> set[str]:
    modules = {n for n in names for m in NETWORK_MODULES if n == m or n.startswith(f"{m}.")}
    return modules | (names & NETWORK_NAMES)


def test_no_module_imports_a_network_client():
    offending = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        found = _network(_imports(path.read_text(encoding="utf-8"))) - ALLOWED.get(relative, set())
        if found:
            offending[relative] = sorted(found)
    assert offending == {}


def test_the_check_sees_a_network_import():
    """The reader above would catch one: a module importing urllib.request and Qt's HTTP."""
    names = _imports("from urllib.request import urlopen\nfrom x import QNetworkAccessManager")
    assert _network(names) == {"urllib.request", "QNetworkAccessManager"}
