"""Links between people: added, changed and removed from the pane and the editor, and shown on
both people's panes."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QPushButton, QToolButton

from netdesk.core import people, relationships
from netdesk.ui.dialogs.person_editor import PersonEditor
from netdesk.ui.dialogs.relationships_dialog import RelationshipsDialog
from netdesk.ui.views.person_pane import PersonPane
from netdesk.values import RelationshipKind
from tests.helpers.people import person


def pane_sentences(qtbot, person_id: int) -> list[str]:
    pane = PersonPane(None)
    qtbot.addWidget(pane)
    pane.show_person(person_id)
    labels = pane.findChildren(QLabel)
    return [x.text() for x in labels if x.objectName().startswith("pane_link_")]


def plain_sentences(qtbot, person_id: int) -> list[str]:
    """The pane's link sentences without their markup."""
    from PySide6.QtGui import QTextDocument

    out = []
    for html in pane_sentences(qtbot, person_id):
        document = QTextDocument()
        document.setHtml(html)
        out.append(document.toPlainText())
    return out


def test_a_partner_shows_on_both_panes(store, qtbot):
    ana, ben = person("Ana Souza"), person("Ben Okafor")
    relationships.link(ana, ben, RelationshipKind.PARTNER)
    assert plain_sentences(qtbot, ana) == ["Partner of Ben Okafor"]
    assert plain_sentences(qtbot, ben) == ["Partner of Ana Souza"]


def test_met_through_shows_on_the_introducers_pane_too(store, qtbot):
    maren = person("Maren Holt")
    amara = person("Amara Okafor", met_through_id=maren)
    assert plain_sentences(qtbot, maren) == ["Maren Holt introduced you to Amara Okafor"]
    assert plain_sentences(qtbot, amara) == ["Maren Holt introduced you to Amara Okafor"]


def shown_dialog(qtbot, person_id: int) -> RelationshipsDialog:
    dialog = RelationshipsDialog(None, person_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def shown(dialog: QDialog, cls: type, name: str):
    """The row widget on screen (a replaced row's widgets wait for their deletion)."""
    QCoreApplication.processEvents()  # a layout shows the widgets added to it when idle
    [widget] = [w for w in dialog.findChildren(cls, name) if w.isVisible()]
    return widget


def choose_role(box, label: str) -> None:
    index = box.findText(label)
    assert index >= 0, label
    box.setCurrentIndex(index)


def test_the_dialog_adds_changes_and_removes_a_link(store, qtbot):
    ana, ben = person("Ana Souza"), person("Ben Okafor")
    dialog = shown_dialog(qtbot, ana)
    choose_role(dialog.new_role, "Friend of")
    qtbot.keyClicks(dialog.new_person, "Ben")
    qtbot.keyClick(dialog.new_person, Qt.Key.Key_Return)
    assert [(x.other_id, x.kind) for x in relationships.links(ana)] == [
        (ben, RelationshipKind.FRIEND)
    ]
    assert dialog.isVisible()  # Enter on a name never closes the dialog
    choose_role(shown(dialog, QComboBox, "link_role_0"), "Mentored by")
    [link] = relationships.links(ben)
    assert (link.other_id, link.kind, link.outgoing) == (ana, RelationshipKind.MENTOR, True)
    assert shown(dialog, QComboBox, "link_role_0").currentText() == "Mentored by"
    qtbot.mouseClick(shown(dialog, QPushButton, "link_remove_0"), Qt.MouseButton.LeftButton)
    assert relationships.links(ana) == [] and relationships.links(ben) == []


def test_removing_an_introduction_clears_met_through(store, qtbot):
    maren = person("Maren Holt")
    amara = person("Amara Okafor", met_through_id=maren)
    dialog = shown_dialog(qtbot, maren)
    dialog.remove(0)
    assert people.get(amara).met_through_id is None
    assert relationships.links(maren) == []


def test_the_pane_opens_the_links_of_its_person(make_window, monkeypatch):
    ana, ben = person("Ana Souza"), person("Ben Okafor")
    window = make_window()
    window.reveal_person(ana)

    def exec_(dialog: QDialog) -> int:
        assert isinstance(dialog, RelationshipsDialog) and dialog.person_id == ana
        dialog.add_link(ben)
        return 0

    monkeypatch.setattr(QDialog, "exec", exec_)
    window.pane.findChild(QToolButton, "pane_edit_links").click()
    assert [x.kind for x in relationships.links(ben)] == [RelationshipKind.PARTNER]


def test_the_editor_edits_links_and_keeps_met_through_removed(store, qtbot, monkeypatch):
    maren = person("Maren Holt")
    amara = person("Amara Okafor", met_through_id=maren)
    editor = PersonEditor(None, people.get(amara))
    qtbot.addWidget(editor)
    assert editor.links_summary.text() == "Maren Holt introduced you to Amara Okafor"

    def exec_(dialog: QDialog) -> int:
        dialog.remove(0)
        return 0

    monkeypatch.setattr(QDialog, "exec", exec_)
    editor.edit_links_button.click()
    assert editor.links_summary.text() == "No one linked yet."
    assert not editor.has_changes()  # the dialog stored it: nothing to ask about
    assert editor.draft().met_through_id is None  # saving will not put it back


def test_a_new_person_is_linked_once_saved(store, qtbot):
    editor = PersonEditor(None)
    qtbot.addWidget(editor)
    assert not editor.edit_links_button.isEnabled()


def test_names_in_the_links_dialog_and_pane_are_plain_text(store, qtbot):
    odd = "<b>Ana</b> <img src='/dev/zero'>"
    ana, ben = person(odd), person("Ben & <i>Co</i>")
    relationships.link(ana, ben, RelationshipKind.INTRODUCED)
    dialog = shown_dialog(qtbot, ben)
    name = shown(dialog, QLabel, "link_name_0")
    assert (name.text(), name.textFormat()) == (odd, Qt.TextFormat.PlainText)
    assert plain_sentences(qtbot, ben) == [f"{odd} introduced you to Ben & <i>Co</i>"]
