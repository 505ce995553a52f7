"""Finding people who are probably the same person.

Two people match on a strong key (same vCard UID, same normalised email, same E.164 phone, same
social profile URL) or, more weakly, on a close name (same given and family name in any order,
case and accents aside, or a `difflib` ratio of at least 0.88 between folded sort names) together
with a shared organisation or a shared email domain that is not a public mail provider.

`MatchKeys` computes the keys of one record or person; `MatchIndex` holds the keys of many people
in dictionaries so an import can classify thousands of records without a query per record;
`find_pairs` scans the whole store with SQL self-joins for the strong keys and blocked in-memory
comparison for names.
"""

from __future__ import annotations

import difflib
import urllib.parse
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field

from netdesk.core import store
from netdesk.core.normalize import fold, normalize_email, normalize_phone
from netdesk.db.models import ContactPoint, DismissedDuplicate, Person, Position, database
from netdesk.values import PointKind

SIMILAR_NAME_RATIO = 0.88
BLOCK_PREFIX = 2  # letters similar names share at the start of their folded sort names
MAX_BLOCK = 400  # a bigger block (a huge company and a common prefix) is compared partially

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


def phone_key(normalized: str, value: str) -> str:
    """E.164 when the number parsed; else its digits (a number netdesk cannot place in a
    country still matches itself), or "" when too short to mean anything."""
    if normalized:
        return normalized
    digits = "".join(c for c in value if c.isdigit())
    return f"#{digits}" if len(digits) >= 6 else ""


def _name_tokens(given: str, family: str, fallback: str) -> str:
    words = fold(f"{given} {family}").split() or fold(fallback).split()
    return " ".join(sorted(words))


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

    @property
    def has_name(self) -> bool:
        return self.named

    @property
    def contexts(self) -> frozenset[str]:
        """Shared-evidence keys: organisations and private email domains."""
        return frozenset({f"org:{o}" for o in self.orgs} | {f"dom:{d}" for d in self.domains})


def make_keys(
    *,
    uid: str | None,
    points: Iterable[tuple[str, str]],
    display_name: str,
    given: str,
    family: str,
    sort_name: str,
    organizations: Iterable[str],
) -> MatchKeys:
    """Keys from plain values; `points` are (kind, value) pairs."""
    emails: set[str] = set()
    phones: set[str] = set()
    profiles: set[str] = set()
    for kind, value in points:
        if kind == PointKind.EMAIL:
            email = normalize_email(value)
            if "@" in email:
                emails.add(email)
        elif kind == PointKind.PHONE:
            key = phone_key(normalize_phone(value)[0], value)
            if key:
                phones.add(key)
        elif kind in (PointKind.URL, PointKind.SOCIAL):
            key = profile_key(kind, value)
            if key:
                profiles.add(key)
    return build_keys(
        uid=uid,
        emails=emails,
        phones=phones,
        profiles=profiles,
        display_name=display_name,
        given=given,
        family=family,
        sort_name=sort_name,
        organizations=organizations,
    )


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


def similar_names(a: MatchKeys, b: MatchKeys, *, at_least: float = 0.0) -> float:
    """1.0 for the same names in any order; else the difflib ratio of the folded sort names.

    With `at_least`, returns 0.0 as soon as cheap upper bounds show the ratio cannot reach it."""
    return NameMatcher(a).score(b, at_least=at_least)


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
    return ""


@dataclass(frozen=True)
class Match:
    target: Hashable
    reason: str
    score: float
    strong: bool


class MatchIndex:
    """Keys of many people (or planned records) in dictionaries, built once, then queried.

    Targets are opaque hashables: the importer uses person ids and markers for its own new
    records. The first target registered for a key wins, so the oldest person is matched.
    """

    def __init__(self) -> None:
        self.uid: dict[str, Hashable] = {}
        self.email: dict[str, Hashable] = {}
        self.phone: dict[str, Hashable] = {}
        self.profile: dict[str, Hashable] = {}
        self.tokens: dict[str, list[Hashable]] = defaultdict(list)
        self.blocks: dict[tuple[str, str], list[Hashable]] = defaultdict(list)
        self.keys: dict[Hashable, MatchKeys] = {}

    @classmethod
    def from_store(cls, *, include_archived: bool = True) -> MatchIndex:
        """Everyone in the database, read in three queries."""
        index = cls()
        for person_id, keys in load_keys(include_archived=include_archived).items():
            index.add(person_id, keys)
        return index

    def add(self, target: Hashable, keys: MatchKeys) -> None:
        old = self.keys.get(target)
        self.keys[target] = keys if old is None else _union(old, keys)
        if keys.uid:
            self.uid.setdefault(keys.uid, target)
        for table, values in (
            (self.email, keys.emails),
            (self.phone, keys.phones),
            (self.profile, keys.profiles),
        ):
            for value in values:
                table.setdefault(value, target)
        if keys.has_name:
            if target not in self.tokens[keys.tokens]:
                self.tokens[keys.tokens].append(target)
            for context in keys.contexts:
                for prefix in keys.blocks:
                    block = self.blocks[(context, prefix)]
                    if target not in block:
                        block.append(target)

    def strong(self, keys: MatchKeys) -> Match | None:
        """The person sharing a UID, an email, a phone or a profile, in that order.

        A UID names one card: when both sides carry different UIDs, a shared email or phone (an
        office line, a family address) only makes a possible duplicate, returned with
        `strong=False` when nothing better matches.
        """
        if keys.uid and keys.uid in self.uid:
            return Match(self.uid[keys.uid], "same UID", 1.0, True)
        conflicting: Match | None = None
        for table, values, label in (
            (self.email, keys.emails, "email"),
            (self.phone, keys.phones, "phone"),
            (self.profile, keys.profiles, "profile"),
        ):
            for value in sorted(values):
                target = table.get(value)
                if target is None:
                    continue
                shown = value.lstrip("#")
                other_uid = self.keys[target].uid
                if keys.uid and other_uid and other_uid != keys.uid:
                    if conflicting is None:
                        reason = f"same {label} {shown} as {self.keys[target].name}, another UID"
                        conflicting = Match(target, reason, 0.85, False)
                    continue
                return Match(target, f"same {label} {shown}", 0.95, True)
        return conflicting

    def close(self, keys: MatchKeys, *, same_name_alone: bool = True) -> Match | None:
        """The best close-name match: same names (alone, when allowed), or a similar name with
        a shared organisation or email domain."""
        if not keys.has_name:
            return None
        same_tokens = self.tokens.get(keys.tokens, [])
        candidates = list(same_tokens[:MAX_BLOCK])
        for context in keys.contexts:
            for prefix in keys.blocks:
                candidates += self.blocks.get((context, prefix), [])[:MAX_BLOCK]
        best: Match | None = None
        matcher = NameMatcher(keys)
        for target in dict.fromkeys(candidates):
            other = self.keys[target]
            shared = shared_context(keys, other)
            if not shared:
                continue
            score = matcher.score(other, at_least=SIMILAR_NAME_RATIO)
            if score >= SIMILAR_NAME_RATIO and (best is None or score > best.score):
                label = "same name" if score == 1.0 else "similar name"
                best = Match(target, f"{label} as {other.name} and {shared}", score, False)
        if best is None and same_name_alone and same_tokens:
            other = self.keys[same_tokens[0]]
            best = Match(same_tokens[0], f"same name as {other.name}", 0.9, False)
        return best


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
    )


