"""Instant search over the full-text index: prefix, case- and accent-insensitive, ranked."""

from __future__ import annotations

import re
import unicodedata

from netdesk.db import reads, search_index

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


def _prefixes(found: list[str]) -> str:
    return " ".join(f'"{tok}"*' for tok in found)


def name_query(text: str) -> str:
    """The FTS5 query matching `text` against names only."""
    return f"name : ({_prefixes(tokens(text))})"


def fts_query(text: str) -> str:
    """User text to an FTS5 query: every word must match as a prefix; never FTS syntax.

    Short text matches names only, unless no name matches at all ("fj" still finds people at
    Fjordlight).
    """
    found = tokens(text)
    if not found:
        return ""
    if is_short(text) and _any(name_query(text)):
        return name_query(text)
    return _prefixes(found)


def _any(match: str) -> bool:
    sql = "SELECT 1 FROM person_fts WHERE person_fts MATCH ? LIMIT 1"
    return reads.execute(sql, (match,)).fetchone() is not None


def match_count(match: str, cap: int | None = None) -> int:
    """How many documents match, counting at most `cap` (no ranking, no join)."""
    limit = "" if cap is None else f" LIMIT {int(cap)}"
    sql = f"SELECT count(*) FROM (SELECT rowid FROM person_fts WHERE person_fts MATCH ?{limit})"
    return int(reads.execute(sql, (match,)).fetchone()[0])


# Ranking costs ~0.7 us per matching document; past this many matches a page is built without
# ranking them all: name matches first, then everyone else alphabetically, walking the name index
# and stopping once the page is full (see ranked_page).
BROAD = 6000


def ranked_page(
    text: str, where: list[str], params: list[object], offset: int, limit: int
) -> list[int]:
    """Ids of one page of matches for `text` among people satisfying `where` (over `p`)."""
    match = fts_query(text)
    if not match:
        return []
    conditions = " AND ".join(where) or "1"
    names = name_query(text)
    if match_count(match, BROAD + 1) <= BROAD:
        if match != names and where == [ARCHIVED_ONLY]:
            return _ranked_unarchived(match, offset, limit)
        order = "p.sort_name" if match == names else f"{RANK}, p.sort_name"
        sql = (
            "SELECT p.id FROM person_fts f JOIN person p ON p.id = f.rowid "
            f"WHERE person_fts MATCH ? AND {conditions} ORDER BY {order} LIMIT ? OFFSET ?"
        )
        return _ids(sql, [match, *params, limit, offset])
    walk = (
        "SELECT p.id FROM person p INDEXED BY person_sort_name "
        f"WHERE {conditions} AND p.id IN (SELECT rowid FROM person_fts WHERE person_fts MATCH ?)"
    )
    if match == names or match_count(names, BROAD + 1) > BROAD:
        return _ids(
            f"{walk} ORDER BY p.sort_name LIMIT ? OFFSET ?", [*params, match, limit, offset]
        )
    sql = (
        "SELECT id FROM ("
        "SELECT id FROM (SELECT p.id AS id FROM person_fts f JOIN person p ON p.id = f.rowid "
        f"WHERE person_fts MATCH ? AND {conditions} ORDER BY {RANK}) "
        "UNION ALL SELECT id FROM ("
        f"{walk} AND p.id NOT IN (SELECT rowid FROM person_fts WHERE person_fts MATCH ?) "
        "ORDER BY p.sort_name)) LIMIT ? OFFSET ?"
    )
    return _ids(sql, [names, *params, *params, match, names, limit, offset])


ARCHIVED_ONLY = "p.archived = 0"


def _ranked_unarchived(match: str, offset: int, limit: int) -> list[int]:
    """Rank inside the index first, then drop archived people from the best few.

    Joining every match to `person` before ranking read one table page per match; ranking
    first touches only the rows a page needs. Archived people are rare, so one extra tenth
    of candidates almost always suffices; the loop widens the window when it does not.
    """
    wanted = offset + limit
    window = wanted + wanted // 10 + 10
    while True:
        ranked = _ids(
            f"SELECT rowid FROM person_fts WHERE person_fts MATCH ? ORDER BY {RANK} LIMIT ?",
            [match, window],
        )
        marks = ",".join("?" * len(ranked))
        archived = (
            set(_ids(f"SELECT id FROM person WHERE archived = 1 AND id IN ({marks})", list(ranked)))
            if ranked
            else set()
        )
        kept = [i for i in ranked if i not in archived]
        if len(kept) >= wanted or len(ranked) < window:
            return kept[offset:wanted]
        window *= 2


def _ids(sql: str, params: list[object]) -> list[int]:
    return [row[0] for row in reads.execute(sql, params)]


def search_ids(text: str, limit: int = 500, include_archived: bool = False) -> list[int]:
    """Ids of matching people, best first."""
    query = fts_query(text)
    if not query:
        return []
    search_index.flush(reads.orm_database())
    where = [] if include_archived else [ARCHIVED_ONLY]
    return ranked_page(text, where, [], 0, limit)
