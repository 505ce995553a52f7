"""Legacy encodings are decided once per file, named in the result, and can be overridden.

The fixtures (tests/fixtures/encodings, rebuilt by make_fixtures.py there) imitate real exporters:
Palm Desktop and the old Mac Address Book (Mac Roman, CR line ends), Chinese, Taiwanese, Korean
and Japanese phone suites, Outlook on Polish, Russian and Western Windows, KMail on Linux.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from netdesk.io.encodings import (
    ENCODINGS,
    decoding_codec,
    guess_legacy_codec,
    legacy_sample,
    public_name,
)
from netdesk.io.reading import read_bytes, read_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "encodings"

EXPECTED = {
    "macroman_palm.vcf": ("mac_roman", "Mac Roman", ["François Lefèvre", "Søren Jørgensen",
                                                     "Inés Núñez"]),
    "gbk_phone.vcf": ("gb18030", "GB18030", ["张伟", "王秀英", "李娜"]),
    "big5_phone.vcf": ("big5", "Big5", ["陳志明", "林美玲"]),
    "euckr_phone.vcf": ("euc-kr", "EUC-KR", ["김민준", "이서연"]),
    "shiftjis_phone.vcf": ("shift_jis", "Shift_JIS", ["山田太郎", "佐藤花子"]),
    "cp1250_outlook.vcf": ("windows-1250", "Windows-1250", ["Łukasz Wiśniewski",
                                                            "Małgorzata Dąbrowska"]),
    "iso8859_2_kmail.vcf": ("iso-8859-2", "ISO-8859-2", ["Přemysl Dvořák", "Łucja Śliwińska"]),
    "cp1251_outlook.vcf": ("windows-1251", "Windows-1251", ["Иван Петров", "Ольга Смирнова"]),
    "cp1252_outlook.vcf": ("windows-1252", "Windows-1252", ["Jürgen Müller", "Hélène Dupré"]),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_legacy_file_is_read_in_its_code_page(name: str) -> None:
    codec, label, names = EXPECTED[name]
    result = read_file(FIXTURES / name)
    assert [r.display_name() for r in result.records] == names
    assert result.encoding_fallback == codec
    (problem,) = result.problems
    assert label in problem.message
    assert problem.file == name


def test_mac_roman_is_named_in_the_problem_line() -> None:
    result = read_file(FIXTURES / "macroman_palm.vcf")
    assert "read as Mac Roman" in result.problems[0].message
    francois = result.records[0]
    assert (francois.note, francois.positions[0].organization) == ("Rencontré à Genève",
                                                                   "Café Müller")


def test_every_card_of_a_file_gets_the_same_encoding() -> None:
    # the first card alone ("张伟") reads as plausibly as half-width katakana in Shift_JIS; the
    # rest of the file shows it is GBK, so every card is read as GBK
    first, *rest = read_file(FIXTURES / "gbk_phone.vcf").records
    assert first.display_name() == "张伟"
    assert first.positions[0].organization == "北京华为技术有限公司"
    assert rest[0].note == "大学同学，住在上海"


def test_another_encoding_can_be_chosen_by_its_picker_name(tmp_path: Path) -> None:
    path = FIXTURES / "shiftjis_phone.vcf"
    chosen = read_file(path, encoding="shift_jis")
    assert chosen.encoding_fallback is None and not chosen.problems
    assert chosen.records[0].display_name() == "山田太郎"
    wrong = read_file(path, encoding="windows-1252")
    assert wrong.encoding_fallback is None and not wrong.problems
    assert wrong.records[0].display_name() != "山田太郎"


def test_every_picker_name_is_a_codec_netdesk_can_decode_with() -> None:
    names = {name for name, _label in ENCODINGS}
    for name in names:
        # what a reader reports as its guess is again a name the picker offers
        assert codecs.lookup(decoding_codec(name))
        assert public_name(decoding_codec(name)) in names


def test_cr_only_line_ends_read_like_any_other() -> None:
    data = (FIXTURES / "macroman_palm.vcf").read_bytes()
    assert b"\n" not in data  # the classic Mac line end only
    crlf = data.replace(b"\r", b"\r\n")
    assert ([r.display_name() for r in read_bytes(data, "a.vcf").records]
            == [r.display_name() for r in read_bytes(crlf, "b.vcf").records])
    rows = ("First Name,Last Name,E-mail Address,Company\r"
            "Zoë,Müller,z@example.com,Café\rAnn,Lee,a@example.com,\r").encode("mac_roman")
    result = read_bytes(rows, "mac.csv")
    assert [r.display_name() for r in result.records] == ["Zoë Müller", "Ann Lee"]
    assert result.encoding_fallback == "mac_roman"


def test_unicode_files_need_no_guess() -> None:
    text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Müller\r\nEND:VCARD\r\n"
    for data in (text.encode("utf-8"), text.encode("utf-8-sig"), text.encode("utf-16")):
        result = read_bytes(data, "u.vcf")
        assert result.records[0].display_name() == "Zoë Müller"
        assert result.encoding_fallback is None and not result.problems


def test_only_the_lines_that_are_not_utf8_are_guessed() -> None:
    data = ("BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Zoë Müller\r\nEND:VCARD\r\n".encode()
            + "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Jürgen Weiß\r\nEND:VCARD\r\n".encode("cp1252"))
    result = read_bytes(data, "mixed.vcf")
    assert [r.display_name() for r in result.records] == ["Zoë Müller", "Jürgen Weiß"]
    assert result.encoding_fallback == "windows-1252"


def test_quoted_printable_values_are_sampled_decoded() -> None:
    # vCard 2.1 from Nokia PC Suite: legacy bytes hidden in quoted-printable, split by soft breaks
    value = "Иван Петров".encode("cp1251")
    qp = "".join(f"={b:02X}" for b in value)
    line = f"FN;ENCODING=QUOTED-PRINTABLE:{qp[:30]}=\r\n{qp[30:]}\r\n"
    data = ("BEGIN:VCARD\r\nVERSION:2.1\r\n" + line + "END:VCARD\r\n").encode()
    assert legacy_sample([data], vcard=True) == value
    assert read_bytes(data, "qp.vcf").records[0].display_name() == "Иван Петров"


def test_apostrophes_and_quotes_count_for_windows_1252() -> None:
    sample = "Reid’s place, “the blue door”".encode("cp1252")
    assert guess_legacy_codec(sample) == "cp1252"


def test_a_line_split_across_read_chunks_is_sampled_whole() -> None:
    line = "Zoë Müller,zoe@example.com".encode("cp1252")
    chunks = [b"Name,Email\n" + line[:8], line[8:] + b"\nAnn Lee,ann@example.com\n"]  # ASCII
    assert legacy_sample(chunks) == line
    assert legacy_sample([b"ascii only\n", "UTF-8 Zoë\n".encode()]) == b""
