"""Running vdirsyncer, and its failures said in one line.

vdirsyncer runs as a child process of this same installation: `python -m vdirsyncer` with the
running interpreter, or `netdesk --vdirsyncer` in the frozen bundle (which has no separate
Python). Its output and exit code tell what went wrong; `SyncError.kind` names the class
(unreachable, password, certificate, timeout, refused, emptied, other) and its text is the
sentence to show. vdirsyncer writes each item and its status one by one, so a run that stops
half-way is taken up by the next.
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

from netdesk.system import paths

log = logging.getLogger(__name__)

TIMEOUT = 120.0  # seconds vdirsyncer may stay silent (it says a line per item moved)
NEEDS_DISCOVER = re.compile(r"run `vdirsyncer discover")


class SyncError(Exception):
    """A sync that could not finish; `str()` is one sentence, and nothing stored was lost."""

    def __init__(self, message: str, kind: str = "other", *, fingerprint: str = "") -> None:
        super().__init__(message)
        self.kind = kind
        self.fingerprint = fingerprint  # a refused certificate's SHA-256, to offer trusting it

    def as_result(self) -> dict[str, str]:
        """The failure as an account's last result remembers it."""
        result = {"error": str(self), "kind": self.kind}
        return result | {"fingerprint": self.fingerprint} if self.fingerprint else result


def command() -> list[str]:
    if getattr(sys, "frozen", False):
        return [*paths.installed_command("netdesk"), "--vdirsyncer"]
    return [sys.executable, "-m", "vdirsyncer"]


def run(config: Path, *args: str, url: str, timeout: float = TIMEOUT) -> str:
    """Run `vdirsyncer ARGS` on `config`; its output, or SyncError saying what failed. The
    timeout counts silence, not the whole run: vdirsyncer says a line per item it moves, so a
    first sync of thousands of cards runs as long as the server keeps answering."""
    env = {**os.environ, "VDIRSYNCER_CONFIG": str(config)}
    process = subprocess.Popen(
        [*command(), *args],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        errors="replace",
    )
    output = _Output(process)
    if not output.wait(timeout):
        process.kill()
        process.wait()
        raise SyncError(
            f"{_host(url)} did not answer within {timeout:g} seconds; try again later.", "timeout"
        )
    log.info("vdirsyncer %s: exit %s\n%s", " ".join(args), process.returncode, output.text)
    if process.returncode != 0:
        raise describe(output.text, url)
    return output.text


class _Output:
    """A child's output read on a thread, with the time of its last line."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process
        self.lines: list[str] = []
        self.last = time.monotonic()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line)
            self.last = time.monotonic()

    def wait(self, silence: float) -> bool:
        """Wait for the end; False when the child said nothing for `silence` seconds."""
        while self.reader.is_alive():
            self.reader.join(min(1.0, silence))
            if self.reader.is_alive() and time.monotonic() - self.last > silence:
                return False
        self.process.wait()
        return True

    @property
    def text(self) -> str:
        return "".join(self.lines)


def needs_discover(error: SyncError) -> bool:
    """vdirsyncer's answer when the config no longer matches its saved collections (a new URL
    or password): discovering again is all it takes."""
    return error.kind == "discover"


# HTTP status 401, never the digits of an address ("127.0.0.1:40109", "10.0.40.1")
_STATUS_401 = re.compile(r"(?<![\w.:])401(?![\w.:])")


def describe(output: str, url: str) -> SyncError:
    """The failure class and sentence for a vdirsyncer run that exited with an error."""
    text = output.lower()
    host = _host(url)
    if NEEDS_DISCOVER.search(output):
        return SyncError("the sync settings changed; collections must be found again", "discover")
    if _PASSWORD_COMMAND.search(output):  # first: the command it quotes holds any path
        return SyncError(
            f"the password for {host} could not be read{_netdesk_said(output)}; set it again "
            "(Settings > Sync > Change password…, or `netdesk sync password-set`).",
            "password",
        )
    if "completely emptied" in text:
        return SyncError(
            f"every card is gone on one side ({host} or this computer); rather than delete them "
            "all on the other, the sync stops (remove the account and add it again to start over).",
            "emptied",
        )
    if "certificate" in text:
        return SyncError(
            f"{host}'s certificate is not trusted ({_why_untrusted(output)}).", "certificate"
        )
    if "wrong_version_number" in text or "record layer failure" in text:
        return SyncError(
            f"{host} does not speak https at that address; try http://.", "certificate"
        )
    if _STATUS_401.search(text) or "unauthorized" in text:
        return SyncError(f"{host} refused the user name or password (401).", "password")
    if "cannot connect to host" in text or "name or service not known" in text:
        return SyncError(
            f"cannot reach {host}: check the address and that it is online.", "unreachable"
        )
    if "timeout" in text or "timed out" in text:
        return SyncError(f"{host} did not answer in time; try again later.", "timeout")
    if re.search(r"\b(403|404|405)\b", text) or "forbidden" in text or "not found" in text:
        return SyncError(
            f"{host} has no address book for this user at {url} ({_detail(output)}).", "refused"
        )
    return SyncError(f"the sync with {host} failed: {_detail(output)}", "other")


# vdirsyncer quoting the `netdesk sync password` command it asks the password of
_PASSWORD_COMMAND = re.compile(r"'sync', 'password'.*non-zero exit status")


def _netdesk_said(output: str) -> str:
    """What `netdesk sync password` said on its way out, in brackets ("" when nothing)."""
    found = re.search(r"^netdesk: (.+)$", output, re.MULTILINE)
    return f" ({found.group(1).strip().rstrip('.')})" if found else ""


def _why_untrusted(output: str) -> str:
    found = re.search(r"certificate verify failed: ([^(\]'\n]+)", output)
    return found.group(1).strip() if found else _detail(output)


def _detail(output: str) -> str:
    """vdirsyncer's first error line, without its prefix."""
    for line in output.splitlines():
        found = re.match(r"\s*(?:error|critical):\s*(?:Unknown error occurred:\s*)?(.+)", line)
        if found and "-vdebug" not in line:
            return found.group(1).strip().rstrip(".")
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    return lines[-1] if lines else "no output"


def _host(url: str) -> str:
    return urlsplit(url).netloc or url
