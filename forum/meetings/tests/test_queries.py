"""Query budgets: lists, feeds and statistics cost the same for 3 and for 30 meetings."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forum.core.models import Visibility
from forum.meetings.models import ActionItem, AgendaItem, Attendance, CalendarToken, Meeting
from forum.organisations.models import Organisation, Person
from forum.organisations.tests.helpers import log_in_as

from .factories import in_days

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "member_own", "coordination"]


@pytest.fixture
def populate(forum_committee, meeting_factory):
    """populate(n): n more meetings of the forum, half past and half ahead, each with three agenda items
    (one members-only), attendance of three municipalities and an open action item."""
    towns = list(Organisation.objects.municipalities().order_by("ags")[:6])
    people = [Person.objects.create(given_name="P", family_name=town.name, organisation=town) for town in towns]
    made = [0]

    def make(n: int) -> None:
        for _ in range(n):
            index = made[0]
            made[0] += 1
            past = index % 2 == 0
            start = in_days(-(index + 1) * 3) if past else in_days((index + 1) * 3)
            meeting = meeting_factory(
                number=index + 1,
                start=start,
                end=start + timedelta(hours=2),
                status=[Meeting.Status.HELD, Meeting.Status.ABORTED][index % 4 == 0]
                if past
                else Meeting.Status.PLANNED,
                status_reason="aus technischen Gründen" if past and index % 4 == 0 else "",
                visibility=[Visibility.PUBLIC, Visibility.MEMBERS][index % 3 == 2],
            )
            for number, visibility in [("1", "public"), ("2", "members"), ("2.1", "public")]:
                AgendaItem.objects.create(meeting=meeting, number=number, title=f"TOP {number}", visibility=visibility)
            for offset in range(3):
                person = people[(index + offset) % len(people)]
                Attendance.objects.create(
                    meeting=meeting, person=person, organisation=person.organisation, attended=past and offset != 2
                )
            ActionItem.objects.create(meeting=meeting, title=f"Aufgabe {index}", responsible_organisation=towns[0])

    return make


def _flat(client, url, populate, django_assert_num_queries):
    populate(3)
    with CaptureQueriesContext(connection) as few:
        small = client.get(url)
    populate(27)
    with django_assert_num_queries(len(few)):
        large = client.get(url)
    assert (small.status_code, large.status_code) == (200, 200)
    return small, large


@pytest.mark.parametrize("role", ROLES)
def test_the_meeting_list_costs_the_same_for_3_or_30(
    role, client, user_in_role, district, populate, django_assert_num_queries
):
    log_in_as(client, user_in_role, role, district)
    _flat(client, reverse("meetings:meeting_list"), populate, django_assert_num_queries)
    assert len(client.get(reverse("meetings:meeting_list")).context["upcoming"]) == 10


@pytest.mark.parametrize("role", ROLES)
def test_the_forum_feed_costs_the_same_for_3_or_30(
    role, client, user_in_role, district, populate, django_assert_num_queries
):
    log_in_as(client, user_in_role, role, district)
    small, large = _flat(client, reverse("meetings:public_feed"), populate, django_assert_num_queries)
    assert large.content.count(b"BEGIN:VEVENT") > small.content.count(b"BEGIN:VEVENT") >= 2


@pytest.mark.parametrize("role", ROLES)
def test_the_committee_feed_costs_the_same_for_3_or_30(
    role, client, user_in_role, district, forum_committee, populate, django_assert_num_queries
):
    log_in_as(client, user_in_role, role, district)
    _flat(client, reverse("meetings:committee_feed", args=[forum_committee.pk]), populate, django_assert_num_queries)


def test_the_private_feed_costs_the_same_for_3_or_30(
    client, user_in_role, district, populate, django_assert_num_queries
):
    token = CalendarToken.renew(user_in_role("member_own", district))
    _flat(client, reverse("meetings:private_feed", args=[token.key]), populate, django_assert_num_queries)


@pytest.mark.parametrize("role", ROLES)
def test_the_statistics_cost_the_same_for_3_or_30(
    role, client, user_in_role, district, forum_committee, populate, django_assert_num_queries
):
    log_in_as(client, user_in_role, role, district)
    _flat(
        client, reverse("meetings:committee_statistics", args=[forum_committee.pk]), populate, django_assert_num_queries
    )


@pytest.mark.parametrize("role", ROLES)
def test_the_task_list_costs_the_same_for_3_or_30(
    role, client, user_in_role, district, populate, django_assert_num_queries
):
    log_in_as(client, user_in_role, role, district)
    _flat(client, reverse("meetings:action_item_list"), populate, django_assert_num_queries)


@pytest.mark.parametrize("role", ROLES)
def test_a_municipality_page_costs_the_same_for_3_or_30(
    role, client, user_in_role, district, populate, django_assert_num_queries
):
    log_in_as(client, user_in_role, role, district)
    town = Organisation.objects.municipalities().order_by("ags").first()
    _flat(client, reverse("portal:organisation_detail", args=[town.ags]), populate, django_assert_num_queries)


def test_a_meeting_page_costs_the_same_for_3_or_30_agenda_items(
    client, user_in_role, district, meeting_factory, django_assert_num_queries
):
    log_in_as(client, user_in_role, "coordination", district)
    meeting = meeting_factory()

    def add(start, n):
        for number in range(start, start + n):
            AgendaItem.objects.create(meeting=meeting, number=str(number), title=f"TOP {number}")

    add(1, 3)
    with CaptureQueriesContext(connection) as few:
        client.get(meeting.get_absolute_url())
    add(4, 27)
    with django_assert_num_queries(len(few)):
        client.get(meeting.get_absolute_url())
