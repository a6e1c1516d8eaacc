"""Invitations: one e-mail per current member through real SMTP, with the agenda each may see and an .ics file;
answers; recording who attended."""

from __future__ import annotations

from datetime import date, timedelta
from email.header import decode_header, make_header
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.conf import settings
from django.urls import reverse

from conftest import mail_text
from forum.core.models import Visibility
from forum.meetings.models import AgendaItem, Attendance, Meeting
from forum.meetings.services import send_invitations
from forum.organisations.models import Membership, Person, Role
from forum.organisations.tests.helpers import log_in_as

from .factories import berlin

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def meeting(meeting_factory):
    meeting = meeting_factory(
        title="Kommunales Digitalisierungsforum", number=6, start=berlin(2030, 3, 12, 14), end=berlin(2030, 3, 12, 16)
    )
    AgendaItem.objects.create(meeting=meeting, number="1", title="Begrüßung")
    AgendaItem.objects.create(
        meeting=meeting, number="2", title="Interne Haushaltsplanung", visibility=Visibility.MEMBERS
    )
    AgendaItem.objects.create(
        meeting=meeting, number="3", title="Abstimmung der Koordination", visibility=Visibility.COORDINATION
    )
    AgendaItem.objects.create(meeting=meeting, number="10", title="Verschiedenes")
    return meeting


@pytest.fixture
def members(forum_committee, binzen, loerrach, make_user):
    """Current members of the forum: with a member account, without an account, an account without role,
    an inactive account, and one without e-mail; plus a former member."""

    def seat(given, family, organisation, *, user=None, email=True, end=None):
        person = Person.objects.create(
            given_name=given,
            family_name=family,
            organisation=organisation,
            user=user,
            email=f"{given.lower()}@{organisation.slug}.example.org" if email else "",
        )
        Membership.objects.create(
            person=person,
            committee=forum_committee,
            on_behalf_of=organisation,
            start_date=date(2020, 11, 1),
            end_date=end,
        )
        return person

    member_account = make_user()
    Role.objects.create(user=member_account, kind=Role.Kind.MEMBER, organisation=binzen)
    inactive = make_user(is_active=False)
    Role.objects.create(user=inactive, kind=Role.Kind.MEMBER, organisation=loerrach)
    return {
        "member": seat("Mia", "Mitglied", binzen, user=member_account),
        "no_account": seat("Otto", "Ohnekonto", loerrach),
        "no_role": seat("Nina", "Ohnerolle", loerrach, user=make_user()),
        "inactive": seat("Ingo", "Inaktiv", loerrach, user=inactive),
        "no_email": seat("Emil", "Ohnemail", binzen, email=False),
        "former": seat("Fritz", "Frueher", binzen, end=date(2021, 12, 31)),
    }


def _mails_by_recipient(smtp_server):
    return {message["To"]: message for message in smtp_server.messages}


def _calendar(message) -> icalendar.Calendar:
    parts = [part for part in message.walk() if part.get_content_type() == "text/calendar"]
    assert len(parts) == 1
    return icalendar.Calendar.from_ical(parts[0].get_payload(decode=True))


def _invite(client, meeting, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("meetings:meeting_invite", args=[meeting.pk]))


