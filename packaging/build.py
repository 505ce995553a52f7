#!/usr/bin/env python3
"""Build netdesk's desktop bundle: one command, from a clean virtual environment.

    python packaging/build.py            # fresh build/venv, pip install . + PyInstaller, build
    python packaging/build.py --no-venv  # use the current interpreter as it is (CI, quick rebuilds)

Steps: (1) make build/venv afresh and `pip install . -r packaging/requirements-build.txt`
(skipped with --no-venv); (2) render the icons into build/icons (packaging/make_icons.py);
(3) run PyInstaller on packaging/netdesk.spec into dist/netdesk/ (and dist/netdesk.app on
macOS); (4) print the bundle's size; (5) on Linux, pack
dist/netdesk-VERSION-linux-ARCH.tar.gz: the bundle, the desktop integration files, the
icons and install.sh / uninstall.sh. Details: docs/packaging.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
import venv
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import bundlecfg  # noqa: E402

BUILD = REPO / "build"
DIST = REPO / "dist"
ICONS = BUILD / "icons"
WORK = BUILD / "pyinstaller"
BUNDLE = DIST / "netdesk"
LINUX_FILES = (
    f"{bundlecfg.APP_ID}.desktop",
    f"{bundlecfg.APP_ID}.metainfo.xml",
    "netdesk-reminders.desktop",
    "install.sh",
    "uninstall.sh",
    "README.txt",
)

_steps: list[tuple[str, float]] = []


def step(name: str):
    """Context manager that times and announces one build step."""

    class _Step:
        def __enter__(self):
            print(f"\n==> {name}", flush=True)
            self.start = time.monotonic()

        def __exit__(self, *exc):
            took = time.monotonic() - self.start
            _steps.append((name, took))
            if exc[0] is None:
                print(f"    ({took:.1f} s)", flush=True)

    return _Step()


def run(cmd: list[str | Path], **kwargs) -> None:
    printable = " ".join(str(c) for c in cmd)
    print(f"$ {printable}", flush=True)
    subprocess.run([str(c) for c in cmd], check=True, **kwargs)


def venv_python(venv_dir: Path) -> Path:
    if sys.platform == "win32":
        return venv_dir / "Scripts" / "python.exe"
    return venv_dir / "bin" / "python"


def make_venv(venv_dir: Path, reuse: bool) -> Path:
    python = venv_python(venv_dir)
    if venv_dir.exists() and not reuse:
        shutil.rmtree(venv_dir)
    if not python.exists():
        venv.EnvBuilder(with_pip=True, clear=True).create(venv_dir)
    run(
        [python, "-m", "pip", "install", "--disable-pip-version-check", "-qq",
         str(REPO), "-r", HERE / "requirements-build.txt"],
        cwd=REPO,
    )
    return python


def tree_size(path: Path) -> int:
    """Bytes in regular files under path (symlinks not followed or counted twice)."""
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            p = os.path.join(root, name)
            if not os.path.islink(p):
                total += os.path.getsize(p)
    return total


def machine() -> str:
    arch = platform.machine().lower()
    return {"amd64": "x86_64", "arm64": "aarch64"}.get(arch, arch)


def linux_tarball(version: str) -> Path:
    """dist/netdesk-VERSION-linux-ARCH.tar.gz, laid out as packaging/linux/README.txt says."""
    top = f"netdesk-{version}-linux-{machine()}"
    target = DIST / f"{top}.tar.gz"

    def normalise(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        return info

    tmp = target.with_suffix(".tmp")
    with tarfile.open(tmp, "w:gz", compresslevel=6) as tar:
        for name in LINUX_FILES:
            tar.add(HERE / "linux" / name, arcname=f"{top}/{name}", filter=normalise)
        tar.add(ICONS / "hicolor", arcname=f"{top}/icons/hicolor", filter=normalise)
        tar.add(BUNDLE, arcname=f"{top}/netdesk", filter=normalise)
    tmp.replace(target)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-venv", action="store_true",
                        help="build with the current interpreter instead of a fresh build/venv "
                             "(it must have netdesk's dependencies and PyInstaller)")
    parser.add_argument("--venv", type=Path, default=BUILD / "venv",
                        help="where to make the virtual environment (default build/venv)")
    parser.add_argument("--reuse-venv", action="store_true",
                        help="keep an existing build/venv (still re-installs the project)")
    parser.add_argument("--clean", action="store_true",
                        help="drop PyInstaller's cache and previous results first")
    parser.add_argument("--no-tarball", action="store_true", help="Linux: skip the .tar.gz")
    args = parser.parse_args(argv)

    started = time.monotonic()
    version = bundlecfg.read_version(REPO)
    print(f"netdesk {version}: building on {sys.platform}/{machine()}")

    if args.no_venv:
        python = Path(sys.executable)
        print(f"using the current interpreter {python}")
    else:
        with step(f"virtual environment {args.venv}"):
            python = make_venv(args.venv.resolve(), args.reuse_venv)

    if args.clean:
        for path in (WORK, ICONS, BUNDLE, DIST / "netdesk.app"):
            shutil.rmtree(path, ignore_errors=True)

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NETDESK_ICONS_DIR=str(ICONS))
    with step("icons"):
        run([python, HERE / "make_icons.py", "--out", ICONS], env=env)

    with step("PyInstaller"):
        cmd = [python, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
               "--distpath", DIST, "--workpath", WORK, HERE / "netdesk.spec"]
        if args.clean:
            cmd.insert(3, "--clean")
        run(cmd, env=env, cwd=REPO)

    size = tree_size(BUNDLE)
    print(f"\nbundle: {BUNDLE}  {size / 1e6:.1f} MB ({size / 2**20:.1f} MiB)")
    if sys.platform == "darwin" and (DIST / "netdesk.app").exists():
        app_size = tree_size(DIST / "netdesk.app")
        print(f"app:    {DIST / 'netdesk.app'}  {app_size / 1e6:.1f} MB")

    if sys.platform.startswith("linux") and not args.no_tarball:
        with step("tarball"):
            tarball = linux_tarball(version)
        print(f"tarball: {tarball}  {tarball.stat().st_size / 1e6:.1f} MB")

    print("\ntimes: " + ", ".join(f"{name.split()[0]} {took:.0f} s" for name, took in _steps)
          + f"; total {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except subprocess.CalledProcessError as exc:
        print(f"build failed: {exc}", file=sys.stderr)
        sys.exit(exc.returncode or 1)
