"""PyInstaller entry script for `netdesk-reminders` (same as the netdesk-reminders script)."""

import sys

from netdesk.reminders.cli import main

if __name__ == "__main__":
    sys.exit(main())
