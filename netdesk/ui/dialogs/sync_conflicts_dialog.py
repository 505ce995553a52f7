"""Sync conflicts: what a sync could not decide alone, one row each, for the user's word.

A field both sides changed shows the person, the field in words, "On this computer" and "On the
server", with Keep mine / Take theirs. A card removed on the server while the person changed
here asks Keep Ana / Delete Ana too (netdesk archives them: Unarchive brings them back). The
buttons under the list settle every row at once. Everything shown came from people or servers,
so it is plain text; every button is reached with Tab and named for screen readers.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.errors import CoreError
from netdesk.core.sync import conflicts, merge3
from netdesk.core.sync.conflicts import ConflictRow
from netdesk.core.write_errors import WRITE_FAILURES
from netdesk.qt import plain
from netdesk.ui.dialogs import modal
from netdesk.ui.dialogs.feedback import FieldMessage
from netdesk.ui.widgets import theme

MINE, THEIRS = "mine", "theirs"


def shown_value(value: str) -> str:
    """A stored value as words: the parts of a name apart, nothing for an empty value."""
    parts = [part for part in value.split(merge3.SEP) if part.strip()]
    return plain.clip(" · ".join(parts), plain.TOOLTIP) if parts else "—"


def first_name(name: str) -> str:
    return plain.clip(name.split()[0] if name.split() else name)


def _label(parent: QWidget, text: str, name: str = "") -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)  # names and values came from people
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setObjectName(name)
    return label


class ConflictRowWidget(QFrame):
    """One conflict with its two answers; `chosen(conflict id, "mine" | "theirs")`."""

    chosen = Signal(int, str)

    def __init__(self, row: ConflictRow, parent: QWidget) -> None:
        super().__init__(parent)
        self.row = row
        self.setObjectName("conflict_row")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(self)
        heading = _label(self, self._heading(), "conflict_heading")
        heading.setFont(theme.scaled_font(heading, 1.0, QFont.Weight.DemiBold))
        grid.addWidget(heading, 0, 0, 1, 2)
        if row.kind == conflicts.DELETED:
            grid.addWidget(_label(self, self._deleted_words(), "conflict_detail"), 1, 0, 1, 2)
        else:
            self.local = _label(self, shown_value(row.local_value), "conflict_local")
            self.remote = _label(self, shown_value(row.remote_value), "conflict_remote")
            grid.addWidget(_label(self, self.tr("On this computer:")), 1, 0)
            grid.addWidget(self.local, 1, 1)
            grid.addWidget(_label(self, self.tr("On the server:")), 2, 0)
            grid.addWidget(self.remote, 2, 1)
        grid.setColumnStretch(1, 1)
        grid.addLayout(self._buttons(), 0, 2, 3, 1, Qt.AlignmentFlag.AlignTop)
        self.setAccessibleName(self._heading())

    def _heading(self) -> str:
        if self.row.kind == conflicts.DELETED:
            return plain.clip(self.row.person_name)
        field = self.tr("%1's %2").replace("%1", plain.clip(self.row.person_name))
        return field.replace("%2", self.row.field)

    def _deleted_words(self) -> str:
        return self.tr("Deleted on the other side (%1), but changed on this computer.").replace(
            "%1", self.row.account
        )

    def _buttons(self) -> QVBoxLayout:
        column = QVBoxLayout()
        if self.row.kind == conflicts.DELETED:
            name = first_name(self.row.person_name)
            mine_text = self.tr("Keep %1").replace("%1", name)
            theirs_text = self.tr("Delete %1 too").replace("%1", name)
            theirs_tip = self.tr("netdesk archives them: Unarchive brings them back")
        else:
            mine_text, theirs_text = self.tr("Keep mine"), self.tr("Take theirs")
            theirs_tip = self.tr("Use the server's value on this computer too")
        self.keep_mine = self._button(mine_text, MINE, "keep_mine")
        self.take_theirs = self._button(theirs_text, THEIRS, "take_theirs")
        self.take_theirs.setToolTip(plain.tooltip(theirs_tip))
        column.addWidget(self.keep_mine)
        column.addWidget(self.take_theirs)
        return column

    def _button(self, text: str, keep: str, name: str) -> QPushButton:
        button = QPushButton(plain.action_text(text), self)
        button.setObjectName(name)
        button.setAccessibleName(f"{text}: {self._heading()}")
        button.setAutoDefault(False)  # Enter on a row must not settle another
        button.clicked.connect(lambda _checked=False: self.chosen.emit(self.row.id, keep))
        return button


class SyncConflictsDialog(QDialog):
    """The open conflicts; `resolved` after each answer stored."""

    resolved = Signal()

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("sync_conflicts_dialog")
        self.setWindowTitle(self.tr("Sync conflicts"))
        self.rows: list[ConflictRowWidget] = []
        layout = QVBoxLayout(self)
        self.intro = _label(self, "", "conflicts_intro")
        layout.addWidget(self.intro)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.list = QWidget(self.scroll)
        self.list.setObjectName("conflicts_list")
        self.list.setAccessibleName(self.tr("Sync conflicts"))
        self.list_layout = QVBoxLayout(self.list)
        self.list_layout.addStretch(1)
        self.scroll.setWidget(self.list)
        layout.addWidget(self.scroll, 1)
        self.error = FieldMessage(self, "conflicts_error")
        layout.addWidget(self.error)
        layout.addLayout(self._all_buttons())
        self.resize(640, 460)
        self.load()

    def _all_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.keep_all = QPushButton(self.tr("Keep all mine"), self)
        self.keep_all.setObjectName("keep_all_mine")
        self.keep_all.clicked.connect(lambda _checked=False: self.settle_all(MINE))
        self.take_all = QPushButton(self.tr("Take all theirs"), self)
        self.take_all.setObjectName("take_all_theirs")
        self.take_all.setToolTip(
            plain.tooltip(self.tr("People deleted on the server are archived here too"))
        )
        self.take_all.clicked.connect(lambda _checked=False: self.settle_all(THEIRS))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        for button in (self.keep_all, self.take_all):
            button.setAutoDefault(False)
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(close)
        return row

    def load(self) -> None:
        """The conflicts as stored now."""
        for widget in self.rows:
            widget.deleteLater()
        self.rows = []
        for row in conflicts.list_conflicts():
            widget = ConflictRowWidget(row, self.list)
            widget.chosen.connect(self.settle)
            self.list_layout.insertWidget(self.list_layout.count() - 1, widget)
            self.rows.append(widget)
        self._update_intro()

    def _update_intro(self) -> None:
        n = len(self.rows)
        if n == 0:
            self.intro.setText(self.tr("Nothing waits for you: every sync conflict is settled."))
        elif n == 1:
            self.intro.setText(self.tr("1 change differs between this computer and the server."))
        else:
            self.intro.setText(
                self.tr("%1 changes differ between this computer and the server.").replace(
                    "%1", str(n)
                )
            )
        self.keep_all.setEnabled(n > 0)
        self.take_all.setEnabled(n > 0)
        if n and not any(w.isAncestorOf(self.focusWidget() or self) for w in self.rows):
            self.rows[0].keep_mine.setFocus(Qt.FocusReason.OtherFocusReason)

    def settle(self, conflict_id: int, keep: str) -> bool:
        """Store one answer; the row goes. A failure is one sentence and the row stays."""
        if not self._resolve(conflict_id, keep):
            return False
        widget = next((w for w in self.rows if w.row.id == conflict_id), None)
        if widget is not None:
            index = self.rows.index(widget)
            self.rows.remove(widget)
            widget.deleteLater()
            if self.rows:  # the keyboard stays in the list, on the next row
                self.rows[min(index, len(self.rows) - 1)].keep_mine.setFocus()
        self._update_intro()
        self.resolved.emit()
        return True

    def settle_all(self, keep: str) -> None:
        for widget in list(self.rows):
            if not self.settle(widget.row.id, keep):
                return

    def _resolve(self, conflict_id: int, keep: str) -> bool:
        try:
            conflicts.resolve_conflict(conflict_id, keep)  # type: ignore[arg-type]
        except CoreError as exc:  # settled meanwhile (another window, the command line)
            self.error.show_error(str(exc))
            self.load()
            return False
        except WRITE_FAILURES as exc:  # a full disk, a lock: nothing changed
            modal.show_write_failure(self, exc)
            return False
        self.error.clear_message()
        return True
