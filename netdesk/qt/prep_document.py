"""The meeting prep page (`core.prep.Prep`) as HTML, as a QTextDocument, and as a PDF.

Every text in the page came from a person or a file, so each is escaped into markup of our own:
a name like `<img src="/dev/zero">` shows as typed and makes Qt read nothing. Texts are clipped
as the pane clips them, so a 3 MB note cannot freeze the layout. The PDF is made in memory with
QPdfWriter (QtGui) and written by the caller, so a folder that cannot be written is a Python
OSError with a reason rather than a QPainter warning.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF
from PySide6.QtGui import QPagedPaintDevice, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from netdesk.core.prep import NOTHING_NOTED, PersonPrep, Prep
from netdesk.qt.plain import BLOCK, LINE, clip

PDF_RESOLUTION = 300
MARGIN_MM = 18
_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")

STYLE = """
h1 { font-size: 18pt; margin-bottom: 2px; }
h2 { font-size: 14pt; margin-top: 18px; margin-bottom: 0px; }
h3 { font-size: 10pt; margin-top: 8px; margin-bottom: 2px; }
p { margin-top: 0px; margin-bottom: 2px; }
"""
PAPER_GREY = "#555555"  # secondary lines on a white page


def _text(text: str, limit: int = LINE) -> str:
    return html.escape(clip(text, limit))


def html_page(prep: Prep, muted: str = PAPER_GREY) -> str:
    """The page as HTML; every person's text escaped; secondary lines in `muted` (a colour
    that reads on the background it will be shown on: the paper's, or a dark window's)."""
    style = f"{STYLE}.sub {{ color: {muted}; }}"
    parts = [f"<html><head><style>{style}</style></head><body>", f"<h1>{_text(prep.title)}</h1>"]
    if prep.subtitle:
        parts.append(f'<p class="sub">{_text(prep.subtitle)}</p>')
    parts += [_person(person) for person in prep.people]
    if not prep.people:
        parts.append("<p>Nobody to prepare for.</p>")
    parts.append("</body></html>")
    return "\n".join(parts)


def _person(person: PersonPrep) -> str:
    parts = [f"<h2>{_text(person.name)}</h2>"]
    if person.position:
        parts.append(f'<p class="sub">{_text(person.position)}</p>')
    for section in person.sections:
        parts.append(f"<h3>{_text(section.heading)}</h3>")
        parts += [f"<p>{_text(line, BLOCK)}</p>" for line in section.lines]
    if not person.sections:
        parts.append(f'<p class="sub">{html.escape(NOTHING_NOTED)}</p>')
    return "\n".join(parts)


def document(prep: Prep) -> QTextDocument:
    """The page laid out by Qt, for showing, printing and writing as PDF."""
    doc = QTextDocument()
    doc.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, prep.title)
    doc.setHtml(html_page(prep))
    return doc


def print_to(prep: Prep, device: QPagedPaintDevice) -> None:
    """Lay the page out on a paged `device` (the PDF writer), A4 with margins."""
    device.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    device.setPageMargins(
        QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Unit.Millimeter
    )
    document(prep).print_(device)


def pdf_bytes(prep: Prep) -> bytes:
    """The page as a PDF file's bytes."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_RESOLUTION)
    writer.setTitle(prep.title)
    writer.setCreator("netdesk")
    print_to(prep, writer)
    del writer  # the PDF is finished when its writer goes
    buffer.close()
    return bytes(data.data())


def page_count(pdf: bytes) -> int:
    """How many pages a PDF written by `pdf_bytes` has (its page objects are not compressed)."""
    return len(_PAGE.findall(pdf))
