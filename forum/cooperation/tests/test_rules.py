"""The permission matrix of the cooperation app, and has_perm agreeing with visible_to.

The undertaking is led by Lörrach, so "own" roles are Lörrach's; "other" roles belong to another municipality.
"""

from __future__ import annotations

from typing import Any

import pytest
import rules

from forum.cooperation.models import CostPlan, Undertaking, WorkingGroup
from forum.cooperation.services import save_working_group
from forum.core.models import Visibility
from forum.core.roles import forget_roles
from forum.organisations.tests.helpers import ROLES

pytestmark = pytest.mark.django_db

EVERYONE = set(ROLES)
SEES_EVERYTHING = {"coordination", "operator"}

# (what the permission is checked against, who may) for a public undertaking and its public cost plan.
ALLOWED: dict[str, tuple[str, set[str]]] = {
    "cooperation.view_undertaking": ("undertaking", EVERYONE),
    "cooperation.add_undertaking": ("nothing", {"coordination"}),
    "cooperation.change_undertaking": ("undertaking", {"coordination"}),
    "cooperation.change_participants": ("undertaking", {"coordination"}),
    "cooperation.change_milestones": ("undertaking", {"coordination"}),
    "cooperation.add_attachment": ("undertaking", {"coordination"}),
    "cooperation.view_costplan": ("plan", EVERYONE),
    "cooperation.add_costplan": ("undertaking", {"coordination"}),
    "cooperation.change_costplan": ("plan", {"coordination"}),
    "cooperation.put_candidate_on_agenda": ("nothing", {"coordination"}),
    # Declarations of intent: a public declaration and its public campaign; the signature is Lörrach's.
    "cooperation.view_declaration": ("declaration", EVERYONE),
    "cooperation.add_declaration": ("nothing", {"coordination"}),
    "cooperation.change_declaration": ("declaration", {"coordination"}),
    "cooperation.add_campaign": ("declaration", {"coordination"}),
    "cooperation.view_campaign": ("campaign", EVERYONE),
    "cooperation.change_signature": ("signature", {"editor_own", "coordination"}),
    # Working groups: a public one of the public undertaking.
    "cooperation.view_workinggroup": ("group", EVERYONE),
    "cooperation.add_workinggroup": ("undertaking", {"coordination"}),
    "cooperation.change_workinggroup": ("group", {"coordination"}),
}


def test_matrix_covers_every_rule():
    assert set(ALLOWED) == {name for name in rules.permissions.permissions if name.startswith("cooperation.")}


@pytest.fixture
def objects(undertaking, cost_plan_factory, declaration, campaign, loerrach) -> dict[str, Any]:
    return {
        "undertaking": undertaking,
        "plan": cost_plan_factory(undertaking=undertaking),
        "nothing": None,
        "declaration": declaration,
        "campaign": campaign,
        "signature": campaign.signatures.get(organisation=loerrach),
        "group": save_working_group(WorkingGroup(undertaking=undertaking, name="AG E-Akte")),
    }


@pytest.mark.parametrize(("perm", "role"), [(perm, role) for perm in ALLOWED for role in ROLES])
def test_permission_matrix(perm, role, user_in_role, loerrach, objects):
    user = user_in_role(role, loerrach)
    obj_name, allowed = ALLOWED[perm]
    assert user.has_perm(perm, objects[obj_name]) is (role in allowed)


@pytest.mark.parametrize("perm", sorted(ALLOWED))
def test_an_inactive_account_may_do_what_anonymous_may(perm, user_in_role, loerrach, objects):
    user = user_in_role("coordination", loerrach)
    user.is_active = False
    user.save()
    forget_roles(user)
    obj_name, allowed = ALLOWED[perm]
    assert user.has_perm(perm, objects[obj_name]) is ("anonymous" in allowed)


STATES = [(visibility, draft) for visibility in Visibility.values for draft in (False, True)]
LEVELS = {
    Visibility.PUBLIC: EVERYONE,
    Visibility.MEMBERS: EVERYONE - {"anonymous", "no_role"},
    Visibility.COORDINATION: SEES_EVERYTHING,
}


