"""Whole syncs against a real Radicale: two netdesk databases are two computers, and a phone
writes vCard 3.0 and tasks over HTTP as iOS and Android do."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from PIL import Image

from netdesk.core import interactions, people
from netdesk.core.interactions import InteractionDraft
from netdesk.core.sync import accounts, list_conflicts
from netdesk.core.sync.run import run_sync
from netdesk.core.sync.vdirsyncer_run import SyncError
from netdesk.db.models import Interaction, Person
from tests.helpers.people import person
from tests.helpers.radicale import Phone, Radicale
from tests.sync.computers import add_account, computer


def sync(**options):
    return run_sync(accounts.find(), **options).as_dict()


def names() -> list[str]:
    """The people in the list: a card deleted elsewhere archives its person (undoable)."""
    return sorted(p.display_name for p in Person.select().where(~Person.archived))


def find(name: str):
    return people.get(Person.get(Person.display_name == name).id)


def phone_card(phone: Phone, name: str) -> tuple[str, str]:
    """The file name and text of the server's card with FN `name`."""
    for file_name, text in phone.items("contacts").items():
        if f"\r\nFN:{name}\r\n" in text:
            return file_name, text
    raise AssertionError(f"no card for {name} on the server")


def phone_edits(phone: Phone, name: str, old: str, new: str) -> None:
    file_name, text = phone_card(phone, name)
    assert old in text
    phone.put("contacts", file_name, text.replace(old, new), "text/vcard")


def first_computer(tmp_path, radicale, *people_to_add, tasks=False):
    """Computer A with these people, synced once: the server holds them all."""
    with computer(tmp_path / "a.db"):
        for name, email in people_to_add:
            person(name, email=email)
        add_account(radicale, tasks=tasks)
        sync()


def test_the_first_sync_both_ways_duplicates_nobody(tmp_path, radicale, phone):
    first_computer(tmp_path, radicale, ("Ana Souza", "ana@example.org"), ("Bo Chen", "bo@x.org"))
    with computer(tmp_path / "b.db"):
        person("Ana Souza", email="ana@example.org")
        person("Cy Diaz", email="cy@example.org")
        add_account(radicale)
        report = sync()
        assert names() == ["Ana Souza", "Bo Chen", "Cy Diaz"]
    assert (report["pulled_new"], report["pushed"]) == (1, 1)
    with computer(tmp_path / "a.db"):
        sync()
        assert names() == ["Ana Souza", "Bo Chen", "Cy Diaz"]
    assert len(phone.items("contacts")) == 3


def test_edits_on_each_side_merge_field_by_field(tmp_path, radicale, phone):
    first_computer(tmp_path, radicale, ("Ana Souza", "ana@example.org"))
    phone_edits(phone, "Ana Souza", "EMAIL", "TEL;TYPE=CELL:+1 415 555 0134\r\nEMAIL")
    with computer(tmp_path / "a.db"):
        ana = find("Ana Souza")
        people.update(ana.id, people.with_changes(ana, why_stand_out="Runs the Lisbon meetup"))
        report = sync()
        ana = find("Ana Souza")
        assert [p.value for p in ana.points if p.value.startswith("+")] == ["+1 415 555 0134"]
        assert ana.why_stand_out == "Runs the Lisbon meetup"
    assert report["pulled_updated"] == 1
    _name, text = phone_card(phone, "Ana Souza")
    assert "+1 415 555 0134" in text and "Lisbon meetup" in text


