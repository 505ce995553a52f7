"""The bundle rules in packaging/bundlecfg.py: version, Qt filtering, Windows and macOS metadata.

These check on any OS what the Windows and macOS branches of netdesk.spec will feed PyInstaller,
since those builds cannot run here.
"""

from __future__ import annotations

import plistlib
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "packaging"))
import bundlecfg  # noqa: E402


def test_version_is_read_from_the_package():
    import netdesk

    assert bundlecfg.read_version(REPO) == netdesk.__version__


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        ("0.1.0", (0, 1, 0, 0)),
        ("1.2", (1, 2, 0, 0)),
        ("1.2.3.4.5", (1, 2, 3, 4)),
        ("2.0.0rc1", (2, 0, 0, 0)),
        ("1.4.0.dev3", (1, 4, 0, 0)),
        ("3.1.2+local", (3, 1, 2, 0)),
    ],
)
def test_version_tuple(version, expected):
    assert bundlecfg.version_tuple(version) == expected


def test_version_tuple_rejects_garbage():
    with pytest.raises(ValueError):
        bundlecfg.version_tuple("unknown")


class _Recorder:
    """Stands in for PyInstaller's versioninfo classes: records its arguments."""

    def __init__(self, *args, **kwargs):
        self.args, self.kwargs = args, kwargs


def _parse_version_text(text: str):
    try:
        from PyInstaller.utils.win32 import versioninfo
    except ImportError:  # PyInstaller is not a test dependency; check the expression anyway
        names = ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable",
                 "StringStruct", "VarFileInfo", "VarStruct")
        return eval(text, {name: type(name, (_Recorder,), {}) for name in names})
    return eval(text, vars(versioninfo))


def test_windows_version_resource():
    text = bundlecfg.windows_version_text("1.2.3", "netdesk", "netdesk test")
    info = _parse_version_text(text)
    if hasattr(info, "ffi"):  # real PyInstaller object
        assert info.ffi.fileVersionMS == (1 << 16) | 2
        assert info.ffi.fileVersionLS == 3 << 16
        strings = {s.name: s.val for s in info.kids[0].kids[0].kids}
    else:
        ffi = info.kwargs["ffi"]
        assert ffi.kwargs["filevers"] == (1, 2, 3, 0) == ffi.kwargs["prodvers"]
        table = info.kwargs["kids"][0].args[0][0]
        strings = dict(s.args for s in table.args[1])
    assert strings["OriginalFilename"] == "netdesk.exe"
    assert strings["ProductVersion"] == "1.2.3"
    assert strings["FileDescription"] == "netdesk test"


