"""The vCard reader against every file of the shared corpus (238 files from 13 projects)."""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path

import pytest
from PIL import Image

from netdesk.io.photos import validate_photo
from netdesk.io.records import ContactRecord, ReadResult
from netdesk.io.vcard_reader import read_vcards
from netdesk.values import Birthday, PointKind
from tests.helpers.corpus import EXPECTED, VCARDS

pytestmark = pytest.mark.corpus  # every test here reads the real-world vCards

_cache: dict[str, ReadResult] = {}


def read(name: str) -> ReadResult:
    if name not in _cache:
        _cache[name] = read_vcards((VCARDS / name).read_bytes())
    return _cache[name]


def records(name: str) -> list[ContactRecord]:
    return read(name).records


def test_corpus_is_complete(vcards_dir: Path) -> None:
    assert len(EXPECTED) == 238
    assert sum(entry["cards"] for entry in EXPECTED.values()) == 1287


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_file_reads_with_expected_card_count(name: str) -> None:
    result = read(name)
    assert result.cards == EXPECTED[name]["cards"]
    assert result.format == "vcard"
    assert all(p.message and p.message.strip().endswith(".") for p in result.problems)


def _has_identity(record: ContactRecord) -> bool:
    named = any(
        x.strip()
        for x in (record.formatted_name, record.given, record.family, record.additional,
                  record.prefix, record.suffix, record.nickname)
    )
    reachable = any(p.kind in (PointKind.EMAIL, PointKind.PHONE) and p.value.strip()
                    for p in record.points)
    return named or reachable or any(p.organization.strip() for p in record.positions)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_card_is_invalid_only_without_name_email_phone_or_org(name: str) -> None:
    for record in records(name):
        assert record.is_valid() == _has_identity(record), (name, record.card)


def test_every_card_counted_is_a_record_or_a_group_unless_fatal() -> None:
    for name in EXPECTED:
        result = read(name)
        fatal_cards = {p.card for p in result.problems if p.fatal and p.card}
        found = len(result.records) + len(result.groups) + len(fatal_cards)
        assert found == result.cards, name


def _display_names(name: str) -> list[str]:
    return [r.display_name() for r in records(name)]


def _addresses(name: str) -> list[str]:
    return [p.value for r in records(name) for p in r.points if p.kind is PointKind.ADDRESS]


def test_shift_jis_name() -> None:
    (record,) = records("aosp-vcard/v21_japanese_1.vcf")
    assert record.family == "安藤ロイド"
    assert record.display_name() == "安藤ロイド"


def test_windows_1252_street_in_ansi_outlook_export() -> None:
    for name in ("folkerkinzel-vcards/AnsiIssue.vcf", "folkerkinzel-vcards/AnsiIssueNoEncoding.vcf",
                 "folkerkinzel-vcards/AnsiIssueInvalidEncoding.vcf"):
        assert _addresses(name)[0].startswith("Lämmerweg 12"), name
        assert read(name).encoding_fallback == "windows-1252"
    assert "LABEL;HOME;PREF:Lämmerweg 12\\n98765 Kleindorf" in records(
        "folkerkinzel-vcards/AnsiIssue.vcf")[0].extra


def test_windows_1253_greek_name() -> None:
    (record,) = records("folkerkinzel-vcards/AnsiFilterExamples__Greek.vcf")
    assert record.formatted_name == "Βαγγέλης"
    assert record.family == "Παπαθανασίου"
    assert read("folkerkinzel-vcards/AnsiFilterExamples__Greek.vcf").encoding_fallback == (
        "windows-1253"
    )


def test_windows_1251_ukrainian_city() -> None:
    name = "folkerkinzel-vcards/TestFiles__Ukrainian.vcf"
    assert _addresses(name) == ["Київ"]
    assert records(name)[0].family == "Кличко"


def test_undeclared_hebrew_code_page_is_guessed() -> None:
    (record,) = records("folkerkinzel-vcards/AnsiFilterExamples__Hebrew.vcf")
    assert record.formatted_name == "אפרים קישון"
    assert read("folkerkinzel-vcards/AnsiFilterExamples__Hebrew.vcf").problems


