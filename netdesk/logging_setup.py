"""Logging to a private, rotating file in the user's log folder (details users never see)."""

from __future__ import annotations

import logging
import logging.handlers
import os

from netdesk import paths

_configured = False


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Every log file it creates, including after rotation, is readable by the user only."""

    def _open(self):  # type: ignore[no-untyped-def]
        old_umask = os.umask(0o077)
        try:
            return super()._open()
        finally:
            os.umask(old_umask)


def configure(*, console: bool = False, name: str = "netdesk") -> None:
    global _configured
    if _configured:
        return
    _configured = True
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        log_file = paths.log_dir() / f"{name}.log"
        handler: logging.Handler = PrivateRotatingFileHandler(
            log_file, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
        handler.setFormatter(fmt)
        root.addHandler(handler)
    except OSError:
        pass  # a read-only home must not stop the app; stderr below still works
    if console:
        stream = logging.StreamHandler()
        stream.setFormatter(fmt)
        root.addHandler(stream)
