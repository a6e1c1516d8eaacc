"""An entry's copy of its topic names (history, search) follows a rename or merge of the topic."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from forum.exchange.search import search_entries
from forum.topics.models import Topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_topics(db):
    field = Topic.objects.filter(parent__isnull=True).first()
    first = Topic.objects.create(slug="testthema-eins", name="Testthema Eins", parent=field)
    second = Topic.objects.create(slug="testthema-zwei", name="Testthema Zwei", parent=field)
    return first, second


def test_a_renamed_topic_renames_the_entries_copy_and_search_finds_the_new_name(
    entry_factory, two_topics, django_capture_on_commit_callbacks
):
    first, _second = two_topics
    entry = entry_factory(title="Digitale Akte")
    entry.save_with_lists(topics=[first])
    versions = entry.history.count()

    first.name = "Zaunkönigverwaltung"
    with django_capture_on_commit_callbacks(execute=True):
        first.save()

    entry.refresh_from_db()
    assert entry.topic_names == "Zaunkönigverwaltung"
    assert entry.history.count() == versions + 1
    assert entry.history.first().history_change_reason == "Themen der Koordination geändert"
    result = search_entries("Zaunkönigverwaltung", user=AnonymousUser(), filters={})
    assert list(result.entries) == [entry]


def test_a_merge_rewrites_the_names_of_the_moved_entries(entry_factory, two_topics, django_capture_on_commit_callbacks):
    first, second = two_topics
    entry = entry_factory(title="Digitale Akte")
    entry.save_with_lists(topics=[first])
    versions = entry.history.count()

    with django_capture_on_commit_callbacks(execute=True):
        first.merge_into(second)

    entry.refresh_from_db()
    assert entry.topic_names == "Testthema Zwei"
    assert entry.history.count() == versions + 1  # the remove and the add make one record


def test_saving_a_topic_without_a_new_name_leaves_the_entries_alone(
    entry_factory, two_topics, django_capture_on_commit_callbacks
):
    first, _second = two_topics
    entry = entry_factory(title="Digitale Akte")
    entry.save_with_lists(topics=[first])
    versions = entry.history.count()

    first.description = "Neu beschrieben"
    with django_capture_on_commit_callbacks(execute=True):
        first.save()

    assert entry.history.count() == versions
