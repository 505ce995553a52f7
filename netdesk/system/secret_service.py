"""A keyring backend for the freedesktop Secret Service (GNOME Keyring, KeePassXC, KWallet), on
jeepney, the pure-Python D-Bus client.

keyring's own Secret Service backend goes through SecretStorage, which needs `cryptography`
(12 MB of the bundle) only to agree a key that encrypts the secret on its way over D-Bus. The
specification also allows the "plain" algorithm, used here: the secret crosses only the user's
own session bus, where any process able to read it could as well ask the Secret Service itself.

Items carry the attributes keyring's backend gives them (`service`, `username`), so a password
kept before this backend existed still reads back, and other programs see netdesk's items as
keyring's. Defining the class registers it with keyring (which keeps every concrete backend
class); its priority, above keyring's Secret Service (5) and KWallet (5.1 on KDE) backends,
makes keyring pick it wherever a Secret Service runs or can be started, and it is not viable
anywhere else (macOS and Windows keep keyring's Keychain and Credential Locker backends).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from keyring.backend import KeyringBackend
from keyring.compat import properties
from keyring.errors import KeyringError, KeyringLocked, PasswordDeleteError

BUS_NAME = "org.freedesktop.secrets"
PRIORITY = 6
APPLICATION = "netdesk"
_SECRET = "org.freedesktop.Secret."
_SERVICE_PATH = "/org/freedesktop/secrets"
_NO_OBJECT = "/"  # what the API answers for "no collection" and "no prompt needed"
_CALL_SECONDS = 25.0  # a Secret Service may first have to start (D-Bus activation)
_PROMPT_SECONDS = 300.0  # a person types the password that unlocks their keyring


class SecretServiceKeyring(KeyringBackend):
    """Passwords in the Secret Service's default collection, over a plain session."""

    @properties.classproperty
    def priority(cls) -> float:
        """PRIORITY where a Secret Service is on the session bus; raises (not viable) elsewhere."""
        try:
            available = _service_available()
        except Exception as exc:  # no jeepney, no session bus, a bus that does not answer
            raise RuntimeError(f"no D-Bus session bus: {exc}") from exc
        if not available:
            raise RuntimeError("no Secret Service on the session bus")
        return PRIORITY

    def get_password(self, service: str, username: str) -> str | None:
        with _session() as secrets:
            items = secrets.find(service, username)
            return secrets.read(items[0]) if items else None

    def set_password(self, service: str, username: str, password: str) -> None:
        with _session() as secrets:
            kept = secrets.create(service, username, password)
            # An item another program wrote under the same name (keyring's own backend adds
            # another `application`) would otherwise still be found next to the new one.
            for item in secrets.find(service, username):
                if item != kept:
                    secrets.delete(item)

    def delete_password(self, service: str, username: str) -> None:
        with _session() as secrets:
            items = secrets.find(service, username)
            if not items:
                raise PasswordDeleteError(f"no password is kept for {username} at {service}")
            for item in items:
                secrets.delete(item)


def _service_available() -> bool:
    """Whether the Secret Service runs on the session bus, or D-Bus can start it."""
    from jeepney.bus_messages import message_bus
    from jeepney.io.blocking import Proxy, open_dbus_connection

    with open_dbus_connection(bus="SESSION") as connection:
        bus = Proxy(message_bus, connection, timeout=5)
        if bus.NameHasOwner(BUS_NAME)[0]:
            return True
        return BUS_NAME in bus.ListActivatableNames()[0]


@contextlib.contextmanager
def _session() -> Iterator[_Secrets]:
    """The default collection, unlocked, through a new plain session that is closed after."""
    from jeepney.io.blocking import open_dbus_connection

    try:
        connection = open_dbus_connection(bus="SESSION")
    except (OSError, KeyError, ValueError) as exc:  # unreachable, unset, refused the login
        raise KeyringError(f"cannot reach the D-Bus session bus: {exc!s}") from exc
    with connection:
        secrets = _Secrets(connection)
        try:
            secrets.open()
            yield secrets
        finally:
            secrets.close()


