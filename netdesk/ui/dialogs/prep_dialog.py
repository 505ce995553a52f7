"""Meeting prep: what to remember about the chosen people (or an event's attendees) before
seeing them, on one readable page that can be copied as text, saved as PDF and printed.

The page (`core.prep`) is read on the window's workers and rendered by `qt.prep_document`,
whose HTML escapes every text that came from a person: a name written as markup shows as typed.
The browser follows no link and loads no resource.
"""

from __future__ import annotations

import datetime as dt
import logging
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from netdesk.core import prep
from netdesk.core.prep import Prep
from netdesk.qt import prep_document
from netdesk.qt.workers import Task, Workers
from netdesk.ui.widgets import theme

log = logging.getLogger(__name__)


class PrepDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        workers: Workers,
        load: Callable[[], Prep],
    ) -> None:
        """`load` reads the page (on a worker): `for_people(ids)` or `for_event(id)`."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Meeting prep"))
        self.resize(640, 720)
        self.prep: Prep | None = None
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        self.browser.setPlainText(self.tr("Gathering what you know…"))
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.copy_button = self._button(buttons, self.tr("Copy"), self.copy_text)
        self.pdf_button = self._button(buttons, self.tr("Save as PDF…"), self.choose_pdf_file)
        self.print_button = self._button(buttons, self.tr("Open to print…"), self.open_to_print)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)  # last, as Tab goes
        close.setDefault(True)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.task: Task = workers.start(
            lambda _progress: load(), on_done=self.show_prep, on_error=self._failed
        )

    def _button(self, box: QDialogButtonBox, text: str, slot: Callable[[], object]) -> QPushButton:
        button = box.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.setEnabled(False)  # until the page is there
        button.setAutoDefault(False)  # Enter closes wherever the focus is
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def show_prep(self, page: Prep) -> None:
        self.prep = page
        self.setWindowTitle(page.title)
        muted = theme.muted(self.browser.palette()).name()  # #555 is lost on a dark window
        self.browser.setHtml(prep_document.html_page(page, muted))
        for button in (self.copy_button, self.pdf_button, self.print_button):
            button.setEnabled(True)

    def _failed(self, exc: BaseException) -> None:
        log.warning("meeting prep failed: %s", exc)
        self.browser.setPlainText(self.tr("The page could not be made: %1").replace("%1", str(exc)))

    def copy_text(self) -> None:
        """The page as plain text on the clipboard, to paste into a note or an email."""
        if self.prep is not None:
            QGuiApplication.clipboard().setText(prep.as_text(self.prep))
            self.status.setText(self.tr("Copied."))

    def choose_pdf_file(self) -> None:
        name = f"prep-{dt.date.today().isoformat()}.pdf"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save as PDF"), str(Path.home() / name), self.tr("PDF (*.pdf)")
        )
        if path:
            self.save_pdf(Path(path))

    def save_pdf(self, path: Path) -> bool:
        """Write the page as a PDF; a failure is one sentence under the page."""
        from netdesk.core import exporting
        from netdesk.db.errors import StoreError

        if self.prep is None:
            return False
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            exporting.check_destination(path)  # a PDF never replaces a database
            path.write_bytes(prep_document.pdf_bytes(self.prep))
        except StoreError as exc:
            self.status.setText(str(exc))
            return False
        except OSError as exc:
            reason = exc.strerror or str(exc)
            self.status.setText(
                self.tr("%1 cannot be written: %2.").replace("%1", str(path)).replace("%2", reason)
            )
            return False
        self.status.setText(self.tr("Saved as %1").replace("%1", str(path)))
        return True

    def open_to_print(self) -> Path | None:
        """The PDF, written to a private temporary folder and opened in the desktop's viewer,
        which prints it. (Qt's own print dialog would bring CUPS and its TLS and Kerberos
        libraries into the bundle: about 10 MB for a dialog every PDF viewer already has.)"""
        if self.prep is None:
            return None
        folder = Path(tempfile.mkdtemp(prefix="netdesk-prep-"))
        path = folder / f"{_file_name(self.prep.title)}.pdf"
        if not self.save_pdf(path):
            return None
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self.status.setText(
                self.tr("No program opens PDF files here; the page is in %1").replace(
                    "%1", str(path)
                )
            )
        return path


def _file_name(title: str) -> str:
    """A title as a file name: letters, digits and single dashes."""
    name = "".join(c if c.isalnum() else "-" for c in title)[:60].strip("-")
    return "-".join(part for part in name.split("-") if part) or "meeting-prep"


def for_people(
    parent: QWidget | None, workers: Workers, ids: list[int], today: dt.date | None = None
) -> PrepDialog:
    return PrepDialog(parent, workers, lambda: prep.for_people(ids, today))


def for_event(
    parent: QWidget | None, workers: Workers, event_id: int, today: dt.date | None = None
) -> PrepDialog:
    return PrepDialog(parent, workers, lambda: prep.for_event(event_id, today))
