"""Tools > Who can introduce me…: type an organisation or a role, read the warmest paths to the
people there, one line each, and open anyone on a path by clicking their name.

The search (`core.warm_paths.find`) runs on the window's workers a moment after typing stops,
so typing never waits for it; a result that arrives after the text changed again is dropped.
Every name and reason came from a person or a file: each is escaped into the line's own links.
With no path to show, one sentence says why and what to try, in place of the list.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from netdesk.core import warm_paths
from netdesk.core.warm_paths import WarmPath
from netdesk.qt import plain
from netdesk.qt.workers import Cancelled, Task, Workers
from netdesk.ui.dialogs.empty_sentence import empty_sentence

TYPING_PAUSE_MS = 300  # search once typing pauses, not on every key
LINK_PREFIX = "person:"


def _e(text: str) -> str:
    return html.escape(plain.clip(text), quote=True)


def path_html(path: WarmPath) -> str:
    """The path's sentence with each person's name a link that opens them."""
    hops = " → ".join(
        f'<a href="{LINK_PREFIX}{step.person.id}">{_e(step.person.name)}</a> ({_e(step.link.why)})'
        for step in path.steps
    )
    return f"You → {hops} — {_e(path.target.describe())}"


class WarmPathsDialog(QDialog):
    """A search field, a status line and the paths found."""

    person_chosen = Signal(int)  # a name on a path was clicked
    loaded = Signal()  # the paths of the current text are shown; for tests

    def __init__(self, parent: QWidget | None, workers: Workers) -> None:
        super().__init__(parent)
        self.setObjectName("warm_paths_dialog")
        self.setWindowTitle(self.tr("Who can introduce me…"))
        self.resize(760, 480)
        self._workers = workers
        self._task: Task | None = None
        self._asked = ""  # the text whose paths are shown or being looked for
        self.paths: list[WarmPath] = []
        self.query = QLineEdit(self)
        self.query.setObjectName("query")
        self.query.setPlaceholderText(self.tr("An organisation or a role, e.g. Lumen or data lead"))
        self.query.setClearButtonEnabled(True)
        self.status = QLabel(self)
        self.status.setObjectName("status")
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # it repeats what was typed
        self.status.setWordWrap(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_PAUSE_MS)
        self._timer.timeout.connect(lambda: self.search(self.query.text()))
        self.query.textChanged.connect(lambda _text: self._timer.start())
        self.list = QWidget(self)
        self.list.setObjectName("paths")
        self._lines = QVBoxLayout(self.list)
        self._lines.addStretch(1)
        self.scroll = QScrollArea(self)
        self.scroll.setObjectName("paths_scroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.list)
        self.empty = empty_sentence(self, "no_paths")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.status)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(buttons)
        self._say_nothing(*self._ask_for_text())

    @Slot(str)
    def search(self, text: str) -> None:
        """Look for the paths to `text` in the background; an earlier search's result is
        dropped when it arrives."""
        self._timer.stop()
        self._asked = text = text.strip()
        if self._task is not None:
            self._task.cancel()
        if not text:
            self._task = None
            self._show([], *self._ask_for_text())
            return
        self.status.setText(self.tr("Looking for paths to “%1”…").replace("%1", plain.clip(text)))
        self.status.show()
        self.empty.hide()  # what it said was about the text before
        self._task = self._workers.start(
            lambda progress: warm_paths.find(text, check=progress.check),
            on_done=lambda found: self._found(text, found),
            on_error=lambda exc: self._failed(text, exc),
        )

    def lines(self) -> list[str]:
        """The paths shown, as sentences."""
        return [path.sentence for path in self.paths]

    def labels(self) -> list[QLabel]:
        return self.list.findChildren(QLabel, "path")

    def _found(self, text: str, found: list[WarmPath]) -> None:
        if text != self._asked:
            return  # the text changed since; its own search is on its way
        self._task = None
        if not found:
            nobody = self.tr("Nobody at or working as “%1” among your people.")
            advice = self.tr(
                "Try part of the name, another spelling or a role such as “data lead”: a job "
                "counts once it is on someone's card."
            )
            self._show([], nobody.replace("%1", plain.clip(text)), advice)
            return
        people = len({path.target.person.id for path in found})
        status = (
            self.tr("%n path(s)", "", len(found))
            + " "
            + self.tr("to %n person(s), warmest first.", "", people)
        )
        self._show(found, status)

    def _failed(self, text: str, exc: BaseException) -> None:
        if text != self._asked or isinstance(exc, Cancelled):
            return  # stopped for a newer search, or as the window closes
        self._task = None
        self._show([], self.tr("Paths could not be found: %1").replace("%1", str(exc)))

    def _show(self, found: list[WarmPath], status: str, advice: str = "") -> None:
        for label in self.labels():
            label.deleteLater()
            label.setParent(None)
        self.paths = found
        for number, path in enumerate(found):
            self._lines.insertWidget(number, self._line(path))
        if found:
            self.status.setText(status)
            self.status.show()
            self.scroll.show()
            self.empty.hide()
        else:
            self._say_nothing(status, advice)
        self.loaded.emit()

    def _say_nothing(self, status: str, advice: str) -> None:
        """One sentence, why there is no path and what to try, where the list would be."""
        self.status.setText(status)
        self.status.hide()
        self.scroll.hide()
        self.empty.set_text(f"{status} {advice}".strip())
        self.empty.show()

    def _ask_for_text(self) -> tuple[str, str]:
        """What to type, and what comes of it."""
        return self.tr("Type an organisation or a role."), self.tr(
            "netdesk then shows who among your people can introduce you to someone there, "
            "warmest path first."
        )

    def _line(self, path: WarmPath) -> QLabel:
        label = QLabel(path_html(path), self.list)
        label.setObjectName("path")
        label.setTextFormat(Qt.TextFormat.RichText)  # our links around escaped text
        label.setWordWrap(True)
        label.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        label.linkActivated.connect(self._open)
        return label

    @Slot(str)
    def _open(self, href: str) -> None:
        if href.startswith(LINK_PREFIX):
            self.person_chosen.emit(int(href.removeprefix(LINK_PREFIX)))
