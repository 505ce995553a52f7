"""Imports point down only: every module's imports are read (not run) and checked against the
layer table, and the import graph between netdesk's packages has no cycle.

The layers, bottom up: `values`/`system` < `io` < `db` < `core` < `qt` < `ui`, `reminders`, `cli`.
`io` and `db` are side by side (io imports no db); the reminders process and the command line
sit beside the window and never import it. A group may also be allowed single modules of another
(`db.errors` for the window, which otherwise reaches the store through core).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "netdesk"

# A module in the first group may import only these groups of netdesk (besides its own group).
ALLOWED: dict[str, set[str]] = {
    "root": set(),  # netdesk/__init__.py, __main__.py (dispatch lazily: see below)
    "values": {"root"},
    "system": {"root", "values"},
    "io": {"root", "values", "system"},
    "db": {"root", "values", "system"},
    "core": {"root", "values", "system", "io", "db"},
    "qt": {"root", "values", "system", "io", "db", "core"},
    # the window reaches the store through core; it only tells the store's errors apart
    "ui": {
        "root",
        "values",
        "system",
        "io",
        "db.errors",
        "core",
        "qt",
        "reminders.client",
        "reminders.actions",  # Today's Done and Snooze are the tray's
    },
    "reminders": {"root", "values", "system", "io", "db", "core", "qt"},
    # `netdesk prep --pdf` lays its page out with Qt, offscreen
    "cli": {"root", "values", "system", "io", "db", "core", "ui.app", "qt.prep_document"},
}
NO_QT = {"values", "system", "io", "db", "core"}
# `python -m netdesk` only hands over to the command line.
ENTRY_POINTS = {"netdesk.__main__": {"cli"}}


def group_of(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1 or parts[1] in ("__init__", "__main__"):
        return "root"
    return parts[1]


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def is_module(name: str) -> bool:
    path = PACKAGE.parent / name.replace(".", "/")
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def imports_in(source: str, package: str) -> Iterator[tuple[str, int]]:
    """Every imported module, lazy imports inside functions included. `from a import b` counts
    as importing a.b when b is a module, else as importing a (b is a name)."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                full = f"{base}.{alias.name}"
                yield (full if is_module(full) else base), node.lineno


def imports_of(path: Path) -> Iterator[tuple[str, int]]:
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    return imports_in(path.read_text(encoding="utf-8"), package)


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def allowed(importer: str, imported: str) -> bool:
    source, target = group_of(importer), group_of(imported)
    if source == target or (target == "root" and source != "root"):
        return True
    if importer in ENTRY_POINTS:
        return target in ENTRY_POINTS[importer]
    permitted = ALLOWED[source]
    if target in permitted:
        return True
    modules_permitted = [f"netdesk.{p}" for p in permitted if "." in p]
    return any(imported == m or imported.startswith(m + ".") for m in modules_permitted)


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_point_down(path: Path) -> None:
    importer = module_name(path)
    wrong = []
    for imported, line in imports_of(path):
        if imported.startswith("PySide6") and group_of(importer) in NO_QT:
            wrong.append(f"line {line}: {imported} (no Qt below qt/)")
        elif imported.startswith("netdesk.") and not allowed(importer, imported):
            wrong.append(f"line {line}: {imported}")
    assert not wrong, f"{importer} imports upward: " + "; ".join(wrong)


def package_graph() -> dict[str, set[str]]:
    """Which netdesk packages import which (lazy imports included)."""
    graph: dict[str, set[str]] = {}
    for path in modules():
        importer = group_of(module_name(path))
        for imported, _line in imports_of(path):
            if not imported.startswith("netdesk."):
                continue
            target = group_of(imported)
            if "root" not in (importer, target) and target != importer:
                graph.setdefault(importer, set()).add(target)
    return graph


def test_no_cycle_between_packages() -> None:
    graph = package_graph()
    done: set[str] = set()
    stack: list[str] = []

    def visit(node: str) -> None:
        assert node not in stack, "import cycle: " + " -> ".join([*stack, node])
        if node in done:
            return
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            visit(nxt)
        stack.pop()
        done.add(node)

    for node in sorted(graph):
        visit(node)


def test_the_checker_sees_upward_imports() -> None:
    """The walk would pass vacuously if it read nothing."""
    assert not allowed("netdesk.db.connection", "netdesk.core.people")
    assert not allowed("netdesk.reminders.tray", "netdesk.ui.window.main_window")
    assert not allowed("netdesk.io.reading", "netdesk.db.models")
    assert not allowed("netdesk.qt.workers", "netdesk.ui.app")
    assert allowed("netdesk.core.people", "netdesk.db.models")
    assert allowed("netdesk.ui.app", "netdesk.db.errors")
    assert not allowed("netdesk.ui.app", "netdesk.db")
    assert not allowed("netdesk.ui.dialogs.restore_dialog", "netdesk.db.backup")
    assert allowed("netdesk.ui.window.main_window", "netdesk.reminders.client")
    assert not allowed("netdesk.ui.window.main_window", "netdesk.reminders.service")
    lazy = "def f():\n    from netdesk.ui.widgets import theme\n"
    assert ("netdesk.ui.widgets.theme", 2) in set(imports_in(lazy, "netdesk.db"))
    assert len(list(modules())) > 100
