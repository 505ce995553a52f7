"""Hostile inputs for the readers, shared by the crash and hang tests (tests/safety/test_hostile.py)
and the fuzz benchmark (benchmarks/bench_fuzz.py): big generated cases, and seeded mutations of
every file in the real-world corpus. A reader must answer each with a result or a ReadError.

    python -m tests.helpers.hostile --case NAME   # read one case here; its outcome as a JSON line
    python -m tests.helpers.hostile --corpus      # every corpus file, as it is and mutated
"""

from __future__ import annotations

import argparse
import base64
import json
import random
import struct
import subprocess
import sys
import time
import traceback
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

from netdesk.io import reading
from netdesk.io.errors import ReadError
from tests.helpers import corpus

REPO = Path(__file__).resolve().parents[2]
CASE_TIMEOUT_S = 120
CORPUS_TIMEOUT_S = 600
MUTATIONS_PER_FILE = 6
SEED = 20240607
MB = 1024 * 1024
# Seconds per MB of tiny inputs is start-up noise: anything smaller counts as this big.
MIN_SIZE_FOR_RATE = 64 * 1024


# ----------------------------------------------------------------------------- building blocks


def png_header(width: int, height: int) -> bytes:
    """A PNG that declares `width` x `height` pixels (a decompression bomb's calling card)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1024, 9)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def card(*lines: str) -> str:
    return (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Hostile Card\r\n"
        + "".join(f"{line}\r\n" for line in lines)
        + "END:VCARD\r\n"
    )


def _rng() -> random.Random:
    return random.Random(SEED)


def _printable(rng: random.Random, size: int) -> str:
    alphabet = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ0123456789:;,=\\\"'\t-_.@"
    return "".join(rng.choices(alphabet, k=size))


LINKEDIN = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"


def _random_lines(rng: random.Random, size: int) -> str:
    out, total = [], 0
    while total < size:
        line = _printable(rng, rng.randint(0, 200))
        out.append(line)
        total += len(line) + 2
    return "\r\n".join(out)


# Each case builds its bytes; reading them must end in a result or a ReadError, nothing else.
CASES: dict[str, Callable[[], bytes]] = {
    "random_bytes_4mb": lambda: _rng().randbytes(4 * MB),
    "random_text_after_begin_2mb": lambda: (
        "BEGIN:VCARD\r\n" + _random_lines(_rng(), 2 * MB)
    ).encode(),
    "nested_begin_10k": lambda: (
        "BEGIN:VCARD\r\nVERSION:3.0\r\n" * 10_000 + "FN:Deep\r\n" + "END:VCARD\r\n" * 10_000
    ).encode(),
    "line_1mb_note": lambda: card("NOTE:" + "x" * MB).encode(),
    "line_1mb_without_colon": lambda: card("y" * MB).encode(),
    "line_1mb_folded": lambda: card(
        "NOTE:" + "\r\n ".join("z" * 74 for _ in range(MB // 74))
    ).encode(),
    "line_1mb_of_params": lambda: card("EMAIL" + ";TYPE=work" * (MB // 10) + ":a@b.c").encode(),
    "props_100k_email": lambda: card(
        *(f"EMAIL:person{n}@example.org" for n in range(100_000))
    ).encode(),
    "props_100k_unknown": lambda: card(*(f"X-FOO-{n}:bar" for n in range(100_000))).encode(),
    "cards_50k_tiny": lambda: "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:P{n}\r\nEND:VCARD\r\n" for n in range(50_000)
    ).encode(),
    "photo_declares_100k_by_100k": lambda: card(
        "PHOTO;ENCODING=b;TYPE=PNG:" + base64.b64encode(png_header(100_000, 100_000)).decode()
    ).encode(),
    "photo_data_uri_bomb": lambda: card(
        "PHOTO:data:image/png;base64\\," + base64.b64encode(png_header(60_000, 60_000)).decode()
    ).encode(),
    "photo_8mb_junk_base64": lambda: card(
        "PHOTO;ENCODING=b;TYPE=JPEG:" + base64.b64encode(_rng().randbytes(6 * MB)).decode()
    ).encode(),
    "quoted_printable_1mb_soft_breaks": lambda: card(
        "NOTE;ENCODING=QUOTED-PRINTABLE:" + "=\r\n" * (MB // 3) + "end"
    ).encode(),
    "utf16_2mb": lambda: "".join(card(f"NOTE:{'ü' * 1000}") for _ in range(1000)).encode("utf-16"),
    "csv_1mb_cell": lambda: (
        LINKEDIN + 'Ada,Lovelace,,ada@example.org,"' + "q" * MB + '",Countess,14 Mar 2024\r\n'
    ).encode(),
    "csv_100k_columns": lambda: (LINKEDIN + ",".join(["x"] * 100_000) + "\r\n").encode(),
    "csv_unbalanced_quote_4mb": lambda: (
        LINKEDIN + 'Ada,"' + _random_lines(_rng(), 4 * MB).replace('"', "")
    ).encode(),
    "csv_200k_rows": lambda: (
        LINKEDIN
        + "".join(f"P{n},Q{n},,p{n}@example.org,Org,Title,1 Jan 2024\r\n" for n in range(200_000))
    ).encode(),
}


def read(data: bytes) -> dict[str, object]:
    """Read bytes the way an import does; a ReadError is a fine outcome, anything else is not."""
    try:
        result = reading.read_bytes(data, "hostile")
    except ReadError as exc:
        return {"outcome": "refused", "message": str(exc)}
    return {
        "outcome": "read",
        "format": result.format,
        "records": len(result.records),
        "problems": len(result.problems),
        "photos": sum(1 for r in result.records if r.photo is not None),
    }


def per_mb(seconds: float, size: int) -> float:
    return seconds / (max(size, MIN_SIZE_FOR_RATE) / MB)


# ----------------------------------------------------------------------------- the corpus


def corpus_files() -> list[Path]:
    skip = {"SOURCE.txt", "expected.json", "QUIRKS.md", "README.md"}
    return sorted(p for p in corpus.ROOT.rglob("*") if p.is_file() and p.name not in skip)


def mutations(data: bytes, rng: random.Random) -> Iterator[tuple[str, bytes]]:
    """Seeded damage of the kinds files really suffer: flips, cuts, repeats, junk, line chaos."""
    size = max(len(data), 1)
    flipped = bytearray(data)
    for _ in range(max(1, size // 200)):
        if flipped:
            flipped[rng.randrange(len(flipped))] ^= 1 << rng.randrange(8)
    yield "bit_flips", bytes(flipped)
    yield "truncated", data[: rng.randrange(size)]
    start = rng.randrange(size)
    yield "repeated_slice", data[:start] + data[start : start + 512] * 50 + data[start:]
    junk = rng.randbytes(rng.randint(1, 300))
    at = rng.randrange(size)
    yield "junk_inserted", data[:at] + junk + data[at:]
    lines = data.splitlines(keepends=True)
    rng.shuffle(lines)
    yield "lines_shuffled", b"".join(lines)
    yield "line_ends_mangled", data.replace(b"\r\n", b"\r").replace(b"\n", b"\r\n\r\n")


def run_corpus(limit: int = MUTATIONS_PER_FILE) -> dict[str, object]:
    """Every corpus file as it is and mutated; counts cases and lists crashes."""
    rng = random.Random(SEED)
    cases = 0
    crashes: list[str] = []
    worst = (0.0, "")
    for path in corpus_files():
        original = path.read_bytes()
        variants = [("original", original), *list(mutations(original, rng))[:limit]]
        for kind, data in variants:
            cases += 1
            started = time.perf_counter()
            try:
                read(data)
            except Exception:  # a crash: the reader let something other than ReadError out
                crashes.append(f"{path.name} {kind}: {traceback.format_exc(limit=3)}")
            seconds = time.perf_counter() - started
            rate = per_mb(seconds, len(data))
            if rate > worst[0]:
                worst = (rate, f"{path.name} {kind}")
    return {
        "case": "corpus",
        "files": len(corpus_files()),
        "cases": cases,
        "crashes": crashes,
        "worst_seconds_per_mb": round(worst[0], 3),
        "worst": worst[1],
    }


# ----------------------------------------------------------------------------- children


def run_child(command: list[str], timeout: float) -> dict[str, object]:
    """Run a case in a child process (its last stdout line is the JSON result); a timeout or a
    crash is a result too."""
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=timeout, cwd=REPO, check=False
        )
    except subprocess.TimeoutExpired:
        return {"case": command[-1], "outcome": "timeout", "timeout_s": timeout}
    if done.returncode != 0:
        return {"case": command[-1], "outcome": "crash", "stderr": done.stderr[-2000:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_isolated(args: list[str], timeout: float) -> dict[str, object]:
    """`--case NAME` or `--corpus` of this module in a child process."""
    return run_child([sys.executable, "-m", "tests.helpers.hostile", *args], timeout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", choices=sorted(CASES), help="read one case here")
    parser.add_argument("--corpus", action="store_true", help="read the mutated corpus here")
    args = parser.parse_args()
    if args.case:
        print(json.dumps({"case": args.case, **read(CASES[args.case]())}))
    elif args.corpus:
        print(json.dumps(run_corpus()))
    else:
        parser.error("--case NAME or --corpus")
    return 0


if __name__ == "__main__":
    sys.exit(main())
