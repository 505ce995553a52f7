"""Group cards become circles: each group's circle holds the members the same file imported.

A member is a reference to another card, by UID (`urn:uuid:...`, the common case) or by email
(`mailto:...`); members that are not people of this import are named in a problem, since the
circle will not hold them.
"""

from __future__ import annotations

from netdesk.core import people
from netdesk.core.importing.plan import ImportPlan
from netdesk.core.importing.targets import Target
from netdesk.core.normalize import fold
from netdesk.io.records import GroupRecord, Problem, uid_key
from netdesk.values import PointKind


def join_groups(plan_: ImportPlan, by_item: dict[int, Target], problems: list[Problem]) -> None:
    """Create (or reuse) each group's circle and add it to the targets of its members."""
    if not plan_.groups:
        return
    members = _targets_by_reference(plan_, by_item)
    for group in plan_.groups:
        people.circle_by_name(group.name)
        found = [members.get(uid_key(member)) for member in group.members]
        for target in found:
            if target is not None and fold(group.name) not in target.circles:
                target.circles.add(fold(group.name))
                target.new_circles.append(group.name)
        missing = found.count(None)
        if missing:
            problems.append(_missing_problem(group, missing))


def _targets_by_reference(plan_: ImportPlan, by_item: dict[int, Target]) -> dict[str, Target]:
    """Every imported record's UID and `mailto:` email, as group members refer to them."""
    members: dict[str, Target] = {}
    for item in plan_.items:
        target = by_item.get(item.index)
        if target is None:
            continue
        if item.record.uid.strip():
            members.setdefault(uid_key(item.record.uid), target)
        for point in item.record.points:
            if point.kind is PointKind.EMAIL and point.value.strip():
                members.setdefault(uid_key(f"mailto:{point.value}"), target)
    return members


def _missing_problem(group: GroupRecord, missing: int) -> Problem:
    total = len(group.members)
    return Problem(
        f"{missing} of the {total} members of the group “{group.name}” are not people imported "
        "from this file, so its circle does not hold them.",
        group.card,
        group.line,
    )
