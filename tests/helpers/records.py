"""Contact records, images and whole-store dumps, for tests of imports, snapshots and merges."""

from __future__ import annotations

import hashlib
import io

from PIL import Image

from netdesk.core import favours, interactions, people, search
from netdesk.db.models import MODELS, database
from netdesk.io.records import ContactRecord, PointRecord, PositionRecord
from netdesk.values import Birthday, PointKind, TagKind


def record(
    card: int,
    name: str = "",
    *,
    given: str = "",
    family: str = "",
    email: str = "",
    phone: str = "",
    org: str = "",
    title: str = "",
    uid: str = "",
    note: str = "",
    birthday: Birthday | None = None,
    tags: list[tuple[TagKind, str]] | None = None,
    urls: list[str] | None = None,
) -> ContactRecord:
    points = []
    if email:
        points.append(PointRecord(PointKind.EMAIL, email, "work"))
    if phone:
        points.append(PointRecord(PointKind.PHONE, phone, "mobile"))
    for url in urls or []:
        points.append(PointRecord(PointKind.URL, url))
    return ContactRecord(
        card=card,
        line=card * 10,
        formatted_name=name,
        given=given,
        family=family,
        points=points,
        positions=[PositionRecord(org, title)] if org or title else [],
        uid=uid,
        note=note,
        birthday=birthday,
        tags=tags or [],
    )


def png_bytes(size: tuple[int, int] = (40, 30), color: str = "teal") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format="PNG")
    return out.getvalue()


def jpeg_bytes(size: tuple[int, int] = (800, 600), color: str = "orange") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format="JPEG", quality=80)
    return out.getvalue()


def dump() -> str:
    """A digest of every row of every table (and the search index): equal dumps, equal stores."""
    digest = hashlib.sha256()
    tables = [m._meta.table_name for m in MODELS] + ["person_fts", "search_dirty"]
    for table in tables:
        order = "rowid" if table == "person_fts" else "1"
        cursor = database.execute_sql(f"SELECT * FROM {table} ORDER BY {order}")
        for row in cursor.fetchall():
            digest.update(repr(row).encode())
        digest.update(b"|")
    return digest.hexdigest()


def counts() -> dict[str, int]:
    return {
        m._meta.table_name: database.execute_sql(
            f"SELECT count(*) FROM {m._meta.table_name}"
        ).fetchone()[0]
        for m in MODELS
    }


def person_view(person_id: int) -> dict[str, object]:
    """Everything a user sees about one person, for before/after comparisons."""
    detail = people.get(person_id)
    timeline = [
        (e.id, e.when, e.summary, e.others, e.event_name) for e in interactions.timeline(person_id)
    ]
    return {
        "detail": detail,
        "timeline": timeline,
        "favours": favours.for_person(person_id),
    }


def find(name: str) -> int:
    ids = search.search_ids(name, include_archived=True)
    assert ids, f"nobody matches {name!r}"
    return ids[0]
