"""The vCard reader on small hand-made inputs, one quirk at a time."""

from __future__ import annotations

import base64
import io

from netdesk.io.vcard_reader import VCardReader, iter_vcards, read_vcards
from netdesk.values import Birthday, PointKind, TagKind
from tests.io.helpers import crlf, image_bytes


def one(data: bytes, **kw):
    result = read_vcards(data, **kw)
    assert result.cards == 1, result.problems
    return result.records[0]


def test_fold_splitting_a_utf8_character_and_a_parameter_list() -> None:
    data = (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:L\xc3\r\n \xa4mmerweg\r\n"
            b"EMAIL;TY\r\n PE=work:a@b.c\r\nEND:VCARD\r\n")
    record = one(data)
    assert record.formatted_name == "Lämmerweg"
    assert [(p.value, p.label) for p in record.points] == [("a@b.c", "work")]


def test_every_line_ending() -> None:
    for eol in (b"\r\n", b"\n", b"\r", b"\r\r\n"):
        lines = [b"BEGIN:VCARD", b"VERSION:3.0", b"FN:Ann Lee", b"TEL:1", b"END:VCARD", b""]
        data = eol.join(lines)
        record = one(data)
        assert record.formatted_name == "Ann Lee", eol
        assert record.given == "Ann" and record.family == "Lee"


def test_bom_lowercase_begin_missing_version_and_junk() -> None:
    data = (b"\xef\xbb\xbf# exported\r\ndn: cn=x\r\n\r\nbegin:vcard\r\nPROFILE:VCard\r\n"
            b"FN:Bo\r\n# comment\r\nend:vcard\r\n")
    record = one(data)
    assert record.formatted_name == "Bo"
    assert record.extra == []


def test_quoted_printable_soft_breaks_and_charset() -> None:
    data = crlf(
        "BEGIN:VCARD", "VERSION:2.1",
        "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=",
        "=C3=BCrgen", "NOTE;QUOTED-PRINTABLE:line one=0D=0Aline two", "END:VCARD",
    )
    record = one(data)
    assert (record.family, record.given) == ("Müller", "Jürgen")
    assert record.note == "line one\nline two"


def test_declared_legacy_charset_and_made_up_charset() -> None:
    data = (b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=ISO-8859-7:\xcd\xdf\xea\xef\xf2\r\n"
            b"NOTE;CHARSET=MURKS:caf\xc3\xa9\r\nEND:VCARD\r\n")
    record = one(data)
    assert record.family == "Νίκος"
    assert record.note == "café"


def test_encoding_override_and_fallback_flag() -> None:
    data = b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:\xe0\xf4\xf8\xe9\xed\r\nEND:VCARD\r\n"
    guessed = read_vcards(data)
    assert guessed.encoding_fallback is not None
    assert any("encoding" in p.message for p in guessed.problems)
    chosen = read_vcards(data, encoding="cp1252")
    assert chosen.records[0].formatted_name == "àôøéí"
    assert chosen.encoding_fallback is None
    assert read_vcards(data, encoding="cp1255").records[0].formatted_name == "אפרים"


def test_utf16_without_bom_is_detected() -> None:
    text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë\r\nEND:VCARD\r\n"
    assert one(text.encode("utf-16-le")).formatted_name == "Zoë"
    assert one(text.encode("utf-16")).formatted_name == "Zoë"


def test_base64_21_photo_on_unindented_lines_until_blank_line() -> None:
    encoded = base64.b64encode(image_bytes("JPEG")).decode()
    chunks = [encoded[i:i + 60] for i in range(0, len(encoded), 60)]
    data = crlf("BEGIN:VCARD", "VERSION:2.1", "N:Doe;Jo", "PHOTO;ENCODING=BASE64;JPEG:" + chunks[0],
                *chunks[1:], "", "TEL;CELL:123", "END:VCARD")
    record = one(data)
    assert record.photo == image_bytes("JPEG")
    assert [(p.value, p.label) for p in record.points] == [("123", "mobile")]


def test_photo_forms() -> None:
    png = image_bytes("PNG")
    encoded = base64.b64encode(png).decode()
    for line in (f"PHOTO;ENCODING=b;TYPE=PNG:{encoded}", f"PHOTO:data:image/png;base64,{encoded}",
                 f"PHOTO:data:image/png;base64\\,{encoded}"):
        assert one(crlf("BEGIN:VCARD", "FN:A", line, "END:VCARD")).photo == png, line
    url = one(crlf("BEGIN:VCARD", "FN:A", "PHOTO;VALUE=uri:https://example.com/a.jpg", "END:VCARD"))
    assert url.photo is None and url.extra == ["PHOTO;VALUE=uri:https://example.com/a.jpg"]


