"""What a dialog shows where its list would be when there is nothing in it: one sentence saying
why and what to do, centred on the dialog itself (no empty box)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from netdesk.ui.views.empty_state import NobodyHere


def empty_sentence(parent: QWidget, name: str) -> NobodyHere:
    """Hidden until `set_text` and `show`."""
    sentence = NobodyHere(parent)
    sentence.setObjectName(name)
    sentence.setAutoFillBackground(False)  # on the dialog's own colour, not a box
    sentence.hide()
    return sentence