def test_utf8_files_need_no_fallback() -> None:
    for name in ("folkerkinzel-vcards/Utf-8__Greek.vcf", "khard/korean-c.vcf"):
        assert read(name).encoding_fallback is None
        assert not read(name).problems


def test_korean_names() -> None:
    assert _display_names("khard/korean-c.vcf") == ["최유림"]
    assert _display_names("khard/korean-j.vcf") == ["전도훈"]


def test_gmail_full_formatted_name_and_note_keep_commas() -> None:
    (record,) = records("ez-vcard/John_Doe_GMAIL.vcf")
    assert record.formatted_name == "Mr. John Richter, James Doe Sr."
    assert record.additional == "Richter, James"
    assert record.note.startswith('THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND '
                                  'CONTRIBUTORS "AS IS" AND ANY EXPRESS OR IMPLIED WARRANTIES, '
                                  "INCLUDING, BUT NOT LIMITED TO, THE IMPLIED")
    assert record.note.endswith("POSSIBILITY OF SUCH DAMAGE.\nFavotire Color: Blue")
    assert record.anniversary == Birthday(3, 1, 1975)
    assert [(r.name, r.kind) for r in record.related] == [("Jenny", "spouse")]


def test_org_and_title_with_commas() -> None:
    (record,) = records("icaljs/vcard3.vcf")
    assert record.formatted_name == "Mr. John Q. Public, Esq."
    position = record.positions[0]
    assert position.organization == "ABC, Inc."
    assert position.department == "North American Division, Marketing"
    assert position.title == "Director, Research and Development"
    assert record.note == "This fax number is operational 0800 to 1715 EST, Mon-Fri."


def _unfolded_utf8_lines(path: Path) -> list[str]:
    text = path.read_bytes().decode("utf-8", "replace")
    return re.sub(r"\r?\n[ \t]", "", text.replace("\r\r\n", "\n")).splitlines()


_TEXT_LINE = re.compile(r"^(?:[\w-]+\.)?(FN|NOTE|ORG|X-[\w-]+)((?:;[^:]*)?):(.*)$", re.I)


def _plain(value: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m[1] in "nN" else m[1], value)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_no_text_value_cut_at_a_comma(name: str) -> None:
    """Every FN, NOTE, ORG or X- value holding a bare comma survives whole somewhere."""
    result = read(name)
    haystack = []
    for record in result.records:
        haystack += [record.formatted_name, record.note, *record.extra, *record.nickname.split()]
        haystack += [f"{p.organization};{p.department}" for p in record.positions]
        haystack += [p.value for p in record.points] + [r.name for r in record.related]
    for line in _unfolded_utf8_lines(VCARDS / name):
        match = _TEXT_LINE.match(line)
        if not match or "QUOTED-PRINTABLE" in match[2].upper() or "," not in match[3]:
            continue
        if "\ufffd" in line or not line.isprintable():
            continue
        value = match[3]
        if match[1].upper() == "ORG":  # structured: the organization is the first component
            value = re.split(r"(?<!\\);", value)[0]
        if "," not in value:
            continue
        tail = _plain(value).rsplit(",", 1)[1].strip()
        raw_tail = value.rsplit(",", 1)[1].strip()  # extra lines keep their escapes
        if tail:
            assert any(tail in text or raw_tail in text for text in haystack), (name, line)


def test_comma_values_exist_in_corpus() -> None:
    """The comma check above is not vacuous: the iPhone/GMAIL style FN with a comma is there."""
    lines = [line for n in EXPECTED for line in _unfolded_utf8_lines(VCARDS / n)
             if line.startswith("FN:") and "," in line]
    assert "FN:Mr. John Richter, James Doe Sr." in lines


# --- photos -------------------------------------------------------------------------------------

_PHOTO = re.compile(
    r"^(?:[\w-]+\.)?(PHOTO|X-MS-CARDPICTURE)((?:;[^:]*)?):(.*)$", re.I
)


