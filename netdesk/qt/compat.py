"""A guard against a PySide6 bug that would otherwise crash the app after a while of use.

PySide6 6.12.0's abi3 wheels on CPython 3.11 lose references to None and to the booleans: every
void Qt method call (setPen, drawText, setObjectName...) returns None without taking a new
reference, and every emission of a Python-declared `Signal(bool)` drops one from True or False.
The counts fall until the interpreter aborts with "none_dealloc" or "bool_dealloc". Python 3.12+
makes these objects immortal, so only 3.11 is affected. The probes below detect the bug; when
present, the three objects get enough extra references never to reach zero. The real fix is
another PySide6 release or Python 3.12+.
"""

from __future__ import annotations

import ctypes
import sys

PROBE_CALLS = 100
EXTRA_REFERENCES = 1 << 40
_applied = False


def drops_none_references() -> bool:
    if sys.version_info >= (3, 12):
        return False
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(PROBE_CALLS):
        probe.setObjectName("probe")
    return sys.getrefcount(None) < before


def drops_bool_references() -> bool:
    if sys.version_info >= (3, 12):
        return False
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        flag = Signal(bool)

    probe = _Probe()
    probe.flag.connect(lambda _value: None)
    before = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(PROBE_CALLS):
        probe.flag.emit(True)
        probe.flag.emit(False)
    after = sys.getrefcount(True), sys.getrefcount(False)
    return after[0] < before[0] or after[1] < before[1]


def _add_references(obj: object) -> None:
    ctypes.c_ssize_t.from_address(id(obj)).value += EXTRA_REFERENCES


def keep_none_alive() -> bool:
    """Apply the guard once if this PySide6 needs it; returns whether it was needed."""
    global _applied
    if _applied:
        return True
    needed = False
    if drops_none_references():
        _add_references(None)
        needed = True
    if drops_bool_references():
        _add_references(True)
        _add_references(False)
        needed = True
    _applied = needed
    return needed
