"""Subcommands beyond list and due; each lives beside the feature it drives."""

from __future__ import annotations

from netdesk.cli import Command

COMMANDS: dict[str, Command] = {}

# Backups (issue 7): backup, restore, backups.
from netdesk.cli.backups import COMMANDS as _BACKUP_COMMANDS  # noqa: E402

COMMANDS.update(_BACKUP_COMMANDS)

# Import and export (issue 3): import, export, undo-import, imports.
from netdesk.cli.imports import COMMANDS as _IMPORT_COMMANDS  # noqa: E402

COMMANDS.update(_IMPORT_COMMANDS)
