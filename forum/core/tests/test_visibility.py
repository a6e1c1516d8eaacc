"""``ContentQuerySet.visible_to`` and ``ContentModel.is_visible_to`` are one rule (DESIGN.md: every channel).

Person stands in for every content model: it has a visibility, a draft state and an owning organisation.
"""

import itertools

import pytest
from django.contrib.auth.models import AnonymousUser

from forum.core.models import Visibility
from forum.core.roles import ANONYMOUS, forget_roles, roles_of
from forum.organisations.models import Person, Role

pytestmark = pytest.mark.django_db

VISIBILITIES = [Visibility.PUBLIC, Visibility.MEMBERS, Visibility.COORDINATION]
ROLES = [
    "anonymous",
    "no_role",
    "member_own",
    "member_other",
    "editor_own",
    "editor_other",
    "coordination",
    "operator",
    "superuser",
]

# What each role may read of a person owned by "own": {(visibility, is_draft), …}.
PUBLISHED_PUBLIC = {(Visibility.PUBLIC, False)}
PUBLISHED_MEMBERS = {(Visibility.PUBLIC, False), (Visibility.MEMBERS, False)}
EVERYTHING = set(itertools.product(VISIBILITIES, [False, True]))
EXPECTED = {
    "anonymous": PUBLISHED_PUBLIC,
    "no_role": PUBLISHED_PUBLIC,
    "member_own": PUBLISHED_MEMBERS,
    "member_other": PUBLISHED_MEMBERS,
    # The organisation's Redaktion also sees its own drafts, whatever their visibility (DESIGN.md);
    # published coordination-only content stays with the coordination.
    "editor_own": PUBLISHED_MEMBERS | {(v, True) for v in VISIBILITIES},
    "editor_other": PUBLISHED_MEMBERS,
    "coordination": EVERYTHING,
    "operator": EVERYTHING,
    "superuser": EVERYTHING,
}


@pytest.fixture
def viewer(user_in_role, make_user, loerrach):
    def make(role):
        if role == "superuser":
            return make_user(is_superuser=True, is_staff=True)
        return user_in_role(role, loerrach)

    return make


def _person(organisation, visibility, is_draft):
    return Person.objects.create(
        organisation=organisation,
        given_name="Erika",
        family_name=f"{visibility}-{'draft' if is_draft else 'published'}",
        visibility=visibility,
        is_draft=is_draft,
    )


@pytest.mark.parametrize("role", ROLES)
def test_it_agrees_between_queryset_and_object_for_every_combination(role, viewer, loerrach):
    user = viewer(role)
    people = {
        (visibility, is_draft): _person(loerrach, visibility, is_draft)
        for visibility, is_draft in itertools.product(VISIBILITIES, [False, True])
    }
    visible_ids = set(
        Person.objects.filter(pk__in=[p.pk for p in people.values()]).visible_to(user).values_list("pk", flat=True)
    )
    for combination, person in people.items():
        in_queryset = person.pk in visible_ids
        assert in_queryset == person.is_visible_to(user), (role, combination)
        assert in_queryset == (combination in EXPECTED[role]), (role, combination)


@pytest.mark.parametrize("role", ["editor_own", "member_own", "anonymous"])
def test_it_treats_a_person_without_organisation_as_unowned(role, viewer):
    user = viewer(role)
    draft = _person(None, Visibility.PUBLIC, True)
    members_only = _person(None, Visibility.MEMBERS, False)
    for person in (draft, members_only):
        in_queryset = Person.objects.filter(pk=person.pk).visible_to(user).exists()
        assert in_queryset == person.is_visible_to(user)
    assert not draft.is_visible_to(user)
    assert members_only.is_visible_to(user) == (role != "anonymous")


def test_it_caches_roles_per_user_object(user_in_role, loerrach, django_assert_num_queries):
    user = user_in_role("editor_own", loerrach)
    with django_assert_num_queries(1):  # the user's current roles
        first = roles_of(user)
    with django_assert_num_queries(0):
        assert roles_of(user) is first
    assert first.editor_of == {loerrach.pk}
    assert first.member_of == {loerrach.pk}


def test_it_keeps_stale_roles_until_they_are_forgotten(user_in_role, loerrach, binzen):
    user = user_in_role("member_own", loerrach)
    assert roles_of(user).member_of == {loerrach.pk}
    Role.objects.create(user=user, kind=Role.Kind.MEMBER, organisation=binzen)
    assert roles_of(user).member_of == {loerrach.pk}
    forget_roles(user)
    assert roles_of(user).member_of == {loerrach.pk, binzen.pk}


def test_it_forgets_roles_that_were_never_cached(make_user):
    forget_roles(make_user())  # no error


def test_it_computes_roles_afresh_for_another_object_of_the_same_user(user_in_role, loerrach):
    user = user_in_role("member_own", loerrach)
    roles_of(user)
    Role.objects.create(user=user, kind=Role.Kind.COORDINATION)
    again = type(user).objects.get(pk=user.pk)
    assert roles_of(again).coordination
    assert not roles_of(user).coordination


def test_it_ignores_roles_that_have_ended_or_not_begun(make_user, loerrach):
    from datetime import timedelta

    from django.utils import timezone

    today = timezone.localdate()
    user = make_user()
    Role.objects.create(user=user, kind=Role.Kind.EDITOR, organisation=loerrach, end_date=today - timedelta(days=1))
    Role.objects.create(user=user, kind=Role.Kind.COORDINATION, start_date=today + timedelta(days=1))
    assert roles_of(user) == ANONYMOUS


@pytest.mark.parametrize("role", ["coordination", "operator", "editor_own", "member_own", "superuser"])
def test_it_treats_an_inactive_user_as_anonymous(role, viewer, loerrach):
    user = viewer(role)
    user.is_active = False
    user.save()
    assert roles_of(user) == ANONYMOUS
    people = [_person(loerrach, visibility, is_draft) for visibility in VISIBILITIES for is_draft in (False, True)]
    visible = Person.objects.filter(pk__in=[p.pk for p in people]).visible_to(user)
    assert [(p.visibility, p.is_draft) for p in visible] == [(Visibility.PUBLIC, False)]
    assert [p for p in people if p.is_visible_to(user)] == list(visible)


def test_it_treats_none_and_anonymous_users_alike():
    assert roles_of(None) == ANONYMOUS
    assert roles_of(AnonymousUser()) == ANONYMOUS


def test_it_gives_an_active_superuser_the_operator_role(make_user):
    roles = roles_of(make_user(is_superuser=True))
    assert roles.operator
    assert roles.sees_everything
    assert roles.levels == set(Visibility.values)
