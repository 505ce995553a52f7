"""The choice cell of a flagged card in the import preview: painted as a drop-down, edited with
one real combo box at a time. A widget per row (persistent editors) took a minute to build on a
20,000-card file and froze the window meanwhile; painting costs nothing until a row is seen."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionComboBox,
    QStyleOptionViewItem,
    QWidget,
)

from netdesk.qt.import_model import Role

Index = QModelIndex | QPersistentModelIndex
_OPEN_KEYS = (Qt.Key.Key_Space, Qt.Key.Key_F4)


def _offers(index: Index) -> list[tuple[Any, str]]:
    return index.data(Role.CHOICES) or []


class ChoiceDelegate(QStyledItemDelegate):
    """Import / Skip / Merge into… for a flagged card: a click or Space opens the list."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._view = view
        self._popup = False  # the next editor opens its list at once (a click, not typing)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        if not _offers(index):
            super().paint(painter, option, index)
            return
        cell = QStyleOptionViewItem(option)
        self.initStyleOption(cell, index)
        cell.text = ""  # the row's background and selection only; the box draws the text
        style = cell.widget.style() if cell.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, cell, painter, cell.widget)
        box = QStyleOptionComboBox()
        box.initFrom(self._view)
        box.rect = option.rect.adjusted(2, 2, -2, -2)
        box.currentText = str(index.data(Qt.ItemDataRole.DisplayRole) or "")  # drawn as text
        box.frame = True
        box.editable = False
        style.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, box, painter, cell.widget)
        style.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, box, painter, cell.widget)

    def editorEvent(
        self, event: QEvent, model: Any, option: QStyleOptionViewItem, index: Index
    ) -> bool:
        if not _offers(index):
            return super().editorEvent(event, model, option, index)
        released = (
            isinstance(event, QMouseEvent)
            and event.type() == QEvent.Type.MouseButtonRelease
            and event.button() == Qt.MouseButton.LeftButton
        )
        opening_key = (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in _OPEN_KEYS
        )
        if released or opening_key:
            self._popup = True
            self._view.setCurrentIndex(index)
            self._view.edit(index)
            return True
        return super().editorEvent(event, model, option, index)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setObjectName("choice_editor")
        for decision, text in _offers(index):
            combo.addItem(text, decision.value)
        combo.activated.connect(lambda _i, c=combo: self._chosen(c))
        if self._popup:
            self._popup = False
            QTimer.singleShot(0, combo, combo.showPopup)
        return combo

    def _chosen(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
