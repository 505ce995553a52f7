"""Widgets and windows: the main window, its panes, and the dialogs (in `ui/dialogs/`)."""
