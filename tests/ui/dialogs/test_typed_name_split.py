"""A name typed whole in the window's person editor is split as the importer splits one, so the
list sorts by family name and the exported card's N is right."""

from __future__ import annotations

import io

from PySide6.QtWidgets import QDialog

from netdesk.core import exporting, people


def test_a_name_typed_whole_in_the_editor_gets_given_and_family_names(
    make_window, no_modal_dialogs, monkeypatch
):
    window = make_window()

    def type_and_save(editor: QDialog) -> int:
        editor.show()
        editor.display_name.setText("Amara Okafor")
        editor.save_button.click()
        return editor.result()

    monkeypatch.setattr(QDialog, "exec", type_and_save)  # plays the person at the editor
    window.act_new.trigger()

    amara = people.get(1)
    assert (amara.display_name, amara.given, amara.family) == ("Amara Okafor", "Amara", "Okafor")
    out = io.StringIO()
    exporting.export(out, "vcard", [1])
    assert "\r\nN:Okafor;Amara;;;\r\n" in out.getvalue()
