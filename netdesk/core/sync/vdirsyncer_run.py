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
from pathlib import Path
from urllib.parse import urlsplit

from netdesk.system import paths

log = logging.getLogger(__name__)

TIMEOUT = 300.0  # seconds for one vdirsyncer run; a first sync of thousands of cards fits
NEEDS_DISCOVER = re.compile(r"run `vdirsyncer discover")


class SyncError(Exception):
    """A sync that could not finish; `str()` is one sentence, and nothing stored was lost."""

    def __init__(self, message: str, kind: str = "other") -> None:
        super().__init__(message)
        self.kind = kind


def command() -> list[str]:
    if getattr(sys, "frozen", False):
        return [*paths.installed_command("netdesk"), "--vdirsyncer"]
    return [sys.executable, "-m", "vdirsyncer"]


def run(config: Path, *args: str, url: str, timeout: float = TIMEOUT) -> str:
    """Run `vdirsyncer ARGS` on `config`; its output, or SyncError saying what failed."""
    env = {**os.environ, "VDIRSYNCER_CONFIG": str(config)}
    try:
        done = subprocess.run(
            [*command(), *args],
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=timeout,
        )
    except subprocess.TimeoutExpired as exc:
        raise SyncError(
            f"{_host(url)} did not answer within {timeout:g} seconds; try again later.", "timeout"
        ) from exc
    output = done.stdout + done.stderr
    log.info("vdirsyncer %s: exit %s\n%s", " ".join(args), done.returncode, output)
    if done.returncode != 0:
        raise describe(output, url)
    return output


def needs_discover(error: SyncError) -> bool:
    """vdirsyncer's answer when the config no longer matches its saved collections (a new URL
    or password): discovering again is all it takes."""
    return error.kind == "discover"


def describe(output: str, url: str) -> SyncError:
    """The failure class and sentence for a vdirsyncer run that exited with an error."""
    text = output.lower()
    host = _host(url)
    if NEEDS_DISCOVER.search(output):
        return SyncError("the sync settings changed; collections must be found again", "discover")
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
    if "401" in text or "unauthorized" in text:
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
