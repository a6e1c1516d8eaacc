"""Topic's own rules: merge moves what points at it, retire and reactivate, resolve, the public vocabulary."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from forum.topics.models import Topic

pytestmark = pytest.mark.django_db


def test_merge_moves_every_entry_and_marks_the_topic(topic, other_topic, make_entry):
    entries = [make_entry(topic), make_entry(topic), make_entry(topic, other_topic)]

    moved = topic.merge_into(other_topic)

    assert moved == 3
    topic.refresh_from_db()
    assert topic.merged_into == other_topic
    assert not topic.is_active
    assert topic not in Topic.objects.active()
    for entry in entries:
        assert list(entry.topics.all()) == [other_topic]  # one link, not two, for the entry that had both
    assert topic.resolve() == other_topic


@pytest.mark.parametrize("target", ["itself", "retired", "merged"])
def test_merge_refuses_a_target_that_is_not_another_active_topic(target, topic, other_topic, retired_topic, make_entry):
    entry = make_entry(topic)
    if target == "merged":
        other_topic.merge_into(Topic.objects.get(slug="kuenstliche-intelligenz"))
    chosen = {"itself": topic, "retired": retired_topic, "merged": other_topic}[target]

    with pytest.raises(ValidationError):
        topic.merge_into(chosen)

    topic.refresh_from_db()
    assert topic.merged_into is None
    assert list(entry.topics.all()) == [topic]


def test_retire_and_reactivate(topic):
    topic.retire()
    assert topic not in Topic.objects.active()
    assert Topic.objects.get(pk=topic.pk).retired
    topic.reactivate()
    assert topic in Topic.objects.active()


def test_every_topic_is_visible_to_everyone(topic, other_topic, retired_topic):
    topic.merge_into(other_topic)
    anonymous = AnonymousUser()
    assert Topic.objects.visible_to(anonymous).count() == Topic.objects.count()
    assert all(t.is_visible_to(anonymous) for t in (topic, other_topic, retired_topic))
