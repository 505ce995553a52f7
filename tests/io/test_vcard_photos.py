"""Photos inside vCards, from small fixture files written for these cases."""

from __future__ import annotations

from pathlib import Path

from netdesk.core import importing
from netdesk.io.photos import check_image
from netdesk.io.vcard_reader import read_vcards

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "vcards"


def test_an_address_book_tiff_photo_is_kept_and_becomes_a_jpeg_thumbnail() -> None:
    # Mac OS X Address Book wrote `PHOTO;BASE64:` TIFF data folded with two spaces
    result = read_vcards((FIXTURES / "apple_addressbook_tiff_photo.vcf").read_bytes())
    (record,) = result.records
    assert not result.problems
    assert record.photo is not None and check_image(record.photo) == "tiff"
    assert check_image(importing.thumbnail(record.photo)) == "jpeg"
