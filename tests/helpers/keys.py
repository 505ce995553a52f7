"""Match keys from plain values, the way an import normalises a card's points."""

from __future__ import annotations

from collections.abc import Iterable

from netdesk.core import dedupe
from netdesk.core.normalize import normalize_email, normalize_phone
from netdesk.values import PointKind


def make_keys(
    *,
    uid: str | None,
    points: Iterable[tuple[str, str]],
    display_name: str,
    given: str,
    family: str,
    sort_name: str,
    organizations: Iterable[str],
) -> dedupe.MatchKeys:
    """`points` are (kind, value) pairs as written on a card."""
    points = list(points)
    emails = {normalize_email(value) for kind, value in points if kind == PointKind.EMAIL}
    emails = {email for email in emails if "@" in email}
    phones = {
        key
        for kind, value in points
        if kind == PointKind.PHONE
        for key in [dedupe.phone_key(normalize_phone(value)[0], value)]
        if key
    }
    profiles = {
        key
        for kind, value in points
        if kind in (PointKind.URL, PointKind.SOCIAL)
        for key in [dedupe.profile_key(kind, value)]
        if key
    }
    return dedupe.build_keys(
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
