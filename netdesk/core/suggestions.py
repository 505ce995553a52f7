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

People who share what they are matched on (an offer's text, a title and organisation, a set of
tags) are matched as one group, and a basis is read only while some need still lacks helpers:
100,000 people take about a second (`benchmarks/bench_suggest.py`).
"""

from __future__ import annotations

import datetime as dt
import enum
import heapq
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby, repeat
from operator import itemgetter

import peewee as pw
import snowballstemmer
from peewee import fn

from netdesk.core import needs
from netdesk.core.needs import NeedEntry
from netdesk.db.models import Person, PersonTag, Position, Tag, database
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
    plain = text.casefold()
    if not plain.isascii():  # accents to take off
        folded = unicodedata.normalize("NFKD", plain)
        plain = "".join(c for c in folded if not unicodedata.combining(c))
    found: dict[str, str] = {}
    for word in _WORD.findall(plain):
        if word in STOP_WORDS or len(word) < 2 or word.isdigit():
            continue
        stem = _stem(word)
        if stem not in STOP_WORDS:
            found.setdefault(stem, word)
    return found


def _text_stems(text: str) -> frozenset[str]:
    """The stems of `words(text)`, as the union of its parts between spaces (no word spans a
    space, even once accents are taken off): titles, organisations and tags repeat their parts
    across many people, where whole strings may not repeat."""
    return frozenset().union(*map(_part_stems, text.split()))


@lru_cache(maxsize=65_536)
def _part_stems(part: str) -> frozenset[str]:
    return frozenset(words(part))


@dataclass(frozen=True, slots=True, eq=False)
class _Group:
    """Helpers who share one thing to be matched (an offer's text, a title and organisation, a
    set of tags): its stems are counted once per need, however many people share it."""

    basis: Basis
    via: str
    stems: frozenset[str]
    helpers: tuple[int, ...]  # ascending, the order ties are broken in


@dataclass(frozen=True, slots=True)
class _Match:
    need: NeedEntry
    helper_id: int
    basis: Basis
    via: str
    matched: tuple[str, ...]

    def rank(self, names: dict[int, str]) -> tuple[Basis, int, int, int, str]:
        need = self.need
        newest = -need.noted_on.toordinal()
        return (self.basis, -len(self.matched), newest, -need.id, names[self.helper_id])


class _Basis:
    """The groups of one basis, found by the stems they share with the needs."""

    def __init__(self, groups: Iterable[_Group]) -> None:
        self.groups = list(groups)
        self.by_stem: dict[str, list[int]] = defaultdict(list)
        for index, group in enumerate(self.groups):
            for stem in group.stems:
                self.by_stem[stem].append(index)

    def tiers(self, need_words: dict[str, str]) -> Iterator[list[_Group]]:
        """The groups sharing words with the need, strongest first: more shared words, then by
        what they say; groups alike in both make one tier, whose helpers are taken by id."""
        shared = Counter(i for stem in need_words for i in self.by_stem.get(stem, ()))
        ranked = sorted(shared, key=lambda i: (-shared[i], self.groups[i].via))
        for _key, tier in groupby(ranked, key=lambda i: (shared[i], self.groups[i].via)):
            yield [self.groups[i] for i in tier]


def _choose(
    need: NeedEntry, need_words: dict[str, str], basis: _Basis, chosen: dict[int, _Match]
) -> None:
    """Add the need's strongest helpers on this basis to `chosen` until it holds `PER_NEED`:
    every helper already there was matched on a basis that says more."""
    for tier in basis.tiers(need_words):
        helpers = heapq.merge(*(zip(g.helpers, repeat(g)) for g in tier), key=itemgetter(0))
        for helper_id, group in helpers:
            if helper_id == need.person_id or helper_id in chosen:
                continue
            matched = tuple(word for stem, word in need_words.items() if stem in group.stems)
            chosen[helper_id] = _Match(need, helper_id, group.basis, group.via, matched)
            if len(chosen) == PER_NEED:
                return


def suggest(today: dt.date | None = None) -> list[Suggestion]:
    """Every fresh need met by someone else, best first: one suggestion per need and helper,
    on the strongest basis they share."""
    fresh = needs.fresh(today)
    wanted = [n for n in fresh if n.kind is NeedKind.NEED]
    need_words = {n.id: words(n.text) for n in wanted}
    chosen: dict[int, dict[int, _Match]] = {n.id: {} for n in wanted}
    readers: tuple[Callable[[set[str]], Iterable[_Group]], ...] = (
        lambda _vocabulary: _offers(fresh),
        _positions,
        _tags,
    )
    # every need's words, even once it is met: a tag source names all the tags they share
    vocabulary: set[str] = set().union(*need_words.values())
    for read in readers:  # in the order of what a basis says: a later one only fills up
        open_needs = [n for n in wanted if len(chosen[n.id]) < PER_NEED]
        if not (open_needs and vocabulary):
            break
        basis = _Basis(read(vocabulary))
        for need in open_needs:
            _choose(need, need_words[need.id], basis, chosen[need.id])
    found = [m for n in wanted for m in chosen[n.id].values()]
    names = _names({m.need.person_id for m in found} | {m.helper_id for m in found})
    return [
        Suggestion(
            need_id=m.need.id,
            need_person_id=m.need.person_id,
            need_person=names[m.need.person_id],
            need=m.need.text,
            helper_id=m.helper_id,
            helper=names[m.helper_id],
            basis=m.basis,
            via=m.via,
            matched=m.matched,
        )
        for m in sorted(found, key=lambda m: m.rank(names))
    ]


def _grouped(basis: Basis, shared: dict[tuple[str, frozenset[str]], list[int]]) -> list[_Group]:
    return [
        _Group(basis, via, stems, tuple(sorted(set(helpers))))
        for (via, stems), helpers in shared.items()
    ]


def _offers(fresh: Iterable[NeedEntry]) -> list[_Group]:
    shared: dict[tuple[str, frozenset[str]], list[int]] = defaultdict(list)
    for n in fresh:
        if n.kind is NeedKind.OFFER:
            shared[n.text, _text_stems(n.text)].append(n.person_id)
    return _grouped(Basis.OFFER, shared)


def _positions(vocabulary: set[str]) -> list[_Group]:
    """Current positions (no end date) of people not archived whose words a need shares."""
    query = (
        Position.select(Position.title, Position.organization, fn.group_concat(Position.person))
        .join(Person)
        .where(Position.end.is_null() & ~Person.archived)
        .group_by(Position.title, Position.organization)
    )
    shared: dict[tuple[str, frozenset[str]], list[int]] = defaultdict(list)
    for title, organization, people in database.execute(query):
        # the words of "title organisation" are those of each
        stems = _text_stems(title) | _text_stems(organization)
        if stems & vocabulary:
            via = " at ".join(x for x in (title, organization) if x)
            shared[via, stems] += _ids(people)
    return _grouped(Basis.POSITION, shared)


def _tags(vocabulary: set[str]) -> list[_Group]:
    """Interest and skill tags whose words a need shares, one source per person holding them."""
    kinds = (str(TagKind.INTEREST), str(TagKind.SKILL))
    matching = {}
    for tag_id, name in Tag.select(Tag.id, Tag.name).where(Tag.kind.in_(kinds)).tuples():
        stems = _text_stems(name)
        if stems & vocabulary:
            matching[int(tag_id)] = (name, stems)
    if not matching:
        return []
    held = (
        PersonTag.select(PersonTag.person, fn.group_concat(PersonTag.tag).alias("tags"))
        .join(Person)
        .where(PersonTag.tag.in_(list(matching)) & ~Person.archived)
        .group_by(PersonTag.person)
    ).alias("held")
    query = pw.Select([held], [held.c.tags, fn.group_concat(held.c.person_id)]).group_by(
        held.c.tags
    )
    alike: dict[tuple[int, ...], list[int]] = defaultdict(list)
    for tag_ids, people in database.execute(query):  # the people holding each set of tags
        alike[tuple(sorted(_ids(tag_ids)))] += _ids(people)
    shared: dict[tuple[str, frozenset[str]], list[int]] = defaultdict(list)
    for tag_ids, people in alike.items():
        names = sorted((matching[t][0] for t in tag_ids), key=str.casefold)
        stems = frozenset().union(*(matching[t][1] for t in tag_ids))
        shared[", ".join(f"“{name}”" for name in names), stems] += people
    return _grouped(Basis.TAG, shared)


def _ids(concatenated: str) -> list[int]:
    """The ids SQLite's group_concat joined."""
    return [int(i) for i in concatenated.split(",")]


def _names(ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    query = Person.select(Person.id, Person.display_name).where(Person.id.in_(list(ids)))
    return {int(i): str(n) for i, n in query.tuples()}
