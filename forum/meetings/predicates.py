"""Predicates about a person's part in a meeting or event."""

from typing import Any

import rules

from forum.core.roles import roles_of

from .models import Meeting, Minutes, Registration


def _meeting(obj: Any) -> Meeting | None:
    if isinstance(obj, Meeting):
        return obj
    meeting = getattr(obj, "meeting", None)  # minutes, agenda items, action items …
    return meeting if isinstance(meeting, Meeting) else None


@rules.predicate
def is_invited_or_committee_member(user: Any, obj: Any) -> bool:
    """The user's person record is invited to the meeting or currently sits on its committee."""
    meeting = _meeting(obj)
    person = getattr(user, "person", None) if user.is_authenticated else None
    if meeting is None or person is None:
        return False
    if meeting.attendances.filter(person=person).exists():
        return True
    return meeting.committee.memberships.current().filter(person=person).exists()


@rules.predicate
def attended(user: Any, obj: Any) -> bool:
    meeting = _meeting(obj)
    person = getattr(user, "person", None) if user.is_authenticated else None
    return bool(meeting and person and meeting.attendances.filter(person=person, attended=True).exists())


@rules.predicate
def minutes_published(user: Any, minutes: Minutes) -> bool:
    return minutes is not None and minutes.status == Minutes.Status.PUBLISHED


@rules.predicate
def minutes_in_review(user: Any, minutes: Minutes) -> bool:
    return minutes is not None and minutes.status == Minutes.Status.IN_REVIEW


@rules.predicate
def meeting_visible(user: Any, obj: Any) -> bool:
    meeting = _meeting(obj)
    return meeting is not None and meeting.is_visible_to(user)


@rules.predicate
def meeting_open_for_answers(user: Any, meeting: Meeting) -> bool:
    return meeting is not None and meeting.status in (Meeting.Status.PLANNED, Meeting.Status.INVITED)


@rules.predicate
def owns_registration(user: Any, registration: Registration) -> bool:
    return registration is not None and registration.user_id == getattr(user, "pk", None)


@rules.predicate
def registration_active(user: Any, registration: Registration) -> bool:
    return registration is not None and registration.status != Registration.Status.CANCELLED


@rules.predicate
def event_open(user: Any, event: Any) -> bool:
    return event is not None and event.registration_open


@rules.predicate
def has_account_role(user: Any) -> bool:
    return roles_of(user).is_member
