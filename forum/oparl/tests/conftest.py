"""A small council world with public and hidden objects of every OParl kind.

Everything hidden carries the word ``GEHEIM`` in its text, so a test can also check that no answer mentions it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings

from forum.core.models import Visibility
from forum.council.models import Consultation, Paper, PaperAttachment
from forum.documents.services import store_file
from forum.documents.tests.samples import pdf, png, upload
from forum.meetings.models import AgendaItem, AgendaItemAttachment, Meeting, MeetingAttachment
from forum.organisations.models import Committee, Membership, Organisation, Person

BERLIN = ZoneInfo("Europe/Berlin")
MEMBERS = Visibility.MEMBERS
SECRET = "GEHEIM"


@dataclass
class World:
    district: Organisation
    forum: Committee
    kreistag: Committee
    person: Person
    membership: Membership
    meeting: Meeting
    item: AgendaItem
    sub_item: AgendaItem
    paper: Paper
    consultation: Consultation
    meeting_file: MeetingAttachment
    item_file: AgendaItemAttachment
    main_file: PaperAttachment
    extra_file: PaperAttachment
    hidden: list[Any] = field(default_factory=list)  # every object that must never appear


def _file(name: str, data: bytes) -> Any:
    return store_file(upload(name, data), by=None)


def berlin(year: int, month: int, day: int, hour: int = 14) -> datetime:
    return datetime(year, month, day, hour, tzinfo=BERLIN)


def build_world() -> World:
    district = Organisation.objects.get(ags=settings.FORUM_KREISSCHLUESSEL)
    hidden: list[Any] = []
    forum = Committee.objects.create(
        name="Kommunales Digitalisierungsforum", short_name="Forum", kind=Committee.Kind.FORUM, organisation=district
    )
    kreistag = Committee.objects.create(
        name="Kreistag",
        kind=Committee.Kind.COUNCIL,
        organisation=district,
        start_date=date(2019, 7, 1),
        end_date=date(2024, 6, 30),
    )
    secret_committee = Committee.objects.create(
        name=f"{SECRET} Lenkungskreis", kind=Committee.Kind.WORKING_GROUP, organisation=district, visibility=MEMBERS
    )
    draft_committee = Committee.objects.create(
        name=f"{SECRET} Entwurf", kind=Committee.Kind.COUNCIL, organisation=district, is_draft=True
    )
    hidden += [secret_committee, draft_committee]

    person = Person.objects.create(
        organisation=district, title="Dr.", given_name="Marion", family_name="Dammann", function="Landrätin"
    )
    membership = Membership.objects.create(
        person=person, committee=kreistag, role="Vorsitz", start_date=date(2019, 7, 1)
    )
    secret_person = Person.objects.create(
        organisation=district, given_name=SECRET, family_name="Person", visibility=MEMBERS
    )
    hidden_membership = Membership.objects.create(person=secret_person, committee=forum)
    only_hidden = Person.objects.create(organisation=district, given_name="Nur", family_name=f"{SECRET}gremium")
    in_hidden_committee = Membership.objects.create(person=only_hidden, committee=secret_committee)
    members_only_membership = Membership.objects.create(
        person=Person.objects.create(organisation=district, given_name="Intern", family_name=SECRET),
        committee=forum,
        visibility=MEMBERS,
    )
    hidden += [secret_person, hidden_membership, only_hidden, in_hidden_committee, members_only_membership]
    hidden.append(members_only_membership.person)

    meeting = Meeting.objects.create(
        committee=forum,
        title="Digitalisierungsforum",
        number=5,
        start=berlin(2022, 1, 19),
        end=berlin(2022, 1, 19, 16),
        format=Meeting.Format.IN_PERSON,
        location="Landratsamt Lörrach, Palmstraße 3, 79539 Lörrach",
        status=Meeting.Status.HELD,
    )
    item = AgendaItem.objects.create(meeting=meeting, number="2", title="Digitalisierungsforum: Bericht")
    sub_item = AgendaItem.objects.create(meeting=meeting, number="2.1", title="Breitband")
    hidden += [
        AgendaItem.objects.create(meeting=meeting, number="3", title=f"{SECRET} Personal", visibility=MEMBERS),
        AgendaItem.objects.create(meeting=meeting, number="4", title=f"{SECRET} Entwurf", is_draft=True),
    ]
    secret_meeting = Meeting.objects.create(
        committee=forum,
        title=f"{SECRET} Vorbesprechung",
        start=berlin(2022, 1, 12),
        end=berlin(2022, 1, 12, 15),
        location=f"{SECRET} Raum",
        visibility=MEMBERS,
    )
    draft_meeting = Meeting.objects.create(
        committee=kreistag,
        title=f"{SECRET} Entwurf",
        start=berlin(2022, 2, 1),
        end=berlin(2022, 2, 1, 16),
        is_draft=True,
    )
    meeting_of_hidden_committee = Meeting.objects.create(
        committee=secret_committee, title=f"{SECRET} Lenkung", start=berlin(2022, 3, 1), end=berlin(2022, 3, 1, 16)
    )
    item_of_hidden_meeting = AgendaItem.objects.create(meeting=secret_meeting, number="1", title=f"{SECRET} TOP")
    hidden += [secret_meeting, draft_meeting, meeting_of_hidden_committee, item_of_hidden_meeting]

    meeting_file = MeetingAttachment.objects.create(
        meeting=meeting, stored_file=_file("Einladung.pdf", pdf()), title="Einladung"
    )
    item_file = AgendaItemAttachment.objects.create(agenda_item=item, stored_file=_file("Folien.pdf", pdf()))
    hidden += [
        MeetingAttachment.objects.create(meeting=secret_meeting, stored_file=_file("geheim.pdf", pdf()), title=SECRET),
        AgendaItemAttachment.objects.create(
            agenda_item=item_of_hidden_meeting, stored_file=_file("geheim.png", png()), title=SECRET
        ),
    ]

    paper = Paper.objects.create(
        organisation=district, serial=5, kind=Paper.Kind.NOTICE, date=date(2022, 1, 10), title="Digitalisierungsforum"
    )
    main_file = PaperAttachment.objects.create(paper=paper, stored_file=_file("Vorlage.pdf", pdf()), position=0)
    extra_file = PaperAttachment.objects.create(paper=paper, stored_file=_file("Präsentation.pdf", pdf()), position=1)
    consultation = Consultation.objects.create(
        paper=paper,
        committee=kreistag,
        date=date(2022, 1, 19),
        role=Consultation.Role.NOTICE,
        position=1,
    )
    # A public consultation in the forum at the public meeting's agenda item.
    at_item = Consultation.objects.create(
        paper=paper, committee=forum, date=date(2022, 1, 19), meeting=meeting, agenda_item=item, position=0
    )
    # Public consultation whose meeting is not public: the meeting must not be referenced.
    Consultation.objects.create(
        paper=paper, committee=forum, date=date(2022, 1, 12), meeting=secret_meeting, agenda_item=item_of_hidden_meeting
    )
    secret_paper = Paper.objects.create(
        organisation=district,
        kind=Paper.Kind.NOTICE,
        date=date(2022, 1, 11),
        title=f"{SECRET} Vorlage",
        visibility=MEMBERS,
    )
    draft_paper = Paper.objects.create(
        organisation=district, kind=Paper.Kind.NOTICE, date=date(2022, 1, 11), title=f"{SECRET} Entwurf", is_draft=True
    )
    hidden += [
        secret_paper,
        draft_paper,
        Consultation.objects.create(paper=secret_paper, committee=kreistag, date=date(2022, 1, 19)),
        Consultation.objects.create(paper=paper, committee=kreistag, date=date(2022, 2, 1), visibility=MEMBERS),
        Consultation.objects.create(paper=paper, committee=secret_committee, date=date(2022, 2, 1)),
        PaperAttachment.objects.create(paper=secret_paper, stored_file=_file("geheim2.pdf", pdf()), title=SECRET),
    ]
    assert at_item.pk
    return World(
        district=district,
        forum=forum,
        kreistag=kreistag,
        person=person,
        membership=membership,
        meeting=meeting,
        item=item,
        sub_item=sub_item,
        paper=paper,
        consultation=consultation,
        meeting_file=meeting_file,
        item_file=item_file,
        main_file=main_file,
        extra_file=extra_file,
        hidden=hidden,
    )


@pytest.fixture
def world(db: Any) -> World:
    return build_world()


def many_meetings(committee: Committee, count: int, start: datetime | None = None) -> list[Meeting]:
    """``count`` public meetings, created in bulk (no history needed for paging tests)."""
    first = start or berlin(2020, 1, 1)
    return Meeting.objects.bulk_create(
        Meeting(
            committee=committee,
            title=f"Sitzung {number}",
            start=first + timedelta(days=number),
            end=first + timedelta(days=number, hours=2),
            location="Lörrach",
        )
        for number in range(count)
    )
