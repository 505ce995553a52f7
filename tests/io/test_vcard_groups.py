"""Group cards are read as groups (a name and member references), never as people."""

from __future__ import annotations

from pathlib import Path

from netdesk.io import reading
from netdesk.io.records import uid_key
from netdesk.io.vcard_reader import read_vcards

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "vcards"


def test_a_vcard4_group_is_a_group_with_its_members() -> None:
    # RFC 6350 KIND:group with MEMBER:urn:uuid:... (Nextcloud, Fastmail, Thunderbird write these)
    result = read_vcards((FIXTURES / "groups_vcard4.vcf").read_bytes())
    assert [r.display_name() for r in result.records] == ["Amara Okafor", "Tomasz Wróbel"]
    (group,) = result.groups
    assert (group.name, group.card, result.cards) == ("Staff", 3, 3)
    amara, tomasz = result.records
    assert [uid_key(m) for m in group.members[:2]] == [uid_key(amara.uid), uid_key(tomasz.uid)]
    assert not result.problems


def test_an_apple_group_is_a_group_with_its_members() -> None:
    # iCloud and macOS Contacts (CardDAV) write X-ADDRESSBOOKSERVER-KIND:group; their person
    # cards carry a bare UID while the group refers to it as urn:uuid:UID
    result = reading.read_file(FIXTURES / "groups_apple_icloud.vcf")
    assert [r.display_name() for r in result.records] == ["Leila Haddad", "Kwame Ng"]
    (group,) = result.groups
    assert group.name == "Book club"
    assert [uid_key(m) for m in group.members] == [uid_key(r.uid) for r in result.records]


def test_the_shared_corpus_groups_are_not_people(vcards_dir: Path) -> None:
    result = read_vcards((vcards_dir / "py-vobject" / "vcard40_group.vcf").read_bytes())
    assert result.records == []
    assert [g.name for g in result.groups] == ["The Doe Family"]
    assert result.groups[0].members[-1] == "mailto:kid@example.com"


def test_uid_keys_ignore_the_urn_prefix_and_case() -> None:
    assert uid_key("urn:uuid:ABC-1") == uid_key(" abc-1 ") == "abc-1"
    assert uid_key("mailto:Kid@Example.com") == "mailto:kid@example.com"
