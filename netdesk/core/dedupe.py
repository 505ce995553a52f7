"""Finding people who are probably the same person, and the identity rules of an import.

A shared email, phone (its extension included) or profile URL is evidence, not identity: it
makes two cards one person only when the names agree (the same or a similar name, one name part
of the other, or one side without a usable name). The same UID as a stored person is identity.
Two cards of one file with different UIDs stay two cards. The same name with nothing else in
common is two people flagged for review. `names_agree` holds the name side of these rules.

`MatchKeys` computes the keys of one record or person; `MatchIndex` holds the keys of many people
in dictionaries so an import can classify thousands of records without a query per record
(`MatchIndex.identify`); `find_pairs` scans the whole store: SQL self-joins for UIDs and emails,
dictionaries for phones and profiles, blocked in-memory comparison for names.
"""

from __future__ import annotations

import dataclasses
import difflib
import enum
import re
import urllib.parse
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field

from netdesk.core import store
from netdesk.core.normalize import fold
from netdesk.db.models import (
    ContactPoint,
    DismissedDuplicate,
    Participant,
    Person,
    Position,
    database,
)
from netdesk.values import PointKind, Topic

SIMILAR_NAME_RATIO = 0.88
BLOCK_PREFIX = 2  # letters similar names share at the start of their folded sort names
MAX_BLOCK = 400  # a bigger block (a huge company and a common prefix) is compared partially
# A point shared by more people than this (a company's main line on every colleague's card)
# says nothing about who anyone is, and comparing every sharer would cost the square.
MAX_SHARERS = 50

# Domains shared by unrelated people: a shared one says nothing about being the same person.
# example.com/.org/.net are reserved for documentation and used by countless fictional people.
PUBLIC_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "yahoo.com",
        "yahoo.co.uk",
        "yahoo.fr",
        "yahoo.de",
        "ymail.com",
        "hotmail.com",
        "hotmail.co.uk",
        "hotmail.fr",
        "hotmail.de",
        "outlook.com",
        "live.com",
        "live.co.uk",
        "msn.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "aol.com",
        "gmx.de",
        "gmx.net",
        "gmx.com",
        "web.de",
        "t-online.de",
        "freenet.de",
        "proton.me",
        "protonmail.com",
        "pm.me",
        "mail.com",
        "mail.ru",
        "yandex.ru",
        "yandex.com",
        "qq.com",
        "163.com",
        "126.com",
        "naver.com",
        "daum.net",
        "hanmail.net",
        "orange.fr",
        "wanadoo.fr",
        "free.fr",
        "laposte.net",
        "libero.it",
        "virgilio.it",
        "tiscali.it",
        "btinternet.com",
        "comcast.net",
        "verizon.net",
        "att.net",
        "sbcglobal.net",
        "rediffmail.com",
        "fastmail.com",
        "zoho.com",
        "tutanota.com",
        "hey.com",
        "seznam.cz",
        "wp.pl",
        "o2.pl",
        "interia.pl",
        "bigpond.com",
        "shaw.ca",
        "rogers.com",
        "example.com",
        "example.org",
        "example.net",
    }
)

SOCIAL_HOSTS = frozenset(
    {
        "linkedin.com",
        "twitter.com",
        "x.com",
        "github.com",
        "gitlab.com",
        "facebook.com",
        "instagram.com",
        "mastodon.social",
        "threads.net",
        "bsky.app",
        "xing.com",
        "tiktok.com",
        "youtube.com",
        "medium.com",
    }
)


def email_domain(normalized_email: str) -> str:
    return normalized_email.rpartition("@")[2]


def profile_key(kind: str, value: str) -> str:
    """A canonical form of a social profile URL (host without www, path), or ""."""
    text = value.strip()
    if not text:
        return ""
    if "://" not in text:
        if kind != PointKind.SOCIAL:
            return ""
        text = "https://" + text
    try:
        parts = urllib.parse.urlsplit(text)
    except ValueError:
        return ""
    host = (parts.hostname or "").lower().removeprefix("www.")
    host = host.removeprefix("m.")  # mobile links name the same profile
    path = urllib.parse.unquote(parts.path).rstrip("/")
    if not host or not path.strip("/"):
        return ""
    if kind != PointKind.SOCIAL and host not in SOCIAL_HOSTS:
        return ""
    return f"{host}{fold(path)}"


