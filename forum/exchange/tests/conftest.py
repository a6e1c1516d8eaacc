"""Fixtures of the exchange tests: entries owned by Lörrach, the organisation "other" roles belong to, fresh media."""

from __future__ import annotations

from typing import Any

import pytest

from forum.organisations.models import Organisation
from forum.topics.models import Topic

from . import factories


@pytest.fixture
def other(loerrach: Organisation) -> Organisation:
    """The municipality that the root conftest's ``*_other`` roles belong to when "own" is Lörrach."""
    return Organisation.objects.municipalities().exclude(pk=loerrach.pk).order_by("ags").first()


@pytest.fixture
def topics(db: Any) -> dict[str, Topic]:
    return {topic.slug: topic for topic in Topic.objects.filter(parent__isnull=False)}


@pytest.fixture
def entry_factory(loerrach: Organisation) -> Any:
    """entry_factory(**fields): an entry of Lörrach unless ``organisation`` is given."""

    class LoerrachEntryFactory(factories.EntryFactory):
        organisation = loerrach

    return LoerrachEntryFactory


@pytest.fixture
def interest_factory(db: Any) -> type[factories.InterestFactory]:
    return factories.InterestFactory


@pytest.fixture
def comment_factory(db: Any) -> type[factories.CommentFactory]:
    return factories.CommentFactory
