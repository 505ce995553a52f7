"""Import benchmark: a seeded N-card vCard 3.0 file, dry run vs full import, memory, vobject.

The cards' given and family names repeat (NAMES distinct names, as in a big network where many
people share a name) while each has its own UID, email and phone: every card is imported, the
namesakes flagged for review, so the dry run and the import both count all N.

Budget: importing a 10,000-card file takes at most 1.3x the time to merely read and plan it,
and imports every card; the script exits 1 when either fails. Each measurement runs in a fresh
subprocess with a fresh database, so peak memory (ru_maxrss) belongs to that step alone; all
figures come from one run of this script.

    python benchmarks/bench_import.py [--cards 10000] [--seed 7] [--repeat 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _words(text: str, sep: str | None = None) -> list[str]:
    return text.split(sep)


GIVEN = _words(
    "Ana Ben Chloé Dmitri Eun-ji Farah Gustavo Hana Ingrid Jamal Kenji Léa Mateo Nadia Oluwaseun "
    "Priya Quentin Rosa Sven Tomás Uma Viktor Wen Xavier Yara Zoë Aisha Björn Carmen Diego Elif "
    "Femi Giulia Hiroshi Isabel Jonas Kavya Lars Mei Noor Omar Paula Rafael Sofia Tariq Valentina"
)
FAMILY = _words(
    "Souza Okafor Müller Nakamura Kowalski Haddad García Lindqvist Chen Petrov Dubois Rossi Kim "
    "Andersen Singh Novak Fernández Ivanova Osei Tanaka Moreau Bianchi Park Jensen Sharma Horvat "
    "López Smirnova Mensah Sato Lambert Ricci Choi Nielsen Gupta Kovač Martín Popova Boateng Ito"
)
ORGS = _words(
    "Fjordlight Analytics|Tidewater Ventures|Lumen Freight|Harrowgate Instruments|Kōwhai Trust|"
    "Northwind Robotics|Bluebird Health|Cobalt & Pine Design|Meridian Capital|Atlas Biolabs|"
    "Quillon Software|Verdant Energy|Granite Peak Consulting|Saffron Media|Orbital Logistics",
    "|",
)
# Family names from syllables, so 10,000 people are mostly distinct (as in a real network),
# while common names still collide now and then and exercise the duplicate check.
FAMILY_START = _words(
    "Lind Berg Holm Strand Ok Nak Kowal Had Gar Dub Ross Ander Nov Fern Tan Mor Bian Jen Shar "
    "Hor Lop Men Lam Ric Niel Gup Pop Boat Fisch Web Cost Yil Nguy Ab Wal Hoff Sant Ahm Rah Lar"
)
FAMILY_END = _words(
    "qvist ström sen son afor amura ski dad cía ois si ersen ak ández aka eau chi sen ma vat ez "
    "sah bert ci sen ta ova eng er er a az ebe sh mann os ed man ard ino elli"
)
TITLES = _words("Head of Data|Partner|Ops Lead|CTO|Product Manager|Staff Engineer|Founder", "|")
NOTES = [
    "Met at the {o} offsite; follow up about the pilot.",
    "Introduced by a former colleague.\nLikes long walks and sourdough.",
    "Asked for advice on hiring, promised to send notes.",
    "",
    "",
]
PHONE_PREFIXES = ["+44 20 7946 ", "+1 415 555 ", "+49 30 5550 ", "+33 6 55 55 ", "+81 3 5550 "]
NAMES = 900  # distinct given + family names among the cards


def _photos(rng: random.Random) -> list[bytes]:
    """A few small real images (JPEG and PNG), as phones attach them to contacts."""
    from PIL import Image, ImageDraw

    out = []
    for i, (fmt, size) in enumerate([("JPEG", (96, 96)), ("PNG", (64, 64)), ("JPEG", (320, 240))]):
        image = Image.new("RGB", size, (rng.randrange(256), rng.randrange(256), 128))
        ImageDraw.Draw(image).ellipse((4, 4, size[0] - 4, size[1] - 4), fill=(200, 80 + i, 40))
        buffer = io.BytesIO()
        image.save(buffer, format=fmt)
        out.append(buffer.getvalue())
    return out


def generate(path: Path, cards: int, seed: int) -> None:
    """Write `cards` realistic vCard 3.0 cards through netdesk's own writer."""
    from netdesk.io.records import ContactRecord, PointRecord, PositionRecord
    from netdesk.io.vcard_writer import write_vcards
    from netdesk.values import Birthday, PointKind, TagKind

    rng = random.Random(seed)
    photos = _photos(rng)

    def family_name() -> str:
        if rng.random() < 0.1:
            return rng.choice(FAMILY)
        return rng.choice(FAMILY_START) + rng.choice(FAMILY_END)

    def name() -> tuple[str, str]:
        given = rng.choice(GIVEN)
        if rng.random() < 0.3:
            given += " " + rng.choice(GIVEN)
        family = family_name()
        if rng.random() < 0.2:
            family += "-" + family_name()
        return given, family

    names = list(dict.fromkeys(name() for _ in range(NAMES * 2)))[:NAMES]

    def record(i: int) -> ContactRecord:
        given, family = rng.choice(names)
        org = rng.choice(ORGS)
        domain = org.lower().split()[0].replace("ō", "o") + ".example"
        local = f"{given}.{family}.{i}".lower().replace(" ", ".")
        points = [PointRecord(PointKind.EMAIL, f"{local}@{domain}", "work")]
        if rng.random() < 0.5:
            points.append(PointRecord(PointKind.EMAIL, f"{local}@mail.example", "home"))
        points.append(
            PointRecord(
                PointKind.PHONE, rng.choice(PHONE_PREFIXES) + f"{i % 10000:04d}", "mobile", True
            )
        )
        birthday = None
        if rng.random() < 0.6:
            year = rng.randrange(1950, 2004) if rng.random() < 0.7 else None
            birthday = Birthday(rng.randrange(1, 13), rng.randrange(1, 29), year)
        return ContactRecord(
            card=i + 1,
            formatted_name=f"{given} {family}",
            given=given,
            family=family,
            birthday=birthday,
            points=points,
            positions=[PositionRecord(org, rng.choice(TITLES))],
            tags=[(TagKind.LABEL, rng.choice(["Clients", "Conference 2025", "Advisors"]))],
            note=rng.choice(NOTES).format(o=org),
            photo=rng.choice(photos) if rng.random() < 0.10 else None,
            uid=f"urn:uuid:bench-{seed}-{i:06d}",
        )

    with path.open("w", encoding="utf-8", newline="") as out:
        write_vcards((record(i) for i in range(cards)), out, "3.0")


