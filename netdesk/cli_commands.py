"""Subcommands beyond list and due; each lives beside the feature it drives."""

from __future__ import annotations

from netdesk.cli import Command

COMMANDS: dict[str, Command] = {}
