"""`netdesk prep` run as a real command on a real database: the page as text, the page as a
valid PDF (no window, no display), and one-line refusals that write nothing."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import zlib

from netdesk import db
from netdesk.core import events
from netdesk.values import TagKind
from tests.helpers.people import person


def netdesk(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["QT_QPA_PLATFORM"] = "xcb"  # the command must choose offscreen itself
    return subprocess.run(
        [sys.executable, "-m", "netdesk", *args], capture_output=True, text=True, env=env
    )


def network(db_path) -> dict[str, int]:
    db.open(db_path)
    ids = {
        "ana": person(
            "Ana Souza",
            org="Fjordlight",
            tags=[(TagKind.HOBBY, "sailing")],
            family_notes="Partner Leo",
        ),
        "ben": person("Ben Okafor", why_stand_out="Knows every bank in Lagos"),
    }
    ids["event"] = events.create("Partnership call", dt.date(2026, 12, 15))
    events.add_attendee(ids["event"], ids["ana"], follow_up_days=0)
    db.close_database()
    return ids


def check_pdf(data: bytes) -> int:
    """A PDF's structure holds (header, cross-reference table where startxref says, trailer,
    end marker, the page tree's count equal to its pages, streams that inflate); its pages."""
    assert data.startswith(b"%PDF-1.")
    assert data.rstrip().endswith(b"%%EOF")
    start = int(re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", data)[1])
    assert data[start : start + 4] == b"xref"
    assert b"trailer" in data[start:] and b"/Root" in data[start:]
    for stream in re.findall(rb"/FlateDecode.*?stream\r?\n(.*?)endstream", data, re.S):
        zlib.decompressobj().decompress(stream)  # raises on a corrupt stream
    pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))
    counts = [int(n) for n in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", data, re.S)]
    assert counts == [pages] and pages > 0
    return pages


def test_prep_prints_the_page_as_text(db_path):
    ids = network(db_path)
    result = netdesk("prep", str(ids["ana"]), str(ids["ben"]), "--db", str(db_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "Meeting prep\n\n"
        "Ana Souza (Fjordlight)\n  Hobbies:\n    sailing\n  Family:\n    Partner Leo\n"
        "  How you met:\n    Partnership call; met on 15 December 2026\n\n"
        "Ben Okafor\n  Why they stand out:\n    Knows every bank in Lagos\n"
    )


def test_prep_writes_a_valid_pdf_without_a_display(db_path, tmp_path):
    ids = network(db_path)
    out = tmp_path / "prep.pdf"
    result = netdesk("prep", "--event", str(ids["event"]), "--pdf", str(out), "--db", str(db_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Wrote the prep for 1 person to {out} (1 page)\n"
    assert check_pdf(out.read_bytes()) == 1


def test_a_long_page_runs_over_several_pdf_pages(db_path, tmp_path):
    db.open(db_path)
    ids = [person(f"Person {n}", family_notes="\n".join(["a line"] * 40)) for n in range(4)]
    db.close_database()
    out = tmp_path / "long.pdf"
    result = netdesk("prep", *map(str, ids), "--pdf", str(out), "--db", str(db_path))
    assert result.returncode == 0, result.stderr
    assert check_pdf(out.read_bytes()) > 1


def test_an_unknown_person_or_event_is_one_line_and_no_file(db_path, tmp_path):
    ids = network(db_path)
    out = tmp_path / "prep.pdf"
    unknown = netdesk("prep", str(ids["ana"]), "99", "--pdf", str(out), "--db", str(db_path))
    assert (unknown.returncode, unknown.stderr) == (1, "netdesk: No person has the id 99.\n")
    no_event = netdesk("prep", "--event", "7", "--pdf", str(out), "--db", str(db_path))
    assert (no_event.returncode, no_event.stderr) == (1, "netdesk: Event 7 does not exist.\n")
    nobody = netdesk("prep", "--db", str(db_path))
    assert nobody.returncode == 1 and "Name the people" in nobody.stderr
    assert not out.exists()


def test_a_pdf_never_replaces_a_file_unasked_nor_ever_the_database(db_path, tmp_path):
    ids = network(db_path)
    out = tmp_path / "notes.pdf"
    out.write_bytes(b"keep me")
    kept = netdesk("prep", str(ids["ana"]), "--pdf", str(out), "--db", str(db_path))
    assert kept.returncode == 1 and "use --force" in kept.stderr
    assert out.read_bytes() == b"keep me"
    before = db_path.read_bytes()
    over_db = netdesk(
        "prep", str(ids["ana"]), "--pdf", str(db_path), "--force", "--db", str(db_path)
    )
    assert over_db.returncode == 1 and "never replaces a database" in over_db.stderr
    assert db_path.read_bytes() == before
