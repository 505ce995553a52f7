"""Chips in the editors, in wrapping rows (the chip itself is `ui.widgets.chips.Chip`).

`ChipBox` holds chips keyed by anything hashable (a person id, a tag name); `TagEdit` adds a
line edit so tags can be typed (Enter or comma adds one, Backspace on an empty field removes the
last).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable

from PySide6.QtCore import QEvent, QSize, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCompleter,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from netdesk.ui.widgets.chips import Chip
from netdesk.ui.widgets.flow_layout import FlowLayout


class ChipBox(QWidget):
    """A wrapping set of chips, each identified by a key."""

    changed = Signal()
    removed = Signal(object)  # the key of the chip the user removed

    def __init__(self, parent: QWidget | None = None, *, removable_by_tab: bool = True) -> None:
        super().__init__(parent)
        self._chips: dict[Hashable, Chip] = {}
        self._tab_focus = removable_by_tab
        self.flow = FlowLayout(self)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

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

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # light <-> dark
            for chip in self._chips.values():
                chip.restyle()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self.flow.heightForWidth(width)

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
        completer = QCompleter(QStringListModel(sorted(set(known), key=str.casefold)), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
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
        pending = [t for t in _split(self.edit.text()) if t.casefold() not in self._folded()]
        return [str(k) for k in self.chips.texts()] + pending

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
        for tag in _split(self.edit.text()):
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


def _split(text: str) -> list[str]:
    return [t.strip() for t in text.split(",") if t.strip()]


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
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.text().strip() and not popup_open:
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
