"""Starting netdesk: the self-test, and a second start handing its work to the first."""

from __future__ import annotations

import gc
import os
import subprocess
import sys

from netdesk.cli import build_gui_parser
from netdesk.system import paths
from netdesk.ui import app
from tests.helpers.paths import REPO
from tests.helpers.window_start import started_window


def test_self_test_builds_the_window_imports_the_sample_and_exits_0(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(REPO), NETDESK_HOME=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-m", "netdesk", "--self-test"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1].startswith("netdesk self-test OK")
    assert not list(tmp_path.rglob("*.db"))  # the temporary database is gone


def test_the_sample_is_a_small_vcard_of_three_invented_people():
    from netdesk.io import reading

    result = reading.read_file(app.SAMPLE)
    assert [r.display_name() for r in result.records] == list(app.SAMPLE_NAMES)
    assert result.problems == []
    assert "VERSION:3.0" in app.SAMPLE.read_text()


def test_a_second_start_forwards_files_and_person_to_the_first(qtbot, tmp_path, testdata):
    from netdesk.qt.single_instance import SingleInstance

    first = SingleInstance(paths.runtime_name("gui"))
    assert first.acquire()
    received = []
    first.message_received.connect(received.append)
    card = testdata / "vcards" / "calcard" / "005.vcf"
    args = build_gui_parser().parse_args([str(card), "--show-person", "7"])
    try:
        assert app.run(args) == 0  # it finds the first instance, hands over and exits
        qtbot.waitUntil(lambda: len(received) == 2, timeout=10_000)
    finally:
        first.release()
    assert received[0] == {"cmd": "open_files", "files": [str(card.resolve())]}
    assert received[1] == {"cmd": "show_person", "id": 7}


def test_a_bare_second_start_raises_the_first():
    args = build_gui_parser().parse_args([])
    assert app._messages(args) == [{"cmd": "raise"}]


def test_a_damaged_database_at_start_asks_and_quits_untouched(qtbot, tmp_path, monkeypatch):
    """The recovery dialog is the only prompt replaced: it is modal and waits for a person."""
    import hashlib

    from netdesk.ui.dialogs import recovery_dialog

    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"not a database at all" * 200)
    before = hashlib.sha256(damaged.read_bytes()).hexdigest()
    asked = []

    def answer(parent, db_path, error):
        asked.append((db_path, str(error)))
        return recovery_dialog.RecoveryOutcome(recovery_dialog.RecoveryAction.QUIT)

    monkeypatch.setattr(recovery_dialog, "ask", answer)
    args = build_gui_parser().parse_args(["--db", str(damaged)])
    assert app.start(args) == 1
    assert asked == [(damaged, "damaged.db is not a netdesk database.")]
    assert hashlib.sha256(damaged.read_bytes()).hexdigest() == before


def test_choosing_another_file_opens_it(qtbot, tmp_path, monkeypatch):
    from netdesk import db
    from netdesk.ui.dialogs import recovery_dialog

    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"\x00" * 4096)
    other = tmp_path / "other.db"

    def answer(parent, db_path, error):
        return recovery_dialog.RecoveryOutcome(recovery_dialog.RecoveryAction.OPEN_OTHER, other)

    monkeypatch.setattr(recovery_dialog, "ask", answer)
    started = app.start(build_gui_parser().parse_args(["--db", str(damaged)]))
    assert not isinstance(started, int)
    _app, window, instance = started
    try:
        assert db.current_path() == other
    finally:
        window.close()
        window.deleteLater()
        instance.release()
        db.close_database()


def test_a_window_start_defers_the_log_the_server_and_the_collector(qtbot, tmp_path, monkeypatch):
    """What nobody sees waits until the window has painted: the log file, answering a second
    start, and the garbage collector (then frozen start-up objects)."""
    from netdesk.qt.single_instance import SingleInstance
    from netdesk.system import logs as logging_setup

    with started_window(tmp_path / "window.db", monkeypatch) as (_app, window, instance):
        assert not gc.isenabled()
        assert logging_setup._early is not None  # records held, no file yet
        assert not SingleInstance.send(instance.name, {"cmd": "raise"}, timeout_ms=200)
        window.show()
        qtbot.waitUntil(gc.isenabled)
        assert logging_setup._early is None
        assert SingleInstance.send(instance.name, {"cmd": "raise"})
        assert window._pane is not None  # the person pane, built after the paint too
        assert not _app.windowIcon().isNull()  # dialogs show netdesk's icon too


def test_the_first_frame_is_painted_before_the_models_load(tmp_path):
    """The window reads its first page without peewee; the models load right after the first
    paint (the sidebar's counts need them) and everything works on from there."""
    import json
    import textwrap

    from netdesk import db
    from netdesk.core import people
    from netdesk.core.people import PersonDraft
    from tests.helpers.records import png_bytes

    db_path = tmp_path / "window.db"
    db.open(db_path)
    people.create(PersonDraft(display_name="Ana Souza", photo=png_bytes()))  # a photo avatar
    db.close_database()
    code = textwrap.dedent(
        """
        import json, sys
        from PySide6.QtCore import QEvent, QObject, QTimer
        from netdesk.ui import app
        from netdesk import cli
        qapp, window, instance = app.start(cli.window_args(["--db", sys.argv[1]]))
        seen = {}
        class FirstPaint(QObject):
            def eventFilter(self, watched, event):
                if event.type() == QEvent.Type.Paint and "at_paint" not in seen:
                    QTimer.singleShot(0, after_paint)  # once the whole first paint is done
                return False
        def after_paint():
            seen["at_paint"] = "peewee" in sys.modules
            seen["rows"] = window.people_model.rowCount()
            seen["avatars"] = len(window.avatars._cache)
        spy = FirstPaint(window)
        window.installEventFilter(spy)
        def settled():
            if window.sidebar_data is None:
                QTimer.singleShot(20, settled)
                return
            seen["after"] = "peewee" in sys.modules
            seen["people"] = window.sidebar_data.people
            window.close()
            qapp.quit()
        window.show()
        QTimer.singleShot(20, settled)
        qapp.exec()
        instance.release()
        print(json.dumps(seen))
        """
    )
    env = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", code, str(db_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen == {"at_paint": False, "rows": 1, "avatars": 1, "after": True, "people": 1}


def test_the_daily_backup_runs_on_the_window_workers_once_it_is_on_screen(
    qtbot, tmp_path, monkeypatch
):
    """The daily copy waits for the first paint, then is one of the window's background tasks
    (so closing the window waits for it instead of leaving a copy half made)."""
    from netdesk import db
    from netdesk.core import people
    from netdesk.core.people import PersonDraft

    db_path = tmp_path / "window.db"
    db.open(db_path)
    people.create(PersonDraft(display_name="Ana Souza"))  # an empty database is not copied
    db.close_database()
    copies = lambda: sorted((tmp_path / "backups").glob("window.db-*-daily.db"))  # noqa: E731
    with started_window(db_path, monkeypatch) as (_app, window, _instance):
        assert copies() == []
        window.show()
        qtbot.waitUntil(gc.isenabled)  # the work kept for after the first paint has started
        assert window.workers.wait(10_000)
        assert len(copies()) == 1
