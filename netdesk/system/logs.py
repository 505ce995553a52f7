"""Logging to a private, rotating file in the user's log folder (details users never see).

The window defers opening the file until it has painted (`configure(deferred=True)`, then
`finish()`): `logging.handlers` pulls in socket, pickle and queue, ~10 ms a user would wait for
before seeing anything. Records logged meanwhile are held and written first.
"""

from __future__ import annotations

import atexit
import collections
import io
import logging
import os

from netdesk.system import paths

_configured = False
_early: _EarlyRecords | None = None  # holds records until finish() opens the file
_name = "netdesk"
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class _EarlyRecords(logging.Handler):
    def __init__(self, limit: int = 2000) -> None:
        super().__init__()
        self.records: collections.deque[logging.LogRecord] = collections.deque(maxlen=limit)

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def configure(*, console: bool = False, name: str = "netdesk", deferred: bool = False) -> None:
    global _configured, _early, _name
    if _configured:
        return
    _configured = True
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    if console:
        stream = logging.StreamHandler()
        stream.setFormatter(logging.Formatter(FORMAT))
        root.addHandler(stream)
    _name = name
    if deferred:
        _early = _EarlyRecords()
        root.addHandler(_early)
        atexit.register(finish)  # a start that never shows a window still writes its log
    else:
        _attach_file(root)


def finish() -> None:
    """Open the log file a deferred `configure` left for later and write what was held."""
    global _early
    early, _early = _early, None
    if early is None:
        return
    root = logging.getLogger()
    root.removeHandler(early)
    handler = _attach_file(root)
    if handler is not None:
        for record in early.records:
            handler.handle(record)


def _attach_file(root: logging.Logger) -> logging.Handler | None:
    try:
        handler = private_file_handler(paths.log_dir() / f"{_name}.log")
    except OSError:
        return None  # a read-only home must not stop the app; stderr still works
    handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(handler)
    return handler


def private_file_handler(
    path: os.PathLike[str] | str, *, max_bytes: int = 1_000_000, backups: int = 3
) -> logging.Handler:
    """A rotating file handler whose files, including rotated ones, only the user can read."""
    import logging.handlers

    class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
        def _open(self) -> io.TextIOWrapper:
            old_umask = os.umask(0o077)
            try:
                return super()._open()
            finally:
                os.umask(old_umask)

    return PrivateRotatingFileHandler(
        path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8"
    )
