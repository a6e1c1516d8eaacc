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


# The district strategy: everyone reads it, the coordination keeps it.
STRATEGY_GET: dict[str, dict[str, int | str]] = {
    "strategy_current": dict.fromkeys(ROLES, SAVED),  # a redirect to the current strategy
    "strategy_create": only(COORDINATION, then=200),
    "strategy_detail": EVERYONE,
    "strategy_edit": only(COORDINATION, then=200),
    "field_create": only(COORDINATION, then=200),
    "field_edit": only(COORDINATION, then=200),
    "field_delete": only(COORDINATION, then=200),  # the confirmation page
    "principle_create": only(COORDINATION, then=200),
    "principle_edit": only(COORDINATION, then=200),
    "principle_delete": only(COORDINATION, then=200),
}
STRATEGY_POST: dict[str, dict[str, int | str]] = {
    "strategy_current": NOT_ALLOWED,
    "strategy_create": only(COORDINATION, then=SAVED),
    "strategy_detail": NOT_ALLOWED,
    "strategy_edit": only(COORDINATION, then=SAVED),
    "field_create": only(COORDINATION, then=SAVED),
    "field_edit": only(COORDINATION, then=SAVED),
    "field_delete": only(COORDINATION, then=SAVED),
    "principle_create": only(COORDINATION, then=SAVED),
    "principle_edit": only(COORDINATION, then=SAVED),
    "principle_delete": only(COORDINATION, then=SAVED),
}


def test_the_tables_cover_every_url_name():
    names = {pattern.name for pattern in urls.urlpatterns}
    assert set(GET) | set(STRATEGY_GET) == names
    assert set(POST) | set(STRATEGY_POST) == names


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


# The strategy ---------------------------------------------------------------------------------------------


@pytest.fixture
def strategy_objects(db: Any) -> dict[str, Any]:
    """The loaded strategy, and a field of action with a guiding principle that nothing refers to."""
    from forum.topics.models import FieldOfAction, GuidingPrinciple, Strategy

    strategy = Strategy.objects.get(slug="zukunftsstrategie-2035")
    field = FieldOfAction.objects.create(strategy=strategy, name="Mobilität", position=5)
    principle = GuidingPrinciple.objects.create(field_of_action=field, text="Mobil im ganzen Kreis.", position=1)
    return {"strategy": strategy, "field": field, "principle": principle}


def _strategy_url(view: str, objects: dict[str, Any]) -> str:
    if view in ("strategy_current", "strategy_create"):
        return reverse(f"topics:{view}")
    if view in ("strategy_detail", "strategy_edit", "field_create"):
        return reverse(f"topics:{view}", args=[objects["strategy"].slug])
    if view in ("field_edit", "field_delete", "principle_create"):
        return reverse(f"topics:{view}", args=[objects["field"].pk])
    return reverse(f"topics:{view}", args=[objects["principle"].pk])


STRATEGY_DATA: dict[str, dict[str, Any]] = {
    "strategy_create": {"name": "Kreisstrategie 2040", "description": "", "adopted_on": "", "source": ""},
    "strategy_edit": {"name": "Zukunftsstrategie 2035+", "description": "", "adopted_on": "", "source": ""},
    "field_create": {"name": "Bildung", "position": "6", "description": ""},
    "field_edit": {"name": "Mobilität und Verkehr", "position": "5", "description": ""},
    "principle_create": {"text": "Gemeinsam lernen.", "position": "2", "source": ""},
    "principle_edit": {"text": "Mobil überall im Kreis.", "position": "1", "source": ""},
}


def _strategy_effect(view: str, objects: dict[str, Any]) -> bool:
    from forum.topics.models import FieldOfAction, GuidingPrinciple, Strategy

    field, principle = objects["field"], objects["principle"]
    return {
        "strategy_current": False,
        "strategy_detail": False,
        "strategy_create": Strategy.objects.filter(name="Kreisstrategie 2040").exists(),
        "strategy_edit": Strategy.objects.filter(name="Zukunftsstrategie 2035+").exists(),
        "field_create": FieldOfAction.objects.filter(name="Bildung").exists(),
        "field_edit": FieldOfAction.objects.filter(pk=field.pk, name="Mobilität und Verkehr").exists(),
        "field_delete": not FieldOfAction.objects.filter(pk=field.pk).exists(),
        "principle_create": GuidingPrinciple.objects.filter(text="Gemeinsam lernen.").exists(),
        "principle_edit": GuidingPrinciple.objects.filter(pk=principle.pk, text="Mobil überall im Kreis.").exists(),
        "principle_delete": not GuidingPrinciple.objects.filter(pk=principle.pk).exists(),
    }[view]


@pytest.mark.parametrize(("view", "role"), [(view, role) for view in STRATEGY_GET for role in ROLES])
def test_the_strategy_answers_get_by_role(view, role, client, user_in_role, loerrach, strategy_objects):
    log_in_as(client, user_in_role, role, loerrach)
    assert outcome(client.get(_strategy_url(view, strategy_objects))) == STRATEGY_GET[view][role]


@pytest.mark.parametrize(("view", "role"), [(view, role) for view in STRATEGY_POST for role in ROLES])
def test_the_strategy_answers_post_by_role(view, role, client, user_in_role, loerrach, strategy_objects):
    log_in_as(client, user_in_role, role, loerrach)
    data = STRATEGY_DATA.get(view, {"x": "1"})
    result = outcome(client.post(_strategy_url(view, strategy_objects), data))
    assert result == STRATEGY_POST[view][role]
    assert _strategy_effect(view, strategy_objects) is (result == SAVED)


@pytest.mark.parametrize("view", ["field_edit", "field_delete", "principle_create", "principle_edit"])
def test_an_unknown_field_or_principle_is_not_found(view, client, user_in_role, loerrach):
    log_in_as(client, user_in_role, "coordination", loerrach)
    assert client.get(reverse(f"topics:{view}", args=[99_999])).status_code == 404
