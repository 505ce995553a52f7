"""Qt template bases name the hooks a subclass must supply (abc is not enforced on Qt types)."""

import pytest


def test_a_qt_template_base_refuses_a_subclass_without_its_hooks():
    from netdesk.qt.commands import SnapshotCommand
    from netdesk.ui.dialogs.row_tables import RowTable

    with pytest.raises(TypeError, match="problems"):
        type(
            "HalfTable", (RowTable,), {"header_labels": list, "add_text": str, "add_empty_row": int}
        )
    with pytest.raises(TypeError, match="_undo"):
        type("HalfCommand", (SnapshotCommand.__mro__[1],), {"_redo": lambda self: None})
