"""The big address book of the acceptance: 10,000 cards whose given and family names repeat (900
distinct names, as "Wei Zhang" repeats in any large company), each with its own UID, email and
phone. Every card becomes a person; the namesakes are flagged for review, none left out. The
file is the import benchmark's own (benchmarks/bench_import.py), so the speed figure and this
count are taken over the same cards."""

from __future__ import annotations

from benchmarks.bench_import import NAMES, generate
from netdesk.core import importing, people

CARDS = 10_000


def test_ten_thousand_cards_with_repeating_names_all_become_people(store, tmp_path):
    book = tmp_path / "namesakes.vcf"
    generate(book, CARDS, seed=7)
    dry = importing.import_path(book, dry_run=True)
    assert (dry.new, dry.duplicates, dry.skipped, dry.invalid) == (CARDS, 0, 0, 0)
    report = importing.import_path(book)
    assert (report.new, report.duplicates, report.skipped, report.invalid) == (CARDS, 0, 0, 0)
    assert people.count() == CARDS
    # every card but the first of each name is a namesake to review; none was merged
    assert CARDS - NAMES <= report.flagged < CARDS
    assert report.flagged == dry.flagged
