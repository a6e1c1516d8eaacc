"""The permission matrix of the organisations app, and has_perm agreeing with visible_to."""

from datetime import timedelta
from typing import Any

import pytest
import rules
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from forum.core.models import Visibility
from forum.core.predicates import can_see
from forum.core.roles import forget_roles
from forum.organisations.models import Committee, Membership, Person, Role

from .helpers import ROLES

pytestmark = pytest.mark.django_db

EVERYONE = set(ROLES)
MEMBERS = EVERYONE - {"anonymous", "no_role"}
EDITORS = {"editor_own", "coordination"}

# Who may do what with public content owned by Lörrach (the "own" organisation of the roles).
ALLOWED = {
    "organisations.view_organisation": EVERYONE,
    "organisations.change_organisation": EDITORS,
    "organisations.add_person": EDITORS,  # object: the organisation
    "organisations.invite_user": EDITORS | {"operator"},  # object: the organisation
    "organisations.view_person": EVERYONE,
    "organisations.change_person": EDITORS,
    "organisations.delete_person": EDITORS,
    "organisations.view_committee": EVERYONE,
    "organisations.add_committee": {"coordination"},
    "organisations.change_committee": {"coordination"},
    "organisations.add_membership": {"coordination"},  # object: the committee
    "organisations.delete_membership": {"coordination"},
    "core.view_history": MEMBERS,
}

# The object each permission is checked against.
OBJECT_OF = {
    "organisations.view_organisation": "organisation",
    "organisations.change_organisation": "organisation",
    "organisations.add_person": "organisation",
    "organisations.invite_user": "organisation",
    "organisations.view_person": "person",
    "organisations.change_person": "person",
    "organisations.delete_person": "person",
    "organisations.view_committee": "committee",
    "organisations.add_committee": None,
    "organisations.change_committee": "committee",
    "organisations.add_membership": "committee",
    "organisations.delete_membership": "membership",
    "core.view_history": "person",
}


def test_matrix_covers_every_rule():
    declared = {name for name in rules.permissions.permissions if name.startswith("organisations.")}
    assert set(ALLOWED) - {"core.view_history"} == declared
    assert rules.perm_exists("core.view_history")
    assert set(OBJECT_OF) == set(ALLOWED)


@pytest.fixture
def owned_by_loerrach(loerrach, person_factory, committee_factory, membership_factory) -> dict[str, Any]:
    """Public content of Lörrach: the town itself, a contact person, a committee and a membership."""
    committee = committee_factory(organisation=loerrach)
    person = person_factory(organisation=loerrach)
    return {
        "organisation": loerrach,
        "person": person,
        "committee": committee,
        "membership": membership_factory(committee=committee, person=person),
        None: None,
    }


@pytest.mark.parametrize(("perm", "role"), [(perm, role) for perm in ALLOWED for role in ROLES])
def test_permission_matrix(perm, role, user_in_role, owned_by_loerrach, loerrach):
    user = user_in_role(role, loerrach)
    obj = owned_by_loerrach[OBJECT_OF[perm]]
    assert user.has_perm(perm, obj) is (role in ALLOWED[perm])


@pytest.mark.parametrize("perm", sorted(ALLOWED))
def test_an_inactive_account_counts_as_anonymous(perm, user_in_role, owned_by_loerrach, loerrach):
    user = user_in_role("coordination", loerrach)
    user.is_active = False
    user.save()
    forget_roles(user)
    assert user.has_perm(perm, owned_by_loerrach[OBJECT_OF[perm]]) is ("anonymous" in ALLOWED[perm])


@pytest.mark.parametrize("perm", sorted(ALLOWED))
def test_an_active_superuser_may_do_everything_and_sees_everything(perm, make_user, owned_by_loerrach, loerrach):
    superuser = make_user(is_superuser=True, is_staff=True)
    obj = owned_by_loerrach[OBJECT_OF[perm]]
    assert superuser.has_perm(perm, obj) is True
    if obj is not None:
        obj.visibility, obj.is_draft = Visibility.COORDINATION, True
        obj.save()
        assert obj in type(obj).objects.visible_to(superuser)


