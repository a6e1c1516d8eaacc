"""Keyset pages: a late page costs exactly the queries of the first one, however long the list."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forum.council.models import Consultation, Paper
from forum.meetings.models import AgendaItem
from forum.organisations.models import Membership, Person

from .conftest import many_meetings
from .walk import BASE

pytestmark = pytest.mark.django_db

BODY = BASE + "body/08336/"
# Most queries one page of each list may take: the Body (is it public?), the rows and what they embed.
# With modified_since, one more per source for the deleted ones.
MAX_QUERIES = {
    "organization": 3,
    "person": 3,
    "membership": 2,
    "meeting": 6,
    "agendaItem": 4,
    "paper": 4,
    "consultation": 2,
    "file": 4,
    "locationList": 3,
    "legislativeTermList": 2,
}


@pytest.fixture
def long_lists(world):
    meetings = many_meetings(world.forum, 30)
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, number="1", sort_key="001.000.000", title="Bericht") for meeting in meetings
    )
    papers = Paper.objects.bulk_create(
        Paper(organisation=world.district, year=2023, serial=number, date=date(2023, 1, 2), title=f"Vorlage {number}")
        for number in range(1, 31)
    )
    Consultation.objects.bulk_create(
        Consultation(paper=paper, committee=world.kreistag, date=date(2023, 2, 1)) for paper in papers
    )
    people = Person.objects.bulk_create(
        Person(organisation=world.district, given_name="Mitglied", family_name=str(number)) for number in range(30)
    )
    Membership.objects.bulk_create(Membership(person=person, committee=world.kreistag) for person in people)
    return world


def queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(context.captured_queries), response.json()


def late_page(client, url, pages):
    page = client.get(url).json()
    for _ in range(pages - 1):
        page = client.get(page["links"]["next"]).json()
    return page["links"]["self"]


@pytest.mark.parametrize(
    "name", ["organization", "person", "membership", "meeting", "agendaItem", "paper", "consultation"]
)
@pytest.mark.parametrize("deleted", [False, True], ids=["plain", "modified_since"])
def test_a_late_page_costs_the_same_queries_as_the_first(client, long_lists, name, deleted):
    size = 1 if name == "organization" else 3
    url = BODY + f"{name}/?elementsPerPage={size}"
    if deleted:
        url += "&modified_since=2000-01-01T00%3A00%3A00%2B01%3A00"
    first, first_page = queries(client, url)
    later, later_page = queries(client, late_page(client, url, 2 if name == "organization" else 8))
    assert len(first_page["data"]) == len(later_page["data"]) == size
    assert first == later
    assert first <= MAX_QUERIES[name] + (1 if deleted else 0)


@pytest.mark.parametrize("name", ["file", "locationList", "legislativeTermList"])
def test_lists_of_several_sources_stay_within_their_bound_on_every_page(client, world, name):
    url = BODY + f"{name}/?elementsPerPage=1&modified_since=2000-01-01T00%3A00%3A00%2B01%3A00"
    deleted_queries = 3 if name == "file" else 1
    while url:
        count, page = queries(client, url)
        assert count <= (MAX_QUERIES[name] + deleted_queries) * (1 if name == "legislativeTermList" else 2)
        url = page["links"].get("next")


def test_an_object_costs_the_queries_of_a_one_item_page(client, long_lists):
    meeting = long_lists.meeting
    count, data = queries(client, BASE + f"meeting/{meeting.pk}/")
    assert data["id"].endswith(f"/meeting/{meeting.pk}/")
    assert count <= MAX_QUERIES["meeting"] - 1  # no Body to look up
