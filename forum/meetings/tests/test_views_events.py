"""Events: registration with capacity, waiting list and workshop tracks; cancelling promotes the next person."""

from __future__ import annotations

import pytest
from django.urls import reverse

from forum.meetings.models import Event, Registration, Track
from forum.meetings.services import cancel_registration, register
from forum.organisations.models import Person
from forum.organisations.tests.helpers import ROLES, element_text, log_in_as

pytestmark = pytest.mark.django_db

R = Registration.Status


@pytest.fixture
def members(user_in_role, district):
    """Ten fresh member accounts (of the district), in the order they will register."""
    return [user_in_role("member_own", district) for _ in range(10)]


def _register(client, user, event, track=None):
    client.force_login(user)
    return client.post(event.get_absolute_url(), {"track": track.pk} if track else {"x": "1"})


def _statuses(event):
    return list(event.registrations.order_by("created", "pk").values_list("user", "status"))


def test_places_are_confirmed_until_full_then_people_wait(client, event_factory, members, binzen):
    event = event_factory(capacity=2)
    Person.objects.create(given_name="Ben", family_name="Binz", organisation=binzen, user=members[0])
    for user in members[:4]:
        assert _register(client, user, event).status_code == 302
    assert _statuses(event) == [
        (members[0].pk, R.CONFIRMED),
        (members[1].pk, R.CONFIRMED),
        (members[2].pk, R.WAITING),
        (members[3].pk, R.WAITING),
    ]
    assert Registration.objects.get(user=members[0]).organisation == binzen
    assert client.get(event.get_absolute_url()).context["free"] == 0


def test_cancelling_a_place_promotes_the_first_waiting_person(client, event_factory, members):
    event = event_factory(capacity=2)
    for user in members[:4]:
        _register(client, user, event)
    mine = Registration.objects.get(user=members[1])
    client.force_login(members[1])
    assert client.post(reverse("meetings:registration_cancel", args=[mine.pk])).status_code == 302
    assert dict(_statuses(event)) == {
        members[0].pk: R.CONFIRMED,
        members[1].pk: R.CANCELLED,
        members[2].pk: R.CONFIRMED,  # first on the waiting list
        members[3].pk: R.WAITING,
    }
    # Cancelling a place on the waiting list promotes nobody.
    waiting = Registration.objects.get(user=members[3])
    client.force_login(members[3])
    client.post(reverse("meetings:registration_cancel", args=[waiting.pk]))
    assert Registration.objects.filter(event=event, status=R.CONFIRMED).count() == 2


