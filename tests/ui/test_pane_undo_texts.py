"""What Undo says after an in-place edit of someone's interests, hobbies and tags on the pane."""

from __future__ import annotations

from netdesk.core import people
from netdesk.ui.widgets.chips import InlineChips
from netdesk.values import TagKind
from tests.helpers.people import person


def test_undo_names_the_interest_removed_or_the_hobby_added(make_window, qtbot):
    ana = person("Ana Souza", tags=[(TagKind.INTEREST, "Jazz"), (TagKind.HOBBY, "Sailing")])
    window = make_window()
    window.reveal_person(ana)

    def chips(name: str) -> InlineChips:
        return window.pane.findChild(InlineChips, name)

    chips("pane_interests").remove("Jazz")
    qtbot.waitUntil(lambda: (TagKind.INTEREST, "Jazz") not in people.get(ana).tags)
    assert window.act_undo.text() == "&Undo Remove interest"
    qtbot.waitUntil(lambda: window.pane.view.tags_of(TagKind.INTEREST) == [])  # pane re-read
    chips("pane_hobbies").add("Climbing")
    qtbot.waitUntil(lambda: (TagKind.HOBBY, "Climbing") in people.get(ana).tags)
    assert window.act_undo.text() == "&Undo Add hobby"
    window.act_undo.trigger()
    qtbot.waitUntil(lambda: (TagKind.HOBBY, "Climbing") not in people.get(ana).tags)
    assert window.act_undo.text() == "&Undo Remove interest"
