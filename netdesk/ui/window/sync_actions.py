"""The window's side of syncing: Tools > Sync now, Tools > Sync conflicts (shown with their count
when there are some) and a line in the status bar with the last sync or its failure.

The sync runs on the window's workers (`qt.sync_worker`); what it wrote reaches the lists through
the change bridge, like any other write. The status line and the conflicts' count are read on a
worker too, after the first paint and after changes (the reminders service syncs on its own, and
its writes arrive here as outside changes). A sync refused for a certificate no authority signed
asks, once the accounts are read again, whether to trust that certificate (its fingerprint is in
the account's last result); a yes syncs again.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLabel

from netdesk.qt import plain
from netdesk.qt.sync_worker import Outcome, SyncRunner, last_sync_line
from netdesk.ui.window.host import Host

if TYPE_CHECKING:
    from netdesk.ui.dialogs.sync_conflicts_dialog import SyncConflictsDialog

RECOUNT_DELAY_MS = 1_000  # changes come in bursts: read the accounts once they pause
WORDS_EVERY_MS = 60_000  # "5 minutes ago" moves on


def read_state(_progress: object = None) -> tuple[list[Any], int]:
    """The accounts and how many conflicts wait (on a worker)."""
    from netdesk.core.sync import accounts, list_conflicts

    return accounts.all_accounts(), len(list_conflicts())


class WindowSync(QObject):
    def __init__(self, host: Host) -> None:
        super().__init__(host.widget)
        self.host = host
        self.runner = SyncRunner(host.workers, self)
        self.runner.step.connect(self._show_step)
        self.runner.finished.connect(self._synced)
        self.accounts: list[Any] = []
        self.conflicts = 0
        self.conflicts_dialog: SyncConflictsDialog | None = None
        self._refused: list[Outcome] = []  # certificate refusals, asked about once read again
        self.label = QLabel(host.widget)
        self.label.setObjectName("status_sync")
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # it quotes a server's sentence
        self.label.setContentsMargins(0, 0, 10, 0)
        self.label.hide()
        self._reading = False
        self._read_again = False
        self._recount = self._timer(RECOUNT_DELAY_MS, self.read, single=True)
        self._words = self._timer(WORDS_EVERY_MS, self._show_state, single=False)

    def _timer(self, interval_ms: int, slot: Any, *, single: bool) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(single)
        timer.setInterval(interval_ms)
        timer.timeout.connect(slot)
        return timer

    def attach(self, sync_now: QAction, review: QAction) -> None:
        """The menu's actions, enabled and named by what is going on."""
        self.act_sync, self.act_conflicts = sync_now, review
        review.setVisible(False)

    def start(self) -> None:
        """Once the window is on screen: read the state, and keep its words current."""
        self.read()
        self._words.start()

    def stop(self) -> None:
        self._recount.stop()
        self._words.stop()

    def store_changed(self) -> None:
        self._recount.start()

    # --- the state line and the conflicts' count ---------------------------------------------

    def read(self) -> None:
        if self._reading:
            self._read_again = True
            return
        self._reading = True
        self.host.workers.start(read_state, on_done=self._state_read, on_error=self._read_failed)

    def _state_read(self, state: tuple[list[Any], int]) -> None:
        self.accounts, self.conflicts = state
        fresh = not self._read_again  # else a read begun before the sync ended: wait for the next
        self._read_done()
        self._show_state()
        if fresh and self._refused:
            self._offer_trust()

    def _read_failed(self, _exc: BaseException) -> None:  # logged by the workers; try later
        self._read_done()
        if not self._reading and self._refused:  # nothing to offer from: say the refusals
            refused, self._refused = self._refused, []
            self.host.report_error("\n".join(o.line for o in refused))

    def _read_done(self) -> None:
        self._reading = False
        if self._read_again:
            self._read_again = False
            self.read()

    def _show_state(self, now: dt.datetime | None = None) -> None:
        if self.runner.running:
            return  # the steps are showing
        from netdesk.ui.dialogs.trust_certificate import where_to_trust

        # a background sync's refusal asks nobody: the line says where to answer it
        lines = [f"{a.name}: {where_to_trust(a, last_sync_line(a, now))}" for a in self.accounts]
        self.label.setText(plain.clip("  ·  ".join(lines)))
        self.label.setToolTip(plain.tooltip("\n".join(lines)))
        self.label.setVisible(bool(lines))
        self.act_conflicts.setText(
            self.tr("Sync co&nflicts (%1)…").replace("%1", str(self.conflicts))
        )
        self.act_conflicts.setVisible(self.conflicts > 0)

    # --- Sync now ------------------------------------------------------------------------------

    def sync_now(self) -> bool:
        if not self.accounts and not self.runner.running:
            self.host.show_message(self.tr("No sync account yet: add one in Settings."))
            self.read()  # one may have been added elsewhere since
            return False
        started = self.runner.start()
        if started:
            self.act_sync.setEnabled(False)
            self._show_step(self.tr("Syncing…"))
        return started

    def _show_step(self, words: str) -> None:
        self.act_sync.setEnabled(False)
        self.label.setText(plain.clip(words))
        self.label.show()

    def _synced(self, outcomes: list[Outcome]) -> None:
        self.act_sync.setEnabled(True)
        failed = [o for o in outcomes if not o.ok and o.kind != "certificate"]
        self.host.show_message("  ·  ".join(o.line for o in outcomes))
        if failed:
            self.host.report_error("\n".join(o.line for o in failed))
        self._refused = [o for o in outcomes if o.kind == "certificate"]
        self.read()

    # --- a certificate no authority signed ---------------------------------------------------

    def _offer_trust(self) -> None:
        """Ask about each refused certificate whose fingerprint the sync found; say the others
        (a server that does not speak https) as failures."""
        from netdesk.ui.dialogs import trust_certificate

        refused, self._refused = self._refused, []
        stored = {a.name: a for a in self.accounts}
        parent = QApplication.activeModalWidget() or self.host.widget  # over Settings, if open
        unsaid = []
        for outcome in refused:
            account = stored.get(outcome.account)
            if account is None or not trust_certificate.offer(parent, account, self._trusted):
                unsaid.append(outcome.line)
        if unsaid:
            self.host.report_error("\n".join(unsaid))

    def _trusted(self, account: Any) -> None:
        self.host.show_message(
            self.tr("%1's certificate is trusted now; syncing again…").replace("%1", account.name)
        )
        self.sync_now()

    # --- Sync conflicts ------------------------------------------------------------------------

    def review_conflicts(self) -> SyncConflictsDialog:
        from netdesk.ui.dialogs.sync_conflicts_dialog import SyncConflictsDialog

        if self.conflicts_dialog is not None:  # already open: bring it forward
            self.conflicts_dialog.load()
            self.conflicts_dialog.raise_()
            self.conflicts_dialog.activateWindow()
            return self.conflicts_dialog
        dialog = SyncConflictsDialog(self.host.widget)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.resolved.connect(self.read)
        dialog.destroyed.connect(self._dialog_gone)
        dialog.open()
        self.conflicts_dialog = dialog
        return dialog

    def _dialog_gone(self) -> None:
        self.conflicts_dialog = None
