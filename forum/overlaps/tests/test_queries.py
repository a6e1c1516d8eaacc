"""Query budgets: the overlap pages cost the same number of queries for 10 and for 100 entries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forum.core.models import Visibility
from forum.exchange.models import Entry, Interest
from forum.organisations.models import Organisation
from forum.organisations.tests.helpers import log_in_as
from forum.topics.models import Topic

pytestmark = pytest.mark.django_db

AKTE = "e-akte-dokumentenmanagement"
PAGES = {
    "overview": "/schnittmengen/",
    "overview_topics": "/schnittmengen/?ebene=themen&art=challenge",
    "export": "/schnittmengen/export.csv",
    "topic": f"/schnittmengen/themen/{AKTE}/",
    "field": "/schnittmengen/themen/digitale-verwaltung-intern/",
    "candidates": "/schnittmengen/kandidaten/",
    "candidate": f"/schnittmengen/kandidaten/{AKTE}/",
    "map": f"/schnittmengen/karte/?thema={AKTE}",
}
BUDGET = 16


@pytest.fixture
def populate(db):
    """populate(n): n more entries of six municipalities, with E-Akte and one more topic, marked by two others."""
    towns = list(Organisation.objects.municipalities().order_by("ags")[:6])
    akte = Topic.objects.get(slug=AKTE)
    others = list(Topic.objects.filter(parent__isnull=False).exclude(pk=akte.pk).order_by("slug")[:5])
    made = [0]

    def make(n: int) -> None:
        for _ in range(n):
            index = made[0]
            made[0] += 1
            entry = Entry.objects.create(
                kind=Entry.Kind.CHALLENGE,
                organisation=towns[index % len(towns)],
                title=f"Eintrag {index}",
                description="Beschreibung",
                visibility=Visibility.MEMBERS if index % 3 == 2 else Visibility.PUBLIC,
            )
            entry.topics.set([akte, others[index % len(others)]])
            for offset in (1, 2):
                Interest.objects.create(
                    entry=entry, organisation=towns[(index + offset) % len(towns)], kind=Interest.Kind.CONCERNS_US
                )

    return make


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
    assert response.status_code == 200, url
    return len(context.captured_queries)


@pytest.mark.parametrize("page", list(PAGES))
@pytest.mark.parametrize("role", ["anonymous", "member_other", "coordination"])
def test_the_page_costs_the_same_for_10_and_100_entries(
    page, role, client, user_in_role, loerrach, populate, django_assert_max_num_queries
):
    log_in_as(client, user_in_role, role, loerrach)
    url = PAGES[page]
    populate(10)
    few = _count(client, url)
    populate(90)
    with django_assert_max_num_queries(BUDGET):
        many = _count(client, url)
    assert many == few
