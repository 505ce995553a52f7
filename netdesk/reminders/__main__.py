"""`python -m netdesk.reminders` runs the same entry point as `netdesk-reminders`."""

import sys

from netdesk.reminders.cli import main

if __name__ == "__main__":
    sys.exit(main())
