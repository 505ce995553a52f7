"""`netdesk export OUT` never writes over a database, and over another file only with --force."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from netdesk import cli, db
from netdesk.db import backup
from tests.helpers.database_files import digest
from tests.helpers.people import person


@pytest.fixture
def live(tmp_path) -> Path:
    path = tmp_path / "netdesk.db"
    db.open(path)
    person("Ada Lovelace", email="ada@example.org")
    db.close_database()
    return path


def export(capsys, live: Path, out: Path, *extra: str) -> tuple[int, str]:
    code = cli.main(["export", *extra, str(out), "--db", str(live)])
    return code, capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["vcard", "csv", "ics"])
def test_export_onto_the_live_database_is_refused_even_with_force(capsys, live, fmt):
    before = digest(live)
    for extra in ([], ["--force"]):
        code, err = export(capsys, live, live, "--format", fmt, *extra)
        assert code == 1
        why = "is the open netdesk database; an export never replaces a database."
        assert err == f"netdesk: {live} {why}\n"
        assert digest(live) == before
    assert backup.count_people(live) == 1


def test_export_onto_a_backup_or_another_sqlite_file_is_refused(capsys, live, tmp_path):
    copy = backup.backup_now(live).path
    other = tmp_path / "notes.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE note (body TEXT)")
    conn.commit()
    conn.close()
    for target, why in [
        (copy, "is a backup of the netdesk database"),
        (other, "is an SQLite database"),
    ]:
        before = digest(target)
        code, err = export(capsys, live, target, "--force")
        assert code == 1 and why in err and err.count("\n") == 1
        assert digest(target) == before


def test_an_existing_file_is_replaced_only_with_force(capsys, live, tmp_path):
    out = tmp_path / "people.vcf"
    out.write_text("keep me")
    code, err = export(capsys, live, out)
    assert (code, err) == (1, f"netdesk: {out} exists; use --force to replace it.\n")
    assert out.read_text() == "keep me"
    code, err = export(capsys, live, out, "--force")
    assert code == 0 and err == ""
    assert "FN:Ada Lovelace" in out.read_text()


def test_a_new_file_needs_no_force(capsys, live, tmp_path):
    out = tmp_path / "new.vcf"
    code, _err = export(capsys, live, out)
    assert code == 0 and "FN:Ada Lovelace" in out.read_text()
