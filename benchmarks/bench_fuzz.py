"""Hostile inputs for the readers: seconds per megabyte and peak memory, case by case.

Every case is a file nobody should send netdesk: random bytes, BEGIN:VCARD nested 10,000 deep,
1 MB lines, 100,000 properties in one card, a photo declaring 100,000 x 100,000 pixels, CSVs
with a 1 MB cell or 100,000 columns... Each runs in its own process (a hang is cut off by a
timeout and reported), is read once for time and once under tracemalloc for Python's peak
memory; `maxrss` is the whole process's peak (C allocations included). `--corpus` also reads
seeded mutations of every file in the shared test data.

    python benchmarks/bench_fuzz.py                  # all cases and the corpus; a table
    python benchmarks/bench_fuzz.py --json OUT.json  # the same, saved
    python benchmarks/bench_fuzz.py --case NAME      # one case in this process (JSON line)

Import cases (`--imports`) run the whole import pipeline (read, plan, apply, as `netdesk import`
does) on big files in child processes and report each child's peak resident memory (ru_maxrss)
per card and as a ratio to the file's size, beside a baseline child that only loads the modules
and opens a database; the dry run of 200,000 minimal cards has a budget of 250 MB.

    python benchmarks/bench_fuzz.py --imports        # only the import cases; a table

tests/safety/test_hostile.py runs the same cases as a hang and crash guard, without timing.
"""

from __future__ import annotations

import argparse
import base64
import json
import random
import resource
import struct
import subprocess
import sys
import time
import traceback
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from netdesk.io import reading  # noqa: E402
from netdesk.io.errors import ReadError  # noqa: E402

TESTDATA = ROOT.parent / "shared" / "testdata"
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


def measure(name: str, *, memory: bool = True) -> dict[str, object]:
    """Time one case (and, with `memory`, its tracemalloc peak in a second read)."""
    data = CASES[name]()
    started = time.perf_counter()
    figures: dict[str, object] = {"case": name, **read(data)}
    seconds = time.perf_counter() - started
    size_mb = len(data) / MB
    figures.update(
        mb=round(size_mb, 2),
        seconds=round(seconds, 3),
        seconds_per_mb=round(per_mb(seconds, len(data)), 3),
    )
    if memory:
        tracemalloc.start()
        read(data)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        figures["peak_mb"] = round(peak / MB, 1)
        figures["peak_per_input"] = round(peak / max(len(data), 1), 1)
    # Linux reports kilobytes, macOS bytes.
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    figures["maxrss_mb"] = round(rss / (MB if sys.platform == "darwin" else 1024), 1)
    return figures


# ----------------------------------------------------------------------------- the corpus


def corpus_files() -> list[Path]:
    skip = {"SOURCE.txt", "expected.json", "QUIRKS.md", "README.md"}
    return sorted(p for p in TESTDATA.rglob("*") if p.is_file() and p.name not in skip)


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


# ----------------------------------------------------------------------------- import cases

IMPORT_TIMEOUT_S = 1800
DRY_RUN_BUDGET_MB = 250


