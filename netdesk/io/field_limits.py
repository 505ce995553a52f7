"""How long each kind of text netdesk stores may be: one table for the readers and the editors.

Real files carry absurd values (a 3 MB TITLE, a 2 MB ORG, a base64 blob pasted into a note); an
import cuts them to these lengths, with a problem line per cut, so one bad card cannot bloat the
database, the search index and every list that shows the field. The lengths are generous for
real text: the longest names in the wild are under 100 characters.
"""

from __future__ import annotations

MAX_NAME = 200  # a name, one part of a name, a nickname, a related person's name
MAX_ORGANIZATION = 300
MAX_TITLE = 300
MAX_DEPARTMENT = 300
MAX_LABEL = 100  # a contact point's label, a tag, a circle, a relation kind
MAX_POINT = 2_000  # an email, phone, address, URL, IM handle or profile
MAX_UID = 300
MAX_LONG_TEXT = 100_000  # notes, how you met, why they stand out, family
MAX_EXTRA_LINE = MAX_LONG_TEXT  # one vCard property netdesk keeps without modelling it

__all__ = [
    "MAX_DEPARTMENT",
    "MAX_EXTRA_LINE",
    "MAX_LABEL",
    "MAX_LONG_TEXT",
    "MAX_NAME",
    "MAX_ORGANIZATION",
    "MAX_POINT",
    "MAX_TITLE",
    "MAX_UID",
]
