"""The permission matrix of the meetings app, and has_perm agreeing with visible_to.

The committee belongs to the district, so "own" is the district for members and editors;
"other" is a municipality (see the root conftest's ``user_in_role``).
"""

from __future__ import annotations

from typing import Any

import pytest
import rules

from forum.core.models import Visibility
from forum.core.roles import forget_roles
from forum.meetings.models import AgendaItem, Attendance, Event, Meeting, Minutes, Registration
from forum.organisations.models import Membership, Person
from forum.organisations.tests.helpers import ROLES

pytestmark = pytest.mark.django_db

EVERYONE = set(ROLES)
LOGGED_IN = EVERYONE - {"anonymous"}
MEMBERS = EVERYONE - {"anonymous", "no_role"}
COORDINATION = {"coordination"}
NOBODY: set[str] = set()

# (what the permission is checked against, who may) for a user with no part in the meeting or event:
# public content, a planned meeting, minutes sent for corrections, an open event, someone else's registration.
ALLOWED: dict[str, tuple[str | None, set[str]]] = {
    "meetings.view_meeting": ("meeting", EVERYONE),
    "meetings.add_meeting": ("committee", COORDINATION),
    "meetings.change_meeting": ("meeting", COORDINATION),
    "meetings.invite_meeting": ("meeting", COORDINATION),
    "meetings.change_status_meeting": ("meeting", COORDINATION),
    "meetings.record_attendance": ("meeting", COORDINATION),
    "meetings.view_attendance": ("meeting", COORDINATION),
    "meetings.respond_meeting": ("meeting", NOBODY),
    "meetings.add_attachment": ("meeting", COORDINATION),
    "meetings.view_agendaitem": ("item", EVERYONE),
    "meetings.add_agendaitem": ("meeting", COORDINATION),
    "meetings.change_agendaitem": ("item", COORDINATION),
    "meetings.delete_agendaitem": ("item", COORDINATION),
    "meetings.view_minutes": ("minutes", COORDINATION),
    "meetings.change_minutes": ("minutes", COORDINATION),
    "meetings.comment_minutes": ("minutes", NOBODY),
    "meetings.add_decision": ("meeting", COORDINATION),
    "meetings.add_actionitem": ("meeting", COORDINATION),
    "meetings.change_actionitem": ("action", COORDINATION),
    "meetings.view_event": ("event", EVERYONE),
    "meetings.add_event": (None, COORDINATION),
    "meetings.change_event": ("event", COORDINATION),
    "meetings.register_event": ("event", MEMBERS),
    "meetings.cancel_registration": ("registration", NOBODY),
    "meetings.view_registrations": ("event", COORDINATION),
}

# The same, for a user whose person sits on the committee, was invited, attended the held meeting
# and holds the registration: only the rules that ask about the person's part differ.
ALLOWED_FOR_PARTICIPANTS: dict[str, set[str]] = {perm: allowed for perm, (_obj, allowed) in ALLOWED.items()} | {
    "meetings.view_attendance": LOGGED_IN,
    "meetings.respond_meeting": MEMBERS,
    "meetings.view_minutes": LOGGED_IN,
    "meetings.comment_minutes": MEMBERS,
    "meetings.cancel_registration": LOGGED_IN,
}


def test_matrix_covers_every_rule():
    declared = {name for name in rules.permissions.permissions if name.startswith("meetings.")}
    assert set(ALLOWED) == declared
    assert set(ALLOWED_FOR_PARTICIPANTS) == declared


@pytest.fixture
def objects(
    forum_committee, meeting_factory, agenda_item_factory, minutes_factory, action_item_factory, event_factory, binzen
) -> dict[str | None, Any]:
    meeting = meeting_factory(status=Meeting.Status.PLANNED)
    held = meeting_factory(status=Meeting.Status.HELD)
    event = event_factory()
    return {
        "committee": forum_committee,
        "meeting": meeting,
        "item": agenda_item_factory(meeting=meeting),
        "held": held,
        "minutes": minutes_factory(meeting=held, status=Minutes.Status.IN_REVIEW),
        "action": action_item_factory(meeting=held, responsible_organisation=binzen),
        "event": event,
        "registration": None,  # made per user
        None: None,
    }