# An extension after the number, as phones and address books write it: ",x5506", " ext. 12",
# ";ext=3", "#12", ",5506" (a pause, then the extension).
_EXTENSION = re.compile(
    r"(?:;\s*ext=|\s*(?:[,;#]|\bx|\bext\b\.?|\bextn\b\.?|\bextension\b)[\s.:]*(?:x|ext\.?)?)"
    r"\s*(\d{1,9})\s*$",
    re.IGNORECASE,
)


_EXTENSION_MARKS = frozenset(",;#xXeE")  # a number without any of these has no extension


def phone_extension(value: str) -> str:
    if _EXTENSION_MARKS.isdisjoint(value):
        return ""
    found = _EXTENSION.search(value)
    return found.group(1) if found else ""


def phone_key(normalized: str, value: str) -> str:
    """E.164 when the number parsed, with its extension (colleagues behind one switchboard are
    different lines); else its digits (a number netdesk cannot place in a country still
    matches itself), or "" when too short to mean anything."""
    if normalized:
        extension = phone_extension(value)
        return f"{normalized};ext={extension}" if extension else normalized
    digits = "".join(c for c in value if c.isdigit())
    return f"#{digits}" if len(digits) >= 6 else ""


_WORD_EDGES = ".,;:()[]\"'"  # punctuation around a name word: "Souza, Ana" is "Ana Souza"


def _name_tokens(given: str, family: str, fallback: str) -> str:
    words = fold(f"{given} {family}").split() or fold(fallback).split()
    return " ".join(sorted(w for w in (w.strip(_WORD_EDGES) for w in words) if w))


def _usable_name(name: str) -> bool:
    """Names made from an email or a number carry no name evidence."""
    return len(name) >= 3 and "@" not in name and not any(c.isdigit() for c in name)


@dataclass(frozen=True, slots=True)
class MatchKeys:
    """Everything dedupe compares, for one person or record."""

    uid: str = ""
    emails: frozenset[str] = frozenset()
    phones: frozenset[str] = frozenset()
    profiles: frozenset[str] = frozenset()
    name: str = ""  # the display name, for messages
    sort_name: str = ""  # folded, family first
    tokens: str = ""  # folded given and family names, sorted: "order does not matter" key
    orgs: frozenset[str] = frozenset()
    domains: frozenset[str] = frozenset()

    @property
    def blocks(self) -> frozenset[str]:
        """Blocking keys for similar names: the start of the sort name and the initial of its
        second word ("smith jon" and "smith john" share "sm j"; "jon smith" and "john smith"
        share "jo s"). A ratio of 0.88 leaves room for about two typos, rarely right there."""
        words = self.sort_name.split()
        second = words[1][:1] if len(words) > 1 else ""
        return frozenset({f"{self.sort_name[:BLOCK_PREFIX]} {second}"})

    named: bool = False  # the name is usable evidence (see `_usable_name`)
    # where the store saw them: "met:<day>" and "ix:<interaction>" (find_pairs only)
    events: frozenset[str] = frozenset()

    @property
    def has_name(self) -> bool:
        return self.named

    @property
    def bare(self) -> bool:
        """Nothing but a name: no UID and no email, phone or profile to tell two apart."""
        return not (self.uid or self.emails or self.phones or self.profiles)

    @property
    def contexts(self) -> frozenset[str]:
        """Shared-evidence keys: organisations and private email domains."""
        return frozenset({f"org:{o}" for o in self.orgs} | {f"dom:{d}" for d in self.domains})


def build_keys(
    *,
    uid: str | None,
    emails: set[str],
    phones: set[str],
    profiles: set[str],
    display_name: str,
    given: str,
    family: str,
    sort_name: str,
    organizations: Iterable[str],
) -> MatchKeys:
    """Keys from already normalised emails, E.164 phones and profile keys."""
    domains = {email_domain(e) for e in emails} - PUBLIC_DOMAINS
    return MatchKeys(
        uid=(uid or "").strip(),
        emails=frozenset(emails),
        phones=frozenset(phones),
        profiles=frozenset(profiles),
        name=display_name,
        sort_name=sort_name,
        tokens=_name_tokens(given, family, display_name),
        orgs=frozenset(o for o in (fold(x) for x in organizations) if o),
        domains=frozenset(d for d in domains if d),
        named=_usable_name(sort_name),
    )


