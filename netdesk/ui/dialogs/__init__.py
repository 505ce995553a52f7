"""The editors: small dialogs, each with an `ask(parent, ...)` that returns a value or None.

- `person_editor`: new and edit person (every field, inline validation) -> `PersonDraft`
- `interaction_dialog`: log an interaction with several people -> `InteractionDraft`
- `favour_dialog`: add a favour, with the history so far -> `core.favours.FavourDraft`
- `follow_up_dialog`: set a follow-up -> `(date, note)`
- `event_capture`: create an event and add attendees as you type -> event id
- `merge_dialog`: choose per field when merging two people -> `{field: choice}`
- `duplicates_dialog`: likely duplicate pairs to merge or dismiss (`merge_requested` signal)
- `relationships_dialog`: the people someone is linked to (`edit(parent, person_id)`)

Dialogs never write except where the flow itself is the write (event capture, the links,
dismissing a duplicate); the window stores what `ask()` returns so it can put it on the undo
stack. Every editor asks Save / Discard / Cancel before closing with changes
(`modal.EditorDialog`).
"""
