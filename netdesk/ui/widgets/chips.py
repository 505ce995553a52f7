"""Chips: small rounded labels with a × to remove them, and the widgets that hold them.

- `Chip`: the one chip every view uses.
- `ChipBox`: chips keyed by anything hashable (a person id, a tag name), in wrapping rows; the
  editors use it for the people met through and, inside `TagEdit`, for tags.
- `TagEdit`: a `ChipBox` with a field under it to type tags (Enter or comma adds one, Backspace
  on an empty field removes the last).
- `InlineChips`: edits a list in place in the person pane (circles, tags, interests): "+" opens a
  field to add a name, and every change is emitted as the whole new list for the pane to store.
Both fields complete over names that already exist.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable

from PySide6.QtCore import QEvent, QObject, QSize, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from netdesk.qt import plain
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.flow_layout import FlowLayout


class Chip(QFrame):
    """One chip: a label and a × button, in the palette's quiet colours or a hue's (interests,
    hobbies, tags). The widgets holding chips redraw them when the palette changes."""

    remove_clicked = Signal()

    def __init__(
        self,
        text: str,
        parent: QWidget | None = None,
        *,
        tint: int | None = None,
        tooltip: str = "",
    ) -> None:
        """`text` and `tooltip` are shown as plain text (they are names and organisations)."""
        super().__init__(parent)
        self.setObjectName("chip")
        self._text = text
        self._tint = tint
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        if tooltip:
            self.setToolTip(plain.tooltip(tooltip))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(9, 1, 4, 1)
        layout.setSpacing(1)
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setText(plain.clip(text))
        self.button = QToolButton(self)
        self.button.setObjectName("chip_remove")
        self.button.setText("×")
        self.button.setAutoRaise(True)
        self.button.setCursor(Qt.CursorShape.PointingHandCursor)
        remove = self.tr("Remove %1").replace("%1", text)
        self.button.setToolTip(plain.tooltip(remove))
        self.button.setAccessibleName(plain.clip(remove))
        self.button.setFixedSize(18, 18)
        self.button.clicked.connect(self.remove_clicked)
        layout.addWidget(self.label)
        layout.addWidget(self.button)
        self._style()

    def text(self) -> str:
        """The whole text (the label may show it clipped)."""
        return self._text

    def restyle(self) -> None:
        """Take the colours of the surroundings' palette again (its holder calls this when the
        palette changes: a widget with a style sheet of its own is not told)."""
        self._style()

    def _style(self) -> None:
        # the surroundings' palette: the chip's own is changed by the style sheet set here
        parent = self.parentWidget()
        palette = parent.palette() if parent is not None else QApplication.palette()
        if self._tint is None:
            background, foreground = theme.subtle_fill(palette), palette.text().color()
            border = theme.muted(palette)
        else:
            background, foreground = theme.hue_colours(self._tint, palette)
            border = background
        hover = theme.hue_colours(self._tint, palette)[1] if self._tint is not None else border
        sheet = (
            f"QFrame#chip {{ background: {background.name()}; border: 1px solid {border.name()};"
            " border-radius: 11px; }"
            f" QFrame#chip QLabel {{ color: {foreground.name()}; background: transparent; }}"
            f" QFrame#chip QToolButton {{ color: {foreground.name()}; border: none;"
            " border-radius: 8px; background: transparent; padding: 0px; }"
            f" QFrame#chip QToolButton:hover, QFrame#chip QToolButton:focus {{"
            f" background: {_translucent(hover)}; }}"
        )
        if sheet != self.styleSheet():  # setting it changes the palette: no loop
            self.setStyleSheet(sheet)


def _translucent(colour: QColor) -> str:
    return f"rgba({colour.red()}, {colour.green()}, {colour.blue()}, 60)"


class _ChipFlow(QWidget):
    """Chips in wrapping rows that take the palette's colours again when it changes (light <->
    dark: a chip has a style sheet of its own, so it is not told)."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.flow = FlowLayout(self)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            for chip in self.findChildren(Chip):
                chip.restyle()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self.flow.heightForWidth(width)


def _completer(names: Iterable[str], parent: QObject) -> QCompleter:
    """Completion over existing names, matching any part of them, in any case."""
    model = QStringListModel(sorted(set(names), key=str.casefold), parent)
    completer = QCompleter(model, parent)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    return completer


