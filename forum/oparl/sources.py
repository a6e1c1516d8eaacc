"""Which public rows make up each OParl list and object kind."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Model, Q, QuerySet

from forum.council.models import Consultation, Paper, PaperAttachment
from forum.meetings.models import AgendaItem, AgendaItemAttachment, Meeting, MeetingAttachment
from forum.organisations.models import Committee, Membership, Person

from . import mapping, public
from .lists import Source, deleted_public


def _deleted_of(
    records: Callable[[], QuerySet[Any]], owner: str, owners: Callable[[], QuerySet[Any]], owner_model: type[Model]
) -> Callable[[], QuerySet[Any]]:
    """Deletion ``records`` whose owner (e.g. the meeting of an agenda item) is public now or was when deleted.

    So a deleted object inside something hidden is not announced either, not even by its id.
    """

    def deleted() -> QuerySet[Any]:
        return records().filter(
            Q(**{f"{owner}_id__in": owners()}) | Q(**{f"{owner}_id__in": deleted_public(owner_model).values("id")})
        )

    return deleted


def _deleted_files(
    model: Any, owner: str, owners: Callable[[], QuerySet[Any]], owner_model: type[Model]
) -> Callable[[], QuerySet[Any]]:
    return _deleted_of(lambda: model.history.filter(history_type="-"), owner, owners, owner_model)


ORGANIZATION = Source(
    "organization",
    "Organization",
    lambda: public.with_committee_data(public.committees()),
    mapping.organization,
    lambda: deleted_public(Committee),
)
PERSON = Source(
    "person", "Person", lambda: public.with_person_data(public.people()), mapping.person, lambda: deleted_public(Person)
)
MEMBERSHIP = Source(
    "membership",
    "Membership",
    public.memberships,
    mapping.membership,
    _deleted_of(lambda: deleted_public(Membership), "committee", public.committees, Committee),
)
MEETING = Source(
    "meeting",
    "Meeting",
    lambda: public.with_meeting_data(public.meetings()),
    mapping.meeting,
    _deleted_of(lambda: deleted_public(Meeting), "committee", public.committees, Committee),
)
AGENDA_ITEM = Source(
    "agendaitem",
    "AgendaItem",
    lambda: public.with_agenda_item_data(public.agenda_items()),
    mapping.agenda_item,
    _deleted_of(lambda: deleted_public(AgendaItem), "meeting", public.meetings, Meeting),
)
PAPER = Source(
    "paper", "Paper", lambda: public.with_paper_data(public.papers()), mapping.paper, lambda: deleted_public(Paper)
)
CONSULTATION = Source(
    "consultation",
    "Consultation",
    lambda: public.with_consultation_data(public.consultations()),
    mapping.consultation,
    _deleted_of(lambda: deleted_public(Consultation), "paper", public.papers, Paper),
)
LEGISLATIVE_TERM = Source(
    "legislativeterm",
    "LegislativeTerm",
    public.terms,
    mapping.legislative_term,
    lambda: deleted_public(Committee).filter(kind=Committee.Kind.COUNCIL),
)
FILES = [
    Source(
        "file",
        "File",
        lambda: public.meeting_files().select_related("stored_file"),
        lambda ctx, a: mapping.file(ctx, "meeting", a),
        _deleted_files(MeetingAttachment, "meeting", public.meetings, Meeting),
        prefix="meeting",
    ),
    Source(
        "file",
        "File",
        lambda: public.agenda_item_files().select_related("stored_file"),
        lambda ctx, a: mapping.file(ctx, "agendaitem", a),
        _deleted_files(AgendaItemAttachment, "agenda_item", public.agenda_items, AgendaItem),
        prefix="agendaitem",
    ),
    Source(
        "file",
        "File",
        lambda: public.paper_files().select_related("stored_file"),
        lambda ctx, a: mapping.file(ctx, "paper", a),
        _deleted_files(PaperAttachment, "paper", public.papers, Paper),
        prefix="paper",
    ),
]
LOCATIONS = [
    Source(
        "location",
        "Location",
        public.body_locations,
        lambda ctx, district: mapping.body_location(ctx, district, embedded=False),
        prefix="body",
    ),
    Source(
        "location",
        "Location",
        public.meeting_locations,
        mapping.meeting_location,
        _deleted_of(lambda: deleted_public(Meeting).exclude(location=""), "committee", public.committees, Committee),
        prefix="meeting",
    ),
]

# The Body's lists, by the name in its URL (the Body's attribute names).
LISTS: dict[str, list[Source]] = {
    "organization": [ORGANIZATION],
    "person": [PERSON],
    "meeting": [MEETING],
    "paper": [PAPER],
    "agendaItem": [AGENDA_ITEM],
    "consultation": [CONSULTATION],
    "file": FILES,
    "locationList": LOCATIONS,
    "legislativeTermList": [LEGISLATIVE_TERM],
    "membership": [MEMBERSHIP],
}

# The objects, by the kind in their URL.
OBJECTS: dict[str, list[Source]] = {
    "organization": [ORGANIZATION],
    "person": [PERSON],
    "membership": [MEMBERSHIP],
    "meeting": [MEETING],
    "agendaitem": [AGENDA_ITEM],
    "paper": [PAPER],
    "consultation": [CONSULTATION],
    "legislativeterm": [LEGISLATIVE_TERM],
    "file": FILES,
    "location": LOCATIONS,
}
