"""Opening for the window: the first reads run before peewee loads; the models then bind to the
same connection on that thread, and every other thread gets its own.

Each case runs in a fresh interpreter: in the test process the models are loaded already, and
then `open_for_window` rightly opens as `open_database` does.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

from netdesk import db
from netdesk.core import people
from netdesk.core.people import PersonDraft
from tests.helpers.paths import REPO


def _run(code: str, db_path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), str(db_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def _existing(db_path, *names: str) -> None:
    db.open(db_path)
    for name in names:
        people.create(PersonDraft(display_name=name))
    db.close_database()


def test_reads_before_the_models_and_one_connection_after(db_path):
    _existing(db_path, "Ana Souza", "Ben Okafor")
    result = _run(
        """
        import json, sys, threading
        from netdesk import db
        from netdesk.core import listing, sidebar
        from netdesk.db import connection, reads
        path = sys.argv[1]
        db.open_for_window(path)
        out = {}
        out["peewee_before"] = "peewee" in sys.modules
        plain = connection.plain_connection_here()
        out["names"] = [r.name for r in listing.fetch(listing.ListQuery(), 0, 10)]
        out["anyone"] = sidebar.has_anyone()
        out["path"] = str(db.current_path()) == path
        out["peewee_after_reads"] = "peewee" in sys.modules
        from netdesk.core import people                # the models load here...
        from netdesk.db.models import database
        out["adopted"] = database.connection() is plain  # ...and take over that connection
        people.create(people.PersonDraft(display_name="Chloé Dubois"))
        seen = {}
        def worker():
            seen["count"] = len(listing.fetch(listing.ListQuery(), 0, 10))
            seen["own"] = database.connection() is not plain
            database.close()
        thread = threading.Thread(target=worker)
        thread.start(); thread.join()
        out.update(worker=seen)
        db.close_database()
        print(json.dumps(out))
        """,
        db_path,
    )
    assert result["peewee_before"] is False and result["peewee_after_reads"] is False
    assert result["names"] == ["Ben Okafor", "Ana Souza"]  # by family name
    assert result["anyone"] is True and result["path"] is True
    assert result["adopted"] is True
    assert result["worker"] == {"count": 3, "own": True}


def test_a_database_that_needs_work_opens_with_the_models_at_once(db_path):
    """A new file (the schema to create) or a search index with pending work: no shortcut."""
    result = _run(
        """
        import json, sys
        from netdesk import db
        db.open_for_window(sys.argv[1])
        models = sys.modules.get("netdesk.db.models")
        bound = models is not None and models.database.obj is not None
        print(json.dumps({"bound": bound}))
        """,
        db_path,
    )
    assert result == {"bound": True}
    db.open(db_path)
    db.database.execute_sql("INSERT INTO search_dirty(person_id) VALUES (1)")
    db.close_database()
    assert _run(
        """
        import json, sys
        from netdesk import db
        db.open_for_window(sys.argv[1])
        models = sys.modules.get("netdesk.db.models")
        bound = models is not None and models.database.obj is not None
        print(json.dumps({"bound": bound}))
        """,
        db_path,
    ) == {"bound": True}


def test_opening_another_file_after_a_window_start_forgets_the_first(db_path, tmp_path):
    """A restore or "open another file" reopens with the models loaded: the first file's plain
    connection must not linger as the current one."""
    _existing(db_path, "Ana Souza")
    other = tmp_path / "other.db"
    _existing(other, "Ben Okafor", "Chloé Dubois")
    result = _run(
        f"""
        import json, sys
        from netdesk import db
        from netdesk.core import listing
        db.open_for_window(sys.argv[1])
        first = [r.name for r in listing.fetch(listing.ListQuery(), 0, 10)]
        db.close_database()
        db.open({str(other)!r})
        second = [r.name for r in listing.fetch(listing.ListQuery(), 0, 10)]
        print(json.dumps({{"first": first, "second": second, "path": str(db.current_path())}}))
        """,
        db_path,
    )
    assert result == {
        "first": ["Ana Souza"],
        "second": ["Chloé Dubois", "Ben Okafor"],
        "path": str(other),
    }