class _Secrets:
    """The calls of the Secret Service API netdesk needs, on one connection and session."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        self.session = ""
        self.collection = ""

    def open(self) -> None:
        _output, self.session = self.call(_SERVICE_PATH, "Service", "OpenSession", "sv",
                                          "plain", ("s", ""))
        self.collection = self.default_collection()
        (_unlocked, prompt) = self.call(_SERVICE_PATH, "Service", "Unlock", "ao",
                                        [self.collection])
        if prompt != _NO_OBJECT and self.prompt(prompt) is None:
            raise KeyringLocked("the keyring stayed locked (its unlock prompt was dismissed)")

    def close(self) -> None:
        if self.session:
            with contextlib.suppress(KeyringError):
                self.call(self.session, "Session", "Close", "")

    def default_collection(self) -> str:
        """The collection the "default" alias names, created (the service asks) when none is."""
        (path,) = self.call(_SERVICE_PATH, "Service", "ReadAlias", "s", "default")
        if path != _NO_OBJECT:
            return str(path)
        label = {_SECRET + "Collection.Label": ("s", "Default")}
        path, prompt = self.call(_SERVICE_PATH, "Service", "CreateCollection", "a{sv}s",
                                 label, "default")
        if path == _NO_OBJECT:
            path = self.prompt(prompt)
        if not path or path == _NO_OBJECT:
            raise KeyringLocked("no keyring was created (its prompt was dismissed)")
        return str(path)

    def find(self, service: str, username: str) -> list[str]:
        attributes = {"service": service, "username": username}
        (items,) = self.call(self.collection, "Collection", "SearchItems", "a{ss}", attributes)
        return [str(item) for item in items]

    def read(self, item: str) -> str:
        ((_session, _parameters, value, _content_type),) = self.call(
            item, "Item", "GetSecret", "o", self.session
        )
        return bytes(value).decode("utf-8")

    def create(self, service: str, username: str, password: str) -> str:
        attributes = {"service": service, "username": username, "application": APPLICATION}
        item_properties = {
            _SECRET + "Item.Label": ("s", f"Password for '{username}' on '{service}'"),
            _SECRET + "Item.Attributes": ("a{ss}", attributes),
        }
        secret = (self.session, b"", password.encode("utf-8"), "text/plain; charset=utf8")
        item, prompt = self.call(self.collection, "Collection", "CreateItem", "a{sv}(oayays)b",
                                 item_properties, secret, True)
        if item == _NO_OBJECT:
            item = self.prompt(prompt)
        if not item or item == _NO_OBJECT:
            raise KeyringLocked("the password was not kept (the keyring's prompt was dismissed)")
        return str(item)

    def delete(self, item: str) -> None:
        (prompt,) = self.call(item, "Item", "Delete", "")
        if prompt != _NO_OBJECT and self.prompt(prompt) is None:
            raise KeyringLocked("the password was not removed (the keyring's prompt was dismissed)")

    def prompt(self, path: str) -> Any:
        """Show the service's prompt (unlock, confirm) and wait: its result, None if dismissed."""
        from jeepney import MatchRule, MessageType

        rule = MatchRule(type=MessageType.signal, interface=_SECRET + "Prompt", path=path,
                         member="Completed")
        with self.connection.filter(rule) as completed:
            self.call(path, "Prompt", "Prompt", "s", "")
            try:
                signal = self.connection.recv_until_filtered(completed, timeout=_PROMPT_SECONDS)
            except TimeoutError as exc:
                raise KeyringLocked("the keyring's prompt was not answered") from exc
        dismissed, (_signature, result) = signal.body
        return None if dismissed else result

    def call(self, path: str, interface: str, method: str, signature: str, *body: Any) -> Any:
        """The reply's values; a D-Bus error or a lost bus becomes a one-line KeyringError."""
        from jeepney import DBusAddress, DBusErrorResponse, new_method_call
        from jeepney.wrappers import unwrap_msg

        address = DBusAddress(path, BUS_NAME, _SECRET + interface)
        message = new_method_call(address, method, signature, body)
        try:
            return unwrap_msg(self.connection.send_and_get_reply(message, timeout=_CALL_SECONDS))
        except DBusErrorResponse as exc:
            detail = exc.data[0] if exc.data else exc.name
            raise KeyringError(f"the Secret Service refused {method}: {detail}") from exc
        except (OSError, TimeoutError) as exc:
            raise KeyringError(f"the Secret Service did not answer {method}: {exc}") from exc
