"""The contact CSV layouts netdesk knows, recognised from the header row, and their row mappers.

Layouts with their own mapper: LinkedIn, Google (current, "legacy" and the old Gmail "Section 1 -"
export), Outlook in any of the languages `csv_layouts` translates, and netdesk's own export
(`csv_writer`). Thunderbird, Yahoo, KMail, Palm Desktop and the Windows Address Book are read
through a column map (`csv_layouts.guess_columns`, with each layout's own meaning of its
ambiguous words); any other CSV through the map its header words suggest or the user chose.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from netdesk.io.csv_layouts import (
    ColumnMap,
    Field,
    classify,
    guess_columns,
    header_language,
    label_of,
    normalise,
    translate_outlook,
)
from netdesk.io.csv_values import (
    Row,
    add_point,
    address,
    date,
    escape,
    google_label,
    multi,
    note,
    one_line,
    position,
    tags,
)
from netdesk.io.csv_writer import HEADER as NETDESK_HEADER
from netdesk.io.dates import parse_day
from netdesk.io.names import split_credentials
from netdesk.io.netdesk_csv import read_row as read_netdesk_row
from netdesk.io.records import ContactRecord, Problem, RelatedRecord
from netdesk.values import Birthday, PointKind, TagKind

__all__ = ["Layout", "detect_layout", "mapped_layout"]

Mapper = Callable[[Row, list[str], ContactRecord], None]
GROUP_COLUMN = re.compile(r"^(.+?) (\d+) - (.+)$")
_OUTLOOK_PHONES = {
    "Primary Phone": "main", "Business Phone": "work", "Business Phone 2": "work",
    "Home Phone": "home", "Home Phone 2": "home", "Mobile Phone": "mobile",
    "Company Main Phone": "company main", "Assistant's Phone": "assistant",
    "Business Fax": "work fax", "Home Fax": "home fax", "Other Fax": "other fax",
    "Other Phone": "other", "Pager": "pager", "Car Phone": "car", "Callback": "callback",
    "Radio Phone": "radio", "Telex": "telex", "TTY/TDD Phone": "tty", "ISDN": "isdn",
}
_OUTLOOK_EMAILS = ("E-mail Address", "E-mail 2 Address", "E-mail 3 Address")
_OUTLOOK_KNOWN = frozenset(name.lower() for name in (*_OUTLOOK_PHONES, *_OUTLOOK_EMAILS))
_OUTLOOK_ADDRESSES = {"Business": "work", "Home": "home", "Other": "other"}
_OUTLOOK_RELATED = {
    "Spouse": "spouse", "Children": "child", "Manager's Name": "manager",
    "Assistant's Name": "assistant", "Referred By": "referred by",
}
# Yahoo! Mail (2008-2018 export) and Palm Desktop name phone columns by place alone
_BARE_PHONES = {word: Field.PHONE for word in ("home", "work", "pager", "fax", "mobile",
                                               "other", "main", "yahoo! phone", "primary")}
_YAHOO = {**_BARE_PHONES, "category": Field.TAGS, "comments": Field.NOTES,
          "alternate email 1": Field.EMAIL, "alternate email 2": Field.EMAIL}
_PALM = {**_BARE_PHONES, "address": Field.ADDRESS, "zip": Field.ADDRESS, "note": Field.NOTES,
         "category": Field.TAGS}
_DATE_FIELDS = {"google": ("Birthday",), "google-legacy": ("Birthday",),
                "outlook": ("Birthday", "Anniversary")}


@dataclass(slots=True)
class Layout:
    """A recognised header: its name, how to map a row, and the header the mapper reads."""

    format: str
    mapper: Mapper
    header: list[str]
    language: str = ""  # of a localised header ("de"), for day-first dates
    columns: ColumnMap = field(default_factory=dict)  # for layouts read through a column map

    def date_columns(self) -> list[int]:
        """Columns holding dates, to decide whether the file writes them day first."""
        named = {name.lower() for name in _DATE_FIELDS.get(self.format, ())}
        found = [i for i, cell in enumerate(self.header) if cell.strip().lower() in named]
        return found + [i for i, f in self.columns.items() if f is Field.BIRTHDAY]


def detect_layout(header: list[str]) -> Layout | None:
    """The layout of a header row, or None when no known layout matches."""
    names = {normalise(cell) for cell in header}
    simple = _simple_layout(header, names)
    if simple is not None:
        return Layout(simple, _MAPPERS[simple], header)
    for name, overrides in _COLUMN_LAYOUTS:
        if _column_layout(name, names, header):
            return mapped_layout(header, guess_columns(header, overrides), name)
    translated = translate_outlook(header)
    if translated is not None:
        return Layout("outlook", _outlook, translated[0], translated[1])
    return None


def mapped_layout(header: list[str], columns: ColumnMap, name: str = "csv") -> Layout:
    """A layout read through a column map (a known layout's, a guess, or the user's)."""
    return Layout(name, _mapped(columns), header, header_language(header), columns)


def _simple_layout(header: list[str], names: set[str]) -> str | None:
    if {"first name", "last name"} <= names and (
        "connected on" in names or {"url", "position"} <= names
    ):
        return "linkedin"
    if any(GROUP_COLUMN.match(cell.strip()) and cell.strip().endswith("- Label")
           for cell in header) or ("labels" in names and "first name" in names):
        return "google"
    if {"given name", "family name"} <= names and (
        "group membership" in names or "e-mail 1 - type" in names
    ):
        return "google-legacy"
    if any(re.fullmatch(r"section \d+ - description", name) for name in names):
        return "gmail-old"
    if {normalise(name) for name in NETDESK_HEADER[:6]} <= names and "uid" in names:
        return "netdesk"
    outlook_markers = {"e-mail address", "business phone", "mobile phone", "job title", "company"}
    if {"first name", "last name"} <= names and len(names & outlook_markers) >= 2:
        return "outlook"
    return None


def _column_layout(name: str, names: set[str], header: list[str]) -> bool:
    if name == "thunderbird":
        fields = {classify(cell) for cell in header}
        return {Field.BIRTH_YEAR, Field.BIRTH_MONTH} <= fields
    if name == "yahoo":
        return {"first", "last"} <= names and bool(
            names & {"messenger id", "yahoo! phone", "alternate email 1"})
    if name == "kmail":
        return {"formatted name", "family name", "given name"} <= names
    if name == "palm":
        return {"custom 1", "private", "category"} <= names and bool(names & {"work", "home"})
    if name == "wab":  # the Windows Address Book starts with the display "Name"
        return bool(header) and normalise(header[0]) == "name" and any(
            classify(cell) is Field.EMAIL for cell in header)
    return False


_COLUMN_LAYOUTS: list[tuple[str, dict[str, Field] | None]] = [
    ("thunderbird", None), ("yahoo", _YAHOO), ("kmail", None), ("palm", _PALM), ("wab", None),
]


# --- LinkedIn, Google ---------------------------------------------------------------------------


def _linkedin(row: Row, header: list[str], record: ContactRecord) -> None:
    record.given = row.get("First Name")
    record.family, record.suffix = split_credentials(row.get("Last Name"))
    add_point(record, PointKind.URL, row.get("URL"), "linkedin")
    add_point(record, PointKind.EMAIL, row.get("Email Address", "E-mail Address"))
    position(record, row.get("Company"), row.get("Position"))
    connected = row.get("Connected On")
    if connected:
        try:
            record.connected_on, record.connected_via = parse_day(connected), "LinkedIn"
        except ValueError:
            record.problems.append(
                Problem(f"The date {connected[:40]!r} in Connected On is not a date.")
            )


def _groups(header: list[str]) -> dict[tuple[str, str], dict[str, int]]:
    """("e-mail", "1") -> {"label": column, "value": column, ...} from numbered columns."""
    groups: dict[tuple[str, str], dict[str, int]] = {}
    for index, name in enumerate(header):
        match = GROUP_COLUMN.match(name.strip())
        if match:
            key = (match[1].strip().lower(), match[2])
            groups.setdefault(key, {})[match[3].strip().lower()] = index
    return groups


def _group_cells(row: Row, fields: dict[str, int]) -> dict[str, str]:
    return {name: row.cells[i] if i < len(row.cells) else "" for name, i in fields.items()}


def _google(row: Row, header: list[str], record: ContactRecord) -> None:
    record.formatted_name = row.get("Name")
    record.given = row.get("First Name", "Given Name")
    record.additional = row.get("Middle Name", "Additional Name")
    record.family = row.get("Last Name", "Family Name")
    record.prefix, record.suffix = row.get("Name Prefix"), row.get("Name Suffix")
    record.nickname = row.get("Nickname")
    position(record, row.get("Organization Name"), row.get("Organization Title"),
             row.get("Organization Department"))
    record.birthday = date(record, row.get("Birthday"), "birthday", row.day_first)
    note(record, row.get("Notes"))
    record.tags = tags(row.get("Labels", "Group Membership"))
    photo = row.get("Photo")
    if photo.lower().startswith(("http://", "https://")):
        record.extra.append(f"PHOTO;VALUE=uri:{photo}")  # kept as a link, never fetched
    for column, prop in (("Phonetic First Name", "X-PHONETIC-FIRST-NAME"),
                         ("Phonetic Middle Name", "X-PHONETIC-MIDDLE-NAME"),
                         ("Phonetic Last Name", "X-PHONETIC-LAST-NAME")):
        if value := row.get(column):
            record.extra.append(f"{prop}:{escape(value)}")
    for (section, number), fields in _groups(header).items():
        _google_group(record, section, number, _group_cells(row, fields), row.day_first)


def _google_group(
    record: ContactRecord, section: str, number: str, cells: dict[str, str], day_first: bool
) -> None:
    label, preferred = google_label(cells.get("label") or cells.get("type") or "")
    values = multi(cells.get("value", ""))
    kinds = {"e-mail": PointKind.EMAIL, "phone": PointKind.PHONE, "website": PointKind.URL}
    if section in kinds:
        for value in values:
            add_point(record, kinds[section], value, label, preferred)
    elif section == "address":
        formatted = cells.get("formatted", "").strip()
        parts = [cells.get(k, "") for k in ("po box", "extended address", "street", "city",
                                           "region", "postal code", "country")]
        add_point(record, PointKind.ADDRESS,
                  one_line(formatted) if formatted else address(parts), label, preferred)
    elif section == "im":
        service = (cells.get("service") or label).strip().lower()
        for value in values:
            add_point(record, PointKind.IM, value, service, preferred)
    elif section == "relation":
        record.related += [RelatedRecord(value, label) for value in values]
    elif section == "organization":
        position(record, cells.get("name", "").strip(), cells.get("title", "").strip(),
                 cells.get("department", "").strip())
    elif section == "event":
        _google_event(record, number, label, values, day_first)
    elif section == "custom field":
        for value in values:  # Google's own vCard export puts custom fields in NOTE
            note(record, f"{label}: {value}" if label else value)


def _google_event(
    record: ContactRecord, number: str, label: str, values: list[str], day_first: bool
) -> None:
    for value in values:
        if label.lower() == "anniversary" and record.anniversary is None:
            record.anniversary = date(record, value, "anniversary", day_first)
        else:  # other dates travel as Apple's labelled X-ABDATE so a vCard export keeps them
            record.extra += [f"event{number}.X-ABDATE:{escape(value)}",
                             f"event{number}.X-ABLabel:{escape(label)}"]


_SECTION_KINDS = {"email": PointKind.EMAIL, "phone": PointKind.PHONE, "im": PointKind.IM,
                  "mobile": PointKind.PHONE, "pager": PointKind.PHONE, "fax": PointKind.PHONE}
_SECTION_PLACES = {"personal": "home", "home": "home", "work": "work", "business": "work"}


def _gmail_old(row: Row, header: list[str], record: ContactRecord) -> None:
    """Gmail's export before 2010: "Name", "E-mail", "Notes", then "Section N - ..." columns."""
    record.formatted_name = row.get("Name")
    for value in re.split(r"\s*(?:,|;|:::)\s*", row.get("E-mail")):
        add_point(record, PointKind.EMAIL, value)
    note(record, row.get("Notes"))
    for (_section, _number), fields in _groups(header).items():
        cells = {name: value.strip() for name, value in _group_cells(row, fields).items()}
        description = cells.get("description", "")
        place = _SECTION_PLACES.get(description.lower(), description)
        for part, kind in _SECTION_KINDS.items():
            label = {"mobile": "mobile", "pager": "pager"}.get(part, place)
            label = f"{place} fax".strip() if part == "fax" else label
            for value in multi(cells.get(part, "")):
                add_point(record, kind, value, label)
        position(record, cells.get("company", ""), cells.get("title", ""))
        add_point(record, PointKind.ADDRESS, one_line(cells.get("address", "")), place)
        if cells.get("other"):
            note(record, cells["other"])


