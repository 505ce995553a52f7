"""Contact photos: recognise image bytes and make small thumbnails, refusing hostile input.

Photos arrive from untrusted files, so nothing here decodes pixels before the declared size has
been checked: a tiny file can claim 100,000 x 100,000 pixels and exhaust memory when decoded.
"""

from __future__ import annotations

import io
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

from netdesk.io.errors import PhotoError

__all__ = [
    "MAX_PHOTO_BYTES",
    "MAX_PIXELS",
    "PhotoError",
    "check_image",
    "image_size",
    "make_thumbnail",
    "mime_type",
    "validate_photo",
]

MAX_PHOTO_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 40-megapixel camera photo is the biggest a contact photo needs

_MIME = {
    "jpeg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "webp": "image/webp",
    "bmp": "image/bmp",
    "tiff": "image/tiff",  # the old Mac OS X Address Book stored photos as TIFF
}


def check_image(data: bytes) -> str | None:
    """The format the magic bytes name ("jpeg", "png", "gif", "webp", "bmp", "tiff"), or None."""
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if len(data) >= 12 and data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "webp"
    if data.startswith(b"BM") and len(data) >= 26:
        return "bmp"
    if data.startswith((b"II*\x00", b"MM\x00*")):
        return "tiff"
    return None


def mime_type(fmt: str) -> str:
    """The MIME type for a format returned by `check_image`."""
    return _MIME.get(fmt, "application/octet-stream")


def _open(data: bytes) -> Image.Image:
    """Open lazily (headers only) and refuse images whose declared size is too big."""
    try:
        with warnings.catch_warnings():
            # Pillow warns between MAX_IMAGE_PIXELS and twice that; our own limit is lower anyway
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as exc:
        raise PhotoError("The photo declares an enormous size and was refused.") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise PhotoError("The photo could not be read as an image.") from exc
    width, height = image.size
    if width <= 0 or height <= 0 or width * height > MAX_PIXELS:
        raise PhotoError(f"The photo declares {width}x{height} pixels, which is too big.")
    return image


def image_size(data: bytes) -> tuple[int, int]:
    """Width and height from the image header, without decoding pixels."""
    validate_photo(data)  # size, magic bytes and declared dimensions
    with _open(data) as image:
        return image.size


def validate_photo(data: bytes) -> str:
    """Check size, magic bytes and declared dimensions; return the format or raise PhotoError."""
    if len(data) > MAX_PHOTO_BYTES:
        raise PhotoError(f"The photo is {len(data) // 1024} KB; photos over 5 MB are refused.")
    fmt = check_image(data)
    if fmt is None:
        raise PhotoError("The photo data is not a JPEG, PNG, GIF, WebP, BMP or TIFF image.")
    _open(data)
    return fmt


def make_thumbnail(data: bytes, size: int = 256) -> bytes:
    """A thumbnail at most `size` pixels on each side: PNG when it has transparency, else JPEG."""
    if size <= 0:
        raise ValueError("thumbnail size must be positive")
    validate_photo(data)
    image = _open(data)
    try:
        image.draft("RGB", (size, size))  # JPEG decoders can scale down while decoding
        image = ImageOps.exif_transpose(image) or image
        image.thumbnail((size, size))
        return _encode(image)
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise PhotoError("The photo could not be decoded.") from exc


def _encode(image: Image.Image) -> bytes:
    out = io.BytesIO()
    has_alpha = image.mode in ("RGBA", "LA") or (
        image.mode == "P" and "transparency" in image.info
    )
    if has_alpha:
        image.convert("RGBA").save(out, format="PNG", optimize=True)
    else:
        image.convert("RGB").save(out, format="JPEG", quality=85)
    return out.getvalue()