def test_a_field_both_sides_changed_reaches_the_conflicts_list(tmp_path, radicale, phone):
    first_computer(tmp_path, radicale, ("Ana Souza", "ana@example.org"))
    phone_edits(phone, "Ana Souza", "FN:Ana Souza", "FN:Ana Souza\r\nNOTE:met at PyCon")
    with computer(tmp_path / "a.db"):
        sync()
    phone_edits(phone, "Ana Souza", "NOTE:met at PyCon", "NOTE:met at EuroPython")
    with computer(tmp_path / "a.db"):
        ana = find("Ana Souza")
        people.update(ana.id, people.with_changes(ana, notes="met at DjangoCon"))
        report = sync()
        conflicts = list_conflicts()
        assert find("Ana Souza").notes == "met at DjangoCon"
    assert report["conflicts"] == 1
    assert [(c.person_name, c.local_value, c.remote_value) for c in conflicts] == [
        ("Ana Souza", "met at DjangoCon", "met at EuroPython")
    ]


def test_deletes_go_both_ways(tmp_path, radicale, phone):
    first_computer(
        tmp_path,
        radicale,
        ("Ana Souza", "ana@example.org"),
        ("Bo Chen", "bo@x.org"),
        ("Cy Diaz", "cy@example.org"),
    )
    bo_file, _text = phone_card(phone, "Bo Chen")
    phone.delete("contacts", bo_file)
    with computer(tmp_path / "a.db"):
        people.delete(find("Ana Souza").id)
        report = sync()
        assert names() == ["Cy Diaz"]
    assert report["pulled_deleted"] == 1
    assert [text.count("FN:Cy Diaz") for text in phone.items("contacts").values()] == [1]


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 80, 40)).save(out, "JPEG")
    return out.getvalue()


def ios_card() -> str:
    import base64

    photo = base64.b64encode(jpeg()).decode()
    return (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//iPhone OS 17.4//EN\r\n"
        "N:Okafor;Chidi;;;\r\nFN:Chidi Okafor\r\nORG:Kestrel Labs;\r\nTITLE:Founder\r\n"
        "item1.TEL;type=pref:+1 415 555 0199\r\nitem1.X-ABLabel:_$!<Mobile>!$_\r\n"
        "item2.EMAIL;type=INTERNET;type=pref:chidi@kestrel.example\r\nitem2.X-ABLabel:work\r\n"
        f"PHOTO;ENCODING=b;TYPE=JPEG:{photo}\r\n"
        "X-ABUID:5B2C0E5A-0E8E-4E1A-9A37-2F0D3A1C9B10:ABPerson\r\n"
        "UID:5B2C0E5A-0E8E-4E1A-9A37-2F0D3A1C9B10\r\nEND:VCARD\r\n"
    )


ANDROID_CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:+//IDN bitfire.at//DAVx5/4.3 ez-vcard/0.11.3\r\n"
    "UID:2c3f8a4e-7a3b-4f7e-9a53-3f1e0f5d2b77\r\nFN:Dana Levi\r\nN:Levi;Dana;;;\r\n"
    "TEL;TYPE=cell,pref:+44 7700 900123\r\nEMAIL;TYPE=home:dana@example.net\r\n"
    "REV:20261201T101500Z\r\nEND:VCARD\r\n"
)


def test_cards_from_iphones_and_androids_come_in_whole_and_keep_their_own_lines(
    tmp_path, radicale, phone
):
    first_computer(tmp_path, radicale)
    phone.put("contacts", "chidi.vcf", ios_card(), "text/vcard")
    phone.put("contacts", "dana.vcf", ANDROID_CARD, "text/vcard")
    with computer(tmp_path / "a.db"):
        report = sync()
        chidi, dana = find("Chidi Okafor"), find("Dana Levi")
        assert {p.value for p in chidi.points} == {"+1 415 555 0199", "chidi@kestrel.example"}
        assert chidi.photo and chidi.current_position.organization == "Kestrel Labs"
        assert {p.value for p in dana.points} == {"+44 7700 900123", "dana@example.net"}
        people.update(chidi.id, people.with_changes(chidi, why_stand_out="Builds drones"))
        sync()
    assert report["pulled_new"] == 2
    _name, text = phone_card(phone, "Chidi Okafor")
    assert "Builds drones" in text
    assert "X-ABUID:5B2C0E5A-0E8E-4E1A-9A37-2F0D3A1C9B10:ABPerson" in text


