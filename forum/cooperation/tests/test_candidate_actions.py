"""From overlap to action: a cooperation candidate becomes an agenda item of a coming forum meeting, or a draft undertaking."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from forum.cooperation.models import Participation, Undertaking
from forum.meetings.models import AgendaItem, Meeting
from forum.meetings.tests.factories import MeetingFactory
from forum.organisations.models import Committee
from forum.organisations.tests.helpers import log_in_as

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordination(client, user_in_role, loerrach):
    return log_in_as(client, user_in_role, "coordination", loerrach)


def _agenda_url(key: str) -> str:
    return reverse("cooperation:candidate_to_agenda", args=[key])


def test_the_form_offers_coming_forum_meetings_only(
    client, coordination, candidate_key, forum_meeting, forum_committee
):
    past = MeetingFactory(committee=forum_committee, number=1, start=timezone.now() - timedelta(days=30))
    past.end = past.start + timedelta(hours=2)
    past.save()
    cancelled = MeetingFactory(committee=forum_committee, number=8)
    cancelled.change_status(Meeting.Status.CANCELLED, reason="Krankheit")
    council = Committee.objects.create(
        name="Kreistag", kind=Committee.Kind.COUNCIL, organisation=forum_committee.organisation
    )
    other = MeetingFactory(committee=council)  # coming, but not of the forum
    response = client.get(_agenda_url(candidate_key))
    offered = list(response.context["form"].fields["meeting"].queryset)
    assert offered == [forum_meeting]
    assert other not in offered
    assert response.context["form"].initial["title"] == gettext("Overlap: %(topics)s") % {
        "topics": "E-Akte & Dokumentenmanagement"
    }


def test_it_puts_the_candidate_on_the_agenda_with_links(
    client, coordination, candidate_key, candidate_entries, forum_meeting, towns
):
    response = client.post(
        _agenda_url(candidate_key), {"meeting": forum_meeting.pk, "number": "3", "title": "Schnittmenge: E-Akte"}
    )
    assert response.url == forum_meeting.get_absolute_url()
    item = AgendaItem.objects.get(meeting=forum_meeting)
    assert (item.number, item.title) == ("3", "Schnittmenge: E-Akte")
    assert all(town.name in item.text for town in towns)
    paths = list(item.links.values_list("path", flat=True))
    assert paths[0] == reverse("overlaps:candidate_detail", args=[candidate_key])
    assert set(paths[1:]) == {entry.get_absolute_url() for entry in candidate_entries}
    page = client.get(response.url)
    assert "Schnittmenge: E-Akte" in page.content.decode()
    assert any("TOP 3" in str(message) for message in page.context["messages"])


def test_a_taken_agenda_number_is_refused_and_nothing_is_written(client, coordination, candidate_key, forum_meeting):
    AgendaItem.objects.create(meeting=forum_meeting, number="3", title="Begrüßung")
    response = client.post(_agenda_url(candidate_key), {"meeting": forum_meeting.pk, "number": "3", "title": "X"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert AgendaItem.objects.filter(meeting=forum_meeting).count() == 1


def test_a_meeting_that_is_no_longer_coming_is_refused(client, coordination, candidate_key, forum_meeting):
    """Chosen while it was coming, held by the time the form is sent: a German message, no agenda item."""
    form_page = client.get(_agenda_url(candidate_key))
    assert form_page.status_code == 200
    Meeting.objects.filter(pk=forum_meeting.pk).update(
        start=timezone.now() - timedelta(days=2), end=timezone.now() - timedelta(days=2, hours=-2)
    )
    response = client.post(_agenda_url(candidate_key), {"meeting": forum_meeting.pk, "number": "5", "title": "X"})
    assert response.status_code == 200
    assert response.context["form"].errors["meeting"]
    assert not AgendaItem.objects.exists()


def test_the_service_refuses_a_past_meeting_with_a_message(coordination, candidate_key, forum_meeting):
    from django.core.exceptions import ValidationError

    from forum.cooperation.services import put_candidate_on_agenda
    from forum.overlaps.analysis import candidate_for

    Meeting.objects.filter(pk=forum_meeting.pk).update(status=Meeting.Status.HELD)
    with pytest.raises(ValidationError) as error:
        put_candidate_on_agenda(
            candidate_for(coordination, candidate_key),
            meeting=forum_meeting,
            number="1",
            title="X",
            candidate_path="/",
            by=coordination,
        )
    assert error.value.message_dict["meeting"] == [
        gettext("Choose a coming forum meeting: this one is over, held or called off.")
    ]


def test_without_a_coming_meeting_the_page_says_so(client, coordination, candidate_key):
    response = client.get(_agenda_url(candidate_key))
    assert response.context["has_meetings"] is False
    assert gettext("There is no coming forum meeting yet. Plan one first.") in response.content.decode()


def test_an_unknown_key_is_not_found(client, coordination, candidate_key):
    assert client.get(_agenda_url("gibt-es-nicht")).status_code == 404
    assert client.get(reverse("cooperation:candidate_to_undertaking", args=["x+y"])).status_code == 404


@pytest.mark.parametrize("role", ["member_own", "editor_own", "operator"])
def test_only_the_coordination_may(role, client, user_in_role, loerrach, candidate_key, forum_meeting):
    log_in_as(client, user_in_role, role, loerrach)
    response = client.post(_agenda_url(candidate_key), {"meeting": forum_meeting.pk, "number": "3", "title": "X"})
    assert response.status_code == 403
    assert not AgendaItem.objects.exists()


def test_it_creates_a_draft_undertaking_from_the_candidate(
    client, coordination, candidate_key, candidate_entries, towns, district
):
    response = client.post(
        reverse("cooperation:candidate_to_undertaking", args=[candidate_key]), {"title": "IKZ E-Akte"}
    )
    undertaking = Undertaking.objects.get(title="IKZ E-Akte")
    assert response.url == undertaking.get_absolute_url()
    assert undertaking.is_draft and undertaking.lead == district
    roles = dict(undertaking.participations.values_list("organisation_id", "role"))
    assert roles == {district.pk: Participation.Role.LEAD} | {t.pk: Participation.Role.PARTICIPANT for t in towns}
    assert set(undertaking.entries.all()) == set(candidate_entries)
    assert [t.slug for t in undertaking.topics.all()] == [candidate_key]


def test_the_candidate_page_offers_the_actions_to_the_coordination_only(client, user_in_role, loerrach, candidate_key):
    url = reverse("overlaps:candidate_detail", args=[candidate_key])
    action = reverse("cooperation:candidate_to_agenda", args=[candidate_key])
    assert action not in client.get(url).content.decode()
    log_in_as(client, user_in_role, "editor_own", loerrach)
    assert action not in client.get(url).content.decode()
    log_in_as(client, user_in_role, "coordination", loerrach)
    text = client.get(url).content.decode()
    assert action in text
    assert reverse("cooperation:candidate_to_undertaking", args=[candidate_key]) in text


def test_a_large_candidate_links_the_first_entries_and_points_to_the_rest(
    coordination, candidate_key, candidate_entries, forum_meeting, monkeypatch
):
    from forum.cooperation import services
    from forum.overlaps.analysis import candidate_for

    monkeypatch.setattr(services, "AGENDA_LIMIT", 2)
    candidate = candidate_for(coordination, candidate_key)
    item = services.put_candidate_on_agenda(
        candidate, meeting=forum_meeting, number="2", title="X", candidate_path="/schnittmengen/", by=coordination
    )
    assert item.links.count() == 1 + 2  # the candidate's page and the first two entries
    assert gettext("and %(count)s more on the candidate's page") % {"count": 1} in item.text
    assert gettext("and %(count)s more") % {"count": 1} in item.text
