"""Beispieldaten for meetings: the forum's history as the council paper tells it, plus what comes next.

Facts from Mitteilung 005/2022: first exchange in November 2020, five virtual meetings since, one aborted for
technical reasons; a kick-off workshop in spring 2022. The exact dates of meetings 2–5, the agendas, attendance
and the workshop's details are invented for the example and marked as example data.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from forum.core.models import Visibility
from forum.organisations.models import Committee, Membership, Organisation

from .models import AgendaItem, Attendance, Event, Meeting, Minutes, Track

_BERLIN = ZoneInfo("Europe/Berlin")
_HISTORY = [  # (number, date, status, reason, title)
    (1, datetime(2020, 11, 18, 14, 0), Meeting.Status.HELD, "", "Auftakt: Digitalisierung gemeinsam angehen"),
    (2, datetime(2021, 3, 10, 14, 0), Meeting.Status.HELD, "", "Herausforderungen und beispielhafte Vorhaben"),
    (3, datetime(2021, 6, 16, 14, 0), Meeting.Status.ABORTED, "aus technischen Gründen", "Schnittmengen erkennen"),
    (4, datetime(2021, 7, 7, 14, 0), Meeting.Status.HELD, "", "Schnittmengen erkennen"),
    (5, datetime(2021, 11, 24, 14, 0), Meeting.Status.HELD, "", "Auf dem Weg zur Interkommunalen Zusammenarbeit"),
]


@transaction.atomic
def create_demo(kreisschluessel: str) -> None:
    """Create the example meetings and the kick-off workshop once; running again changes nothing."""
    district = Organisation.objects.get(ags=kreisschluessel)
    forum = Committee.objects.filter(kind=Committee.Kind.FORUM, organisation=district).first()
    if forum is None or forum.meetings.exists():
        return
    members = list(Membership.objects.filter(committee=forum).select_related("person", "on_behalf_of"))
    for number, start, status, reason, title in _HISTORY:
        begin = start.replace(tzinfo=_BERLIN)
        meeting = Meeting.objects.create(
            committee=forum,
            title=title,
            number=number,
            start=begin,
            end=begin + timedelta(hours=2),
            format=Meeting.Format.VIRTUAL,
            video_url="https://video.example.org/digitalisierungsforum",
            status=status,
            status_reason=reason,
            is_example=True,
        )
        AgendaItem.objects.create(meeting=meeting, number="1", title="Begrüßung und Tagesordnung", is_example=True)
        AgendaItem.objects.create(
            meeting=meeting,
            number="2",
            title="Austausch zu Herausforderungen und beispielhaften Vorhaben",
            is_example=True,
        )
        AgendaItem.objects.create(
            meeting=meeting,
            number="3",
            title="Interne Abstimmung der Koordination",
            visibility=Visibility.COORDINATION,
            is_example=True,
        )
        for index, membership in enumerate(members):
            Attendance.objects.create(
                meeting=meeting,
                person=membership.person,
                organisation=membership.on_behalf_of,
                response=Attendance.Response.REGISTERED,
                attended=(index + number) % 4 != 0,
            )
        if status == Meeting.Status.HELD:
            Minutes.objects.create(
                meeting=meeting,
                text="Die Kommunen berichten über ihre Herausforderungen; große Schnittmengen werden festgestellt.",
                status=Minutes.Status.PUBLISHED,
            )
    upcoming = timezone.localtime().replace(hour=14, minute=0, second=0, microsecond=0) + timedelta(days=21)
    meeting = Meeting.objects.create(
        committee=forum,
        title="Interkommunale Zusammenarbeit: die nächsten Schritte",
        number=6,
        start=upcoming,
        end=upcoming + timedelta(hours=2),
        format=Meeting.Format.HYBRID,
        location="Landratsamt Lörrach, Palmstraße 3, 79539 Lörrach",
        video_url="https://video.example.org/digitalisierungsforum",
        is_example=True,
    )
    AgendaItem.objects.create(meeting=meeting, number="1", title="Begrüßung", is_example=True)
    AgendaItem.objects.create(
        meeting=meeting, number="2", title="Weiterentwicklung zur Interkommunalen Zusammenarbeit (IKZ)", is_example=True
    )
    AgendaItem.objects.create(meeting=meeting, number="2.1", title="Willensbekundung der Kommunen", is_example=True)
    workshop_start = datetime(2022, 4, 6, 9, 0, tzinfo=_BERLIN)
    workshop = Event.objects.create(
        organiser=district,
        title="Kick-off-Workshop Interkommunale Zusammenarbeit",
        description="Gemeinsamer Startpunkt des Landkreises mit den Städten und Gemeinden für die IKZ.",
        start=workshop_start,
        end=workshop_start + timedelta(hours=7),
        location="Landratsamt Lörrach",
        capacity=60,
        registration_open=False,
        is_example=True,
    )
    for title in ("Digitale Verwaltungsleistungen (OZG)", "IT-Infrastruktur und Sicherheit", "Smart Region"):
        Track.objects.create(event=workshop, title=title, capacity=20)