def _inline_photos(path: Path) -> list[bytes]:
    """Independent extraction of inline photo bytes (base64 or data: URI)."""
    lines = path.read_bytes().decode("latin-1").replace("\r\r\n", "\n").replace("\r\n", "\n")
    text = re.sub(r"\n[ \t]", "", lines)
    out = []
    physical = text.split("\n")
    for index, line in enumerate(physical):
        match = _PHOTO.match(line)
        if not match:
            continue
        params, value = match[2].upper(), match[3].replace("\\,", ",")
        if value.lower().startswith("data:") and ";base64," in value.lower():
            payload = value.split(",", 1)[1]
        elif "ENCODING=B" in params or "BASE64" in params:
            payload = value
            for follow in physical[index + 1:]:  # 2.1: unindented base64 lines
                if not re.fullmatch(r"[A-Za-z0-9+/=]+", follow.strip()):
                    break
                payload += follow.strip()
        else:
            continue
        payload = re.sub(r"[^A-Za-z0-9+/]", "", payload)
        try:
            data = base64.b64decode(payload + "=" * (-len(payload) % 4))
            Image.open(io.BytesIO(data)).size  # noqa: B018 - raises when not an image
        except Exception:  # not a real image: the reader may drop it
            continue
        out.append(data)
    return out


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_real_embedded_photo_is_kept(name: str) -> None:
    found = _inline_photos(VCARDS / name)
    kept = [r.photo for r in records(name) if r.photo]
    extra = "\n".join(line for r in records(name) for line in r.extra)
    for data in found:
        encoded = base64.b64encode(data).decode("ascii")[:200]
        assert data in kept or encoded[:60] in extra.replace("\n", ""), name
    for photo in kept:
        validate_photo(photo)


def test_photo_count_in_corpus() -> None:
    kept = sum(1 for n in EXPECTED for r in records(n) if r.photo)
    assert kept >= 25


def test_fake_photos_are_dropped_with_a_problem_but_the_card_stays() -> None:
    result = read("icaljs/vcard3.vcf")
    assert result.records[0].photo is None
    assert any("photo" in p.message.lower() for p in result.problems)
    assert result.records[0].is_valid()


def test_data_uri_photo_with_escaped_comma() -> None:
    (record,) = records("folkerkinzel-vcards/NextCloudPhotoIssue3.txt")
    assert record.photo is not None and record.photo.startswith(b"\x89PNG")


def test_photo_urls_are_kept_not_fetched() -> None:
    (record,) = records("calcard/006.vcf")
    assert record.photo is None
    assert any(line.startswith("PHOTO;VALUE=URL") for line in record.extra)


# --- birthdays, labels, escapes -------------------------------------------------------------------


def test_birthdays_without_year_stay_without_year() -> None:
    assert records("ez-vcard/rfc6350-example.vcf")[0].birthday == Birthday(2, 3)
    assert records("vcard4android/vcard4.vcf")[0].birthday == Birthday(4, 16)
    # Apple writes year 1604 for "no year"
    assert records("radicale/contact4-with-bday-no-year.vcf")[0].birthday == Birthday(1, 1)


def test_birthday_forms() -> None:
    assert records("aosp-vcard/v21_adr_multiple_line.vcf")[0].birthday == Birthday(12, 3, 2008)
    assert records("ez-vcard/John_Doe_GMAIL.vcf")[0].birthday == Birthday(3, 22, 1980)
    assert records("icaljs/vcard3.vcf")[0].birthday == Birthday(4, 15, 1996)
    text_bday = read("khard/text-bday.vcf")
    assert text_bday.records[0].birthday is None
    assert "BDAY;VALUE=text:circa 1800" in text_bday.records[0].extra
    assert any("birthday" in p.message for p in text_bday.problems)


def test_grouped_apple_labels() -> None:
    (record,) = records("ez-vcard/John_Doe_IPHONE.vcf")
    urls = [(p.value, p.label) for p in record.points if p.kind is PointKind.URL]
    assert urls == [("http://www.ibm.com", "homepage")]  # `http\://` unescaped too
    phones = {p.value: p.label for p in record.points if p.kind is PointKind.PHONE}
    assert phones["905-222-1234"] == "assistantphone"
    assert phones["905-555-1234"] == "mobile"
    assert "item4.X-ABADR:Street 4, Building 6,\\n Floor 8\\nNew York\\nUSA" in record.extra


