"""Guard against a Qt binding that corrupts the interpreter.

PySide6-Essentials 6.12.0 on CPython 3.11 returns None from void methods without a new
reference; after a few thousand calls Python aborts ("none_dealloc"). pyproject.toml excludes
that release; this test fails loudly if such a build is ever installed again.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


def test_void_calls_keep_none_references():
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(200):
        probe.setObjectName("probe")
    assert sys.getrefcount(None) >= before - 5


def test_bool_signals_keep_true_and_false_references():
    from PySide6.QtCore import Signal

    class Probe(QObject):
        flag = Signal(bool)

    probe = Probe()
    probe.flag.connect(lambda _value: None)
    before = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(200):
        probe.flag.emit(True)
        probe.flag.emit(False)
    after = sys.getrefcount(True), sys.getrefcount(False)
    assert after[0] >= before[0] - 5 and after[1] >= before[1] - 5
