"""Domain services shared by the window, the reminders service and the command line.

Nothing here imports Qt. Writes go through `netdesk.core.store.write()`, which keeps the search
index in step and tells subscribers (the window's notifier) what changed.
"""