SIMILAR_WORD_RATIO = 0.85  # one typo in a long word: Lindqvist / Lindquist
SIMILAR_WORD_LENGTH = 6  # shorter words differ by one letter between people: Jon, Joan


def _words_fit(a: str, b: str) -> bool:
    """Whether two name words can be the same word: equal, an initial, a short form (Ben,
    Benjamin), or one typo in a long word."""
    a, b = a.strip(_WORD_EDGES), b.strip(_WORD_EDGES)
    if not a or not b:
        return False
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    short, long = sorted((a, b), key=len)
    if len(short) >= 3 and long.startswith(short):
        return True
    if len(short) < SIMILAR_WORD_LENGTH:
        return False
    return difflib.SequenceMatcher(None, a, b).ratio() >= SIMILAR_WORD_RATIO


def names_agree(a: MatchKeys, b: MatchKeys) -> bool:
    """Whether two names can belong to one person: one side has no usable name, or every word
    of the shorter name fits its own word of the longer one ("Ana S." and "Ana Souza",
    "Tobias" and "Tobias Quenneville"; not "Ana Souza" and "Pedro Souza")."""
    if not (a.named and b.named) or a.tokens == b.tokens:
        return True
    short, long = sorted((a.tokens.split(), b.tokens.split()), key=len)
    free = list(long)
    for word in short:
        fit = next((w for w in free if _words_fit(word, w)), None)
        if fit is None:
            return False
        free.remove(fit)
    return True


class NameMatcher:
    """Compares one name with many: difflib caches what it learns about the fixed name, and
    each other sort name is scored once."""

    def __init__(self, keys: MatchKeys) -> None:
        self.keys = keys
        self._matcher = difflib.SequenceMatcher(None, autojunk=False)
        self._matcher.set_seq2(keys.sort_name)
        self._seen: dict[str, float] = {}

    def score(self, other: MatchKeys, *, at_least: float = 0.0) -> float:
        a = self.keys
        if not (a.named and other.named):
            return 0.0
        if a.tokens and a.tokens == other.tokens:
            return 1.0
        name = other.sort_name
        if name not in self._seen:
            self._seen[name] = self._ratio(name, at_least)
        return self._seen[name]

    def _ratio(self, name: str, at_least: float) -> float:
        la, lb = len(name), len(self.keys.sort_name)
        if 2 * min(la, lb) / (la + lb) < at_least:  # the ratio's bound from lengths alone
            return 0.0
        self._matcher.set_seq1(name)
        if self._matcher.quick_ratio() < at_least:
            return 0.0
        return self._matcher.ratio()


def shared_context(a: MatchKeys, b: MatchKeys) -> str:
    """How two people are linked besides their names ("" when they are not)."""
    orgs = a.orgs & b.orgs
    if orgs:
        return f"the same organisation ({min(orgs)})"
    domains = a.domains & b.domains
    if domains:
        return f"the same email domain ({min(domains)})"
    events = a.events & b.events
    if any(e.startswith("ix:") for e in events):
        return "the same event or conversation"
    if events:
        return f"met the same day ({min(events).removeprefix('met:')})"
    return ""


class Verdict(enum.StrEnum):
    SAME = "same"  # the same person: the evidence agrees with the names, or the same UID
    REVIEW = "review"  # kept apart, but maybe the same person: the user reviews it
    APART = "apart"  # shares an email, phone or profile, but the names differ: two people
    NEW = "new"  # nothing in common with anyone


class Flag(enum.StrEnum):
    """Why a card kept apart deserves a second look."""

    NONE = ""
    SAME_NAME = "same_name"
    SIMILAR_NAME = "similar_name"
    SAME_UID = "same_uid"  # two cards of one file share a UID under different names


