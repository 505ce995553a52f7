"""Fixtures for the dialog tests: a driver for ask() (tests/ui/conftest.py refuses modal loops).

Every test runs with QDialog.exec, QMessageBox and QFileDialog's static helpers replaced by
functions that raise, so a dialog that unexpectedly goes modal fails the test instead of hanging
it. `drive(cls, fill)` replaces `cls.exec` for one test with a function that fills the dialog and
presses its default button, so `ask()` can be exercised end to end without a modal loop.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QDialog


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