def _names_in(text: str) -> list[str]:
    """The names typed in a field, separated by commas, each with its spaces tidied."""
    return [name for part in text.split(",") if (name := " ".join(part.split()))]


class ChipBox(_ChipFlow):
    """A wrapping set of chips, each identified by a key; × removes a chip and says which."""

    changed = Signal()
    removed = Signal(object)  # the key of the chip the user removed

    def __init__(self, parent: QWidget | None = None, *, removable_by_tab: bool = True) -> None:
        super().__init__(parent)
        self._chips: dict[Hashable, Chip] = {}
        self._tab_focus = removable_by_tab

    def add(self, key: Hashable, text: str, tooltip: str = "") -> bool:
        """Add a chip; False when a chip with this key is already there."""
        if key in self._chips:
            return False
        chip = Chip(text, self, tooltip=tooltip)
        focus = Qt.FocusPolicy.TabFocus if self._tab_focus else Qt.FocusPolicy.NoFocus
        chip.button.setFocusPolicy(focus)
        chip.remove_clicked.connect(lambda k=key: self._user_removed(k))
        self._chips[key] = chip
        self.flow.addWidget(chip)
        chip.show()
        self.updateGeometry()
        self.changed.emit()
        return True

    def remove(self, key: Hashable) -> None:
        chip = self._chips.pop(key, None)
        if chip is None:
            return
        self.flow.removeWidget(chip)
        chip.deleteLater()
        self.updateGeometry()
        self.changed.emit()

    def clear(self) -> None:
        for key in list(self._chips):
            self.remove(key)

    def key_list(self) -> list[Hashable]:
        return list(self._chips)

    def texts(self) -> list[str]:
        return [chip.text() for chip in self._chips.values()]

    def chip(self, key: Hashable) -> Chip | None:
        return self._chips.get(key)

    def __len__(self) -> int:
        return len(self._chips)

    def __contains__(self, key: object) -> bool:
        return key in self._chips

    def sizeHint(self) -> QSize:
        width = max(self.width(), 200)
        return QSize(width, self.flow.heightForWidth(width))

    def _user_removed(self, key: Hashable) -> None:
        self.remove(key)
        self.removed.emit(key)


class TagEdit(QWidget):
    """Chips for tags plus a field to type more; suggests tags that already exist."""

    changed = Signal()

    def __init__(
        self, parent: QWidget | None = None, *, placeholder: str = "", known: Iterable[str] = ()
    ) -> None:
        super().__init__(parent)
        self.chips = ChipBox(self, removable_by_tab=False)
        self.chips.changed.connect(self.changed)
        self.edit = _TagLine(self)
        self.edit.setPlaceholderText(placeholder)
        self.edit.setClearButtonEnabled(True)
        self.edit.commit.connect(self._commit)
        self.edit.backspace_on_empty.connect(self._remove_last)
        self.setFocusProxy(self.edit)
        completer = _completer(known, self)
        completer.activated[str].connect(self._completed)
        self.edit.setCompleter(completer)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.chips)
        layout.addWidget(self.edit)
        self._sync_chip_visibility()
        self.chips.changed.connect(self._sync_chip_visibility)

    def tags(self) -> list[str]:
        """The tags, including what is typed in the field but not yet committed."""
        pending = [t for t in _names_in(self.edit.text()) if t.casefold() not in self._folded()]
        return self.chips.texts() + pending

    def set_tags(self, tags: Iterable[str]) -> None:
        self.chips.clear()
        for tag in tags:
            self._add(tag)

    def _folded(self) -> set[str]:
        return {t.casefold() for t in self.chips.texts()}

    def _add(self, tag: str) -> None:
        tag = " ".join(tag.split())
        if tag and tag.casefold() not in self._folded():
            self.chips.add(tag.casefold(), tag)

    def _commit(self) -> None:
        for tag in _names_in(self.edit.text()):
            self._add(tag)
        self.edit.clear()

    def _completed(self, text: str) -> None:
        self._add(text)
        # QCompleter writes the completion into the field after this signal; clear afterwards
        self.edit.clear_later()

    def _remove_last(self) -> None:
        keys = self.chips.key_list()
        if keys:
            self.chips.remove(keys[-1])

    def _sync_chip_visibility(self) -> None:
        self.chips.setVisible(len(self.chips) > 0)


