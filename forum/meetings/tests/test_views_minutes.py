"""Minutes (draft → in review → approved → published), corrections by attendees, decisions and action items."""

from __future__ import annotations

import pytest
from django.urls import reverse

from forum.core.models import Visibility
from forum.meetings.models import ActionItem, Attendance, Decision, Meeting, Minutes, MinutesComment
from forum.organisations.models import Person
from forum.organisations.tests.helpers import ROLES, element_text, log_in_as

pytestmark = pytest.mark.django_db

S = Meeting.Status


@pytest.fixture
def held(meeting_factory):
    return meeting_factory(title="Fünftes Treffen", status=S.HELD)


@pytest.fixture
def attendee(held, binzen, user_in_role, district):
    """A member account whose person attended the held meeting."""
    user = user_in_role("member_other", district)
    person = Person.objects.create(given_name="Anna", family_name="Anwesend", organisation=binzen, user=user)
    Attendance.objects.create(meeting=held, person=person, organisation=binzen, attended=True)
    return user


@pytest.fixture
def absentee(held, binzen, user_in_role, district):
    """A member account whose person was invited but did not come."""
    user = user_in_role("member_other", district)
    person = Person.objects.create(given_name="Abel", family_name="Abwesend", organisation=binzen, user=user)
    Attendance.objects.create(meeting=held, person=person, organisation=binzen, attended=False)
    return user


def _advance(client, meeting, status):
    return client.post(reverse("meetings:minutes_advance", args=[meeting.pk]), {"status": status})


def _comment(client, meeting, text="In TOP 2 fehlt Binzen."):
    return client.post(reverse("meetings:minutes_comment", args=[meeting.pk]), {"text": text})


def test_the_whole_way_of_the_minutes(client, user_in_role, district, held, attendee, absentee):
    coordinator = user_in_role("coordination", district)
    minutes_url = reverse("meetings:minutes", args=[held.pk])

    client.force_login(coordinator)
    assert client.get(minutes_url).status_code == 200  # opens a draft
    assert client.post(minutes_url, {"text": "Die Kommunen berichten."}).status_code == 302
    minutes = Minutes.objects.get(meeting=held)
    assert (minutes.status, minutes.text) == (Minutes.Status.DRAFT, "Die Kommunen berichten.")

    client.force_login(attendee)
    assert client.get(minutes_url).status_code == 404  # a draft is for the coordination only
    assert _comment(client, held).status_code == 403

    client.force_login(coordinator)
    assert _advance(client, held, "in_review").status_code == 302

    client.force_login(attendee)
    assert client.get(minutes_url).status_code == 200
    assert _comment(client, held).status_code == 302
    client.force_login(absentee)
    assert client.get(minutes_url).status_code == 404
    assert _comment(client, held, "Ich war nicht da.").status_code == 403
    log_in_as(client, user_in_role, "no_role", district)
    assert client.get(minutes_url).status_code == 404
    client.logout()
    assert client.get(minutes_url).status_code == 404
    assert list(MinutesComment.objects.values_list("text", "author")) == [("In TOP 2 fehlt Binzen.", attendee.pk)]

    client.force_login(coordinator)
    assert "In TOP 2 fehlt Binzen." in client.get(minutes_url).content.decode()
    assert _advance(client, held, "approved").status_code == 302
    minutes.refresh_from_db()
    assert (minutes.status, minutes.approved_by) == (Minutes.Status.APPROVED, coordinator)
    assert minutes.approved_at is not None

    client.force_login(attendee)
    assert _comment(client, held, "Zu spät.").status_code == 403
    client.logout()
    assert client.get(minutes_url).status_code == 404

    client.force_login(coordinator)
    assert _advance(client, held, "published").status_code == 302
    client.logout()
    response = client.get(minutes_url)
    assert response.status_code == 200
    assert "Die Kommunen berichten." in response.content.decode()
    assert "In TOP 2 fehlt Binzen." not in response.content.decode()  # corrections are not published
    assert MinutesComment.objects.count() == 1
    assert [r.status for r in minutes.history.order_by("history_date", "history_id")] == [
        "draft",
        "draft",
        "in_review",
        "approved",
        "published",
    ]


@pytest.mark.parametrize("status", [S.PLANNED, S.INVITED, S.ABORTED, S.CANCELLED])
def test_minutes_go_to_review_only_after_the_meeting_was_held(status, client, user_in_role, district, meeting_factory):
    meeting = meeting_factory(status=status, status_reason="" if status in (S.PLANNED, S.INVITED) else "Technik")
    log_in_as(client, user_in_role, "coordination", district)
    client.get(reverse("meetings:minutes", args=[meeting.pk]))
    assert _advance(client, meeting, "in_review").status_code == 302
    assert Minutes.objects.get(meeting=meeting).status == Minutes.Status.DRAFT


@pytest.mark.parametrize("status", ["approved", "published", "draft", "nonsense", ""])
def test_the_minutes_cannot_skip_a_step(status, client, user_in_role, district, held):
    Minutes.objects.create(meeting=held)
    log_in_as(client, user_in_role, "coordination", district)
    _advance(client, held, status)
    assert Minutes.objects.get(meeting=held).status == Minutes.Status.DRAFT


