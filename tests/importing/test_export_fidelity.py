"""What an import stores, an export writes back faithfully and readably."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import vobject

from netdesk import db
from netdesk.core import exporting, importing, people
from netdesk.core.importing.sources import FileRefused
from tests.importing.helpers import find
from tests.io.conftest import EXPECTED, VCARDS

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "vcards"


def _exported(fmt: str) -> str:
    out = io.StringIO(newline="")
    exporting.export(out, fmt)
    return out.getvalue()


def _titles(name: str) -> list[tuple[str, str, bool]]:
    return [(p.organization, p.title, p.current) for p in people.get(find(name)).positions]


def test_two_positions_at_one_organisation_both_survive(store, tmp_path) -> None:
    # netdesk's own export of someone with two current roles writes grouped ORG/TITLE pairs
    both = [("Acme", "Engineer", True), ("Acme", "Union Rep", True)]
    importing.import_path(FIXTURES / "two_roles_one_org.vcf")
    assert _titles("Dana Whitfield") == both
    importing.import_path(FIXTURES / "two_roles_one_org.vcf")  # the same card again: an update
    assert _titles("Dana Whitfield") == both
    for fmt in ("vcard", "vcard3"):
        exported = tmp_path / f"{fmt}.vcf"
        exporting.export(exported, fmt)
        (card,) = vobject.readComponents(exported.read_text(encoding="utf-8"))
        assert sorted(t.value for t in card.contents["title"]) == ["Engineer", "Union Rep"]
        db.close_database()
        db.open(tmp_path / f"{fmt}.db")
        importing.import_path(exported)
        assert _titles("Dana Whitfield") == both


def test_a_malformed_property_line_is_never_written_back_verbatim(store) -> None:
    # a 2.1 card with a comma where a semicolon belongs, and a space in a property name
    report = importing.import_path(FIXTURES / "malformed_property_lines.vcf")
    assert report.new == 1
    for fmt in ("vcard", "vcard3"):
        text = _exported(fmt)
        assert "LABEL,TYPE" not in text and "X-BAD NAME" not in text
        assert "\r\nLABEL;TYPE=HOME:Hauptstr. 5\\n10115 Berlin\r\n" in text
        assert "\r\nX-CUSTOM-ID;TYPE=crm:4711\r\n" in text
        (card,) = vobject.readComponents(text)
        assert card.fn.value == "Ilse Brandt"


def test_every_exported_card_of_the_corpus_is_readable_by_vobject(store) -> None:
    for name in sorted(EXPECTED):
        with contextlib.suppress(FileRefused):  # the corpus's empty and broken files
            importing.import_path(VCARDS / name)
    count = people.count()
    assert count > 1000
    for fmt in ("vcard", "vcard3"):
        cards = list(vobject.readComponents(_exported(fmt)))
        assert len(cards) == count
        assert all(card.name == "VCARD" and card.contents.get("fn") for card in cards)
