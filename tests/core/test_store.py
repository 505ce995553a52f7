"""What a write announces: the topics it names are known ones, and a misspelt one is refused."""

from __future__ import annotations

import pytest

from netdesk.core import people
from netdesk.core import store as core_store
from netdesk.values import Topic
from tests.helpers.people import person


def test_a_write_announces_its_topics_and_people(store):
    heard: list[core_store.ChangeSet] = []
    core_store.subscribe(heard.append)
    try:
        with core_store.write():
            ana = person("Ana Souza")
            core_store.changed(Topic.FAVOURS, ana)
    finally:
        core_store.unsubscribe(heard.append)
    assert len(heard) == 1 and heard[0].people == {ana}
    assert {Topic.PEOPLE, Topic.FAVOURS} <= heard[0].topics
    assert {"people", "favours"} <= heard[0].topics  # topics still compare as their words


def test_a_misspelt_topic_is_refused_and_the_write_rolled_back(store):
    with pytest.raises(ValueError, match="peeple"), core_store.write():
        ana = person("Ana Souza")
        core_store.changed("peeple", ana)  # type: ignore[arg-type]
    assert people.count() == 0
