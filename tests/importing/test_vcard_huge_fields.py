"""A card with enormous fields is stored capped, one problem line per cut."""

from __future__ import annotations

from netdesk.core import importing, people
from netdesk.io import field_limits
from tests.helpers.records import find
from tests.io.test_vcard_field_limits import huge_card


def test_huge_fields_are_stored_capped(store, tmp_path) -> None:
    path = tmp_path / "huge.vcf"
    path.write_bytes(huge_card())
    report = importing.import_path(path)
    assert report.new == 1
    detail = people.get(find("Hu Ge"))
    (position,) = detail.positions
    assert len(position.title) == field_limits.MAX_TITLE
    assert len(position.organization) == field_limits.MAX_ORGANIZATION
    assert 0 < len(detail.how_met) <= field_limits.MAX_LONG_TEXT
    assert len(detail.notes) == field_limits.MAX_LONG_TEXT
    assert len(detail.vcard_extra) < 1000  # the 200,000-character KEY was left out
    cuts = [p.message for p in report.problems if "cut" in p.message or "left out" in p.message]
    assert len(cuts) == 5