# --- Outlook (any language) -------------------------------------------------------------------


def _outlook(row: Row, header: list[str], record: ContactRecord) -> None:
    record.prefix = row.get("Title")
    record.given, record.additional = row.get("First Name"), row.get("Middle Name")
    record.family, record.suffix = row.get("Last Name"), row.get("Suffix")
    record.nickname = row.get("Nickname")
    position(record, row.get("Company"), row.get("Job Title"), row.get("Department"))
    for column in _OUTLOOK_EMAILS:
        add_point(record, PointKind.EMAIL, row.get(column))
    for column, label in _OUTLOOK_PHONES.items():
        add_point(record, PointKind.PHONE, row.get(column), label, column == "Primary Phone")
    _other_phones_and_emails(row, header, record)
    for prefix, label in _OUTLOOK_ADDRESSES.items():
        add_point(record, PointKind.ADDRESS, _outlook_address(row, prefix), label)
    add_point(record, PointKind.URL, row.get("Web Page"))
    add_point(record, PointKind.URL, row.get("Personal Web Page"), "home")
    add_point(record, PointKind.IM, row.get("IMAddress"), "im")
    record.birthday = date(record, row.get("Birthday"), "birthday", row.day_first)
    record.anniversary = date(record, row.get("Anniversary"), "anniversary", row.day_first)
    note(record, row.get("Notes"))
    record.tags = tags(row.get("Categories"), ";")
    record.tags += [(TagKind.HOBBY, h.strip()) for h in re.split(r"[;,]", row.get("Hobby"))
                    if h.strip()]
    for column, kind in _OUTLOOK_RELATED.items():
        names = re.split(r"[;,]", row.get(column)) if kind == "child" else [row.get(column)]
        record.related += [RelatedRecord(name.strip(), kind) for name in names if name.strip()]


