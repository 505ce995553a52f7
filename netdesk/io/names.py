"""A full name typed as one string -> the parts vCard's N has (prefix, given, middle, family,
suffix), so that sorting by family name and an exported `N` are right.

Readers use it for a card or row that gives only a full name; `core.people` for a person created
from a typed name. The rules are the common Western ones and stay conservative: a name that does
not split cleanly (one word, CJK written without spaces) is all given name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from netdesk.io.records import ContactRecord

__all__ = [
    "NameParts",
    "fill_name_parts",
    "is_credential",
    "split_credentials",
    "split_full_name",
]

_HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "lord", "lady", "rev",
     "fr", "hon", "herr", "frau", "mme", "mlle", "sr", "sra", "srta", "dott", "ing"}
)
# after the family name, with or without a comma: generations and common degrees
_SUFFIXES = frozenset(
    {"jr", "sr", "ii", "iii", "iv", "phd", "md", "mba", "msc", "ma", "bsc", "ba", "cpa",
     "esq", "dds", "rn", "pe", "cfa", "pmp", "phr", "sphr", "frcs", "mrcp", "obe", "mbe"}
)
# lower-case words that start a family name: "de la Fontaine", "van der Berg", "bin Talal"
_PARTICLES = frozenset(
    {"de", "del", "della", "der", "den", "di", "da", "das", "do", "dos", "du", "la", "le",
     "van", "von", "ter", "ten", "zu", "bin", "binti", "al", "el"}
)
_DOTTED = re.compile(r"(?:[A-Za-z]{1,2}\.){2,}")  # Ph.D., M.D., M.Sc.


@dataclass(frozen=True, slots=True)
class NameParts:
    prefix: str = ""
    given: str = ""
    additional: str = ""
    family: str = ""
    suffix: str = ""


def _bare(word: str) -> str:
    return word.strip().rstrip(".®™").lower()


def is_credential(text: str) -> bool:
    """A degree, certification or generation after a name: "MBA", "PhD", "Ph.D.", "SHRM-CP"."""
    text = text.strip()
    if not text or " " in text or len(text) > 12:
        return False
    if _bare(text) in _SUFFIXES or _DOTTED.fullmatch(text):
        return True
    letters = [c for c in text if c.isalpha()]
    return sum(c.isupper() for c in letters) >= 2 and letters[0].isupper()


def split_credentials(family: str) -> tuple[str, str]:
    """ "Okafor, MSc, MBA, PHR" -> ("Okafor", "MSc, MBA, PHR"): LinkedIn users put their
    credentials in the last-name field; they are a suffix, not part of the family name."""
    parts = [p.strip() for p in family.split(",")]
    cut = len(parts)
    while cut > 1 and is_credential(parts[cut - 1]):
        cut -= 1
    if cut == len(parts):
        return family.strip(), ""
    return ", ".join(parts[:cut]), ", ".join(parts[cut:])


def split_full_name(text: str) -> NameParts:
    """ "Dr. Amara N. Okafor, MSc" -> NameParts("Dr.", "Amara", "N.", "Okafor", "MSc")."""
    text = " ".join(text.split())
    if not text:
        return NameParts()
    main, suffix = split_credentials(text)
    if "," in main:  # "Okafor, Amara": family first
        family, _, rest = main.partition(",")
        parts = split_full_name(rest)
        return NameParts(parts.prefix, parts.given, parts.additional, family.strip(),
                         ", ".join(x for x in (parts.suffix, suffix) if x))
    words = main.split(" ")
    prefix: list[str] = []
    while len(words) > 1 and _bare(words[0]) in _HONORIFICS:
        prefix.append(words.pop(0))
    trailing: list[str] = []
    while len(words) > 1 and _bare(words[-1]) in _SUFFIXES:
        trailing.insert(0, words.pop())
    suffix = ", ".join(x for x in (" ".join(trailing), suffix) if x)
    if len(words) == 1:
        return NameParts(" ".join(prefix), words[0], "", "", suffix)
    start = len(words) - 1  # the family name is the last word and the particles before it
    while start > 1 and words[start - 1] in _PARTICLES:
        start -= 1
    return NameParts(" ".join(prefix), words[0], " ".join(words[1:start]),
                     " ".join(words[start:]), suffix)


def fill_name_parts(record: ContactRecord) -> None:
    """A record named only by a full name (FN without N, a CSV "Name" column) gains its parts,
    so it sorts and matches like one that had them. A name that is the organisation, an email
    address or a number is left whole."""
    if any((record.prefix, record.given, record.additional, record.family, record.suffix)):
        return
    name = record.formatted_name.strip()
    orgs = {p.organization.strip() for p in record.positions}
    if not name or name in orgs or "@" in name or any(c.isdigit() for c in name):
        return
    parts = split_full_name(name)
    record.prefix, record.given, record.additional = parts.prefix, parts.given, parts.additional
    record.family, record.suffix = parts.family, parts.suffix
