"""Who the network picture's search field finds: the people a word of whose name starts with
the text typed, case and accents ignored, in name order."""

from __future__ import annotations

import re
from collections.abc import Iterable

from netdesk.core.normalize import fold
from netdesk.ui.dialogs.network_graph_items import NodeItem


def matching(nodes: Iterable[NodeItem], text: str) -> list[str]:
    """The keys of the people named by `text`, in name order (none for no text)."""
    wanted = fold(text)
    if not wanted:
        return []
    people = [item for item in nodes if item.is_person and _named(item, wanted)]
    people.sort(key=lambda item: (fold(item.node.label), item.node.person_id))
    return [item.node.key for item in people]


def _named(item: NodeItem, wanted: str) -> bool:
    """A word of the name, folded, starts with `wanted` ("sou" finds Ana Souza, "rey" finds
    Jamal <Reyes>); the text may run on over the following words ("ana so")."""
    return re.search(r"(?<!\w)" + re.escape(wanted), fold(item.node.label)) is not None