def _other_phones_and_emails(row: Row, header: list[str], record: ContactRecord) -> None:
    """Phone and email columns Outlook versions added or renamed ("Mobile Phone 2")."""
    for index, name in enumerate(header):
        if name.strip().lower() in _OUTLOOK_KNOWN or not row.cell(index):
            continue
        kind = classify(name)
        if kind is Field.PHONE:
            add_point(record, PointKind.PHONE, row.cell(index), label_of(name))
        elif kind is Field.EMAIL:
            add_point(record, PointKind.EMAIL, row.cell(index), label_of(name))


def _outlook_address(row: Row, prefix: str) -> str:
    formatted = row.get(f"{prefix} Address")
    if formatted:
        return one_line(formatted)
    street = ", ".join(x for x in (row.get(f"{prefix} Street"), row.get(f"{prefix} Street 2"),
                                   row.get(f"{prefix} Street 3")) if x)
    region = " ".join(x for x in (row.get(f"{prefix} State"), row.get(f"{prefix} Postal Code"))
                      if x)
    country = row.get(f"{prefix} Country/Region", f"{prefix} Country")
    return address([row.get(f"{prefix} Address PO Box"), street, row.get(f"{prefix} City"),
                    region, country])


# --- any layout read through a column map ------------------------------------------------------