@dataclass(frozen=True)
class Match:
    """What the identity rules say about one record: the verdict, who it concerns, and the
    evidence in words ("same email", "same name as Ana Souza")."""

    verdict: Verdict
    target: Hashable | None = None
    evidence: str = ""
    flag: Flag = Flag.NONE
    score: float = 0.0


_EVIDENCE = (("emails", "email"), ("phones", "phone"), ("profiles", "profile"))


class MatchIndex:
    """Keys of many people (or planned records) in dictionaries, built once, then queried.

    Targets are opaque hashables: the importer uses person ids for the store and markers for
    the records of the file it plans. Each key lists its targets oldest first.
    """

    def __init__(self) -> None:
        self.uid: dict[str, list[Hashable]] = defaultdict(list)
        self.emails: dict[str, list[Hashable]] = defaultdict(list)
        self.phones: dict[str, list[Hashable]] = defaultdict(list)
        self.profiles: dict[str, list[Hashable]] = defaultdict(list)
        self.tokens: dict[str, list[Hashable]] = defaultdict(list)
        self.blocks: dict[tuple[str, str], list[Hashable]] = defaultdict(list)
        self.keys: dict[Hashable, MatchKeys] = {}
        self.stored: set[Hashable] = set()  # targets that are people in the store

    @classmethod
    def from_store(cls, *, include_archived: bool = True) -> MatchIndex:
        """Everyone in the database, read in three queries."""
        index = cls()
        for person_id, keys in load_keys(include_archived=include_archived).items():
            index.add(person_id, keys)
            index.stored.add(person_id)
        return index

    def add(self, target: Hashable, keys: MatchKeys) -> None:
        old = self.keys.get(target)
        self.keys[target] = keys if old is None else _union(old, keys)
        if keys.uid:
            _append(self.uid[keys.uid], target)
        for attribute, _ in _EVIDENCE:
            table = getattr(self, attribute)
            for value in getattr(keys, attribute):
                sharers = table[value]
                if len(sharers) <= MAX_SHARERS:  # one past the limit marks it crowded
                    _append(sharers, target)
        if keys.has_name and old is None:
            self.tokens[keys.tokens].append(target)
            for context in keys.contexts:
                for prefix in keys.blocks:
                    self.blocks[(context, prefix)].append(target)

    def identify(self, keys: MatchKeys) -> Match:
        """Apply the identity rules to one record's keys (see the module's docstring)."""
        by_uid = self._by_uid(keys)
        if by_uid is not None and by_uid.verdict is Verdict.SAME:
            return by_uid
        same, conflict, apart = self._by_evidence(keys)
        # a UID this file gave another name still yields to someone the evidence names
        found = same or by_uid or conflict or self._by_name(keys) or apart
        return found or Match(Verdict.NEW)

    def _by_uid(self, keys: MatchKeys) -> Match | None:
        targets = self.uid.get(keys.uid, []) if keys.uid else []
        if not targets:
            return None
        agreeing = [t for t in targets if names_agree(keys, self.keys[t])]
        stored = [t for t in targets if t in self.stored]
        if stored:  # a person an earlier import made from this UID
            target = next((t for t in agreeing if t in self.stored), stored[0])
            return Match(Verdict.SAME, target, "same UID", score=1.0)
        if agreeing:  # the same card twice in one file
            return Match(Verdict.SAME, agreeing[0], "same UID", score=1.0)
        other = self.keys[targets[0]].name
        why = f"same UID as {other} but the names differ"
        return Match(Verdict.REVIEW, targets[0], why, Flag.SAME_UID, 0.9)

    def _by_evidence(self, keys: MatchKeys) -> tuple[Match | None, Match | None, Match | None]:
        """(the same person, a same-name card under another UID, someone who only shares a
        point) among the targets sharing an email, a phone or a profile."""
        sharing: dict[Hashable, str] = {}
        for attribute, label in _EVIDENCE:
            table = getattr(self, attribute)
            for value in sorted(getattr(keys, attribute)):
                sharers = table.get(value, ())
                if len(sharers) > MAX_SHARERS:
                    continue
                for target in sharers:
                    sharing.setdefault(target, label)
        conflict = apart = None
        for target, label in sharing.items():
            other = self.keys[target]
            if not names_agree(keys, other):
                why = f"shares {_a(label)} with {other.name} but the names differ"
                apart = apart or Match(Verdict.APART, target, why)
            elif keys.uid and other.uid and keys.uid != other.uid:
                flag = Flag.SAME_NAME if keys.tokens == other.tokens else Flag.SIMILAR_NAME
                why = f"{_name_label(flag)} {other.name} and the same {label}, another UID"
                conflict = conflict or Match(Verdict.REVIEW, target, why, flag, 0.85)
            else:
                return Match(Verdict.SAME, target, f"same {label}", score=0.95), None, None
        return None, conflict, apart

    def _by_name(self, keys: MatchKeys) -> Match | None:
        """The same name (a stored bare card is that card again), or a similar name with a
        shared organisation or email domain."""
        if not keys.has_name:
            return None
        same_tokens = self.tokens.get(keys.tokens, [])
        if same_tokens:
            if keys.bare:
                for target in same_tokens[:MAX_BLOCK]:
                    other = self.keys[target]
                    if target in self.stored and other.bare and keys.orgs <= other.orgs:
                        why = "same name, and neither has an email, phone or UID"
                        return Match(Verdict.SAME, target, why, score=0.9)
            target = same_tokens[0]
            shared = shared_context(keys, self.keys[target])
            why = f"same name as {self.keys[target].name}" + (f" and {shared}" if shared else "")
            return Match(Verdict.REVIEW, target, why, Flag.SAME_NAME, 0.9)
        return self._similar(keys)

    def _similar(self, keys: MatchKeys) -> Match | None:
        candidates: list[Hashable] = []
        for context in keys.contexts:
            for prefix in keys.blocks:
                candidates += self.blocks.get((context, prefix), [])[:MAX_BLOCK]
        best: Match | None = None
        matcher = NameMatcher(keys)
        for target in dict.fromkeys(candidates):
            other = self.keys[target]
            score = matcher.score(other, at_least=SIMILAR_NAME_RATIO)
            if score >= SIMILAR_NAME_RATIO and (best is None or score > best.score):
                shared = shared_context(keys, other)
                why = f"similar name to {other.name} and {shared}"
                best = Match(Verdict.REVIEW, target, why, Flag.SIMILAR_NAME, score)
        return best