def test_info_plist():
    plist = bundlecfg.info_plist("1.2.3")
    plistlib.dumps(plist)  # serialisable
    assert plist["CFBundleIdentifier"] == "org.netdesk.netdesk"
    assert plist["CFBundleExecutable"] == "netdesk"
    assert plist["NSHighResolutionCapable"] is True
    assert plist["LSUIElement"] is False
    assert plist["CFBundleShortVersionString"] == "1.2.3"
    (doc,) = plist["CFBundleDocumentTypes"]
    assert doc["LSItemContentTypes"] == ["public.vcard"]
    assert "text/vcard" in doc["CFBundleTypeMIMETypes"]


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/Qt/plugins/platforms/libqcocoa.dylib",
        "PySide6\\plugins\\platforms\\qwindows.dll",
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6/Qt/plugins/imageformats/libqjpeg.so",
        "PySide6/Qt/plugins/imageformats/libqico.so",
        "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so",
        "PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
        "PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so",
        "PySide6/Qt/plugins/xcbglintegrations/libqxcb-glx-integration.so",
        "PySide6/plugins/styles/qmodernwindowsstyle.dll",
        "PySide6/Qt/lib/libQt6Core.so.6",
        "PySide6/Qt/lib/libQt6Svg.so.6",
        "PySide6/Qt/lib/libQt6WaylandClient.so.6",
        "libQt6Widgets.so.6",
        "PySide6/Qt6Network.dll",
        "PySide6/QtSvg.abi3.so",
        "netdesk/data/netdesk.svg",
        "libpython3.11.so.1.0",
        "libfreetype.so.6",
    ],
)
def test_kept(dest):
    assert bundlecfg.keep_qt_file(dest)


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/plugins/platforms/libqeglfs.so",
        "PySide6/Qt/plugins/platforms/libqvnc.so",
        "PySide6/Qt/plugins/platforms/libqlinuxfb.so",
        "PySide6/Qt/plugins/imageformats/libqpdf.so",
        "PySide6/Qt/plugins/imageformats/libqtiff.so",
        "PySide6/Qt/plugins/imageformats/libqwebp.so",
        "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
        "PySide6/Qt/plugins/egldeviceintegrations/libqeglfs-kms-integration.so",
        "PySide6/Qt/plugins/generic/libqevdevmouseplugin.so",
        "PySide6/Qt/plugins/networkinformation/libqnetworkmanager.so",
        "PySide6/Qt/plugins/qmltooling/libqmldbg_debugger.so",
        "PySide6/Qt/translations/qt_de.qm",
        "PySide6/Qt/translations/qt_help_de.qm",
        "PySide6/Qt/translations/qtdeclarative_de.qm",
        "PySide6/translations/designer_fr.qm",
        "PySide6/Qt/lib/libQt6Qml.so.6",
        "PySide6/Qt/lib/libQt6Quick.so.6",
        "PySide6/Qt/lib/libQt6Pdf.so.6",
        "PySide6/Qt/lib/libQt6EglFSDeviceIntegration.so.6",
        "libQt6EglFsKmsSupport.so.6",
        "PySide6/Qt6WebEngineCore.dll",
        "libgtk-3.so.0",
        "libgdk-3.so.0",
        "libcairo.so.2",
    ],
)
def test_dropped(dest):
    assert not bundlecfg.keep_qt_file(dest)


def test_qtbase_translations_follow_the_switch():
    dest = "PySide6/Qt/translations/qtbase_de.qm"
    assert bundlecfg.keep_qt_file(dest, translations=True)
    assert not bundlecfg.keep_qt_file(dest, translations=False)


def test_filter_toc_puts_back_system_libraries_still_needed():
    toc = [
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "/qt/libqgtk3.so", "BINARY"),
        ("libfreetype.so.6", "/usr/lib/libfreetype.so.6", "BINARY"),
        ("libpng16.so.16", "/usr/lib/libpng16.so.16", "BINARY"),
        ("libgtk-3.so.0", "/usr/lib/libgtk-3.so.0", "BINARY"),
        ("libcairo.so.2", "/usr/lib/libcairo.so.2", "BINARY"),
        ("libpixman-1.so.0", "/usr/lib/libpixman-1.so.0", "BINARY"),
    ]
    links = {
        "/qt/libqgtk3.so": {"libgtk-3.so.0", "libcairo.so.2"},  # the theme plugin: ignored
        "/usr/lib/libfreetype.so.6": {"libpng16.so.16"},
        "/usr/lib/libpng16.so.16": {"libz.so.1"},
    }
    kept, dropped = bundlecfg.filter_toc(toc, needs=lambda src: links.get(src, set()))
    kept_names = {dest for dest, _, _ in kept}
    assert "libpng16.so.16" in kept_names  # freetype needs it
    assert "PySide6/Qt/plugins/platformthemes/libqgtk3.so" in kept_names
    dropped_names = {dest for dest, _, _ in dropped}
    assert dropped_names == {"libgtk-3.so.0", "libcairo.so.2", "libpixman-1.so.0"}

    # an unreadable binary keeps every system library
    kept, dropped = bundlecfg.filter_toc(toc, needs=lambda src: {"*"})
    assert not dropped


def test_phonenumbers_extras_detection(tmp_path):
    pkg = tmp_path / "netdesk"
    pkg.mkdir()
    (pkg / "a.py").write_text("import phonenumbers\nphonenumbers.parse('1')\n", encoding="utf-8")
    assert bundlecfg.phonenumbers_extras_used(tmp_path) == []
    (pkg / "b.py").write_text("from phonenumbers import geocoder, timezone\n", encoding="utf-8")
    assert bundlecfg.phonenumbers_extras_used(tmp_path) == ["geocoder", "timezone"]
