"""Take the README screenshots under a virtual X display (see ../shared/DESKTOP-TESTING.md).

    Xvfb :99 -screen 0 1400x900x24 -nolisten tcp &  DISPLAY=:99 openbox &
    DISPLAY=:99 python docs/screenshots/take_screenshots.py docs/screenshots [NAME...]

Each shot runs in its own process over a fresh database in a temporary folder: an empty one for
the first-run state, 300 generated people (benchmarks/generate.py, seed 7) for the others. The
window is maximised, set up through its own API, and the whole screen is captured with
ImageMagick's `import` once the window has settled.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHOTS = (
    "first-run",
    "main-window",
    "person-pane",
    "import-preview",
    "today",
    "this-week",
    "event-capture",
    "notification",
    "network-light",
    "network-dark",
    "network-graph",
    "network-warm-paths",
    "meeting-prep",
    "moved-on",
    "suggestion-introduce",
    "triage",
    "sync-settings",
    "sync-conflicts",
)
CORPUS_FILE = REPO.parent / "shared" / "testdata" / "vcards" / "calcard" / "009.vcf"
# who moved on: (given, family, (organisation, title, email) known, then in a newer export)
MOVED_ON = (
    (
        "Maren",
        "Ostby",
        ("Fjordlight Analytics", "Head of Data", "maren@fjordlight.example"),
        ("Northwind Bio", "Director of Data", "maren@fjordlight.example"),
    ),
    (
        "Tobias",
        "Quenneville",
        ("Quenneville & Daughters", "Managing Partner", "tq@example.com"),
        ("Quenneville & Daughters", "Senior Partner", "tobias@quenneville.example"),
    ),
    (
        "Priyanka",
        "Venkataraman",
        ("Saffron Ledger", "VP Engineering", "p.venkat@example.org"),
        ("Saffron Ledger", "VP Engineering", "priyanka@saffron.example"),
    ),
    ("Kenji", "Sato", ("Tidewater Capital", "Associate", ""), ("Lumen Labs", "Principal", "")),
)


def main() -> int:
    args = sys.argv[1:]
    if args[:1] == ["--child"]:
        return shoot(args[1], Path(args[2]))
    out = Path(args[0] if args else REPO / "docs" / "screenshots").resolve()
    for name in args[1:] or SHOTS:
        with tempfile.TemporaryDirectory(prefix="netdesk-shot-") as home:
            # no reminders service started from a shot's window: it would outlive the shot
            env = dict(
                os.environ,
                NETDESK_HOME=home,
                XDG_CONFIG_HOME=home,
                PYTHONPATH=str(REPO),
                NETDESK_START_REMINDERS="0",
            )
            subprocess.run(
                [sys.executable, __file__, "--child", name, str(out)],
                env=env,
                check=True,
                timeout=300,
            )
        print(f"wrote {out / (name + '.png')}")
    return 0


def shoot(name: str, out: Path) -> int:
    sys.path.insert(0, str(REPO))
    if name == "notification":
        return shoot_notification(out)
    from PySide6.QtCore import QTimer

    from netdesk.cli import build_gui_parser
    from netdesk.ui import app as ndapp

    db_path = Path(os.environ["NETDESK_HOME"]) / "netdesk.db"
    if name != "first-run":
        from benchmarks.generate import generate

        generate(db_path, 300, seed=7)
        from netdesk import db

        db.close_database()
        if name in ("person-pane", "meeting-prep"):
            featured_id = _enrich(db_path)
        elif name == "this-week":
            _week_stories(db_path)
        if name == "moved-on":
            _propose_changes(db_path)
        if name == "suggestion-introduce":
            _needs_and_offers(db_path)
    started = ndapp.start(build_gui_parser().parse_args(["--db", str(db_path)]))
    qapp, window, instance = started
    if os.environ.get("NETDESK_SHOT_DARK") or name.endswith("-dark"):  # any shot, by eye
        _dark(qapp)
    window.showMaximized()

    def set_up() -> None:
        if name == "main-window":
            window.reveal_person(_someone_with_a_story())
        elif name == "person-pane":  # the pane wide enough for two columns, Ana found
            window.splitter.setSizes([200, 470, 730])
            window.search.setText("souza")
            QTimer.singleShot(500, lambda: window.reveal_person(featured_id))
        elif name == "import-preview":
            window.reveal_person(_someone_with_a_story())
            window.file_actions.import_paths([CORPUS_FILE])
        elif name in ("today", "this-week"):
            window.sidebar.select_key("today")
        elif name == "network-graph":
            _network_picture(window)
        elif name == "network-warm-paths":
            _warm_paths(window)
        elif name == "meeting-prep":
            _meeting_prep(window, featured_id)
        elif name.startswith("network-"):
            window.act_network.trigger()
        elif name == "suggestion-introduce":
            _introduce_from_a_suggestion(window)
        elif name == "triage":
            window.act_triage.trigger()
        elif name == "moved-on":
            _review_changes(window)
        elif name == "sync-settings":
            _sync_settings(window)
        elif name == "sync-conflicts":
            _sync_conflicts(window)
        elif name == "event-capture":  # modal: filled in from a timer inside its own loop
            QTimer.singleShot(300, _fill_event_capture)
            window.act_event.trigger()

    def capture() -> None:
        subprocess.run(["import", "-window", "root", str(out / f"{name}.png")], check=True)
        modal = qapp.activeModalWidget()
        if modal is not None:
            modal.done(0)
        window.close()
        instance.release()
        qapp.quit()

    QTimer.singleShot(1200, set_up)
    QTimer.singleShot(4500, capture)
    qapp.exec()
    return 0


def shoot_notification(out: Path) -> int:
    """A reminder as the desktop shows it: needs the session's D-Bus and a notification daemon
    (dunst) on the display, as in ../shared/DESKTOP-TESTING.md."""
    import time

    from netdesk import db
    from netdesk.core import interactions, people, settings
    from netdesk.core.interactions import InteractionDraft
    from netdesk.core.people import PersonDraft

    db_path = Path(os.environ["NETDESK_HOME"]) / "netdesk.db"
    db.open(db_path)
    settings.put("quiet_start", "")  # no quiet hours, whatever the hour of the shot
    ana = people.create(PersonDraft(display_name="Ana Souza", cadence_days=30, nurture=True))
    last = dt.date.today() - dt.timedelta(days=45)
    interactions.log(InteractionDraft(last, summary="Coffee", people=[ana]))
    db.close_database()
    command = [sys.executable, "-m", "netdesk.reminders", "--db", str(db_path), "--once"]
    subprocess.run(command, check=True, timeout=120)
    time.sleep(2)  # the daemon draws it
    subprocess.run(["import", "-window", "root", str(out / "notification.png")], check=True)
    return 0


def _fill_event_capture() -> None:
    """A company dinner: its name typed, then two people met there, one of them new."""
    from PySide6.QtWidgets import QApplication, QLineEdit

    dialog = QApplication.activeModalWidget()
    dialog.findChild(QLineEdit, "event_name").setText("Fjordlight summer dinner")
    dialog.create_event()
    from netdesk.core import listing

    someone = listing.fetch(listing.ListQuery(), 0, 10)[6]
    dialog.add_existing(someone.id, someone.name)
    dialog.enter_text("Tobias Quenneville, Lumen Labs")
    field = dialog.findChild(QLineEdit, "attendee_input")
    field.setFocus()
    field.setText(someone.name.split()[0][:3])
    field.textEdited.emit(field.text())


def _needs_and_offers(db_path: Path) -> None:
    """A few people looking for something others can help with, for Ways to help."""
    from netdesk import db
    from netdesk.core import listing, needs
    from netdesk.values import NeedKind

    db.open(db_path)
    ids = [r.id for r in listing.fetch(listing.ListQuery(), 0, 40)]
    for person_id, kind, text in (
        (ids[3], NeedKind.NEED, "an analyst role in Lisbon"),
        (ids[11], NeedKind.OFFER, "hiring analysts for the forecasting team"),
        (ids[17], NeedKind.NEED, "a product designer for a climate start-up"),
        (ids[25], NeedKind.OFFER, "knows many product designers"),
        (ids[30], NeedKind.NEED, "advice on moving to Porto"),
        (ids[8], NeedKind.OFFER, "grew up in Porto, happy to share tips"),
    ):
        needs.add(person_id, kind, text)
    db.close_database()


def _introduce_from_a_suggestion(window) -> None:
    """Ways to help, and Introduce… on its first line, the two dialogs side by side."""
    dialog = window.person_actions.ways_to_help()

    def introduce() -> None:
        dialog.move(30, 60)
        dialog.resize(640, 420)
        dialog.introduce_buttons()[0].click()
        window.person_actions.introduce_dialog.move(690, 60)
        window.person_actions.introduce_dialog.resize(680, 760)

    dialog.loaded.connect(introduce)


def _network_picture(window) -> None:
    """View > Network picture…, filling the screen, with the Souzas found."""
    from netdesk.ui.dialogs.network_graph_view import NetworkGraphDialog

    window.act_network_picture.trigger()
    picture = window.findChild(NetworkGraphDialog)
    picture.showMaximized()
    picture.loaded.connect(lambda: picture.query.setText("souza"))


def _warm_paths(window) -> None:
    """Tools > Who can introduce me…, asked about an organisation in the generated network."""
    dialog = window.person_actions.find_warm_paths()
    dialog.resize(900, 720)
    dialog.move(250, 70)
    dialog.query.setText("Lumen")


def _meeting_prep(window, featured_id: int) -> None:
    """Person > Meeting prep… for three people: the one with a full story and the two others
    with the most conversations logged."""
    import peewee as pw

    from netdesk.db.models import Participant

    talked = (
        Participant.select(Participant.person)
        .where(Participant.person != featured_id)
        .group_by(Participant.person)
        .order_by(pw.fn.count(1).desc(), Participant.person)
        .limit(2)
        .tuples()
    )
    dialog = window.person_actions.meeting_prep([featured_id, *(pid for (pid,) in talked)])
    dialog.resize(1000, 820)
    dialog.move(200, 40)


def _sync_account() -> None:
    """A Fastmail account that synced a few minutes ago (its password goes to the keyring, or
    the shot's private file where there is none)."""
    import datetime as dt

    from netdesk.core.sync import accounts

    account, _file = accounts.add("fastmail.com", "ana@fastmail.com", "shot", name="Fastmail")
    ended = dt.datetime.now().astimezone() - dt.timedelta(minutes=4)
    account.last_sync, account.last_result = ended.isoformat(), {"pulled_new": 3, "conflicts": 2}
    accounts.save(account)


def _sync_settings(window) -> None:
    """Settings on its Sync page, with an account and Add… open over it."""
    _sync_account()
    window.open_settings()
    page = window.settings_dialog.sync_page
    window.settings_dialog.tabs.setCurrentWidget(page)
    page.refresh()
    page.add_account().url.setText("https://dav.example.org/remote.php/dav/")


def _sync_conflicts(window) -> None:
    """A field both sides changed and a card deleted on the server, in the review list."""
    from netdesk.core import listing, store
    from netdesk.core.sync import conflicts
    from netdesk.core.sync.merge3 import FieldConflict

    _sync_account()
    rows = listing.fetch(listing.ListQuery(), 0, 10)
    with store.write():
        conflicts.record_field(
            "Fastmail", rows[2].id, FieldConflict("note", "Met at the Oslo meetup", "Met in Bergen")
        )
        conflicts.record_field(
            "Fastmail", rows[4].id, FieldConflict("birthday", "1988-04-12", "1988-04-21")
        )
        conflicts.record_deleted("Fastmail", rows[6].id)
    window.sync.read()
    window.sync.review_conflicts()


def _dark(qapp) -> None:
    from PySide6.QtGui import QColor, QPalette

    qapp.setStyle("Fusion")
    palette = QPalette()
    for role, rgb in (
        (QPalette.ColorRole.Window, (37, 38, 41)),
        (QPalette.ColorRole.WindowText, (226, 226, 226)),
        (QPalette.ColorRole.Base, (28, 29, 31)),
        (QPalette.ColorRole.AlternateBase, (44, 45, 48)),
        (QPalette.ColorRole.Text, (226, 226, 226)),
        (QPalette.ColorRole.Button, (48, 49, 52)),
        (QPalette.ColorRole.ButtonText, (226, 226, 226)),
        (QPalette.ColorRole.Highlight, (53, 132, 228)),
        (QPalette.ColorRole.HighlightedText, (255, 255, 255)),
        (QPalette.ColorRole.Link, (120, 170, 255)),
        (QPalette.ColorRole.ToolTipBase, (48, 49, 52)),
        (QPalette.ColorRole.ToolTipText, (226, 226, 226)),
        (QPalette.ColorRole.PlaceholderText, (140, 140, 140)),
    ):
        palette.setColor(role, QColor(*rgb))
    qapp.setPalette(palette)


def _propose_changes(db_path: Path) -> None:
    """Four LinkedIn connections netdesk knows, then a newer export in which three moved on."""
    from netdesk import db
    from netdesk.core import importing, people
    from netdesk.core.people import PointDraft, PositionDraft
    from netdesk.values import PointKind

    db.open(db_path)
    rows = []
    for given, family, before, after in MOVED_ON:
        url = f"https://www.linkedin.com/in/{given.lower()}-{family.lower()}"
        points = [PointDraft(PointKind.URL, url, "linkedin")]
        if before[2]:
            points.append(PointDraft(PointKind.EMAIL, before[2], "work", True))
        draft = people.PersonDraft(
            display_name=f"{given} {family}",
            given=given,
            family=family,
            points=points,
            positions=[PositionDraft(before[0], before[1])],
        )
        people.create(draft)
        rows.append(f'{given},{family},{url},{after[2]},"{after[0]}",{after[1]},14 Mar 2024')
    export = Path(os.environ["NETDESK_HOME"]) / "Connections.csv"
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
    notes = 'Notes:\r\n"Some email addresses may be missing."\r\n\r\n'
    export.write_text(notes + "\r\n".join([header, *rows]) + "\r\n", encoding="utf-8")
    importing.apply(importing.plan_file(export))
    db.close_database()


def _review_changes(window) -> None:
    """Tools > Who moved on… over the list, one job change accepted: its congratulation shows."""
    from PySide6.QtCore import QTimer

    from netdesk.ui.dialogs.job_changes_dialog import JobChangesDialog

    window.act_moved_on.trigger()
    dialog = window.findChild(JobChangesDialog)

    def accept_the_first() -> None:
        dialog.changes.setCurrentItem(dialog.changes.topLevelItem(0).child(0))
        dialog.accept_selected()

    QTimer.singleShot(800, accept_the_first)


def _week_stories(db_path: Path) -> None:
    """A week's plan with one person for each kind of reason: in the generated network every
    reason has dozens of people, so only two overdue people stay nurtured and its birthdays,
    follow-ups and promises are set aside for the stories told here."""
    from netdesk import db
    from netdesk.core import favours, follow_ups, interactions, listing, needs, people, settings
    from netdesk.core.interactions import InteractionDraft
    from netdesk.core.people import PersonDraft, PositionDraft
    from netdesk.db.models import database
    from netdesk.values import Birthday, FavourDirection, NeedKind

    db.open(db_path)
    today = dt.date.today()
    for sql in (
        "UPDATE person SET nurture = 0 WHERE id NOT IN (SELECT id FROM person WHERE nurture "
        "AND last_contact IS NOT NULL ORDER BY last_contact LIMIT 2)",
        "UPDATE person SET birthday_month = NULL, birthday_day = NULL, birthday_year = NULL",
        "UPDATE reminder SET done = 1",
        "UPDATE interaction SET follow_up_done = 1",
        "UPDATE favour SET status = 'done'",
    ):
        database.execute_sql(sql)
    others = [r.id for r in listing.fetch(listing.ListQuery(), 0, 12)]
    soon = today + dt.timedelta(days=2)
    people.create(
        PersonDraft(display_name="Mei Tanaka", birthday=Birthday(soon.month, soon.day, 1990))
    )
    follow_ups.add(others[3], today + dt.timedelta(days=1), "Send the slides from the meetup")
    favours.add(others[5], FavourDirection.GIVEN, "an intro to a good accountant", today, due=today)
    jamal = people.create(PersonDraft(display_name="Jamal Reed"))
    needs.add(jamal, NeedKind.NEED, "an analyst role", today - dt.timedelta(days=4))
    ana = people.create(PersonDraft(display_name="Ana Souza"))
    needs.add(ana, NeedKind.OFFER, "hiring analysts", today - dt.timedelta(days=2))
    start = today - dt.timedelta(days=20)
    tobias = people.create(
        PersonDraft(
            display_name="Tobias Quenneville",
            positions=[PositionDraft("Lumen Labs", "Head of Product", start=start)],
        )
    )
    interactions.log(InteractionDraft(today - dt.timedelta(days=120), people=[tobias]))
    settings.put("people_per_week", 8)
    db.close_database()


def _someone_with_a_story() -> int:
    """A person with an overdue status and several interactions, for the main window."""
    from netdesk.core import listing
    from netdesk.values import KeepInTouch

    rows = listing.fetch(listing.ListQuery(), 0, 40)
    for row in rows[3:]:
        if row.status is KeepInTouch.DUE_SOON and row.title:
            return row.id
    return rows[4].id


def _enrich(db_path: Path) -> int:
    """Give one person a full story: the pane's screenshot shows every section."""
    from netdesk import db
    from netdesk.core import favours, follow_ups, interactions, listing, people, relationships
    from netdesk.core.interactions import InteractionDraft
    from netdesk.core.people import PointDraft, PositionDraft
    from netdesk.values import (
        Birthday,
        FavourDirection,
        FavourStatus,
        InteractionKind,
        PointKind,
        TagKind,
    )

    db.open(db_path)
    others = [r.id for r in listing.fetch(listing.ListQuery(), 0, 12)]
    today = dt.date.today()
    draft = people.PersonDraft(
        display_name="Ana Souza",
        given="Ana",
        family="Souza",
        additional="Beatriz",
        nickname="Bia",
        birthday=Birthday(
            (today + dt.timedelta(days=9)).month, (today + dt.timedelta(days=9)).day, 1986
        ),
        how_met="Lisbon Data Summit, after her talk on forecasting",
        met_on=today - dt.timedelta(days=420),
        why_stand_out="Explained queueing theory with coffee cups on a napkin; remembers "
        "everyone's kids' names and always follows up with a paper she mentioned.",
        family_notes="Partner Rui; daughter Leonor (7) loves chess.",
        notes="Prefers calls before 10:00 Lisbon time. Ask about the sailing trip in June.",
        cadence_days=30,
        met_through_id=others[2],
        points=[
            PointDraft(PointKind.EMAIL, "ana.souza@fjordlight.example", "work", True),
            PointDraft(PointKind.EMAIL, "bia.souza@mail.example", "home"),
            PointDraft(PointKind.PHONE, "+351 912 345 678", "mobile"),
            PointDraft(PointKind.URL, "https://www.linkedin.com/in/ana-souza-data", "linkedin"),
        ],
        positions=[
            PositionDraft("Fjordlight Analytics", "Head of Data", "Forecasting"),
            PositionDraft("Helix University", "Research Fellow", end=dt.date(2021, 6, 30)),
        ],
        circles=["Colleagues", "Friends"],
        tags=[
            (TagKind.INTEREST, "climate tech"),
            (TagKind.INTEREST, "forecasting"),
            (TagKind.HOBBY, "sailing"),
            (TagKind.HOBBY, "sourdough"),
            (TagKind.SKILL, "Python"),
            (TagKind.LABEL, "Mentor"),
        ],
    )
    ana = people.create(draft)
    relationships.link(others[2], ana, relationships.RelationshipKind.INTRODUCED)
    relationships.link(ana, others[5], relationships.RelationshipKind.MENTOR)
    for days, kind, summary, notes, with_ in (
        (
            3,
            InteractionKind.COFFEE,
            "Coffee at Fábrica: her team's new demand model",
            "She is hiring two analysts; I promised to send Jamal's CV.",
            [others[0]],
        ),
        (
            24,
            InteractionKind.VIDEO,
            "Video call about the climate-data meetup",
            "Agreed to co-host in spring.",
            [others[3], others[7]],
        ),
        (61, InteractionKind.MEAL, "Dinner after the Lisbon Data Summit", "", [others[1]]),
        (140, InteractionKind.EMAIL, "Sent her the queueing theory paper", "", []),
    ):
        interactions.log(
            InteractionDraft(
                today - dt.timedelta(days=days), kind, summary, notes, people=[ana, *with_]
            )
        )
    favours.add(
        ana,
        FavourDirection.RECEIVED,
        "Introduced me to a VC at Tidewater",
        today - dt.timedelta(days=90),
        status=FavourStatus.DONE,
    )
    favours.add(
        ana,
        FavourDirection.RECEIVED,
        "Reviewed my conference talk",
        today - dt.timedelta(days=40),
        status=FavourStatus.DONE,
    )
    favours.add(
        ana,
        FavourDirection.GIVEN,
        "Send Jamal's CV for the analyst role",
        today - dt.timedelta(days=3),
    )
    follow_ups.add(ana, today + dt.timedelta(days=2), "Send Jamal's CV")
    follow_ups.add(ana, today + dt.timedelta(days=12), "Ask how the meetup planning goes")
    db.close_database()
    return ana


if __name__ == "__main__":
    sys.exit(main())
