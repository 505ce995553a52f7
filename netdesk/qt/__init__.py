"""The Qt layer between core and the widgets: item models, workers, undo commands, the notifier.

Nothing here draws widgets; `netdesk/ui/` does. Importing this package applies the guard in
`compat` against a PySide6 6.12.0 / Python 3.11 reference-count bug (see that module), so every
process that uses Qt through netdesk (the window, the reminders service) is protected.
"""

from netdesk.qt import compat

compat.keep_none_alive()