def _minimal_cards(count: int) -> Iterator[str]:
    return (f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:P{n}\r\nEND:VCARD\r\n" for n in range(count))


def _empty_cards(count: int) -> Iterator[str]:
    return ("BEGIN:VCARD\r\nVERSION:3.0\r\nEND:VCARD\r\n" for _ in range(count))


def _csv_rows(size: int) -> Iterator[str]:
    """LinkedIn rows up to `size` bytes: just under the 50 MB a CSV may have."""
    yield LINKEDIN
    done, n = len(LINKEDIN), 0
    while done < size:
        row = f"P{n},Q{n},,p{n}@example.org,Org,Title,1 Jan 2024\r\n"
        done, n = done + len(row), n + 1
        yield row


# name: (file name, its text, dry run?)
IMPORT_CASES: dict[str, tuple[str, Callable[[], Iterator[str]], bool]] = {
    "dry_run_200k_minimal_cards": ("min200k.vcf", lambda: _minimal_cards(200_000), True),
    "import_200k_minimal_cards": ("min200k.vcf", lambda: _minimal_cards(200_000), False),
    "import_1m_minimal_cards": ("min1m.vcf", lambda: _minimal_cards(1_000_000), False),
    "import_1m_empty_cards": ("empty1m.vcf", lambda: _empty_cards(1_000_000), False),
    "import_49mb_csv_rows": ("rows49mb.csv", lambda: _csv_rows(49 * MB), False),
}


def import_child(name: str, path: Path, db_path: Path) -> dict[str, object]:
    """One import case the way `netdesk import` runs it; the baseline only opens the store."""
    from netdesk import db
    from netdesk.core import importing
    from netdesk.db.models import ImportBatch

    db.open(db_path)
    figures: dict[str, object] = {"case": name}
    if name != "baseline":
        dry_run = IMPORT_CASES[name][2]
        started = time.perf_counter()
        (file,) = importing.plan_files([path])
        if file.plan is None:
            assert file.refusal is not None
            figures.update(outcome="refused", message=file.refusal.reason)
        else:
            report = (importing.report_for if dry_run else importing.apply)(file.plan)
            figures.update(outcome="imported", cards=report.cards, new=report.new)
        figures["seconds"] = round(time.perf_counter() - started, 1)
        figures["import_records"] = ImportBatch.select().count()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    figures["maxrss_mb"] = round(rss / (MB if sys.platform == "darwin" else 1024), 1)
    return figures


def run_imports() -> list[dict[str, object]]:
    """Every import case in its own child process, after a baseline child."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        results = [_import_isolated("baseline", work / "none", work)]
        for name, (file_name, text, _dry) in IMPORT_CASES.items():
            path = work / file_name
            if not path.exists():
                with path.open("w", encoding="utf-8", newline="") as out:
                    out.writelines(text())
            result = _import_isolated(name, path, work)
            size = path.stat().st_size
            above = float(result.get("maxrss_mb", 0)) - float(results[0]["maxrss_mb"])
            cards = sum(1 for _ in text()) - (1 if file_name.endswith(".csv") else 0)
            result.update(
                file_mb=round(size / MB, 1),
                cards_in_file=cards,
                kb_per_card=round(above * 1024 / cards, 2),
                rss_per_file_byte=round(above * MB / size, 1),
            )
            results.append(result)
    return results


def _import_isolated(name: str, path: Path, work: Path) -> dict[str, object]:
    db_path = work / f"{name}.db"
    args = ["--import-case", name, str(path), str(db_path)]
    return run_isolated(args, IMPORT_TIMEOUT_S) | {"case": name}


def print_imports(results: list[dict[str, object]]) -> None:
    base = results[0]
    print(f"\nimport cases (baseline child: {base.get('maxrss_mb')} MB)")
    print(
        f"{'case':<30}{'MB':>6}{'cards':>9}{'s':>7}{'rss MB':>8}{'KB/card':>9}"
        f"{'rss/byte':>9}{'records':>8}  outcome"
    )
    for r in results[1:]:
        print(
            f"{r['case']:<30}{r.get('file_mb', 0):>6}{r.get('cards_in_file', 0):>9}"
            f"{r.get('seconds', 0):>7}{r.get('maxrss_mb', 0):>8}{r.get('kb_per_card', 0):>9}"
            f"{r.get('rss_per_file_byte', 0):>9}{r.get('import_records', '-'):>8}"
            f"  {r['outcome']} {r.get('message', '')}"
        )
    dry = next(r for r in results if r["case"] == "dry_run_200k_minimal_cards")
    verdict = "ok" if float(dry.get("maxrss_mb", 1e9)) <= DRY_RUN_BUDGET_MB else "OVER BUDGET"
    print(f"dry run of 200,000 minimal cards: {dry.get('maxrss_mb')} MB ", end="")
    print(f"(budget {DRY_RUN_BUDGET_MB} MB: {verdict})")


def imports_failed(results: list[dict[str, object]]) -> bool:
    """A crash or timeout, an import record written with no card imported, or over budget."""
    for r in results:
        if r.get("outcome") in ("timeout", "crash"):
            return True
        if r.get("import_records") and not r.get("new"):
            return True
    dry = next(r for r in results if r["case"] == "dry_run_200k_minimal_cards")
    return float(dry.get("maxrss_mb", 1e9)) > DRY_RUN_BUDGET_MB


# ----------------------------------------------------------------------------- driver


def run_isolated(args: list[str], timeout: float) -> dict[str, object]:
    """Run `--case`/`--corpus` in a child process; a timeout or a crash is a result too."""
    command = [sys.executable, str(Path(__file__).resolve()), *args]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=timeout, cwd=ROOT, check=False
        )
    except subprocess.TimeoutExpired:
        return {"case": args[-1], "outcome": "timeout", "timeout_s": timeout}
    if done.returncode != 0:
        return {"case": args[-1], "outcome": "crash", "stderr": done.stderr[-2000:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", choices=sorted(CASES), help="run one case here")
    parser.add_argument("--corpus", action="store_true", help="run the mutated corpus here")
    parser.add_argument("--no-memory", action="store_true", help="skip the tracemalloc pass")
    parser.add_argument("--json", type=Path, metavar="OUT", help="also save the results")
    parser.add_argument("--imports", action="store_true", help="only the import cases")
    parser.add_argument("--import-case", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.import_case:
        name, path, db_path = args.import_case
        print(json.dumps(import_child(name, Path(path), Path(db_path))))
        return 0
    if args.imports:
        imports = run_imports()
        print_imports(imports)
        return 1 if imports_failed(imports) else 0
    if args.case:
        print(json.dumps(measure(args.case, memory=not args.no_memory)))
        return 0
    if args.corpus:
        print(json.dumps(run_corpus()))
        return 0
    results = [run_isolated(["--case", name], CASE_TIMEOUT_S) for name in CASES]
    corpus = run_isolated(["--corpus"], CORPUS_TIMEOUT_S)
    print(f"{'case':<34}{'MB':>7}{'s':>8}{'s/MB':>8}{'peak MB':>9}{'rss MB':>8}  outcome")
    for r in results:
        print(
            f"{r['case']:<34}{r.get('mb', 0):>7}{r.get('seconds', 0):>8}"
            f"{r.get('seconds_per_mb', 0):>8}{r.get('peak_mb', 0):>9}{r.get('maxrss_mb', 0):>8}"
            f"  {r['outcome']}"
        )
    worst = max(results, key=lambda r: float(r.get("seconds_per_mb", 0)))
    print(
        f"\ncorpus: {corpus.get('cases')} cases from {corpus.get('files')} files, "
        f"{len(corpus.get('crashes', []))} crashes, worst {corpus.get('worst_seconds_per_mb')} "
        f"s/MB ({corpus.get('worst')})"
    )
    print(
        f"cases: {len(results)}; worst {worst.get('seconds_per_mb')} s/MB ({worst['case']}); "
        f"fuzz cases run in all: {len(results) + int(corpus.get('cases', 0))}"
    )
    imports = run_imports()
    print_imports(imports)
    if args.json:
        saved = {"cases": results, "corpus": corpus, "imports": imports}
        args.json.write_text(json.dumps(saved, indent=1))
    bad = [r for r in results if r["outcome"] in ("timeout", "crash")]
    failed = bad or corpus.get("crashes") or corpus.get("outcome") or imports_failed(imports)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
