"""Every list endpoint costs the same number of SQL queries for 3 and for 30 items."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from forum.api.models import ApiToken
from forum.cooperation.declarations import start_campaign
from forum.cooperation.models import Campaign, Declaration
from forum.core.models import Visibility
from forum.exchange.models import Entry, Interest
from forum.meetings.models import Event, Meeting, Registration
from forum.organisations.models import Committee, Organisation, Role
from forum.topics.models import Topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(make_user: Any) -> Any:
    user = make_user()
    Role.objects.create(user=user, kind="coordination")
    return user


@pytest.fixture
def headers(coordinator: Any) -> dict[str, str]:
    _token, secret = ApiToken.issue(user=coordinator, name="Test", scope="read")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def _populators(coordinator: Any) -> dict[str, tuple[str, Callable[[int], None]]]:
    district = Organisation.objects.get(ags=settings.FORUM_KREISSCHLUESSEL)
    towns = list(Organisation.objects.municipalities().order_by("ags")[:5])
    topics = list(Topic.objects.filter(parent__isnull=False).order_by("slug")[:4])
    committee = Committee.objects.create(name="Forum", kind=Committee.Kind.FORUM, organisation=district)
    declaration = Declaration.objects.create(title="Willensbekundung")
    declaration.revise("Text {kommune}")
    start = timezone.now() + timedelta(days=3)

    def entries(n: int) -> None:
        for index in range(n):
            entry = Entry.objects.create(
                kind="challenge",
                organisation=towns[index % 5],
                title=f"Eintrag {index}",
                description="Text",
                visibility=Visibility.MEMBERS if index % 3 else Visibility.PUBLIC,
            )
            entry.save_with_lists(topics=topics[index % 3 : index % 3 + 2])
            Interest.objects.create(entry=entry, organisation=towns[(index + 1) % 5], kind="join")

    def meetings(n: int) -> None:
        for index in range(n):
            Meeting.objects.create(
                committee=committee, title=f"T {index}", start=start, end=start + timedelta(hours=1), location="Ort"
            )

    def events(n: int) -> Event | None:
        event = None
        for index in range(n):
            event = Event.objects.create(
                organiser=district, title=f"V {index}", start=start, end=start + timedelta(hours=1), capacity=5
            )
        return event

    def registrations(n: int) -> None:
        for event in [events(1) for _ in range(n)]:
            Registration.objects.create(event=event, user=coordinator, organisation=towns[0])

    def campaigns(n: int) -> None:
        for index in range(n):
            Campaign.objects.create(
                declaration=declaration,
                version=declaration.current_version(),
                title=f"K {index}",
                due_on=timezone.localdate(),
            )

    campaign = start_campaign(Campaign(declaration=declaration, title="Alle", due_on=timezone.localdate()))

    def signatures(n: int) -> None:  # the campaign has a signature per municipality: show 3, then 30 of them
        pass

    return {
        "entries": ("entries", entries),
        "meetings": ("meetings", meetings),
        "events": ("events", events),
        "registrations": ("registrations", registrations),
        "campaigns": ("campaigns", campaigns),
        "signatures": (f"campaigns/{campaign.pk}/signatures", signatures),
    }


@pytest.mark.parametrize("name", ["entries", "meetings", "events", "registrations", "campaigns", "signatures"])
def test_constant_queries(name: str, client: Client, coordinator: Any, headers: dict[str, str]) -> None:
    path, populate = _populators(coordinator)[name]
    populate(3)
    size = "3" if name == "signatures" else "100"
    client.get(f"/api/v1/{path}", **headers)  # the key's first use is recorded once (a write), not measured here
    with CaptureQueriesContext(connection) as small:
        response = client.get(f"/api/v1/{path}?page_size={size}", **headers)
    assert response.status_code == 200
    assert len(response.json()["results"]) >= 3
    populate(27)
    size = "30" if name == "signatures" else "100"
    with CaptureQueriesContext(connection) as large:
        response = client.get(f"/api/v1/{path}?page_size={size}", **headers)
    assert len(response.json()["results"]) >= 30
    assert len(large) == len(small), [query["sql"] for query in large.captured_queries]
    assert len(large) <= 8