def test_a_task_ticked_off_on_the_phone_marks_the_follow_up_done(tmp_path, radicale, phone):
    today = dt.date(2026, 12, 6)
    with computer(tmp_path / "a.db"):
        ana = person("Ana Souza", email="ana@example.org")
        talk = interactions.log(
            InteractionDraft(when=today, summary="Coffee", follow_up=today, people=[ana])
        )
        add_account(radicale, tasks=True)
        sync(today=today)
    [(task_file, task)] = phone.items("tasks").items()
    assert "STATUS:NEEDS-ACTION" in task and "Ana Souza" in task
    done = task.replace(
        "STATUS:NEEDS-ACTION",
        "STATUS:COMPLETED\r\nCOMPLETED:20261206T120000Z\r\nPERCENT-COMPLETE:100",
    )
    phone.put("tasks", task_file, done, "text/calendar")
    with computer(tmp_path / "a.db"):
        report = sync(today=today)
        assert Interaction.get_by_id(talk).follow_up_done
    assert report["tasks_done"] == 1


def test_the_server_going_down_mid_sync_loses_nothing_and_the_next_sync_finishes(
    tmp_path, radicale, phone
):
    first_computer(tmp_path, radicale, ("Ana Souza", "ana@example.org"))

    def server_dies_before_push(step: str) -> None:
        if step == "push":
            radicale.stop()

    with computer(tmp_path / "a.db"):
        person("Bo Chen", email="bo@x.org")
        ana = find("Ana Souza")
        people.update(ana.id, people.with_changes(ana, why_stand_out="Runs the Lisbon meetup"))
        with pytest.raises(SyncError, match=r"^cannot reach 127\.0\.0\.1:\d+") as failed:
            sync(on_step=server_dies_before_push)
        assert names() == ["Ana Souza", "Bo Chen"]
        assert accounts.find().last_result["kind"] == "unreachable"
    assert failed.value.kind == "unreachable"
    restart(radicale)
    # the phone changes the same card meanwhile: vdirsyncer sees both sides changed
    phone_edits(phone, "Ana Souza", "EMAIL", "TEL;TYPE=CELL:+1 415 555 0134\r\nEMAIL")
    with computer(tmp_path / "a.db"):
        sync()
        ana = find("Ana Souza")
        assert "+1 415 555 0134" in {p.value for p in ana.points}
        assert ana.why_stand_out == "Runs the Lisbon meetup"
        assert "error" not in accounts.find().last_result
    _name, text = phone_card(phone, "Ana Souza")
    assert "+1 415 555 0134" in text and "Lisbon meetup" in text
    assert phone_card(phone, "Bo Chen")


def test_a_failure_of_this_computer_mid_sync_is_remembered_as_the_last_result(
    tmp_path, radicale
):
    first_computer(tmp_path, radicale, ("Ana Souza", "ana@example.org"))

    def disk_fills_while_reconciling(step: str) -> None:
        if step == "reconcile":
            raise OSError(28, "No space left on device")

    with computer(tmp_path / "a.db"):
        with pytest.raises(OSError):
            sync(on_step=disk_fills_while_reconciling)
        assert accounts.find().last_result == {
            "error": "[Errno 28] No space left on device",
            "kind": "other",
        }
        assert names() == ["Ana Souza"]


def restart(server: Radicale) -> None:
    server.start()  # the same port and storage


def test_a_sync_with_nothing_to_send_asks_the_server_once(tmp_path, radicale, phone):
    first_computer(tmp_path, radicale, ("Ana Souza", "ana@example.org"))
    steps: list[str] = []
    with computer(tmp_path / "a.db"):
        report = sync(on_step=steps.append)
    assert steps == ["discover", "pull", "reconcile"]
    assert (report["pulled_updated"], report["pushed"]) == (0, 0)
