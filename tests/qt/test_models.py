"""Every item model passes pytest-qt's qtmodeltester, and behaves: paging, sorting, refreshing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt

import netdesk.qt  # noqa: F401 - the PySide6 reference-count guard
from netdesk.core import due, importing, interactions, people, sidebar
from netdesk.core.interactions import InteractionDraft
from netdesk.core.listing import Filter, ListQuery, Sort
from netdesk.qt.due_model import DueModel
from netdesk.qt.import_model import ActionFilter, ImportPlanModel
from netdesk.qt.people_model import Column, PeopleModel, Role
from netdesk.qt.sidebar_model import Kind, SidebarModel
from netdesk.qt.timeline_model import TimelineModel
from netdesk.values import InteractionKind
from tests.helpers.people import person

NAMES = [
    "Ana Souza",
    "Ben Okafor",
    "Chloé Dubois",
    "Dmitri Petrov",
    "Eun-ji Kim",
    "Farah Haddad",
    "Gustavo García",
    "Hana Nakamura",
    "Ingrid Lindqvist",
    "Jamal Mensah",
    "Kenji Tanaka",
    "Léa Moreau",
]


@pytest.fixture
def network(store):
    """Twelve people in two circles, some with interactions."""
    ids = []
    for n, name in enumerate(NAMES):
        circle = "Family" if n % 3 == 0 else "Colleagues"
        ids.append(
            person(
                name,
                org=f"Org {n % 4}",
                title="Engineer",
                circles=[circle],
                met_on=dt.date.today() - dt.timedelta(days=20 * n),
            )
        )
    interactions.log(
        InteractionDraft(dt.date.today(), InteractionKind.CALL, "Call", people=ids[:3])
    )
    return ids


def test_people_model_passes_the_model_tester(network, qtmodeltester):
    model = PeopleModel(page_size=5)
    model.set_query(ListQuery())
    qtmodeltester.check(model, force_py=True)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    qtmodeltester.check(model, force_py=True)


def test_people_model_pages_through_sql(network):
    model = PeopleModel(page_size=5)
    model.set_query(ListQuery())
    assert model.rowCount() == 5
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 12
    assert not model.canFetchMore(QModelIndex())
    assert model.rowCount(model.index(0, 0)) == 0  # a table: no children


def test_people_model_data_and_roles(network):
    model = PeopleModel()
    model.set_query(ListQuery(sort=Sort.NAME))
    first = model.index(0, Column.NAME)
    row = first.data(Role.ROW)
    assert first.data() == row.name == "Chloé Dubois"  # typed names sort by family name
    assert model.index(0, Column.ORGANIZATION).data() == row.organization
    assert model.index(0, 0).data(Role.PERSON_ID) == row.id
    assert model.headerData(Column.HEALTH, Qt.Orientation.Horizontal) == "Health"
    called = [r for r in model.rows() if r.last_contact == dt.date.today()]
    assert {model.index(model.row_of(r.id), Column.LAST_CONTACT).data() for r in called} == {
        "today"
    }


def test_people_model_sorts_and_searches_in_sql(network):
    model = PeopleModel()
    model.set_query(ListQuery())
    model.sort(Column.NAME, Qt.SortOrder.DescendingOrder)
    names = [r.name for r in model.rows()]
    keys = [people.sort_key(people.get(r.id)) for r in model.rows()]
    assert keys == sorted(keys, reverse=True)
    model.sort(Column.LAST_CONTACT, Qt.SortOrder.AscendingOrder)
    assert model.query.sort is Sort.LAST_CONTACT
    model.set_search("chlo")
    assert [r.name for r in model.rows()] == ["Chloé Dubois"]
    model.set_search("")
    model.set_query(ListQuery(filter=Filter.CIRCLE, value=_circle_id("Family")))
    assert len(model.rows()) == 4
    assert set(names) >= {r.name for r in model.rows()}


def _circle_id(name: str) -> int:
    from netdesk.core import circles

    return next(c.id for c in circles.circles() if c.name == name)


def test_people_model_refreshes_rows_in_place(network, qtbot):
    model = PeopleModel()
    model.set_query(ListQuery())
    target = network[5]
    row = model.row_of(target)
    with qtbot.waitSignal(model.dataChanged) as changed, qtbot.assertNotEmitted(model.modelReset):
        interactions.log(InteractionDraft(dt.date.today(), people=[target]))
        model.refresh()
    assert changed.args[0].row() == row
    assert model.rows()[row].last_contact == dt.date.today()
    with qtbot.waitSignal(model.modelReset):
        person("Aaron Aardvark")
        model.refresh()
    assert model.rowCount() == 13


def test_sidebar_model_passes_the_model_tester(network, qtmodeltester):
    model = SidebarModel()
    qtmodeltester.check(model, force_py=True)
    model.set_data(sidebar.load())
    qtmodeltester.check(model, force_py=True)
    kinds = [e.kind for e in model.entries()]
    assert kinds[:5] == [Kind.ALL, Kind.TODAY, Kind.NURTURE, Kind.BIRTHDAYS, Kind.RECENT]
    assert Kind.CIRCLE in kinds and kinds[-1] is Kind.ARCHIVED
    section = model.index(kinds.index(Kind.SECTION), 0)
    assert not model.flags(section) & Qt.ItemFlag.ItemIsSelectable


def test_sidebar_counts(network):
    data = sidebar.load()
    assert data.people == 12
    family = next(c for c in data.circles if c.name == "Family")
    assert family.count == 4
    assert data.due_total == len(due.compute(dt.date.today()))
    assert sidebar.has_anyone()


def test_sidebar_updates_counts_in_place(network, qtbot):
    model = SidebarModel()
    model.set_data(sidebar.load())
    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.dataChanged):
        person("Zed Zulu", circles=["Family"])
        model.set_data(sidebar.load())
    assert model.entries()[0].count == 13


def test_timeline_model_passes_the_model_tester(network, qtmodeltester):
    from netdesk.core import person_view

    interactions.log(
        InteractionDraft(
            dt.date.today() - dt.timedelta(days=3),
            InteractionKind.COFFEE,
            "Coffee",
            people=network[:2],
        )
    )
    model = TimelineModel()
    model.set_entries(person_view.load(network[0]).timeline)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 2
    assert model.index(0, 0).data() == "Phone call · Call"  # newest first
    assert "Coffee" in model.index(1, 0).data()


def test_due_model_passes_the_model_tester(network, qtmodeltester):
    model = DueModel()
    model.set_items(due.compute(dt.date.today()))
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() > 0


def test_import_plan_model_passes_the_model_tester(store, qtmodeltester):
    # two namesakes with their own details: the second is flagged for review
    plan = importing.read_path(
        Path(__file__).resolve().parents[1] / "fixtures" / "identity" / "same_name_colleagues.vcf"
    )
    model = ImportPlanModel(plan)
    qtmodeltester.check(model, force_py=True)
    proxy = ActionFilter()
    proxy.setSourceModel(model)
    proxy.set_action(importing.Action.DUPLICATE)
    qtmodeltester.check(proxy, force_py=True)
    assert proxy.rowCount() == plan.count(importing.Action.DUPLICATE)
    editable = proxy.flags(proxy.index(0, 4))
    assert editable & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(0, 1)) & Qt.ItemFlag.ItemIsEditable
