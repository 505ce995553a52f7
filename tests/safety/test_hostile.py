"""Hostile input: random and mutated files, huge lines and cards, decompression bombs, formula
injection, and files that try to make netdesk fetch, run or read something.

The big cases and the mutated corpus come from tests/helpers/hostile.py and run in child
processes with a hard timeout, so a hang fails the test instead of stalling the run; their
speed and memory are measured by benchmarks/bench_fuzz.py, never asserted here.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netdesk.io import photos, reading
from netdesk.io.csv_writer import safe_cell, write_csv
from netdesk.io.errors import PhotoError, ReadError
from netdesk.io.records import ContactRecord, PositionRecord, ReadResult
from tests.helpers import corpus, hostile
from tests.helpers.database_files import report, run_netdesk, subprocess_env
from tests.helpers.paths import REPO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
HYPOTHESIS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def read_or_refuse(data: bytes) -> ReadResult | None:
    """What an import does first: a ReadError is a proper refusal, anything else a crash."""
    try:
        result = reading.read_bytes(data, "fuzz")
    except ReadError as exc:
        assert str(exc).strip()  # a sentence for the user
        return None
    assert result.cards >= len(result.records) or result.format != "vcard"
    for record in result.records:
        assert isinstance(record.display_name(), str)
        assert record.photo is None or photos.check_image(record.photo) is not None
    return result


# ---------------------------------------------------------------------------- property-based

PROPERTY_NAMES = [
    "FN",
    "N",
    "EMAIL",
    "TEL",
    "ADR",
    "ORG",
    "TITLE",
    "BDAY",
    "NOTE",
    "PHOTO",
    "URL",
    "UID",
    "CATEGORIES",
    "IMPP",
    "RELATED",
    "X-SOCIALPROFILE",
    "NICKNAME",
    "ANNIVERSARY",
    "KIND",
    "VERSION",
    "BEGIN",
    "END",
    "X-ABDATE",
    "item1.EMAIL",
]
PARAMS = [
    "TYPE=work",
    "TYPE=HOME,PREF",
    "ENCODING=QUOTED-PRINTABLE",
    "ENCODING=b",
    "ENCODING=BASE64",
    "CHARSET=UTF-8",
    "CHARSET=ISO-8859-1",
    "CHARSET=bogus",
    "VALUE=uri",
    "VALUE=date",
    "PREF=1",
    "LANGUAGE=en",
    'X-FOO="a;b:c"',
    "WORK",
    "",
]

values = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"]), max_size=120
) | st.sampled_from(
    [
        "",
        "=",
        "=0D=0A=",
        ";;;;",
        "\\",
        "\\n",
        "--0229",
        "2024-02-30",
        "data:image/png;base64\\,iVBORw0KGgo=",
        "=E2=82",
        "VCARD",
    ]
)


@st.composite
def vcard_lines(draw) -> str:
    lines = []
    for _ in range(draw(st.integers(0, 25))):
        name = draw(st.sampled_from(PROPERTY_NAMES) | st.text("ABCXYZ-.", min_size=1, max_size=8))
        params = draw(st.lists(st.sampled_from(PARAMS), max_size=3))
        head = ";".join([name, *[p for p in params if p]])
        line = f"{head}:{draw(values)}"
        if draw(st.booleans()) and len(line) > 10:  # fold somewhere
            cut = draw(st.integers(1, len(line) - 1))
            line = line[:cut] + draw(st.sampled_from(["\r\n ", "\n\t", "=\r\n"])) + line[cut:]
        lines.append(line)
    body = draw(st.sampled_from(["\r\n", "\n", "\r"])).join(lines)
    version = draw(st.sampled_from(["2.1", "3.0", "4.0", "9.9", ""]))
    return f"BEGIN:VCARD\r\nVERSION:{version}\r\n{body}\r\nEND:VCARD\r\n"


@HYPOTHESIS
@given(st.binary(max_size=8192))
def test_random_bytes_are_read_or_refused(data):
    read_or_refuse(data)


@HYPOTHESIS
@given(
    st.lists(vcard_lines(), min_size=1, max_size=4), st.sampled_from(["utf-8", "utf-16", "latin-1"])
)
def test_generated_vcards_never_crash(cards, encoding):
    text = "".join(cards)
    read_or_refuse(text.encode(encoding, "replace"))


def csv_headers() -> list[str]:
    """The header of each corpus CSV layout (none without the corpus: its tests are not run)."""
    heads = []
    for path in sorted(corpus.CSVS.glob("*.csv")):
        lines = path.read_text(encoding="utf-8-sig").splitlines()
        heads.append(next(line for line in lines if line.count(",") > 3))
    return heads


cells = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=40) | st.sampled_from(
    ['"', '""', '"a,b"', "\r\n", "=1+1", "@SUM(A1)", ",,,", "\x00"]
)


@pytest.mark.corpus
@HYPOTHESIS
@given(
    st.sampled_from(csv_headers()),
    st.lists(st.lists(cells, max_size=30), max_size=8),
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]),
)
def test_generated_csvs_never_crash(header, rows, encoding):
    text = header + "\r\n" + "\r\n".join(",".join(row) for row in rows)
    read_or_refuse(text.encode(encoding, "replace"))


@HYPOTHESIS
@given(st.text(max_size=60))
def test_no_exported_cell_starts_a_formula(text):
    cell = safe_cell(text)
    assert not cell.startswith(FORMULA_STARTS)
    assert cell in (text, "'" + text)


@HYPOTHESIS
@given(st.integers(0, 2**31 - 1), st.integers(0, 2**31 - 1))
def test_any_declared_png_size_is_checked_before_decoding(width, height):
    data = hostile.png_header(width, height)
    try:
        fmt = photos.validate_photo(data)
    except PhotoError:
        return  # refusing is always safe
    assert fmt == "png" and 0 < width * height <= photos.MAX_PIXELS  # never accepts a giant


# ---------------------------------------------------------------------------- decompression bombs


def real_png_bomb(width: int, height: int) -> bytes:
    """A valid, fully encoded grayscale PNG of zeros: a few hundred KB, gigapixels when decoded."""
    compressor = zlib.compressobj(9)
    row = b"\x00" * (width + 1)  # filter byte + pixels
    body = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return len(data).to_bytes(4, "big") + kind + data + crc.to_bytes(4, "big")

    ihdr = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 0, 0, 0, 0])
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


@pytest.mark.parametrize(
    "data",
    [
        hostile.png_header(100_000, 100_000),
        real_png_bomb(12_000, 12_000),  # 144 megapixels in about 150 KB
        b"GIF89a" + (65535).to_bytes(2, "little") * 2 + b"\x00" * 20,
        b"BM" + b"\x00" * 16 + (200_000).to_bytes(4, "little") * 2 + b"\x01\x00\x18\x00",
    ],
    ids=["png_header", "png_encoded", "gif", "bmp"],
)
def test_decompression_bombs_are_refused(data):
    with pytest.raises(PhotoError):
        photos.validate_photo(data)
    with pytest.raises(PhotoError):
        photos.make_thumbnail(data)


def test_a_bomb_inside_a_vcard_is_dropped_with_a_problem():
    import base64

    bomb = base64.b64encode(real_png_bomb(12_000, 12_000)).decode()
    data = hostile.card(f"PHOTO;ENCODING=b;TYPE=PNG:{bomb}").encode()
    result = reading.read_bytes(data, "bomb.vcf")
    [record] = result.records
    assert record.photo is None
    assert any("photo" in p.message.lower() for p in result.problems)


# ---------------------------------------------------------------------------- big cases, isolated

# What each case must produce besides "no crash, no hang" (a result, or a clear refusal).
EXPECT = {
    "random_bytes_4mb": {"outcome": "refused"},
    "nested_begin_10k": {"outcome": "read"},
    "props_100k_email": {"outcome": "read", "records": 1},
    "photo_declares_100k_by_100k": {"outcome": "read", "photos": 0},
    "photo_data_uri_bomb": {"outcome": "read", "photos": 0},
    "photo_8mb_junk_base64": {"outcome": "read", "photos": 0},
    "cards_50k_tiny": {"outcome": "read", "records": 50_000},
    "csv_200k_rows": {"outcome": "read", "records": 200_000},
}


@pytest.mark.parametrize("case", sorted(hostile.CASES))
def test_big_hostile_case_ends_in_time_without_crashing(case):
    result = hostile.run_isolated(["--case", case], timeout=hostile.CASE_TIMEOUT_S)
    assert result["outcome"] in ("read", "refused"), result
    for key, wanted in EXPECT.get(case, {}).items():
        assert result[key] == wanted, (key, result)
    if result["outcome"] == "read" and case.startswith("photo"):
        assert result["problems"] >= 1  # the dropped photo is reported


@pytest.mark.corpus
def test_mutated_corpus_never_crashes():
    result = hostile.run_isolated(["--corpus"], timeout=hostile.CORPUS_TIMEOUT_S)
    assert result.get("outcome") is None, result  # not a timeout or a crash of the child
    assert result["crashes"] == [], result["crashes"][:5]
    assert result["files"] > 200 and result["cases"] >= result["files"] * 5
    report(
        "fuzz",
        {
            "corpus_cases": result["cases"],
            "big_cases": len(hostile.CASES),
            "worst_corpus_seconds_per_mb": result["worst_seconds_per_mb"],
        },
    )


# ---------------------------------------------------------------------------- CSV injection


def test_csv_writer_neutralises_formulas():
    evil = [
        '=HYPERLINK("http://evil")',
        "+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(1)",
        "\t=1",
        "\r=1",
        "＝1+1",
        "safe",
    ]
    records = [
        ContactRecord(
            card=n,
            formatted_name=text,
            note=text,
            given=text,
            positions=[PositionRecord(text, text)],
        )
        for n, text in enumerate(evil, 1)
    ]
    out = io.StringIO(newline="")
    write_csv(records, out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    cells = [cell for row in rows[1:] for cell in row if cell]
    assert cells and not [c for c in cells if c.startswith(FORMULA_STARTS)]
    assert '\'=HYPERLINK("http://evil")' in cells and "safe" in cells


@pytest.mark.corpus
def test_exported_csv_of_imported_hostile_names_is_safe(tmp_path):
    vcf = tmp_path / "evil.vcf"
    vcf.write_text(
        'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:=HYPERLINK("http://evil.example","click")\r\n'
        "N:=1+1;@SUM(A1);;;\r\nORG:+cmd|' /C calc'!A0\r\nNOTE:-2+3\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    db_path, out = tmp_path / "netdesk.db", tmp_path / "out.csv"
    home = tmp_path / "home"
    done = run_netdesk("import", str(vcf), "--db", str(db_path), home=home)
    assert done.returncode == 0, done.stderr
    done = run_netdesk("export", "--format", "csv", str(out), "--db", str(db_path), home=home)
    assert done.returncode == 0, done.stderr
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    cells = [cell for row in rows[1:] for cell in row if cell]
    assert any("HYPERLINK" in c for c in cells)
    assert not [c for c in cells if c.startswith(FORMULA_STARTS)]


# ---------------------------------------------------------------------------- nothing reached for

AUDIT_SCRIPT = r"""
import json, sys
events = []
WATCH = ("socket.", "urllib.", "http.", "subprocess.", "os.system", "os.exec", "os.posix_spawn",
         "os.spawn", "os.fork", "os.startfile", "webbrowser.", "ftplib.", "smtplib.", "ctypes.")

