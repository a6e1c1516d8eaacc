"""The permission matrix of the topics app: every rule × every role × every state of a topic."""

from typing import Any

import pytest
import rules

from forum.core.roles import forget_roles
from forum.organisations.tests.helpers import ROLES

pytestmark = pytest.mark.django_db

EVERYONE = set(ROLES)
MEMBERS = EVERYONE - {"anonymous", "no_role"}
COORDINATION = {"coordination"}
NOBODY: set[str] = set()
STATES = ["active", "retired", "merged"]

# Who may do what with a topic in each state. The vocabulary is public; only the coordination maintains it.
ALLOWED: dict[str, dict[str, set[str]]] = {
    "topics.view_topic": dict.fromkeys(STATES, EVERYONE),
    "topics.add_topic": dict.fromkeys(STATES, COORDINATION),  # asked without an object
    "topics.change_topic": {"active": COORDINATION, "retired": COORDINATION, "merged": NOBODY},
    "topics.merge_topic": {"active": COORDINATION, "retired": COORDINATION, "merged": NOBODY},
    "topics.retire_topic": {"active": COORDINATION, "retired": NOBODY, "merged": NOBODY},
    "topics.reactivate_topic": {"active": NOBODY, "retired": COORDINATION, "merged": NOBODY},
    "core.view_history": dict.fromkeys(STATES, MEMBERS),
}
WITHOUT_OBJECT = {"topics.add_topic"}


# The district strategy is a public document; only the coordination keeps it (asked with a strategy, or without
# an object: whether someone keeps the strategy at all).
STRATEGY_ALLOWED: dict[str, set[str]] = {
    "topics.view_strategy": EVERYONE,
    "topics.change_strategy": COORDINATION,
}


def test_matrix_covers_every_rule():
    declared = {name for name in rules.permissions.permissions if name.startswith("topics.")}
    assert set(ALLOWED) - {"core.view_history"} | set(STRATEGY_ALLOWED) == declared
    assert all(set(states) == set(STATES) for states in ALLOWED.values())


@pytest.fixture
def topic_in(topic, other_topic) -> Any:
    def make(state: str) -> Any:
        if state == "retired":
            topic.retire()
        elif state == "merged":
            topic.merge_into(other_topic)
        return topic

    return make


@pytest.mark.parametrize(
    ("perm", "state", "role"), [(perm, state, role) for perm in ALLOWED for state in STATES for role in ROLES]
)
def test_permission_matrix(perm, state, role, user_in_role, loerrach, topic_in):
    obj = None if perm in WITHOUT_OBJECT else topic_in(state)
    user = user_in_role(role, loerrach)
    assert user.has_perm(perm, obj) is (role in ALLOWED[perm][state])


@pytest.mark.parametrize("role", ROLES)
def test_maintaining_the_vocabulary_at_all_is_for_the_coordination(role, user_in_role, loerrach):
    """change_topic without an object: whether the person sees the maintenance parts of the pages."""
    assert user_in_role(role, loerrach).has_perm("topics.change_topic") is (role in COORDINATION)


@pytest.mark.parametrize("perm", sorted(ALLOWED))
def test_an_inactive_account_counts_as_anonymous(perm, user_in_role, loerrach, topic):
    user = user_in_role("coordination", loerrach)
    user.is_active = False
    user.save()
    forget_roles(user)
    obj = None if perm in WITHOUT_OBJECT else topic
    assert user.has_perm(perm, obj) is ("anonymous" in ALLOWED[perm]["active"])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("state", STATES)
def test_view_topic_agrees_with_visible_to(role, state, user_in_role, loerrach, topic_in):
    from forum.topics.models import Topic

    topic = topic_in(state)
    user = user_in_role(role, loerrach)
    assert user.has_perm("topics.view_topic", topic) == Topic.objects.visible_to(user).filter(pk=topic.pk).exists()


@pytest.mark.parametrize(("perm", "role"), [(perm, role) for perm in STRATEGY_ALLOWED for role in ROLES])
@pytest.mark.parametrize("current", [True, False], ids=["current", "former"])
def test_strategy_permission_matrix(perm, role, current, user_in_role, loerrach):
    from forum.topics.models import Strategy

    strategy = Strategy.objects.get(slug="zukunftsstrategie-2035")
    if not current:
        strategy.is_current = False
        strategy.save()
    user = user_in_role(role, loerrach)
    assert user.has_perm(perm, strategy) is (role in STRATEGY_ALLOWED[perm])


@pytest.mark.parametrize("role", ROLES)
def test_keeping_the_strategy_at_all_is_for_the_coordination(role, user_in_role, loerrach):
    assert user_in_role(role, loerrach).has_perm("topics.change_strategy") is (role in COORDINATION)


@pytest.mark.parametrize("role", ROLES)
def test_view_strategy_agrees_with_visible_to(role, user_in_role, loerrach):
    from forum.topics.models import Strategy

    user = user_in_role(role, loerrach)
    for strategy in Strategy.objects.all():
        assert user.has_perm("topics.view_strategy", strategy) == (
            Strategy.objects.visible_to(user).filter(pk=strategy.pk).exists()
        )
