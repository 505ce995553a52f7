"""Labels for contact points: vCard TYPE tokens and Apple `X-ABLabel`s <-> netdesk labels.

A netdesk label is short lower-case text ("work", "home fax", "mobile") or a custom label kept
as the user wrote it ("Assistant"). Reader and writer share these tables so a label survives a
round trip.
"""

from __future__ import annotations

import re

# TYPE tokens that say how a value is used rather than what it is: they do not make a label
_IGNORED_TYPES = frozenset(
    {"pref", "internet", "x400", "voice", "msg", "text", "dom", "intl", "postal", "parcel"}
)
_TYPE_ALIASES = {"cell": "mobile"}
_LOCATIONS = ("home", "work")

# TYPE tokens a writer may emit as TYPE=...; anything else travels as an X-ABLabel
STANDARD_TYPES = frozenset(
    {"home", "work", "cell", "fax", "pager", "voice", "video", "text", "textphone", "car",
     "isdn", "msg", "modem", "bbs", "pcs"}
)

_APPLE_LABEL = re.compile(r"^_?\$!<(.*)>!\$_?$", re.S)
_APPLE_NAMES = {
    "homepage": "HomePage", "other": "Other", "main": "Main", "anniversary": "Anniversary",
    "spouse": "Spouse", "child": "Child", "mother": "Mother", "father": "Father",
    "parent": "Parent", "brother": "Brother", "sister": "Sister", "friend": "Friend",
    "assistant": "Assistant", "manager": "Manager", "partner": "Partner",
    "assistantphone": "AssistantPhone", "homefax": "HomeFAX", "workfax": "WorkFAX",
    "pager": "Pager", "mobile": "Mobile", "home": "Home", "work": "Work",
}

# IM services: vCard X- properties and IMPP URI schemes -> the service label netdesk shows
IM_PROPERTIES = {
    "X-AIM": "aim", "X-JABBER": "jabber", "X-ICQ": "icq", "X-MSN": "msn", "X-YAHOO": "yahoo",
    "X-SKYPE": "skype", "X-SKYPE-USERNAME": "skype", "X-GOOGLE-TALK": "google talk",
    "X-GOOGLE TALK": "google talk", "X-GTALK": "google talk", "X-QQ": "qq",
    "X-GADUGADU": "gadugadu", "X-GROUPWISE": "groupwise", "X-SIP": "sip",
    "X-MS-IMADDRESS": "im", "X-KADDRESSBOOK-X-IMADDRESS": "im", "X-WEBEX": "webex",
    "X-IRC": "irc", "X-MATRIX": "matrix",
}
IMPP_SERVICES = {
    "xmpp": "jabber", "aim": "aim", "icq": "icq", "msnim": "msn", "msn": "msn",
    "ymsgr": "yahoo", "skype": "skype", "callto": "skype", "gtalk": "google talk", "sip": "sip",
    "qq": "qq", "irc": "irc", "matrix": "matrix",
}
SERVICE_SCHEMES = {
    "jabber": "xmpp", "xmpp": "xmpp", "google talk": "xmpp", "gtalk": "xmpp", "aim": "aim",
    "icq": "icq", "msn": "msnim", "yahoo": "ymsgr", "skype": "skype", "sip": "sip", "qq": "qq",
    "irc": "irc", "matrix": "matrix",
}
SOCIAL_SERVICES = frozenset({"twitter", "facebook", "linkedin", "instagram", "mastodon"})


def apple_label(text: str) -> str:
    """`_$!<HomePage>!$_` -> "homepage"; a custom label is kept as written."""
    text = text.strip()
    match = _APPLE_LABEL.match(text)
    return match[1].strip().lower() if match else text


def to_apple_label(label: str) -> str:
    """The inverse of `apple_label` for Apple's built-in labels."""
    name = _APPLE_NAMES.get(label.lower())
    return f"_$!<{name}>!$_" if name else label


def types_label(types: list[str]) -> str:
    """A label from TYPE tokens: `["work", "voice", "pref"]` -> "work", `["cell"]` -> "mobile"."""
    tokens: list[str] = []
    for token in types:
        token = apple_label(token).lower()
        token = _TYPE_ALIASES.get(token, token)
        if token and token not in _IGNORED_TYPES and token not in tokens:
            tokens.append(token)
    places = [t for t in tokens if t in _LOCATIONS]
    return " ".join(places + [t for t in tokens if t not in _LOCATIONS])


def label_types(label: str) -> list[str] | None:
    """TYPE tokens that express `label`, or None when it needs an X-ABLabel."""
    tokens = ["cell" if t == "mobile" else t for t in label.lower().split()]
    if tokens and all(t in STANDARD_TYPES for t in tokens):
        return tokens
    return None