def _append(targets: list[Hashable], target: Hashable) -> None:
    if target not in targets:
        targets.append(target)


def _a(label: str) -> str:
    return f"an {label}" if label[0] in "aeiou" else f"a {label}"


def _name_label(flag: Flag) -> str:
    return "same name as" if flag is Flag.SAME_NAME else "similar name to"


def _union(a: MatchKeys, b: MatchKeys) -> MatchKeys:
    return MatchKeys(
        uid=a.uid or b.uid,
        emails=a.emails | b.emails,
        phones=a.phones | b.phones,
        profiles=a.profiles | b.profiles,
        name=a.name,
        sort_name=a.sort_name,
        tokens=a.tokens,
        orgs=a.orgs | b.orgs,
        domains=a.domains | b.domains,
        named=a.named,
        events=a.events | b.events,
    )


@dataclass
class _Loaded:
    emails: set[str] = field(default_factory=set)
    phones: set[str] = field(default_factory=set)
    profiles: set[str] = field(default_factory=set)
    orgs: set[str] = field(default_factory=set)


def load_keys(*, include_archived: bool = True, with_events: bool = False) -> dict[int, MatchKeys]:
    """MatchKeys of every person, from stored normalised values (no re-parsing of phones);
    `with_events` adds the day they were met and the interactions they took part in."""
    people = Person.select(
        Person.id, Person.uid, Person.display_name, Person.given, Person.family, Person.sort_name
    )
    if not include_archived:
        people = people.where(Person.archived == False)  # noqa: E712 - peewee expression
    rows = list(people.tuples())
    loaded: dict[int, _Loaded] = {r[0]: _Loaded() for r in rows}
    points = ContactPoint.select(
        ContactPoint.person, ContactPoint.kind, ContactPoint.value, ContactPoint.normalized
    ).tuples()
    for person_id, kind, value, normalized in points:
        bucket = loaded.get(person_id)
        if bucket is None or not (normalized or value):
            continue
        if kind == PointKind.EMAIL and "@" in normalized:
            bucket.emails.add(normalized)
        elif kind == PointKind.PHONE and phone_key(normalized, value):
            bucket.phones.add(phone_key(normalized, value))
        elif kind in (PointKind.URL, PointKind.SOCIAL):
            key = profile_key(kind, value)
            if key:
                bucket.profiles.add(key)
    for person_id, org in Position.select(Position.person, Position.organization).tuples():
        if person_id in loaded and org:
            loaded[person_id].orgs.add(org)
    out: dict[int, MatchKeys] = {}
    for person_id, uid, display, given, family, sort_name in rows:
        b = loaded[person_id]
        out[person_id] = build_keys(
            uid=uid,
            emails=b.emails,
            phones=b.phones,
            profiles=b.profiles,
            display_name=display,
            given=given,
            family=family,
            sort_name=sort_name,
            organizations=b.orgs,
        )
    if with_events:
        _add_events(out)
    return out


