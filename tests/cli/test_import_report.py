"""The text report of `netdesk import`: a card refused as invalid says why, as the window does."""

from __future__ import annotations

import pytest

from netdesk import cli, db

CARDS = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:a card with only a note\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Souza\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nADR:;;1 Main St;Springfield;;;\r\nEND:VCARD\r\n"
)


@pytest.fixture(autouse=True)
def _close_db():
    yield
    db.close_database()


@pytest.mark.parametrize("dry_run", [False, True])
def test_each_invalid_card_is_named_with_its_reason(capsys, db_path, tmp_path, dry_run):
    cards = tmp_path / "cards.vcf"
    cards.write_text(CARDS, encoding="utf-8")
    argv = ["import", str(cards), "--db", str(db_path), *(["--dry-run"] if dry_run else [])]
    assert cli.main(argv) == 0
    out = capsys.readouterr().out
    assert "1 new" in out.splitlines()[0] and "2 invalid" in out.splitlines()[0]
    refused = [line.strip() for line in out.splitlines() if "not imported" in line]
    assert refused == [
        f"card {n} (no name): not imported: it has no name, email or phone" for n in (1, 3)
    ]
