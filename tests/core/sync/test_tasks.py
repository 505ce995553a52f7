"""Follow-ups and keep-in-touch dates as task files; a task ticked off there is done here."""

from __future__ import annotations

import datetime as dt

import icalendar

from netdesk.core import interactions, people
from netdesk.core.interactions import InteractionDraft
from netdesk.core.sync import reconcile
from netdesk.db.models import Interaction, Person
from tests.core.sync.test_reconcile import TODAY
from tests.helpers.people import person


def todos(tasks):
    out = {}
    for path in sorted(tasks.glob("*.ics")):
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        (todo,) = calendar.walk("VTODO")
        out[str(todo["SUMMARY"])] = (path, todo)
    return out


def tick_off(path):
    """As a phone's tasks app marks a task done."""
    text = path.read_bytes().decode()
    done = "STATUS:COMPLETED\r\nCOMPLETED:20261207T090000Z\r\nPERCENT-COMPLETE:100\r\n"
    path.write_bytes(text.replace("STATUS:NEEDS-ACTION\r\n", done).encode())


def follow_up(pid, due, summary="Coffee at the harbour"):
    return interactions.log(
        InteractionDraft(when=dt.date(2026, 12, 1), summary=summary, follow_up=due, people=[pid])
    )


def test_open_follow_ups_and_nurtured_dates_are_written_as_tasks(store, folder, tmp_path):
    tasks = tmp_path / "tasks"
    ana = person("Ana Souza", email="ana@example.com")
    follow_up(ana, dt.date(2026, 12, 10))
    done = follow_up(ana, dt.date(2026, 12, 11), "Old one")
    interactions.mark_follow_up_done(done)
    person("Ben Okafor", nurture=True, cadence_days=30, met_on=dt.date(2026, 11, 20))
    person("Not Nurtured", cadence_days=30)
    report = reconcile(folder, tasks_folder=tasks, today=TODAY)
    assert report.tasks_written == 2
    found = todos(tasks)
    assert set(found) == {"Follow up with Ana Souza: Coffee at the harbour",
                          "Get in touch with Ben Okafor"}
    _path, todo = found["Follow up with Ana Souza: Coffee at the harbour"]
    assert todo["DUE"].dt == dt.date(2026, 12, 10) and str(todo["STATUS"]) == "NEEDS-ACTION"
    assert todos(tasks)["Get in touch with Ben Okafor"][1]["DUE"].dt == dt.date(2026, 12, 20)
    again = reconcile(folder, tasks_folder=tasks, today=TODAY)
    assert again.tasks_written == 0 and len(list(tasks.glob("*.ics"))) == 2


def test_a_follow_up_ticked_off_there_is_done_here(store, folder, tmp_path):
    tasks = tmp_path / "tasks"
    ana = person("Ana Souza", email="ana@example.com")
    iid = follow_up(ana, dt.date(2026, 12, 10))
    reconcile(folder, tasks_folder=tasks, today=TODAY)
    (path, _todo), = todos(tasks).values()
    tick_off(path)
    report = reconcile(folder, tasks_folder=tasks, today=TODAY)
    assert report.tasks_done == 1
    assert Interaction.get_by_id(iid).follow_up_done
    assert path.exists()  # the phone keeps its ticked-off task
    assert reconcile(folder, tasks_folder=tasks, today=TODAY).tasks_done == 0


def test_a_keep_in_touch_task_ticked_off_logs_nothing_and_the_next_date_comes(
    store, folder, tmp_path
):
    tasks = tmp_path / "tasks"
    ben = person("Ben Okafor", nurture=True, cadence_days=30, met_on=dt.date(2026, 11, 20))
    reconcile(folder, tasks_folder=tasks, today=TODAY)
    (path, _todo), = todos(tasks).values()
    tick_off(path)
    report = reconcile(folder, tasks_folder=tasks, today=TODAY)
    assert report.tasks_done == 1 and report.tasks_written == 0
    assert Interaction.select().count() == 0  # nothing logged
    follow = InteractionDraft(when=dt.date(2026, 12, 5), summary="Call", people=[ben])
    interactions.log(follow)
    report = reconcile(folder, tasks_folder=tasks, today=TODAY)
    assert report.tasks_written == 1
    dues = sorted(
        icalendar.Calendar.from_ical(p.read_bytes()).walk("VTODO")[0]["DUE"].dt
        for p in tasks.glob("*.ics")
    )
    assert dues == [dt.date(2026, 12, 20), dt.date(2027, 1, 4)]  # the ticked one stays there


def test_a_follow_up_done_here_loses_its_open_task(store, folder, tmp_path):
    tasks = tmp_path / "tasks"
    ana = person("Ana Souza", email="ana@example.com")
    iid = follow_up(ana, dt.date(2026, 12, 10))
    reconcile(folder, tasks_folder=tasks, today=TODAY)
    interactions.mark_follow_up_done(iid)
    reconcile(folder, tasks_folder=tasks, today=TODAY)
    assert list(tasks.glob("*.ics")) == []
    assert Person.select().count() == 1 and people.get(ana).display_name == "Ana Souza"
