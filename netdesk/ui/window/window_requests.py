"""What the main window is asked from outside its views: files dragged onto it (the import itself
is `file_actions`), messages from a second start or the reminders, the windows it opens
(settings, shortcuts, about, capturing an event) and the messages and errors it shows. Mixed into
`MainWindow`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from netdesk import __version__
from netdesk.qt import plain

if TYPE_CHECKING:
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent


class WindowRequests:
    """The drops, messages and other windows of `MainWindow`."""

    # --- files (dropped here; the rest is `file_actions`) --------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.file_actions.accepts_mime(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self.file_actions.accepts_mime(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        if self.file_actions.import_mime(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    # --- other windows ------------------------------------------------------------------------

    def open_settings(self) -> None:
        from netdesk.ui.dialogs.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self, self.db_path, self.workers, self.sync.runner, self.notifier)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.settings_dialog = dialog

    def show_shortcuts(self) -> None:
        from netdesk.ui.dialogs.shortcuts_dialog import ShortcutsDialog

        dialog = ShortcutsDialog(self, self.actions())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.shortcuts_dialog = dialog

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self,
            self.tr("About netdesk"),
            self.tr(
                "<b>netdesk %1</b><br>Keep your professional relationships alive.<br>"
                "Your data stays on this computer."
            ).replace("%1", __version__),
        )

    def capture_event(self) -> None:
        """Capture people at an event, then show that event's people."""
        event_id = self.person_actions.capture_event()
        if event_id:
            self._pending_sidebar_key = f"event:{event_id}"
            self.refresh_sidebar()

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(plain.clip(text, plain.TOOLTIP), 6000)

    def report_error(self, message: str) -> None:
        """One clear sentence, without blocking the window."""
        from PySide6.QtWidgets import QMessageBox

        message = plain.clip(message, plain.TOOLTIP)
        self.show_message(message)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("netdesk"), message, parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)  # errors quote names and files
        box.setObjectName("error_box")
        box.open()

    # --- messages from a second start ---------------------------------------------------------

    def handle_message(self, message: dict) -> None:
        """`{"cmd": "show_person", "id": N}`, `{"cmd": "open_files", "files": [...]}` or
        `{"cmd": "raise"}` from another `netdesk` start or the reminders service."""
        command = message.get("cmd")
        if command == "show_person" and isinstance(message.get("id"), int):
            self.show_person(message["id"])
        elif command == "open_files":
            files = [Path(f) for f in message.get("files", []) if isinstance(f, str)]
            self.raise_window()
            if files:
                self.file_actions.open_files(files)
        else:
            self.raise_window()
