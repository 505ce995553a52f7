"""Many files at once: a file that cannot be imported is left out whole, with its reason, and
never stops the others; a file whose read fails part-way imports none of its cards."""

from __future__ import annotations

import errno
import io
import json
import os
from pathlib import Path

import pytest

from netdesk import cli, db
from netdesk.core import importing, people
from netdesk.core.importing import sources
from netdesk.db.models import ImportBatch, Person
from netdesk.io import reading
from tests.helpers.records import dump, png_bytes


@pytest.fixture(autouse=True)
def _close_db():
    yield
    db.close_database()


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _bad_file(tmp_path: Path, kind: str) -> Path:
    """A file netdesk must refuse whole: the extension never decides, the bytes do."""
    names = {"missing": "nope.vcf", "folder": "folder", "notes": "SOURCES.txt"}
    path = tmp_path / names.get(kind, f"{kind}.vcf")
    if kind == "png":
        path.write_bytes(png_bytes())
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "random":
        path.write_bytes(os.urandom(4096))
    elif kind == "huge":
        with path.open("wb") as handle:
            handle.write(os.urandom(1024) + b"\x00junk" * 100)
            handle.truncate(200 * 1024 * 1024)  # sparse: costs no disk
    elif kind == "folder":
        path.mkdir()
    elif kind == "notes":  # prose quoting an export's header line, as a test corpus's notes do
        path.write_text(NOTES, encoding="utf-8")
    return path


NOTES = """Where these samples come from
=============================
linkedin.csv - LinkedIn "Get a copy of your data" -> Connections.csv
  Layout: line 1 "Notes:", line 2 a quoted sentence, line 3 blank, line 4 the header:
    First Name,Last Name,URL,Email Address,Company,Position,Connected On
  "Connected On" is written as "DD Mon YYYY" (e.g. 14 Mar 2024). Most Email Address cells are
  empty (only connections who allow it export an address).
  Quirks included: a quoted company with a comma, a credential in a last name, doubled quotes,
  non-ASCII, and a row with only a first name and a URL.
"""


def _cards(path: Path, count: int, prefix: str = "Person") -> Path:
    path.write_text(
        "".join(
            f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{prefix} {n}\r\n"
            f"EMAIL:{prefix.lower()}{n}@example.org\r\nEND:VCARD\r\n"
            for n in range(count)
        ),
        encoding="utf-8",
    )
    return path


KINDS = ["png", "empty", "random", "huge", "missing", "folder", "notes"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_refused_file_never_stops_the_others(capsys, db_path, tmp_path, kind):
    first = _cards(tmp_path / "first.vcf", 3, "First")
    last = _cards(tmp_path / "last.vcf", 2, "Last")
    bad = _bad_file(tmp_path, kind)
    code, out, err = run(capsys, "import", str(first), str(bad), str(last), "--db", str(db_path))
    assert code == 0
    assert err.count("\n") == 1 and err.startswith("netdesk: ") and bad.name in err
    assert "first.vcf" in out and "last.vcf" in out and bad.name not in out
    db.open(db_path)
    assert people.count() == 5


def test_json_lists_each_refused_file_with_its_reason(capsys, db_path, tmp_path):
    good = _cards(tmp_path / "good.vcf", 2)
    empty = _bad_file(tmp_path, "empty")
    missing = _bad_file(tmp_path, "missing")
    argv = ["import", "--json", str(empty), str(good), str(missing), "--db", str(db_path)]
    code, out, _ = run(capsys, *argv)
    assert code == 0
    report = json.loads(out)
    assert [f["file"] for f in report["files"]] == [str(good)]
    assert [r["file"] for r in report["refused"]] == [str(empty), str(missing)]
    assert "empty" in report["refused"][0]["reason"]
    assert "does not exist" in report["refused"][1]["reason"]


@pytest.mark.parametrize("dry_run", [False, True])
def test_only_refused_files_exit_1_and_change_nothing(capsys, db_path, tmp_path, dry_run):
    run(capsys, "import", str(_cards(tmp_path / "known.vcf", 2)), "--db", str(db_path))
    db.open(db_path)
    before = dump()
    db.close_database()
    bad = [_bad_file(tmp_path, kind) for kind in ("png", "empty", "missing")]
    argv = ["import", *map(str, bad), "--db", str(db_path), *(["--dry-run"] if dry_run else [])]
    code, out, err = run(capsys, *argv)
    assert code == 1
    assert out == ""
    assert len(err.splitlines()) == 3
    db.open(db_path)
    assert dump() == before
    assert ImportBatch.select().count() == 1


def test_an_import_with_no_valid_card_writes_nothing(capsys, db_path, tmp_path):
    nobody = tmp_path / "nobody.vcf"
    nobody.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:only a note\r\nEND:VCARD\r\n" * 3, encoding="utf-8"
    )
    code, out, _ = run(capsys, "import", str(nobody), "--db", str(db_path))
    assert code == 1  # nothing could be imported
    assert "3 invalid" in out and "undo" not in out
    assert out.count("not imported: it has no name, email or phone") == 3
    db.open(db_path)
    assert ImportBatch.select().count() == 0  # not even an empty import record
    assert Person.select().count() == 0


def test_apply_of_a_plan_without_a_valid_card_records_no_import(store, tmp_path):
    nobody = tmp_path / "nobody.vcf"
    nobody.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nEND:VCARD\r\n" * 2, encoding="utf-8")
    report = importing.apply(importing.plan_file(nobody))
    assert (report.cards, report.invalid, report.batch_id) == (2, 2, None)
    assert ImportBatch.select().count() == 0
    assert importing.batches() == []


