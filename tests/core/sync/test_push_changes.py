"""A pass costs what changed: it renders only people changed since the account's last push,
reads as cards only files that differ from their base, and loses no change on the way."""

from __future__ import annotations

import datetime as dt
import importlib
import sqlite3
import threading

import pytest

from netdesk.core import importing, merge, needs, people, snapshots
from netdesk.core.sync import cards, reconcile
from netdesk.values import NeedKind, TagKind
from tests.core.sync.test_reconcile import TODAY, edit_file
from tests.helpers.people import person

reconcile_module = importlib.import_module("netdesk.core.sync.reconcile")


@pytest.fixture
def rendered(monkeypatch) -> list[int]:
    """The people the passes render: a spy around the real renderer (which still renders)."""
    seen: list[int] = []
    real = cards.rendered

    def spy(person_ids, uids):
        seen.extend(person_ids)
        yield from real(person_ids, uids)

    monkeypatch.setattr(cards, "rendered", spy)
    return seen


@pytest.fixture
def two(store, folder):
    """Ana (a card with something from every table) and Ben, both synced."""
    ana = person("Ana Souza", email="ana@lumen.example", phone="+44 20 7946 0958",
                 org="Lumen", title="Analyst", circles=["Friends"], how_met="Climbing gym")
    people.set_tags(ana, [(TagKind.INTEREST, "logistics")])
    needs.add(ana, NeedKind.NEED, "an analyst for the pilot", dt.date(2026, 11, 1))
    ben = person("Ben Okafor", email="ben@example.com")
    reconcile(folder, today=TODAY)
    return ana, ben


def files(folder) -> dict[str, str]:
    return {p.name: p.read_bytes().decode("utf-8") for p in sorted(folder.glob("*.vcf"))}


def card_of(folder, name: str) -> str:
    (text,) = [t for t in files(folder).values() if f"FN:{name}" in t]
    return text


def next_pass(store, folder, rendered, account=None):
    rendered.clear()
    report = reconcile(folder, today=TODAY, account=account)
    return report, set(rendered)


def test_a_pass_with_nothing_changed_renders_nobody_and_reads_no_card(
    store, folder, two, rendered, monkeypatch
):
    read: list[str] = []  # the files read as cards: a spy around the real reader
    real = reconcile_module._remote

    def reading(item, errors):
        read.append(item.href)
        return real(item, errors)

    monkeypatch.setattr(reconcile_module, "_remote", reading)
    report, again = next_pass(store, folder, rendered)
    assert (report.pushed, again, read) == (0, set(), [])
    edited = edit_file(folder, "EMAIL:ben@example.com", "EMAIL:ben@new.example")
    report, _ = next_pass(store, folder, rendered)
    assert report.pulled_updated == 1 and read == [edited.name]  # only the file edited there


# One statement per source of a card, written as SQL so that only the triggers can notice.
CHANGES = {
    "person name": "UPDATE person SET nickname = 'Nana' WHERE id = ?",
    "person notes": "UPDATE person SET notes = 'Moved to Porto' WHERE id = ?",
    "person birthday": "UPDATE person SET birthday_month = 5, birthday_day = 4 WHERE id = ?",
    "person how met": "UPDATE person SET how_met = 'At the port' WHERE id = ?",
    "person rhythm": "UPDATE person SET cadence_days = 30, nurture = 1 WHERE id = ?",
    "person kept lines": "UPDATE person SET vcard_extra = 'X-ABLABEL:home' WHERE id = ?",
    "point added": "INSERT INTO contact_point (person_id, kind, label, value, normalized,"
    " search_text, preferred) VALUES (?, 'email', '', 'a@b.example', 'a@b.example', '', 0)",
    "point changed": "UPDATE contact_point SET value = 'ana@new.example'"
    " WHERE person_id = ? AND kind = 'email'",
    "point removed": "DELETE FROM contact_point WHERE person_id = ? AND kind = 'phone'",
    "job added": "INSERT INTO position (person_id, organization, title, department)"
    " VALUES (?, 'Port Authority', 'Advisor', '')",
    "job ended": "UPDATE position SET \"end\" = '2026-11-30' WHERE person_id = ?",
    "job removed": "DELETE FROM position WHERE person_id = ?",
    "circle joined": "INSERT INTO person_circle (person_id, circle_id)"
    " SELECT ?, id FROM circle WHERE name = 'Family'",
    "circle left": "DELETE FROM person_circle WHERE person_id = ?",
    "circle renamed": "UPDATE circle SET name = 'Close friends' WHERE name = 'Friends'",
    "circle deleted": "DELETE FROM circle WHERE name = 'Friends'",
    "tag added": "INSERT INTO person_tag (person_id, tag_id)"
    " SELECT ?, id FROM tag WHERE name = 'bouldering'",
    "tag removed": "DELETE FROM person_tag WHERE person_id = ?",
    "tag renamed": "UPDATE tag SET name = 'shipping' WHERE name = 'logistics'",
    "need added": "INSERT INTO need (person_id, kind, text, noted_on)"
    " VALUES (?, 'offer', 'intros to port operators', '2026-12-01')",
    "need changed": "UPDATE need SET text = 'a data analyst' WHERE person_id = ?",
    "need removed": "DELETE FROM need WHERE person_id = ?",
}


