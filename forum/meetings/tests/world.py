"""A small, complete meetings world for the view tests: one of everything each URL needs.

Each object is made on first use, so a test that needs only the meeting list builds no files or minutes;
``build_world(..., lazy=False)`` makes everything at once.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from forum.documents.services import store_file
from forum.documents.tests.samples import pdf, upload
from forum.meetings.models import (
    ActionItem,
    AgendaItem,
    AgendaItemAttachment,
    Attendance,
    CalendarToken,
    Event,
    Meeting,
    MeetingAttachment,
    Minutes,
    Track,
)
from forum.organisations.models import Committee, Membership, Organisation, Person


def attach(meeting: Meeting, item: AgendaItem | None = None, name: str = "Einladung.pdf") -> Any:
    """A PDF attached to ``item`` (if given) or to ``meeting``, stored by the real service."""
    stored = store_file(upload(name, pdf()), by=None)
    if item is not None:
        return AgendaItemAttachment.objects.create(agenda_item=item, stored_file=stored, title=name)
    return MeetingAttachment.objects.create(meeting=meeting, stored_file=stored, title=name)


class World:
    """The forum with one member from Binzen, and on demand: meetings in each state, files, minutes, an event."""

    def __init__(
        self, committee: Committee, binzen: Organisation, meeting_factory: Any, event_factory: Any, make_user: Any
    ) -> None:
        self.committee = committee
        self.binzen = binzen
        self._meeting_factory = meeting_factory
        self._event_factory = event_factory
        self._make_user = make_user
        self.member = Person.objects.create(
            given_name="Bea", family_name="Binz", organisation=binzen, email="bea.binz@binzen.example.org"
        )
        Membership.objects.create(person=self.member, committee=committee, on_behalf_of=binzen)

    @cached_property
    def meeting(self) -> Meeting:
        """Public, planned, three weeks ahead, number 6."""
        return self._meeting_factory(title="Sechstes Treffen", number=6)

    @cached_property
    def item(self) -> AgendaItem:
        return AgendaItem.objects.create(meeting=self.meeting, number="1", title="Begrüßung")

    @cached_property
    def meeting_file(self) -> MeetingAttachment:
        return attach(self.meeting)

    @cached_property
    def item_file(self) -> AgendaItemAttachment:
        return attach(self.meeting, self.item, "Folien.pdf")

    @cached_property
    def attendance(self) -> Attendance:
        return Attendance.objects.create(meeting=self.meeting, person=self.member, organisation=self.binzen)

    @cached_property
    def held(self) -> Meeting:
        """Held, with published minutes."""
        return self._meeting_factory(title="Fünftes Treffen", status=Meeting.Status.HELD)

    @cached_property
    def minutes(self) -> Minutes:
        return Minutes.objects.create(meeting=self.held, text="Protokoll", status=Minutes.Status.PUBLISHED)

    @cached_property
    def action(self) -> ActionItem:
        return ActionItem.objects.create(
            meeting=self.held, title="Umfrage auswerten", responsible_organisation=self.binzen
        )

    @cached_property
    def held_draft(self) -> Meeting:
        """Held, minutes still a draft."""
        return self._meeting_factory(title="Viertes Treffen", status=Meeting.Status.HELD)

    @cached_property
    def draft_minutes(self) -> Minutes:
        return Minutes.objects.create(meeting=self.held_draft, text="Entwurf")

    @cached_property
    def review(self) -> Meeting:
        """Held, minutes sent for corrections."""
        return self._meeting_factory(title="Drittes Treffen", status=Meeting.Status.HELD)

    @cached_property
    def review_minutes(self) -> Minutes:
        return Minutes.objects.create(meeting=self.review, text="Zur Korrektur", status=Minutes.Status.IN_REVIEW)

    @cached_property
    def event(self) -> Event:
        return self._event_factory(title="Kick-off-Workshop")

    @cached_property
    def track(self) -> Track:
        return Track.objects.create(event=self.event, title="OZG", capacity=5)

    @cached_property
    def token(self) -> CalendarToken:
        return CalendarToken.renew(self._make_user())


EVERYTHING = [
    "meeting",
    "item",
    "meeting_file",
    "item_file",
    "attendance",
    "held",
    "minutes",
    "action",
    "held_draft",
    "draft_minutes",
    "review",
    "review_minutes",
    "event",
    "track",
    "token",
]


def build_world(
    committee: Committee,
    binzen: Organisation,
    meeting_factory: Any,
    event_factory: Any,
    make_user: Any,
    *,
    lazy: bool = False,
) -> World:
    world = World(committee, binzen, meeting_factory, event_factory, make_user)
    if not lazy:
        for name in EVERYTHING:
            getattr(world, name)
    return world
