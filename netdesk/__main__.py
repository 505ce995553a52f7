"""`python -m netdesk` runs the same entry point as the `netdesk` command."""

import sys

from netdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
