"""What only netdesk knows about a person (how you met, why they stand out, family, circles,
keep in touch) as `X-NETDESK-*` vCard lines in a record's `extra`.

The vCard and CSV exports write them and every reader hands them back the same way, so the
importer reads netdesk's own files, whatever the format, into the same people.
"""

from __future__ import annotations

from netdesk.io.vcard_props import unescape

__all__ = [
    "CADENCE",
    "CIRCLE",
    "NEEDS",
    "NURTURE",
    "TEXT_PROPERTIES",
    "need_lines",
    "netdesk_lines",
    "read_netdesk_lines",
    "split_need_lines",
]

# (property, the person's field it carries)
TEXT_PROPERTIES = {
    "X-NETDESK-HOW-MET": "how_met",
    "X-NETDESK-WHY-STAND-OUT": "why_stand_out",
    "X-NETDESK-FAMILY": "family_notes",
}
CIRCLE = "X-NETDESK-CIRCLE"
CADENCE = "X-NETDESK-CADENCE-DAYS"
NURTURE = "X-NETDESK-NURTURE"
# (property, need kind): what someone is looking for and what they offer
NEEDS = {"X-NETDESK-NEED": "need", "X-NETDESK-OFFER": "offer"}


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace("\r\n", "\n").replace("\r", "\n")
            .replace("\n", "\\n").replace(",", "\\,").replace(";", "\\;"))


def netdesk_lines(
    texts: dict[str, str],
    circles: list[str],
    cadence_days: int | None = None,
    nurture: bool = False,
) -> list[str]:
    """The lines for a person; `texts` maps field names ("how_met"...) to their text."""
    lines = [
        f"{prop}:{_escape(texts.get(field, ''))}"
        for prop, field in TEXT_PROPERTIES.items()
        if texts.get(field, "").strip()
    ]
    lines += [f"{CIRCLE}:{_escape(name)}" for name in circles if name.strip()]
    if cadence_days:
        lines.append(f"{CADENCE}:{cadence_days}")
    if nurture:
        lines.append(f"{NURTURE}:1")
    return lines


def read_netdesk_lines(extra: list[str]) -> tuple[dict[str, object], list[str]]:
    """Split the lines `netdesk_lines` writes out of a record's extra lines.

    Returns ({field: value}, the other lines); circles come back as a list under "circles".
    """
    found: dict[str, object] = {}
    circles: list[str] = []
    rest: list[str] = []
    for line in extra:
        head, _, value = line.partition(":")
        name = head.split(";")[0].strip().upper()
        text = unescape(value).strip()
        if name in TEXT_PROPERTIES:
            found[TEXT_PROPERTIES[name]] = text
        elif name == CIRCLE:
            circles += [text] if text else []
        elif name == CADENCE and value.strip().isdigit():
            found["cadence_days"] = int(value.strip())
        elif name == NURTURE:
            found["nurture"] = value.strip() not in ("", "0", "false")
        else:
            rest.append(line)
    if circles:
        found["circles"] = circles
    return found, rest


def need_lines(needs: list[tuple[str, str]]) -> list[str]:
    """The lines for a person's needs and offers, given as (kind, text)."""
    props = {kind: prop for prop, kind in NEEDS.items()}
    return [f"{props[kind]}:{_escape(text)}" for kind, text in needs if kind in props and text]


def split_need_lines(extra: list[str]) -> tuple[list[tuple[str, str]], list[str]]:
    """(the needs and offers `need_lines` wrote, as (kind, text); the other lines)."""
    needs: list[tuple[str, str]] = []
    rest: list[str] = []
    for line in extra:
        head, _, value = line.partition(":")
        kind = NEEDS.get(head.split(";")[0].strip().upper())
        text = " ".join(unescape(value).split())
        if kind is None:
            rest.append(line)
        elif text:
            needs.append((kind, text))
    return needs, rest
