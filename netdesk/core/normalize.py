"""Normalising contact points so matching and search see one form of each value."""

from __future__ import annotations

import locale
import re
import unicodedata

import phonenumbers

from netdesk.values import PointKind

_DIGITS = re.compile(r"\D+")


def default_region() -> str:
    """The region used to read phone numbers written without a country code."""
    lang = locale.getlocale()[0] or ""
    if "_" in lang:
        region = lang.split("_")[1][:2].upper()
        if region in phonenumbers.SUPPORTED_REGIONS:
            return region
    return "US"


def normalize_email(value: str) -> str:
    return value.strip().lower()


def normalize_phone(value: str, region: str | None = None) -> tuple[str, str]:
    """Returns (E.164 or "" when unparsable, extra digits for search)."""
    text = value.strip()
    if text.lower().startswith("tel:"):
        text = text[4:]
    digits = _DIGITS.sub("", text)
    try:
        number = phonenumbers.parse(text, region or default_region())
    except phonenumbers.NumberParseException:
        return "", digits
    if not phonenumbers.is_possible_number(number):
        return "", digits
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    national = str(number.national_number)
    extra = " ".join(dict.fromkeys(x for x in (national, digits, e164.lstrip("+")) if x))
    return e164, extra


def normalize_point(kind: PointKind, value: str, region: str | None = None) -> tuple[str, str]:
    """Returns (normalized value, search text) for any kind of contact point."""
    if kind is PointKind.EMAIL:
        return normalize_email(value), ""
    if kind is PointKind.PHONE:
        return normalize_phone(value, region)
    return value.strip().lower(), ""


def fold(text: str) -> str:
    """Case- and accent-insensitive key (for sorting and name comparison)."""
    if text.isascii():  # nothing to decompose: the common case, three times faster
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())
