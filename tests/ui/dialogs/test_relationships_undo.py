"""Links added, changed or removed in the links dialog are undone with Ctrl+Z in the window and
redone with Ctrl+Shift+Z; a link that was there already is never taken away."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QToolButton

from netdesk.core import relationships
from netdesk.db.models import Person
from netdesk.ui.dialogs.relationships_dialog import RelationshipsDialog
from netdesk.values import RelationshipKind
from tests.helpers.people import person


def in_dialog(window, monkeypatch, person_id: int, act) -> None:
    """Open the pane's Edit links… for `person_id` and do `act(dialog)` in it."""

    def exec_(dialog: QDialog) -> int:
        assert isinstance(dialog, RelationshipsDialog)
        act(dialog)
        return 0

    monkeypatch.setattr(QDialog, "exec", exec_)
    window.reveal_person(person_id)
    window.pane.findChild(QToolButton, "pane_edit_links").click()


def kinds(person_id: int) -> list[RelationshipKind]:
    return [x.kind for x in relationships.links(person_id)]


def test_adding_a_link_is_undone_and_redone(make_window, monkeypatch):
    ana, ben = person("Ana Souza"), person("Ben Okafor")
    window = make_window()
    in_dialog(window, monkeypatch, ana, lambda dialog: dialog.add_link(ben))
    assert kinds(ben) == [RelationshipKind.PARTNER]
    assert window.undo_stack.undoText() == "Link Ben Okafor"
    window.act_undo.trigger()
    assert kinds(ben) == []
    window.act_redo.trigger()
    assert kinds(ben) == [RelationshipKind.PARTNER]


def test_adding_a_link_that_was_there_puts_nothing_on_the_stack(make_window, monkeypatch):
    ana, ben = person("Ana Souza"), person("Ben Okafor")
    relationships.link(ana, ben, RelationshipKind.PARTNER)
    window = make_window()
    in_dialog(window, monkeypatch, ana, lambda dialog: dialog.add_link(ben))
    assert not window.undo_stack.canUndo()
    assert kinds(ben) == [RelationshipKind.PARTNER]


def test_removing_an_introduction_is_undone_with_its_met_through(make_window, monkeypatch):
    maren = person("Maren Holt")
    amara = person("Amara Okafor", met_through_id=maren)
    window = make_window()
    in_dialog(window, monkeypatch, amara, lambda dialog: dialog.remove(0))
    assert Person.get_by_id(amara).met_through_id is None
    assert window.undo_stack.undoText() == "Remove the link with Maren Holt"
    window.act_undo.trigger()
    assert Person.get_by_id(amara).met_through_id == maren
    window.act_redo.trigger()
    assert Person.get_by_id(amara).met_through_id is None


def test_removing_a_stored_link_is_undone_and_redone(make_window, monkeypatch):
    ana, ben = person("Ana Souza"), person("Ben Okafor")
    relationships.link(ana, ben, RelationshipKind.MENTOR, "Since 2019")
    window = make_window()
    in_dialog(window, monkeypatch, ana, lambda dialog: dialog.remove(0))
    assert kinds(ana) == []
    window.act_undo.trigger()
    [link] = relationships.links(ana)
    assert (link.kind, link.other_id, link.note) == (RelationshipKind.MENTOR, ben, "Since 2019")
    window.act_redo.trigger()
    assert kinds(ana) == []
    window.act_undo.trigger()  # a second time: redo removed the link put back under a new id
    assert kinds(ana) == [RelationshipKind.MENTOR]


def test_changing_a_link_s_kind_is_undone(make_window, monkeypatch):
    ana, ben = person("Ana Souza"), person("Ben Okafor")
    relationships.link(ana, ben, RelationshipKind.FRIEND)
    window = make_window()

    def make_partner(dialog: RelationshipsDialog) -> None:
        partner = next(i for i, (role, _) in enumerate(dialog.roles) if role[0] == "partner")
        dialog.change(0, dialog.roles[partner][0])

    in_dialog(window, monkeypatch, ana, make_partner)
    assert kinds(ana) == [RelationshipKind.PARTNER]
    window.act_undo.trigger()
    assert kinds(ana) == [RelationshipKind.FRIEND]
    window.act_redo.trigger()
    assert kinds(ana) == [RelationshipKind.PARTNER]
