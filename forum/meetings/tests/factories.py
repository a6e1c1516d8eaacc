"""Factories for the meetings app: meetings of the district's forum, agenda items, attendance, events.

The committee is the district's own forum (``forum_committee`` fixture); the district and its
municipalities are the real data loaded once per session.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import factory
from django.utils import timezone

from forum.core.models import Visibility
from forum.meetings.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    Decision,
    Event,
    Meeting,
    Minutes,
    Registration,
    Track,
)
from forum.organisations.tests.factories import CommitteeFactory, PersonFactory

BERLIN = ZoneInfo("Europe/Berlin")


def berlin(year: int, month: int, day: int, hour: int = 14, minute: int = 0) -> datetime:
    """A wall-clock time in Lörrach."""
    return datetime(year, month, day, hour, minute, tzinfo=BERLIN)


def in_days(days: int, hour: int = 14) -> datetime:
    """``days`` from today at ``hour`` o'clock, Lörrach time."""
    return timezone.localtime().replace(hour=hour, minute=0, second=0, microsecond=0) + timedelta(days=days)


class MeetingFactory(factory.django.DjangoModelFactory):
    """A public, planned, virtual meeting three weeks ahead; pass ``committee``."""

    class Meta:
        model = Meeting

    committee = factory.SubFactory(CommitteeFactory)
    title = factory.Sequence(lambda n: f"Treffen {n:03d}")
    start = factory.LazyFunction(lambda: in_days(21))
    end = factory.LazyAttribute(lambda meeting: meeting.start + timedelta(hours=2))
    format = Meeting.Format.VIRTUAL
    video_url = "https://video.example.org/forum"
    visibility = Visibility.PUBLIC


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    number = factory.Sequence(lambda n: str(n % 999 + 1))  # TOP numbers have at most three digits per level
    title = factory.Sequence(lambda n: f"Tagesordnungspunkt {n:03d}")
    visibility = Visibility.PUBLIC


class AttendanceFactory(factory.django.DjangoModelFactory):
    """An invited person who registered; pass ``meeting`` and ``person`` (or ``organisation`` for a new person)."""

    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(PersonFactory, organisation=factory.SelfAttribute("..organisation"))
    response = Attendance.Response.REGISTERED
    invited_at = factory.LazyFunction(timezone.now)


class MinutesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Minutes

    meeting = factory.SubFactory(MeetingFactory)
    text = "Die Kommunen berichten über ihre Herausforderungen."


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    meeting = factory.SubFactory(MeetingFactory)
    text = "Das Forum beschließt, eine Arbeitsgruppe einzurichten."


class ActionItemFactory(factory.django.DjangoModelFactory):
    """An open task; pass ``meeting`` and ``responsible_organisation``."""

    class Meta:
        model = ActionItem

    meeting = factory.SubFactory(MeetingFactory)
    title = factory.Sequence(lambda n: f"Aufgabe {n:03d}")


class EventFactory(factory.django.DjangoModelFactory):
    """A public event with 10 places, registration open; pass ``organiser``."""

    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Workshop {n:03d}")
    start = factory.LazyFunction(lambda: in_days(30, hour=9))
    end = factory.LazyAttribute(lambda event: event.start + timedelta(hours=7))
    location = "Landratsamt Lörrach"
    capacity = 10
    visibility = Visibility.PUBLIC


class TrackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Track

    event = factory.SubFactory(EventFactory)
    title = factory.Sequence(lambda n: f"Strang {n:03d}")
    capacity = 5


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    status = Registration.Status.CONFIRMED
