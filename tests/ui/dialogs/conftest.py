"""Fixtures for the dialog tests: no unexpected modal loop may ever start, and a driver for ask().

Every test runs with QDialog.exec, QMessageBox and QFileDialog's static helpers replaced by
functions that raise, so a dialog that unexpectedly goes modal fails the test instead of hanging
it. `drive(cls, fill)` replaces `cls.exec` for one test with a function that fills the dialog and
presses its default button, so `ask()` can be exercised end to end without a modal loop.
"""

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


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QDialog, "exec", _refuse("QDialog.exec"))
    monkeypatch.setattr(QMessageBox, "exec", _refuse("QMessageBox.exec"))
    for helper in ("question", "warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, helper, _refuse(f"QMessageBox.{helper}"))
    for helper in ("getOpenFileName", "getOpenFileNames", "getSaveFileName"):
        monkeypatch.setattr(QFileDialog, helper, _refuse(f"QFileDialog.{helper}"))
    monkeypatch.setattr(QInputDialog, "getText", _refuse("QInputDialog.getText"))


@pytest.fixture
def drive(monkeypatch: pytest.MonkeyPatch, qapp):
    """drive(DialogClass, fill, accept=True): make DialogClass.exec fill and close the dialog."""

    def install(cls: type[QDialog], fill: Callable[[QDialog], None], accept: bool = True) -> None:
        def fake_exec(dialog: QDialog) -> int:
            fill(dialog)
            if accept:
                dialog.accept()
            else:
                dialog.reject()
            return int(dialog.result())

        monkeypatch.setattr(cls, "exec", fake_exec)

    return install
