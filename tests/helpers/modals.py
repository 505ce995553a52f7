"""Modal loops would hang a test run: any unexpected one fails the test instead."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox


class UnexpectedModal(AssertionError):
    pass


def _refuse(name: str) -> Callable[..., object]:
    def refuse(*args: object, **kwargs: object) -> object:
        raise UnexpectedModal(f"unexpected modal {name} during a test")

    return refuse


def refuse_modals(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QDialog, "exec", _refuse("QDialog.exec"))
    monkeypatch.setattr(QMessageBox, "exec", _refuse("QMessageBox.exec"))
    for helper in ("question", "warning", "information", "critical", "about"):
        monkeypatch.setattr(QMessageBox, helper, _refuse(f"QMessageBox.{helper}"))
    for helper in ("getOpenFileName", "getOpenFileNames", "getSaveFileName"):
        monkeypatch.setattr(QFileDialog, helper, _refuse(f"QFileDialog.{helper}"))
    monkeypatch.setattr(QInputDialog, "getText", _refuse("QInputDialog.getText"))
