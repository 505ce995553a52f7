"""Syncing with the CardDAV accounts off the GUI thread, for the window and the reminders.

`SyncRunner.start()` runs `run_sync` for every account (or the ones named) one after the other
on a worker; `step` says in words what it is doing, `finished` hands over one `Outcome` per
account with its line for the status bar. A failure is a sentence, never a traceback. One sync
runs at a time on this computer: the window and the reminders service share a lock file, so two
vdirsyncer runs never write the same status folder at once.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QLockFile, QObject, Qt, Signal, Slot

from netdesk.qt import formatting
from netdesk.qt.workers import Progress, Task, Workers
from netdesk.system import paths

log = logging.getLogger(__name__)

LOCK_NAME = "sync.lock"
STEP_WORDS = {
    "discover": "finding the address book…",
    "pull": "receiving changes…",
    "reconcile": "bringing the changes into netdesk…",
    "push": "sending changes…",
}
# (report key, words for one, words for several); "new" and "updated" read the same for both
COUNT_WORDS = (
    ("pulled_new", "{n} new", "{n} new"),
    ("pulled_updated", "{n} updated", "{n} updated"),
    ("pulled_deleted", "{n} archived", "{n} archived"),  # their card went on the server
    ("pushed", "{n} sent", "{n} sent"),
    ("conflicts", "{n} conflict to review", "{n} conflicts to review"),
)


def tr(text: str) -> str:
    return QCoreApplication.translate("sync", text)


@dataclass(frozen=True)
class Outcome:
    """What one account's sync did: its line for the status bar, or the failure's sentence."""

    account: str
    line: str
    error: str = ""
    kind: str = ""  # the failure's class ("unreachable", "password"...), or "busy"

    @property
    def ok(self) -> bool:
        return not self.error


def summary(account: str, counts: dict[str, Any]) -> str:
    """ "Synced with Fastmail: 3 new, 2 updated, 1 conflict to review"."""
    parts = []
    for key, one, several in COUNT_WORDS:
        n = int(counts.get(key) or 0)
        if n:
            parts.append(tr(one if n == 1 else several).replace("{n}", str(n)))
    errors = len(counts.get("errors") or [])
    if errors:
        unread = "1 card could not be read" if errors == 1 else "%1 cards could not be read"
        parts.append(tr(unread).replace("%1", str(errors)))
    said = ", ".join(parts) if parts else tr("nothing changed")
    return tr("Synced with %1: %2").replace("%1", account).replace("%2", said)


def when_words(moment: dt.datetime | None, now: dt.datetime | None = None) -> str:
    """ "never", "just now", "5 minutes ago", "today at 09:12", "yesterday at 18:40", "3 days
    ago"; naive times are local."""
    if moment is None:
        return tr("never")
    now = now or dt.datetime.now()
    moment = _local(moment)
    minutes = int((_local(now) - moment).total_seconds() // 60)
    if minutes < 1:
        return tr("just now")
    if minutes < 60:
        return (
            tr("1 minute ago") if minutes == 1 else tr("%1 minutes ago").replace("%1", str(minutes))
        )
    clock = f"{moment:%H:%M}"
    days = (_local(now).date() - moment.date()).days
    if days == 0:
        return tr("today at %1").replace("%1", clock)
    if days == 1:
        return tr("yesterday at %1").replace("%1", clock)
    return formatting.ago(moment.date(), _local(now).date())


def _local(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone().replace(tzinfo=None) if moment.tzinfo else moment


def last_sync_line(account: Any, now: dt.datetime | None = None) -> str:
    """The account's last sync in one line: "synced 5 minutes ago" or "failed 5 minutes ago:
    <sentence>"."""
    when = when_words(account.last_sync_time, now)
    if account.last_sync is None:
        return tr("not synced yet")
    error = (account.last_result or {}).get("error")
    if error:
        return tr("failed %1: %2").replace("%1", when).replace("%2", str(error))
    return tr("synced %1").replace("%1", when)


def failure_line(account: str, sentence: str) -> str:
    return tr("Sync with %1 failed: %2").replace("%1", account).replace("%2", sentence)


def step_line(account: str, step: str) -> str:
    words = tr(STEP_WORDS.get(step, step))
    return tr("Syncing with %1: %2").replace("%1", account).replace("%2", words)


def sync_accounts(names: list[str] | None, on_step: Any) -> list[Outcome]:
    """Sync each account (all, or those in `names`), one after the other; runs on a worker."""
    from netdesk.core.sync import accounts

    chosen = [a for a in accounts.all_accounts() if names is None or a.name in names]
    lock = QLockFile(str(paths.data_dir() / LOCK_NAME))
    lock.setStaleLockTime(0)  # a crashed process's lock is taken over (its pid is gone)
    locked = lock.tryLock(0)
    if not locked and lock.error() is QLockFile.LockError.LockFailedError:
        busy = tr("another sync is running; try again in a moment.")
        return [Outcome(a.name, failure_line(a.name, busy), busy, "busy") for a in chosen]
    if not locked:  # no lock file can be made there: sync all the same
        log.warning("could not make the sync lock file (%s)", lock.error())
    try:
        return [_sync_one(account, on_step) for account in chosen]
    finally:
        if locked:
            lock.unlock()


def _sync_one(account: Any, on_step: Any) -> Outcome:
    from netdesk.core.sync.accounts import AccountError
    from netdesk.core.sync.run import failure_sentence, run_sync
    from netdesk.core.sync.vdirsyncer_run import SyncError

    try:
        report = run_sync(account, on_step=lambda step: on_step(account.name, step))
    except SyncError as exc:
        return Outcome(account.name, failure_line(account.name, str(exc)), str(exc), exc.kind)
    except AccountError as exc:  # its password is no longer kept
        return Outcome(account.name, failure_line(account.name, str(exc)), str(exc), "password")
    except Exception as exc:  # said in one line; the log keeps the traceback
        log.exception("sync with %s failed", account.name)
        sentence = failure_sentence(exc)
        return Outcome(account.name, failure_line(account.name, sentence), sentence, "other")
    return Outcome(account.name, summary(account.name, report.counts))


class SyncRunner(QObject):
    """One sync at a time on `workers`; made on the GUI thread, so its signals arrive there."""

    step = Signal(str)  # "Syncing with Fastmail: sending changes…"
    finished = Signal(list)  # list[Outcome]
    _step_from_worker = Signal(str, str)

    def __init__(self, workers: Workers, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workers = workers
        self.task: Task | None = None
        # Queued explicitly: the worker emits, the GUI thread shows.
        self._step_from_worker.connect(self._on_step, Qt.ConnectionType.QueuedConnection)

    @Slot(str, str)
    def _on_step(self, account: str, step: str) -> None:
        self.step.emit(step_line(account, step))

    @property
    def running(self) -> bool:
        return self.task is not None

    def start(self, names: list[str] | None = None) -> bool:
        """Sync now (every account, or those named); False when a sync is running already."""
        if self.task is not None or self.workers.closed:  # closed: the window is closing
            return False

        def work(_progress: Progress) -> list[Outcome]:
            return sync_accounts(names, self._step_from_worker.emit)

        self.task = self.workers.start(work, on_done=self._done, on_error=self._failed)
        return True

    def _done(self, outcomes: list[Outcome]) -> None:
        self.task = None
        self.finished.emit(outcomes)

    def _failed(self, exc: BaseException) -> None:  # only what sync_accounts itself could not say
        from netdesk.core.sync.run import failure_sentence

        self.task = None
        sentence = failure_sentence(exc)
        self.finished.emit([Outcome("", failure_line(tr("the server"), sentence), sentence)])
