"""Tools > Sort people into circles…: one person at a time, one key each, never the mouse.

1 to 6 put the person in a circle (`circle_triage.CHOICES`), S skips them, Backspace or Ctrl+Z
takes the last choice back and shows that person again, Enter takes the suggested circle (its
button is the default, so it is drawn highlighted), Escape closes. Each choice is stored at once
through core, so the window's list follows, and closing keeps every choice made. The buttons
show their keys, and a counter says where the user is ("12 of 240").
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from netdesk.core import circle_triage
from netdesk.core import people as core_people
from netdesk.core.circle_triage import CHOICES, Card, Evidence, Hint
from netdesk.core.errors import NotFound
from netdesk.qt import plain
from netdesk.qt.workers import Cancelled, Workers
from netdesk.ui.dialogs import modal
from netdesk.ui.widgets import theme

SKIP_KEY = "S"


def open_triage(
    parent: QWidget | None, workers: Workers, people: list[int] | None = None
) -> CircleTriageDialog:
    """Show the triage (not blocking) for these people, else everyone in no circle."""
    dialog = CircleTriageDialog(parent, workers, people)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


class CircleTriageDialog(QDialog):
    """Who to sort and what the circles hold are read on the workers; the keys work once they
    are here."""

    def __init__(
        self, parent: QWidget | None, workers: Workers, people: list[int] | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("circle_triage")
        self.setWindowTitle(self.tr("Sort people into circles"))
        self.setMinimumWidth(640)
        self.people: list[int] = []
        self.evidence: Evidence | None = None
        self.anyone = True  # anyone in netdesk at all: an empty netdesk has nobody to sort
        self.index = 0
        self.history: list[tuple[Card, str | None]] = []  # (person, circle or None: skipped)
        self.card: Card | None = None
        self.hint: Hint | None = None
        self.counter = self._label("counter", muted=True)
        self.name = self._label("name")
        self.name.setFont(theme.scaled_font(self.name, 1.5, QFont.Weight.Bold))
        self.details = self._label("details")
        self.suggestion = self._label("suggestion", muted=True)
        self.circle_buttons = [
            self._key_button(f"{number}  {circle}", f"circle_{number}", str(number), circle)
            for number, circle in enumerate(CHOICES, start=1)
        ]
        self.skip_button = self._key_button(self.tr("S  Skip"), "skip", SKIP_KEY, None)
        self.undo_button = QPushButton(self.tr("⌫  Undo"), self)
        self.undo_button.setObjectName("undo")
        self.undo_button.setAutoDefault(False)
        self.undo_button.setToolTip(self.tr("Take the last choice back (Backspace, Ctrl+Z)"))
        self.undo_button.clicked.connect(self.undo)
        self._key("Backspace", self.undo_button)
        self._key(QKeySequence.StandardKey.Undo, self.undo_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        close.rejected.connect(self.reject)
        self._layout(close)
        self.name.setText(self.tr("Reading your circles…"))
        self._enable(False)
        chosen = None if people is None else list(people)
        self._task = workers.start(
            lambda _progress: _read_circles(chosen),
            on_done=self._circles_read,
            on_error=self._failed,
        )

    def _circles_read(self, read: tuple[list[int], Evidence, bool]) -> None:
        self.people, self.evidence, self.anyone = read
        self.show_current()

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, Cancelled):  # not the window closing
            self.name.setText(self.tr("Your circles could not be read: %1").replace("%1", str(exc)))

    def _label(self, name: str, *, muted: bool = False) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)  # names and details come from people
        label.setWordWrap(True)
        theme.keep_to_leading_edge(label)  # a Hebrew name under the counter, not far right
        if muted:
            palette = label.palette()
            palette.setColor(QPalette.ColorRole.WindowText, theme.muted(palette))
            label.setPalette(palette)
        return label

    def _key_button(self, text: str, name: str, key: str, circle: str | None) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAutoDefault(False)  # Enter means the suggestion, never the focused button
        button.clicked.connect(lambda _=False: self.choose(circle))
        self._key(key, button)
        return button

    def _key(self, key: str | QKeySequence.StandardKey, button: QPushButton) -> None:
        """`key` clicks `button` at once: a button's own shortcut clicks a moment later (its
        animation), and a second key pressed meanwhile would be lost."""
        QShortcut(QKeySequence(key), self, button.click)

    def _layout(self, close: QDialogButtonBox) -> None:
        grid = QGridLayout()
        for number, button in enumerate(self.circle_buttons):
            grid.addWidget(button, number // 3, number % 3)
        actions = QHBoxLayout()
        actions.addWidget(self.skip_button)
        actions.addWidget(self.undo_button)
        actions.addStretch(1)
        actions.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counter)
        layout.addWidget(self.name)
        layout.addWidget(self.details)
        layout.addSpacing(6)
        layout.addWidget(self.suggestion)
        layout.addStretch(1)
        layout.addLayout(grid)
        layout.addLayout(actions)

    # --- the person shown -----------------------------------------------------------------------

    def show_current(self) -> None:
        """Show the person at `index` (one deleted meanwhile is passed over), or the end."""
        while self.index < len(self.people):
            try:
                self.card = circle_triage.card(self.people[self.index])
                break
            except NotFound:
                del self.people[self.index]
        else:
            self._show_end()
            return
        self.hint = self.evidence.hint(self.card) if self.evidence is not None else None
        of = self.tr("%1 of %2").replace("%1", str(self.index + 1))
        self.counter.setText(of.replace("%2", str(len(self.people))))
        self.name.setText(plain.clip(self.card.name))
        self.details.setText(self._details(self.card))
        self._suggest(self.hint)
        self._enable(True)

    def _details(self, card: Card) -> str:
        work = " — ".join(x for x in (card.title, card.organization) if x)
        elsewhere = [o for o in card.organizations if o != card.organization.strip()]
        if elsewhere:  # a hint may rest on any place they work now
            work += self.tr("; also at %1").replace("%1", ", ".join(elsewhere))
        lines = [work, ", ".join(card.emails)]
        how_met = " ".join(card.how_met.split())
        if how_met.casefold().startswith("met "):  # "Met at the offsite": no "Met: Met at"
            lines.append(how_met)
        elif how_met:
            lines.append(self.tr("Met: %1").replace("%1", how_met))
        return "\n".join(plain.clip(line) for line in lines if line)

    def _suggest(self, hint: Hint | None) -> None:
        for button, circle in zip(self.circle_buttons, CHOICES, strict=True):
            chosen = hint is not None and circle == hint.circle
            button.setDefault(chosen)  # drawn highlighted, and Enter presses it
            font = button.font()
            font.setBold(chosen)
            button.setFont(font)
        if hint is None:
            self.suggestion.setText(self.tr("No suggestion: nobody like them is sorted yet."))
        else:
            text = self.tr("Suggested: %1, as %2 (Enter).").replace("%1", hint.circle)
            self.suggestion.setText(text.replace("%2", plain.clip(hint.reason)))

    def _show_end(self) -> None:
        self.card, self.hint = None, None
        placed = sum(1 for _, circle in self.history if circle)
        self.counter.setText(self.tr("%1 of %1").replace("%1", str(len(self.people))))
        if not self.people:
            self.name.setText(self._nobody_to_sort())
            self.details.clear()
            self.suggestion.clear()
            self._enable(False)
            return
        self.name.setText(self.tr("Everyone is sorted."))
        self.details.setText(
            self.tr("%1 placed in a circle, %2 skipped.")
            .replace("%1", str(placed))
            .replace("%2", str(len(self.history) - placed))
        )
        self._suggest(None)
        self.suggestion.setText(self.tr("Backspace takes the last choice back; Escape closes."))
        self._enable(False)

    def _nobody_to_sort(self) -> str:
        if self.anyone:
            return self.tr("Everyone is in a circle already.")
        return self.tr("Nobody to sort yet: add or import people first.")

    def _enable(self, enabled: bool) -> None:
        for button in [*self.circle_buttons, self.skip_button]:
            button.setEnabled(enabled)
        self.undo_button.setEnabled(bool(self.history))

    # --- choices --------------------------------------------------------------------------------

    @Slot()
    def choose(self, circle: str | None) -> None:
        """Put the person shown in `circle` (None: skip them) and show the next."""
        card = self.card
        if card is None:
            return
        if circle is not None:
            place = circle_triage.place
            if not modal.guarded_write(self, lambda: place(card.id, circle)):
                return
            if self.evidence is not None:
                self.evidence.placed(card, circle)  # the next hints count them
        self.history.append((card, circle))
        self.index += 1
        self.show_current()

    @Slot()
    def undo(self) -> None:
        """Take the last choice back and show that person again."""
        if not self.history:
            return
        card, circle = self.history[-1]
        if circle is not None:
            unplace = circle_triage.unplace
            if not modal.guarded_write(self, lambda: unplace(card.id, circle)):
                return
            if self.evidence is not None:
                self.evidence.placed(card, circle, -1)
        self.history.pop()
        self.index = self.people.index(card.id)
        self.show_current()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.hint is None:
            event.accept()  # no suggestion: Enter does nothing rather than close
            return
        super().keyPressEvent(event)


def _read_circles(people: list[int] | None) -> tuple[list[int], Evidence, bool]:
    """Who to sort (these people, else everyone in no circle), what the circles hold, and
    whether netdesk holds anyone at all."""
    chosen = circle_triage.unsorted() if people is None else people
    return chosen, circle_triage.evidence(), bool(chosen) or core_people.count() > 0
