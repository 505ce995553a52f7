"""Photo checks: magic bytes, size limits and decompression bombs."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image

from netdesk.io.errors import PhotoError
from netdesk.io.photos import (
    MAX_PHOTO_BYTES,
    check_image,
    image_size,
    make_thumbnail,
    validate_photo,
)
from tests.io.helpers import image_bytes


def png_header(width: int, height: int) -> bytes:
    """A tiny PNG whose IHDR claims `width` x `height` pixels."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 16)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "GIF", "WEBP", "BMP"])
def test_check_image_recognises_formats(fmt: str) -> None:
    assert check_image(image_bytes(fmt)) == fmt.lower()


def test_check_image_rejects_other_bytes() -> None:
    for data in (b"", b"hello", b"%PDF-1.4", b"RIFF\x00\x00\x00\x00WAVE", b"<svg/>"):
        assert check_image(data) is None


def test_thumbnail_is_bounded_and_keeps_transparency() -> None:
    thumb = make_thumbnail(image_bytes("JPEG", (1200, 600)), size=256)
    assert check_image(thumb) == "jpeg"
    assert Image.open(io.BytesIO(thumb)).size == (256, 128)
    alpha = make_thumbnail(image_bytes("PNG", (40, 40), mode="RGBA"), size=16)
    assert check_image(alpha) == "png"
    assert image_size(image_bytes("GIF", (30, 20))) == (30, 20)


def test_decompression_bomb_is_refused_before_decoding() -> None:
    bomb = png_header(100_000, 100_000)
    assert len(bomb) < 100 and check_image(bomb) == "png"
    with pytest.raises(PhotoError):
        validate_photo(bomb)
    with pytest.raises(PhotoError):
        make_thumbnail(bomb)
    with pytest.raises(PhotoError, match="too big"):
        validate_photo(png_header(8000, 8000))  # 64 MP: under Pillow's limit, over ours


def test_bad_input_raises_photo_error() -> None:
    with pytest.raises(PhotoError):
        validate_photo(b"\xff\xd8\xff" + b"\x00" * 20)  # JPEG magic, no image
    with pytest.raises(PhotoError):
        make_thumbnail(b"not an image")
    with pytest.raises(PhotoError, match="5 MB"):
        validate_photo(b"\xff\xd8\xff" + b"\x00" * MAX_PHOTO_BYTES)


def tiff_header(width: int, height: int) -> bytes:
    """A little-endian TIFF whose only IFD claims `width` x `height` 8-bit grey pixels."""
    tags = [(256, 4, width), (257, 4, height), (258, 3, 8), (259, 3, 1), (262, 3, 1),
            (273, 4, 8), (278, 4, height), (279, 4, 1)]
    ifd = struct.pack("<H", len(tags))
    ifd += b"".join(struct.pack("<HHII", tag, kind, 1, value) for tag, kind, value in tags)
    return b"II*\x00" + struct.pack("<I", 8) + ifd + struct.pack("<I", 0)


def test_tiff_is_read_like_the_other_formats() -> None:
    # Mac OS X Address Book (10.4-10.6) exported contact photos as TIFF
    tiff = image_bytes("TIFF", (300, 200))
    assert check_image(tiff) == "tiff"
    assert validate_photo(tiff) == "tiff"
    assert image_size(tiff) == (300, 200)
    thumb = make_thumbnail(tiff, size=64)
    assert check_image(thumb) == "jpeg"
    assert Image.open(io.BytesIO(thumb)).size == (64, 43)


def test_a_tiff_bomb_is_refused_before_decoding() -> None:
    bomb = tiff_header(100_000, 100_000)
    assert check_image(bomb) == "tiff"
    with pytest.raises(PhotoError):
        validate_photo(bomb)
    with pytest.raises(PhotoError, match="too big"):
        validate_photo(tiff_header(8000, 8000))
    with pytest.raises(PhotoError):
        make_thumbnail(bomb)