def test_current_members_with_an_address_get_one_mail_each(
    client, user_in_role, district, meeting, members, smtp_server, django_capture_on_commit_callbacks
):
    log_in_as(client, user_in_role, "coordination", district)
    response = _invite(client, meeting, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    mails = _mails_by_recipient(smtp_server)
    expected = {members[key].email for key in ("member", "no_account", "no_role", "inactive")}
    assert set(mails) == expected
    assert len(smtp_server.messages) == 4
    invited = set(Attendance.objects.filter(meeting=meeting).values_list("person__family_name", flat=True))
    assert invited == {"Mitglied", "Ohnekonto", "Ohnerolle", "Inaktiv", "Ohnemail"}  # not the former member
    meeting.refresh_from_db()
    assert (meeting.status, meeting.sequence) == (Meeting.Status.INVITED, 1)
    binzen_member = Attendance.objects.get(meeting=meeting, person=members["member"])
    assert binzen_member.organisation == members["member"].organisation
    assert binzen_member.invited_at is not None


def test_each_mail_holds_only_the_agenda_its_reader_may_see(
    client, user_in_role, district, meeting, members, smtp_server, django_capture_on_commit_callbacks
):
    log_in_as(client, user_in_role, "coordination", district)
    _invite(client, meeting, django_capture_on_commit_callbacks)
    mails = _mails_by_recipient(smtp_server)
    public_only = ["Begrüßung", "Verschiedenes"]
    for key, sees_members in [("member", True), ("no_account", False), ("no_role", False), ("inactive", False)]:
        body = mail_text(mails[members[key].email])
        for title in public_only:
            assert title in body, key
        assert ("Interne Haushaltsplanung" in body) is sees_members, key
        assert "Abstimmung der Koordination" not in body, key
        assert "Abstimmung der Koordination" not in mails[members[key].email].as_string(), key
    member_body = mail_text(mails[members["member"].email])
    assert (
        member_body.index("Begrüßung")
        < member_body.index("Interne Haushaltsplanung")
        < member_body.index("Verschiedenes")
    )  # TOP 1, 2, 10


def test_the_mail_carries_the_meeting_as_an_ics_file(
    client, user_in_role, district, meeting, members, smtp_server, django_capture_on_commit_callbacks
):
    log_in_as(client, user_in_role, "coordination", district)
    _invite(client, meeting, django_capture_on_commit_callbacks)
    message = _mails_by_recipient(smtp_server)[members["no_account"].email]
    assert meeting.title in str(make_header(decode_header(message["Subject"])))
    calendar = _calendar(message)
    (event,) = calendar.walk("VEVENT")
    meeting.refresh_from_db()
    assert str(event["UID"]) == f"meeting-{meeting.pk}@{settings.FORUM_CALENDAR_DOMAIN}"
    start = event.decoded("DTSTART")
    assert start == berlin(2030, 3, 12, 14)
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert (start.hour, start.utcoffset()) == (14, timedelta(hours=1))
    assert event.decoded("DTEND") == berlin(2030, 3, 12, 16)
    assert event.decoded("SEQUENCE") == meeting.sequence == 1
    assert str(event["URL"]) == settings.FORUM_BASE_URL + meeting.get_absolute_url()
    assert str(event["STATUS"]) == "CONFIRMED"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]


def test_sending_again_invites_only_new_members(
    client,
    user_in_role,
    district,
    meeting,
    members,
    forum_committee,
    binzen,
    smtp_server,
    django_capture_on_commit_callbacks,
):
    log_in_as(client, user_in_role, "coordination", district)
    _invite(client, meeting, django_capture_on_commit_callbacks)
    newcomer = Person.objects.create(
        given_name="Nele", family_name="Neu", organisation=binzen, email="nele@binzen.example.org"
    )
    Membership.objects.create(person=newcomer, committee=forum_committee, on_behalf_of=binzen)
    smtp_server.messages.clear()
    _invite(client, meeting, django_capture_on_commit_callbacks)
    assert [message["To"] for message in smtp_server.messages] == ["nele@binzen.example.org"]
    meeting.refresh_from_db()
    assert (meeting.status, meeting.sequence) == (Meeting.Status.INVITED, 1)
    assert Attendance.objects.filter(meeting=meeting).count() == 6


@pytest.mark.parametrize("status", [Meeting.Status.HELD, Meeting.Status.CANCELLED])
def test_a_finished_meeting_sends_no_invitations(
    status, client, user_in_role, district, meeting, members, smtp_server, django_capture_on_commit_callbacks
):
    meeting.change_status(status, reason="Sturm")
    log_in_as(client, user_in_role, "coordination", district)
    assert _invite(client, meeting, django_capture_on_commit_callbacks).status_code == 302
    assert smtp_server.messages == []
    assert not Attendance.objects.filter(meeting=meeting).exists()