class _TagLine(QLineEdit):
    """A line edit that reports Enter, comma and Backspace-when-empty instead of handling them."""

    commit = Signal()
    backspace_on_empty = Signal()

    def clear_later(self) -> None:
        QTimer.singleShot(0, self.clear)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        popup = self.completer().popup() if self.completer() else None
        popup_open = popup is not None and popup.isVisible()
        picking = popup_open and popup.currentIndex().isValid()  # the completer takes it
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.text().strip() and not picking:
            if popup_open:
                popup.hide()  # nothing highlighted: what was typed is the tag
            self.commit.emit()
            event.accept()  # do not let the dialog's default button see it
            return
        if key == Qt.Key.Key_Comma:
            self.commit.emit()
            event.accept()
            return
        if key == Qt.Key.Key_Backspace and not self.text():
            self.backspace_on_empty.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class InlineChips(_ChipFlow):
    """Emits `edited(list[str])` with the new names after the user adds or removes one; the
    chips change when the stored names come back through `set_names`."""

    edited = Signal(list)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        add_text: str = "",
        suggestions: Callable[[], list[str]] | None = None,
        tint: int | None = None,
    ) -> None:
        super().__init__(parent)
        self._names: list[str] = []
        self._tint = tint
        self._suggestions = suggestions or (lambda: [])
        self.add_button = QToolButton(self)
        self.add_button.setObjectName("chips_add")
        self.add_button.setText("+ " + (add_text or self.tr("Add")))
        self.add_button.setAutoRaise(True)
        self.add_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.add_button.clicked.connect(self.start_adding)
        self.field = _AddField(self)
        self.field.setObjectName("chips_field")
        self.field.setPlaceholderText(add_text)
        self.field.setFixedWidth(170)
        self.field.hide()
        self.field.returnPressed.connect(self._commit)
        self.field.cancelled.connect(self._stop_adding)
        self.field.installEventFilter(self)
        self._rebuild()

    def names(self) -> list[str]:
        return list(self._names)

    def set_names(self, names: list[str]) -> None:
        """Show these names (no signal: this is the stored state, not an edit)."""
        if names != self._names:
            self._names = list(names)
            self._rebuild()

    def start_adding(self) -> None:
        self.field.setCompleter(_completer(self._candidates(), self.field))
        self.add_button.hide()
        self.field.show()
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)

    def add(self, name: str) -> None:
        """Add a name as if the user typed it (also used by tests)."""
        name = " ".join(name.split())
        if name and name.casefold() not in {n.casefold() for n in self._names}:
            self.edited.emit([*self._names, name])

    def remove(self, name: str) -> None:
        self.edited.emit([n for n in self._names if n != name])

    def _candidates(self) -> list[str]:
        taken = {n.casefold() for n in self._names}
        return [n for n in self._suggestions() if n.casefold() not in taken]

    def _commit(self) -> None:
        text = self.field.text()
        self.field.clear()
        self._stop_adding()
        for name in _names_in(text):
            self.add(name)

    def _stop_adding(self) -> None:
        self.field.hide()
        self.add_button.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field and event.type() == QEvent.Type.FocusOut:
            popup = self.field.completer().popup() if self.field.completer() else None
            if not self.field.text().strip() and not (popup and popup.isVisible()):
                QTimer.singleShot(0, self._stop_adding)
        return False

    def _rebuild(self) -> None:
        while self.flow.count():
            item = self.flow.takeAt(0)
            widget = item.widget() if item else None
            if widget is not None and widget not in (self.add_button, self.field):
                widget.deleteLater()
        for name in self._names:
            chip = Chip(name, self, tint=self._tint)
            chip.remove_clicked.connect(lambda name=name: self.remove(name))
            self.flow.addWidget(chip)
        self.flow.addWidget(self.add_button)
        self.flow.addWidget(self.field)
        self.updateGeometry()


class _AddField(QLineEdit):
    """The field that appears after "+": Enter adds, Escape (or leaving it empty) cancels."""

    cancelled = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.cancelled.emit()
            return
        super().keyPressEvent(event)
