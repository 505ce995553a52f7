"""Splitting a full name typed as one string into the parts vCard's N has."""

from __future__ import annotations

import pytest

from netdesk.io.csv_readers import read_csv
from netdesk.io.names import NameParts, is_credential, split_credentials, split_full_name


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("Amara Okafor", NameParts("", "Amara", "", "Okafor", "")),
        ("  Amara   Ngozi  Okafor ", NameParts("", "Amara", "Ngozi", "Okafor", "")),
        ("Dr. Amara Okafor", NameParts("Dr.", "Amara", "", "Okafor", "")),
        ("Amara Okafor, MSc, MBA, PHR", NameParts("", "Amara", "", "Okafor", "MSc, MBA, PHR")),
        ("Martin Luther King Jr.", NameParts("", "Martin", "Luther", "King", "Jr.")),
        ("Okafor, Amara", NameParts("", "Amara", "", "Okafor", "")),
        ("Jean de la Fontaine", NameParts("", "Jean", "", "de la Fontaine", "")),
        ("Ludwig van Beethoven", NameParts("", "Ludwig", "", "van Beethoven", "")),
        ("Cher", NameParts("", "Cher", "", "", "")),
        ("安藤ロイド", NameParts("", "安藤ロイド", "", "", "")),
        ("", NameParts()),
    ],
)
def test_split_full_name(text: str, parts: NameParts) -> None:
    assert split_full_name(text) == parts


def test_credentials_are_told_from_names() -> None:
    assert all(map(is_credential, ["MBA", "PhD", "Ph.D.", "MSc", "SHRM-CP", "III", "Jr."]))
    assert not any(map(is_credential, ["Amara", "Okafor", "van", "", "Two Words"]))
    assert split_credentials("Okafor, MSc, MBA, PHR") == ("Okafor", "MSc, MBA, PHR")
    assert split_credentials("Quenneville & Daughters, Amara") == (
        "Quenneville & Daughters, Amara", ""
    )


def test_linkedin_credentials_stay_out_of_the_family_name() -> None:
    # LinkedIn's Connections.csv holds whatever people typed as their last name
    data = (
        b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
        b"Amara,\"Okafor, MSc, MBA, PHR\",,,Acme,Engineer,14 Mar 2024\r\n"
        b"Tobias,\"Redcloud, PhD\",,,,,14 Mar 2024\r\n"
    )
    amara, tobias = read_csv(data).records
    assert (amara.given, amara.family, amara.suffix) == ("Amara", "Okafor", "MSc, MBA, PHR")
    assert amara.display_name() == "Amara Okafor MSc, MBA, PHR"
    assert (tobias.family, tobias.suffix) == ("Redcloud", "PhD")