@pytest.mark.parametrize(
    ("visibility", "role", "expected"),
    [(Visibility.PUBLIC, role, 200) for role in ROLES]
    + [(Visibility.MEMBERS, role, 404 if role in ("anonymous", "no_role") else 200) for role in ROLES],
)
def test_the_public_reads_published_minutes_of_public_meetings_only(
    visibility, role, expected, client, user_in_role, district, meeting_factory
):
    meeting = meeting_factory(status=S.HELD, visibility=visibility)
    Minutes.objects.create(meeting=meeting, status=Minutes.Status.PUBLISHED, text="Veröffentlicht")
    log_in_as(client, user_in_role, role, district)
    assert client.get(reverse("meetings:minutes", args=[meeting.pk])).status_code == expected
    detail = client.get(meeting.get_absolute_url())
    assert (detail.status_code, detail.context and detail.context.get("minutes") is not None) == (
        (200, True) if expected == 200 else (404, False)
    )


def test_an_empty_correction_is_refused_on_the_form(client, held, attendee):
    Minutes.objects.create(meeting=held, status=Minutes.Status.IN_REVIEW)
    client.force_login(attendee)
    response = _comment(client, held, "   ")
    assert response.status_code == 200
    assert element_text(response, "fehler") is not None
    assert not MinutesComment.objects.exists()


def test_decisions_and_action_items_are_recorded(client, user_in_role, district, held, binzen):
    log_in_as(client, user_in_role, "coordination", district)
    item = held.agenda_items.create(number="2", title="IKZ")
    assert (
        client.post(
            reverse("meetings:decision_add", args=[held.pk]),
            {"agenda_item": item.pk, "text": "Die AG wird eingerichtet."},
        ).status_code
        == 302
    )
    assert list(Decision.objects.filter(meeting=held).values_list("agenda_item", "text")) == [
        (item.pk, "Die AG wird eingerichtet.")
    ]
    response = client.post(
        reverse("meetings:action_item_create", args=[held.pk]),
        {
            "agenda_item": item.pk,
            "title": "Willensbekundung vorbereiten",
            "responsible_organisation": binzen.pk,
            "due_date": "2030-03-31",
            "status": "open",
        },
    )
    assert response.status_code == 302
    action = ActionItem.objects.get(title="Willensbekundung vorbereiten")
    assert (action.meeting, action.agenda_item, action.responsible_organisation) == (held, item, binzen)
    response = client.post(
        reverse("meetings:action_item_edit", args=[action.pk]),
        {
            "agenda_item": item.pk,
            "title": action.title,
            "responsible_organisation": binzen.pk,
            "due_date": "2030-03-31",
            "status": "done",
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == ActionItem.Status.DONE
    assert action.history.count() == 2


def test_an_action_item_needs_someone_responsible(client, user_in_role, district, held):
    log_in_as(client, user_in_role, "coordination", district)
    response = client.post(
        reverse("meetings:action_item_create", args=[held.pk]),
        {"title": "Niemand zuständig", "due_date": "2030-03-31", "status": "open"},
    )
    assert response.status_code == 200
    assert element_text(response, "fehler") is not None
    assert not ActionItem.objects.exists()


def test_an_agenda_item_of_another_meeting_cannot_be_chosen(
    client, user_in_role, district, held, meeting_factory, binzen
):
    foreign = meeting_factory().agenda_items.create(number="1", title="Fremd")
    log_in_as(client, user_in_role, "coordination", district)
    response = client.post(reverse("meetings:decision_add", args=[held.pk]), {"agenda_item": foreign.pk, "text": "X"})
    assert response.status_code == 200
    assert element_text(response, "fehler") is not None
    assert not Decision.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_the_task_list_shows_open_items_of_visible_meetings_only(
    role, client, user_in_role, district, binzen, meeting_factory, action_item_factory
):
    public = meeting_factory(status=S.HELD)
    members = meeting_factory(status=S.HELD, visibility=Visibility.MEMBERS)
    secret = meeting_factory(status=S.HELD, visibility=Visibility.COORDINATION)
    draft = meeting_factory(status=S.HELD, is_draft=True)
    action_item_factory(meeting=public, title="Offen öffentlich", responsible_organisation=binzen)
    action_item_factory(
        meeting=public, title="In Arbeit öffentlich", responsible_organisation=binzen, status="in_progress"
    )
    action_item_factory(meeting=public, title="Erledigt öffentlich", responsible_organisation=binzen, status="done")
    action_item_factory(meeting=members, title="Offen intern", responsible_organisation=binzen)
    action_item_factory(meeting=secret, title="Offen geheim", responsible_organisation=binzen)
    action_item_factory(meeting=draft, title="Offen Entwurf", responsible_organisation=binzen)
    log_in_as(client, user_in_role, role, district)
    response = client.get(reverse("meetings:action_item_list"))
    titles = {action.title for action in response.context["page_obj"]}
    expected = {"Offen öffentlich", "In Arbeit öffentlich"}
    if role not in ("anonymous", "no_role"):
        expected.add("Offen intern")
    if role in ("coordination", "operator"):
        expected |= {"Offen geheim", "Offen Entwurf"}
    if role == "editor_own":
        expected.add("Offen Entwurf")
    assert titles == expected
    body = response.content.decode()
    assert "Erledigt öffentlich" not in body
    for title in {"Offen intern", "Offen geheim", "Offen Entwurf"} - expected:
        assert title not in body
