"""What the window does when the user acts on people: it asks through a dialog (owned by
`ui/dialogs/`), then writes through `core`, as an undoable command where that makes sense.
Editors save while they are still open (`modal.commit`), so a failed write keeps what was typed.

The window owns one (`window.person_actions`) and lends it what it needs (`host.Host`), so the
window module stays about layout. Dialog modules are imported when first used (start-up stays
fast) and called through their module, so tests can replace just the modal prompt.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from netdesk.qt import plain
from netdesk.qt.commands import AddedCommand, SnapshotCommand
from netdesk.values import TagKind

if TYPE_CHECKING:
    import datetime as dt

    from netdesk.core.favours import FavourDraft
    from netdesk.core.interactions import InteractionDraft
    from netdesk.core.people import PersonDraft
    from netdesk.ui.dialogs.event_capture import EventCaptureDialog
    from netdesk.ui.window.host import Host

log = logging.getLogger(__name__)
T = TypeVar("T")
R = TypeVar("R")


class PersonActions(QObject):
    """Handlers for the Person and Tools menus and for the pane's in-place edits."""

    def __init__(self, host: Host) -> None:
        super().__init__(host.widget)
        self.host = host

    def _chosen(self) -> list[int]:
        """The selected people, or the one shown."""
        current = self.host.current_person()
        return self.host.selected_people() or ([current] if current else [])

    def _run(self, work: Callable[[], Any]) -> Any:
        """Run a write; a failure (bad input, a full disk...) becomes a message instead of a
        traceback."""
        from netdesk.core import write_errors  # storage errors: loaded on the first write

        try:
            return work()
        except write_errors.WRITE_FAILURES as exc:
            log.warning("write failed: %s", exc)
            self.host.report_error(write_errors.explain(exc))
            return None

    def _ask_and_save(self, ask: Callable[[], T | None], save: Callable[[T], R]) -> R | None:
        """Ask through an editor that stores the answer with `save` while it is still open, so
        a failed write keeps it open with what was typed. What a stand-in for the modal prompt
        returned without its dialog (tests replace just the prompt) is stored here."""
        from netdesk.ui.dialogs import modal

        with modal.saving(save) as pending:
            value = ask()
        if value is None:
            return None
        if pending.done:
            return pending.result
        return self._run(lambda: save(value))

    def _added(self, text: str, add: Callable[[], int], remove: Callable[[int], None]) -> int:
        """Add something as an undoable command and return its id (a failure raises, for the
        dialog it was typed in to show)."""
        command = AddedCommand(text, add, remove, self.host.report_error)
        self.host.undo_stack.push(command)
        return command.ref

    # --- people -------------------------------------------------------------------------------

    def new_person(self) -> int | None:
        from netdesk.core import people
        from netdesk.ui.dialogs import person_editor

        def save(draft: PersonDraft) -> int:
            command, person_id = SnapshotCommand.create(
                self.tr("Add %1").replace("%1", plain.clip(draft.effective_name())),
                lambda: people.create(draft),
                self.host.report_error,
            )
            self.host.undo_stack.push(command)
            return person_id

        # saved while the editor is open: a failed write keeps it open with what was typed
        person_id = self._ask_and_save(lambda: person_editor.ask(self.host.widget, None), save)
        if person_id:
            self.host.reveal_person(person_id)
        return person_id

    def edit_person(self, person_id: int | None = None) -> bool:
        from netdesk.core import people
        from netdesk.ui.dialogs import person_editor

        person_id = person_id or self.host.current_person()
        if not person_id:
            return False
        detail = self._run(lambda: people.get(person_id))
        if detail is None:
            return False

        def save(draft: PersonDraft) -> bool:
            text = self.tr("Edit %1").replace("%1", plain.clip(draft.effective_name()))
            return self._snapshot(text, [person_id], lambda: people.update(person_id, draft))

        return bool(self._ask_and_save(lambda: person_editor.ask(self.host.widget, detail), save))

    def _snapshot(self, text: str, ids: list[int], action: Callable[[], Any]) -> bool:
        """Run `action` on these people as an undoable command (a failure raises)."""
        command, _ = SnapshotCommand.perform(text, ids, action, self.host.report_error)
        self.host.undo_stack.push(command)
        return True

    def _push_snapshot(self, text: str, ids: list[int], action: Callable[[], Any]) -> bool:
        return bool(self._run(lambda: self._snapshot(text, ids, action)))

    def set_archived(self, archived: bool = True, ids: list[int] | None = None) -> bool:
        from netdesk.core import people, store

        ids = ids or self._chosen()
        if not ids:
            return False

        def action() -> None:
            with store.write():
                for person_id in ids:
                    people.set_archived(person_id, archived)

        text = (
            self.tr("Archive %Ln person(s)", "", len(ids))
            if archived
            else self.tr("Unarchive %Ln person(s)", "", len(ids))
        )
        done = self._push_snapshot(text, ids, action)
        if done:
            self.host.show_message(text + " — " + self.tr("Undo with Ctrl+Z"))
        return done

    def delete_people(self, ids: list[int] | None = None) -> bool:
        from netdesk.core import lookup, snapshots

        ids = ids or self._chosen()
        if not ids:
            return False
        names = ", ".join(plain.clip(lookup.name_of(i)) for i in ids[:3])
        text = self.tr("Delete %1").replace("%1", names + ("…" if len(ids) > 3 else ""))
        done = self._push_snapshot(text, ids, lambda: snapshots.delete_people(ids))
        if done:
            message = self.tr("Deleted %Ln person(s) — Undo with Ctrl+Z", "", len(ids))
            self.host.show_message(message)
        return done

    def merge_people(
        self, keep_id: int | None = None, other_id: int | None = None, *, ask: bool = True
    ) -> bool:
        """Merge two people (the two selected when none are given); `ask=False` takes each
        field as the merge suggests (the fuller, older value) without the field-by-field
        dialog. Either way one Ctrl+Z takes it back."""
        from netdesk.core import lookup

        if keep_id is None or other_id is None:
            chosen = self.host.selected_people()
            if len(chosen) != 2:
                self.host.show_message(self.tr("Select exactly two people to merge."))
                return False
            current = self.host.current_person()
            keep_id = current if current in chosen else chosen[0]
            other_id = chosen[1] if chosen[0] == keep_id else chosen[0]
        choices = self.ask_merge_choices(keep_id, other_id) if ask else {}
        if choices is None:
            return False
        from netdesk.core import merge

        keep, other = keep_id, other_id
        text = self.tr("Merge %1 into %2").replace("%1", plain.clip(lookup.name_of(other)))
        text = text.replace("%2", plain.clip(lookup.name_of(keep)))
        done = self._push_snapshot(text, [keep, other], lambda: merge.merge(keep, other, choices))
        if done:
            self.host.reveal_person(keep)
        return done

    def find_duplicates(self) -> QWidget:
        """Tools > Find duplicates (not blocking); its Merge… runs `merge_people`."""
        from PySide6.QtCore import Qt

        from netdesk.ui.dialogs import duplicates_dialog

        dialog = duplicates_dialog.DuplicatesDialog(self.host.widget, self.host.workers)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.merge_requested.connect(
            lambda keep, other: self.merge_people(keep, other) and dialog.remove_pair(keep, other)
        )
        dialog.merge_now_requested.connect(
            lambda keep, other: (
                self.merge_people(keep, other, ask=False) and dialog.remove_pair(keep, other)
            )
        )
        dialog.show()
        self.duplicates_dialog = dialog
        return dialog

    def find_warm_paths(self) -> QWidget:
        """Tools > Who can introduce me… (not blocking); a name clicked there is revealed."""
        from PySide6.QtCore import Qt

        from netdesk.ui.dialogs import warm_paths_dialog

        dialog = warm_paths_dialog.WarmPathsDialog(self.host.widget, self.host.workers)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.person_chosen.connect(self.host.reveal_person)
        dialog.show()
        self.warm_paths_dialog = dialog
        return dialog

    def meeting_prep(self, ids: list[int] | None = None) -> QWidget | None:
        """Person > Meeting prep… for the chosen people (not blocking)."""
        from PySide6.QtCore import Qt

        from netdesk.ui.dialogs import prep_dialog

        chosen = ids or self._chosen()
        if not chosen:
            return None
        dialog = prep_dialog.for_people(self.host.widget, self.host.workers, chosen)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.prep_dialog = dialog
        return dialog

    def introduce(self, first: int | None = None, second: int = 0) -> QWidget | None:
        """Person > Introduce… (not blocking): the person shown (or `first`) and someone to
        meet, pre-filled with `second` when a suggestion gave both."""
        from PySide6.QtCore import Qt

        from netdesk.ui.dialogs import introduce_dialog

        first = first or self.host.current_person()
        if not first:
            return None
        dialog = introduce_dialog.IntroduceDialog(
            self.host.widget, first, second, record=self.record_introduction
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.introduce_dialog = dialog
        return dialog

    def record_introduction(self, first: int, second: int, notes: str) -> int:
        """Record that the user introduced the two, as one undoable command (a failure raises,
        for the dialog to show); the interaction's id."""
        from netdesk.core import introductions, lookup

        recorded: list[introductions.Recorded] = []

        def add() -> int:
            recorded[:] = [introductions.record(first, second, notes=notes)]
            return recorded[0].interaction_id

        text = self.tr("Introduce %1 and %2").replace("%1", plain.clip(lookup.name_of(first)))
        text = text.replace("%2", plain.clip(lookup.name_of(second)))
        return self._added(text, add, lambda _ref: introductions.take_back(recorded[0]))

    def ways_to_help(self) -> QWidget:
        """Tools > Ways to help… (not blocking): whose need someone else can meet; Introduce…
        on a line opens the introduction of the two."""
        from PySide6.QtCore import Qt

        from netdesk.ui.dialogs import suggestions_dialog

        dialog = suggestions_dialog.SuggestionsDialog(self.host.widget, self.host.workers)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.introduce_requested.connect(lambda a, b: self.introduce(a, b))
        dialog.show()
        self.suggestions_dialog = dialog
        return dialog

    def sort_into_circles(self) -> QWidget:
        """Tools > Sort people into circles… (not blocking): everyone in no circle."""
        from netdesk.ui.dialogs import circle_triage_dialog

        dialog = circle_triage_dialog.open_triage(self.host.widget, self.host.workers)
        self.triage_dialog = dialog
        return dialog

    def ask_merge_choices(self, keep_id: int, other_id: int) -> dict[str, str] | None:
        from netdesk.ui.dialogs import merge_dialog

        return merge_dialog.ask(self.host.widget, keep_id, other_id)

    # --- the story ----------------------------------------------------------------------------

    def log_interaction(self, person_ids: list[int] | None = None) -> int | None:
        from netdesk.core import interactions
        from netdesk.ui.dialogs import interaction_dialog

        ids = person_ids or self._chosen()

        def save(draft: InteractionDraft) -> int:
            add = lambda: interactions.log(draft)  # noqa: E731 - a tiny callback
            return self._added(self.tr("Log interaction"), add, interactions.delete)

        return self._ask_and_save(lambda: interaction_dialog.ask(self.host.widget, ids), save)

    def add_favour(self, person_id: int | None = None) -> int | None:
        from netdesk.core import favours
        from netdesk.ui.dialogs import favour_dialog

        person_id = person_id or self.host.current_person()
        if not person_id:
            return None

        def save(draft: FavourDraft) -> int:
            def add() -> int:
                return favours.add(
                    person_id,
                    draft.direction,
                    draft.what,
                    draft.date,
                    due=draft.due,
                    status=draft.status,
                    notes=draft.notes,
                )

            return self._added(self.tr("Add favour"), add, favours.delete)

        return self._ask_and_save(lambda: favour_dialog.ask(self.host.widget, person_id), save)

    def set_follow_up(self, person_id: int | None = None) -> int | None:
        from netdesk.core import follow_ups
        from netdesk.ui.dialogs import follow_up_dialog

        person_id = person_id or self.host.current_person()
        if not person_id:
            return None

        def save(answer: tuple[dt.date, str]) -> int:
            due, note = answer
            add = lambda: follow_ups.add(person_id, due, note)  # noqa: E731 - a tiny callback
            return self._added(self.tr("Set follow-up"), add, follow_ups.delete)

        return self._ask_and_save(lambda: follow_up_dialog.ask(self.host.widget, person_id), save)

    def edit_links(self, person_id: int) -> None:
        """The people this person is linked to; each change is stored as it is made, and
        undone with Ctrl+Z once the dialog is closed."""
        from netdesk.ui.dialogs import relationships_dialog

        host = self.host
        relationships_dialog.edit(host.widget, person_id, host.undo_stack, host.report_error)

    def capture_event(self) -> int | None:
        """Tools > Capture people at an event…; one Ctrl+Z takes the whole capture back."""
        from netdesk.ui.dialogs import event_capture

        return event_capture.ask(self.host.widget, keep=self.keep_capture)

    def keep_capture(self, dialog: EventCaptureDialog) -> None:
        """Put a finished capture on the undo stack (its event, people and details)."""
        from netdesk.qt.more_commands import TakeBackCommand
        from netdesk.ui.window import import_flow

        name = plain.clip(dialog.event_name.text().strip())
        work = self._run(dialog.work)
        if work is None:
            return
        widget, stack = self.host.widget, self.host.undo_stack
        command = TakeBackCommand(
            self.tr("Capture people at %1").replace("%1", name),
            work,
            f"the capture at {name}",
            self.host.report_error,
            confirm=lambda reason: import_flow.confirm_undo(
                widget, reason, self.tr("Undo the capture")
            ),
            restack=stack.redo,
        )
        stack.push(command)

    # --- in-place edits from the pane ----------------------------------------------------------

    def change_circles(self, person_id: int, names: list[str]) -> bool:
        from netdesk.core import people

        return self._push_snapshot(
            self.tr("Change circles"), [person_id], lambda: people.set_circles(person_id, names)
        )

    def change_tags(self, person_id: int, tags: list[tuple[TagKind, str]]) -> bool:
        from netdesk.core import people

        before = self._run(lambda: people.get(person_id).tags) or []
        return self._push_snapshot(
            self._tags_text(before, tags), [person_id], lambda: people.set_tags(person_id, tags)
        )

    def _tags_text(
        self, before: list[tuple[TagKind, str]], after: list[tuple[TagKind, str]]
    ) -> str:
        """What one in-place edit of the tags did, for Undo: "Remove interest", "Add hobby"."""
        old = {(kind, name.casefold()) for kind, name in before}
        new = {(kind, name.casefold()) for kind, name in after}
        added, removed = new - old, old - new
        kinds = {kind for kind, _ in added | removed}
        if len(kinds) != 1 or (added and removed):
            return self.tr("Change tags")
        texts = {
            TagKind.INTEREST: (self.tr("Add interest"), self.tr("Remove interest")),
            TagKind.HOBBY: (self.tr("Add hobby"), self.tr("Remove hobby")),
        }
        add, remove = texts.get(kinds.pop(), (self.tr("Add tag"), self.tr("Remove tag")))
        return add if added else remove

    def mark_favour(self, favour_id: int, done: bool) -> None:
        from netdesk.core import favours
        from netdesk.values import FavourStatus

        status = FavourStatus.DONE if done else FavourStatus.OPEN
        self._run(lambda: favours.set_status(favour_id, status))

    def add_need(self, person_id: int, kind: str, text: str) -> int | None:
        """What someone is looking for or can help with, typed on the pane; undo removes it."""
        from netdesk.core import needs
        from netdesk.values import NeedKind

        need_kind = NeedKind(kind)
        label = (
            self.tr("Add what they are looking for")
            if need_kind is NeedKind.NEED
            else self.tr("Add what they can help with")
        )
        add = lambda: needs.add(person_id, need_kind, text)  # noqa: E731 - a tiny callback
        return self._run(lambda: self._added(label, add, needs.remove))

    def remove_need(self, need_id: int) -> None:
        """Remove one need or offer from the pane; undo puts it back with its date."""
        from netdesk.core import needs

        entry = needs.get(need_id)
        if entry is None:
            return
        current = [need_id]  # undo puts it back under a new id, which redo removes again

        def take_out() -> int:
            needs.remove(current[0])
            return current[0]

        def put_back(_removed: int) -> None:
            current[0] = needs.add(entry.person_id, entry.kind, entry.text, entry.noted_on)

        text = self.tr("Remove “%1”").replace("%1", plain.clip(entry.text, 60))
        self._run(lambda: self._added(text, take_out, put_back))

    def mark_follow_up(self, source: str, ref: int, done: bool) -> None:
        from netdesk.core import follow_ups, interactions

        if source == "interaction":
            self._run(lambda: interactions.mark_follow_up_done(ref, done))
        else:
            self._run(lambda: follow_ups.set_done(ref, done))

    # --- smart lists --------------------------------------------------------------------------

    def save_smart_list(self, name: str, query: str) -> int | None:
        from netdesk.core import circles

        return self._run(lambda: circles.save_search(name, query))

    def ask_smart_list_name(self, query: str) -> QWidget:
        """Ask for the smart list's name (without blocking); the dialog, for tests."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QInputDialog, QLabel

        dialog = QInputDialog(self.host.widget)
        dialog.setObjectName("smart_list_name")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowTitle(self.tr("Save as smart list"))
        text = self.tr("Name for the people matching “%1”:").replace("%1", plain.clip(query))
        dialog.setLabelText(text)
        for label in dialog.findChildren(QLabel):
            label.setTextFormat(Qt.TextFormat.PlainText)  # it repeats what was searched for
        dialog.setTextValue(query)
        dialog.textValueSelected.connect(
            lambda name: self.save_smart_list(name, query) if name.strip() else None
        )
        dialog.open()
        return dialog

    def delete_smart_list(self, search_id: int) -> None:
        from netdesk.core import circles

        self._run(lambda: circles.delete_search(search_id))