@pytest.mark.parametrize(("role", "visibility", "draft"), [(r, v, d) for r in ROLES for v, d in STATES])
def test_view_undertaking_agrees_with_visible_to(role, visibility, draft, user_in_role, loerrach, make_undertaking):
    undertaking = make_undertaking(visibility=visibility, is_draft=draft)
    user = user_in_role(role, loerrach)
    fresh = Undertaking.objects.get(pk=undertaking.pk)
    visible = fresh in Undertaking.objects.visible_to(user)
    assert user.has_perm("cooperation.view_undertaking", fresh) == visible
    expected = {"editor_own", "coordination", "operator"} if draft else LEVELS[visibility]
    assert visible is (role in expected)


@pytest.mark.parametrize(("role", "visibility", "draft"), [(r, v, d) for r in ROLES for v, d in STATES])
def test_a_cost_plan_is_seen_only_with_its_undertaking(
    role, visibility, draft, user_in_role, loerrach, make_undertaking, cost_plan_factory
):
    hidden = make_undertaking(visibility=visibility, is_draft=draft)
    public_plan = cost_plan_factory(undertaking=hidden)
    user = user_in_role(role, loerrach)
    undertaking_visible = hidden.is_visible_to(user)
    assert (public_plan in CostPlan.objects.visible_to(user)) is undertaking_visible
    fresh = CostPlan.objects.select_related("undertaking").get(pk=public_plan.pk)
    assert user.has_perm("cooperation.view_costplan", fresh) is undertaking_visible
    # And a plan of its own visibility inside a public undertaking.
    plan = cost_plan_factory(undertaking=make_undertaking(), visibility=visibility, is_draft=draft)
    visible = plan in CostPlan.objects.visible_to(user)
    assert user.has_perm("cooperation.view_costplan", CostPlan.objects.get(pk=plan.pk)) is visible
    assert visible is (role in ({"editor_own", "coordination", "operator"} if draft else LEVELS[visibility]))


@pytest.mark.parametrize(("role", "visibility", "draft"), [(r, v, d) for r in ROLES for v, d in STATES])
def test_no_right_on_an_undertaking_one_cannot_see(
    role, visibility, draft, user_in_role, loerrach, make_undertaking, cost_plan_factory
):
    undertaking = make_undertaking(visibility=visibility, is_draft=draft)
    objects = {
        "undertaking": undertaking,
        "plan": cost_plan_factory(undertaking=undertaking),
        "group": save_working_group(WorkingGroup(undertaking=undertaking, name="AG E-Akte")),
    }
    user = user_in_role(role, loerrach)
    if undertaking in Undertaking.objects.visible_to(user):
        return
    for perm, (obj_name, _allowed) in ALLOWED.items():
        if obj_name in objects:
            assert not user.has_perm(perm, objects[obj_name]), perm


@pytest.mark.parametrize(("role", "visibility", "draft"), [(r, v, d) for r in ROLES for v, d in STATES])
def test_no_right_on_a_signature_of_a_campaign_one_cannot_see(
    role, visibility, draft, user_in_role, loerrach, campaign
):
    from forum.cooperation.models import Campaign, Signature

    Campaign.objects.filter(pk=campaign.pk).update(visibility=visibility, is_draft=draft)
    user = user_in_role(role, loerrach)
    signature = Signature.objects.select_related("campaign").get(campaign=campaign, organisation=loerrach)
    visible = Campaign.objects.visible_to(user).filter(pk=campaign.pk).exists()
    # Campaigns have no owning organisation: a draft is the coordination's alone.
    assert visible is (role in (SEES_EVERYTHING if draft else LEVELS[visibility]))
    assert user.has_perm("cooperation.view_campaign", signature.campaign) is visible
    allowed = role in {"editor_own", "coordination"}
    assert user.has_perm("cooperation.change_signature", signature) is (visible and allowed)


@pytest.mark.parametrize(("role", "visibility", "draft"), [(r, v, d) for r in ROLES for v, d in STATES])
def test_a_working_group_and_its_committee_are_seen_alike(
    role, visibility, draft, user_in_role, loerrach, make_undertaking
):
    from forum.organisations.models import Committee

    group = save_working_group(
        WorkingGroup(undertaking=make_undertaking(), name="AG", visibility=visibility, is_draft=draft)
    )
    user = user_in_role(role, loerrach)
    visible = group in WorkingGroup.objects.visible_to(user)
    assert user.has_perm("cooperation.view_workinggroup", WorkingGroup.objects.get(pk=group.pk)) is visible
    assert visible is (role in ({"editor_own", "coordination", "operator"} if draft else LEVELS[visibility]))
    assert (group.committee in Committee.objects.visible_to(user)) is visible
