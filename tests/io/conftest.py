"""The corpus's vCard and CSV folders, for tests that read them (marked `corpus` through
`testdata`)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def vcards_dir(testdata: Path) -> Path:
    return testdata / "vcards"


@pytest.fixture(scope="session")
def csv_dir(testdata: Path) -> Path:
    return testdata / "csv"
