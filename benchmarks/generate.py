"""A seeded generator of realistic synthetic networks, for benchmarks and screenshots.

`generate(db_path, people=N, seed=S)` fills a new netdesk database with people who have
contact points, positions, circles, interests, birthdays (some without a year), interactions
with several participants, favours, follow-ups, relationships and a few events. Rows are written
with bulk inserts through the models (the same schema the app uses), then the search index is
built once.

    python benchmarks/generate.py OUT.db --people 300 --seed 7
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from netdesk import db
from netdesk.core.normalize import fold, normalize_phone
from netdesk.db import search_index
from netdesk.db.models import (
    Circle,
    ContactPoint,
    Event,
    Favour,
    Interaction,
    Participant,
    Person,
    PersonCircle,
    PersonTag,
    Position,
    Relationship,
    Reminder,
    Tag,
    database,
)

GIVEN = [
    "Ana",
    "Ben",
    "Chloé",
    "Dmitri",
    "Eun-ji",
    "Farah",
    "Gustavo",
    "Hana",
    "Ingrid",
    "Jamal",
    "Kenji",
    "Léa",
    "Mateo",
    "Nadia",
    "Oluwaseun",
    "Priya",
    "Quentin",
    "Rosa",
    "Sven",
    "Tomás",
    "Uma",
    "Viktor",
    "Wen",
    "Xavier",
    "Yara",
    "Zoë",
    "Aisha",
    "Björn",
    "Carmen",
    "Diego",
    "Elif",
    "Femi",
    "Giulia",
    "Hiroshi",
    "Isabel",
    "Jonas",
    "Kavya",
    "Lars",
    "Mei",
    "Noor",
    "Omar",
    "Paula",
    "Rafael",
    "Sofia",
    "Tariq",
    "Valentina",
    "William",
    "Ximena",
    "Yusuf",
    "Zainab",
    "Amélie",
    "Bruno",
    "Chiara",
    "Daniel",
    "Emma",
    "Felix",
    "Grace",
    "Hugo",
    "Ines",
    "Julian",
]
FAMILY = [
    "Souza",
    "Okafor",
    "Müller",
    "Nakamura",
    "Kowalski",
    "Haddad",
    "García",
    "Lindqvist",
    "Chen",
    "Petrov",
    "Dubois",
    "Rossi",
    "Kim",
    "Andersen",
    "Singh",
    "Novak",
    "Fernández",
    "Ivanova",
    "Osei",
    "Tanaka",
    "Moreau",
    "Bianchi",
    "Park",
    "Jensen",
    "Sharma",
    "Horvat",
    "López",
    "Smirnova",
    "Mensah",
    "Sato",
    "Lambert",
    "Ricci",
    "Choi",
    "Nielsen",
    "Gupta",
    "Kovač",
    "Martín",
    "Popova",
    "Boateng",
    "Ito",
    "Fischer",
    "Weber",
    "Costa",
    "Yilmaz",
    "Nguyen",
    "Abebe",
    "O'Brien",
    "Walsh",
    "Hoffmann",
    "Santos",
    "Ahmed",
    "Rahman",
    "Larsen",
]
ORGS = [
    "Fjordlight Analytics",
    "Tidewater Ventures",
    "Lumen Freight",
    "Harrowgate Instruments",
    "Kōwhai Trust",
    "Northwind Robotics",
    "Bluebird Health",
    "Cobalt & Pine Design",
    "Meridian Capital",
    "Atlas Biolabs",
    "Quillon Software",
    "Verdant Energy",
    "Granite Peak Consulting",
    "Saffron Media",
    "Orbital Logistics",
    "Helix University",
    "City Hospital",
    "Ministry of Transport",
    "Openfield Foundation",
    "Riverstone Law",
]
TITLES = [
    "Head of Data",
    "Partner",
    "Ops Lead",
    "CTO",
    "Product Manager",
    "Staff Engineer",
    "Designer",
    "Founder",
    "Research Scientist",
    "Recruiter",
    "Account Director",
    "Professor",
    "Nurse Manager",
    "Policy Advisor",
    "Analyst",
    "VP Engineering",
    "Investor",
    "Marketing Lead",
    "Chief of Staff",
    "Teacher",
]
INTERESTS = [
    "jazz",
    "sourdough",
    "trail running",
    "chess",
    "climate tech",
    "bouldering",
    "photography",
    "sailing",
    "poetry",
    "board games",
    "gardening",
    "cycling",
    "film noir",
    "robotics",
    "birdwatching",
    "pottery",
    "football",
    "opera",
    "open source",
    "Japanese whisky",
    "marathons",
    "volunteering",
    "history podcasts",
    "tennis",
]
WHY = [
    "Gave a brilliant talk on {i}; asked sharp questions.",
    "Helped me debug a nasty outage at 2am without being asked.",
    "Knows everyone in {o}; generous with introductions.",
    "Runs a {i} club on weekends; great storyteller.",
    "Mentored interns for years; very thoughtful about careers.",
    "We served together; dependable and funny.",
]
FAMILY_NOTES = [
    "Partner: Sam. Two kids (Leo 8, Mia 5).",
    "Married to Ana; daughter starts university this year.",
    "Has a golden retriever called Biscuit.",
    "",
    "Twin brother works at {o}.",
]
SUMMARIES = [
    "Coffee near the office: talked about {i}",
    "Call about the hiring plan at {o}",
    "Lunch: swapped notes on {i} and career moves",
    "Video catch-up; they asked for an intro to a designer",
    "Met at the {o} offsite dinner",
    "Quick message: congratulated them on the new role",
]
FAVOURS_GIVEN = [
    "Intro to a designer",
    "Reviewed their pitch deck",
    "Sent book list",
    "Shared hiring contacts",
    "Wrote a recommendation",
]
FAVOURS_RECEIVED = [
    "Intro to a VC",
    "Reviewed my CV",
    "Lent a camera lens",
    "Referred me for a role",
    "Advice on a contract",
]
KINDS = ["coffee", "call", "meal", "video", "meeting", "message", "email"]
CHUNK = 500


def _chunks(rows: list[dict], size: int = CHUNK):
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _insert(model, rows: list[dict]) -> None:
    """peewee's insert_many takes its columns from the first row: every row gets every key
    (the field's default where a row leaves one out), so no row's value is dropped."""
    keys = list(dict.fromkeys(k for row in rows for k in row))
    defaults = {k: model._meta.fields[k].default for k in keys}
    full = [
        {k: row[k] if k in row else (d() if callable(d) else d) for k, d in defaults.items()}
        for row in rows
    ]
    for chunk in _chunks(full):
        model.insert_many(chunk).execute()


def generate(db_path: Path, people: int, seed: int = 1, today: dt.date | None = None) -> None:
    """Fill a new database at `db_path` with `people` synthetic people."""
    rng = random.Random(seed)
    today = today or dt.date.today()
    db.open(db_path)
    circles = {c.name: c.id for c in Circle.select()}
    with database.atomic():
        tag_ids = _tags(rng)
        _people(rng, people, today)
        ids = [p for (p,) in Person.select(Person.id).tuples()]
        _points_and_positions(rng, ids)
        _links(rng, ids, circles, tag_ids)
        _interactions(rng, ids, today)
        _favours_and_reminders(rng, ids, today)
        _events(rng, ids, today)
        database.execute_sql(
            'UPDATE person SET last_contact = (SELECT max(i."when") FROM participant pa '
            "JOIN interaction i ON i.id = pa.interaction_id WHERE pa.person_id = person.id)"
        )
    database.execute_sql("DELETE FROM search_dirty")
    search_index.rebuild(database)
    database.execute_sql("PRAGMA optimize")


def _tags(rng: random.Random) -> list[int]:
    rows = [{"name": name, "kind": rng.choice(["interest", "hobby"])} for name in INTERESTS]
    rows += [
        {"name": n, "kind": k}
        for n, k in [
            ("Python", "skill"),
            ("Negotiation", "skill"),
            ("VIP", "label"),
            ("Mentor", "label"),
        ]
    ]
    _insert(Tag, rows)
    return [t for (t,) in Tag.select(Tag.id).tuples()]


def _people(rng: random.Random, count: int, today: dt.date) -> None:
    rows = []
    for _n in range(count):
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        interest, org = rng.choice(INTERESTS), rng.choice(ORGS)
        has_bday = rng.random() < 0.6
        created = dt.datetime.combine(today - dt.timedelta(days=rng.randint(0, 900)), dt.time(9))
        rows.append(
            {
                "display_name": f"{given} {family}",
                "sort_name": fold(f"{family} {given}"),
                "given": given,
                "family": family,
                "birthday_month": rng.randint(1, 12) if has_bday else None,
                "birthday_day": rng.randint(1, 28) if has_bday else None,
                "birthday_year": rng.randint(1955, 2002)
                if has_bday and rng.random() < 0.7
                else None,
                "how_met": rng.choice(
                    [
                        "Conference in Lisbon",
                        "Through a friend",
                        "University",
                        "National service",
                        "Internship at " + org,
                        "",
                    ]
                ),
                "met_on": (today - dt.timedelta(days=rng.randint(0, 2000)))
                if rng.random() < 0.7
                else None,
                "why_stand_out": rng.choice(WHY).format(i=interest, o=org)
                if rng.random() < 0.5
                else "",
                "family_notes": rng.choice(FAMILY_NOTES).format(o=org),
                "notes": f"Ask about {interest}." if rng.random() < 0.4 else "",
                "nurture": rng.random() < 0.15,
                "cadence_days": rng.choice([14, 30, 45, 90]) if rng.random() < 0.1 else None,
                "archived": rng.random() < 0.02,
                "created": created,
                "updated": created,
            }
        )
        if len(rows) >= CHUNK:
            Person.insert_many(rows).execute()
            rows = []
    if rows:
        Person.insert_many(rows).execute()


def _points_and_positions(rng: random.Random, ids: list[int]) -> None:
    names = dict(Person.select(Person.id, Person.display_name).tuples())
    points, positions = [], []
    for pid in ids:
        given, _, family = names[pid].partition(" ")
        slug = fold(f"{given}.{family}").replace(" ", "").replace("'", "")
        org = rng.choice(ORGS)
        domain = fold(org.split()[0]).replace("&", "") + ".example"
        points.append(
            {
                "person": pid,
                "kind": "email",
                "label": "work",
                "value": f"{slug}@{domain}",
                "normalized": f"{slug}@{domain}",
                "preferred": True,
            }
        )
        if rng.random() < 0.5:
            points.append(
                {
                    "person": pid,
                    "kind": "email",
                    "label": "home",
                    "value": f"{slug}{pid}@mail.example",
                    "normalized": f"{slug}{pid}@mail.example",
                }
            )
        if rng.random() < 0.8:
            phone = f"+44 20 7{rng.randint(100, 999)} {rng.randint(1000, 9999)}"
            e164, extra = normalize_phone(phone, "GB")
            points.append(
                {
                    "person": pid,
                    "kind": "phone",
                    "label": "mobile",
                    "value": phone,
                    "normalized": e164,
                    "search_text": extra,
                }
            )
        if rng.random() < 0.3:
            points.append(
                {
                    "person": pid,
                    "kind": "url",
                    "label": "linkedin",
                    "value": f"https://www.linkedin.com/in/{slug}-{pid}",
                    "normalized": f"https://www.linkedin.com/in/{slug}-{pid}",
                }
            )
        positions.append(
            {"person": pid, "organization": org, "title": rng.choice(TITLES), "department": ""}
        )
        if rng.random() < 0.3:
            positions.append(
                {
                    "person": pid,
                    "organization": rng.choice(ORGS),
                    "title": rng.choice(TITLES),
                    "department": "",
                    "end": dt.date(2020, 1, 1),
                }
            )
    _insert(ContactPoint, points)
    _insert(Position, positions)


def _links(rng: random.Random, ids, circles: dict[str, int], tag_ids: list[int]) -> None:
    circle_rows, tag_rows, rels = [], [], []
    weights = {
        "Colleagues": 5,
        "Friends": 3,
        "Family": 1,
        "Friends of family": 1,
        "Internship": 1,
        "National service": 1,
        "School": 2,
        "Community": 1,
    }
    names = list(weights)
    for pid in ids:
        if rng.random() < 0.85:
            circle_rows.append(
                {
                    "person": pid,
                    "circle": circles[rng.choices(names, weights=[weights[n] for n in names])[0]],
                }
            )
        for tag in set(rng.sample(tag_ids, k=rng.randint(0, 3))):
            tag_rows.append({"person": pid, "tag": tag})
        if rng.random() < 0.2 and len(ids) > 1:
            other = rng.choice(ids)
            if other != pid:
                rels.append({"person_a": other, "person_b": pid, "kind": "introduced"})
    _insert(PersonCircle, circle_rows)
    _insert(PersonTag, tag_rows)
    seen, unique = set(), []
    for r in rels:
        if (r["person_a"], r["person_b"]) not in seen:
            seen.add((r["person_a"], r["person_b"]))
            unique.append(r)
    _insert(Relationship, unique)


def _interactions(rng: random.Random, ids: list[int], today: dt.date) -> None:
    count = len(ids) * 2
    rows = []
    for _ in range(count):
        when = today - dt.timedelta(days=int(rng.expovariate(1 / 120)))
        rows.append(
            {
                "when": when,
                "kind": rng.choice(KINDS),
                "summary": rng.choice(SUMMARIES).format(
                    i=rng.choice(INTERESTS), o=rng.choice(ORGS)
                ),
                "follow_up": when + dt.timedelta(days=7) if rng.random() < 0.05 else None,
            }
        )
    _insert(Interaction, rows)
    interaction_ids = [i for (i,) in Interaction.select(Interaction.id).tuples()]
    participants, seen = [], set()
    for iid in interaction_ids:
        for pid in rng.sample(ids, k=min(len(ids), rng.choice([1, 1, 1, 2, 3]))):
            if (iid, pid) not in seen:
                seen.add((iid, pid))
                participants.append({"interaction": iid, "person": pid})
    _insert(Participant, participants)


def _favours_and_reminders(rng: random.Random, ids: list[int], today: dt.date) -> None:
    favours, reminders = [], []
    for pid in rng.sample(ids, k=len(ids) // 5):
        for _ in range(rng.randint(1, 3)):
            given = rng.random() < 0.5
            favours.append(
                {
                    "person": pid,
                    "direction": "given" if given else "received",
                    "what": rng.choice(FAVOURS_GIVEN if given else FAVOURS_RECEIVED),
                    "date": today - dt.timedelta(days=rng.randint(0, 400)),
                    "status": "open" if rng.random() < 0.2 else "done",
                    "notes": "",
                }
            )
    for pid in rng.sample(ids, k=max(1, len(ids) // 20)):
        reminders.append(
            {
                "person": pid,
                "due": today + dt.timedelta(days=rng.randint(-5, 20)),
                "note": rng.choice(
                    ["Send the article", "Ask about the new job", "Share conference photos"]
                ),
            }
        )
    _insert(Favour, favours)
    _insert(Reminder, reminders)


def _events(rng: random.Random, ids: list[int], today: dt.date) -> None:
    names = [
        "Lisbon Data Summit",
        "Harbour dinner",
        "Company day 2026",
        "Climate tech meetup",
        "Alumni evening",
    ]
    for n, name in enumerate(names):
        date = today - dt.timedelta(days=10 + 40 * n)
        interaction = Interaction.create(when=date, kind="event", summary=name)
        Event.create(
            name=name,
            date=date,
            place=rng.choice(["Lisbon", "London", "Pier 9"]),
            kind="event",
            interaction=interaction,
        )
        attendees = rng.sample(ids, k=min(len(ids), rng.randint(3, 12)))
        Participant.insert_many(
            [{"interaction": interaction.id, "person": p} for p in attendees]
        ).on_conflict_ignore().execute()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--people", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.out.exists():
        parser.error(f"{args.out} exists; choose a new file")
    generate(args.out, args.people, args.seed)
    print(f"wrote {args.people} people to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