@pytest.mark.parametrize("sql", CHANGES.values(), ids=CHANGES.keys())
def test_a_change_to_any_source_of_the_card_pushes_that_person_alone(
    store, folder, two, rendered, sql
):
    ana, _ben = two
    people.tag_by_name(TagKind.HOBBY, "bouldering")  # a tag nobody has yet
    before = files(folder)
    with store.atomic():
        store.execute_sql(sql, (ana,) if "?" in sql else ())
    report, again = next_pass(store, folder, rendered)
    assert again == {ana} and report.pushed == 1
    after = files(folder)
    assert [name for name in after if after[name] != before[name]] == [
        name for name, text in before.items() if "FN:Ana Souza" in text
    ]
    assert next_pass(store, folder, rendered)[1] == set()


def test_writes_outside_the_card_render_nobody(store, folder, two, rendered):
    ana, ben = two
    with store.atomic():
        store.execute_sql(
            "UPDATE person SET last_contact = '2026-12-01', updated = '2026-12-01 10:00:00',"
            " met_through_id = ? WHERE id = ?", (ben, ana)
        )
        store.execute_sql(
            "INSERT INTO favour (person_id, direction, what, date, status, notes)"
            " VALUES (?, 'gave', 'a lift', '2026-12-01', 'open', '')", (ana,)
        )
    report, again = next_pass(store, folder, rendered)
    assert (report.pushed, again) == (0, set())


def test_two_accounts_keep_their_own_marks(store, tmp_path, rendered):
    work, home = tmp_path / "work", tmp_path / "home"
    ana = person("Ana Souza", email="ana@lumen.example")
    person("Ben Okafor", email="ben@example.com")
    reconcile(work, today=TODAY, account="work")
    reconcile(home, today=TODAY, account="home")
    people.update(ana, people.with_changes(people.get(ana), notes="Moved to Porto"))
    assert next_pass(store, work, rendered, "work")[1] == {ana}
    assert next_pass(store, work, rendered, "work")[1] == set()
    report, again = next_pass(store, home, rendered, "home")  # home's mark is its own
    assert again == {ana} and report.pushed == 1
    assert "NOTE:Moved to Porto" in card_of(home, "Ana Souza")
    assert next_pass(store, home, rendered, "home")[1] == set()


def _write_elsewhere(db_path, sql: str, *params: object) -> None:
    """Another process's write: its own connection to the same file."""
    other = sqlite3.connect(db_path, timeout=30)
    try:
        with other:
            other.execute(sql, params)
    finally:
        other.close()


def test_a_change_committed_after_the_pass_read_the_folder_is_pushed(
    store, db_path, folder, two, rendered, monkeypatch
):
    _ana, ben = two
    real_scan = reconcile_module.scan

    def scan_then_someone_writes(*args):
        seen = real_scan(*args)
        _write_elsewhere(db_path, "UPDATE person SET notes = 'Written meanwhile' WHERE id = ?", ben)
        return seen

    monkeypatch.setattr(reconcile_module, "scan", scan_then_someone_writes)
    reconcile(folder, today=TODAY)
    monkeypatch.setattr(reconcile_module, "scan", real_scan)
    reconcile(folder, today=TODAY)
    assert "NOTE:Written meanwhile" in card_of(folder, "Ben Okafor")


