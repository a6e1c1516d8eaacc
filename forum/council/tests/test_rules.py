"""The permission matrix of the council app, and has_perm agreeing with visible_to.

The paper belongs to the district, so "own" roles are the district's (its editors see its drafts); "other" roles
belong to a municipality.
"""

from __future__ import annotations

import pytest
import rules

from forum.core.models import Visibility
from forum.council.models import Consultation, Paper
from forum.organisations.tests.helpers import ROLES

from .factories import ConsultationFactory

pytestmark = pytest.mark.django_db

EVERYONE = set(ROLES)
SEES_EVERYTHING = {"coordination", "operator"}
MEMBERS = EVERYONE - {"anonymous", "no_role"}
COORDINATION = {"coordination"}

# Who may, for a public paper ("nothing": the permission takes no object).
ALLOWED: dict[str, tuple[str, set[str]]] = {
    "council.view_paper": ("paper", EVERYONE),
    "council.add_paper": ("nothing", COORDINATION),
    "council.change_paper": ("paper", COORDINATION),
    "council.delete_paper": ("paper", COORDINATION),
    "council.draft_paper": ("paper", COORDINATION),
    "council.render_paper": ("paper", EVERYONE),
}


def test_matrix_covers_every_rule():
    assert set(ALLOWED) == {name for name in rules.permissions.permissions if name.startswith("council.")}


@pytest.mark.parametrize(("perm", "role"), [(perm, role) for perm in ALLOWED for role in ROLES])
def test_permission_matrix(perm, role, user_in_role, district, paper):
    user = user_in_role(role, district)
    obj_name, allowed = ALLOWED[perm]
    assert user.has_perm(perm, paper if obj_name == "paper" else None) is (role in allowed)


# Draft papers: the coordination, the operator and the district's editors; members-only papers: members.
STATES = [(visibility, draft) for visibility in Visibility.values for draft in (False, True)]
LEVELS = {Visibility.PUBLIC: EVERYONE, Visibility.MEMBERS: MEMBERS, Visibility.COORDINATION: SEES_EVERYTHING}
DRAFT_READERS = {"editor_own", "coordination", "operator"}


@pytest.mark.parametrize(("role", "visibility", "draft"), [(r, v, d) for r in ROLES for v, d in STATES])
def test_view_paper_agrees_with_visible_to(role, visibility, draft, user_in_role, district, make_paper):
    paper = make_paper(visibility=visibility, is_draft=draft)
    user = user_in_role(role, district)
    visible = paper in Paper.objects.visible_to(user)
    assert user.has_perm("council.view_paper", Paper.objects.get(pk=paper.pk)) is visible
    assert visible is (role in (DRAFT_READERS if draft else LEVELS[visibility]))


@pytest.mark.parametrize(("role", "visibility", "draft"), [(r, v, d) for r in ROLES for v, d in STATES])
def test_no_right_on_a_paper_one_cannot_see(role, visibility, draft, user_in_role, district, make_paper):
    paper = make_paper(visibility=visibility, is_draft=draft)
    user = user_in_role(role, district)
    if paper in Paper.objects.visible_to(user):
        return
    for perm, (obj_name, _allowed) in ALLOWED.items():
        if obj_name == "paper":
            assert not user.has_perm(perm, paper), perm


@pytest.mark.parametrize("role", ROLES)
def test_a_members_only_consultation_of_a_public_paper_is_not_public(role, user_in_role, district, hidden_consultation):
    user = user_in_role(role, district)
    visible = hidden_consultation in Consultation.objects.visible_to(user)
    assert visible is (role in MEMBERS)
    assert Consultation.objects.get(pk=hidden_consultation.pk).is_visible_to(user) is visible


@pytest.mark.parametrize(("role", "visibility", "draft"), [(r, v, d) for r in ROLES for v, d in STATES])
def test_a_consultation_is_seen_only_with_its_paper(
    role, visibility, draft, user_in_role, district, make_paper, kreistag
):
    consultation = ConsultationFactory(paper=make_paper(visibility=visibility, is_draft=draft), committee=kreistag)
    user = user_in_role(role, district)
    visible = consultation in Consultation.objects.visible_to(user)
    assert visible is (role in (DRAFT_READERS if draft else LEVELS[visibility]))
    assert Consultation.objects.get(pk=consultation.pk).is_visible_to(user) is visible


@pytest.mark.parametrize("role", ROLES)
def test_a_consultation_in_a_hidden_committee_is_hidden(role, user_in_role, district, paper, ausschuss):
    ausschuss.visibility = Visibility.COORDINATION
    ausschuss.save()
    consultation = ConsultationFactory(paper=paper, committee=ausschuss)
    user = user_in_role(role, district)
    assert (consultation in Consultation.objects.visible_to(user)) is (role in SEES_EVERYTHING)