def test_custom_grouped_label_is_kept_as_written() -> None:
    (record,) = records("ez-vcard/gmail-single2.vcf")
    emails = {p.value: p.label for p in record.points if p.kind is PointKind.EMAIL}
    assert emails["customcategory@example.com"] == "CustomEmailCategory"
    assert record.anniversary == Birthday(3, 20, 1930)


def test_types_and_preferred() -> None:
    phones = [(p.value, p.label, p.preferred)
              for p in records("aosp-vcard/v21_pref_handling.vcf")[0].points
              if p.kind is PointKind.PHONE]
    assert phones == [("1", "home", False), ("2", "work", True), ("3", "isdn", False)]
    (rfc,) = records("ez-vcard/rfc6350-example.vcf")
    tel = [p for p in rfc.points if p.kind is PointKind.PHONE]
    assert (tel[0].value, tel[0].label, tel[0].preferred) == ("+1-418-656-9254;ext=102",
                                                               "work", True)
    assert tel[1].label == "work mobile video"


def test_im_and_social_points() -> None:
    ims = {(p.label, p.value) for p in records("ez-vcard/fullcontact.vcf")[0].points
           if p.kind is PointKind.IM}
    assert ("skype", "skype") in ims and ("jabber", "jabber") in ims
    legacy = records("kcontacts/vcard_legacy_messaging_fields.vcf")[0].points
    assert [(p.kind, p.label, p.value) for p in legacy][:2] == [
        (PointKind.SOCIAL, "twitter", "kdecommunity"), (PointKind.IM, "irc", "konqui")]
    gmail = records("ez-vcard/gmail-single2.vcf")[0].points
    assert ("google talk", "IM2") in {(p.label, p.value) for p in gmail}


def test_categories_become_label_tags() -> None:
    (record,) = records("khard/category.vcf")
    assert [name for _, name in record.tags] == ["bar"]


def test_unmodelled_properties_kept_in_extra() -> None:
    (record,) = records("aosp-vcard/v21_android_custom_prop.vcf")
    assert record.extra[0] == "X-ANDROID-CUSTOM:custom_mime1;1;2;3;4;5;6;7;8;9;10;11;12;13;14;15"
    assert not any(line.startswith(("VERSION", "PRODID", "REV")) for n in EXPECTED
                   for r in records(n) for line in r.extra)


def test_nested_agent_card_not_counted_and_skipped() -> None:
    result = read("aosp-vcard/v21_nest.vcf")
    assert result.cards == 1
    assert result.records[0].family == "parent"
    assert [p.value for p in result.records[0].points] == ["1"]


def test_truncated_card_still_counts() -> None:
    result = read("khard/unparsable.vcf")
    assert result.cards == 1
    assert result.records[0].formatted_name == "second contact with minimal Vcard"
    assert any("END:VCARD" in p.message for p in result.problems)


def test_utf16_file() -> None:
    names = _display_names("folkerkinzel-vcards/v3Utf16Bom.vcf")
    assert names == ["Folker Kinzel", "KMS Außenstelle"]


def test_cr_cr_lf_line_ends_and_qp_soft_breaks() -> None:
    (iphone,) = records("ez-vcard/John_Doe_IPHONE.vcf")
    assert iphone.photo is not None
    (comment,) = records("aosp-vcard/v21_invalid_comment_line.vcf")
    assert comment.note == (
        "This is an (sharp ->#<- sharp) example. This message must NOT be ignored."
    )


def test_21_address_continued_with_backslash() -> None:
    addresses = _addresses("aosp-vcard/v21_adr_multiple_line.vcf")
    assert addresses[1] == (
        "Hermann v. Brevern, 9999999, Packstation 999, Hamburg, 99999, Deutschland"
    )


def test_large_file() -> None:
    result = read("folkerkinzel-vcards/LargeFile.vcf")
    assert result.cards == len(result.records) == 1000
    assert all(r.is_valid() for r in result.records)
