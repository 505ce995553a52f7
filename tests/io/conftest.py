"""Paths to the shared test corpus (kept beside the repository, never copied into it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

TESTDATA = Path(__file__).resolve().parents[2].parent / "shared" / "testdata"
VCARDS = TESTDATA / "vcards"
CSVS = TESTDATA / "csv"
EXPECTED: dict[str, dict] = (
    json.loads((VCARDS / "expected.json").read_text(encoding="utf-8"))
    if (VCARDS / "expected.json").is_file()
    else {}
)


@pytest.fixture(scope="session")
def vcards_dir() -> Path:
    assert VCARDS.is_dir(), f"shared test data missing at {VCARDS}"
    return VCARDS


@pytest.fixture(scope="session")
def csv_dir() -> Path:
    assert CSVS.is_dir(), f"shared test data missing at {CSVS}"
    return CSVS