def _add_events(keys: dict[int, MatchKeys]) -> None:
    events: dict[int, set[str]] = defaultdict(set)
    met = Person.select(Person.id, Person.met_on).where(Person.met_on.is_null(False))
    for person_id, met_on in met.tuples():
        events[person_id].add(f"met:{met_on}")
    taking_part = Participant.select(Participant.person, Participant.interaction).tuples()
    for person_id, interaction_id in taking_part:
        events[person_id].add(f"ix:{interaction_id}")
    for person_id, found in events.items():
        if person_id in keys:
            keys[person_id] = dataclasses.replace(keys[person_id], events=frozenset(found))


# --- whole-store scan ---------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class DuplicatePair:
    """Two people who are probably one; `a_id` < `b_id`."""

    a_id: int
    b_id: int
    reason: str
    score: float


_UID_SQL = (
    "SELECT a.id, b.id, a.uid FROM person a JOIN person b ON b.uid = a.uid AND b.id > a.id"
    " WHERE a.uid IS NOT NULL AND a.uid <> '' AND a.archived = 0 AND b.archived = 0"
)
_EMAIL_SQL = (
    "SELECT DISTINCT a.person_id, b.person_id, a.normalized FROM contact_point a"
    " JOIN contact_point b ON b.normalized = a.normalized AND b.kind = a.kind"
    "  AND b.person_id > a.person_id"
    " JOIN person pa ON pa.id = a.person_id JOIN person pb ON pb.id = b.person_id"
    " WHERE a.kind = 'email' AND a.normalized <> '' AND pa.archived = 0 AND pb.archived = 0"
)
_STRONG_SCORE = {"UID": 1.0, "email": 0.97, "phone": 0.95, "profile": 0.95}
SAME_NAME_SCORE = 0.6  # the same name and nothing else in common: worth a look, no more
PART_OF_NAME_SCORE = 0.8  # "Tobias" and "Tobias Quenneville", met the same day


def find_pairs(limit: int = 500) -> list[DuplicatePair]:
    """Probable duplicates among people who are not archived, best first. Sharing an email,
    phone or profile counts only when the names agree (a family's home phone is not a
    duplicate); the same name alone is proposed too, for a look."""
    found: dict[tuple[int, int], DuplicatePair] = {}

    def offer(a: int, b: int, reason: str, score: float) -> None:
        key = (min(a, b), max(a, b))
        if key[0] == key[1]:
            return
        current = found.get(key)
        if current is None or score > current.score:
            found[key] = DuplicatePair(key[0], key[1], reason, score)

    keys = load_keys(include_archived=False, with_events=True)
    for a, b, uid in database.execute_sql(_UID_SQL):
        differ = "" if names_agree(keys[a], keys[b]) else ", different names"
        offer(a, b, f"same UID {uid}{differ}", _STRONG_SCORE["UID"])
    for a, b, email in database.execute_sql(_EMAIL_SQL):
        if names_agree(keys[a], keys[b]):
            offer(a, b, f"same email {email}", _STRONG_SCORE["email"])
    _point_pairs(keys, offer)
    _name_pairs(keys, offer)
    _same_name_pairs(keys, offer)
    dismissed: set[tuple[int, int]] = set()
    query = DismissedDuplicate.select(DismissedDuplicate.person_a, DismissedDuplicate.person_b)
    for a, b in query.tuples():
        dismissed.add((min(a, b), max(a, b)))
    pairs = [p for k, p in found.items() if k not in dismissed]
    pairs.sort(key=lambda p: (-p.score, p.a_id, p.b_id))
    return pairs[:limit]


