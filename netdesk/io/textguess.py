"""Guess the legacy 8-bit encoding of text that is not UTF-8 and says nothing about itself.

Old exports (Outlook, Windows address books, feature phones) write names in the machine's code
page. We try a few likely code pages and keep the one whose decoding looks like words of a single
script: `Lämmerweg` is plausible, `Lδmmerweg` (Greek in a Latin word) and `àôøéí` (a "word" made
only of accented letters) and `MŸller` (a capital inside a lower-case word) are not. Good enough
to pick a sensible default; the user can override. `encodings.py` uses the same score to decide
one encoding for a whole file.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

CANDIDATES = ("cp1252", "cp1250", "cp1251", "cp1253", "cp1255", "cp1256", "cp1257", "cp932")
SAMPLE_BYTES = 64 * 1024
_WORD = re.compile(r"[^\W\d_]+")
# quotes and dashes word processors put in notes and addresses: as likely as any letter
_TYPOGRAPHY = frozenset("‘’‚“”„–—…•«»€")
# ... used where a typesetter would: Reid’s, l’Église, “quoted”, a – b
_TYPOGRAPHIC = re.compile(
    r"(?<=[^\W\d_])’(?=[^\W\d_])|(?:(?<=\s)|^)[“‘„«](?=\w)|(?<=\w)[”’»](?=[\s.,;:!?)]|$)"
    r"|(?<=\s)[–—](?=\s)|(?<=\w)…"
)
_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK", "HEBREW", "ARABIC", "HANGUL", "THAI")
_CJK = ("CJK", "HIRAGANA", "KATAKANA")


def mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few broken sequences (a cut-off last character), not some other charset."""
    text = data.decode("utf-8", "replace")
    broken = text.count("\ufffd")
    wide = sum(1 for char in text if ord(char) > 0x7F) - broken
    return wide > 0 and broken * 8 <= wide


def guess_legacy(samples: list[bytes], default: str = "cp1252") -> str:
    """The candidate code page whose decoding of `samples` reads most like real words."""
    data = b"\n".join(samples)[:SAMPLE_BYTES]
    best, best_score = default, float("-inf")
    for candidate in CANDIDATES:
        try:
            text = data.decode(candidate)
        except UnicodeDecodeError:
            continue
        score = _plausibility(text)
        if score > best_score:  # ties keep the earlier, more common code page
            best, best_score = candidate, score
    return best


def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    for script in _SCRIPTS:
        if script in name:
            return script
    return "CJK" if any(key in name for key in _CJK) else "OTHER"


def plausibility(text: str) -> float:
    """Higher when `text` reads like names and words of one script each."""
    return _plausibility(text)


def _plausibility(text: str) -> float:
    score = float(len(_TYPOGRAPHIC.findall(text)))
    for char in text:
        wide_symbol = ord(char) > 0x7F and not char.isalpha() and not char.isspace()
        if wide_symbol and char not in _TYPOGRAPHY:
            score -= 2 if unicodedata.category(char).startswith("C") else 0.5
    cased_words = upper = shouting = 0
    for word in _WORD.findall(text):
        wide = [char for char in word if ord(char) > 0x7F]
        if wide:
            score += _word_score(word, wide)
            if _script(wide[0]) in ("CYRILLIC", "GREEK"):
                cased_words += 1
                upper += any(char.isupper() for char in wide)
                shouting += len(word) > 1 and word.isupper()
    if cased_words and (not upper or (cased_words > 1 and shouting == cased_words)):
        # names start with a capital and go on in small letters: all-lowercase or all-capital
        # Cyrillic is more likely Hebrew read as cp1251 or KOI8-R
        score -= cased_words / 2
    return score


def _capital_inside(word: str) -> bool:
    """A non-ASCII capital right after a small letter: `MŸller`, `RenŽ`, `НхРгУў`."""
    return any(
        char.isupper() and ord(char) > 0x7F and before.islower()
        for before, char in itertools.pairwise(word)
    )


def _word_score(word: str, wide: list[str]) -> float:
    scripts = {_script(char) for char in wide}
    if len(scripts) > 1 or "OTHER" in scripts or _capital_inside(word):
        return -1
    script = scripts.pop()
    ascii_letters = len(word) - len(wide)
    if script == "LATIN":  # accents sprinkle Latin words; a word of nothing but accents is noise
        return 1 if ascii_letters and len(wide) <= ascii_letters else -1
    return 1 if not ascii_letters else -1
