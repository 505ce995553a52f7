"""The Linux desktop over D-Bus: what is on the session bus, and freedesktop notifications.

Notifications go through `jeepney` with the explicit `Notify` signature `susssasa{sv}i`
(PySide6's QtDBus marshals the call in a way some servers, dunst among them, reject). In the
service the connection is read by a `QSocketNotifier`, so sending never waits for a reply and
`ActionInvoked` ("Open", "Snooze", "Done") arrives on the GUI thread without a second thread.
A one-shot run (`--once`) sends and waits for the reply instead, with a short timeout.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QSocketNotifier, Signal

from netdesk.qt import i18n
from netdesk.reminders.notes import Note, NoteKind, markup_body
from netdesk.reminders.notifiers.base import Notifier
from netdesk.system import paths

log = logging.getLogger(__name__)

NOTIFICATIONS = "org.freedesktop.Notifications"
NOTIFICATIONS_PATH = "/org/freedesktop/Notifications"
SNI_WATCHER = "org.kde.StatusNotifierWatcher"
APP_NAME = "netdesk"
DESKTOP_ENTRY = "org.netdesk.netdesk"
CALL_TIMEOUT_S = 2.0
MAX_TRACKED = 200  # notifications whose actions we still answer


@dataclass(frozen=True)
class BusInfo:
    """Who is on the session bus."""

    sni_watcher: bool = False  # a StatusNotifierItem watcher: Qt's tray is a D-Bus item
    notification_server: bool = False  # running, or one the bus can start on demand


def _open_connection():  # -> jeepney.io.blocking.DBusConnection
    from jeepney.io.blocking import open_dbus_connection

    return open_dbus_connection(bus="SESSION", auth_timeout=CALL_TIMEOUT_S)


def probe() -> BusInfo:
    """Ask the session bus which desktop services exist; unreachable bus gives all False."""
    try:
        from jeepney import DBus
        from jeepney.io.blocking import Proxy

        with _open_connection() as conn:
            bus = Proxy(DBus(), conn, timeout=CALL_TIMEOUT_S)
            watcher = bool(bus.NameHasOwner(SNI_WATCHER)[0])
            server = bool(bus.NameHasOwner(NOTIFICATIONS)[0])
            if not server:
                server = NOTIFICATIONS in bus.ListActivatableNames()[0]
    except Exception as exc:  # no bus, no jeepney, a refusing bus: all mean "no desktop"
        log.debug("session bus not usable: %s", exc)
        return BusInfo()
    return BusInfo(watcher, server)


class FreedesktopNotifier(Notifier):
    """`org.freedesktop.Notifications` with actions where the server supports them."""

    name = "dbus"

    def __init__(self, conn, capabilities: list[str], *, interactive: bool) -> None:
        super().__init__()
        self._conn = conn
        self.capabilities = capabilities
        self.interactive = interactive
        self.alive = True
        self._pending: dict[int, Note] = {}  # Notify call serial -> note, until the reply
        self._shown: OrderedDict[int, Note] = OrderedDict()  # server id -> note
        self._reader: _Reader | None = None
        if interactive:
            self._reader = _Reader(conn, self._dispatch)
            self._reader.closed.connect(self._broken)

    @classmethod
    def connect(cls, *, interactive: bool) -> FreedesktopNotifier | None:
        """A notifier on the session bus, or None when there is no notification server."""
        try:
            from jeepney import DBus, MatchRule
            from jeepney.io.blocking import Proxy

            conn = _open_connection()
        except Exception as exc:
            log.info("no session bus for notifications: %s", exc)
            return None
        try:
            reply = conn.send_and_get_reply(_call("GetCapabilities"), timeout=CALL_TIMEOUT_S)
            capabilities = list(_unwrap(reply)[0])
            if interactive:
                bus = Proxy(DBus(), conn, timeout=CALL_TIMEOUT_S)
                for member in ("ActionInvoked", "NotificationClosed"):
                    rule = MatchRule(
                        type="signal",
                        interface=NOTIFICATIONS,
                        path=NOTIFICATIONS_PATH,
                        member=member,
                    )
                    bus.AddMatch(rule)
        except Exception as exc:
            log.info("no notification server on the session bus: %s", exc)
            conn.close()
            return None
        log.info("notification server capabilities: %s", ", ".join(capabilities))
        return cls(conn, capabilities, interactive=interactive)

    def notify(self, note: Note) -> bool:
        if not self.alive:
            return False
        message = _call("Notify", "susssasa{sv}i", self._arguments(note))
        try:
            if self._reader is None:
                reply = self._conn.send_and_get_reply(message, timeout=CALL_TIMEOUT_S)
                _unwrap(reply)
                return True
            serial = next(self._conn.outgoing_serial)
            self._conn.send(message, serial=serial)
            self._pending[serial] = note
            return True
        except Exception as exc:
            log.warning("sending a notification over D-Bus failed: %s", exc)
            self.alive = False
            return False

    def close(self) -> None:
        self.alive = False
        if self._reader is not None:
            self._reader.stop()
            self._reader = None
        self._conn.close()

    def _arguments(self, note: Note) -> tuple:
        body = note.body
        if "body-markup" in self.capabilities:
            body = markup_body(body)
        actions: list[str] = []
        if self.interactive and "actions" in self.capabilities:
            actions = _action_list(note)
        # desktop-entry: servers that group by application find netdesk's name and icon there
        hints = {"urgency": ("y", 1), "desktop-entry": ("s", DESKTOP_ENTRY)}
        return (APP_NAME, 0, _icon_path(), note.title, body, actions, hints, -1)

    def _dispatch(self, message) -> None:
        from jeepney import HeaderFields, MessageType

        header = message.header
        if header.message_type is MessageType.signal:
            member = header.fields.get(HeaderFields.member)
            if member == "ActionInvoked":
                notification_id, key = message.body
                note = self._shown.get(notification_id)
                if note is not None:
                    self.action_invoked(note, "open" if key == "default" else key)
            elif member == "NotificationClosed":
                self._shown.pop(message.body[0], None)
            return
        serial = header.fields.get(HeaderFields.reply_serial)
        note = self._pending.pop(serial, None)
        if note is None:
            return
        if header.message_type is MessageType.error:
            log.warning("the notification server refused: %s (%s)", note.as_text(), message.body)
            return
        self._shown[message.body[0]] = note
        while len(self._shown) > MAX_TRACKED:
            self._shown.popitem(last=False)

    def _broken(self) -> None:
        log.warning("the D-Bus connection for notifications closed")
        self.alive = False
        self.failed()


class BusWatch(QObject):
    """Emits `changed` when one of `names` gets or loses an owner on the session bus.

    Plain jeepney on our own socket: PySide6's QDBusServiceWatcher can deadlock on the GIL
    with its D-Bus thread (seen with PySide6 6.12), and this keeps the service to one thread.
    """

    changed = Signal(str)

    def __init__(self, conn, names: list[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._conn = conn
        self._names = set(names)
        self._reader = _Reader(conn, self._dispatch, self)

    @classmethod
    def start(cls, names: list[str], parent: QObject | None = None) -> BusWatch | None:
        try:
            from jeepney import DBus, MatchRule
            from jeepney.io.blocking import Proxy

            conn = _open_connection()
        except Exception as exc:
            log.info("cannot watch the session bus: %s", exc)
            return None
        try:
            bus = Proxy(DBus(), conn, timeout=CALL_TIMEOUT_S)
            for name in names:
                rule = MatchRule(
                    type="signal",
                    sender="org.freedesktop.DBus",
                    interface="org.freedesktop.DBus",
                    member="NameOwnerChanged",
                    path="/org/freedesktop/DBus",
                )
                rule.add_arg_condition(0, name)
                bus.AddMatch(rule)
        except Exception as exc:
            log.info("cannot watch the session bus: %s", exc)
            conn.close()
            return None
        return cls(conn, names, parent)

    def close(self) -> None:
        self._reader.stop()
        self._conn.close()

    def _dispatch(self, message) -> None:
        from jeepney import HeaderFields

        if message.header.fields.get(HeaderFields.member) != "NameOwnerChanged":
            return
        name = message.body[0]
        if name in self._names:
            self.changed.emit(name)


class _Reader(QObject):
    """Feeds incoming D-Bus messages to a callback whenever the socket is readable."""

    closed = Signal()

    def __init__(
        self, conn, handle: Callable[[object], None], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._conn = conn
        self._handle = handle
        self._notifier = QSocketNotifier(conn.sock.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_readable)

    def stop(self) -> None:
        self._notifier.setEnabled(False)

    def _on_readable(self) -> None:
        try:
            data = self._conn.sock.recv(65536)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:
            self.stop()
            self.closed.emit()
            return
        self._conn.parser.add_data(data)
        while (message := self._conn.parser.get_next_message()) is not None:
            try:
                self._handle(message)
            except Exception:  # one odd message must not stop the others
                log.exception("handling a D-Bus message failed")


def _call(method: str, signature: str | None = None, body: tuple = ()):
    from jeepney import DBusAddress, new_method_call

    address = DBusAddress(NOTIFICATIONS_PATH, bus_name=NOTIFICATIONS, interface=NOTIFICATIONS)
    return new_method_call(address, method, signature, body)


def _unwrap(reply) -> tuple:
    from jeepney import MessageType

    if reply.header.message_type is MessageType.error:
        raise RuntimeError(f"D-Bus error: {reply.body}")
    return reply.body


def _action_list(note: Note) -> list[str]:
    """Alternating keys and labels, as the Notify call wants them."""
    from netdesk.reminders.actions import done_choices

    tr = i18n.translator("Reminders")

    actions = ["default", tr("Open"), "open", tr("Open")]
    item = note.single
    if note.kind is NoteKind.ITEM and item is not None:
        actions += ["snooze", tr("Snooze an hour")]
        for index, (label, _log) in enumerate(done_choices(item)):
            actions += [f"done:{index}", label]
    elif note.items and note.kind is not NoteKind.STATUS:
        actions += ["snooze", tr("Snooze all for an hour")]
    return actions


def _icon_path() -> str:
    path = paths.package_data("netdesk.svg")
    return str(path) if path.exists() else ""
