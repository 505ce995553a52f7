"""What an import stores, an export writes back faithfully and readably."""

from __future__ import annotations

import contextlib
import csv
import io
from pathlib import Path

import vobject

from netdesk import db
from netdesk.core import exporting, importing, people
from netdesk.core.importing.sources import FileRefused
from netdesk.values import Birthday, PointKind, TagKind
from tests.helpers.corpus import EXPECTED
from tests.helpers.records import find

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


def test_every_exported_card_of_the_corpus_is_readable_by_vobject(store, testdata) -> None:
    for name in sorted(EXPECTED):
        with contextlib.suppress(FileRefused):  # the corpus's empty and broken files
            importing.import_path(testdata / "vcards" / name)
    count = people.count()
    assert count > 1000
    for fmt in ("vcard", "vcard3"):
        cards = list(vobject.readComponents(_exported(fmt)))
        assert len(cards) == count
        assert all(card.name == "VCARD" and card.contents.get("fn") for card in cards)


def _amara() -> people.PersonDraft:
    return people.PersonDraft(
        "Amara Okafor",
        birthday=Birthday(2, 29),
        how_met="Sailing club, spring regatta",
        why_stand_out="Knows every knot; laughs loudly",
        family_notes="Partner: Tomi\nTwo kids",
        circles=["Book club"],
        tags=[(TagKind.INTEREST, "sailing"), (TagKind.HOBBY, "chess"),
              (TagKind.SKILL, "rigging"), (TagKind.LABEL, "vip")],
        cadence_days=45,
        nurture=True,
        points=[people.PointDraft(PointKind.PHONE, "+44 20 7946 0958", "mobile"),
                people.PointDraft(PointKind.EMAIL, "amara@example.org", "work")],
        positions=[people.PositionDraft("Acme", "Engineer"),
                   people.PositionDraft("Acme", "Union Rep")],
        uid="urn:uuid:amara",
    )


def _profile(detail: people.PersonDetail) -> tuple:
    return (
        detail.display_name, detail.given, detail.family, detail.birthday, detail.how_met,
        detail.why_stand_out, detail.family_notes, detail.circles, sorted(detail.tags),
        detail.cadence_days, detail.nurture,
        sorted((p.kind, p.value, p.label) for p in detail.points),
        [(p.organization, p.title, p.current) for p in detail.positions], detail.uid,
        detail.vcard_extra,
    )


def test_the_csv_export_reimports_into_the_same_people(store, tmp_path) -> None:
    ids = [people.create(_amara())]
    importing.import_path(FIXTURES / "text_birthday.vcf")  # BDAY;VALUE=text:circa 1980
    ids.append(find("Kwame Mensah"))
    before = [_profile(people.get(i)) for i in ids]
    assert "BDAY;VALUE=text:circa 1980" in before[1][-1]
    exported = tmp_path / "people.csv"
    exporting.export(exported, "csv")
    rows = list(csv.DictReader(io.StringIO(exported.read_text(encoding="utf-8"))))
    assert rows[1]["Phones"] == "+44 20 7946 0958"  # a plain number: no apostrophe
    assert (rows[1]["Birthday"], rows[0]["Birthday"]) == ("'--02-29", "circa 1980")
    again = importing.import_path(exported)  # into the same store: the same people, unchanged
    assert (again.new, again.updated, again.unchanged) == (0, 2, 2)
    db.close_database()
    db.open(tmp_path / "fresh.db")
    report = importing.import_path(exported)
    assert (report.format, report.new, report.problems) == ("netdesk", 2, [])
    after = [_profile(people.get(find(name))) for name in ("Amara Okafor", "Kwame Mensah")]
    assert after == before
