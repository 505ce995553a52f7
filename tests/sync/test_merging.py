"""What vdirsyncer's conflict command stands on: the copy both sides last agreed on, and the
rule for a task both sides changed."""

from __future__ import annotations

import datetime as dt

from netdesk.core.sync import agreed, task_merge
from netdesk.core.sync.vdirsyncer_run import describe
from netdesk.io import vdir, vtodo

CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:{uid}\r\nFN:{name}\r\nEND:VCARD\r\n"


def test_the_agreed_copy_keeps_the_text_of_the_last_exchange(tmp_path):
    folder, copy = tmp_path / "contacts", tmp_path / "agreed"
    folder.mkdir()
    vdir.write_atomic(folder, "a.vcf", CARD.format(uid="urn:uuid:1", name="Ana Souza"))
    agreed.keep(folder, copy)
    vdir.write_atomic(folder, "a.vcf", CARD.format(uid="urn:uuid:1", name="Ana Lima"))
    assert "FN:Ana Souza" in agreed.base_for(copy, "urn:uuid:1")
    assert agreed.base_for(copy, "urn:uuid:2") is None
    agreed.keep(folder, copy)
    assert "FN:Ana Lima" in agreed.base_for(copy, "urn:uuid:1")


def task(uid: str, due: dt.date, *, done: bool = False) -> str:
    text = vtodo.todo_text(
        uid, "Follow up with Ana Souza", due, dt.datetime(2026, 12, 6, tzinfo=dt.UTC)
    )
    return text.replace("STATUS:NEEDS-ACTION", "STATUS:COMPLETED") if done else text


def test_a_task_ticked_off_on_the_phone_stays_ticked_off_when_netdesk_moved_it(tmp_path):
    mine, theirs = tmp_path / "netdesk", tmp_path / "phone"
    mine.write_text(task("t1", dt.date(2026, 12, 9)))
    theirs.write_text(task("t1", dt.date(2026, 12, 6), done=True))
    task_merge.merge_task_files(mine, theirs)
    assert mine.read_text() == theirs.read_text()
    assert "STATUS:COMPLETED" in mine.read_text()


def test_otherwise_this_computers_task_is_kept(tmp_path):
    mine, theirs = tmp_path / "netdesk", tmp_path / "phone"
    mine.write_text(task("t1", dt.date(2026, 12, 9)))
    theirs.write_text(task("t1", dt.date(2026, 12, 6)))
    task_merge.merge_task_files(mine, theirs)
    assert "DUE;VALUE=DATE:20261209" in theirs.read_text()


def test_a_side_emptied_whole_stops_the_sync_with_a_sentence():
    output = (
        'error: contacts/contacts: Storage "contacts_local/contacts" was completely emptied. If '
        "you want to delete ALL entries on BOTH sides,then use `vdirsyncer sync --force-delete "
        "contacts/contacts`. Otherwise delete the files for contacts/contacts in your status "
        "directory.\n"
    )
    failure = describe(output, "https://dav.example.org/")
    assert failure.kind == "emptied"
    assert str(failure).startswith("every card is gone on one side (dav.example.org or this")
