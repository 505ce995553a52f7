"""The real-world corpus tests without the corpus: left out with one line outside CI, an error
in CI. Runs pytest itself on one module, as a developer would."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.helpers.paths import REPO

MODULE = "tests/io/test_reading.py"  # some tests read the corpus, some do not


def run_pytest(tmp_path, *, ci: bool) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["NETDESK_TESTDATA"] = str(tmp_path / "no-corpus-here")
    if ci:
        env["CI"] = "true"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", MODULE],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=300, check=False,
    )


@pytest.mark.slow
def test_without_the_corpus_its_tests_are_left_out_and_counted(tmp_path):
    done = run_pytest(tmp_path, ci=False)
    assert done.returncode == 0, done.stdout + done.stderr
    missing = tmp_path / "no-corpus-here"
    assert f"{missing} not found: " in done.stdout
    line = next(x for x in done.stdout.splitlines() if x.startswith(f"{missing} not found: "))
    assert line.endswith(" real-world corpus tests were not run")
    assert " passed" in done.stdout and "skipped" not in done.stdout and "deselected" in done.stdout


@pytest.mark.slow
def test_in_ci_a_missing_corpus_is_an_error(tmp_path):
    done = run_pytest(tmp_path, ci=True)
    assert done.returncode != 0
    assert "not found: CI runs the " in done.stdout + done.stderr
    assert " passed" not in done.stdout
