"""Meeting pages: planning, editing, status changes, agenda, hidden content, and bad input."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from forum.core.models import Visibility
from forum.meetings.models import AgendaItem, AgendaItemLink, Meeting, Minutes
from forum.organisations.tests.helpers import ROLES, element_text, log_in_as, section_text

from .test_views_urls import meeting_data
from .world import World, attach, build_world

pytestmark = pytest.mark.django_db

S = Meeting.Status


@pytest.fixture
def world(forum_committee, binzen, meeting_factory, event_factory, make_user) -> World:
    return build_world(forum_committee, binzen, meeting_factory, event_factory, make_user)


@pytest.fixture
def coordinator(client, user_in_role, district):
    return log_in_as(client, user_in_role, "coordination", district)


def _snapshot():
    return (
        list(Meeting.objects.order_by("pk").values()),
        list(AgendaItem.objects.order_by("pk").values()),
        Meeting.history.count(),
        AgendaItem.history.count(),
    )


def _refused(response, before) -> None:
    assert response.status_code == 200
    assert element_text(response, "fehler") is not None
    assert _snapshot() == before


def test_the_coordination_plans_a_meeting_in_lorrach_time(client, coordinator, world):
    response = client.post(
        reverse("meetings:meeting_create"),
        meeting_data(
            world,
            format=Meeting.Format.HYBRID,
            location="Landratsamt Lörrach",
            start="2030-01-15T14:00",
            end="2030-01-15T16:30",
        ),
    )
    meeting = Meeting.objects.get(title="Neu geplantes Treffen")
    assert response.status_code == 302
    assert response.url == meeting.get_absolute_url()
    assert (meeting.committee, meeting.number, meeting.format, meeting.location, meeting.status, meeting.sequence) == (
        world.committee,
        7,
        Meeting.Format.HYBRID,
        "Landratsamt Lörrach",
        S.PLANNED,
        0,
    )
    assert meeting.start == datetime(2030, 1, 15, 13, 0, tzinfo=UTC)  # 14:00 CET
    assert meeting.end == datetime(2030, 1, 15, 15, 30, tzinfo=UTC)
    summer = client.post(
        reverse("meetings:meeting_create"),
        meeting_data(world, title="Sommer", number="8", start="2030-07-01T14:00", end="2030-07-01T16:00"),
    )
    assert summer.status_code == 302
    assert Meeting.objects.get(title="Sommer").start == datetime(2030, 7, 1, 12, 0, tzinfo=UTC)  # 14:00 CEST


def test_an_edit_raises_the_sequence_and_is_recorded_with_its_author(client, coordinator, world):
    response = client.post(
        reverse("meetings:meeting_edit", args=[world.meeting.pk]), meeting_data(world, number="6", title="Neu")
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(pk=world.meeting.pk)
    assert (meeting.title, meeting.sequence) == ("Neu", 1)
    latest = meeting.history.first()
    assert (latest.title, latest.history_user) == ("Neu", coordinator)


def test_the_status_page_aborts_with_a_reason_and_history(client, coordinator, world):
    url = reverse("meetings:meeting_status", args=[world.meeting.pk])
    assert client.post(url, {"status": S.INVITED, "status_reason": ""}).status_code == 302
    assert client.post(url, {"status": S.ABORTED, "status_reason": "aus technischen Gründen"}).status_code == 302
    meeting = Meeting.objects.get(pk=world.meeting.pk)
    assert (meeting.status, meeting.status_reason, meeting.sequence) == (S.ABORTED, "aus technischen Gründen", 2)
    history = list(meeting.history.order_by("history_date", "history_id").values_list("status", "history_user"))
    assert history == [(S.PLANNED, None), (S.INVITED, coordinator.pk), (S.ABORTED, coordinator.pk)]
    assert "aus technischen Gründen" in client.get(meeting.get_absolute_url()).content.decode()


@pytest.mark.parametrize("status", [S.ABORTED, S.CANCELLED])
def test_a_stop_without_reason_is_refused_on_the_form(status, client, coordinator, world):
    before = _snapshot()
    response = client.post(
        reverse("meetings:meeting_status", args=[world.meeting.pk]), {"status": status, "status_reason": "  "}
    )
    _refused(response, before)
    assert 'href="#id_status_reason"' in response.content.decode()


def test_a_status_the_lifecycle_forbids_is_refused_on_the_form(client, coordinator, world):
    before = _snapshot()
    response = client.post(reverse("meetings:meeting_status", args=[world.held.pk]), {"status": S.PLANNED})
    _refused(response, before)


@pytest.mark.parametrize(
    ("view", "changes"),
    [
        ("create", {"end": "2030-05-06T13:00"}),
        ("create", {"end": "2030-05-06T14:00"}),
        ("edit", {"end": "2030-05-06T13:59", "number": "6"}),
        ("create", {"start": "31.02.2030 14:00"}),
        ("create", {"format": Meeting.Format.IN_PERSON, "location": ""}),
        ("create", {"format": Meeting.Format.VIRTUAL, "video_url": "", "location": ""}),
        ("create", {"number": "6"}),  # the committee already has a 6th meeting
        ("create", {"title": ""}),
    ],
)
def test_bad_meeting_input_is_shown_on_the_form_and_nothing_is_saved(view, changes, client, coordinator, world):
    url = (
        reverse("meetings:meeting_create")
        if view == "create"
        else reverse("meetings:meeting_edit", args=[world.meeting.pk])
    )
    before = _snapshot()
    response = client.post(url, meeting_data(world, **changes))
    _refused(response, before)
    assert "Austausch der Kommunen." in response.content.decode()  # nothing typed is lost


def test_the_agenda_is_shown_in_order_1_2_2_1_10(client, world, agenda_item_factory):
    for number in ["10", "2.1", "2"]:
        agenda_item_factory(meeting=world.meeting, number=number, title=f"Punkt {number}")
    html = client.get(world.meeting.get_absolute_url()).content.decode()
    positions = [html.index(f'id="top-{item.pk}"') for item in AgendaItem.objects.filter(meeting=world.meeting)]
    numbers = list(AgendaItem.objects.filter(meeting=world.meeting).values_list("number", flat=True))
    assert numbers == ["1", "2", "2.1", "10"]
    assert positions == sorted(positions)


def test_the_coordination_adds_items_links_and_removes_them(client, coordinator, world):
    create = reverse("meetings:agenda_item_create", args=[world.meeting.pk])
    response = client.post(create, {"number": "2.1", "title": "IKZ", "text": "Kurz", "visibility": "members"})
    assert response.status_code == 302
    item = AgendaItem.objects.get(meeting=world.meeting, number="2.1")
    assert (item.title, item.text, item.visibility, item.sort_key) == ("IKZ", "Kurz", "members", "002.001.000")
    response = client.post(
        reverse("meetings:agenda_item_link", args=[item.pk]), {"title": "Binzen", "path": "/kommunen/08336008/"}
    )
    assert response.status_code == 302
    assert list(item.links.values_list("title", "path")) == [("Binzen", "/kommunen/08336008/")]
    assert 'href="/kommunen/08336008/"' in client.get(world.meeting.get_absolute_url()).content.decode()
    assert client.post(reverse("meetings:agenda_item_delete", args=[item.pk])).status_code == 302
    assert not AgendaItem.objects.filter(pk=item.pk).exists()
    assert not AgendaItemLink.objects.filter(agenda_item_id=item.pk).exists()


@pytest.mark.parametrize(
    "path",
    ["https://example.com/", "//example.com/x", "kommunen/", "/\\example.com", "/\t/example.com", "/\n/example.com"],
)
def test_a_link_leads_only_to_this_platform(path, client, coordinator, world):
    response = client.post(reverse("meetings:agenda_item_link", args=[world.item.pk]), {"title": "Weg", "path": path})
    assert response.status_code == 200
    assert element_text(response, "fehler") is not None
    assert not AgendaItemLink.objects.exists()


@pytest.mark.parametrize("number", ["1", "x", "1..2"])
def test_a_clashing_or_malformed_agenda_number_is_refused_on_the_form(number, client, coordinator, world):
    before = _snapshot()
    response = client.post(
        reverse("meetings:agenda_item_create", args=[world.meeting.pk]),
        {"number": number, "title": "Doppelt", "text": "Nicht verlieren", "visibility": "public"},
    )
    _refused(response, before)
    assert "Nicht verlieren" in response.content.decode()
    assert 'href="#id_number"' in response.content.decode()  # the summary leads to the number field


def test_renumbering_an_item_onto_another_is_refused_on_the_form(client, coordinator, world, agenda_item_factory):
    second = agenda_item_factory(meeting=world.meeting, number="2")
    before = _snapshot()
    response = client.post(
        reverse("meetings:agenda_item_edit", args=[second.pk]), {"number": "1", "title": "X", "visibility": "public"}
    )
    _refused(response, before)


def test_the_same_agenda_number_in_another_meeting_is_fine(client, coordinator, world):
    response = client.post(
        reverse("meetings:agenda_item_create", args=[world.held.pk]),
        {"number": "1", "title": "Begrüßung", "visibility": "public"},
    )
    assert response.status_code == 302


# Who reaches the pages and files of a meeting that is not public (404 hides its existence).
HIDDEN = {
    "members": {"anonymous": 404, "no_role": 404} | dict.fromkeys(ROLES[2:], 200),
    "coordination": dict.fromkeys(ROLES, 404) | dict.fromkeys(["coordination", "operator"], 200),
    "draft": dict.fromkeys(ROLES, 404) | dict.fromkeys(["editor_own", "coordination", "operator"], 200),
}


@pytest.mark.parametrize(("state", "role"), [(state, role) for state in HIDDEN for role in ROLES])
def test_a_hidden_meeting_is_found_only_by_those_who_may_see_it(
    state, role, client, user_in_role, district, binzen, meeting_factory, action_item_factory
):
    fields = {"is_draft": True} if state == "draft" else {"visibility": state}
    hidden = meeting_factory(title="Geheimes Treffen", status=S.HELD, **fields)
    item = AgendaItem.objects.create(meeting=hidden, number="1", title="Geheimer Punkt")
    meeting_file, item_file = attach(hidden), attach(hidden, item)
    Minutes.objects.create(meeting=hidden, status=Minutes.Status.PUBLISHED, text="Geheimes Protokoll")
    action_item_factory(meeting=hidden, title="Geheime Aufgabe", responsible_organisation=binzen)
    log_in_as(client, user_in_role, role, district)
    expected = HIDDEN[state][role]
    for url in [
        hidden.get_absolute_url(),
        reverse("meetings:meeting_ics", args=[hidden.pk]),
        reverse("meetings:meeting_attachment", args=[meeting_file.pk]),
        reverse("meetings:agenda_item_attachment", args=[item_file.pk]),
        reverse("meetings:minutes", args=[hidden.pk]),
    ]:
        assert client.get(url).status_code == expected, url
    for url in [reverse("meetings:meeting_list"), reverse("meetings:action_item_list")]:
        page = client.get(url).content.decode()
        assert ("Geheim" in page) is (expected == 200), url


@pytest.mark.parametrize("role", ROLES)
def test_non_public_agenda_items_and_their_files_are_for_their_readers_only(
    role, client, user_in_role, district, world
):
    members_item = AgendaItem.objects.create(
        meeting=world.meeting, number="2", title="Internes Budget", visibility=Visibility.MEMBERS
    )
    coordination_item = AgendaItem.objects.create(
        meeting=world.meeting, number="3", title="Abstimmung der Koordination", visibility=Visibility.COORDINATION
    )
    members_file = attach(world.meeting, members_item, "Budget.pdf")
    coordination_file = attach(world.meeting, coordination_item, "Vermerk.pdf")
    log_in_as(client, user_in_role, role, district)
    agenda = section_text(client.get(world.meeting.get_absolute_url()), "tagesordnung")
    sees_members = role not in ("anonymous", "no_role")
    sees_coordination = role in ("coordination", "operator")
    assert "Begrüßung" in agenda
    assert ("Internes Budget" in agenda) is sees_members
    assert ("Abstimmung der Koordination" in agenda) is sees_coordination
    members_download = client.get(reverse("meetings:agenda_item_attachment", args=[members_file.pk]))
    coordination_download = client.get(reverse("meetings:agenda_item_attachment", args=[coordination_file.pk]))
    assert members_download.status_code == (200 if sees_members else 404)
    assert coordination_download.status_code == (200 if sees_coordination else 404)


def test_the_video_link_is_shown_to_logged_in_people_only(client, user_in_role, district, world):
    assert world.meeting.video_url not in client.get(world.meeting.get_absolute_url()).content.decode()
    log_in_as(client, user_in_role, "member_other", district)
    assert world.meeting.video_url in client.get(world.meeting.get_absolute_url()).content.decode()


def test_the_meeting_list_is_paginated(client, world, meeting_factory, monkeypatch):
    from forum.meetings import views

    monkeypatch.setattr(views, "PAGE_SIZE", 5)
    for day in range(1, 13):
        meeting_factory(start=datetime(2021, 1, day, 13, tzinfo=UTC), end=datetime(2021, 1, day, 15, tzinfo=UTC))
    first = client.get(reverse("meetings:meeting_list"))
    last = client.get(reverse("meetings:meeting_list"), {"page": 3})
    assert first.context["page_obj"].paginator.count == 12  # the world's meetings all lie ahead
    assert len(first.context["page_obj"]) == 5
    assert len(last.context["page_obj"]) == 2
