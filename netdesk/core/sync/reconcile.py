"""One pass between the database and a vdir folder of cards (one `.vcf` per person).

Pull first, in ONE write and ONE import batch (source "Sync", undone like any import):
- a file with no base in this account goes through the import planner and matching
  (`importing.plan` / `apply`): a card of someone netdesk already has (the same email, phone or
  name by the import's rules) links to that person, who takes the card's UID for this account,
  and both versions are merged without a base; anyone else is a new person;
- a file whose text differs from its base is merged three ways with the person (`merge3`);
  true conflicts keep netdesk's value and are listed (`conflicts`);
- a file removed since its base archives its person (one Undo brings them back), unless the
  person changed here since: then they stay and a "deleted on the other side" conflict asks.
Then push: every person (not archived) whose card differs from the base is written (vCard 3.0,
atomically); one never synced gets a file named by their UID (made once, uuid4, and kept on the
person); the file of someone archived or deleted here goes. After the pass each touched file
holds the merged card and the base is that text.

A pass costs what changed, not what exists: a file still as its base left it (the same bytes)
is not read as a card, and the push renders only the people changed since the account's last
push (`db.person_changes`: triggers number every change) and those never synced.

A file that cannot be read (not a vCard, two cards, a UID another file has, too big) is named in
`report.errors` and left alone with its base, so nothing of it is lost.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from netdesk.core import importing, people, snapshots, store
from netdesk.core.errors import CoreError
from netdesk.core.importing import Action, Decision, ImportPlan, batch_undo
from netdesk.core.sync import cards, conflicts, merge3, state
from netdesk.core.sync.merge3 import CardError, CardFields
from netdesk.db import person_changes
from netdesk.db.models import ImportBatch, Person, SyncState, database
from netdesk.io import netdesk_props, vdir
from netdesk.io.records import ContactRecord, Problem
from netdesk.values import Topic

SOURCE = "Sync"
SUFFIX = ".vcf"


@dataclass
class ReconcileReport:
    pulled_new: int = 0
    pulled_updated: int = 0
    pulled_deleted: int = 0  # people archived because their card went on the other side
    pushed: int = 0
    removed: int = 0  # files removed because their person was archived or deleted here
    merged: int = 0  # cards both sides changed, merged field by field
    conflicts: int = 0
    errors: list[str] = field(default_factory=list)
    batch_id: int | None = None
    tasks_written: int = 0
    tasks_done: int = 0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Remote:
    """One readable card of the folder."""

    href: str
    text: str
    uid: str
    record: ContactRecord
    fields: CardFields
    hash: str


@dataclass
class _Merge:
    uid: str
    href: str
    fields: CardFields
    found: list[merge3.FieldConflict]
    changes_person: bool = True  # False: the card only says again what netdesk holds


@dataclass
class _Pull:
    """What the folder brings, sorted before anything is written."""

    new: list[Remote] = field(default_factory=list)
    changed: list[tuple[state.Row, Remote]] = field(default_factory=list)
    gone: list[state.Row] = field(default_factory=list)
    renamed: list[tuple[state.Row, Remote]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.new or self.changed or self.gone or self.renamed)


@dataclass
class Seen:
    """What the folder holds: each readable card's file by UID, the cards read (those not as
    their base left them), and the files left alone."""

    hrefs: dict[str, str] = field(default_factory=dict)
    remotes: dict[str, Remote] = field(default_factory=dict)
    broken: set[str] = field(default_factory=set)


# --- reading the folder -------------------------------------------------------------------------


def scan(folder: Path, errors: list[str], rows: dict[str, state.Row]) -> Seen:
    """The folder's files, read as cards only where they differ from their base in `rows`."""
    bases = {row.href: (row.base_hash, uid) for uid, row in rows.items() if row.href}
    seen = Seen()
    for item in vdir.items(folder, SUFFIX):
        uid, remote = _identify(item, bases, errors)
        if uid is not None and uid in seen.hrefs:
            other = seen.hrefs[uid]
            errors.append(f"{item.href} has the same UID as {other}; it was left as it is.")
            uid = None
        if uid is None:
            seen.broken.add(item.href)
            continue
        seen.hrefs[uid] = item.href
        if remote is not None:
            seen.remotes[uid] = remote
    return seen


def _identify(
    item: vdir.Item, bases: dict[str, tuple[str, str]], errors: list[str]
) -> tuple[str | None, Remote | None]:
    """The file's UID (None: left alone), and the card read from it unless it holds exactly
    its base (then the base's UID is its UID, and there is nothing to pull)."""
    if item.error:
        errors.append(item.error)
        return None, None
    base = bases.get(item.href)
    if base is not None and base[0] == hashlib.sha256(item.data).hexdigest():
        return base[1], None
    remote = _remote(item, errors)
    return (remote.uid if remote else None), remote


