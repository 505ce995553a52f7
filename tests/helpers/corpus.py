"""Where the real-world corpus (vCards and CSVs other projects wrote) is: beside the checkout as
../shared/testdata, or wherever NETDESK_TESTDATA points. Tests reach it through the `testdata`
fixture and carry the `corpus` marker (tests/conftest.py deselects them when it is missing);
the names here only parametrize tests at collection."""

from __future__ import annotations

import json
import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEFAULT = REPO.parent / "shared" / "testdata"
ROOT = Path(os.environ.get("NETDESK_TESTDATA") or DEFAULT)
VCARDS = ROOT / "vcards"
CSVS = ROOT / "csv"


def available() -> bool:
    return ROOT.is_dir()


def shown() -> str:
    """The corpus folder as a person set it up: relative to the checkout when it is the default."""
    return "../shared/testdata" if ROOT == DEFAULT else str(ROOT)


def _expected() -> dict[str, dict]:
    path = VCARDS / "expected.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


# vCard file (source/file) -> {"cards": count, "traits": [...]}; empty without the corpus
EXPECTED: dict[str, dict] = _expected()
CSV_NAMES: list[str] = sorted(p.name for p in CSVS.glob("*.csv")) if CSVS.is_dir() else []