def _participate(user: Any, objects: dict[str | None, Any], binzen: Any) -> None:
    """Give ``user`` a person on the committee, invited to both meetings, present at the held one, registered."""
    person = Person.objects.create(given_name="Paula", family_name="Teil", organisation=binzen, user=user)
    Membership.objects.create(person=person, committee=objects["committee"], on_behalf_of=binzen)
    Attendance.objects.create(meeting=objects["meeting"], person=person, organisation=binzen)
    Attendance.objects.create(meeting=objects["held"], person=person, organisation=binzen, attended=True)
    objects["registration"] = Registration.objects.create(event=objects["event"], user=user)


def _registration_of_someone_else(objects: dict[str | None, Any], make_user: Any) -> None:
    objects["registration"] = Registration.objects.create(event=objects["event"], user=make_user())


@pytest.mark.parametrize(("perm", "role"), [(perm, role) for perm in ALLOWED for role in ROLES])
def test_permission_matrix(perm, role, user_in_role, district, objects, make_user):
    _registration_of_someone_else(objects, make_user)
    user = user_in_role(role, district)
    obj_name, allowed = ALLOWED[perm]
    assert user.has_perm(perm, objects[obj_name]) is (role in allowed)


@pytest.mark.parametrize(("perm", "role"), [(perm, role) for perm in ALLOWED for role in ROLES if role != "anonymous"])
def test_permission_matrix_for_participants(perm, role, user_in_role, district, binzen, objects, make_user):
    user = user_in_role(role, district)
    _participate(user, objects, binzen)
    obj_name = ALLOWED[perm][0]
    assert user.has_perm(perm, objects[obj_name]) is (role in ALLOWED_FOR_PARTICIPANTS[perm])


@pytest.mark.parametrize("perm", sorted(ALLOWED))
def test_an_inactive_account_may_do_what_anonymous_may(perm, user_in_role, district, objects, make_user):
    _registration_of_someone_else(objects, make_user)
    user = user_in_role("coordination", district)
    user.is_active = False
    user.save()
    forget_roles(user)
    obj_name, allowed = ALLOWED[perm]
    assert user.has_perm(perm, objects[obj_name]) is ("anonymous" in allowed)


# Published minutes: everyone who sees the meeting reads them; commenting is over.
@pytest.mark.parametrize("role", ROLES)
def test_published_minutes_are_for_everyone_who_sees_the_meeting(role, user_in_role, district, objects):
    minutes = objects["minutes"]
    minutes.status = Minutes.Status.PUBLISHED
    minutes.save()
    user = user_in_role(role, district)
    assert user.has_perm("meetings.view_minutes", minutes)
    assert not user.has_perm("meetings.comment_minutes", minutes)


@pytest.mark.parametrize("status", ["draft", "approved"])
@pytest.mark.parametrize("role", sorted(LOGGED_IN))
def test_attendees_read_and_comment_only_while_in_review(
    status, role, user_in_role, district, binzen, objects, make_user
):
    user = user_in_role(role, district)
    _participate(user, objects, binzen)
    minutes = objects["minutes"]
    minutes.status = status
    minutes.save()
    assert not user.has_perm("meetings.comment_minutes", minutes)
    assert user.has_perm("meetings.view_minutes", minutes) is (role == "coordination")


@pytest.mark.parametrize("status", [Meeting.Status.HELD, Meeting.Status.CANCELLED])
def test_nobody_answers_a_finished_meeting(status, user_in_role, district, binzen, objects, make_user):
    user = user_in_role("member_own", district)
    _participate(user, objects, binzen)
    meeting = objects["meeting"]
    meeting.change_status(status, reason="Sturm")
    assert not user.has_perm("meetings.respond_meeting", meeting)


