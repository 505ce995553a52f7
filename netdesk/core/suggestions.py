"""Ways to help: who among your people could meet someone's need, each with its reason.

"Jamal Reed is looking for an analyst role; Ana Souza can help with hiring analysts: introduce
them?" A need (`core.needs`) is matched against what others offer, their current work (title and
organisation) and their interest and skill tags, by the words they share once normalised:
lowercase without accents, stemmed ("analysts" and "analyst", "hiring" and "hire" are one word),
without stop words and the words every need has ("looking", "job", "help"). Stale needs and
offers, archived people and matching someone with themselves are left out.

Ranked by how much the match says: an explicit offer first, then someone's work, then a tag;
within each, more shared words first, then the newer need. A need names at most its
`PER_NEED` strongest helpers: in a large network "an analyst role" shares a word with every
analyst, and a list of hundreds is no suggestion.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from netdesk.core import needs
from netdesk.core.needs import NeedEntry
from netdesk.db.models import Person, PersonTag, Position, Tag
from netdesk.values import NeedKind, TagKind

_WORD = re.compile(r"[^\W_]+")
# English function words, and the words any need or offer says without saying what it is about.
# fmt: off
STOP_WORDS = frozenset((
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
    "but", "by", "can", "could", "do", "does", "for", "from", "get", "has", "have", "he", "her",
    "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "just", "me", "more",
    "most", "my", "new", "no", "not", "of", "on", "one", "or", "our", "out", "over", "she",
    "so", "some", "than", "that", "the", "their", "them", "they", "this", "to", "too", "up",
    "us", "very", "was", "we", "were", "what", "when", "where", "which", "who", "will", "with",
    "would", "you", "your", "advice", "anyone", "anybody", "ask", "available", "find", "good",
    "great", "help", "hire", "hiring", "intro", "introduction", "introductions", "job", "jobs",
    "know", "knows", "like", "look", "looking", "need", "needs", "offer", "offers", "open",
    "opening", "opportunity", "opportunities", "people", "person", "place", "position", "role",
    "roles", "search", "seek", "seeking", "someone", "somebody", "something", "thing", "things",
    "want", "wants", "work", "working",
))
# fmt: on
_stemmer = snowballstemmer.stemmer("english")
PER_NEED = 5


class Basis(enum.IntEnum):
    """What the match rests on; a lower value says more."""

    OFFER = 0
    POSITION = 1
    TAG = 2


@dataclass(frozen=True, slots=True)
class Suggestion:
    need_id: int
    need_person_id: int
    need_person: str
    need: str
    helper_id: int
    helper: str
    basis: Basis
    via: str  # the offer, the position or the tags the need matched
    matched: tuple[str, ...]  # the need's own words that matched

    @property
    def reason(self) -> str:
        """Why this helper: "Ana Souza can help with “hiring analysts” (matched: analyst)"."""
        what = {
            Basis.OFFER: "can help with “{via}”",
            Basis.POSITION: "works as {via}",
            Basis.TAG: "is tagged {via}",
        }[self.basis].format(via=self.via)
        return f"{self.helper} {what} (matched: {', '.join(self.matched)})"

    @property
    def sentence(self) -> str:
        return f"{self.need_person} is looking for “{self.need}”; {self.reason}: introduce them?"

    def as_json(self) -> dict[str, object]:
        return {
            "need_person_id": self.need_person_id,
            "need_person": self.need_person,
            "need": self.need,
            "helper_id": self.helper_id,
            "helper": self.helper,
            "reason": self.reason,
        }


@lru_cache(maxsize=65_536)  # titles and tags repeat across many people
def _stem(word: str) -> str:
    return str(_stemmer.stemWord(word))


def words(text: str) -> dict[str, str]:
    """The words of `text` that can match, stem -> the word as written (lowercase), in order."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    found: dict[str, str] = {}
    for word in _WORD.findall(plain):
        if word in STOP_WORDS or len(word) < 2 or word.isdigit():
            continue
        stem = _stem(word)
        if stem not in STOP_WORDS:
            found.setdefault(stem, word)
    return found


@dataclass(frozen=True, slots=True)
class _Source:
    """Something one helper offers to be matched: its stems and how to name it."""

    helper_id: int
    basis: Basis
    via: str
    stems: frozenset[str]


@dataclass(frozen=True, slots=True)
class _Match:
    need: NeedEntry
    source: _Source
    matched: tuple[str, ...]

    def rank(self, names: dict[int, str]) -> tuple[Basis, int, int, int, str]:
        need = self.need
        newest = -need.noted_on.toordinal()
        return (
            self.source.basis,
            -len(self.matched),
            newest,
            -need.id,
            names[self.source.helper_id],
        )


