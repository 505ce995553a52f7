"""Tools > Ways to help…: whose need someone else among your people can meet, one line each, best
first (`core.suggestions`), with Introduce… on each line for the two of them.

The suggestions are found on the window's workers; every sentence quotes what people wrote, so
each line is plain text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from netdesk.core import suggestions
from netdesk.core.suggestions import Suggestion
from netdesk.qt import plain
from netdesk.qt.workers import Cancelled, Workers


class SuggestionsDialog(QDialog):
    """A status line and one row per suggestion: its sentence and an Introduce… button."""

    introduce_requested = Signal(int, int)  # the person with the need, the helper
    loaded = Signal()  # the suggestions are shown; for tests

    def __init__(self, parent: QWidget | None, workers: Workers) -> None:
        super().__init__(parent)
        self.setObjectName("suggestions_dialog")
        self.setWindowTitle(self.tr("Ways to help"))
        self.resize(760, 480)
        self.found: list[Suggestion] = []
        self.status = QLabel(self.tr("Looking for needs your people can meet…"), self)
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.list = QWidget(self)
        self.list.setObjectName("suggestions")
        self._rows = QVBoxLayout(self.list)
        self._rows.addStretch(1)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.list)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(buttons)
        self._task = workers.start(
            lambda _progress: suggestions.suggest(), on_done=self._show, on_error=self._failed
        )

    def introduce_buttons(self) -> list[QPushButton]:
        return self.list.findChildren(QPushButton, "introduce")

    def _show(self, found: list[Suggestion]) -> None:
        self.found = found
        for number, suggestion in enumerate(found):
            self._rows.insertWidget(number, self._row(suggestion))
        if found:
            self.status.setText(self.tr("%n way(s) to help, best first.", "", len(found)))
        else:
            self.status.setText(
                self.tr(
                    "No need matches what others offer or do. Add what people are looking for "
                    "and can help with on their page."
                )
            )
            self._shrink_to_the_sentence()
        self.loaded.emit()

    def _shrink_to_the_sentence(self) -> None:
        """Nothing to list: the sentence alone, not above a large empty box."""
        self.scroll.hide()
        self.resize(self.width(), self.minimumSizeHint().height())

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            return  # the window is closing
        self.status.setText(self.tr("Suggestions could not be found: %1").replace("%1", str(exc)))
        self.loaded.emit()

    def _row(self, suggestion: Suggestion) -> QWidget:
        row = QWidget(self.list)
        row.setObjectName("suggestion")
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 2, 0, 2)
        sentence = plain.clip(suggestion.sentence, plain.TOOLTIP)
        label = QLabel(_in_window_direction(sentence, row), row)
        label.setObjectName("sentence")
        label.setTextFormat(Qt.TextFormat.PlainText)  # it quotes what people wrote
        label.setWordWrap(True)
        button = QPushButton(self.tr("Introduce…"), row)
        button.setObjectName("introduce")
        button.setAutoDefault(False)
        button.setToolTip(
            plain.tooltip(
                self.tr("Write to %1 and %2")
                .replace("%1", suggestion.need_person)
                .replace("%2", suggestion.helper)
            )
        )
        button.clicked.connect(
            lambda _=False, s=suggestion: self.introduce_requested.emit(
                s.need_person_id, s.helper_id
            )
        )
        line.addWidget(label, 1)
        line.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        return row


def _in_window_direction(sentence: str, widget: QWidget) -> str:
    """The sentence read in the window's direction: one that starts with a Hebrew or Arabic name
    was otherwise laid out right to left as a whole, its English words in reverse order."""
    rtl = widget.layoutDirection() == Qt.LayoutDirection.RightToLeft
    return ("\u200f" if rtl else "\u200e") + sentence  # a right- or left-to-right mark