def _remote(item: vdir.Item, errors: list[str]) -> Remote | None:
    try:
        text = item.data.decode("utf-8")
        record = merge3.read_card(text)
    except UnicodeDecodeError:
        errors.append(f"{item.href} is not UTF-8 text; it was left as it is.")
        return None
    except CardError as exc:
        errors.append(f"{item.href} was left as it is: {exc}.")
        return None
    problems: list[Problem] = []
    importing.prepare_record(record, problems)  # the photo as the store keeps it
    record.uid = record.uid.strip() or Path(item.href).stem
    fields = merge3.fields_of_record(record)
    record.extra = netdesk_props.split_need_lines(record.extra)[1]  # the import keeps no needs
    return Remote(item.href, text, record.uid, record, fields, vdir.text_hash(text))


def _sort(rows: dict[str, state.Row], seen: Seen) -> _Pull:
    pull = _Pull()
    present = seen.broken | set(seen.hrefs.values())
    for uid, remote in seen.remotes.items():
        row = rows.get(uid)
        if row is None:
            pull.new.append(remote)
        elif remote.hash != row.base_hash:
            if row.person_id is None:  # deleted here, changed there: it comes back as new
                pull.new.append(remote)
            else:
                pull.changed.append((row, remote))
        elif row.href != remote.href:
            pull.renamed.append((row, remote))
    for uid, row in rows.items():
        if uid not in seen.hrefs and row.href and row.href not in present:
            pull.gone.append(row)
    return pull


# --- the pass -----------------------------------------------------------------------------------


def reconcile(
    folder: Path,
    *,
    tasks_folder: Path | None = None,
    today: dt.date | None = None,
    account: str | None = None,
) -> ReconcileReport:
    """One pass between the open database (from `netdesk.db.open`) and `folder`.

    `account` keeps this folder's bases apart from other folders' (default: the folder's path).
    """
    from netdesk.core.sync import tasks  # the tasks pass is optional

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    today = today or dt.date.today()
    account = state.account_for(folder, account)
    report = ReconcileReport()
    rows = state.load(account)
    seen = scan(folder, report.errors, rows)
    pull = _sort(rows, seen)
    if pull:
        _pull(account, folder, pull, report, today)
    _push(account, folder, seen, report)
    if tasks_folder is not None:
        tasks.sync_tasks(Path(tasks_folder), account, report)
    return report


def _pull(account: str, folder: Path, pull: _Pull, report: ReconcileReport, today: dt.date) -> None:
    plan_ = importing.plan([r.record for r in pull.new], source_name=SOURCE, fmt="vcard")
    linked = _link(account, plan_, pull.new, report)
    merges = _merges(linked, pull.changed, report)
    archive, asking, dropped = _removals(pull.gone)
    with store.write():
        before = snapshots.capture_profile([*merges, *archive])
        # a card linked to someone netdesk has is merged field by field below, not absorbed:
        # absorbing would also propose its job as a move ("Who moved on") the merge decides
        linked_items = {i.index: Decision.SKIP for i in plan_.items if i.person_id in linked}
        batch_id = importing.apply(plan_, decisions=linked_items).batch_id if plan_.items else None
        if batch_id is None and (archive or any(m.changes_person for m in merges.values())):
            batch_id = int(ImportBatch.create(source=SOURCE, format="vcard", cards=0).id)
        created = _created(plan_, pull.new, batch_id)
        for person_id, remote in created.items():  # what an import leaves aside
            cards.set_needs(person_id, merge3.values(remote.fields, "needs"), today)
        _apply_merges(account, merges, report, today)
        _archive(archive, report)
        for row in asking:
            conflicts.record_deleted(account, int(row.person_id))
            state.mark_gone(row)
            report.conflicts += 1
        for row in dropped:
            state.drop(account, row.uid)
        for row, remote in pull.renamed:
            SyncState.update(href=remote.href).where(SyncState.id == row.id).execute()
            if row.person_id is not None:
                conflicts.drop_removal(account, int(row.person_id))
        touched = {p: (r.uid, r.href) for p, r in created.items()}
        _settle(account, folder, touched | {p: (m.uid, m.href) for p, m in merges.items()})
        if batch_id is not None:
            ImportBatch.update(snapshot=batch_undo.record(before, batch_id)).where(
                ImportBatch.id == batch_id
            ).execute()
        report.batch_id = batch_id
        report.pulled_new = sum(1 for pid in created if pid not in merges)


