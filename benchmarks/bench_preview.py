"""Import preview benchmark: opening the preview of a 20,000-card file against its dry run.

The file is bench_import's seeded vCard 3.0 file (names repeat, so thousands of cards are
flagged for review and carry a choice cell). Each measurement runs in a fresh subprocess with a
fresh database:
- dry run: read and plan the file (`importing.plan_file`), what any import costs;
- preview: the same in an offscreen QApplication with the preview dialog shown, then
  `show_plan` until the dialog has settled (Import usable) and the table has painted.
Goal: the preview opens in about the time of the dry run (preview / dry run <= 1.2).

    python benchmarks/bench_preview.py [--cards 20000] [--seed 7] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

GOAL = 1.2


def _child(step: str, vcf: Path, db_path: Path) -> dict[str, float]:
    from netdesk import db
    from netdesk.core import importing

    db.open(db_path)
    if step == "dry":
        start, cpu = time.perf_counter(), time.process_time()
        plan = importing.plan_file(vcf)
        return {
            "seconds": time.perf_counter() - start,
            "cpu": time.process_time() - cpu,
            "flagged": plan.count(importing.Action.DUPLICATE),
        }
    return _preview(vcf)


def _preview(vcf: Path) -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from netdesk.core import importing
    from netdesk.qt import i18n
    from netdesk.ui.window.import_preview import ImportPreviewDialog, Stage

    app = QApplication([])
    i18n.install()
    dialog = ImportPreviewDialog(None, vcf.name)
    dialog.show()
    app.processEvents()
    painted: list[bool] = []

    class Painted(QObject):
        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                painted.append(True)
            return False

    watcher = Painted()
    dialog.table.viewport().installEventFilter(watcher)
    start, cpu = time.perf_counter(), time.process_time()
    plan = importing.plan_file(vcf)
    planned = time.perf_counter()
    dialog.show_plan(plan)
    while dialog.stage is not Stage.PREVIEW or not painted:
        app.processEvents()
    end = time.perf_counter()
    return {
        "seconds": end - start,
        "cpu": time.process_time() - cpu,  # steadier than wall time on a busy machine
        "show_plan": end - planned,
    }


def _measure(step: str, vcf: Path, work: Path, run: int) -> dict[str, float]:
    db_path = work / f"{step}-{run}.db"
    cmd = [sys.executable, __file__, "--child", step, str(vcf), str(db_path)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3, help="runs per step; the best counts")
    parser.add_argument("--child", nargs=3, metavar=("STEP", "VCF", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        step, vcf, db_path = args.child
        print(json.dumps(_child(step, Path(vcf), Path(db_path))))
        return 0
    from benchmarks.bench_import import generate

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        vcf = work / f"preview-{args.cards}.vcf"
        generate(vcf, args.cards, args.seed)
        best: dict[str, dict[str, float]] = {}
        for run in range(args.repeat):
            for step in ("dry", "preview"):
                result = _measure(step, vcf, work, run)
                if step not in best or result["seconds"] < best[step]["seconds"]:
                    best[step] = result
    dry, preview = best["dry"], best["preview"]
    print(f"\n{args.cards} cards, {dry['flagged']:.0f} flagged for review")
    print(f"{'step':<50}{'seconds':>9}{'cpu s':>9}")
    print(f"{'dry run (read + plan)':<50}{dry['seconds']:>9.2f}{dry['cpu']:>9.2f}")
    print(f"{'preview (read + plan, shown, settled, painted)':<50}"
          f"{preview['seconds']:>9.2f}{preview['cpu']:>9.2f}")
    print(f"{'  of which show_plan until settled and painted':<50}{preview['show_plan']:>9.2f}")
    ratio = preview["seconds"] / dry["seconds"]
    verdict = "ok" if ratio <= GOAL else "OVER BUDGET"
    print(f"\npreview / dry run = {ratio:.2f}  (goal {GOAL:.2f}: {verdict})")
    print(f"preview / dry run in CPU time = {preview['cpu'] / dry['cpu']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
