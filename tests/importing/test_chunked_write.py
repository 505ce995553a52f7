"""New people are written a chunk at a time inside the import's one transaction: a card that
joins an earlier card still finds that card's person, and undo takes back every chunk."""

from __future__ import annotations

import sys

from netdesk.core import importing, people
from netdesk.db.models import ContactPoint, ImportBatch, Person
from tests.helpers.records import find, record

# the package's `apply` is the function; the module of the same name is reached this way
apply_module = sys.modules["netdesk.core.importing.apply"]


def _plan(records):
    return importing.plan(records, source_name="chunks.vcf", fmt="vcard")


def test_people_written_in_chunks_are_all_there_once(store, monkeypatch):
    monkeypatch.setattr(apply_module, "WRITE_CHUNK", 2)  # the real chunk is 5,000 people
    records = [
        record(1, "Ana Souza", email="ana@fjordlight.example"),
        record(2, "Ben Okafor", email="ben@tidewater.example"),
        record(3, "Chloé Müller", email="chloe@lumen.example"),
        record(4, "Dmitri Nakamura", email="dmitri@harrowgate.example"),
        record(5, "Ana Souza", email="ana@fjordlight.example", phone="+44 20 7946 0018"),
        record(6, "Eun-ji Kowalski", email="eunji@kowhai.example"),
    ]
    planned = _plan(records)
    assert planned.items[4].into == 0  # the sixth card's person waits for the fifth card
    report = importing.apply(planned)
    assert (report.new, report.updated) == (5, 1)
    assert Person.select().count() == 5
    ana = people.get(find("Ana Souza"))
    assert sorted(p.kind for p in ana.points) == ["email", "phone"]
    assert {p.import_batch_id for p in ContactPoint.select()} == {report.batch_id}
    assert ImportBatch.get_by_id(report.batch_id).created_count == 5


def test_undo_takes_back_every_chunk(store, monkeypatch):
    monkeypatch.setattr(apply_module, "WRITE_CHUNK", 2)
    records = [record(n, f"Person {n}", email=f"p{n}@example.org") for n in range(1, 8)]
    report = importing.apply(_plan(records))
    assert Person.select().count() == 7
    importing.undo(report.batch_id)
    assert Person.select().count() == 0
    assert ContactPoint.select().count() == 0