def test_a_change_waiting_for_the_pass_to_commit_reaches_the_next_pass(
    store, db_path, folder, two, rendered, monkeypatch
):
    ana, ben = two
    people.update(ana, people.with_changes(people.get(ana), notes="Moved to Porto"))
    writer = threading.Thread(
        target=_write_elsewhere,
        args=(db_path, "UPDATE contact_point SET value = 'ben@new.example' WHERE person_id = ?",
              ben),
    )
    real = cards.rendered

    def render_while_another_writes(person_ids, uids):
        writer.start()  # it waits for the pass's write lock, so it lands after the pass's read
        yield from real(person_ids, uids)

    monkeypatch.setattr(cards, "rendered", render_while_another_writes)
    reconcile(folder, today=TODAY)
    writer.join()
    assert "ben@new.example" not in card_of(folder, "Ben Okafor")
    monkeypatch.setattr(cards, "rendered", real)
    report = reconcile(folder, today=TODAY)
    assert report.pushed == 1 and "EMAIL:ben@new.example" in card_of(folder, "Ben Okafor")


CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Souza\r\nN:Souza;Ana;;;\r\n"
    "EMAIL:ana@lumen.example\r\nTEL:+351 21 000 0000\r\nEND:VCARD\r\n"
)


def test_an_import_and_its_undo_both_reach_the_next_pass(store, folder, two, rendered):
    ana, _ben = two
    report = importing.apply(importing.plan_bytes(CARD.encode(), "phone.vcf"))
    assert next_pass(store, folder, rendered)[1] == {ana}
    assert "TEL:+351 21 000 0000" in card_of(folder, "Ana Souza")
    importing.undo(report.batch_id)
    report, again = next_pass(store, folder, rendered)
    assert again == {ana} and report.pushed == 1 and "+351" not in card_of(folder, "Ana Souza")


def test_an_undone_import_of_new_people_removes_their_files(store, folder, two, rendered):
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cy Tan\r\nEMAIL:cy@example.com\r\nEND:VCARD\r\n"
    report = importing.apply(importing.plan_bytes(card.encode(), "phone.vcf"))
    assert next_pass(store, folder, rendered)[0].pushed == 1
    assert "FN:Cy Tan" in card_of(folder, "Cy Tan")
    importing.undo(report.batch_id)  # the UID the pass gave Cy is no later work
    assert next_pass(store, folder, rendered)[0].removed == 1
    assert all("Cy Tan" not in text for text in files(folder).values())


def test_a_merge_reaches_the_next_pass(store, folder, two, rendered):
    ana, ben = two
    merge.merge(ana, ben)
    report, again = next_pass(store, folder, rendered)
    assert again == {ana} and (report.pushed, report.removed) == (1, 1)
    assert "EMAIL:ben@example.com" in card_of(folder, "Ana Souza") and len(files(folder)) == 1


def test_delete_and_undelete_reach_the_next_pass(store, folder, two, rendered):
    _ana, ben = two
    kept = snapshots.capture([ben])
    ben_card = card_of(folder, "Ben Okafor")
    people.delete(ben)
    assert next_pass(store, folder, rendered)[0].removed == 1
    snapshots.restore(kept)
    report, again = next_pass(store, folder, rendered)
    assert again == {ben} and report.pushed == 1
    assert card_of(folder, "Ben Okafor") == ben_card  # the same UID and card as before


def test_archive_and_unarchive_reach_the_next_pass(store, folder, two, rendered):
    ana, _ben = two
    people.set_archived(ana)
    assert next_pass(store, folder, rendered)[0].removed == 1
    people.set_archived(ana, False)
    report, again = next_pass(store, folder, rendered)
    assert again == {ana} and report.pushed == 1 and "FN:Ana Souza" in card_of(folder, "Ana Souza")