def hook(event, args):
    if event == "open":
        events.append(["open", str(args[0])])
    elif event.startswith(WATCH):
        events.append([event, repr(args)[:200]])

sys.addaudithook(hook)
from netdesk import cli
code = cli.main(sys.argv[2:])
with open(sys.argv[1], "w") as out:
    json.dump({"code": code, "events": events}, out)
"""


def hostile_files(tmp_path: Path, sentinel: Path) -> list[Path]:
    secret_uri = sentinel.resolve().as_uri()
    vcf = tmp_path / "reaching.vcf"
    vcf.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Mallory Files\r\n"
        "PHOTO;VALUE=uri:file:///etc/passwd\r\n"
        f"LOGO;VALUE=uri:{secret_uri}\r\n"
        "SOUND;VALUE=uri:http://127.0.0.1:9/sound.wav\r\n"
        "KEY;VALUE=uri:https://example.invalid/key.asc\r\n"
        "URL:http://127.0.0.1:9/profile\r\n"
        "X-SOCIALPROFILE:https://example.invalid/mallory\r\n"
        "NOTE:$(touch /tmp/netdesk-pwned) `id` | sh ; rm -rf ~\r\n"
        "END:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Mallory Two\r\n"
        "PHOTO:http://127.0.0.1:9/photo.jpg\r\n"
        f"PHOTO:{secret_uri}\r\n"
        f"AGENT;VALUE=uri:{secret_uri}\r\n"
        "SOURCE:http://127.0.0.1:9/card.vcf\r\n"
        "END:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Mallory Three\r\n"
        f"PHOTO;VALUE=URL;TYPE=JPEG:{secret_uri}\r\n"
        "PHOTO;VALUE=URL:\\\\evil-host\\share\\p.jpg\r\n"
        "END:VCARD\r\n",
        encoding="utf-8",
    )
    google = tmp_path / "reaching.csv"
    header = csv_headers()[[("Photo" in h) for h in csv_headers()].index(True)]
    columns = header.lstrip("\ufeff").split(",")
    row = ["" for _ in columns]
    row[columns.index("First Name")] = "Mallory"
    row[columns.index("Last Name")] = "Csv"
    row[columns.index("Photo")] = secret_uri
    google.write_text(header + "\r\n" + ",".join(row) + "\r\n", encoding="utf-8")
    return [vcf, google]


@pytest.mark.corpus  # the hostile Google CSV takes its header from the corpus
def test_imported_files_cannot_fetch_run_or_read_anything(tmp_path):
    secret = "TOP-SECRET-CONTENT-7f3a"
    sentinel = tmp_path / "secret.txt"
    sentinel.write_text(secret)
    files = hostile_files(tmp_path, sentinel)
    db_path, events_path = tmp_path / "netdesk.db", tmp_path / "events.json"
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            AUDIT_SCRIPT,
            str(events_path),
            "import",
            *map(str, files),
            "--db",
            str(db_path),
        ],
        cwd=REPO,
        env=subprocess_env(tmp_path / "home"),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    audit = json.loads(events_path.read_text())
    assert audit["code"] == 0
    reached = [e for e in audit["events"] if e[0] != "open"]
    assert reached == []  # no socket, no URL, no process
    opened = {Path(e[1]).resolve() for e in audit["events"] if e[0] == "open" and e[1]}
    assert all(f.resolve() in opened for f in files)  # the hook saw the imports' own reads
    assert sentinel.resolve() not in opened and Path("/etc/passwd") not in opened
    allowed = [Path(p).resolve() for p in (sys.prefix, sys.base_prefix, REPO, tmp_path)]
    allowed += [Path(p).resolve() for p in sys.path if p]
    strays = [p for p in opened if not any(p.is_relative_to(root) for root in allowed)]
    assert strays == [], strays
    # what the cards said is kept as text; no file content came in
    conn = sqlite3.connect(db_path)
    names = {r[0] for r in conn.execute("SELECT display_name FROM person")}
    photos_stored = conn.execute("SELECT count(*) FROM person WHERE photo IS NOT NULL").fetchone()
    conn.close()
    assert {"Mallory Files", "Mallory Two", "Mallory Three"} <= names
    assert photos_stored == (0,)
    everything = b"".join(
        p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("netdesk.db")
    )
    assert secret.encode() not in everything
    assert b"127.0.0.1:9/photo.jpg" in everything or b"127.0.0.1:9/profile" in everything
    assert not Path("/tmp/netdesk-pwned").exists()
    assert os.path.exists(sentinel)
