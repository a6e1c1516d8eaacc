"""iCalendar: one meeting as .ics, feeds per committee and for the forum, the private feed by key."""

from __future__ import annotations

from datetime import timedelta

import icalendar
import pytest
from django.conf import settings
from django.urls import reverse

from forum.core.models import Visibility
from forum.meetings.models import CalendarToken, Meeting
from forum.organisations.models import Role
from forum.organisations.tests.helpers import log_in_as

from .factories import berlin, in_days

pytestmark = pytest.mark.django_db


def _calendar(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def _events(response) -> dict[str, icalendar.Event]:
    return {str(event["UID"]): event for event in _calendar(response).walk("VEVENT")}


def _uids(*meetings: Meeting) -> set[str]:
    return {meeting.calendar_uid() for meeting in meetings}


@pytest.fixture
def meetings(meeting_factory, committee_factory, district):
    """One meeting of each kind, all within the feeds' window."""
    other = committee_factory(organisation=district, name="Arbeitsgruppe OZG")
    return {
        "public": meeting_factory(title="Öffentlich"),
        "members": meeting_factory(title="Nur Mitglieder", visibility=Visibility.MEMBERS),
        "coordination": meeting_factory(title="Nur Koordination", visibility=Visibility.COORDINATION),
        "draft": meeting_factory(title="Entwurf", is_draft=True),
        "cancelled": meeting_factory(title="Abgesagt", status=Meeting.Status.CANCELLED, status_reason="Krankheit"),
        "past": meeting_factory(
            title="Vergangen", status=Meeting.Status.HELD, start=in_days(-30), end=in_days(-30) + timedelta(hours=2)
        ),
        "other_committee": meeting_factory(title="Andere AG", committee=other),
    }


def test_one_meeting_as_an_ics_file(client, meeting_factory):
    meeting = meeting_factory(start=berlin(2030, 7, 1, 14), end=berlin(2030, 7, 1, 16), location="Landratsamt Lörrach")
    response = client.get(reverse("meetings:meeting_ics", args=[meeting.pk]))
    assert response["Content-Disposition"] == f'attachment; filename="treffen-{meeting.pk}.ics"'
    calendar = _calendar(response)
    assert str(calendar["VERSION"]) == "2.0"
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == f"meeting-{meeting.pk}@{settings.FORUM_CALENDAR_DOMAIN}"
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert event.decoded("DTSTART") == berlin(2030, 7, 1, 14)
    assert event.decoded("DTSTART").utcoffset() == timedelta(hours=2)  # summer time
    assert event.decoded("DTEND") == berlin(2030, 7, 1, 16)
    assert event.decoded("SEQUENCE") == 0
    assert str(event["URL"]) == settings.FORUM_BASE_URL + meeting.get_absolute_url()
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["SUMMARY"]) == str(meeting)
    assert str(event["LOCATION"]) == "Landratsamt Lörrach"
    (timezone,) = calendar.walk("VTIMEZONE")
    assert str(timezone["TZID"]) == "Europe/Berlin"


def test_a_winter_meeting_is_at_utc_plus_one(client, meeting_factory):
    meeting = meeting_factory(start=berlin(2030, 1, 15, 9, 30), end=berlin(2030, 1, 15, 11))
    (event,) = _events(client.get(reverse("meetings:meeting_ics", args=[meeting.pk]))).values()
    start = event.decoded("DTSTART")
    assert (start.hour, start.minute, start.utcoffset()) == (9, 30, timedelta(hours=1))
    assert (
        b"DTSTART;TZID=Europe/Berlin:20300115T093000"
        in client.get(reverse("meetings:meeting_ics", args=[meeting.pk])).content
    )


def test_the_uid_stays_and_the_sequence_grows_with_every_change(client, user_in_role, district, meeting_factory):
    meeting = meeting_factory(number=6)
    url = reverse("meetings:meeting_ics", args=[meeting.pk])

    def event():
        (only,) = _events(client.get(url)).values()
        return only

    first = event()
    log_in_as(client, user_in_role, "coordination", district)
    client.post(
        reverse("meetings:meeting_edit", args=[meeting.pk]),
        {
            "committee": meeting.committee_id,
            "title": "Verschoben",
            "number": "6",
            "start": "2030-02-01T10:00",
            "end": "2030-02-01T12:00",
            "format": "virtual",
            "video_url": meeting.video_url,
            "visibility": "public",
        },
    )
    moved = event()
    client.post(
        reverse("meetings:meeting_status", args=[meeting.pk]), {"status": "cancelled", "status_reason": "Krankheit"}
    )
    cancelled = event()
    assert str(first["UID"]) == str(moved["UID"]) == str(cancelled["UID"])
    assert [e.decoded("SEQUENCE") for e in (first, moved, cancelled)] == [0, 1, 2]
    assert moved.decoded("DTSTART") == berlin(2030, 2, 1, 10)
    assert [str(e["STATUS"]) for e in (first, moved, cancelled)] == ["CONFIRMED", "CONFIRMED", "CANCELLED"]
    assert "Krankheit" in str(cancelled["DESCRIPTION"])