@dataclass
class _Loaded:
    emails: set[str] = field(default_factory=set)
    phones: set[str] = field(default_factory=set)
    profiles: set[str] = field(default_factory=set)
    orgs: set[str] = field(default_factory=set)


def load_keys(*, include_archived: bool = True) -> dict[int, MatchKeys]:
    """MatchKeys of every person, from stored normalised values (no re-parsing of phones)."""
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
    return out


# --- whole-store scan ---------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class DuplicatePair:
    """Two people who are probably one; `a_id` < `b_id`."""

    a_id: int
    b_id: int
    reason: str
    score: float


_STRONG_SQL = {
    "UID": (
        "SELECT a.id, b.id, a.uid FROM person a JOIN person b ON b.uid = a.uid AND b.id > a.id"
        " WHERE a.uid IS NOT NULL AND a.uid <> '' AND a.archived = 0 AND b.archived = 0"
    ),
    "point": (
        "SELECT DISTINCT a.person_id, b.person_id, a.kind || ' ' || a.normalized"
        " FROM contact_point a"
        " JOIN contact_point b ON b.normalized = a.normalized AND b.kind = a.kind"
        "  AND b.person_id > a.person_id"
        " JOIN person pa ON pa.id = a.person_id JOIN person pb ON pb.id = b.person_id"
        " WHERE a.kind IN ('email', 'phone') AND a.normalized <> ''"
        "  AND pa.archived = 0 AND pb.archived = 0"
    ),
}
_STRONG_SCORE = {"UID": 1.0, "email": 0.97, "phone": 0.95, "profile": 0.95}


def find_pairs(limit: int = 500) -> list[DuplicatePair]:
    """Probable duplicates among people who are not archived, best first."""
    found: dict[tuple[int, int], DuplicatePair] = {}

    def offer(a: int, b: int, reason: str, score: float) -> None:
        key = (min(a, b), max(a, b))
        if key[0] == key[1]:
            return
        current = found.get(key)
        if current is None or score > current.score:
            found[key] = DuplicatePair(key[0], key[1], reason, score)

    for a, b, uid in database.execute_sql(_STRONG_SQL["UID"]):
        offer(a, b, f"same UID {uid}", _STRONG_SCORE["UID"])
    for a, b, what in database.execute_sql(_STRONG_SQL["point"]):
        kind, _, value = what.partition(" ")
        offer(a, b, f"same {kind} {value}", _STRONG_SCORE[kind])
    keys = load_keys(include_archived=False)
    _profile_pairs(keys, offer)
    _name_pairs(keys, offer)
    dismissed: set[tuple[int, int]] = set()
    query = DismissedDuplicate.select(DismissedDuplicate.person_a, DismissedDuplicate.person_b)
    for a, b in query.tuples():
        dismissed.add((min(a, b), max(a, b)))
    pairs = [p for k, p in found.items() if k not in dismissed]
    pairs.sort(key=lambda p: (-p.score, p.a_id, p.b_id))
    return pairs[:limit]


def _profile_pairs(keys: dict[int, MatchKeys], offer: Callable[..., object]) -> None:
    """Profiles, and phones that only match as digits, are compared here rather than in SQL."""
    owners: dict[tuple[str, str], list[int]] = defaultdict(list)
    for person_id, k in keys.items():
        for profile in k.profiles:
            owners[("profile", profile)].append(person_id)
        for phone in k.phones:
            if phone.startswith("#"):
                owners[("phone", phone[1:])].append(person_id)
    for (kind, value), ids in owners.items():
        for other in ids[1:]:
            offer(ids[0], other, f"same {kind} {value}", _STRONG_SCORE[kind])


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
        store.changed("duplicates", low, high)


def is_dismissed(a: int, b: int) -> bool:
    pa, pb = DismissedDuplicate.person_a, DismissedDuplicate.person_b
    return (
        DismissedDuplicate.select()
        .where(((pa == a) & (pb == b)) | ((pa == b) & (pb == a)))
        .exists()
    )
