"""The load_topics command: 80 topics from the reference data, idempotent, never overwriting the coordination's work."""

from io import StringIO

import pytest
from django.core.management import call_command

from forum.topics.models import Topic

pytestmark = pytest.mark.django_db


def _load() -> str:
    out = StringIO()
    call_command("load_topics", stdout=out)
    return out.getvalue()


def test_the_session_has_the_whole_vocabulary():
    assert Topic.objects.count() == 80
    assert Topic.objects.fields().count() == 14
    assert Topic.objects.active().count() == 80
    assert not Topic.objects.filter(parent__parent__isnull=False).exists()  # two levels only


def test_it_is_idempotent():
    before = list(Topic.objects.values_list("pk", "slug", "name", "parent", "modified").order_by("pk"))
    assert _load() == "0 Themen angelegt, 80 bereits vorhanden.\n"
    assert list(Topic.objects.values_list("pk", "slug", "name", "parent", "modified").order_by("pk")) == before


def test_it_does_not_overwrite_what_the_coordination_changed(topic, other_topic, retired_topic):
    topic.name = "Portale"
    topic.save()
    other_topic.merge_into(Topic.objects.get(slug="kuenstliche-intelligenz"))

    _load()

    assert Topic.objects.get(pk=topic.pk).name == "Portale"
    assert Topic.objects.get(pk=other_topic.pk).merged_into.slug == "kuenstliche-intelligenz"
    assert Topic.objects.get(pk=retired_topic.pk).retired
    assert Topic.objects.count() == 80


def test_it_adds_a_topic_that_is_missing(topic):
    removed = {"slug": topic.slug, "name": topic.name, "parent": topic.parent_id, "source": topic.source}
    topic.delete()

    assert _load() == "1 Themen angelegt, 79 bereits vorhanden.\n"

    again = Topic.objects.get(slug=removed["slug"])
    assert (again.name, again.parent_id, again.source) == (removed["name"], removed["parent"], removed["source"])


def test_it_is_quiet_with_verbosity_0():
    out = StringIO()
    call_command("load_topics", verbosity=0, stdout=out)
    assert out.getvalue() == ""
