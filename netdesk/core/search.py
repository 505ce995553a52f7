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


SHORT = 3  # tokens shorter than this match names only (see is_short)


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(unicodedata.normalize("NFKC", text))


def is_short(text: str) -> bool:
    """One or two letters typed: match names only, alphabetically.

    Ranking every document that has a word starting with "a" costs ~100 ms over 100,000 people;
    matching only names and listing them alphabetically costs a few ms and is what a person
    typing the first letters of a name expects. From three letters on, every field is searched
    and ranked.
    """
    found = tokens(text)
    return bool(found) and all(len(t) < SHORT for t in found)


def fts_query(text: str) -> str:
    """User text to an FTS5 query: every word must match as a prefix; never FTS syntax."""
    found = tokens(text)
    query = " ".join(f'"{tok}"*' for tok in found)
    if found and is_short(text):
        return f"name : ({query})"
    return query


def order_clause(text: str) -> str:
    """How matches are ordered: alphabetically for short queries, by rank otherwise."""
    return "p.sort_name" if is_short(text) else RANK


def search_ids(text: str, limit: int = 500, include_archived: bool = False) -> list[int]:
    """Ids of matching people, best first."""
    query = fts_query(text)
    if not query:
        return []
    search_index.flush(database)
    archived = "" if include_archived else "AND p.archived = 0"
    sql = (
        "SELECT p.id FROM person_fts f JOIN person p ON p.id = f.rowid "
        f"WHERE person_fts MATCH ? {archived} ORDER BY {order_clause(text)} LIMIT ?"
    )
    return [row[0] for row in database.execute_sql(sql, (query, limit))]