def _point_pairs(keys: dict[int, MatchKeys], offer: Callable[..., object]) -> None:
    """Phones (their extensions included) and profiles, compared here rather than in SQL."""
    owners: dict[tuple[str, str], list[int]] = defaultdict(list)
    for person_id, k in keys.items():
        for profile in k.profiles:
            owners[("profile", profile)].append(person_id)
        for phone in k.phones:
            owners[("phone", phone.lstrip("#"))].append(person_id)
    for (kind, value), ids in owners.items():
        if len(ids) > MAX_SHARERS:
            continue
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                if names_agree(keys[a], keys[b]):
                    offer(a, b, f"same {kind} {value}", _STRONG_SCORE[kind])


def _same_name_pairs(keys: dict[int, MatchKeys], offer: Callable[..., object]) -> None:
    """The same name with nothing else in common, and one name part of the other among people
    met the same day or at the same event or conversation."""
    by_tokens: dict[str, list[int]] = defaultdict(list)
    by_event: dict[str, list[int]] = defaultdict(list)
    for person_id, k in keys.items():
        if k.has_name:
            by_tokens[k.tokens].append(person_id)
            for event in k.events:
                by_event[event].append(person_id)
    for ids in by_tokens.values():
        ids = ids[:MAX_BLOCK]
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                offer(a, b, "same name", SAME_NAME_SCORE)
    for ids in by_event.values():
        ids = ids[:MAX_BLOCK]
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                if keys[a].tokens != keys[b].tokens and names_agree(keys[a], keys[b]):
                    shared = shared_context(keys[a], keys[b])
                    offer(a, b, f"one name is part of the other and {shared}", PART_OF_NAME_SCORE)


def _name_pairs(keys: dict[int, MatchKeys], offer: Callable[..., object]) -> None:
    """Similar names compared only within blocks sharing a context and the start of the sort
    name (or all name words), so the work grows with block sizes, not with the store's square."""
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for person_id, k in keys.items():
        if not k.has_name:
            continue
        for context in k.contexts:
            for prefix in k.blocks:
                blocks[(context, prefix)].append(person_id)
            blocks[(context, "=" + k.tokens)].append(person_id)  # same names in another order
    compared: set[tuple[int, int]] = set()
    for members in blocks.values():
        members = members[:MAX_BLOCK]
        for i, a in enumerate(members):
            matcher = NameMatcher(keys[a])
            for b in members[i + 1 :]:
                pair = (min(a, b), max(a, b))
                if pair in compared:
                    continue
                compared.add(pair)
                score = matcher.score(keys[b], at_least=SIMILAR_NAME_RATIO)
                if score < SIMILAR_NAME_RATIO:
                    continue
                shared = shared_context(keys[a], keys[b])
                label = "same name" if score == 1.0 else "similar name"
                offer(a, b, f"{label} and {shared}", round(0.5 + 0.4 * score, 3))


def dismiss(a: int, b: int) -> None:
    """Remember that two people are different, so the pair is never proposed again."""
    low, high = min(a, b), max(a, b)
    with store.write():
        DismissedDuplicate.insert(person_a=low, person_b=high).on_conflict_ignore().execute()
        store.changed(Topic.DUPLICATES, low, high)


def is_dismissed(a: int, b: int) -> bool:
    pa, pb = DismissedDuplicate.person_a, DismissedDuplicate.person_b
    return (
        DismissedDuplicate.select()
        .where(((pa == a) & (pb == b)) | ((pa == b) & (pb == a)))
        .exists()
    )
