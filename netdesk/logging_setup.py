"""Logging to a private, rotating file in the user's log folder (details users never see)."""

from __future__ import annotations

import logging
import logging.handlers
import os

from netdesk import paths

_configured = False


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
        old_umask = os.umask(0o077)  # the log names people: keep it private
        try:
            handler: logging.Handler = logging.handlers.RotatingFileHandler(
                log_file, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
            )
        finally:
            os.umask(old_umask)
        handler.setFormatter(fmt)
        root.addHandler(handler)
    except OSError:
        pass  # a read-only home must not stop the app; stderr below still works
    if console:
        stream = logging.StreamHandler()
        stream.setFormatter(fmt)
        root.addHandler(stream)
