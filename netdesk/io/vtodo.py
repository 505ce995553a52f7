"""To-dos as one-task iCalendar files (VTODO), the form phones' task apps sync through CalDAV.

`todo_text` writes one task (UID, SUMMARY, DUE date, STATUS:NEEDS-ACTION); `read_todo` says
whether a task file was ticked off, as task apps write it: STATUS:COMPLETED, a COMPLETED time
or PERCENT-COMPLETE:100, any one of them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import icalendar

from netdesk import __version__
from netdesk.io.errors import ReadError

__all__ = ["TodoState", "read_todo", "todo_text"]

PRODID = f"-//netdesk//netdesk {__version__}//EN"


@dataclass(frozen=True)
class TodoState:
    uid: str
    completed: bool


def todo_text(uid: str, summary: str, due: dt.date, stamp: dt.datetime) -> str:
    """One VCALENDAR holding one VTODO; `stamp` (timezone-aware) is its DTSTAMP."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    todo = icalendar.Todo()
    todo.add("uid", uid)
    todo.add("dtstamp", stamp.astimezone(dt.UTC).replace(microsecond=0))
    todo.add("summary", " ".join(summary.split()))
    todo.add("due", due)
    todo.add("status", "NEEDS-ACTION")
    calendar.add_component(todo)
    return calendar.to_ical().decode("utf-8")


def read_todo(data: bytes) -> TodoState:
    """The first VTODO of a file; raises ReadError (one sentence) when there is none."""
    try:
        calendar = icalendar.Calendar.from_ical(data.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise ReadError(f"it is not a readable task ({exc})") from exc
    for todo in calendar.walk("VTODO"):
        status = str(todo.get("STATUS", "")).upper()
        percent = str(todo.get("PERCENT-COMPLETE", "")).strip()
        done = status == "COMPLETED" or "COMPLETED" in todo or percent == "100"
        return TodoState(str(todo.get("UID", "")).strip(), done)
    raise ReadError("it holds no task")