def _link(
    account: str, plan_: ImportPlan, new: list[Remote], report: ReconcileReport
) -> dict[int, Remote]:
    """The new files that are people netdesk has (by the import's rules), by person; a person
    already linked to another card of this account gets none (that card stays a person of
    its own)."""
    claimed = {
        int(pid)
        for (pid,) in SyncState.select(SyncState.person)
        .where((SyncState.account == account) & SyncState.person.is_null(False))
        .tuples()
    }
    linked: dict[int, Remote] = {}
    for item, remote in zip(plan_.items, new, strict=True):
        if item.action is Action.INVALID:
            report.errors.append(f"{remote.href} was left as it is: {item.reason}.")
        elif item.action is Action.UPDATE and item.person_id is not None:
            if item.person_id in claimed:
                item.action, item.person_id, item.reason = Action.NEW, None, "new"
            else:
                claimed.add(item.person_id)
                linked[item.person_id] = remote
        elif item.into is not None and item.action is Action.UPDATE:
            item.action, item.into, item.reason = Action.NEW, None, "new"
    return linked


def _local_fields(person_id: int, uid: str) -> tuple[CardFields, str]:
    detail = people.get(person_id)
    text = cards.render(detail, uid, cards.needs_of([person_id]).get(person_id, []))
    return merge3.fields_of_text(text)[0], text


def _merges(
    linked: dict[int, Remote],
    changed: list[tuple[state.Row, Remote]],
    report: ReconcileReport,
) -> dict[int, _Merge]:
    """Each known person's merged card, worked out before anything is written."""
    merges: dict[int, _Merge] = {}
    for person_id, remote in linked.items():
        local, _text = _local_fields(person_id, remote.uid)
        merged, found = merge3.merge(None, local, remote.fields)
        merges[person_id] = _Merge(remote.uid, remote.href, merged, found, merged != local)
    for row, remote in changed:
        person_id = int(row.person_id)
        base = _base_fields(row)
        local, text = _local_fields(person_id, row.uid)
        merged, found = merge3.merge(base, local, remote.fields)
        if text != row.base and local != base:
            report.merged += 1
        merges[person_id] = _Merge(row.uid, remote.href, merged, found, merged != local)
    return merges


def _base_fields(row: state.Row) -> CardFields | None:
    try:
        return merge3.fields_of_text(row.base)[0] if row.base else None
    except CardError:
        return None  # a base that cannot be read merges as a first meeting: nothing lost


def _removals(
    gone: list[state.Row],
) -> tuple[list[int], list[state.Row], list[state.Row]]:
    """(people to archive, rows whose removal asks the user, rows to forget)."""
    archive: list[int] = []
    asking: list[state.Row] = []
    dropped: list[state.Row] = []
    alive = _alive([int(r.person_id) for r in gone if r.person_id is not None])
    for row in gone:
        dropped.append(row)
        if row.person_id is None or int(row.person_id) not in alive:
            continue
        if _changed_here(int(row.person_id), row):
            dropped.pop()
            asking.append(row)
        else:
            archive.append(int(row.person_id))
    return archive, asking, dropped


def _alive(person_ids: list[int]) -> set[int]:
    query = Person.select(Person.id).where(Person.id.in_(person_ids) & ~Person.archived)
    return {int(pid) for (pid,) in query.tuples()}


def _changed_here(person_id: int, row: state.Row) -> bool:
    local, text = _local_fields(person_id, row.uid)
    return text != row.base and local != _base_fields(row)


def _created(plan_: ImportPlan, new: list[Remote], batch_id: int | None) -> dict[int, Remote]:
    """The people the import made from new files, with their file."""
    if batch_id is None:
        return {}
    made = dict(
        Person.select(Person.uid, Person.id).where(Person.import_batch == batch_id).tuples()
    )
    out: dict[int, Remote] = {}
    for item, remote in zip(plan_.items, new, strict=True):
        if item.action in (Action.NEW, Action.DUPLICATE) and remote.uid in made:
            out[int(made[remote.uid])] = remote
    return out


def _apply_merges(
    account: str, merges: dict[int, _Merge], report: ReconcileReport, today: dt.date
) -> None:
    for person_id, merge in list(merges.items()):
        conflicts.drop_removal(account, person_id)  # a card back there asks nothing more
        if merge.changes_person:
            if not _apply_safely(person_id, merge.fields, merge.href, report, today):
                del merges[person_id]
                continue
            report.pulled_updated += 1
        for conflict in merge.found:
            conflicts.record_field(account, person_id, conflict)
        report.conflicts += len(merge.found)


def _apply_safely(
    person_id: int, fields: CardFields, href: str, report: ReconcileReport, today: dt.date
) -> bool:
    """Set the person to the card's fields; a card the store refuses is named in the report and
    changes nothing of that person."""
    try:
        with database.atomic():
            cards.apply_fields(person_id, fields, today)
    except CoreError as exc:
        report.errors.append(f"{href} was left as it is: {exc}")
        return False
    return True


