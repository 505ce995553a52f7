"""`netdesk prep ID... [--event ID] [--pdf OUT] [--at DATE]`: the meeting prep page for some
people or an event's attendees, as plain text on standard output or as a PDF file.

The PDF is laid out by Qt on the offscreen platform: no window opens and no display is needed.
A PDF never replaces a database, and replaces another file only with --force.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING

from netdesk.cli.base import (
    EXIT_OK,
    Command,
    UserError,
    add_at_option,
    add_db_option,
    check_output,
    open_store,
)

if TYPE_CHECKING:
    from netdesk.core.prep import Prep


class PrepCommand(Command):
    help = "a meeting prep page for some people or an event: as text, or as a PDF with --pdf"

    def configure(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("people", nargs="*", type=int, metavar="ID", help="person ids")
        parser.add_argument("--event", type=int, metavar="ID", help="an event's attendees")
        parser.add_argument("--pdf", type=Path, metavar="OUT", help="write the page as a PDF")
        parser.add_argument(
            "--force", action="store_true", help="replace OUT if it exists (never a database)"
        )
        add_at_option(parser)
        add_db_option(parser)

    def run(self, args: argparse.Namespace) -> int:
        from netdesk.core import prep
        from netdesk.core.errors import NotFound

        if not args.people and args.event is None:
            raise UserError("Name the people (their ids) or an event (--event ID).")
        if args.pdf is not None and not args.pdf.parent.is_dir():
            raise UserError(f"The folder {args.pdf.parent} does not exist.")
        open_store(args.db)
        if args.pdf is not None:
            check_output(args.pdf, force=args.force)
        try:
            page = (
                prep.for_event(args.event, args.at)
                if args.event is not None
                else prep.for_people(args.people, args.at)
            )
        except NotFound as exc:
            raise UserError(str(exc)) from exc
        missing = sorted(set(args.people) - {p.person_id for p in page.people})
        if missing:
            raise UserError(f"No person has the id {', '.join(map(str, missing))}.")
        if args.pdf is None:
            print(prep.as_text(page), end="")
            return EXIT_OK
        pages = _write_pdf(page, args.pdf)
        who = "1 person" if len(page.people) == 1 else f"{len(page.people)} people"
        sheets = "1 page" if pages == 1 else f"{pages} pages"
        print(f"Wrote the prep for {who} to {args.pdf} ({sheets})")
        return EXIT_OK



def _write_pdf(page: Prep, out: Path) -> int:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # lay out text without a window or a display
    from PySide6.QtGui import QGuiApplication

    from netdesk.qt import prep_document

    app = QGuiApplication.instance() or QGuiApplication(["netdesk"])
    data = prep_document.pdf_bytes(page)
    del app
    try:
        out.write_bytes(data)
    except OSError as exc:
        raise UserError(f"{out} cannot be written: {exc.strerror or exc}.") from exc
    return prep_document.page_count(data)
