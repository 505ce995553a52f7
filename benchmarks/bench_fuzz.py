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

The cases and the corpus mutations live in tests/helpers/hostile.py, which
tests/safety/test_hostile.py runs as a hang and crash guard, without timing.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.helpers.hostile import (  # noqa: E402
    CASE_TIMEOUT_S,
    CASES,
    CORPUS_TIMEOUT_S,
    LINKEDIN,
    MB,
    per_mb,
    read,
    run_child,
    run_corpus,
)

# ----------------------------------------------------------------------------- timing


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
    """Run `--case`/`--corpus` of this script in a child process."""
    return run_child([sys.executable, str(Path(__file__).resolve()), *args], timeout)


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
