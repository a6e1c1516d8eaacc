"""Every URL of the topics app × every role → status, for GET and POST; a POST changes data exactly when it succeeds."""

from typing import Any

import pytest
from django.urls import reverse

from forum.organisations.tests.helpers import LOGIN, ROLES, SAVED, log_in_as, only, outcome
from forum.topics import urls
from forum.topics.models import Topic

pytestmark = pytest.mark.django_db

EVERYONE = dict.fromkeys(ROLES, 200)
NOT_ALLOWED = dict.fromkeys(ROLES, 405)
POST_ONLY = {role: LOGIN if role == "anonymous" else 405 for role in ROLES}  # log-in first, then 405 for GET
COORDINATION = {"coordination"}

GET: dict[str, dict[str, int | str]] = {
    "topic_list": EVERYONE,
    "topic_create": only(COORDINATION, then=200),
    "topic_detail": EVERYONE,
    "topic_edit": only(COORDINATION, then=200),
    "topic_merge": only(COORDINATION, then=200),
    "topic_retire": POST_ONLY,
    "topic_reactivate": POST_ONLY,
}
POST: dict[str, dict[str, int | str]] = {
    "topic_list": NOT_ALLOWED,
    "topic_create": only(COORDINATION, then=SAVED),
    "topic_detail": NOT_ALLOWED,
    "topic_edit": only(COORDINATION, then=SAVED),
    "topic_merge": only(COORDINATION, then=SAVED),
    "topic_retire": only(COORDINATION, then=SAVED),
    "topic_reactivate": only(COORDINATION, then=SAVED),  # of a retired topic
}


def test_the_tables_cover_every_url_name():
    names = {pattern.name for pattern in urls.urlpatterns}
    assert set(GET) == names
    assert set(POST) == names


def _subject(view: str, topic: Topic, retired_topic: Topic) -> Topic:
    return retired_topic if view == "topic_reactivate" else topic


def _url(view: str, subject: Topic) -> str:
    if view in ("topic_list", "topic_create"):
        return reverse(f"topics:{view}")
    return reverse(f"topics:{view}", args=[subject.slug])


def _data(view: str, field: Topic, other_topic: Topic) -> dict[str, Any]:
    data = {
        "topic_create": {
            "name": "Quantenrechnen in der Verwaltung",
            "parent": field.pk,
            "description": "",
            "source": "",
        },
        "topic_edit": {"name": "Portale", "parent": field.pk, "description": "Neu.", "source": ""},
        "topic_merge": {"target": other_topic.pk},
    }
    return data.get(view, {"x": "1"})  # a non-empty body, as every browser form sends its CSRF token


def _effect(view: str, subject: Topic, other_topic: Topic) -> bool:
    """Whether the POST to ``view`` changed the database."""
    if view == "topic_create":
        return Topic.objects.filter(name="Quantenrechnen in der Verwaltung").exists()
    if view == "topic_list" or view == "topic_detail":
        return False
    subject = Topic.objects.get(pk=subject.pk)
    return {
        "topic_edit": subject.name == "Portale",
        "topic_merge": subject.merged_into_id == other_topic.pk,
        "topic_retire": subject.retired,
        "topic_reactivate": not subject.retired,
    }[view]


@pytest.mark.parametrize(("view", "role"), [(view, role) for view in GET for role in ROLES])
def test_it_answers_get_by_role(view, role, client, user_in_role, loerrach, topic, retired_topic):
    log_in_as(client, user_in_role, role, loerrach)
    assert outcome(client.get(_url(view, _subject(view, topic, retired_topic)))) == GET[view][role]


@pytest.mark.parametrize(("view", "role"), [(view, role) for view in POST for role in ROLES])
def test_it_answers_post_by_role(view, role, client, user_in_role, loerrach, field, topic, other_topic, retired_topic):
    log_in_as(client, user_in_role, role, loerrach)
    subject = _subject(view, topic, retired_topic)
    result = outcome(client.post(_url(view, subject), _data(view, field, other_topic)))
    assert result == POST[view][role]
    assert _effect(view, subject, other_topic) is (result == SAVED)


@pytest.mark.parametrize("role", ROLES)
def test_an_unknown_topic_is_not_found(role, client, user_in_role, loerrach):
    log_in_as(client, user_in_role, role, loerrach)
    assert client.get(reverse("topics:topic_detail", args=["gibt-es-nicht"])).status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_a_merged_topic_forwards_everyone_permanently(role, client, user_in_role, loerrach, topic, other_topic):
    topic.merge_into(other_topic)
    log_in_as(client, user_in_role, role, loerrach)
    response = client.get(topic.get_absolute_url())
    assert response.status_code == 301
    assert response.url == other_topic.get_absolute_url()


# Maintenance of a topic that is not in the state the action needs: 403, nothing changes.
@pytest.mark.parametrize(
    ("view", "state"),
    [
        ("topic_retire", "retired"),
        ("topic_reactivate", "active"),
        ("topic_edit", "merged"),
        ("topic_merge", "merged"),
        ("topic_retire", "merged"),
        ("topic_reactivate", "merged"),
    ],
)
def test_the_coordination_may_not_act_on_a_topic_in_the_wrong_state(
    view, state, client, user_in_role, loerrach, field, topic, other_topic
):
    if state == "retired":
        topic.retire()
    elif state == "merged":
        topic.merge_into(other_topic)
    before = list(Topic.objects.values_list("pk", "name", "parent", "retired", "merged_into").order_by("pk"))
    log_in_as(client, user_in_role, "coordination", loerrach)
    assert client.post(_url(view, topic), _data(view, field, other_topic)).status_code == 403
    assert list(Topic.objects.values_list("pk", "name", "parent", "retired", "merged_into").order_by("pk")) == before
