"""Tools > Who moved on…: the job and email changes imports found, to accept or reject.

One row per person, their changes beneath (organisation, title, email: what netdesk has, what
the file says, which file and when). Accept and Reject act on the selected rows (a person's row
means all of their changes; Enter accepts, Delete rejects), Accept all and Reject all on the
whole list. Each decision is one command on the window's undo stack (Ctrl+Z works here too).
An accepted job change suggests a congratulation, added as a follow-up with one click. The list
is read on the window's workers and read again whenever the undo stack moves. With nothing to
decide, one sentence says why and what brings changes here, in place of the list.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QPalette, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netdesk.core import follow_ups, job_changes, write_errors
from netdesk.core.job_changes import Change, Congratulation, Field
from netdesk.qt import plain
from netdesk.qt.commands import AddedCommand
from netdesk.qt.formatting import long_date, short_date
from netdesk.qt.workers import Task, Workers
from netdesk.ui.dialogs.empty_sentence import empty_sentence

CHANGE_ROLE = Qt.ItemDataRole.UserRole + 1


class JobChangesDialog(QDialog):
    """The review list of proposed changes, with the congratulations accepted job changes
    suggest."""

    loaded = Signal()  # the list is (re)filled; for tests

    def __init__(
        self,
        parent: QWidget | None,
        workers: Workers,
        undo_stack: QUndoStack,
        *,
        on_error: Callable[[str], None] | None = None,
        autoload: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("job_changes_dialog")
        self.setWindowTitle(self.tr("Who moved on"))
        self.setMinimumSize(640, 400)
        self.resize(900, 560)
        self._workers = workers
        self._stack = undo_stack
        self._on_error = on_error
        self._loading: Task | None = None
        self._stale = False  # the stack moved while the list was being read
        self.status = QLabel(self)
        self.status.setObjectName("status")
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # errors can quote names
        self.status.setWordWrap(True)
        self.changes = self._make_list()
        self.empty = empty_sentence(self, "no_changes")
        self.hint = QLabel(
            self.tr(
                "A newer export says these people changed job or email. Nothing changes until "
                "you accept; a rejected value is not proposed again."
            ),
            self,
        )
        self.suggestions = QWidget(self)
        self.suggestions.setObjectName("suggestions")
        self._suggestion_rows = QVBoxLayout(self.suggestions)
        self._suggestion_rows.setContentsMargins(0, 0, 0, 0)
        self.accept_button = self._button(self.tr("&Accept"), "accept", self.accept_selected)
        self.reject_button = self._button(self.tr("&Reject"), "reject", self.reject_selected)
        self.accept_all_button = self._button(self.tr("Accept a&ll"), "accept_all", self.accept_all)
        self.reject_all_button = self._button(self.tr("Re&ject all"), "reject_all", self.reject_all)
        self.close_button = self._button(self.tr("Close"), "close", self.close)
        self._lay_out()
        self._keys()
        self._suggested: dict[int, QWidget] = {}  # change id -> its congratulation's line
        undo_stack.indexChanged.connect(self._stack_moved)  # ends with the dialog
        self._sync_buttons()
        self._say_empty(self.tr("Looking for changes…"))
        if autoload:
            self.reload()

    def _make_list(self) -> QTreeWidget:
        tree = QTreeWidget(self)
        tree.setObjectName("changes")
        tree.setAlternatingRowColors(True)
        tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        tree.setHeaderLabels(
            [
                self.tr("Person and what changed"),
                self.tr("In netdesk"),
                self.tr("In the file"),
                self.tr("From"),
            ]
        )
        header = tree.header()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        tree.setAccessibleName(self.tr("Proposed changes"))
        tree.itemSelectionChanged.connect(self._sync_buttons)
        tree.itemActivated.connect(lambda *_: self.accept_selected())
        return tree

    def _button(self, text: str, name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _lay_out(self) -> None:
        self.hint.setWordWrap(True)
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        buttons = QHBoxLayout()
        for button in (self.accept_button, self.reject_button):
            buttons.addWidget(button)
        buttons.addSpacing(12)
        for button in (self.accept_all_button, self.reject_all_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.changes, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.suggestions)
        layout.addLayout(buttons)

    def _keys(self) -> None:
        """Delete rejects the selection (Enter accepts it); Ctrl+Z and its redo work here as in
        the window, on the window's stack."""
        reject = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.changes)
        reject.setContext(Qt.ShortcutContext.WidgetShortcut)
        reject.activated.connect(self.reject_selected)
        undo = self._stack.createUndoAction(self, self.tr("Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self._stack.createRedoAction(self, self.tr("Redo"))
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        self.addActions([undo, redo])

    # --- loading ------------------------------------------------------------------------------

    @Slot()
    def reload(self) -> None:
        """Read the pending changes again in the background."""
        if self._loading is not None:
            self._stale = True
            return
        self._loading = self._workers.start(
            lambda _progress: job_changes.pending(), on_done=self._show, on_error=self._failed
        )

    def is_loading(self) -> bool:
        return self._loading is not None

    @Slot(object)
    def _show(self, changes: list[Change]) -> None:
        if self._loading is None:
            return  # closed meanwhile
        self._loading = None
        if self._stale:
            self._stale = False
            self.reload()
            return
        self._fill(changes)
        for change in changes:  # taken back: its congratulation is no longer due
            row = self._suggested.pop(change.id, None)
            if row is not None:
                row.deleteLater()
        if changes:
            self.status.setText(self.tr("%n change(s) waiting for your word.", "", len(changes)))
            self._show_list()
        else:
            self._say_empty(
                self.tr(
                    "Nobody moved on: no changes are waiting. Import a newer export (LinkedIn, "
                    "your phone, Google) and anyone whose job or email changed waits here for "
                    "your word."
                )
            )
        self._sync_buttons()
        self.loaded.emit()

    @Slot(object)
    def _failed(self, exc: BaseException) -> None:
        self._loading = None
        text = self.tr("The changes could not be read: %1").replace("%1", str(exc))
        if self.all_ids():  # the list read before stays, with why it is not fresh
            self.status.setText(text)
        else:
            self._say_empty(text)
        self.loaded.emit()

    def _report(self, text: str) -> None:
        """A failed decision or follow-up: said above the list, or above the empty sentence."""
        self.status.setText(text)
        self.status.show()

    def _say_empty(self, text: str) -> None:
        """One sentence where the list would be; no empty table, no buttons with nothing to
        act on."""
        self.status.setText(text)
        self.empty.set_text(text)
        self._show_list(False)

    def _show_list(self, shown: bool = True) -> None:
        for widget in (self.status, self.changes, self.hint, *self._decisions()):
            widget.setVisible(shown)
        self.empty.setVisible(not shown)

    def _decisions(self) -> tuple[QPushButton, ...]:
        return (
            self.accept_button,
            self.reject_button,
            self.accept_all_button,
            self.reject_all_button,
        )

    def _fill(self, changes: list[Change]) -> None:
        chosen = set(self.selected_ids())
        self.changes.clear()
        parent: QTreeWidgetItem | None = None
        for change in changes:
            if parent is None or parent.data(0, CHANGE_ROLE) != ("person", change.person_id):
                parent = QTreeWidgetItem([plain.clip(change.person_name)])
                font = parent.font(0)
                font.setBold(True)
                parent.setFont(0, font)
                parent.setData(0, CHANGE_ROLE, ("person", change.person_id))
                self.changes.addTopLevelItem(parent)
            child = QTreeWidgetItem(parent, self._cells(change))
            child.setData(0, CHANGE_ROLE, change.id)
            child.setToolTip(2, plain.tooltip(change.new_value))
            child.setToolTip(3, plain.tooltip(f"{change.source}\n{long_date(change.seen_on)}"))
            child.setSelected(change.id in chosen)
        self.changes.expandAll()
        if self.changes.topLevelItemCount() and not self.changes.selectedItems():
            self.changes.setCurrentItem(self.changes.topLevelItem(0))
        self.changes.setFocus()

    def _cells(self, change: Change) -> list[str]:
        labels = {
            Field.ORGANIZATION: self.tr("New organisation"),
            Field.TITLE: self.tr("New title"),
            Field.EMAIL: self.tr("New email"),
        }
        now = change.new_value
        if change.field is Field.ORGANIZATION and change.new_title:
            now = self.tr("%1, as %2").replace("%1", now).replace("%2", change.new_title)
        source = f"{change.source} · {short_date(change.seen_on)}"
        return [
            labels[change.field],
            plain.clip(change.old_value.replace("\n", " ")),
            plain.clip(now.replace("\n", " ")),
            plain.clip(source),
        ]

    # --- the selection --------------------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        """The changes chosen: selected rows, a person's row standing for all of theirs."""
        ids: list[int] = []
        for item in self.changes.selectedItems():
            rows = (
                [item.child(i) for i in range(item.childCount())] if item.childCount() else [item]
            )
            ids += [row.data(0, CHANGE_ROLE) for row in rows]
        return list(dict.fromkeys(i for i in ids if isinstance(i, int)))

    def all_ids(self) -> list[int]:
        out: list[int] = []
        for number in range(self.changes.topLevelItemCount()):
            person = self.changes.topLevelItem(number)
            out += [person.child(i).data(0, CHANGE_ROLE) for i in range(person.childCount())]
        return out

    def _sync_buttons(self) -> None:
        chosen, any_left = bool(self.selected_ids()), bool(self.all_ids())
        self.accept_button.setEnabled(chosen)
        self.reject_button.setEnabled(chosen)
        self.accept_all_button.setEnabled(any_left)
        self.reject_all_button.setEnabled(any_left)

    # --- decisions ------------------------------------------------------------------------------

    @Slot()
    def accept_selected(self) -> None:
        self._decide(self.selected_ids(), accept=True)

    @Slot()
    def reject_selected(self) -> None:
        self._decide(self.selected_ids(), accept=False)

    @Slot()
    def accept_all(self) -> None:
        self._decide(self.all_ids(), accept=True)

    @Slot()
    def reject_all(self) -> None:
        self._decide(self.all_ids(), accept=False)

    def _decide(self, ids: list[int], *, accept: bool) -> None:
        if not ids:
            return
        if accept:
            text = self.tr("Accept %n change(s)", "", len(ids))
            command = self._command(text, lambda: len(job_changes.accept(ids)), ids)
        else:
            text = self.tr("Reject %n change(s)", "", len(ids))
            command = self._command(text, lambda: _reject(ids), ids)
        if command is None:
            return
        self._stack.push(command)
        if accept:
            for congratulation in job_changes.congratulations(ids):
                self._suggest(congratulation)

    def _command(self, text: str, decide: Callable[[], int], ids: list[int]) -> AddedCommand | None:
        """The decision, made now; undo takes it back. None when the write failed (said in
        the status line)."""
        try:
            return AddedCommand(
                text, decide, lambda _ref: job_changes.take_back(ids), self._on_error
            )
        except write_errors.WRITE_FAILURES as exc:
            self._report(write_errors.explain(exc))
            return None

    def _suggest(self, congratulation: Congratulation) -> None:
        """A line with the congratulation and a button that adds it as a follow-up."""
        row = QWidget(self.suggestions)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        label = QLabel(plain.clip(congratulation.note), row)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setObjectName("congratulation")
        button = QPushButton(self.tr("Add as follow-up"), row)
        button.setObjectName("congratulate")
        button.setAutoDefault(False)
        button.setAccessibleName(
            self.tr("Add a follow-up: %1").replace("%1", plain.clip(congratulation.note))
        )
        button.clicked.connect(lambda _checked=False: self._congratulate(congratulation, button))
        line.addWidget(label, 1)
        line.addWidget(button)
        self._suggestion_rows.addWidget(row)
        old = self._suggested.pop(congratulation.change_id, None)
        if old is not None:
            old.deleteLater()
        self._suggested[congratulation.change_id] = row

    def _congratulate(self, congratulation: Congratulation, button: QPushButton) -> None:
        try:
            command = AddedCommand(
                plain.clip(congratulation.note),
                lambda: job_changes.congratulate(congratulation),
                follow_ups.delete,
                self._on_error,
            )
        except write_errors.WRITE_FAILURES as exc:
            self._report(write_errors.explain(exc))
            return
        self._stack.push(command)
        button.setEnabled(False)
        button.setText(self.tr("Added"))

    @Slot(int)
    def _stack_moved(self, _index: int) -> None:
        self.reload()


def _reject(ids: list[int]) -> int:
    job_changes.reject(ids)
    return len(ids)


def show_review(
    parent: QWidget,
    workers: Workers,
    undo_stack: QUndoStack,
    *,
    on_error: Callable[[str], None] | None = None,
) -> JobChangesDialog:
    """Show the review list (not blocking): the one already open, read again, or a new one."""
    dialog = parent.findChild(JobChangesDialog, "job_changes_dialog")
    if dialog is None:
        dialog = JobChangesDialog(parent, workers, undo_stack, on_error=on_error)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # closed, it is on its way out: the next call makes a new one
        dialog.finished.connect(lambda _result, d=dialog: d.setObjectName(""))
    else:
        dialog.reload()
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
