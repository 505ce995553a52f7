"""PyInstaller entry script for the `netdesk` executable (same as the netdesk console script)."""

import sys

from netdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