def test_a_cancelled_registration_cannot_be_cancelled_again(user_in_role, district, binzen, objects, make_user):
    user = user_in_role("member_own", district)
    _participate(user, objects, binzen)
    registration = objects["registration"]
    registration.status = Registration.Status.CANCELLED
    registration.save()
    assert not user.has_perm("meetings.cancel_registration", registration)


def test_a_closed_event_takes_no_registrations(user_in_role, district, objects):
    event = objects["event"]
    event.registration_open = False
    event.save()
    assert not user_in_role("member_own", district).has_perm("meetings.register_event", event)


# has_perm("view_…", obj) and visible_to(user) must agree for every role, visibility and draft state.
STATES = [(visibility, draft) for visibility in Visibility.values for draft in (False, True)]


@pytest.mark.parametrize(("role", "visibility", "draft"), [(r, v, d) for r in ROLES for v, d in STATES])
def test_view_meeting_agrees_with_visible_to(role, visibility, draft, user_in_role, district, meeting_factory):
    meeting = meeting_factory(visibility=visibility, is_draft=draft)
    user = user_in_role(role, district)
    fresh = Meeting.objects.get(pk=meeting.pk)
    assert user.has_perm("meetings.view_meeting", fresh) == (fresh in Meeting.objects.visible_to(user))


@pytest.mark.parametrize(("role", "visibility", "draft"), [(r, v, d) for r in ROLES for v, d in STATES])
def test_drafts_and_levels_of_meetings(role, visibility, draft, user_in_role, district, meeting_factory):
    meeting = meeting_factory(visibility=visibility, is_draft=draft)
    levels = {
        Visibility.PUBLIC: EVERYONE,
        Visibility.MEMBERS: MEMBERS,
        Visibility.COORDINATION: {"coordination", "operator"},
    }
    expected = {"editor_own", "coordination", "operator"} if draft else levels[visibility]
    assert user_in_role(role, district).has_perm("meetings.view_meeting", meeting) is (role in expected)


@pytest.mark.parametrize("role", ROLES)
def test_view_agendaitem_agrees_with_visible_to(role, user_in_role, district, meeting_factory, agenda_item_factory):
    user = user_in_role(role, district)
    for meeting_state in STATES:
        meeting = meeting_factory(visibility=meeting_state[0], is_draft=meeting_state[1])
        for item_state in STATES:
            item = agenda_item_factory(meeting=meeting, visibility=item_state[0], is_draft=item_state[1])
            fresh = AgendaItem.objects.get(pk=item.pk)
            visible = fresh in AgendaItem.objects.visible_to(user)
            assert user.has_perm("meetings.view_agendaitem", fresh) == visible, (meeting_state, item_state)
            assert visible == (item.is_visible_to(user) and meeting.is_visible_to(user)), (meeting_state, item_state)


@pytest.mark.parametrize(("role", "visibility", "draft"), [(r, v, d) for r in ROLES for v, d in STATES])
def test_view_event_agrees_with_visible_to(role, visibility, draft, user_in_role, district, event_factory):
    event = event_factory(visibility=visibility, is_draft=draft)
    user = user_in_role(role, district)
    fresh = Event.objects.get(pk=event.pk)
    assert user.has_perm("meetings.view_event", fresh) == (fresh in Event.objects.visible_to(user))


@pytest.mark.parametrize(("role", "visibility", "draft"), [(r, v, d) for r in ROLES for v, d in STATES])
def test_no_right_on_a_meeting_one_cannot_see(role, visibility, draft, user_in_role, district, meeting_factory):
    """Every right on a meeting (and its minutes) needs the meeting to be visible first."""
    meeting = meeting_factory(visibility=visibility, is_draft=draft, status=Meeting.Status.HELD)
    minutes = Minutes.objects.create(meeting=meeting, status=Minutes.Status.PUBLISHED)
    user = user_in_role(role, district)
    if meeting in Meeting.objects.visible_to(user):
        return
    for perm, (obj_name, _allowed) in ALLOWED.items():
        if obj_name in ("meeting", "held"):
            assert not user.has_perm(perm, meeting), perm
        if obj_name == "minutes":
            assert not user.has_perm(perm, minutes), perm
