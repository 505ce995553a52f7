"""PyInstaller entry script for the `netdesk` executable (same as the netdesk console script).

On Linux the bundle holds one executable: `netdesk-reminders` is a link to it (a second
executable would carry a second copy of every Python module, 9 MB), so the name it was started
by chooses the program.
"""

import sys
from pathlib import Path

if Path(sys.argv[0]).name.startswith("netdesk-reminders"):
    from netdesk.reminders.cli import main
else:
    from netdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
