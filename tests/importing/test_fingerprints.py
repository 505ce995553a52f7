"""The fingerprint an import takes of each person it creates (from what it writes) agrees with
the one undo takes from the database, and any later change to any compared column or child
shows as an edit."""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path

import pytest
from PIL import Image

from netdesk.core import importing, people
from netdesk.core.importing import batch_undo, fingerprint
from netdesk.db.models import ImportBatch, database

PHOTO = io.BytesIO()
Image.new("RGB", (40, 40), (200, 80, 40)).save(PHOTO, format="JPEG")
PHOTO_B64 = base64.b64encode(PHOTO.getvalue()).decode()

# cards that fill every kind of value the writer converts: dates, booleans (nurture from
# netdesk's own lines), a photo, positions, tags, circles, notes, related names, extra lines
CARDS = f"""BEGIN:VCARD\r
VERSION:3.0\r
N:Souza;Ana;Maria;Dr.;PhD\r
FN:Dr. Ana Maria Souza PhD\r
NICKNAME:Nina\r
EMAIL;TYPE=work,pref:ana@lumen.example\r
EMAIL;TYPE=home:ana@mail.example\r
TEL;TYPE=cell:+1 415 555 2671\r
ORG:Lumen Freight;Data\r
TITLE:Head of Data\r
BDAY:1990-04-12\r
CATEGORIES:Clients,Advisors\r
NOTE:Met at the Lumen offsite\\nLikes sourdough\r
X-NETDESK-NURTURE:true\r
X-NETDESK-CADENCE-DAYS:21\r
X-NETDESK-CIRCLE:Friends\r
X-NETDESK-WHY-STAND-OUT:Explains hard things simply\r
X-ABShowAs:PERSON\r
PHOTO;ENCODING=b;TYPE=JPEG:{PHOTO_B64}\r
UID:urn:uuid:ana-1\r
END:VCARD\r
BEGIN:VCARD\r
VERSION:3.0\r
FN:Ben Okafor\r
EMAIL:ben@okafor.example\r
BDAY:--0301\r
END:VCARD\r
"""


@pytest.fixture
def batch(store, tmp_path: Path) -> int:
    path = tmp_path / "people.vcf"
    path.write_text(CARDS, encoding="utf-8")
    report = importing.import_path(path)
    assert report.new == 2 and report.batch_id is not None
    return report.batch_id


def kept(batch_id: int) -> dict[str, str]:
    return json.loads(ImportBatch.get_by_id(batch_id).snapshot)["fingerprints"]


def test_what_the_writer_took_is_what_the_database_holds(batch):
    ana = people.get(1)  # every converted kind of value is there to agree on
    assert ana.nurture and ana.photo and ana.birthday and ana.circles and ana.positions
    assert kept(batch) == fingerprint.now(batch)
    assert len(kept(batch)) == 2
    assert batch_undo.later_work(ImportBatch.get_by_id(batch)) == ""


@pytest.mark.parametrize("column", [column for _name, column in fingerprint.PERSON_FIELDS])
def test_a_change_to_any_compared_column_is_an_edit(batch, column):
    before = fingerprint.now(batch)
    value: object = b"other picture"
    if column != "photo":
        current = database.execute_sql(f'SELECT "{column}" FROM person WHERE id = 1').fetchone()[0]
        number = 2 if column == "met_through_id" else 7  # Ben: an id that exists
        value = number if isinstance(current, int) or current is None else f"{current} changed"
    database.execute_sql(f'UPDATE person SET "{column}" = ? WHERE id = 1', (value,))
    assert fingerprint.now(batch)["1"] != before["1"]
    assert "(edits)" in batch_undo.later_work(ImportBatch.get_by_id(batch))


@pytest.mark.parametrize(
    "change",
    [
        "UPDATE contact_point SET label = 'other' WHERE person_id = 1 AND kind = 'phone'",
        "UPDATE contact_point SET preferred = 0 WHERE person_id = 1 AND preferred = 1",
        "DELETE FROM contact_point WHERE person_id = 1 AND value = 'ana@mail.example'",
        "UPDATE position SET \"end\" = '2026-01-31' WHERE person_id = 1",
        "DELETE FROM person_tag WHERE person_id = 1"
        " AND rowid = (SELECT min(rowid) FROM person_tag)",
        "DELETE FROM person_circle WHERE person_id = 1",
    ],
)
def test_a_change_to_any_child_is_an_edit(batch, change):
    database.execute_sql(change)
    assert fingerprint.now(batch)["1"] != kept(batch)["1"]


def test_a_save_that_rewrites_the_same_children_is_no_edit(batch):
    ana = people.get(1)
    people.update(ana.id, ana.as_draft())  # deletes and re-inserts every child
    assert fingerprint.now(batch) == kept(batch)


def test_a_batch_kept_by_an_earlier_version_is_checked_the_earlier_way(batch):
    snapshot = json.loads(ImportBatch.get_by_id(batch).snapshot)
    snapshot["created"] = batch_undo.legacy_fingerprints(batch)
    del snapshot["fingerprints"]
    ImportBatch.update(snapshot=json.dumps(snapshot)).where(ImportBatch.id == batch).execute()
    assert batch_undo.later_work(ImportBatch.get_by_id(batch)) == ""
    database.execute_sql("UPDATE person SET notes = 'changed' WHERE id = 2")
    assert "Ben Okafor (edits)" in batch_undo.later_work(ImportBatch.get_by_id(batch))


def test_a_uid_given_since_by_a_sync_is_no_edit(batch):
    database.execute_sql("UPDATE person SET uid = 'netdesk-sync-uid' WHERE id = 2")
    assert batch_undo.later_work(ImportBatch.get_by_id(batch)) == ""
