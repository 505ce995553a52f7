"""A person created from a typed full name gets its parts, as an imported card would."""

from __future__ import annotations

import io

from netdesk.core import exporting, people
from netdesk.db.models import Person


def test_a_typed_full_name_is_split_for_sorting_and_the_vcard_n(store) -> None:
    amara = people.create(people.PersonDraft("Amara Okafor"))
    zed = people.create(people.PersonDraft("Zed Abara"))
    detail = people.get(amara)
    assert (detail.given, detail.family, detail.display_name) == ("Amara", "Okafor", "Amara Okafor")
    order = [p.id for p in Person.select().order_by(Person.sort_name)]
    assert order == [zed, amara]  # Abara before Okafor: by family name
    out = io.StringIO()
    exporting.export(out, "vcard", [amara])
    assert "\r\nN:Okafor;Amara;;;\r\n" in out.getvalue()


def test_names_that_are_not_a_persons_name_stay_whole(store) -> None:
    draft = people.PersonDraft("Acme Ltd", positions=[people.PositionDraft("Acme Ltd")])
    for made in (draft, people.PersonDraft("someone@example.com")):
        detail = people.get(people.create(made))
        assert (detail.given, detail.family) == ("", "")
    explicit = people.get(people.create(people.PersonDraft("Amara", given="Amara", family="O")))
    assert (explicit.given, explicit.family) == ("Amara", "O")  # parts given are kept


def test_split_parts_follow_a_rename_and_typed_parts_stay(store) -> None:
    pid = people.create(people.PersonDraft("Amara Okafor"))
    draft = people.get(pid).as_draft()
    draft.display_name = "Amara Okafor-Bello"
    people.update(pid, draft)
    assert people.get(pid).family == "Okafor-Bello"
    typed = people.get(pid).as_draft()
    typed.given, typed.display_name = "Ama", "Ama O."
    people.update(pid, typed)
    assert (people.get(pid).given, people.get(pid).family) == ("Ama", "Okafor-Bello")