@pytest.mark.parametrize("role", ["anonymous", "member_own", "coordination"])
def test_the_forum_feed_holds_public_meetings_only_whoever_asks(role, client, user_in_role, district, meetings):
    log_in_as(client, user_in_role, role, district)
    response = client.get(reverse("meetings:public_feed"))
    events = _events(response)
    assert set(events) == _uids(
        meetings["public"], meetings["cancelled"], meetings["past"], meetings["other_committee"]
    )
    assert str(events[meetings["cancelled"].calendar_uid()]["STATUS"]) == "CANCELLED"
    body = response.content.decode()
    for hidden in ("Nur Mitglieder", "Nur Koordination", "Entwurf"):
        assert hidden not in body


def test_the_committee_feed_holds_that_committees_public_meetings(client, meetings, forum_committee):
    events = _events(client.get(reverse("meetings:committee_feed", args=[forum_committee.pk])))
    assert set(events) == _uids(meetings["public"], meetings["cancelled"], meetings["past"])
    other = meetings["other_committee"].committee
    assert set(_events(client.get(reverse("meetings:committee_feed", args=[other.pk])))) == _uids(
        meetings["other_committee"]
    )


@pytest.mark.parametrize("state", [{"visibility": Visibility.MEMBERS}, {"is_draft": True}])
def test_a_hidden_committee_has_no_feed(state, client, committee_factory, district, meeting_factory):
    committee = committee_factory(organisation=district, **state)
    meeting_factory(committee=committee)
    assert client.get(reverse("meetings:committee_feed", args=[committee.pk])).status_code == 404


def test_a_meeting_changed_to_members_only_leaves_the_public_feed(client, meetings):
    meeting = meetings["public"]
    meeting.visibility = Visibility.MEMBERS
    meeting.save()
    assert meeting.calendar_uid() not in _events(client.get(reverse("meetings:public_feed")))


def test_meetings_more_than_a_year_ago_leave_the_feeds(client, meeting_factory, forum_committee):
    old = meeting_factory(status=Meeting.Status.HELD, start=in_days(-400), end=in_days(-400) + timedelta(hours=2))
    recent = meeting_factory(status=Meeting.Status.HELD, start=in_days(-300), end=in_days(-300) + timedelta(hours=2))
    uids = set(_events(client.get(reverse("meetings:public_feed"))))
    assert recent.calendar_uid() in uids
    assert old.calendar_uid() not in uids


def test_an_empty_feed_is_a_valid_calendar(client):
    calendar = _calendar(client.get(reverse("meetings:public_feed")))
    assert calendar.walk("VEVENT") == []


def _private_feed(client, key):
    return client.get(reverse("meetings:private_feed", args=[key]))


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("no_role", {"public", "cancelled", "past", "other_committee"}),
        ("member_other", {"public", "members", "cancelled", "past", "other_committee"}),
        ("editor_own", {"public", "members", "draft", "cancelled", "past", "other_committee"}),
        ("coordination", {"public", "members", "coordination", "draft", "cancelled", "past", "other_committee"}),
    ],
)
def test_the_private_feed_holds_what_its_owner_may_see(role, expected, client, user_in_role, district, meetings):
    user = user_in_role(role, district)
    token = CalendarToken.renew(user)
    # The key alone opens it: no session, as a calendar program asks.
    assert set(_events(_private_feed(client, token.key))) == _uids(*(meetings[name] for name in expected))


def test_a_renewed_key_closes_the_old_feed(client, user_in_role, district, meetings):
    user = log_in_as(client, user_in_role, "member_own", district)
    client.post(reverse("meetings:calendar"))
    old = CalendarToken.objects.get(user=user).key
    assert _private_feed(client, old).status_code == 200
    client.post(reverse("meetings:calendar"))
    new = CalendarToken.objects.get(user=user).key
    assert new != old
    assert _private_feed(client, old).status_code == 404
    assert _private_feed(client, new).status_code == 200
    assert new in client.get(reverse("meetings:calendar")).content.decode()


def test_an_inactive_account_has_no_feed(client, user_in_role, district, meetings):
    user = user_in_role("member_own", district)
    token = CalendarToken.renew(user)
    user.is_active = False
    user.save()
    assert _private_feed(client, token.key).status_code == 404


def test_an_ended_role_narrows_the_feed(client, user_in_role, district, meetings):
    user = user_in_role("member_own", district)
    token = CalendarToken.renew(user)
    assert meetings["members"].calendar_uid() in _events(_private_feed(client, token.key))
    Role.objects.filter(user=user).delete()
    assert meetings["members"].calendar_uid() not in _events(_private_feed(client, token.key))


@pytest.mark.parametrize("key", ["unbekannt", "x" * 43])
def test_an_unknown_key_is_not_found(key, client, meetings):
    assert _private_feed(client, key).status_code == 404
