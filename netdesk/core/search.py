"""Instant search over the full-text index: prefix, case- and accent-insensitive, ranked."""

from __future__ import annotations

import re
import unicodedata

from netdesk.db import search_index
from netdesk.db.models import database

_TOKEN = re.compile(r"\w+", re.UNICODE)
# bm25 weights per column: name, organization, title, email, phone, notes, tags, interactions
WEIGHTS = "10.0, 4.0, 3.0, 5.0, 5.0, 1.0, 2.0, 1.0"
RANK = f"bm25(person_fts, {WEIGHTS})"


def fts_query(text: str) -> str:
    """User text to an FTS5 query: every word must match as a prefix."""
    text = unicodedata.normalize("NFKC", text)
    tokens = _TOKEN.findall(text)
    return " ".join(f'"{tok}"*' for tok in tokens)


def search_ids(text: str, limit: int = 500, include_archived: bool = False) -> list[int]:
    """Ids of matching people, best first."""
    query = fts_query(text)
    if not query:
        return []
    search_index.flush(database)
    archived = "" if include_archived else "AND p.archived = 0"
    sql = (
        "SELECT p.id FROM person_fts f JOIN person p ON p.id = f.rowid "
        f"WHERE person_fts MATCH ? {archived} ORDER BY {RANK} LIMIT ?"
    )
    return [row[0] for row in database.execute_sql(sql, (query, limit))]
