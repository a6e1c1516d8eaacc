"""Fixtures of the topics tests: topics of the real vocabulary, and catalogue entries that point at them."""

from collections.abc import Callable
from typing import Any

import pytest

from forum.core.models import Visibility
from forum.topics.models import Topic


@pytest.fixture
def field(db: Any) -> Topic:
    """A field (Themenfeld) of the loaded vocabulary, with sub-topics."""
    return Topic.objects.get(slug="onlinedienste-buergerservice")


@pytest.fixture
def topic(db: Any) -> Topic:
    """A sub-topic of ``field``."""
    return Topic.objects.get(slug="verwaltungsportale")


@pytest.fixture
def other_topic(db: Any) -> Topic:
    """Another sub-topic of ``field``: the usual merge target."""
    return Topic.objects.get(slug="online-dienste-efa")


@pytest.fixture
def retired_topic(db: Any) -> Topic:
    retired = Topic.objects.get(slug="basiskomponenten-postfach")
    retired.retire()
    return retired


@pytest.fixture
def make_entry(loerrach: Any) -> Callable[..., Any]:
    """make_entry(*topics, title=…, organisation=…, visibility=…, is_draft=…): a challenge of the catalogue."""
    from forum.exchange.models import Entry

    counter = iter(range(1, 100_000))

    def make(*topics: Topic, organisation: Any = None, **fields: Any) -> Any:
        number = next(counter)
        entry = Entry.objects.create(
            kind=fields.pop("kind", Entry.Kind.CHALLENGE),
            organisation=organisation or loerrach,
            title=fields.pop("title", f"Eintrag {number:05d}"),
            description=fields.pop("description", "Beschreibung."),
            visibility=fields.pop("visibility", Visibility.PUBLIC),
            **fields,
        )
        entry.topics.add(*topics)
        return entry

    return make
