"""Linux desktop integration: .desktop files, AppStream metainfo, icons, install/uninstall.

These run the real tools (desktop-file-validate, appstreamcli) and the real install.sh and
uninstall.sh against a temporary HOME with a fake bundle; they never skip. A missing tool is a
failure that says which Debian package to install (.ci/run and packaging/check.sh install them).
"""

from __future__ import annotations

import configparser
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

REPO = Path(__file__).resolve().parents[2]
PACKAGING = REPO / "packaging"
LINUX = PACKAGING / "linux"
APP_ID = "org.netdesk.netdesk"
DESKTOP = LINUX / f"{APP_ID}.desktop"
REMINDERS_DESKTOP = LINUX / "netdesk-reminders.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"

sys.path.insert(0, str(PACKAGING))
import bundlecfg  # noqa: E402
import make_icons  # noqa: E402

TOOL_PACKAGES = {
    "desktop-file-validate": "desktop-file-utils",
    "appstreamcli": "appstream",
}


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(
            f"{name} is not installed: run `apt-get install -y --no-install-recommends "
            f"{TOOL_PACKAGES[name]}` (packaging/check.sh does this)",
            pytrace=False,
        )
    return path


def desktop_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def validate_desktop(path: Path) -> None:
    result = subprocess.run(
        [tool("desktop-file-validate"), str(path)], capture_output=True, text=True
    )
    output = (result.stdout + result.stderr).strip()
    assert result.returncode == 0 and "error" not in output, output


# ---- .desktop files and metainfo --------------------------------------------------------------


@pytest.mark.parametrize("path", [DESKTOP, REMINDERS_DESKTOP], ids=lambda p: p.name)
def test_desktop_file_validates(path):
    validate_desktop(path)


def test_desktop_entry_opens_vcards():
    entry = desktop_entry(DESKTOP)
    assert entry["Exec"] == "netdesk %F"
    assert entry["MimeType"] == "text/vcard;text/x-vcard;"
    assert entry["Icon"] == APP_ID
    assert entry["Type"] == "Application"
    assert entry["Terminal"] == "false"


def test_reminders_autostart_template():
    entry = desktop_entry(REMINDERS_DESKTOP)
    assert entry["Exec"] == "netdesk-reminders"
    assert entry["NoDisplay"] == "true"
    assert entry["Icon"] == APP_ID