def test_nobody_cancels_someone_elses_registration(client, event_factory, members):
    event = event_factory(capacity=1)
    _register(client, members[0], event)
    theirs = Registration.objects.get(user=members[0])
    client.force_login(members[1])
    assert client.post(reverse("meetings:registration_cancel", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == R.CONFIRMED


def test_a_full_track_is_a_clear_error_on_the_form_and_nothing_is_saved(client, event_factory, track_factory, members):
    event = event_factory(capacity=10)
    full = track_factory(event=event, title="OZG", capacity=1)
    free = track_factory(event=event, title="Smart Region", capacity=5)
    assert _register(client, members[0], event, full).status_code == 302
    before = _statuses(event)
    response = _register(client, members[1], event, full)
    assert response.status_code == 200
    assert element_text(response, "fehler") is not None
    assert "OZG" in element_text(response, "fehler")  # the message names the track
    assert 'href="#id_track' in response.content.decode()
    assert _statuses(event) == before
    assert _register(client, members[1], event, free).status_code == 302
    assert Registration.objects.get(user=members[1]).track == free


def test_a_track_must_be_chosen_when_the_event_has_tracks(client, event_factory, track_factory, members):
    event = event_factory()
    track_factory(event=event)
    response = _register(client, members[0], event)
    assert response.status_code == 200
    assert element_text(response, "fehler") is not None
    assert not Registration.objects.exists()


def test_a_track_of_another_event_is_refused(client, event_factory, track_factory, members):
    event = event_factory()
    track_factory(event=event)
    foreign = track_factory(event=event_factory())
    response = _register(client, members[0], event, foreign)
    assert response.status_code == 200
    assert not Registration.objects.exists()


def test_a_second_registration_is_refused_and_a_cancelled_one_can_be_renewed(client, event_factory, members):
    event = event_factory(capacity=5)
    _register(client, members[0], event)
    response = _register(client, members[0], event)
    # A second POST (e.g. a double click) is refused without a second row; the page shows the registration.
    assert response.status_code == 200
    assert response.context["registration"] == event.registrations.get()
    assert event.registrations.count() == 1
    registration = event.registrations.get()
    client.post(reverse("meetings:registration_cancel", args=[registration.pk]))
    assert _register(client, members[0], event).status_code == 302
    registration.refresh_from_db()
    assert registration.status == R.CONFIRMED
    assert event.registrations.count() == 1


def test_a_waiting_person_whose_track_is_full_is_passed_over(event_factory, track_factory, members):
    event = event_factory(capacity=2)
    small = track_factory(event=event, capacity=1)
    big = track_factory(event=event, capacity=5)
    first = register(event, user=members[0], track=small)
    register(event, user=members[1], track=big)
    waits_for_small = register(event, user=members[2], track=big)
    # members[2] waits (event full); cancel members[1] (big) and members[2] moves up.
    assert waits_for_small.status == R.WAITING
    small_waiter = Registration.objects.create(event=event, user=members[3], track=small, status=R.WAITING)
    Registration.objects.filter(pk=small_waiter.pk).update(created=first.created)  # registered before members[2]
    promoted = cancel_registration(Registration.objects.get(user=members[1]))
    assert promoted is not None and promoted.user == members[2]
    assert Registration.objects.get(pk=small_waiter.pk).status == R.WAITING


def test_a_closed_event_takes_no_registration(client, event_factory, members):
    event = event_factory(registration_open=False)
    assert _register(client, members[0], event).status_code == 403
    assert not Registration.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_the_participants_list_is_for_the_coordination_only(
    role, client, user_in_role, district, event_factory, members
):
    event = event_factory()
    _register(client, members[0], event)
    client.logout()
    log_in_as(client, user_in_role, role, district)
    response = client.get(reverse("meetings:event_participants", args=[event.pk]))
    if role == "coordination":
        assert response.status_code == 200
        assert [r.user for r in response.context["page_obj"]] == [members[0]]
    else:
        assert response.status_code in (302, 403)
        assert members[0].email not in response.content.decode()
    assert members[0].email not in client.get(event.get_absolute_url()).content.decode()


def test_the_coordination_creates_an_event_with_tracks(client, user_in_role, district):
    log_in_as(client, user_in_role, "coordination", district)
    response = client.post(
        reverse("meetings:event_create"),
        {
            "organiser": district.pk,
            "title": "Kick-off-Workshop",
            "start": "2030-04-06T09:00",
            "end": "2030-04-06T16:00",
            "location": "Landratsamt Lörrach",
            "capacity": "60",
            "registration_open": "on",
            "visibility": "public",
        },
    )
    event = Event.objects.get(title="Kick-off-Workshop")
    assert response.status_code == 302
    assert (
        client.post(reverse("meetings:track_add", args=[event.pk]), {"title": "OZG", "capacity": "20"}).status_code
        == 302
    )
    assert list(event.tracks.values_list("title", "capacity")) == [("OZG", 20)]


@pytest.mark.parametrize(
    "changes",
    [{"end": "2030-04-06T08:00"}, {"capacity": "-1"}, {"title": ""}, {"start": "morgen"}],
)
def test_bad_event_input_is_shown_on_the_form_and_nothing_is_saved(changes, client, user_in_role, district):
    log_in_as(client, user_in_role, "coordination", district)
    data = {
        "organiser": district.pk,
        "title": "Workshop",
        "description": "Bitte behalten",
        "start": "2030-04-06T09:00",
        "end": "2030-04-06T16:00",
        "capacity": "60",
        "visibility": "public",
    } | changes
    response = client.post(reverse("meetings:event_create"), data)
    assert response.status_code == 200
    assert element_text(response, "fehler") is not None
    assert "Bitte behalten" in response.content.decode()
    assert not Event.objects.exists()
    assert not Track.objects.exists()