# --- measurements, each in its own process ------------------------------------------------------


def _child(step: str, vcf: Path, db_path: Path) -> dict[str, float]:
    from netdesk import db
    from netdesk.core import importing
    from netdesk.io import reading

    if step in ("dry", "import"):
        db.open(db_path)
    start, cpu = time.perf_counter(), time.process_time()
    result: dict[str, float] = {}
    if step == "read":
        reader = reading.iter_records(vcf)
        result["records"] = sum(1 for _ in reader.records())
    elif step == "vobject":
        import vobject

        with vcf.open(encoding="utf-8") as handle:
            result["records"] = sum(1 for _ in vobject.readComponents(handle))
    elif step == "dry":
        report = importing.import_path(vcf, dry_run=True)
        result["records"] = report.new + report.updated
        result["flagged"] = report.flagged
    elif step == "import":
        report = importing.import_path(vcf)
        result["records"] = report.new + report.updated
        result["flagged"] = report.flagged
    result["seconds"] = time.perf_counter() - start
    result["cpu"] = time.process_time() - cpu  # steadier than wall time on a busy machine
    result["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def _measure(step: str, vcf: Path, work: Path, run: int) -> dict[str, float]:
    db_path = work / f"{step}-{run}.db"
    cmd = [sys.executable, __file__, "--child", step, str(vcf), str(db_path)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _baseline_mb() -> float:
    code = (
        "import resource, netdesk.core.importing, netdesk.io.reading, vobject;"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return float(done.stdout.strip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3, help="runs per step; the best counts")
    parser.add_argument("--keep", type=Path, help="keep the generated file in this folder")
    parser.add_argument("--child", nargs=3, metavar=("STEP", "VCF", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        step, vcf, db_path = args.child
        print(json.dumps(_child(step, Path(vcf), Path(db_path))))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(args.keep or tmp)
        work.mkdir(parents=True, exist_ok=True)
        vcf = work / f"bench-{args.cards}.vcf"
        started = time.perf_counter()
        generate(vcf, args.cards, args.seed)
        size_mb = vcf.stat().st_size / 1e6
        took = time.perf_counter() - started
        print(f"generated {args.cards} cards, {size_mb:.1f} MB in {took:.1f} s")
        best: dict[str, dict[str, float]] = {}
        for run in range(args.repeat):
            for step in ("read", "vobject", "dry", "import"):
                result = _measure(step, vcf, work, run)
                if step not in best or result["seconds"] < best[step]["seconds"]:
                    best[step] = result
        baseline = _baseline_mb()
        return 0 if _print(args.cards, best, baseline) else 1


def _print(cards: int, best: dict[str, dict[str, float]], baseline: float) -> bool:
    """Print the table; True when every card was imported within the time budget."""
    rows = [
        ("netdesk reader (read only)", "read"),
        ("vobject.readComponents", "vobject"),
        ("dry run (read + plan)", "dry"),
        ("full import (read + plan + write)", "import"),
    ]
    print(f"\n{'step':<36}{'seconds':>9}{'cards/s':>10}{'peak MB':>9}{'above base':>11}")
    for label, key in rows:
        r = best[key]
        print(
            f"{label:<36}{r['seconds']:>9.2f}{cards / r['seconds']:>10.0f}"
            f"{r['maxrss_mb']:>9.0f}{r['maxrss_mb'] - baseline:>11.0f}"
        )
    imported = best["import"]["records"]
    print(f"\nimported {imported:.0f} of {cards} cards, {best['import']['flagged']:.0f} flagged")
    ratio = best["import"]["seconds"] / best["dry"]["seconds"]
    verdict = "ok" if ratio <= 1.3 else "OVER BUDGET"
    print(f"\nimport / dry run = {ratio:.2f}  (budget 1.30: {verdict})")
    cpu_ratio = best["import"]["cpu"] / best["dry"]["cpu"]
    print(f"import / dry run in CPU time = {cpu_ratio:.2f}")
    print(f"netdesk reader / vobject = {best['read']['seconds'] / best['vobject']['seconds']:.2f}")
    print(f"python + modules baseline: {baseline:.0f} MB; date {dt.date.today()}")
    return imported == cards and ratio <= 1.3


if __name__ == "__main__":
    sys.exit(main())
