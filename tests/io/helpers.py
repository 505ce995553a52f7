"""Small builders shared by the io tests."""

from __future__ import annotations

import io

from PIL import Image


def image_bytes(fmt: str = "PNG", size: tuple[int, int] = (8, 8), mode: str = "RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, (200, 30, 30) if mode == "RGB" else None).save(out, format=fmt)
    return out.getvalue()


def crlf(*lines: str) -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")