def suggest(today: dt.date | None = None) -> list[Suggestion]:
    """Every fresh need met by someone else, best first: one suggestion per need and helper,
    on the strongest basis they share."""
    fresh = needs.fresh(today)
    wanted = [n for n in fresh if n.kind is NeedKind.NEED]
    if not wanted:
        return []
    need_words = {n.id: words(n.text) for n in wanted}
    vocabulary: set[str] = set().union(*need_words.values())
    by_stem: dict[str, set[_Source]] = defaultdict(set)
    for source in (*_offers(fresh), *_positions(vocabulary), *_tags(vocabulary)):
        for stem in source.stems & vocabulary:
            by_stem[stem].add(source)
    found = [m for n in wanted for m in _for_need(n, need_words[n.id], by_stem)]
    names = _names({m.need.person_id for m in found} | {m.source.helper_id for m in found})
    return [
        Suggestion(
            need_id=m.need.id,
            need_person_id=m.need.person_id,
            need_person=names[m.need.person_id],
            need=m.need.text,
            helper_id=m.source.helper_id,
            helper=names[m.source.helper_id],
            basis=m.source.basis,
            via=m.source.via,
            matched=m.matched,
        )
        for m in sorted(found, key=lambda m: m.rank(names))
    ]


def _for_need(
    need: NeedEntry, need_words: dict[str, str], by_stem: dict[str, set[_Source]]
) -> list[_Match]:
    """The strongest match of each other person for one need, the `PER_NEED` strongest."""
    best: dict[int, _Match] = {}
    candidates = {s for stem in need_words for s in by_stem.get(stem, ())}
    for source in candidates:
        if source.helper_id == need.person_id:
            continue
        matched = tuple(word for stem, word in need_words.items() if stem in source.stems)
        match = _Match(need, source, matched)
        current = best.get(source.helper_id)
        if current is None or _strength(match) < _strength(current):
            best[source.helper_id] = match
    return sorted(best.values(), key=_strength)[:PER_NEED]


def _strength(match: _Match) -> tuple[Basis, int, str, int]:
    return (match.source.basis, -len(match.matched), match.source.via, match.source.helper_id)


def _offers(fresh: Iterable[NeedEntry]) -> list[_Source]:
    return [
        _Source(n.person_id, Basis.OFFER, n.text, frozenset(words(n.text)))
        for n in fresh
        if n.kind is NeedKind.OFFER
    ]


def _positions(vocabulary: set[str]) -> list[_Source]:
    """Current positions (no end date) of people not archived whose words a need shares."""
    query = (
        Position.select(Position.person, Position.title, Position.organization)
        .join(Person)
        .where(Position.end.is_null() & ~Person.archived)
        .tuples()
    )
    found = []
    for person_id, title, organization in query:
        stems = frozenset(words(f"{title} {organization}"))
        if stems & vocabulary:
            via = " at ".join(x for x in (title, organization) if x)
            found.append(_Source(int(person_id), Basis.POSITION, via, stems))
    return found


def _tags(vocabulary: set[str]) -> list[_Source]:
    """Interest and skill tags whose words a need shares, one source per person holding them."""
    kinds = (str(TagKind.INTEREST), str(TagKind.SKILL))
    matching = {}
    for tag_id, name in Tag.select(Tag.id, Tag.name).where(Tag.kind.in_(kinds)).tuples():
        stems = frozenset(words(name))
        if stems & vocabulary:
            matching[int(tag_id)] = (name, stems)
    if not matching:
        return []
    held: dict[int, list[int]] = defaultdict(list)
    query = (
        PersonTag.select(PersonTag.person, PersonTag.tag)
        .join(Person)
        .where(PersonTag.tag.in_(list(matching)) & ~Person.archived)
        .tuples()
    )
    for person_id, tag_id in query:
        held[int(person_id)].append(int(tag_id))
    found = []
    for person_id, tag_ids in held.items():
        names = sorted((matching[t][0] for t in tag_ids), key=str.casefold)
        stems = frozenset().union(*(matching[t][1] for t in tag_ids))
        via = ", ".join(f"“{name}”" for name in names)
        found.append(_Source(person_id, Basis.TAG, via, stems))
    return found


def _names(ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    query = Person.select(Person.id, Person.display_name).where(Person.id.in_(list(ids)))
    return {int(i): str(n) for i, n in query.tuples()}
