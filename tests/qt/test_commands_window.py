"""Ctrl+Z of an import in the real window, when work was added since to a person it created:
the window asks with the reason, and a "no" leaves everything as it was."""

from __future__ import annotations

import datetime as dt

from netdesk.core import interactions, people
from netdesk.core.interactions import InteractionDraft
from netdesk.ui.window import import_flow
from netdesk.ui.window.import_preview import Stage
from tests.ui.conftest import (  # noqa: F401 - the window's fixtures
    make_window,
    no_modal_dialogs,
    private_settings,
    settings,
)

CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ben Okafor\r\nEMAIL:ben@okafor.example\r\nEND:VCARD\r\n"


def test_undo_of_an_import_in_the_window_asks_first(
    make_window,  # noqa: F811 - the fixture imported above
    qtbot,
    tmp_path,
    monkeypatch,
):
    window = make_window()
    card = tmp_path / "ben.vcf"
    card.write_text(CARD, encoding="utf-8")
    flow = window.file_actions.import_paths([card])
    qtbot.waitUntil(lambda: flow.dialog is not None and flow.dialog.stage is Stage.PREVIEW)
    flow.dialog.import_button.click()
    qtbot.waitUntil(lambda: flow.dialog.stage is Stage.REPORT, timeout=20_000)
    ben = people.get(1).id
    interactions.log(InteractionDraft(dt.date.today(), summary="Coffee", people=[ben]))
    questions: list[str] = []
    answers = [False, True]

    def confirm(parent, reason: str) -> bool:  # stands in for the modal question box
        assert parent is window
        questions.append(reason)
        return answers.pop(0)

    monkeypatch.setattr(import_flow, "confirm_undo", confirm)

    flow.dialog.undo_button.click()  # the report's Undo, as Ctrl+Z below
    qtbot.waitUntil(lambda: window.undo_stack.index() == 1)

    assert questions == [
        "Undoing import 1 (ben.vcf) would delete people with work added since: "
        "Ben Okafor (1 interaction)."
    ]
    assert people.exists(ben) and len(interactions.timeline(ben)) == 1
    assert people.count() == 1
    assert flow.dialog.report_label.text() == "1 new person added, 0 updated."
    assert flow.dialog.undo_button.isEnabled()

    window.act_undo.trigger()

    qtbot.waitUntil(lambda: not people.exists(ben))
    assert window.undo_stack.index() == 0
    flow.dialog.accept()