# --- a read that fails part-way ------------------------------------------------------------------


class _FailingDisk(io.RawIOBase):
    """A file whose disk fails: reads past `fail_at` bytes of the pass that reads the cards
    raise EIO. Mocked because a failing disk cannot exist on a test machine; it stands in for
    the file object at the one place an import opens files (`sources._open`)."""

    def __init__(self, data: bytes, fail_at: int, failing_pass: int) -> None:
        self._data = io.BytesIO(data)
        self._fail_at = fail_at
        self._failing_pass = failing_pass
        self.passes = 1  # each rewind to the start begins another pass over the file
        self.failed = False

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = 0) -> int:
        if (offset, whence) == (0, 0) and self._data.tell() > 0:
            self.passes += 1
        return self._data.seek(offset, whence)

    def read(self, size: int = -1) -> bytes:
        position = self._data.tell()
        if self.passes >= self._failing_pass and position >= self._fail_at:
            self.failed = True
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        limit = self._fail_at - position if self.passes >= self._failing_pass else size
        if size < 0 or size > limit:
            size = limit
        return self._data.read(size)


def _passes_to_read(path: Path) -> int:
    """How many passes over the file the reader makes (a pass to guess the encoding, then one
    for the cards): the failure must hit the pass that yields cards."""
    stream = _FailingDisk(path.read_bytes(), fail_at=1 << 62, failing_pass=1 << 30)
    reader = reading.open_reader(stream, name=path.name)  # type: ignore[arg-type]
    assert sum(1 for _ in reader.records()) > 0
    return stream.passes


@pytest.fixture
def failing_disk(monkeypatch):
    """Make reads of `path` fail after `fail_at` bytes of its cards' pass."""
    disks: list[_FailingDisk] = []

    def fail(path: Path, fail_at: int) -> list[_FailingDisk]:
        data, passes = path.read_bytes(), _passes_to_read(path)
        real_open = sources._open

        def opener(opened: Path):
            if Path(opened) != path:
                return real_open(opened)
            disks.append(_FailingDisk(data, fail_at, passes))
            return disks[-1]

        monkeypatch.setattr(sources, "_open", opener)
        return disks

    return fail


def test_a_read_failing_part_way_imports_none_of_that_file(capsys, db_path, tmp_path, failing_disk):
    good = _cards(tmp_path / "good.vcf", 2, "Good")
    broken = _cards(tmp_path / "broken.vcf", 5000, "Broken")  # ~300 KB: several 64 KB reads
    disks = failing_disk(broken, fail_at=150_000)
    code, out, err = run(capsys, "import", str(good), str(broken), "--db", str(db_path))
    assert disks and disks[-1].failed
    assert code == 0
    assert "broken.vcf" in err and "Input/output error" in err and len(err.splitlines()) == 1
    assert "broken.vcf" not in out
    db.open(db_path)
    assert people.count() == 2
    assert Person.select().where(Person.display_name.startswith("Broken")).count() == 0


def test_a_file_alone_failing_part_way_exits_1_and_writes_nothing(
    capsys, db_path, tmp_path, failing_disk
):
    broken = _cards(tmp_path / "broken.vcf", 5000, "Broken")
    disks = failing_disk(broken, fail_at=150_000)
    code, out, err = run(capsys, "import", str(broken), "--db", str(db_path))
    assert disks[-1].failed
    assert code == 1 and out == "" and "Input/output error" in err
    db.open(db_path)
    assert ImportBatch.select().count() == 0 and Person.select().count() == 0


def test_the_window_plan_lists_refused_files_beside_the_others(store, tmp_path, failing_disk):
    good = _cards(tmp_path / "good.vcf", 2, "Good")
    broken = _cards(tmp_path / "broken.vcf", 5000, "Broken")
    failing_disk(broken, fail_at=150_000)
    empty = _bad_file(tmp_path, "empty")
    planned = importing.plan_together([good, broken, empty])
    assert [i.name for i in planned.items] == ["Good 0", "Good 1"]
    assert [Path(r.file).name for r in planned.refused] == ["broken.vcf", "empty.vcf"]
    assert "Input/output error" in planned.refused[0].reason
    assert [p.message for p in planned.problems[:2]] == [r.reason for r in planned.refused]


def test_every_file_refused_is_one_error_for_the_window(store, tmp_path):
    with pytest.raises(importing.FileRefused, match="empty"):
        importing.plan_together([_bad_file(tmp_path, "empty")])


def test_a_file_past_the_card_limit_is_refused_as_reading_reaches_it(
    capsys, db_path, tmp_path, monkeypatch
):
    monkeypatch.setattr(sources, "MAX_CARDS", 5)  # the real limit is 200,000 cards
    big = _cards(tmp_path / "big.vcf", 6)
    small = _cards(tmp_path / "small.vcf", 5, "Small")
    code, _, err = run(capsys, "import", str(big), str(small), "--db", str(db_path))
    assert code == 0
    assert "big.vcf" in err and "more than 5 cards" in err and "split it" in err
    db.open(db_path)
    assert people.count() == 5
    assert ImportBatch.select().count() == 1


def test_json_still_prints_its_object_when_every_file_is_refused(capsys, db_path, tmp_path):
    bad = [_bad_file(tmp_path, kind) for kind in ("empty", "png", "missing")]
    code, out, _ = run(capsys, "import", "--json", *map(str, bad), "--db", str(db_path))
    assert code == 1  # nothing could be imported
    report = json.loads(out)
    assert report["files"] == []
    assert [r["file"] for r in report["refused"]] == list(map(str, bad))
    assert all(r["reason"] for r in report["refused"])