def test_bad_photo_is_a_problem_not_a_lost_card() -> None:
    result = read_vcards(crlf("BEGIN:VCARD", "FN:A", "PHOTO;ENCODING=b:bm90IGFuIGltYWdl",
                              "END:VCARD"))
    assert result.records[0].formatted_name == "A"
    assert result.records[0].photo is None
    assert [p.card for p in result.problems] == [1]


def test_types_in_every_version() -> None:
    data = crlf("BEGIN:VCARD", "VERSION:4.0", "FN:A", 'TEL;TYPE="work,voice";PREF=1:tel:+1-555',
                "TEL;TYPE=HOME,TYPE=FAX:2", "TEL;WORK;CELL:3", "EMAIL;TYPE=internet,pref:a@b.c",
                "END:VCARD")
    points = [(p.value, p.label, p.preferred) for p in one(data).points]
    assert points == [("+1-555", "work", True), ("2", "home fax", False),
                      ("3", "work mobile", False), ("a@b.c", "", True)]


def test_structured_values_and_escapes() -> None:
    data = crlf("BEGIN:VCARD", "VERSION:3.0", "FN:A\\, B", "N:O\\;Neil;Ann;;;",
                "ADR;TYPE=home:;;1 Main St\\nFlat 2;Springfield;IL;62701;USA",
                "ORG:Acme\\, Inc.;R&D;Lab 1", "URL:http\\://example.com", "NOTE:a\\\\b\\Nc",
                "END:VCARD")
    record = one(data)
    assert record.formatted_name == "A, B"
    assert record.family == "O;Neil"
    assert record.points[0].value == "1 Main St, Flat 2, Springfield, IL 62701, USA"
    assert record.points[1].value == "http://example.com"
    assert (record.positions[0].organization, record.positions[0].department) == (
        "Acme, Inc.", "R&D, Lab 1")
    assert record.note == "a\\b\nc"


def test_fn_without_n_is_split() -> None:
    record = one(crlf("BEGIN:VCARD", "VERSION:3.0", "FN:Mary Ann Smith", "END:VCARD"))
    assert (record.given, record.additional, record.family) == ("Mary", "Ann", "Smith")
    org = one(crlf("BEGIN:VCARD", "FN:ACME", "ORG:ACME", "END:VCARD"))
    assert (org.given, org.family) == ("", "")


def test_display_name_fallbacks() -> None:
    assert one(crlf("BEGIN:VCARD", "N:Doe;Jo;;;", "END:VCARD")).display_name() == "Jo Doe"
    assert one(crlf("BEGIN:VCARD", "ORG:Acme", "END:VCARD")).display_name() == "Acme"
    assert one(crlf("BEGIN:VCARD", "EMAIL:a@b.c", "END:VCARD")).display_name() == "a@b.c"
    empty = one(crlf("BEGIN:VCARD", "NOTE:just a note", "END:VCARD"))
    assert not empty.is_valid()


def test_birthdays_and_anniversaries() -> None:
    cases = {"19800322": Birthday(3, 22, 1980), "1980-03-22": Birthday(3, 22, 1980),
             "--0322": Birthday(3, 22), "--03-22": Birthday(3, 22), "1604-03-22": Birthday(3, 22),
             "1953-10-15T23:10:00Z": Birthday(10, 15, 1953)}
    for text, expected in cases.items():
        assert one(crlf("BEGIN:VCARD", "FN:A", f"BDAY:{text}", "END:VCARD")).birthday == expected
    omit = one(crlf("BEGIN:VCARD", "FN:A", "BDAY;X-APPLE-OMIT-YEAR=1900:1900-05-01", "END:VCARD"))
    assert omit.birthday == Birthday(5, 1)
    bad = read_vcards(crlf("BEGIN:VCARD", "FN:A", "BDAY:2019-02-30", "ANNIVERSARY:20100612",
                           "END:VCARD"))
    assert bad.records[0].birthday is None
    assert bad.records[0].anniversary == Birthday(6, 12, 2010)
    assert "BDAY:2019-02-30" in bad.records[0].extra
    assert len(bad.problems) == 1


