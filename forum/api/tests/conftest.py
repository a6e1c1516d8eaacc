"""Fixtures of the API tests: a small world of content at every visibility, API keys, a fresh cache."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from forum.api.models import ApiToken
from forum.cooperation.declarations import start_campaign
from forum.cooperation.models import Campaign, Declaration
from forum.core.models import Visibility
from forum.exchange.models import Entry, Interest
from forum.exchange.tests.factories import EntryFactory, InterestFactory
from forum.meetings.models import Event, Meeting
from forum.meetings.tests.factories import AgendaItemFactory, EventFactory, MeetingFactory, TrackFactory
from forum.organisations.models import Committee, Organisation
from forum.topics.models import Topic

TOPIC = "e-akte-dokumentenmanagement"


@pytest.fixture(autouse=True)
def fresh_cache() -> None:
    """The write counters of the rate limit live in the cache: each test starts at zero."""
    cache.clear()


@pytest.fixture
def other(loerrach: Organisation) -> Organisation:
    """The municipality that the root conftest's ``*_other`` roles belong to when "own" is Lörrach."""
    return Organisation.objects.municipalities().exclude(pk=loerrach.pk).order_by("ags").first()


@pytest.fixture
def bearer() -> Callable[..., dict[str, str]]:
    """bearer(user, scope="read_write"): the request headers with a new API key of ``user`` (none for anonymous)."""

    def make(user: Any, scope: str = ApiToken.Scope.READ_WRITE) -> dict[str, str]:
        if not user.is_authenticated:
            return {}
        _token, secret = ApiToken.issue(user=user, name="Test", scope=scope)
        return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}

    return make


@dataclass
class World:
    public: Entry  # a public challenge of Lörrach, with an interest mark of "other"
    project: Entry  # a public project of Lörrach
    members: Entry  # members only
    coordination: Entry  # coordination only
    draft: Entry  # a draft of Lörrach (public once published)
    interest: Interest
    meeting: Meeting  # public forum meeting, upcoming
    members_meeting: Meeting
    event: Event  # public, open, with two tracks
    members_event: Event
    campaign: Campaign  # public, running, one signature per municipality
    draft_campaign: Campaign


@pytest.fixture
def world(loerrach: Organisation, other: Organisation) -> World:
    district = Organisation.objects.get(ags=settings.FORUM_KREISSCHLUESSEL)
    topic = Topic.objects.get(slug=TOPIC)

    def entry(**fields: Any) -> Entry:
        made = EntryFactory(organisation=fields.pop("organisation", loerrach), **fields)
        made.save_with_lists(topics=[topic])
        return made

    public = entry(title="Digitale Bauakte")
    committee = Committee.objects.create(name="Digitalisierungsforum", kind=Committee.Kind.FORUM, organisation=district)
    meeting = MeetingFactory(committee=committee, title="Forum 7", number=7)
    AgendaItemFactory(meeting=meeting, number="1", title="Begrüßung")
    AgendaItemFactory(meeting=meeting, number="2", title="Interne Runde", visibility=Visibility.MEMBERS)
    event = EventFactory(organiser=district, title="Kick-off-Werkstatt")
    TrackFactory(event=event, title="Onlinedienste")
    TrackFactory(event=event, title="E-Akte")
    declaration = Declaration.objects.create(title="Willensbekundung IKZ")
    declaration.revise("Die Gemeinde {kommune} erklärt ihre Bereitschaft.")
    due = timezone.localdate() + timedelta(days=30)
    return World(
        public=public,
        project=entry(title="Onlinezugang", project=True),
        members=entry(title="Interne Herausforderung", visibility=Visibility.MEMBERS),
        coordination=entry(title="Vertrauliches", visibility=Visibility.COORDINATION),
        draft=entry(title="Entwurf", is_draft=True),
        interest=InterestFactory(entry=public, organisation=other),
        meeting=meeting,
        members_meeting=MeetingFactory(committee=committee, title="Vertraulich", visibility=Visibility.MEMBERS),
        event=event,
        members_event=EventFactory(organiser=district, title="Interner Workshop", visibility=Visibility.MEMBERS),
        campaign=start_campaign(Campaign(declaration=declaration, title="Willensbekundung 2026", due_on=due)),
        draft_campaign=start_campaign(
            Campaign(declaration=declaration, title="Entwurf einer Kampagne", due_on=due, is_draft=True)
        ),
    )
