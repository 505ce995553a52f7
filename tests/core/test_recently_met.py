"""Recently met: people you met (a met-on date) or added by hand, never a whole address book
imported today."""

from __future__ import annotations

import datetime as dt

from netdesk.core import importing, listing, sidebar
from netdesk.core.listing import Filter, ListQuery
from tests.helpers.people import person


def recent_names() -> list[str]:
    query = ListQuery(filter=Filter.RECENTLY_MET, today=dt.date.today())
    return sorted(row.name for row in listing.fetch(query))


def test_imported_cards_without_a_met_on_date_are_not_recently_met(store, tmp_path):
    book = tmp_path / "book.vcf"
    book.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Old Friend\r\nN:Friend;Old;;;\r\nEND:VCARD\r\n"
    )
    importing.import_path(book)
    person("Tobias Quenneville")  # added by hand today, at a dinner say
    person("Maren Ostby", met_on=dt.date.today() - dt.timedelta(days=3))
    person("Long Ago", met_on=dt.date.today() - dt.timedelta(days=400))
    assert recent_names() == ["Maren Ostby", "Tobias Quenneville"]
    assert sidebar.load(dt.date.today()).recently_met == 2
