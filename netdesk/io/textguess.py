"""Guess the legacy 8-bit encoding of text that is not UTF-8 and says nothing about itself.

Old exports (Outlook, Windows address books, feature phones) write names in the machine's code
page. We try a few likely code pages and keep the one whose decoding looks like words of a single
script: `Lämmerweg` is plausible, `Lδmmerweg` (Greek in a Latin word) and `àôøéí` (a "word" made
only of accented letters) are not. Good enough to pick a sensible default; the user can override.
"""

from __future__ import annotations

import re
import unicodedata

CANDIDATES = ("cp1252", "cp1250", "cp1251", "cp1253", "cp1255", "cp1256", "cp1257", "cp932")
SAMPLE_BYTES = 64 * 1024
_WORD = re.compile(r"[^\W\d_]+")
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


def _plausibility(text: str) -> float:
    score = 0.0
    for char in text:
        if ord(char) > 0x7F and not char.isalpha() and not char.isspace():
            score -= 2 if unicodedata.category(char).startswith("C") else 0.5
    cased_words = upper = 0
    for word in _WORD.findall(text):
        wide = [char for char in word if ord(char) > 0x7F]
        if wide:
            score += _word_score(word, wide)
            if _script(wide[0]) in ("CYRILLIC", "GREEK"):
                cased_words += 1
                upper += any(char.isupper() for char in wide)
    if cased_words and not upper:
        # names start with a capital: all-lowercase Cyrillic is more likely Hebrew in cp1251
        score -= cased_words / 2
    return score


def _word_score(word: str, wide: list[str]) -> float:
    scripts = {_script(char) for char in wide}
    if len(scripts) > 1 or "OTHER" in scripts:
        return -1
    script = scripts.pop()
    ascii_letters = len(word) - len(wide)
    if script == "LATIN":  # accents sprinkle Latin words; a word of nothing but accents is noise
        return 1 if ascii_letters and len(wide) <= ascii_letters else -1
    return 1 if not ascii_letters else -1