def test_nothing_is_sent_when_the_invitation_fails(
    meeting, members, smtp_server, django_capture_on_commit_callbacks, monkeypatch
):
    """The attendance rows and the status change roll back together; no mail leaves for a rolled-back invitation."""

    def broken(self, *args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(Meeting, "change_status", broken)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        send_invitations(meeting, by=None)
    assert smtp_server.messages == []
    assert not Attendance.objects.filter(meeting=meeting).exists()


def test_a_member_registers_and_declines(client, meeting, members, user_in_role):
    client.force_login(members["member"].user)
    url = reverse("meetings:meeting_respond", args=[meeting.pk])
    assert client.post(url, {"response": "registered"}).status_code == 302
    attendance = Attendance.objects.get(meeting=meeting, person=members["member"])
    assert attendance.response == Attendance.Response.REGISTERED
    assert client.post(url, {"response": "declined"}).status_code == 302
    attendance.refresh_from_db()
    assert attendance.response == Attendance.Response.DECLINED
    assert client.post(url, {"response": "vielleicht"}).status_code == 302
    attendance.refresh_from_db()
    assert attendance.response == Attendance.Response.DECLINED
    assert [row.response for row in attendance.history.order_by("history_date", "history_id")] == [
        "open",
        "registered",
        "declined",
    ]


def test_someone_outside_the_committee_may_not_answer(client, meeting, user_in_role, district, binzen):
    user = log_in_as(client, user_in_role, "member_other", district)
    Person.objects.create(given_name="Xaver", family_name="Aussen", organisation=binzen, user=user)
    assert (
        client.post(reverse("meetings:meeting_respond", args=[meeting.pk]), {"response": "registered"}).status_code
        == 403
    )
    assert not Attendance.objects.filter(meeting=meeting).exists()


def test_the_coordination_records_who_attended(client, user_in_role, district, meeting, members, binzen):
    send_invitations(meeting, by=None)
    meeting.change_status(Meeting.Status.HELD)
    log_in_as(client, user_in_role, "coordination", district)
    present = Attendance.objects.filter(meeting=meeting, person__in=[members["member"], members["no_account"]])
    response = client.post(
        reverse("meetings:meeting_attendance", args=[meeting.pk]), {"present": [a.pk for a in present]}
    )
    assert response.status_code == 302
    attended = set(
        Attendance.objects.filter(meeting=meeting, attended=True).values_list("person__family_name", flat=True)
    )
    assert attended == {"Mitglied", "Ohnekonto"}
    # A person who came without invitation is added, then marked present.
    guest = Person.objects.create(given_name="Gabi", family_name="Gast", organisation=binzen)
    assert (
        client.post(reverse("meetings:meeting_attendance", args=[meeting.pk]), {"person": guest.pk}).status_code == 302
    )
    guest_attendance = Attendance.objects.get(meeting=meeting, person=guest)
    assert guest_attendance.organisation == binzen
    client.post(
        reverse("meetings:meeting_attendance", args=[meeting.pk]),
        {"present": [a.pk for a in present] + [guest_attendance.pk]},
    )
    attended = set(
        Attendance.objects.filter(meeting=meeting, attended=True).values_list("person__family_name", flat=True)
    )
    assert attended == {"Mitglied", "Ohnekonto", "Gast"}


def test_only_the_coordination_and_the_invited_see_who_takes_part(client, meeting, members, user_in_role, district):
    send_invitations(meeting, by=None)
    page = client.get(meeting.get_absolute_url())
    assert "attendances" not in page.context
    assert "Ohnekonto" not in page.content.decode()
    client.force_login(members["member"].user)
    assert "Ohnekonto" in client.get(meeting.get_absolute_url()).content.decode()
    log_in_as(client, user_in_role, "member_other", district)
    assert "Ohnekonto" not in client.get(meeting.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("starts", "ends", "invited"),
    [
        (date(2030, 3, 12), None, True),  # starts on the meeting's day (in UTC it is still the 11th)
        (None, date(2030, 3, 11), False),  # ended the day before (in UTC the meeting's day)
        (None, date(2030, 3, 12), True),
        (date(2030, 3, 13), None, False),
    ],
)
def test_membership_counts_on_the_meetings_day_in_loerrach(
    starts, ends, invited, meeting_factory, forum_committee, binzen
):
    """A meeting at 00:30 in Lörrach is still the previous day in UTC; memberships count on the local day."""
    start = berlin(2030, 3, 12, 0, 30)
    meeting = meeting_factory(start=start, end=start + timedelta(hours=1))
    person = Person.objects.create(given_name="Tim", family_name="Tag", organisation=binzen)
    Membership.objects.create(person=person, committee=forum_committee, start_date=starts, end_date=ends)
    send_invitations(Meeting.objects.get(pk=meeting.pk), by=None)  # as read from the database: in UTC
    assert Attendance.objects.filter(meeting=meeting, person=person).exists() is invited
