# ruff: noqa
"""Names vulture cannot see used: `vulture netdesk .ci/vulture_allow.py --min-confidence 60`.

Each entry says who uses it. Anything else vulture reports is dead code: remove it (with the
tests that only exercise it) rather than adding it here.
"""

# Found by name: netdesk.cli.COMMANDS maps each command to "module:Class", imported on demand.
BackupCommand
RestoreCommand
BackupsCommand
ExportCommand
UndoImportCommand
ImportsCommand
ListCommand
DueCommand
HealthCommand
PathsCommand
SuggestCommand
PrepCommand
SyncCommand
SyncMergeCommand
WeekCommand

# Found by keyring: a backend class registers itself when defined; keyring reads its priority.
SecretServiceKeyring
_.priority

# Read through getattr: the sidebar model looks its counts up by the entry's key.
birthdays_soon
recently_met
stand_outs

# Module __getattr__: netdesk.db loads what a caller names lazily.
__getattr__

# Compared as a whole tuple: which file a path named (files.Identity).
device
inode

# A list method overridden to refuse changes to the shared empty list (sources._NoItems).
reverse

# Read by peewee: model options and the savepoint override that peewee's atomic() calls.
Meta
legacy_table_names
primary_key
_.savepoint

# Qt virtual methods, called by Qt itself.
_.headerData
_.filterAcceptsRow
_.canFetchMore
_.fetchMore
_.paint
_.dragEnterEvent
_.dragMoveEvent
_.dropEvent
_.createEditor
_.setEditorData
_.setModelData
_.hasHeightForWidth
_.itemAt
_.expandingDirections
_.contextMenuEvent
_.wheelEvent
_.minimumSizeHint
_.editable  # a QStyleOption field the style reads
disambiguation  # QTranslator.translate's signature

# Modeless dialogs the window keeps a reference to, so Python does not collect them while shown.
_.settings_dialog
_.shortcuts_dialog
_.triage_dialog

# Relationship kinds a stored row may hold (values.RelationshipKind): read back with the enum.
COLLEAGUE
MENTOR
FRIEND
PARTNER

# The CSV column-map API the io layer documents for a caller that lets the user confirm or
# correct the guessed columns (csv_readers module docstring).
_.needs_mapping
_.preview

# Used by tests as the only proof of a rule the app relies on.
MODELS  # every model has its table after every upgrade (tests/safety/test_migrations.py)
search_ids  # what the index finds after an import, a merge, an upgrade or an undo
is_dismissed  # a dismissed pair stays dismissed, both ways round
rebuild  # re-indexes everyone; also how benchmarks/generate.py indexes a generated book

# Widgets driven and read as a user would, by the dialog tests.
_.is_loading
_.pair_list
_.set_choice
_.set_kind
_.set_field
_.progress_cancel
_.introduce_buttons

# Read through dataclasses.asdict: a sync pass's counts (ReconcileReport.as_dict, --json).
pulled_new
pulled_updated
pulled_deleted
tasks_written
tasks_done
