"""The Qt layer between core and the widgets: item models, workers, undo commands, the notifier.

Nothing here draws widgets; `netdesk/ui/` does.
"""
