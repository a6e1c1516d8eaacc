"""The permission matrix of the exchange app, and has_perm agreeing with visible_to.

Entries belong to Lörrach, so "own" roles are Lörrach's; "other" roles belong to another municipality
(the ``other`` fixture), which made the interest mark.
"""

from __future__ import annotations

from typing import Any

import pytest
import rules

from forum.core.models import Visibility
from forum.core.roles import forget_roles
from forum.exchange.models import Comment, Entry, Follow, Interest
from forum.organisations.tests.helpers import ROLES

pytestmark = pytest.mark.django_db

EVERYONE = set(ROLES)
MEMBERS = EVERYONE - {"anonymous", "no_role"}
EDITORS = {"editor_own", "coordination"}
OTHERS = {"member_other", "editor_other"}
COORDINATION = {"coordination"}
NOBODY: set[str] = set()

# (what the permission is checked against, who may) for a public entry of Lörrach, the mark the other
# municipality made on it, and a comment on it that is not hidden.
ALLOWED: dict[str, tuple[str, set[str]]] = {
    "exchange.view_entry": ("entry", EVERYONE),
    "exchange.add_entry": ("organisation", EDITORS),
    "exchange.change_entry": ("entry", EDITORS),
    "exchange.delete_entry": ("entry", EDITORS),
    "exchange.add_attachment": ("entry", EDITORS),
    "exchange.mark_interest": ("entry", OTHERS),
    "exchange.delete_interest": ("interest", OTHERS),
    "exchange.add_comment": ("entry", MEMBERS),
    "exchange.view_comment": ("comment", MEMBERS),
    "exchange.hide_comment": ("comment", COORDINATION),
    # Following (more in test_following.py: topics, organisations, one's own follow).
    "exchange.follow": ("entry", MEMBERS),
    "exchange.unfollow": ("follow", NOBODY),  # someone else's follow
}

# The same comment once hidden by the coordination.
ALLOWED_FOR_HIDDEN: dict[str, set[str]] = {
    "exchange.view_comment": COORDINATION,
    "exchange.hide_comment": NOBODY,
}


def test_matrix_covers_every_rule():
    assert set(ALLOWED) == {name for name in rules.permissions.permissions if name.startswith("exchange.")}


@pytest.fixture
def objects(loerrach, other, entry_factory, interest_factory, comment_factory, make_user) -> dict[str, Any]:
    entry = entry_factory()
    return {
        "organisation": loerrach,
        "entry": entry,
        "interest": interest_factory(entry=entry, organisation=other),
        "comment": comment_factory(entry=entry, author=make_user()),
        "follow": Follow.objects.create(user=make_user(), entry=entry),
    }


@pytest.mark.parametrize(("perm", "role"), [(perm, role) for perm in ALLOWED for role in ROLES])
def test_permission_matrix(perm, role, user_in_role, loerrach, objects):
    user = user_in_role(role, loerrach)
    obj_name, allowed = ALLOWED[perm]
    assert user.has_perm(perm, objects[obj_name]) is (role in allowed)


@pytest.mark.parametrize(("perm", "role"), [(perm, role) for perm in ALLOWED_FOR_HIDDEN for role in ROLES])
def test_permission_matrix_for_a_hidden_comment(perm, role, user_in_role, loerrach, objects):
    comment = objects["comment"]
    comment.hide(reason="Persönliche Daten")
    assert user_in_role(role, loerrach).has_perm(perm, comment) is (role in ALLOWED_FOR_HIDDEN[perm])


@pytest.mark.parametrize("perm", sorted(ALLOWED))
def test_an_inactive_account_may_do_what_anonymous_may(perm, user_in_role, loerrach, objects):
    user = user_in_role("coordination", loerrach)
    user.is_active = False
    user.save()
    forget_roles(user)
    obj_name, allowed = ALLOWED[perm]
    assert user.has_perm(perm, objects[obj_name]) is ("anonymous" in allowed)


def test_an_organisation_marks_no_entry_of_its_own(user_in_role, loerrach, other, entry_factory):
    own_entry_of_other = entry_factory(organisation=other)
    assert not user_in_role("member_other", loerrach).has_perm("exchange.mark_interest", own_entry_of_other)
    assert user_in_role("member_own", loerrach).has_perm("exchange.mark_interest", own_entry_of_other)


def test_the_district_records_entries_of_its_own(user_in_role, district):
    assert user_in_role("editor_own", district).has_perm("exchange.add_entry", district)
    assert not user_in_role("editor_other", district).has_perm("exchange.add_entry", district)


# has_perm("view_…", obj) and visible_to(user) must agree for every role, visibility and draft state.
STATES = [(visibility, draft) for visibility in Visibility.values for draft in (False, True)]


@pytest.mark.parametrize(("role", "visibility", "draft"), [(r, v, d) for r in ROLES for v, d in STATES])
def test_view_entry_agrees_with_visible_to(role, visibility, draft, user_in_role, loerrach, entry_factory):
    entry = entry_factory(visibility=visibility, is_draft=draft)
    user = user_in_role(role, loerrach)
    fresh = Entry.objects.get(pk=entry.pk)
    visible = fresh in Entry.objects.visible_to(user)
    assert user.has_perm("exchange.view_entry", fresh) == visible
    levels = {
        Visibility.PUBLIC: EVERYONE,
        Visibility.MEMBERS: MEMBERS,
        Visibility.COORDINATION: {"coordination", "operator"},
    }
    expected = {"editor_own", "coordination", "operator"} if draft else levels[visibility]
    assert visible is (role in expected)


@pytest.mark.parametrize(("role", "visibility", "draft"), [(r, v, d) for r in ROLES for v, d in STATES])
def test_marks_and_comments_are_seen_with_their_entry(
    role, visibility, draft, user_in_role, loerrach, other, entry_factory, interest_factory, comment_factory, make_user
):
    entry = entry_factory(visibility=visibility, is_draft=draft)
    interest = interest_factory(entry=entry, organisation=other)
    comment = comment_factory(entry=entry, author=make_user())
    user = user_in_role(role, loerrach)
    entry_visible = entry.is_visible_to(user)
    assert (interest in Interest.objects.visible_to(user)) is entry_visible
    # The discussion is for members only.
    in_list = comment in Comment.objects.visible_to(user)
    assert in_list is (entry_visible and role in MEMBERS)
    assert user.has_perm("exchange.view_comment", Comment.objects.select_related("entry").get(pk=comment.pk)) is in_list


@pytest.mark.parametrize(("role", "visibility", "draft"), [(r, v, d) for r in ROLES for v, d in STATES])
def test_no_right_on_an_entry_one_cannot_see(
    role, visibility, draft, user_in_role, loerrach, other, entry_factory, interest_factory, comment_factory, make_user
):
    """Every right on an entry, its marks and comments needs the entry to be visible first."""
    entry = entry_factory(visibility=visibility, is_draft=draft)
    objects = {
        "entry": entry,
        "interest": interest_factory(entry=entry, organisation=other),
        "comment": comment_factory(entry=entry, author=make_user()),
    }
    user = user_in_role(role, loerrach)
    if entry in Entry.objects.visible_to(user):
        return
    for perm, (obj_name, _allowed) in ALLOWED.items():
        if obj_name in objects:
            assert not user.has_perm(perm, objects[obj_name]), perm