def _archive(person_ids: list[int], report: ReconcileReport) -> None:
    if not person_ids:
        return
    stamp = dt.datetime.now().replace(microsecond=0)
    Person.update(archived=True, updated=stamp).where(Person.id.in_(person_ids)).execute()
    store.changed(Topic.PEOPLE, *person_ids)
    report.pulled_deleted += len(person_ids)


def _settle(account: str, folder: Path, touched: dict[int, tuple[str, str]]) -> None:
    """Write each touched person's card as it now stands and make it the base."""
    if not touched:
        return
    ids = list(touched)
    uids = {pid: uid for pid, (uid, _href) in touched.items()}
    for detail, text in cards.rendered(ids, uids):
        uid, href = touched[detail.id]
        _write_if_different(folder, href, text)
        state.save(account, uid, href, detail.id, text)
        if not detail.uid:
            Person.update(uid=uid).where(Person.id == detail.id).execute()
    vdir.flush_all()  # on disk before the bases that say so commit


def _write_if_different(folder: Path, href: str, text: str) -> None:
    path = folder / href
    try:
        same = path.read_bytes() == text.encode("utf-8")
    except OSError:
        same = False
    if not same:
        vdir.write_atomic(folder, href, text, flush=False)


# --- push ---------------------------------------------------------------------------------------


def _disk_hash(folder: Path, href: str) -> str | None:
    try:
        return vdir.text_hash((folder / href).read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError):
        return None


def _push(account: str, folder: Path, seen: Seen, report: ReconcileReport) -> None:
    with store.write():
        # Read in the transaction that renders: a change committed later has a higher number
        # and waits for the next pass.
        mark = person_changes.high_water(database)
        _remove_departed(account, folder, seen.broken, report)
        changed = person_changes.changed_since(database, state.last_pushed(account))
        rows = state.rows_of(account, changed)
        uids = {pid: row.uid for pid, row in rows.items()} | _new_uids(account, folder, seen)
        held_back: list[int] = []  # changed here, but their file may not be written now
        for detail, text in cards.rendered(sorted(uids), uids):
            row = rows.get(detail.id)
            if row is None:
                _push_new(account, folder, detail, uids[detail.id], text)
                report.pushed += 1
            elif _may_push(folder, row, text, seen.broken):
                vdir.write_atomic(folder, row.href, text, flush=False)
                state.save(account, row.uid, row.href, detail.id, text)
                report.pushed += 1
            elif text != row.base:
                held_back.append(detail.id)
        state.save_pushed(account, mark)
        if held_back:  # numbered above the mark: the next pass looks at them again
            person_changes.mark(database, held_back)
        if report.pushed:
            vdir.flush_all()  # on disk before the bases that say so commit


def _new_uids(account: str, folder: Path, seen: Seen) -> dict[int, str]:
    """The UID each person never synced in this account will have there (none for one whose
    card removal waits for the user)."""
    fresh = state.never_synced(account)
    if not fresh:
        return {}
    waiting = conflicts.waiting_removal(account)
    taken = state.uids(account) | set(seen.hrefs)
    uids: dict[int, str] = {}
    for pid, uid in fresh:
        if pid not in waiting:
            uids[pid] = _fresh_uid(uid, taken, folder)
            taken.add(uids[pid])
    return uids


def _may_push(folder: Path, row: state.Row, text: str, broken: set[str]) -> bool:
    """The card changed here, and its file is still as the base left it (a file changed there
    meanwhile is merged by the next pass, never overwritten)."""
    if not row.href or text == row.base or row.href in broken:
        return False
    return _disk_hash(folder, row.href) in (row.base_hash, None)


def _fresh_uid(uid: str | None, taken: set[str], folder: Path) -> str:
    if uid and uid not in taken and not (folder / vdir.file_name(uid, SUFFIX)).exists():
        return uid
    return str(uuid.uuid4())


def _push_new(account: str, folder: Path, detail: people.PersonDetail, uid: str, text: str) -> None:
    href = vdir.file_name(uid, SUFFIX)
    vdir.write_atomic(folder, href, text, flush=False)
    state.save(account, uid, href, detail.id, text)
    if not detail.uid:
        Person.update(uid=uid).where(Person.id == detail.id).execute()
        store.changed(Topic.PEOPLE, detail.id)


def _remove_departed(account: str, folder: Path, broken: set[str], report: ReconcileReport) -> None:
    """Files of people deleted or archived here go, unless changed there since the base."""
    for row in state.departed(account):
        if not row.href or row.href in broken:
            continue
        on_disk = _disk_hash(folder, row.href)
        if on_disk is None or on_disk == row.base_hash:
            vdir.remove(folder, row.href)
            state.drop(account, row.uid)
            report.removed += on_disk is not None