def test_grouped_label_and_related() -> None:
    data = crlf("BEGIN:VCARD", "VERSION:3.0", "FN:A", "item1.EMAIL:a@b.c",
                "item1.X-ABLabel:_$!<Other>!$_", "item2.X-ABRELATEDNAMES:Jo",
                "item2.X-ABLabel:_$!<Spouse>!$_", "RELATED;TYPE=child;VALUE=text:Kim",
                "item3.X-ABDATE:2001-02-03", "item3.X-ABLabel:Graduation", "END:VCARD")
    record = one(data)
    assert [(p.value, p.label) for p in record.points] == [("a@b.c", "other")]
    assert [(r.name, r.kind) for r in record.related] == [("Jo", "spouse"), ("Kim", "child")]
    assert record.extra == ["item3.X-ABDATE:2001-02-03", "item3.X-ABLabel:Graduation"]


def test_im_properties_and_social() -> None:
    data = crlf("BEGIN:VCARD", "FN:A", "X-AIM:aimname", "X-GOOGLE TALK:g@x.com",
                "IMPP;X-SERVICE-TYPE=Skype:skype:sk", "IMPP:xmpp:j@x.org",
                "X-SOCIALPROFILE;TYPE=linkedin:https://linkedin.com/in/a",
                "URL:https://www.linkedin.com/in/a", "CATEGORIES:Friends,Work\\, old",
                "END:VCARD")
    record = one(data)
    assert [(p.kind, p.label, p.value) for p in record.points] == [
        (PointKind.IM, "aim", "aimname"), (PointKind.IM, "google talk", "g@x.com"),
        (PointKind.IM, "skype", "sk"), (PointKind.IM, "jabber", "j@x.org"),
        (PointKind.SOCIAL, "linkedin", "https://linkedin.com/in/a"),
        (PointKind.URL, "linkedin", "https://www.linkedin.com/in/a")]
    assert record.tags == [(TagKind.LABEL, "Friends"), (TagKind.LABEL, "Work, old")]


def test_agent_nested_card_is_not_a_top_level_card() -> None:
    data = crlf("BEGIN:VCARD", "VERSION:2.1", "FN:Boss", "AGENT:", "BEGIN:VCARD", "VERSION:2.1",
                "FN:Assistant", "END:VCARD", "TEL:1", "END:VCARD", "BEGIN:VCARD", "FN:Two",
                "END:VCARD")
    result = read_vcards(data)
    assert result.cards == 2
    assert [r.formatted_name for r in result.records] == ["Boss", "Two"]
    assert [p.value for p in result.records[0].points] == ["1"]


def test_missing_end_at_end_of_file_still_counts() -> None:
    result = read_vcards(b"BEGIN:VCARD\nFN:One\nEND:VCARD\nBEGIN:VCARD\nFN:Cut")
    assert result.cards == 2
    assert [r.formatted_name for r in result.records] == ["One", "Cut"]


def test_extra_lines_drop_transfer_encoding() -> None:
    data = crlf("BEGIN:VCARD", "VERSION:2.1", "FN:A",
                "X-FOO;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:a=0D=0Ab=C3=A4", "GEO:1;2",
                "PRODID:x", "REV:1", "END:VCARD")
    assert one(data).extra == ["X-FOO:a\\nbä", "GEO:1;2"]


def test_streaming_with_progress_reads_incrementally() -> None:
    card = crlf("BEGIN:VCARD", "VERSION:3.0", "FN:Someone", "NOTE:" + "x" * 2000, "END:VCARD")
    data = card * 2000  # about 4 MB

    class Counting(io.BytesIO):
        peak = 0

        def read(self, size: int = -1) -> bytes:
            assert size > 0, "the reader must read in chunks"
            return super().read(size)

    stream = Counting(data)
    calls: list[tuple[int, int]] = []
    reader = VCardReader(stream, progress=lambda cards, done: calls.append((cards, done)))
    records = reader.records()
    next(records)
    assert stream.tell() < len(data) // 10
    rest = sum(1 for _ in records)
    assert rest == 1999 and reader.cards == 2000
    assert calls[-1] == (2000, len(data))


def test_iter_vcards_can_be_abandoned() -> None:
    data = crlf("BEGIN:VCARD", "FN:A", "END:VCARD") * 10
    records = iter_vcards(io.BytesIO(data))
    assert next(records).formatted_name == "A"
    records.close()
