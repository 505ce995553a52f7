#!/usr/bin/env python3
"""Render netdesk's icon set from the SVG sources in resources/.

    python packaging/make_icons.py [--out build/icons] [--renderer auto|qt|rsvg]

Writes (nothing here is committed; build.py and netdesk.spec call this):

    OUT/png/netdesk-SIZE.png                     SIZE in PNG_SIZES (16 ... 512)
    OUT/hicolor/SIZExSIZE/apps/org.netdesk.netdesk.png
    OUT/hicolor/scalable/apps/org.netdesk.netdesk.svg
    OUT/netdesk.ico                              Windows (16 ... 256, PNG-compressed entries)
    OUT/netdesk.icns                             macOS (16 ... 512@2x)

Sizes up to SMALL_MAX use resources/netdesk-small.svg (the same picture without the link
badge, drawn larger) so the icon stays readable at 16x16; larger sizes use resources/netdesk.svg.

Renderers: "qt" draws with PySide6's QSvgRenderer on the offscreen platform (PySide6 is an app
dependency, so it is there wherever the app builds); "rsvg" runs rsvg-convert (librsvg2-bin).
"auto" takes Qt and falls back to rsvg-convert. Pillow writes the .ico and .icns files.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

from PIL import Image

REPO = Path(__file__).resolve().parent.parent
SVG = REPO / "resources" / "netdesk.svg"
SVG_SMALL = REPO / "resources" / "netdesk-small.svg"
APP_ID = "org.netdesk.netdesk"

PNG_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# Apple's iconset sizes: 16, 32, 128, 256, 512, each also @2x (so up to 1024).
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)
SMALL_MAX = 32


def source_for(size: int) -> Path:
    """The SVG drawn at `size` pixels."""
    if size <= SMALL_MAX and SVG_SMALL.is_file():
        return SVG_SMALL
    return SVG


def _render_qt(svg: Path, size: int) -> Image.Image:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    if QGuiApplication.instance() is None:
        # Kept referenced on the function so it outlives this call.
        _render_qt.app = QGuiApplication(["make_icons"])  # type: ignore[attr-defined]
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise RuntimeError(f"Qt could not parse {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
    renderer.render(painter)
    painter.end()
    rgba = image.convertToFormat(QImage.Format.Format_RGBA8888)
    data = bytes(rgba.constBits())
    stride = rgba.bytesPerLine()
    return Image.frombuffer("RGBA", (size, size), data, "raw", "RGBA", stride, 1).copy()


def _render_rsvg(svg: Path, size: int) -> Image.Image:
    exe = shutil.which("rsvg-convert")
    if exe is None:
        raise RuntimeError("rsvg-convert not found (apt-get install librsvg2-bin)")
    png = subprocess.run(
        [exe, "--width", str(size), "--height", str(size), "--format", "png", str(svg)],
        check=True,
        capture_output=True,
    ).stdout
    return Image.open(io.BytesIO(png)).convert("RGBA")


def pick_renderer(name: str):
    if name == "rsvg":
        return _render_rsvg
    if name == "qt":
        return _render_qt
    try:
        import PySide6.QtSvg  # noqa: F401
    except ImportError:
        return _render_rsvg
    return _render_qt


def make_icons(out: Path, renderer: str = "auto") -> dict[str, Path]:
    """Render every icon into `out`; returns the main outputs by name."""
    render = pick_renderer(renderer)
    out.mkdir(parents=True, exist_ok=True)
    (out / "png").mkdir(exist_ok=True)

    images: dict[int, Image.Image] = {}
    for size in sorted(set(PNG_SIZES) | set(ICO_SIZES) | set(ICNS_SIZES)):
        image = render(source_for(size), size)
        if image.size != (size, size):
            raise RuntimeError(f"renderer gave {image.size} for {size}px")
        images[size] = image

    for size in PNG_SIZES:
        images[size].save(out / "png" / f"netdesk-{size}.png", optimize=True)
        target = out / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        images[size].save(target, optimize=True)
    scalable = out / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SVG, scalable)

    ico = out / "netdesk.ico"
    biggest = max(ICO_SIZES)
    images[biggest].save(
        ico,
        format="ICO",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[images[s] for s in ICO_SIZES if s != biggest],
    )

    icns = out / "netdesk.icns"
    biggest = max(ICNS_SIZES)
    images[biggest].save(
        icns,
        format="ICNS",
        append_images=[images[s] for s in ICNS_SIZES if s != biggest],
    )
    return {"png": out / "png", "hicolor": out / "hicolor", "ico": ico, "icns": icns}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "build" / "icons", help="output folder")
    parser.add_argument("--renderer", choices=("auto", "qt", "rsvg"), default="auto")
    args = parser.parse_args(argv)
    made = make_icons(args.out.resolve(), args.renderer)
    print(f"icons written to {args.out} ({made['ico'].name}, {made['icns'].name}, "
          f"{len(PNG_SIZES)} PNG sizes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
