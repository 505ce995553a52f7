"""`netdesk` itself: the table of subcommands, its help, and words that are neither a command
nor a file."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from netdesk import cli
from netdesk.cli.base import Command
from tests.helpers.paths import REPO


def netdesk(home: Path, *args: str, code: str | None = None) -> subprocess.CompletedProcess:
    """`python -m netdesk ARGS` (or a snippet) as a separate process with its own home."""
    env = dict(os.environ, NETDESK_HOME=str(home), PYTHONPATH=str(REPO))
    env["QT_QPA_PLATFORM"] = "offscreen"  # should a window open after all, it is never seen
    command = ["-c", code, *args] if code else ["-m", "netdesk", *args]
    return subprocess.run(
        [sys.executable, *command], capture_output=True, text=True, env=env, timeout=60
    )


@pytest.mark.parametrize("name", list(cli.COMMANDS))
def test_every_command_in_the_table_loads_with_a_one_line_help_and_db(name):
    command = cli.load(name)
    assert isinstance(command, Command)
    assert command.help and "\n" not in command.help
    parser = argparse.ArgumentParser()
    command.configure(parser)
    assert "--db" in parser._option_string_actions


def test_help_says_what_opens_the_window_and_lists_every_command(capsys):
    assert cli.main(["--help"]) == 0
    out = capsys.readouterr().out
    flat = " ".join(out.split())  # the help wraps to the terminal's width
    assert "`netdesk` opens the window; `netdesk FILE...` opens it with an import preview" in flat
    for option in ("--show-person ID", "--self-test", "--version", "--db PATH"):
        assert option in out
    for name in cli.COMMANDS:
        assert f" {name} {cli.load(name).help}" in flat


def test_a_command_shows_its_own_help(capsys):
    assert cli.main(["import", "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: netdesk import") and "--dry-run" in out


def test_a_word_that_is_no_command_nor_file_is_a_usage_error_not_a_window(tmp_path):
    done = netdesk(tmp_path, "bogus")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "netdesk: bogus: no such command or file\n"
    logged = [p.read_text() for p in tmp_path.rglob("*.log")]
    assert not any("Traceback" in text for text in logged)
    assert not list(tmp_path.rglob("*.db"))  # no window, no database


def test_a_missing_file_after_a_good_one_is_named(tmp_path, testdata):
    card = testdata / "vcards" / "calcard" / "005.vcf"
    done = netdesk(tmp_path, str(card), str(tmp_path / "gone.vcf"))
    assert done.returncode == 2
    assert done.stderr == f"netdesk: {tmp_path / 'gone.vcf'}: no such file\n"


def test_a_window_start_loads_no_command_module(tmp_path):
    """The commands pull in the backup and import machinery, which the window's first paint
    must not wait for."""
    code = textwrap.dedent(
        """
        import sys
        from netdesk import cli
        cli.window_args(["--db", sys.argv[1]])
        print(sorted(m for m in sys.modules if m.startswith("netdesk.cli.") or "backup" in m))
        """
    )
    done = netdesk(tmp_path, str(tmp_path / "x.db"), code=code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['netdesk.cli.base']"


def test_a_command_loads_only_its_own_module(tmp_path):
    code = textwrap.dedent(
        """
        import sys
        from netdesk import cli
        code = cli.main(["backups", "--db", sys.argv[1]])
        print(code, sorted(m for m in sys.modules if m.startswith("netdesk.cli.")))
        """
    )
    done = netdesk(tmp_path, str(tmp_path / "x.db"), code=code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "0 ['netdesk.cli.backups', 'netdesk.cli.base']"


def test_command_modules_import_nothing_of_cli_but_its_base():
    """No cycle: `cli/__init__` loads the command modules, which need only `cli.base`."""
    from tests.architecture.test_layers import PACKAGE, imports_of

    for path in sorted((PACKAGE / "cli").glob("*.py")):
        if path.name == "__init__.py":
            continue
        used = {
            m for m, _ in imports_of(path) if m == "netdesk.cli" or m.startswith("netdesk.cli.")
        }
        assert used <= {"netdesk.cli.base"}, f"{path.name} imports {sorted(used)}"
