"""Every URL of the meetings app × every role → status, for GET and POST; a POST changes data exactly when it succeeds."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from forum.core.models import Visibility
from forum.documents.tests.samples import pdf, upload
from forum.meetings import urls
from forum.meetings.models import (
    ActionItem,
    AgendaItem,
    AgendaItemAttachment,
    AgendaItemLink,
    Attendance,
    CalendarToken,
    Decision,
    Event,
    Meeting,
    MeetingAttachment,
    Minutes,
    MinutesComment,
    Registration,
    Track,
)
from forum.organisations.models import Membership, Person
from forum.organisations.tests.helpers import ROLES, SAVED, log_in_as, only, outcome

from .world import World, build_world

pytestmark = pytest.mark.django_db

EVERYONE = dict.fromkeys(ROLES, 200)
NOT_ALLOWED = dict.fromkeys(ROLES, 405)
POST_ONLY = only(set(ROLES), then=405)  # login first, then 405 for GET
COORDINATION = {"coordination"}
LOGGED_IN = set(ROLES) - {"anonymous"}
MEMBERS = LOGGED_IN - {"no_role"}

GET: dict[str, dict[str, int | str]] = {
    "meeting_list": EVERYONE,
    "meeting_create": only(COORDINATION, then=200),
    "meeting_detail": EVERYONE,
    "meeting_edit": only(COORDINATION, then=200),
    "meeting_status": only(COORDINATION, then=200),
    "meeting_invite": only(COORDINATION, then=200),
    "meeting_respond": POST_ONLY,
    "meeting_attendance": only(COORDINATION, then=200),
    "meeting_ics": EVERYONE,
    "agenda_item_create": only(COORDINATION, then=200),
    "agenda_item_edit": only(COORDINATION, then=200),
    "agenda_item_delete": POST_ONLY,
    "agenda_item_link": only(COORDINATION, then=200),
    "meeting_attachment_upload": only(COORDINATION, then=200),
    "agenda_item_attachment_upload": only(COORDINATION, then=200),
    "meeting_attachment": EVERYONE,
    "agenda_item_attachment": EVERYONE,
    "minutes": EVERYONE,  # published minutes of a public meeting
    "minutes_advance": POST_ONLY,
    "minutes_comment": POST_ONLY,
    "decision_add": only(COORDINATION, then=200),
    "action_item_create": only(COORDINATION, then=200),
    "action_item_list": EVERYONE,
    "action_item_edit": only(COORDINATION, then=200),
    "committee_statistics": EVERYONE,
    "committee_feed": EVERYONE,
    "calendar": only(LOGGED_IN, then=200),
    "public_feed": EVERYONE,
    "private_feed": EVERYONE,  # the key is the credential, whoever holds it
    "event_list": EVERYONE,
    "event_create": only(COORDINATION, then=200),
    "event_detail": EVERYONE,
    "event_edit": only(COORDINATION, then=200),
    "track_add": only(COORDINATION, then=200),
    "event_participants": only(COORDINATION, then=200),
    "registration_cancel": POST_ONLY,
}

POST: dict[str, dict[str, int | str]] = {
    "meeting_list": NOT_ALLOWED,
    "meeting_create": only(COORDINATION, then=SAVED),
    "meeting_detail": NOT_ALLOWED,
    "meeting_edit": only(COORDINATION, then=SAVED),
    "meeting_status": only(COORDINATION, then=SAVED),
    "meeting_invite": only(COORDINATION, then=SAVED),
    "meeting_respond": only(MEMBERS, then=SAVED),  # each user's person sits on the committee
    "meeting_attendance": only(COORDINATION, then=SAVED),
    "meeting_ics": NOT_ALLOWED,
    "agenda_item_create": only(COORDINATION, then=SAVED),
    "agenda_item_edit": only(COORDINATION, then=SAVED),
    "agenda_item_delete": only(COORDINATION, then=SAVED),
    "agenda_item_link": only(COORDINATION, then=SAVED),
    "meeting_attachment_upload": only(COORDINATION, then=SAVED),
    "agenda_item_attachment_upload": only(COORDINATION, then=SAVED),
    "meeting_attachment": NOT_ALLOWED,
    "agenda_item_attachment": NOT_ALLOWED,
    # No login_required here (published minutes are public), so anonymous gets 403 rather than the log-in page.
    # The world's minutes are published: their text is final, even for the coordination.
    "minutes": dict.fromkeys(ROLES, 403),
    "minutes_advance": only(COORDINATION, then=SAVED),
    "minutes_comment": only(MEMBERS, then=SAVED),  # each user attended the meeting
    "decision_add": only(COORDINATION, then=SAVED),
    "action_item_create": only(COORDINATION, then=SAVED),
    "action_item_list": NOT_ALLOWED,
    "action_item_edit": only(COORDINATION, then=SAVED),
    "committee_statistics": NOT_ALLOWED,
    "committee_feed": NOT_ALLOWED,
    "calendar": only(LOGGED_IN, then=SAVED),
    "public_feed": NOT_ALLOWED,
    "private_feed": NOT_ALLOWED,
    "event_list": NOT_ALLOWED,
    "event_create": only(COORDINATION, then=SAVED),
    "event_detail": only(MEMBERS, then=SAVED),  # registration
    "event_edit": only(COORDINATION, then=SAVED),
    "track_add": only(COORDINATION, then=SAVED),
    "event_participants": POST_ONLY,
    "registration_cancel": only(LOGGED_IN, then=SAVED),  # each user's own registration
}


def test_the_tables_cover_every_url_name():
    names = {pattern.name for pattern in urls.urlpatterns}
    assert set(GET) == names
    assert set(POST) == names


@pytest.fixture
def world(forum_committee, binzen, meeting_factory, event_factory, make_user) -> World:
    return build_world(forum_committee, binzen, meeting_factory, event_factory, make_user, lazy=True)


# What must exist before the request (the world makes the rest on first use).
NEEDS = {
    "meeting_detail": ["item", "meeting_file", "item_file", "attendance"],
    "meeting_attachment_upload": ["meeting_file"],
    "agenda_item_attachment_upload": ["item_file"],
    "minutes": ["minutes"],
    "minutes_advance": ["draft_minutes"],
    "minutes_comment": ["review_minutes"],
    "action_item_list": ["action"],
    "committee_statistics": ["held", "attendance"],
    "committee_feed": ["meeting", "held"],
    "public_feed": ["meeting", "held"],
    "private_feed": ["meeting", "held"],
    "meeting_list": ["meeting", "held"],
    "event_list": ["event"],
    "event_detail": ["track"],
    "event_participants": ["track"],
}


def _prepare(view: str, user: Any, w: World, binzen: Any) -> dict[str, Any]:
    """What the logged-in user needs for ``view``: a seat on the committee, presence, an own registration."""
    for name in NEEDS.get(view, []):
        getattr(w, name)
    context: dict[str, Any] = {"user": user}
    if view != "registration_cancel" and view != "event_detail":
        if view in ("meeting_respond", "minutes_comment") and user.is_authenticated:
            person = Person.objects.create(given_name="Ida", family_name="Intern", organisation=binzen, user=user)
            Membership.objects.create(person=person, committee=w.committee, on_behalf_of=binzen)
            Attendance.objects.create(meeting=w.review, person=person, organisation=binzen, attended=True)
        return context
    if not user.is_authenticated:
        context["registration"] = Registration.objects.create(event=w.event, user=w.token.user)
        return context
    context["registration"] = Registration.objects.create(event=w.event, user=user)
    return context


def _url(view: str, w: World, context: dict[str, Any]) -> str:
    name = f"meetings:{view}"
    by_meeting = {
        "meeting_detail",
        "meeting_edit",
        "meeting_status",
        "meeting_invite",
        "meeting_respond",
        "meeting_attendance",
        "meeting_ics",
        "meeting_attachment_upload",
        "decision_add",
        "action_item_create",
        "agenda_item_create",
    }
    by_event = {"event_detail", "event_edit", "track_add", "event_participants"}
    args: list[Any] = []
    if view in by_meeting:
        args = [w.meeting.pk]
    elif view in by_event:
        args = [w.event.pk]
    elif view in ("agenda_item_edit", "agenda_item_delete", "agenda_item_link"):
        args = [w.item.pk]
    elif view == "agenda_item_attachment_upload":
        args = [w.meeting.pk, w.item.pk]
    elif view == "meeting_attachment":
        args = [w.meeting_file.pk]
    elif view == "agenda_item_attachment":
        args = [w.item_file.pk]
    elif view == "minutes":
        args = [w.held.pk]
    elif view == "minutes_advance":
        args = [w.held_draft.pk]
    elif view == "minutes_comment":
        args = [w.review.pk]
    elif view == "action_item_edit":
        args = [w.action.pk]
    elif view in ("committee_statistics", "committee_feed"):
        args = [w.committee.pk]
    elif view == "private_feed":
        args = [w.token.key]
    elif view == "registration_cancel":
        args = [context["registration"].pk]
    url = reverse(name, args=args)
    if view == "meeting_create":
        url += f"?gremium={w.committee.pk}"
    return url


def meeting_data(w: World, **changes: Any) -> dict[str, Any]:
    return {
        "committee": w.committee.pk,
        "title": "Neu geplantes Treffen",
        "number": "7",
        "start": "2030-05-06T14:00",
        "end": "2030-05-06T16:00",
        "format": Meeting.Format.VIRTUAL,
        "location": "",
        "video_url": "https://video.example.org/forum",
        "description": "Austausch der Kommunen.",
        "visibility": Visibility.PUBLIC,
    } | changes


def event_data(w: World, **changes: Any) -> dict[str, Any]:
    return {
        "organiser": w.committee.organisation_id,
        "title": "Neue Veranstaltung",
        "description": "",
        "start": "2030-04-06T09:00",
        "end": "2030-04-06T16:00",
        "location": "Landratsamt Lörrach",
        "capacity": "60",
        "registration_open": "on",
        "visibility": Visibility.PUBLIC,
    } | changes


def _data(view: str, w: World, binzen: Any) -> dict[str, Any]:
    data: dict[str, dict[str, Any]] = {
        "meeting_create": meeting_data(w),
        "meeting_edit": meeting_data(w, title="Geändertes Treffen", number="6"),
        "meeting_status": {"status": Meeting.Status.CANCELLED, "status_reason": "Krankheit"},
        "meeting_respond": {"response": Attendance.Response.REGISTERED},
        "meeting_attendance": {"present": [w.attendance.pk]},
        "agenda_item_create": {"number": "2", "title": "Austausch", "text": "", "visibility": Visibility.PUBLIC},
        "agenda_item_edit": {"number": "1", "title": "Begrüßung und Tagesordnung", "visibility": Visibility.PUBLIC},
        "agenda_item_link": {"title": "Binzen", "path": "/kommunen/08336008/"},
        "meeting_attachment_upload": {"title": "Protokoll", "file": upload("Protokoll.pdf", pdf())},
        "agenda_item_attachment_upload": {"title": "Folien", "file": upload("Folien.pdf", pdf())},
        "minutes": {"text": "Neuer Text"},
        "minutes_advance": {"status": Minutes.Status.IN_REVIEW},
        "minutes_comment": {"text": "Bitte Binzen ergänzen."},
        "decision_add": {"agenda_item": "", "text": "Eine Arbeitsgruppe wird eingerichtet."},
        "action_item_create": {
            "agenda_item": "",
            "title": "Neue Aufgabe",
            "responsible_organisation": binzen.pk,
            "responsible_person": "",
            "due_date": "2030-01-31",
            "status": ActionItem.Status.OPEN,
        },
        "action_item_edit": {
            "agenda_item": "",
            "title": "Geänderte Aufgabe",
            "responsible_organisation": binzen.pk,
            "responsible_person": "",
            "due_date": "",
            "status": ActionItem.Status.IN_PROGRESS,
        },
        "event_create": event_data(w),
        "event_edit": event_data(w, title="Geänderte Veranstaltung"),
        "event_detail": {"track": w.track.pk},
        "track_add": {"title": "Smart Region", "capacity": "10"},
    }
    return data.get(view, {"x": "1"})  # a non-empty body, as every browser form sends its CSRF token


def _effect(view: str, w: World, context: dict[str, Any]) -> bool:
    """Whether the POST to ``view`` changed the database."""
    user = context["user"]
    meeting = Meeting.objects.get(pk=w.meeting.pk)
    checks = {
        "meeting_create": lambda: Meeting.objects.filter(title="Neu geplantes Treffen").exists(),
        "meeting_edit": lambda: meeting.title == "Geändertes Treffen",
        "meeting_status": lambda: meeting.status == Meeting.Status.CANCELLED,
        "meeting_invite": lambda: meeting.status == Meeting.Status.INVITED,
        "meeting_respond": lambda: Attendance.objects.filter(
            meeting=meeting, person__user__pk=user.pk, response=Attendance.Response.REGISTERED
        ).exists(),
        "meeting_attendance": lambda: Attendance.objects.get(pk=w.attendance.pk).attended,
        "agenda_item_create": lambda: AgendaItem.objects.filter(meeting=meeting, number="2").exists(),
        "agenda_item_edit": lambda: AgendaItem.objects.get(pk=w.item.pk).title == "Begrüßung und Tagesordnung",
        "agenda_item_delete": lambda: not AgendaItem.objects.filter(pk=w.item.pk).exists(),
        "agenda_item_link": lambda: AgendaItemLink.objects.filter(agenda_item=w.item).exists(),
        "meeting_attachment_upload": lambda: MeetingAttachment.objects.filter(meeting=meeting).count() == 2,
        "agenda_item_attachment_upload": lambda: AgendaItemAttachment.objects.filter(agenda_item=w.item).count() == 2,
        "minutes": lambda: Minutes.objects.get(pk=w.minutes.pk).text == "Neuer Text",
        "minutes_advance": lambda: Minutes.objects.get(pk=w.draft_minutes.pk).status == Minutes.Status.IN_REVIEW,
        "minutes_comment": lambda: MinutesComment.objects.filter(minutes=w.review_minutes).exists(),
        "decision_add": lambda: Decision.objects.filter(meeting=meeting).exists(),
        "action_item_create": lambda: ActionItem.objects.filter(title="Neue Aufgabe").exists(),
        "action_item_edit": lambda: ActionItem.objects.get(pk=w.action.pk).title == "Geänderte Aufgabe",
        "calendar": lambda: CalendarToken.objects.filter(user__pk=user.pk).exists(),
        "event_create": lambda: Event.objects.filter(title="Neue Veranstaltung").exists(),
        "event_edit": lambda: Event.objects.get(pk=w.event.pk).title == "Geänderte Veranstaltung",
        "track_add": lambda: Track.objects.filter(title="Smart Region").exists(),
        "registration_cancel": lambda: (
            Registration.objects.get(pk=context["registration"].pk).status == Registration.Status.CANCELLED
        ),
    }
    check = checks.get(view)
    return bool(check and check())


@pytest.mark.parametrize(("view", "role"), [(view, role) for view in GET for role in ROLES])
def test_it_answers_get_by_role(view, role, client, user_in_role, district, binzen, world):
    user = log_in_as(client, user_in_role, role, district)
    context = _prepare(view, user, world, binzen)
    assert outcome(client.get(_url(view, world, context))) == GET[view][role]


@pytest.mark.parametrize(("view", "role"), [(view, role) for view in POST for role in ROLES])
def test_it_answers_post_by_role(view, role, client, user_in_role, district, binzen, world):
    user = log_in_as(client, user_in_role, role, district)
    context = _prepare(view, user, world, binzen)
    if view == "event_detail" and user.is_authenticated:
        context["registration"].delete()  # the registration to test is a new one
    result = outcome(client.post(_url(view, world, context), _data(view, world, binzen)))
    assert result == POST[view][role]
    expected_effect = result == SAVED
    if view == "event_detail":
        assert Registration.objects.filter(event=world.event, user__pk=user.pk).exists() is expected_effect
    else:
        assert _effect(view, world, context) is expected_effect
