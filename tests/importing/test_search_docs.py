"""The search documents an import writes for its new people are, byte for byte, what the
`person_search_doc` view makes of them: the import builds them from the values it inserts
(`core/importing/search_docs.py`) instead of reading every new person back through the view."""

from __future__ import annotations

from pathlib import Path

import pytest

from netdesk.core import importing, people, search
from netdesk.core.people import PersonDraft
from netdesk.db.models import Tag, database
from netdesk.values import TagKind

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
COLUMNS = "name, organization, title, email, phone, notes, tags, interactions"

# one card for each thing a document holds: name parts and a nickname, two roles at one
# organisation (one with a department), emails, a web page, two phones, notes, tags (one that
# exists already in other case), circles from netdesk's own lines, why they stand out
RICH = """BEGIN:VCARD\r
VERSION:3.0\r
FN:Dr. Ana Maria Souza PhD\r
TEL;TYPE=cell:+1 415 555 2671\r
N:Souza;Ana;Maria;Dr.;PhD\r
EMAIL;TYPE=work,pref:ana@lumen.example\r
TEL;TYPE=work:+44 20 7946 0018\r
URL:https://ana.example/about\r
NICKNAME:Nina\r
EMAIL;TYPE=home:ana@mail.example\r
ORG:Lumen Freight;Data\r
TITLE:Head of Data\r
item1.ORG:Lumen Freight\r
item1.TITLE:Union Rep\r
CATEGORIES:Clients,Advisors\r
NOTE:Met at the Lumen offsite\\nLikes sourdough\r
X-NETDESK-CIRCLE:Friends\r
X-NETDESK-CIRCLE:Book club\r
X-NETDESK-WHY-STAND-OUT:Explains hard things simply\r
UID:urn:uuid:ana-1\r
END:VCARD\r
BEGIN:VCARD\r
VERSION:3.0\r
FN:Ben Okafor\r
TEL:+234 803 555 0101\r
END:VCARD\r
BEGIN:VCARD\r
VERSION:3.0\r
FN:Acme Reception\r
ORG:Acme\r
EMAIL:desk@acme.example\r
END:VCARD\r
"""


def stored() -> list[tuple]:
    return database.execute_sql(
        f"SELECT rowid, {COLUMNS} FROM person_fts ORDER BY rowid"
    ).fetchall()


def from_view() -> list[tuple]:
    return database.execute_sql(
        f"SELECT person_id, {COLUMNS} FROM person_search_doc ORDER BY person_id"
    ).fetchall()


def test_a_rich_card_s_document_is_the_view_s(store, tmp_path):
    people.tag_by_name(TagKind.LABEL, "clients")  # the card's "Clients" joins this one
    path = tmp_path / "rich.vcf"
    path.write_text(RICH, encoding="utf-8")
    report = importing.import_path(path)
    assert report.new == 3
    assert stored() == from_view()
    ana = stored()[0]
    assert "Union Rep" in ana[3] and "clients" in ana[7] and "Book club" in ana[7]
    assert Tag.select().where(Tag.name == "Clients").count() == 0
    assert [p for p in search.search_ids("sourd", 10)] == [1]


@pytest.mark.parametrize(
    "fixture",
    sorted(
        p.relative_to(FIXTURES).as_posix()
        for folder in ("vcards", "csv", "identity")
        for p in (FIXTURES / folder).iterdir()
        if p.suffix in (".vcf", ".csv")
    ),
)
def test_every_fixture_s_documents_are_the_view_s(store, fixture):
    people.create(PersonDraft(display_name="Already Here", given="Already", family="Here"))
    report = importing.import_path(FIXTURES / fixture)
    assert report.new > 0
    assert len(stored()) == report.new + 1
    assert stored() == from_view()