def _mapped(columns: ColumnMap) -> Mapper:
    def mapper(row: Row, header: list[str], record: ContactRecord) -> None:
        _map_row(columns, row, header, record)

    return mapper


_NAME_FIELDS = {Field.GIVEN: "given", Field.FAMILY: "family", Field.ADDITIONAL: "additional",
                Field.PREFIX: "prefix", Field.SUFFIX: "suffix", Field.NICKNAME: "nickname",
                Field.FULL_NAME: "formatted_name"}
_EMAIL_SPLIT = re.compile(r"\s*(?:[,;]|:::)\s*|\s+")


def _map_row(columns: ColumnMap, row: Row, header: list[str], record: ContactRecord) -> None:
    work: dict[str, str] = {}
    addresses: dict[str, list[str]] = {}
    birth: dict[Field, str] = {}
    for index, field_ in sorted(columns.items()):
        value = row.cell(index)
        name = header[index] if index < len(header) else ""
        if not value:
            continue
        if field_ in _NAME_FIELDS:
            attribute = _NAME_FIELDS[field_]
            if not getattr(record, attribute):
                setattr(record, attribute, value)
        elif field_ is Field.EMAIL:
            label = label_of(name)  # Thunderbird's "Primary Email" is the preferred one
            for email in filter(None, _EMAIL_SPLIT.split(value)):
                add_point(record, PointKind.EMAIL, email, "" if label == "main" else label,
                          label == "main")
        elif field_ is Field.PHONE:
            for phone in multi(value):
                add_point(record, PointKind.PHONE, phone, label_of(name))
        elif field_ in (Field.ORGANISATION, Field.DEPARTMENT, Field.TITLE):
            work.setdefault(field_, value)
        elif field_ is Field.BIRTHDAY:
            record.birthday = record.birthday or date(record, value, "birthday", row.day_first)
        elif field_ in (Field.BIRTH_YEAR, Field.BIRTH_MONTH, Field.BIRTH_DAY):
            birth[field_] = value
        elif field_ is Field.NOTES:
            note(record, value)
        elif field_ is Field.ADDRESS:
            addresses.setdefault(label_of(name), []).append(value)
        elif field_ is Field.WEBSITE:
            add_point(record, PointKind.URL, value, label_of(name))
        elif field_ is Field.TAGS:
            record.tags += [t for t in tags(re.sub(r"\s*[,;]\s*", " ::: ", value))
                            if t not in record.tags]
    position(record, work.get(Field.ORGANISATION, ""), work.get(Field.TITLE, ""),
             work.get(Field.DEPARTMENT, ""))
    for label, parts in addresses.items():
        add_point(record, PointKind.ADDRESS, address(parts), label)
    if birth and record.birthday is None:
        record.birthday = _split_birthday(record, birth)


def _split_birthday(record: ContactRecord, parts: dict[Field, str]) -> Birthday | None:
    """Thunderbird's Birth Year / Birth Month / Birth Day columns (the year may be empty)."""
    year = parts.get(Field.BIRTH_YEAR, "")
    month, day = parts.get(Field.BIRTH_MONTH, ""), parts.get(Field.BIRTH_DAY, "")
    if not (month and day):
        return None
    month_day = f"{month.zfill(2)}-{day.zfill(2)}"
    return date(record, f"{year}-{month_day}" if year else f"--{month_day}", "birthday")


_MAPPERS: dict[str, Mapper] = {
    "linkedin": _linkedin,
    "google": _google,
    "google-legacy": _google,
    "gmail-old": _gmail_old,
    "outlook": _outlook,
    "netdesk": read_netdesk_row,
}
