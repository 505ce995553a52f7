"""Names on cards: a title without a name, a full name without N."""

from __future__ import annotations

from pathlib import Path

from netdesk.io.vcard_reader import read_vcards
from netdesk.io.vcard_writer import card_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "vcards"


def test_names_fixture() -> None:
    bobby, amara, jean, sunny = read_vcards((FIXTURES / "names.vcf").read_bytes()).records
    # 2.1 phone exports where only the title field of the name was filled in
    assert (bobby.prefix, bobby.display_name()) == ("Mr.", "Bobby")
    assert sunny.display_name() == "Sunny"  # an FN that is only the title names nobody either
    # FN without N (CardDAV servers, hand-written cards): split for sorting and for N
    assert (amara.given, amara.family) == ("Amara", "Okafor")
    assert "\r\nN:Okafor;Amara;;;\r\n" in card_text(amara, "3.0")
    assert (jean.prefix, jean.given, jean.family, jean.suffix) == (
        "Dr.", "Jean", "de la Fontaine", "PhD"
    )
    assert jean.display_name() == "Dr. Jean de la Fontaine, PhD"
