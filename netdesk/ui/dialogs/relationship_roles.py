"""The ways one person can be linked to another, as words, from one person's side.

A role is a kind and a direction: "Mentor of" and "Mentored by" are one kind seen from its two
ends. Kinds without a direction (partner, family...) are one role, stored outgoing.
"""

from __future__ import annotations

import re

from netdesk.core.relationships import Link
from netdesk.qt import i18n
from netdesk.values import RelationshipKind

Role = tuple[RelationshipKind, bool]  # kind, outgoing (this person is the link's first end)
_K = RelationshipKind


_tr = i18n.translator("RelationshipRoles")


def role_names() -> dict[Role, str]:
    """Each role's name for a menu, in menu order."""
    return {
        (_K.PARTNER, True): _tr("Partner of"),
        (_K.FAMILY, True): _tr("Family of"),
        (_K.FRIEND, True): _tr("Friend of"),
        (_K.COLLEAGUE, True): _tr("Colleague of"),
        (_K.MENTOR, True): _tr("Mentor of"),
        (_K.MENTOR, False): _tr("Mentored by"),
        (_K.INTRODUCED, True): _tr("Introduced you to"),
        (_K.INTRODUCED, False): _tr("Introduced by"),
        (_K.INTRODUCED_BY_ME, True): _tr("Introduced by you to"),
        (_K.OTHER, True): _tr("Knows"),
    }


def role_of(link: Link) -> Role:
    """The role `link` gives the person whose links it is among."""
    directed = link.kind in (_K.MENTOR, _K.INTRODUCED)
    return link.kind, link.outgoing or not directed


def sentence(link: Link, other: str, this: str) -> str:
    """The link in words: "Partner of Amara", "Maren introduced you to Amara". `this` is the
    person whose links these are; both names go in as given (escaped already for rich text)."""
    role = role_of(link)
    if role == (_K.INTRODUCED, True):
        template = _tr("%2 introduced you to %1")
    elif role == (_K.INTRODUCED, False):
        template = _tr("%1 introduced you to %2")
    elif role == (_K.INTRODUCED_BY_ME, True):
        template = _tr("You introduced %2 to %1")
    else:
        template = role_names()[role] + " %1"
    # one pass, so a name holding "%1" stays as it is
    return re.sub(r"%([12])", lambda m: other if m[1] == "1" else this, template)
