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
    "NURTURE",
    "TEXT_PROPERTIES",
    "netdesk_lines",
    "read_netdesk_lines",
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