def test_a_role_that_has_ended_grants_nothing(user_in_role, loerrach):
    user = user_in_role("editor_own", loerrach)
    Role.objects.filter(user=user).update(end_date=timezone.localdate() - timedelta(days=1))
    forget_roles(user)
    assert not user.has_perm("organisations.change_organisation", loerrach)


# has_perm("view_…", obj) and visible_to(user) must agree for every role, visibility and draft state.
AGREEMENT_CASES = [
    (role, visibility, draft) for role in ROLES for visibility in Visibility.values for draft in (False, True)
]


def _check_agreement(user: Any, perm: str, obj: Any) -> None:
    assert user.has_perm(perm, obj) == (obj in type(obj).objects.visible_to(user))


@pytest.mark.parametrize(("role", "visibility", "draft"), AGREEMENT_CASES)
def test_view_person_agrees_with_visible_to(role, visibility, draft, user_in_role, loerrach, person_factory):
    person = person_factory(organisation=loerrach, visibility=visibility, is_draft=draft)
    user = user_in_role(role, loerrach)
    _check_agreement(user, "organisations.view_person", Person.objects.get(pk=person.pk))


@pytest.mark.parametrize(("role", "visibility", "draft"), AGREEMENT_CASES)
def test_view_committee_agrees_with_visible_to(role, visibility, draft, user_in_role, loerrach, committee_factory):
    committee = committee_factory(organisation=loerrach, visibility=visibility, is_draft=draft)
    user = user_in_role(role, loerrach)
    _check_agreement(user, "organisations.view_committee", Committee.objects.get(pk=committee.pk))


@pytest.mark.parametrize(("role", "visibility", "draft"), AGREEMENT_CASES)
def test_view_organisation_agrees_with_visible_to(role, visibility, draft, user_in_role, loerrach):
    loerrach.visibility, loerrach.is_draft = visibility, draft
    loerrach.save()
    user = user_in_role(role, loerrach)
    _check_agreement(user, "organisations.view_organisation", loerrach)


@pytest.mark.parametrize(("role", "visibility", "draft"), AGREEMENT_CASES)
def test_a_membership_is_visible_alike_to_both(role, visibility, draft, user_in_role, loerrach, membership_factory):
    """Memberships have no view permission of their own: can_see (behind delete_membership) must agree."""
    committee_owned_membership = membership_factory(
        committee__organisation=loerrach, visibility=visibility, is_draft=draft
    )
    user = user_in_role(role, loerrach)
    membership = Membership.objects.get(pk=committee_owned_membership.pk)
    assert can_see(user, membership) == (membership in Membership.objects.visible_to(user))


@pytest.mark.parametrize(("visibility", "draft"), [(v, d) for v in Visibility.values for d in (False, True)])
def test_drafts_are_only_for_their_own_editors_and_the_coordination(
    visibility, draft, user_in_role, loerrach, person_factory
):
    person = person_factory(organisation=loerrach, visibility=visibility, is_draft=draft)
    levels = {
        Visibility.PUBLIC: set(ROLES),
        Visibility.MEMBERS: set(ROLES) - {"anonymous", "no_role"},
        Visibility.COORDINATION: {"coordination", "operator"},
    }
    # A draft: its organisation's Redaktion and the instance-wide roles, whatever the visibility (DESIGN.md).
    # Published: exactly the visibility's readers ("coordination only" is not for the Redaktion).
    expected = {"editor_own", "coordination", "operator"} if draft else levels[visibility]
    seeing = {role for role in ROLES if user_in_role(role, loerrach).has_perm("organisations.view_person", person)}
    assert seeing == expected


def test_anonymous_users_see_public_published_content_only(loerrach, person_factory):
    public = person_factory(organisation=loerrach)
    hidden = [
        person_factory(organisation=loerrach, visibility=Visibility.MEMBERS),
        person_factory(organisation=loerrach, visibility=Visibility.COORDINATION),
        person_factory(organisation=loerrach, is_draft=True),
    ]
    anonymous = AnonymousUser()
    visible = set(Person.objects.visible_to(anonymous).filter(organisation=loerrach))
    assert public in visible
    assert not visible & set(hidden)