def test_metainfo_validates():
    result = subprocess.run(
        [tool("appstreamcli"), "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_metainfo_matches_desktop_file_and_version():
    text = METAINFO.read_text(encoding="utf-8")
    assert f"<id>{APP_ID}</id>" in text
    assert f'<launchable type="desktop-id">{APP_ID}.desktop</launchable>' in text
    version = bundlecfg.read_version(REPO)
    assert f'<release version="{version}"' in text, (
        f"add a <release version=\"{version}\" date=...> entry to {METAINFO.name} "
        "for the version in netdesk/__init__.py"
    )


# ---- icons ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def icons(tmp_path_factory) -> Path:
    """The icon set, made by make_icons.py in a subprocess (its QGuiApplication stays there)."""
    out = tmp_path_factory.mktemp("icons")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    subprocess.run(
        [sys.executable, str(PACKAGING / "make_icons.py"), "--out", str(out)],
        check=True,
        env=env,
        capture_output=True,
    )
    return out


def test_make_icons_produces_every_size(icons):
    for size in make_icons.PNG_SIZES:
        for png in (icons / "png" / f"netdesk-{size}.png",
                    icons / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"):
            with Image.open(png) as image:
                assert image.size == (size, size), png
                assert image.mode == "RGBA"
                # drawn, with transparent corners (rounded tile)
                assert image.getpixel((size // 2, size // 2))[3] == 255
                assert image.getpixel((0, 0))[3] < 64
    assert min(make_icons.PNG_SIZES) == 16 and max(make_icons.PNG_SIZES) == 512
    scalable = icons / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    assert scalable.read_bytes() == (REPO / "resources" / "netdesk.svg").read_bytes()


def test_make_icons_ico_and_icns(icons):
    with Image.open(icons / "netdesk.ico") as ico:
        assert set(ico.info["sizes"]) == {(s, s) for s in make_icons.ICO_SIZES}
    with Image.open(icons / "netdesk.icns") as icns:
        assert icns.format == "ICNS"
        assert max(icns.info["sizes"]) >= (512, 512, 2)  # 512@2x for Retina


def test_runtime_icon_is_the_resource():
    assert (REPO / "netdesk" / "data" / "netdesk.svg").read_bytes() == (
        REPO / "resources" / "netdesk.svg"
    ).read_bytes(), "copy resources/netdesk.svg to netdesk/data/netdesk.svg"


# ---- install.sh / uninstall.sh -----------------------------------------------------------------


@pytest.fixture
def fake_bundle(tmp_path) -> Path:
    """A stand-in for dist/netdesk: two tiny executables and an _internal folder."""
    bundle = tmp_path / "dist" / "netdesk"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / "_internal" / "base_library.zip").write_bytes(b"")
    for name in ("netdesk", "netdesk-reminders"):
        exe = bundle / name
        exe.write_text(f'#!/bin/sh\necho "{name} $*"\n', encoding="utf-8")
        exe.chmod(exe.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return bundle


def run_script(script: str, home: Path, *args: str, **extra_env: str):
    env = {
        "HOME": str(home),
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        **extra_env,
    }
    return subprocess.run(
        ["sh", str(LINUX / script), *args], env=env, capture_output=True, text=True, timeout=120
    )


def installed_paths(home: Path, data: Path | None = None, config: Path | None = None):
    data = data or home / ".local" / "share"
    config = config or home / ".config"
    return {
        "lib": home / ".local" / "lib" / "netdesk",
        "bin": home / ".local" / "bin" / "netdesk",
        "bin_reminders": home / ".local" / "bin" / "netdesk-reminders",
        "desktop": data / "applications" / f"{APP_ID}.desktop",
        "metainfo": data / "metainfo" / f"{APP_ID}.metainfo.xml",
        "icon_svg": data / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg",
        "autostart": config / "autostart" / "netdesk-reminders.desktop",
        "mimeapps": config / "mimeapps.list",
    }


def test_install_then_uninstall(tmp_path, fake_bundle, icons):
    home = tmp_path / "home dir"  # a space, as in real home folders now and then
    home.mkdir()
    result = run_script("install.sh", home, "--autostart", "--bundle", str(fake_bundle),
                        "--icons", str(icons / "hicolor"))
    assert result.returncode == 0, result.stdout + result.stderr
    p = installed_paths(home)

    # the bundle and the commands
    assert (p["lib"] / "netdesk").is_file() and (p["lib"] / "_internal").is_dir()
    assert (p["lib"] / "uninstall.sh").is_file()
    assert p["bin"].is_symlink() and p["bin"].resolve() == (p["lib"] / "netdesk").resolve()
    assert p["bin_reminders"].resolve() == (p["lib"] / "netdesk-reminders").resolve()
    ran = subprocess.run([str(p["bin"]), "--version"], capture_output=True, text=True, check=True)
    assert ran.stdout.strip() == "netdesk --version"

    # desktop entry with an absolute, quoted Exec; still valid
    entry = desktop_entry(p["desktop"])
    assert entry["Exec"] == f'"{p["lib"] / "netdesk"}" %F'
    assert entry["TryExec"] == str(p["lib"] / "netdesk")
    assert entry["MimeType"] == "text/vcard;text/x-vcard;"
    validate_desktop(p["desktop"])

    # autostart entry for the reminders service
    autostart = desktop_entry(p["autostart"])
    assert autostart["Exec"] == f'"{p["lib"] / "netdesk-reminders"}"'
    validate_desktop(p["autostart"])

    # icons (every size + scalable) and metainfo
    hicolor = home / ".local" / "share" / "icons" / "hicolor"
    for size in make_icons.PNG_SIZES:
        assert (hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png").is_file()
    assert p["icon_svg"].is_file()
    assert p["metainfo"].read_bytes() == METAINFO.read_bytes()

    if shutil.which("xdg-mime"):
        mimeapps = p["mimeapps"].read_text(encoding="utf-8")
        assert f"text/vcard={APP_ID}.desktop" in mimeapps
        assert f"text/x-vcard={APP_ID}.desktop" in mimeapps
    if shutil.which("update-desktop-database"):
        cache = (home / ".local" / "share" / "applications" / "mimeinfo.cache").read_text()
        assert f"text/vcard={APP_ID}.desktop;" in cache

    # the user's data and another application's association must survive the uninstall
    data_file = home / ".local" / "share" / "netdesk" / "netdesk.db"
    settings = home / ".config" / "netdesk" / "settings.ini"
    for keep in (data_file, settings):
        keep.parent.mkdir(parents=True, exist_ok=True)
        keep.write_text("precious", encoding="utf-8")
    p["mimeapps"].parent.mkdir(parents=True, exist_ok=True)
    with p["mimeapps"].open("a", encoding="utf-8") as fh:
        fh.write(f"\n[Added Associations]\ntext/vcard=other.desktop;{APP_ID}.desktop;\n"
                 "text/plain=editor.desktop;\n")

    # uninstall with the copy install.sh left inside the bundle, as a user would
    env = {"HOME": str(home), "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    result = subprocess.run(["sh", str(p["lib"] / "uninstall.sh")], env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr

    for name, path in p.items():
        if name != "mimeapps":
            assert not path.exists() and not path.is_symlink(), f"{name} left behind: {path}"
    assert not list(hicolor.glob(f"*/apps/{APP_ID}.*"))
    assert data_file.read_text(encoding="utf-8") == "precious"
    assert settings.read_text(encoding="utf-8") == "precious"
    mimeapps = p["mimeapps"].read_text(encoding="utf-8")
    assert APP_ID not in mimeapps
    assert "text/vcard=other.desktop;" in mimeapps and "text/plain=editor.desktop;" in mimeapps

    # running it again is harmless
    result = run_script("uninstall.sh", home)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "nothing to do" in result.stdout


def test_install_honours_xdg_dirs(tmp_path, fake_bundle, icons):
    home = tmp_path / "home"
    data, config = tmp_path / "xdg-data", tmp_path / "xdg-config"
    home.mkdir()
    env = {"XDG_DATA_HOME": str(data), "XDG_CONFIG_HOME": str(config)}
    result = run_script("install.sh", home, "--autostart", "--no-default", "--bundle",
                        str(fake_bundle), "--icons", str(icons / "hicolor"), **env)
    assert result.returncode == 0, result.stdout + result.stderr
    p = installed_paths(home, data, config)
    assert p["desktop"].is_file() and p["metainfo"].is_file() and p["icon_svg"].is_file()
    assert p["autostart"].is_file()
    assert not p["mimeapps"].exists()  # --no-default
    assert not (home / ".local" / "share").exists()

    result = run_script("uninstall.sh", home, **env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not p["desktop"].exists() and not p["autostart"].exists() and not p["lib"].exists()


def test_install_without_a_bundle_fails_clearly(tmp_path, icons):
    home = tmp_path / "home"
    home.mkdir()
    result = run_script("install.sh", home, "--bundle", str(tmp_path / "nowhere"),
                        "--icons", str(icons / "hicolor"))
    assert result.returncode != 0
    assert "nowhere" in result.stderr
    assert not (home / ".local").exists()


def test_install_leaves_a_foreign_command_alone(tmp_path, fake_bundle, icons):
    home = tmp_path / "home"
    mine = home / ".local" / "bin" / "netdesk"
    mine.parent.mkdir(parents=True)
    mine.write_text("#!/bin/sh\necho pip-installed\n", encoding="utf-8")
    result = run_script("install.sh", home, "--no-default", "--bundle", str(fake_bundle),
                        "--icons", str(icons / "hicolor"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "left alone" in result.stderr
    assert mine.read_text(encoding="utf-8") == "#!/bin/sh\necho pip-installed\n"
    assert run_script("uninstall.sh", home).returncode == 0
    assert mine.exists()
