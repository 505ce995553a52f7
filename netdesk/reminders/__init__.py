"""The reminders service: a small tray process that notices what is due and tells the user.

`netdesk-reminders` (see `cli`) runs `service.ReminderService` around a `scheduler.Scheduler`;
the window talks to it through `client.notify_reload()`.
"""
